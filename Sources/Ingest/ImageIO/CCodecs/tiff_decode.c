// TIFF decoding with libtiff from memory: 8-bit greyscale (min-is-black) and 8-bit RGB, interleaved,
// in strips or tiles, any compression libtiff reads. Other layouts are refused, naming what they are.
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>
#include "codec_error.h"

struct vad_tiff {
    TIFF *tiff;
    const uint8_t *data;
    size_t size;
    toff_t offset;
    uint8_t *tile;
    char message[VAD_CODEC_ERROR_SIZE];  // libtiff's first error, usually the telling one
};

static int tiff_error(TIFF *tiff, void *user, const char *module, const char *format, va_list arguments) {
    (void)tiff;
    (void)module;
    vad_tiff *decoder = user;
    if (!decoder->message[0]) {
        char text[VAD_CODEC_ERROR_SIZE];
        vsnprintf(text, sizeof text, format, arguments);
        vad_set_error(decoder->message, "%s", text);
    }
    return 1;
}

static int tiff_ignore_warning(TIFF *tiff, void *user, const char *module, const char *format, va_list arguments) {
    (void)tiff;
    (void)user;
    (void)module;
    (void)format;
    (void)arguments;
    return 1;
}

static tmsize_t tiff_read(thandle_t handle, void *out, tmsize_t count) {
    vad_tiff *decoder = handle;
    toff_t left = decoder->offset < decoder->size ? decoder->size - decoder->offset : 0;
    if ((toff_t)count > left) count = (tmsize_t)left;
    memcpy(out, decoder->data + decoder->offset, (size_t)count);
    decoder->offset += (toff_t)count;
    return count;
}

static tmsize_t tiff_write(thandle_t handle, void *bytes, tmsize_t count) {
    (void)handle;
    (void)bytes;
    (void)count;
    return -1;
}

static toff_t tiff_seek(thandle_t handle, toff_t offset, int whence) {
    vad_tiff *decoder = handle;
    toff_t base = whence == SEEK_CUR ? decoder->offset : whence == SEEK_END ? decoder->size : 0;
    decoder->offset = base + offset;
    return decoder->offset;
}

static int tiff_close(thandle_t handle) {
    (void)handle;
    return 0;
}

static toff_t tiff_size(thandle_t handle) { return ((vad_tiff *)handle)->size; }

// "Mapping" hands libtiff the bytes themselves, so raw strips are not copied twice.
static int tiff_map(thandle_t handle, void **base, toff_t *size) {
    vad_tiff *decoder = handle;
    *base = (void *)decoder->data;
    *size = decoder->size;
    return 1;
}

static void tiff_unmap(thandle_t handle, void *base, toff_t size) {
    (void)handle;
    (void)base;
    (void)size;
}

static const char *photometric_name(uint16_t photometric) {
    switch (photometric) {
    case PHOTOMETRIC_MINISWHITE: return "min-is-white greyscale";
    case PHOTOMETRIC_MINISBLACK: return "greyscale";
    case PHOTOMETRIC_RGB: return "RGB";
    case PHOTOMETRIC_PALETTE: return "palette";
    case PHOTOMETRIC_MASK: return "transparency mask";
    case PHOTOMETRIC_SEPARATED: return "CMYK";
    case PHOTOMETRIC_YCBCR: return "YCbCr";
    case PHOTOMETRIC_CIELAB: return "CIE Lab";
    default: return "unknown colour";
    }
}

static int fail(vad_tiff *decoder, char *error, const char *fallback) {
    vad_set_error(error, "%s", decoder->message[0] ? decoder->message : fallback);
    return -1;
}

static vad_tiff *give_up(vad_tiff *decoder) {
    vad_tiff_close(decoder);
    return NULL;
}

