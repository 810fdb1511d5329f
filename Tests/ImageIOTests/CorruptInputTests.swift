import Foundation
import ImageIO
import TestSupport
import XCTest

/// Every way a frame file can be bad gives an ImageError, one line starting with the path; never a
/// crash, never a silently grey image.
final class CorruptInputTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// Writes `bytes` to a file in the scratch directory and expects reading it to fail.
    private func assertRefused(_ bytes: [UInt8], named name: String, contains fragment: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        let path = directory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        assertImageError(path, contains: fragment, file: file, line: line) { try ImageIO.read(path: path) }
    }


    func testTheSampleJPEGDecodes() throws {
        // Sums of PIL's decoding, so this file's cuts below start from a good JPEG.
        let image = try ImageIO.decode(SampleFiles.jpeg, name: "sample.jpg")
        XCTAssertEqual([image.width, image.height, image.channels], [24, 16, 3])
        XCTAssertEqual(image.pixels.reduce(0) { $0 + Int($1) }, 130_730)
        XCTAssertEqual(try ImageIO.decode(SampleFiles.jpeg, name: "sample.jpg", channels: .gray).pixels.reduce(0) { $0 + Int($1) }, 43_540)
    }

    func testEmptyAndUnrecognisedFiles() {
        for name in ["empty.png", "empty.jpg", "empty.tif", "empty.bmp", "empty.pgm"] {
            assertRefused([], named: name, contains: "empty file")
        }
        assertRefused(randomBytes(4096).map { $0 | 0x80 }, named: "random.jpg", contains: "not a PNG, JPEG, TIFF, BMP or PNM image")
        assertRefused(Array("P7\nWIDTH 4\n".utf8), named: "pam.pnm", contains: "not a PNG, JPEG, TIFF, BMP or PNM image")
    }

    /// Random data after a signature: each library's own complaint, whatever it is.
    func testASignatureFollowedByGarbage() {
        let garbage = randomBytes(2000)
        assertRefused([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + garbage, named: "garbage.png", contains: "")
        assertRefused([0xFF, 0xD8, 0xFF] + garbage, named: "garbage.jpg", contains: "")
        assertRefused([0x49, 0x49, 0x2A, 0x00] + garbage, named: "garbage.tif", contains: "")
        assertRefused([0x42, 0x4D] + garbage, named: "garbage.bmp", contains: "BMP")
        assertRefused(Array("P5\n".utf8) + garbage.map { $0 | 0x80 }, named: "garbage.pgm", contains: "PNM")
    }

    func testTruncatedJPEG() {
        let jpeg = SampleFiles.jpeg
        let scan = jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xDA }!
        // In the header, in the tables, in the scan, and only the end marker missing (PIL refuses that too).
        for cut in [3, 100, scan + 30, jpeg.count - 20, jpeg.count - 2] {
            assertRefused(Array(jpeg[..<cut]), named: "cut-\(cut).jpg", contains: "truncated JPEG data")
        }
    }

    func testCorruptJPEGScan() {
        var jpeg = SampleFiles.jpeg
        let scan = jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xDA }!
        // A marker in the middle of the entropy-coded data: libjpeg would fill the rest with grey.
        jpeg[scan + 30] = 0xFF
        jpeg[scan + 31] = 0xD9
        assertRefused(jpeg, named: "marker-in-scan.jpg", contains: "Corrupt JPEG data")
        var header = SampleFiles.jpeg
        let frame = header.indices.first { header[$0] == 0xFF && header[$0 + 1] == 0xC0 }!
        header[frame + 9] = 0  // zero components
        assertRefused(header, named: "no-components.jpg", contains: "Empty JPEG image")
    }

    func testTruncatedAndCorruptPNG() throws {
        let image = Image(width: 37, height: 23, channels: 3, pixels: randomBytes(37 * 23 * 3))
        try ImageIO.writePNG(image, to: directory + "/good.png")
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/good.png")))
        for cut in [8, 20, 40, png.count / 2, png.count - 20] {
            assertRefused(Array(png[..<cut]), named: "cut-\(cut).png", contains: "truncated PNG data")
        }
        var flipped = png
        flipped[png.count / 2] ^= 0x55
        assertRefused(flipped, named: "damaged.png", contains: "IDAT")
    }

    func testTruncatedAndUnsupportedTIFF() {
        let tiff = SampleFiles.tiff(width: 37, height: 23, samples: 3, photometric: 2)
        XCTAssertEqual(try ImageIO.decode(tiff, name: "rgb.tif").pixels, Array(tiff[(tiff.count - 37 * 23 * 3)...]))
        let cuts = [6: "Cannot read TIFF header", 30: "Can not read TIFF directory", tiff.count - 100: "Read error on strip 0"]
        for (cut, fragment) in cuts {
            assertRefused(Array(tiff[..<cut]), named: "cut-\(cut).tif", contains: fragment)
        }
        assertRefused(SampleFiles.tiff(width: 5, height: 4, samples: 1, bits: 16, photometric: 1), named: "16.tif",
                      contains: "unsupported TIFF: 16-bit greyscale with 1 samples per pixel")
        assertRefused(SampleFiles.tiff(width: 5, height: 4, samples: 2, photometric: 1), named: "grey-alpha.tif",
                      contains: "unsupported TIFF: 8-bit greyscale with 2 samples per pixel")
        assertRefused(SampleFiles.tiff(width: 5, height: 4, samples: 1, photometric: 0), named: "white.tif",
                      contains: "unsupported TIFF: 8-bit min-is-white greyscale")
    }

    func testTruncatedAndUnsupportedBMP() {
        let bmp = SampleFiles.bmp(width: 37, height: 23)
        XCTAssertEqual(try ImageIO.decode(bmp, name: "rgb.bmp").width, 37)
        assertRefused(Array(bmp[..<10]), named: "cut-10.bmp", contains: "truncated BMP header")
        assertRefused(Array(bmp[..<40]), named: "cut-40.bmp", contains: "truncated BMP header")
        assertRefused(Array(bmp[..<(bmp.count - 1)]), named: "cut-data.bmp", contains: "truncated BMP data")
        let palette = SampleFiles.bmp(width: 8, height: 8, bits: 8)
        XCTAssertEqual(try ImageIO.decode(palette, name: "palette.bmp").channels, 1, "a palette of greys")
        assertRefused(Array(palette[..<300]), named: "cut-palette.bmp", contains: "truncated BMP palette")
        assertRefused(SampleFiles.bmp(width: 8, height: 8, bits: 8, compression: 1), named: "rle8.bmp", contains: "RLE-compressed BMP is not supported")
        assertRefused(SampleFiles.bmp(width: 8, height: 8, bits: 4, compression: 2), named: "rle4.bmp", contains: "RLE-compressed BMP is not supported")
        assertRefused(SampleFiles.bmp(width: 8, height: 8, bits: 16), named: "16.bmp", contains: "16-bit BMP is not supported")
        assertRefused(SampleFiles.bmp(width: 8, height: 8, bits: 4), named: "4.bmp", contains: "4-bit BMP is not supported")
        assertRefused(SampleFiles.bmp(width: 8, height: 8, compression: 4), named: "jpeg.bmp", contains: "BMP holding a JPEG or PNG")
        assertRefused(SampleFiles.bmp(width: 8, height: 8, headerSize: 99), named: "header.bmp", contains: "unsupported BMP header (99 bytes)")
        assertRefused(SampleFiles.bmp(width: 0, height: 8), named: "empty.bmp", contains: "image has no pixels")
        assertRefused(SampleFiles.bmp(width: 8, height: 8, bits: 32, compression: 3), named: "fields.bmp", contains: "bit fields")
    }

    func testTruncatedAndInvalidPNM() throws {
        try ImageIO.writePNM(Image(width: 5, height: 4, channels: 3, pixels: randomBytes(60)), to: directory + "/good.ppm")
        let ppm = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/good.ppm")))
        assertRefused(Array(ppm[..<(ppm.count - 1)]), named: "cut-data.ppm", contains: "truncated PNM data")
        assertRefused(Array(ppm[..<6]), named: "cut-header.ppm", contains: "truncated PNM header")
        let cases: [(String, String, String)] = [
            ("P2\n2 2\n255\n1 2 3\n", "short.pgm", "truncated PNM data"),
            ("P2\n2 2\n255\n1 2 3 x\n", "letter.pgm", "invalid PNM sample 'x'"),
            ("P2\n2 2\n7\n1 2 3 8\n", "over.pgm", "PNM sample 8 exceeds maxval 7"),
            ("P5\n2 2\n0\n\0\0\0\0", "maxval0.pgm", "PNM maxval must be 1 to 65535, got 0"),
            ("P5\n2 2\n70000\n", "maxval70000.pgm", "PNM maxval must be 1 to 65535, got 70000"),
            ("P5\n2 x\n255\n", "size.pgm", "invalid PNM header value 'x'"),
            ("P5\n2 12345678901\n255\n", "long.pgm", "PNM token too long"),
            ("P5\n0 0\n255\n", "zero.pgm", "image has no pixels (0 x 0)"),
            ("P6\n100000 100000\n255\n", "huge.ppm", "image too large"),
            ("P4\n8 1\n\u{FF}", "bitmap.pbm", "PBM bitmaps (P1, P4) are not supported"),
            ("P1\n1 1\n1\n", "ascii.pbm", "PBM bitmaps (P1, P4) are not supported"),
        ]
        for (text, name, fragment) in cases { assertRefused(Array(text.utf8), named: name, contains: fragment) }
    }

    func testMissingFileAndDirectory() {
        assertImageError(directory + "/missing.png", contains: "No such file or directory") { try ImageIO.read(path: self.directory + "/missing.png") }
        let folder = directory + "/frames.png"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        assertImageError(folder, contains: "is a directory") { try ImageIO.read(path: folder) }
    }

    func testDecodeNamesTheSourceInErrors() {
        assertImageError("video 3, frame 12", contains: "truncated JPEG data") {
            try ImageIO.decode(Array(SampleFiles.jpeg.prefix(300)), name: "video 3, frame 12")
        }
    }
}
