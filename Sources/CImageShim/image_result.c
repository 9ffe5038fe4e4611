#include "image_result.h"

#include <stdio.h>
#include <string.h>

void assay_image_result_begin(assay_image_result *r, size_t length) {
    memset(r, 0, sizeof *r);
    r->length = length;
    r->frames = 1;
    r->decode_scale = 1;
    r->orientation = 1;
}

void assay_copy_text(char *dst, size_t size, const char *src) { snprintf(dst, size, "%s", src != NULL ? src : "(no message)"); }
