/// The Python side of the PIL comparisons, run with Debian's /usr/bin/python3 (PIL 9.4, NumPy).
///
/// `make GROUP DIR` writes test images of one group (png, tiff, bmp, pnm, jpeg; `unsupported` holds
/// files PIL writes that we refuse), lists them in DIR/fixtures.txt as "NAME NATIVE_CHANNELS" and, but
/// for `unsupported`, also writes PIL's decoding as for `reference`.
/// `reference DIR PATH...` writes, for the i-th path, DIR/i.L and DIR/i.RGB (the raw bytes of PIL's
/// convert('L') and convert('RGB')) and a line "WIDTH HEIGHT MODE" in DIR/reference.txt.
/// PIL cannot write every variant (16-bit RGB PNG, interlacing, tiles, top-down BMP, odd maxvals), so
/// those are written byte by byte here; PIL still decodes them for the reference.
let pilScript = #"""
import os, struct, sys, zlib
import numpy as np
from PIL import Image

rng = np.random.default_rng(7)
W, H = 37, 23

def noise(*shape, high=256):
    return rng.integers(0, high, size=shape).astype(np.uint8 if high <= 256 else np.uint16)

def scene(h, w, channels):
    # Gradients plus noise: structure for the JPEG encoder to keep, colour for the upsampler.
    y, x = np.mgrid[0:h, 0:w]
    planes = [(x * 7 + y * 3) % 256, (x * 2 + y * 9 + 40) % 256, (255 - x * 5) % 256]
    image = np.stack(planes[:channels], axis=-1) + rng.integers(-20, 21, size=(h, w, channels))
    return np.clip(image, 0, 255).astype(np.uint8)

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

def png_rows(a, depth):
    out = b""
    for row in a:
        flat = row.reshape(-1)
        if depth == 16:
            data = flat.astype(">u2").tobytes()
        elif depth == 8:
            data = flat.astype("u1").tobytes()
        else:
            bits = np.unpackbits(flat.astype("u1")[:, None], axis=1)[:, 8 - depth:]
            data = np.packbits(bits.reshape(-1)).tobytes()
        out += b"\0" + data
    return out

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]

