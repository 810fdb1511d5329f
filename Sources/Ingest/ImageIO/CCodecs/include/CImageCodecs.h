// The C side of ImageIO: libjpeg and libpng report fatal errors by longjmp, which Swift cannot catch,
// so every call into them happens here behind setjmp. libtiff lives here too, for its C callbacks.
//
// Each decoder has the same shape: `open` parses the header and says what `read` will write, `read`
// decodes into a caller-owned buffer of width * height * channels bytes, `close` frees the decoder
// (after a failed `read` too). On failure `open` returns NULL and `read` returns -1, leaving a
// one-line message in `error` (VAD_CODEC_ERROR_SIZE bytes). The input bytes must outlive the decoder.
#ifndef VAD_IMAGE_CODECS_H
#define VAD_IMAGE_CODECS_H

#include <stddef.h>
#include <stdint.h>

#define VAD_CODEC_ERROR_SIZE 256

/// What `read` will write.
typedef struct vad_image_header {
    int32_t width;
    int32_t height;
    /// 1 (grey) or 3 (RGB) bytes per pixel, rows packed.
    int32_t channels;
    /// PNG only: the pixels come from a palette whose entries are all grey (R = G = B).
    int32_t grey_palette;
} vad_image_header;

typedef struct vad_jpeg vad_jpeg;
vad_jpeg *vad_jpeg_open(const uint8_t *data, size_t size, vad_image_header *header, char *error);
int vad_jpeg_read(vad_jpeg *decoder, uint8_t *pixels, char *error);
void vad_jpeg_close(vad_jpeg *decoder);

typedef struct vad_png vad_png;
vad_png *vad_png_open(const uint8_t *data, size_t size, vad_image_header *header, char *error);
int vad_png_read(vad_png *decoder, uint8_t *pixels, char *error);
void vad_png_close(vad_png *decoder);

typedef struct vad_tiff vad_tiff;
vad_tiff *vad_tiff_open(const uint8_t *data, size_t size, vad_image_header *header, char *error);
int vad_tiff_read(vad_tiff *decoder, uint8_t *pixels, char *error);
void vad_tiff_close(vad_tiff *decoder);

/// Encodes 8-bit grey (channels 1) or RGB (channels 3) pixels as a PNG in memory. On success returns
/// 0 and sets `*png` (free it with `vad_codec_free`) and `*size`; on failure returns -1.
int vad_png_encode(const uint8_t *pixels, int32_t width, int32_t height, int32_t channels,
                   uint8_t **png, size_t *size, char *error);
void vad_codec_free(void *memory);

#endif
