/* What every decoder but libpng's does first and often: start a result, copy a message. */
#ifndef ASSAY_IMAGE_RESULT_H
#define ASSAY_IMAGE_RESULT_H

#include "image_shim.h"

/* Zeroes `r` and sets what holds until the decoder learns otherwise: `length` bytes given, one
 * frame, decoded at full scale, orientation 1 (upright). */
void assay_image_result_begin(assay_image_result *r, size_t length);

/* `src` into `dst` of `size` bytes, cut to fit and always NUL-terminated; NULL (a library that
 * gave no text) becomes "(no message)". */
void assay_copy_text(char *dst, size_t size, const char *src);

#endif
