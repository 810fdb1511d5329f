// JPEG decoding with libjpeg(-turbo) at the settings PIL uses (JDCT_ISLOW, fancy upsampling), so the
// pixels are PIL's. Fatal errors and the warnings that mean damaged pixels longjmp back to the caller.
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <jpeglib.h>
#include <jerror.h>
#include "codec_error.h"

struct vad_jpeg {
    struct jpeg_decompress_struct info;
    struct jpeg_error_mgr errors;
    jmp_buf escape;
    char message[VAD_CODEC_ERROR_SIZE];
};

static void jpeg_fail(j_common_ptr info) {
    vad_jpeg *decoder = info->client_data;
    char text[JMSG_LENGTH_MAX];
    info->err->format_message(info, text);
    vad_set_error(decoder->message, "%s", text);
    longjmp(decoder->escape, 1);
}

// libjpeg only warns when data runs out (it pads with an end marker and the rest decodes grey) or the
// entropy-coded data is damaged. PIL raises for the first; we refuse both rather than return a
// silently damaged frame. Harmless warnings (extra bytes between markers, odd JFIF versions) pass.
static void jpeg_warn(j_common_ptr info, int level) {
    if (level >= 0) return;  // trace messages
    vad_jpeg *decoder = info->client_data;
    switch (info->err->msg_code) {
    case JWRN_JPEG_EOF:
        vad_set_error(decoder->message, "truncated JPEG data");
        longjmp(decoder->escape, 1);
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_ARITH_BAD_CODE:
    case JWRN_MUST_RESYNC: {
        char text[JMSG_LENGTH_MAX];
        info->err->format_message(info, text);
        vad_set_error(decoder->message, "%s", text);
        longjmp(decoder->escape, 1);
    }
    default:
        return;
    }
}

vad_jpeg *vad_jpeg_open(const uint8_t *data, size_t size, vad_image_header *header, char *error) {
    vad_jpeg *decoder = calloc(1, sizeof *decoder);
    if (!decoder) {
        vad_set_error(error, "out of memory");
        return NULL;
    }
    decoder->info.err = jpeg_std_error(&decoder->errors);
    decoder->errors.error_exit = jpeg_fail;
    decoder->errors.emit_message = jpeg_warn;
    if (setjmp(decoder->escape)) {
        vad_set_error(error, "%s", decoder->message);
        vad_jpeg_close(decoder);
        return NULL;
    }
    jpeg_create_decompress(&decoder->info);
    decoder->info.client_data = decoder;
    jpeg_mem_src(&decoder->info, data, (unsigned long)size);
    jpeg_read_header(&decoder->info, TRUE);
    switch (decoder->info.jpeg_color_space) {
    case JCS_GRAYSCALE:
        decoder->info.out_color_space = JCS_GRAYSCALE;
        break;
    case JCS_YCbCr:
    case JCS_RGB:
        decoder->info.out_color_space = JCS_RGB;
        break;
    case JCS_CMYK:
    case JCS_YCCK:
        vad_set_error(error, "CMYK JPEG is not supported (only greyscale and colour)");
        vad_jpeg_close(decoder);
        return NULL;
    default:
        vad_set_error(error, "unsupported JPEG colour space (%d components)", decoder->info.num_components);
        vad_jpeg_close(decoder);
        return NULL;
    }
    decoder->info.dct_method = JDCT_ISLOW;
    decoder->info.do_fancy_upsampling = TRUE;
    jpeg_start_decompress(&decoder->info);
    header->width = (int32_t)decoder->info.output_width;
    header->height = (int32_t)decoder->info.output_height;
    header->channels = decoder->info.output_components;
    header->grey_palette = 0;
    return decoder;
}

int vad_jpeg_read(vad_jpeg *decoder, uint8_t *pixels, char *error) {
    if (setjmp(decoder->escape)) {
        vad_set_error(error, "%s", decoder->message);
        return -1;
    }
    struct jpeg_decompress_struct *info = &decoder->info;
    size_t stride = (size_t)info->output_width * (size_t)info->output_components;
    // libjpeg writes its output rows straight into the image.
    enum { batch = 16 };
    JSAMPROW rows[batch];
    while (info->output_scanline < info->output_height) {
        JDIMENSION first = info->output_scanline;
        JDIMENSION count = info->output_height - first < batch ? info->output_height - first : batch;
        for (JDIMENSION i = 0; i < count; i++) rows[i] = pixels + (size_t)(first + i) * stride;
        jpeg_read_scanlines(info, rows, count);
    }
    // Reads up to the end marker, so data cut anywhere, even just before it, is an error as in PIL.
    jpeg_finish_decompress(info);
    return 0;
}

void vad_jpeg_close(vad_jpeg *decoder) {
    if (!decoder) return;
    jpeg_destroy_decompress(&decoder->info);
    free(decoder);
}
