// PNG decoding with libpng to 8-bit grey or RGB, the pixels PIL gives after convert('L') / ('RGB'):
// alpha and tRNS transparency are dropped, palettes and 1/2/4-bit grey expanded (scaled to 0..255),
// 16-bit samples reduced to their high byte, except 16-bit grey without alpha, which PIL opens as
// mode I and clips to 255 when converting.
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>
#include "codec_error.h"

struct vad_png {
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t size;
    size_t offset;
    int clip_sixteen_bit_grey;
    png_bytep *rows;
    uint8_t *wide;  // the 16-bit grey image before clipping
    char message[VAD_CODEC_ERROR_SIZE];
};

static void png_fail(png_structp png, png_const_charp text) {
    vad_png *decoder = png_get_error_ptr(png);
    vad_set_error(decoder->message, "%s", text);
    png_longjmp(png, 1);
}

static void png_ignore_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void png_read_memory(png_structp png, png_bytep out, size_t count) {
    vad_png *decoder = png_get_io_ptr(png);
    if (count > decoder->size - decoder->offset) png_error(png, "truncated PNG data");
    memcpy(out, decoder->data + decoder->offset, count);
    decoder->offset += count;
}

static int palette_is_grey(png_structp png, png_infop info) {
    png_colorp palette;
    int count = 0;
    if (!png_get_PLTE(png, info, &palette, &count)) return 0;
    for (int i = 0; i < count; i++) {
        if (palette[i].red != palette[i].green || palette[i].green != palette[i].blue) return 0;
    }
    return 1;
}

vad_png *vad_png_open(const uint8_t *data, size_t size, vad_image_header *header, char *error) {
    vad_png *decoder = calloc(1, sizeof *decoder);
    if (!decoder) {
        vad_set_error(error, "out of memory");
        return NULL;
    }
    decoder->data = data;
    decoder->size = size;
    decoder->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, decoder, png_fail, png_ignore_warning);
    decoder->info = decoder->png ? png_create_info_struct(decoder->png) : NULL;
    if (!decoder->info) {
        vad_set_error(error, "out of memory");
        vad_png_close(decoder);
        return NULL;
    }
    if (setjmp(png_jmpbuf(decoder->png))) {
        vad_set_error(error, "%s", decoder->message);
        vad_png_close(decoder);
        return NULL;
    }
    png_set_read_fn(decoder->png, decoder, png_read_memory);
    png_read_info(decoder->png, decoder->info);
    png_uint_32 width, height;
    int depth, colour;
    png_get_IHDR(decoder->png, decoder->info, &width, &height, &depth, &colour, NULL, NULL, NULL);
    header->grey_palette = 0;
    if (colour == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(decoder->png);  // adds alpha when tRNS is present; stripped below
        header->grey_palette = palette_is_grey(decoder->png, decoder->info);
    } else if (depth < 8) {
        png_set_expand_gray_1_2_4_to_8(decoder->png);
    }
    png_set_strip_alpha(decoder->png);
    if (depth == 16) {
        if (colour == PNG_COLOR_TYPE_GRAY) decoder->clip_sixteen_bit_grey = 1;
        else png_set_strip_16(decoder->png);
    }
    png_set_interlace_handling(decoder->png);
    png_read_update_info(decoder->png, decoder->info);
    int channels = png_get_channels(decoder->png, decoder->info);
    if (channels != 1 && channels != 3) {
        vad_set_error(error, "PNG colour type %d decodes to %d channels", colour, channels);
        vad_png_close(decoder);
        return NULL;
    }
    header->width = (int32_t)width;
    header->height = (int32_t)height;
    header->channels = channels;
    return decoder;
}

int vad_png_read(vad_png *decoder, uint8_t *pixels, char *error) {
    if (setjmp(png_jmpbuf(decoder->png))) {
        vad_set_error(error, "%s", decoder->message);
        return -1;
    }
    png_uint_32 width = png_get_image_width(decoder->png, decoder->info);
    png_uint_32 height = png_get_image_height(decoder->png, decoder->info);
    size_t stride = png_get_rowbytes(decoder->png, decoder->info);
    decoder->rows = malloc((size_t)height * sizeof *decoder->rows);
    // Interlaced images need every row at hand, so 16-bit grey goes through a whole wide buffer.
    uint8_t *target = pixels;
    if (decoder->clip_sixteen_bit_grey) target = decoder->wide = malloc((size_t)height * stride);
    if (!decoder->rows || !target) png_error(decoder->png, "out of memory");
    for (png_uint_32 y = 0; y < height; y++) decoder->rows[y] = target + (size_t)y * stride;
    png_read_image(decoder->png, decoder->rows);
    if (decoder->clip_sixteen_bit_grey) {
        size_t count = (size_t)width * height;
        for (size_t i = 0; i < count; i++) {
            uint8_t high = decoder->wide[2 * i], low = decoder->wide[2 * i + 1];
            pixels[i] = high ? 255 : low;
        }
    }
    return 0;
}

void vad_png_close(vad_png *decoder) {
    if (!decoder) return;
    png_destroy_read_struct(decoder->png ? &decoder->png : NULL, decoder->info ? &decoder->info : NULL, NULL);
    free(decoder->rows);
    free(decoder->wide);
    free(decoder);
}