vad_tiff *vad_tiff_open(const uint8_t *data, size_t size, vad_image_header *header, char *error) {
    vad_tiff *decoder = calloc(1, sizeof *decoder);
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (!decoder || !options) {
        free(decoder);
        TIFFOpenOptionsFree(options);
        vad_set_error(error, "out of memory");
        return NULL;
    }
    decoder->data = data;
    decoder->size = size;
    TIFFOpenOptionsSetErrorHandlerExtR(options, tiff_error, decoder);
    TIFFOpenOptionsSetWarningHandlerExtR(options, tiff_ignore_warning, decoder);
    decoder->tiff = TIFFClientOpenExt("TIFF", "r", decoder, tiff_read, tiff_write, tiff_seek, tiff_close,
                                      tiff_size, tiff_map, tiff_unmap, options);
    TIFFOpenOptionsFree(options);
    if (!decoder->tiff) {
        fail(decoder, error, "not a readable TIFF file");
        return give_up(decoder);
    }
    uint32_t width = 0, height = 0;
    uint16_t bits = 0, samples = 0, photometric = 0, planar = 0, format = 0;
    TIFFGetField(decoder->tiff, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(decoder->tiff, TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(decoder->tiff, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(decoder->tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(decoder->tiff, TIFFTAG_PLANARCONFIG, &planar);
    TIFFGetFieldDefaulted(decoder->tiff, TIFFTAG_SAMPLEFORMAT, &format);
    if (!TIFFGetField(decoder->tiff, TIFFTAG_PHOTOMETRIC, &photometric)) photometric = 0xFFFF;
    int grey = photometric == PHOTOMETRIC_MINISBLACK && samples == 1;
    int rgb = photometric == PHOTOMETRIC_RGB && samples == 3;
    if (bits != 8 || format != SAMPLEFORMAT_UINT || !(grey || rgb)) {
        vad_set_error(error, "unsupported TIFF: %d-bit %s%s with %d samples per pixel (only 8-bit greyscale and RGB are read)",
                      bits, format == SAMPLEFORMAT_UINT ? "" : "non-integer ", photometric_name(photometric), samples);
        return give_up(decoder);
    }
    if (rgb && planar != PLANARCONFIG_CONTIG) {
        vad_set_error(error, "unsupported TIFF: RGB stored as separate planes (only interleaved RGB is read)");
        return give_up(decoder);
    }
    if (TIFFScanlineSize64(decoder->tiff) != (uint64_t)width * samples) {
        fail(decoder, error, "unsupported TIFF: unexpected row layout");
        return give_up(decoder);
    }
    if (width > INT32_MAX || height > INT32_MAX) {
        vad_set_error(error, "unsupported TIFF: %u x %u pixels", width, height);
        return give_up(decoder);
    }
    header->width = (int32_t)width;
    header->height = (int32_t)height;
    header->channels = samples;
    header->grey_palette = 0;
    return decoder;
}

static int read_strips(vad_tiff *decoder, uint8_t *pixels, size_t stride, uint32_t height, char *error) {
    uint32_t rows_per_strip = 0;
    TIFFGetFieldDefaulted(decoder->tiff, TIFFTAG_ROWSPERSTRIP, &rows_per_strip);
    if (rows_per_strip == 0 || rows_per_strip > height) rows_per_strip = height;
    uint32_t strip = 0;
    for (uint32_t row = 0; row < height; row += rows_per_strip, strip++) {
        uint32_t rows = height - row < rows_per_strip ? height - row : rows_per_strip;
        tmsize_t want = (tmsize_t)(rows * stride);
        if (TIFFReadEncodedStrip(decoder->tiff, strip, pixels + row * stride, want) != want) {
            return fail(decoder, error, "truncated TIFF data");
        }
    }
    return 0;
}

static int read_tiles(vad_tiff *decoder, uint8_t *pixels, uint32_t width, uint32_t height, size_t samples, char *error) {
    uint32_t tile_width = 0, tile_height = 0;
    TIFFGetField(decoder->tiff, TIFFTAG_TILEWIDTH, &tile_width);
    TIFFGetField(decoder->tiff, TIFFTAG_TILELENGTH, &tile_height);
    // A damaged header can claim tiles of gigabytes; real tiles barely overhang the image.
    if (tile_width == 0 || tile_height == 0 || tile_width > width + 1024 || tile_height > height + 1024) {
        vad_set_error(error, "unsupported TIFF: %u x %u tiles for a %u x %u image", tile_width, tile_height, width, height);
        return -1;
    }
    tmsize_t tile_size = TIFFTileSize(decoder->tiff);
    if ((size_t)tile_size != (size_t)tile_width * tile_height * samples) {
        return fail(decoder, error, "unsupported TIFF: unexpected tile layout");
    }
    decoder->tile = malloc((size_t)tile_size);
    if (!decoder->tile) return fail(decoder, error, "out of memory");
    for (uint32_t y = 0; y < height; y += tile_height) {
        for (uint32_t x = 0; x < width; x += tile_width) {
            uint32_t tile = TIFFComputeTile(decoder->tiff, x, y, 0, 0);
            if (TIFFReadEncodedTile(decoder->tiff, tile, decoder->tile, tile_size) != tile_size) {
                return fail(decoder, error, "truncated TIFF data");
            }
            uint32_t rows = height - y < tile_height ? height - y : tile_height;
            size_t span = (size_t)(width - x < tile_width ? width - x : tile_width) * samples;
            for (uint32_t r = 0; r < rows; r++) {
                memcpy(pixels + ((size_t)(y + r) * width + x) * samples, decoder->tile + (size_t)r * tile_width * samples, span);
            }
        }
    }
    return 0;
}

int vad_tiff_read(vad_tiff *decoder, uint8_t *pixels, char *error) {
    uint32_t width = 0, height = 0;
    uint16_t samples = 0;
    decoder->message[0] = 0;
    TIFFGetField(decoder->tiff, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(decoder->tiff, TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(decoder->tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
    if (TIFFIsTiled(decoder->tiff)) return read_tiles(decoder, pixels, width, height, samples, error);
    return read_strips(decoder, pixels, (size_t)width * samples, height, error);
}

void vad_tiff_close(vad_tiff *decoder) {
    if (!decoder) return;
    if (decoder->tiff) TIFFClose(decoder->tiff);
    free(decoder->tile);
    free(decoder);
}
