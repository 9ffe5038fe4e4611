/* The physical reference for png-check: read each file into memory and decode every row with
 * libpng, nothing else (no transforms, no statistics, no checks). One row buffer; interlaced
 * images go through png_set_interlace_handling, so every pass is inflated and unfiltered.
 *
 *   png_decode_loop LIST      LIST: one path per line
 *
 * Built with -DASSAY_SHIM and the C files of Sources/CImageShim, the same loop calls Assay's
 * decoder instead (RGBA8 rows, chunk walk, pixel hash, dHash, luma statistics, under png-check's
 * default limits): the C cost of the png-check stage without the engine around it.
 *
 * Prints: files, bytes, decoded, failed. Exit status 0 unless the list cannot be read. */
#ifdef ASSAY_SHIM
#include "png_shim.h"
#else
#include <png.h>
#include <setjmp.h>
#endif
#include "decode_list.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef ASSAY_SHIM
static int decode(const unsigned char *bytes, size_t length) {
    /* png-check's defaults: 20000 px sides, 40 Mpx, 256 + 2 cached chunks, 1 MB per chunk. */
    static const assay_png_limits limits = {20000, 20000, 40000000, 258, 1000000, 1};
    assay_png_result result;
    return assay_png_decode(bytes, length, &limits, &result) == ASSAY_PNG_OK;
}
#else
typedef struct {
    const unsigned char *bytes;
    size_t length, offset;
} source;

static void read_bytes(png_structp png, png_bytep out, size_t count) {
    source *s = (source *)png_get_io_ptr(png);
    if (count > s->length - s->offset) png_error(png, "unexpected end of file");
    memcpy(out, s->bytes + s->offset, count);
    s->offset += count;
}

static void quiet_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static void quiet_error(png_structp png, png_const_charp message) {
    (void)message;
    png_longjmp(png, 1);
}

/* Decodes one PNG; 1 on success. The longjmp path reads only `row`, which is volatile. */
static int decode(const unsigned char *bytes, size_t length) {
    source s = {bytes, length, 0};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, quiet_error, quiet_warning);
    if (png == NULL) return 0;
    png_infop info = png_create_info_struct(png);
    unsigned char *volatile row = NULL;
    if (info == NULL || setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        free(row);
        return 0;
    }
    png_set_read_fn(png, &s, read_bytes);
    png_read_info(png, info);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    row = malloc(png_get_rowbytes(png, info));
    if (row == NULL) png_error(png, "out of memory");
    for (int pass = 0; pass < passes; pass++)
        for (png_uint_32 y = 0; y < height; y++) png_read_row(png, row, NULL);
    png_read_end(png, info);
    png_destroy_read_struct(&png, &info, NULL);
    free(row);
    return 1;
}
#endif

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s LIST\n", argv[0]);
        return 2;
    }
    return decode_list(argv[1], decode);
}