def write_png(path, a, depth, colour, palette=None, trns=None, interlace=False):
    h, w = a.shape[:2]
    if interlace:
        raw = b"".join(png_rows(a[y::dy, x::dx], depth) for x, y, dx, dy in ADAM7 if a[y::dy, x::dx].size)
    else:
        raw = png_rows(a, depth)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, colour, 0, 0, int(interlace)))
    if palette is not None:
        data += chunk(b"PLTE", bytes(palette))
    if trns is not None:
        data += chunk(b"tRNS", trns)
    open(path, "wb").write(data + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

def write_tiff(path, a, rows_per_strip=None, tile=None):
    # Little-endian, uncompressed, in strips of rows_per_strip rows or in tile x tile tiles.
    h, w, c = a.shape
    pieces = []
    if tile:
        for ty in range(0, h, tile):
            for tx in range(0, w, tile):
                block = np.zeros((tile, tile, c), np.uint8)
                part = a[ty:ty + tile, tx:tx + tile]
                block[:part.shape[0], :part.shape[1]] = part
                pieces.append(block.tobytes())
    else:
        pieces = [a[y:y + rows_per_strip].tobytes() for y in range(0, h, rows_per_strip)]
    out = bytearray(b"II*\0\0\0\0\0")
    offsets = []
    for piece in pieces:
        offsets.append(len(out))
        out += piece
    if len(out) % 2:
        out += b"\0"
    counts = [len(p) for p in pieces]
    entries = {256: (4, [w]), 257: (4, [h]), 258: (3, [8] * c), 259: (3, [1]), 262: (3, [1 if c == 1 else 2]),
               277: (3, [c]), 284: (3, [1])}
    if tile:
        entries.update({322: (4, [tile]), 323: (4, [tile]), 324: (4, offsets), 325: (4, counts)})
    else:
        entries.update({273: (4, offsets), 278: (4, [rows_per_strip]), 279: (4, counts)})
    values = {}
    for tag, (kind, items) in sorted(entries.items()):
        blob = b"".join(struct.pack("<H" if kind == 3 else "<I", v) for v in items)
        if len(blob) <= 4:
            values[tag] = blob.ljust(4, b"\0")
        else:
            values[tag] = struct.pack("<I", len(out))
            out += blob
    ifd = len(out)
    out += struct.pack("<H", len(entries))
    for tag, (kind, items) in sorted(entries.items()):
        out += struct.pack("<HHI", tag, kind, len(items)) + values[tag]
    out += b"\0\0\0\0"
    out[4:8] = struct.pack("<I", ifd)
    open(path, "wb").write(out)

def write_bmp(path, a, bits, palette=None, top_down=False, masks=None):
    # 40-byte header; 8-bit indices, 24-bit BGR, or 32-bit with byte-aligned bit-field masks.
    h, w = a.shape[:2]
    stride = (w * bits + 31) // 32 * 4
    rows = a if top_down else a[::-1]
    if bits == 8:
        samples = rows[..., 0]
    elif bits == 24:
        samples = rows[..., ::-1]
    else:
        samples = noise(h, w, 4)  # the byte no mask names holds junk that must be ignored
        for channel, mask in enumerate(masks):
            samples[..., mask.bit_length() // 8 - 1] = rows[..., channel]
    body = b"".join(bytes(row.tobytes()).ljust(stride, b"\0") for row in samples)
    table = b"".join(bytes([b, g, r, 0]) for r, g, b in palette) if palette is not None else b""
    fields = struct.pack("<III", *masks) if masks else b""
    header = struct.pack("<IiiHHIIiiII", 40, w, -h if top_down else h, 1, bits, 3 if masks else 0, len(body),
                         2835, 2835, len(palette) if palette is not None else 0, 0)
    offset = 14 + 40 + len(fields) + len(table)
    open(path, "wb").write(b"BM" + struct.pack("<IHHI", offset + len(body), 0, 0, offset) + header + fields + table + body)

def write_pnm(path, magic, a, maxval, ascii=False):
    h, w = a.shape[:2]
    head = f"{magic}\n# written by the ImageIO tests\n{w} {h}\n{maxval}\n".encode()
    if ascii:
        body = "".join(" ".join(str(v) for v in row.reshape(-1)) + "\n# a comment between rows\n" for row in a).encode()
    else:
        body = a.astype(">u2" if maxval > 255 else "u1").tobytes()
    open(path, "wb").write(head + body)

def palette_image(entries):
    image = Image.fromarray(noise(H, W), "P")
    image.putpalette(entries)
    return image

def make(group, out):
    made = []
    def keep(name, native):
        made.append((name, native))
        return os.path.join(out, name)
    def save(name, image, native, **options):
        image.save(keep(name, native), **options)
    colours = list(noise(768))
    greys = [v for i in rng.permutation(256) for v in (i, i, i)]
    if group == "png":
        save("1.png", Image.fromarray(noise(H, W) > 127), 1)
        save("L.png", Image.fromarray(noise(H, W)), 1)
        save("LA.png", Image.fromarray(noise(H, W, 2), "LA"), 1)
        save("RGB.png", Image.fromarray(noise(H, W, 3)), 3)
        save("RGBA.png", Image.fromarray(noise(H, W, 4)), 3)
        save("P.png", palette_image(colours), 3)
        save("P-greys.png", palette_image(greys), 1)
        save("P-transparency.png", palette_image(colours), 3, transparency=5)
        save("I16.png", Image.fromarray(rng.integers(0, 600, (H, W)).astype(np.uint16), "I;16"), 1)
        write_png(keep("grey2.png", 1), noise(H, W, 1, high=4), 2, 0)
        write_png(keep("grey4.png", 1), noise(H, W, 1, high=16), 4, 0)
        write_png(keep("palette1.png", 3), noise(H, W, 1, high=2), 1, 3, palette=noise(6))
        write_png(keep("palette4.png", 3), noise(H, W, 1, high=16), 4, 3, palette=noise(48))
        write_png(keep("grey16.png", 1), noise(H, W, 1, high=65536), 16, 0)
        write_png(keep("RGB16.png", 3), noise(H, W, 3, high=65536), 16, 2)
        write_png(keep("RGBA16.png", 3), noise(H, W, 4, high=65536), 16, 6)
        write_png(keep("LA16.png", 1), noise(H, W, 2, high=65536), 16, 4)
        write_png(keep("L-interlaced.png", 1), noise(H, W, 1), 8, 0, interlace=True)
        write_png(keep("RGB-interlaced.png", 3), noise(H, W, 3), 8, 2, interlace=True)
        write_png(keep("grey16-interlaced.png", 1), rng.integers(0, 600, (H, W, 1)), 16, 0, interlace=True)
        write_png(keep("palette2-interlaced.png", 3), noise(H, W, 1, high=4), 2, 3, palette=noise(12), interlace=True)
        write_png(keep("L-trns.png", 1), noise(H, W, 1), 8, 0, trns=struct.pack(">H", 7))
        write_png(keep("RGB-trns.png", 3), noise(H, W, 3), 8, 2, trns=struct.pack(">HHH", 1, 2, 3))
    elif group == "tiff":
        save("L.tif", Image.fromarray(noise(H, W)), 1)
        save("RGB.tif", Image.fromarray(noise(H, W, 3)), 3)
        save("L-lzw.tif", Image.fromarray(noise(H, W)), 1, compression="tiff_lzw")
        save("RGB-deflate.tif", Image.fromarray(noise(H, W, 3)), 3, compression="tiff_adobe_deflate")
        save("RGB-packbits.tif", Image.fromarray(noise(H, W, 3)), 3, compression="packbits")
        write_tiff(keep("L-strips.tif", 1), noise(H, W, 1), rows_per_strip=5)
        write_tiff(keep("RGB-strips.tif", 3), noise(H, W, 3), rows_per_strip=4)
        write_tiff(keep("L-tiles.tif", 1), noise(H, W, 1), tile=16)
        write_tiff(keep("RGB-tiles.tif", 3), noise(H, W, 3), tile=16)
    elif group == "bmp":
        save("L.bmp", Image.fromarray(noise(H, W)), 1)
        save("P.bmp", palette_image(colours), 3)
        save("RGB.bmp", Image.fromarray(noise(H, W, 3)), 3)
        save("RGBA.bmp", Image.fromarray(noise(H, W, 4)), 3)
        write_bmp(keep("RGB-top-down.bmp", 3), noise(H, W, 3), 24, top_down=True)
        write_bmp(keep("P16-top-down.bmp", 3), noise(H, W, 1, high=16), 8, palette=noise(16, 3), top_down=True)
        write_bmp(keep("RGB-bitfields.bmp", 3), noise(H, W, 3), 32, masks=(0xFF000000, 0xFF0000, 0xFF00))
    elif group == "pnm":
        save("L.pgm", Image.fromarray(noise(H, W)), 1)
        save("RGB.ppm", Image.fromarray(noise(H, W, 3)), 3)
        write_pnm(keep("ascii.pgm", 1), "P2", noise(H, W, 1), 255, ascii=True)
        write_pnm(keep("ascii.ppm", 3), "P3", noise(H, W, 3), 255, ascii=True)
        write_pnm(keep("ascii-maxval7.pgm", 1), "P2", noise(H, W, 1, high=8), 7, ascii=True)
        write_pnm(keep("ascii-maxval1000.ppm", 3), "P3", rng.integers(0, 1001, (H, W, 3)), 1000, ascii=True)
        write_pnm(keep("maxval15.pgm", 1), "P5", noise(H, W, 1, high=20), 15)
        write_pnm(keep("maxval200.ppm", 3), "P6", noise(H, W, 3, high=256), 200)
        write_pnm(keep("maxval300.pgm", 1), "P5", rng.integers(0, 301, (H, W, 1)), 300)
        write_pnm(keep("maxval1000.ppm", 3), "P6", rng.integers(0, 1001, (H, W, 3)), 1000)
        write_pnm(keep("maxval65535.pgm", 1), "P5", rng.integers(0, 600, (H, W, 1)), 65535)
    elif group == "jpeg":
        save("L.jpg", Image.fromarray(scene(H, W, 1)[..., 0]), 1)
        save("RGB.jpg", Image.fromarray(scene(H, W, 3)), 3)
        save("RGB-444.jpg", Image.fromarray(scene(H, W, 3)), 3, subsampling=0, quality=90)
        save("RGB-422.jpg", Image.fromarray(scene(H, W, 3)), 3, subsampling=1)
        save("RGB-progressive.jpg", Image.fromarray(scene(H, W, 3)), 3, progressive=True)
        save("RGB-17x9.jpg", Image.fromarray(scene(9, 17, 3)), 3, quality=40)
        save("RGB-1x1.jpg", Image.fromarray(scene(1, 1, 3)), 3)
        save("L-optimized.jpg", Image.fromarray(scene(31, 45, 1)[..., 0]), 1, optimize=True)
    elif group == "unsupported":
        save("CMYK.jpg", Image.fromarray(noise(H, W, 4), "CMYK"), 0)
        save("CMYK.tif", Image.fromarray(noise(H, W, 4), "CMYK"), 0)
        save("I16.tif", Image.fromarray(noise(H, W, high=65536), "I;16"), 0)
        save("P.tif", palette_image(colours), 0)
        save("RGBA.tif", Image.fromarray(noise(H, W, 4)), 0)
        save("F.tif", Image.fromarray(rng.random((H, W)).astype(np.float32), "F"), 0)
        save("1.tif", Image.fromarray(noise(H, W) > 127), 0)
        save("1.bmp", Image.fromarray(noise(H, W) > 127), 0)
        save("1.pbm", Image.fromarray(noise(H, W) > 127), 0)
    else:
        sys.exit(f"unknown group {group}")
    with open(os.path.join(out, "fixtures.txt"), "w") as listing:
        listing.writelines(f"{name} {native}\n" for name, native in made)
    if group != "unsupported":
        reference([os.path.join(out, name) for name, _ in made], out)

def reference(paths, out):
    with open(os.path.join(out, "reference.txt"), "w") as listing:
        for i, path in enumerate(paths):
            image = Image.open(path)
            image.load()
            open(os.path.join(out, f"{i}.L"), "wb").write(image.convert("L").tobytes())
            open(os.path.join(out, f"{i}.RGB"), "wb").write(image.convert("RGB").tobytes())
            listing.write(f"{image.width} {image.height} {image.mode}\n")

if sys.argv[1] == "make":
    make(sys.argv[2], sys.argv[3])
else:
    reference(sys.argv[3:], sys.argv[2])
"""#
