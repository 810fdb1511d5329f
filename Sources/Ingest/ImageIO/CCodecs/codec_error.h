// Error text shared by the codecs: messages are one line, whatever the library wrote.
#ifndef VAD_CODEC_ERROR_H
#define VAD_CODEC_ERROR_H

#include <stdarg.h>
#include <stdio.h>
#include "CImageCodecs.h"

/// Formats into `error` (VAD_CODEC_ERROR_SIZE bytes), turning line breaks into spaces.
static inline void vad_set_error(char *error, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(error, VAD_CODEC_ERROR_SIZE, format, arguments);
    va_end(arguments);
    for (char *c = error; *c; c++) {
        if (*c == '\n' || *c == '\r') *c = ' ';
    }
}

#endif
