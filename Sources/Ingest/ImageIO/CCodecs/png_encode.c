// PNG encoding with libpng into memory; the Swift side writes the bytes atomically.
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>
#include "codec_error.h"

typedef struct png_sink {
    uint8_t *bytes;
    size_t size;
    size_t capacity;
    char message[VAD_CODEC_ERROR_SIZE];
} png_sink;

static void sink_fail(png_structp png, png_const_charp text) {
    png_sink *sink = png_get_error_ptr(png);
    vad_set_error(sink->message, "%s", text);
    png_longjmp(png, 1);
}

static void sink_ignore_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void sink_write(png_structp png, png_bytep bytes, size_t count) {
    png_sink *sink = png_get_io_ptr(png);
    if (count > sink->capacity - sink->size) {
        size_t capacity = sink->capacity * 2 > sink->size + count ? sink->capacity * 2 : sink->size + count;
        uint8_t *grown = realloc(sink->bytes, capacity);
        if (!grown) png_error(png, "out of memory");
        sink->bytes = grown;
        sink->capacity = capacity;
    }
    memcpy(sink->bytes + sink->size, bytes, count);
    sink->size += count;
}

static void sink_flush(png_structp png) { (void)png; }

int vad_png_encode(const uint8_t *pixels, int32_t width, int32_t height, int32_t channels,
                   uint8_t **png, size_t *size, char *error) {
    // Heap state: the jump back must not depend on locals changed after setjmp.
    png_sink *sink = calloc(1, sizeof *sink);
    png_structp writer = sink ? png_create_write_struct(PNG_LIBPNG_VER_STRING, sink, sink_fail, sink_ignore_warning) : NULL;
    png_infop info = writer ? png_create_info_struct(writer) : NULL;
    if (!info) {
        vad_set_error(error, "out of memory");
        png_destroy_write_struct(writer ? &writer : NULL, NULL);
        free(sink);
        return -1;
    }
    if (setjmp(png_jmpbuf(writer))) {
        vad_set_error(error, "%s", sink->message);
        png_destroy_write_struct(&writer, &info);
        free(sink->bytes);
        free(sink);
        return -1;
    }
    png_set_write_fn(writer, sink, sink_write, sink_flush);
    png_set_IHDR(writer, info, (png_uint_32)width, (png_uint_32)height, 8,
                 channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(writer, info);
    size_t stride = (size_t)width * (size_t)channels;
    for (int32_t y = 0; y < height; y++) png_write_row(writer, pixels + (size_t)y * stride);
    png_write_end(writer, info);
    png_destroy_write_struct(&writer, &info);
    *png = sink->bytes;
    *size = sink->size;
    free(sink);
    return 0;
}

void vad_codec_free(void *memory) { free(memory); }
