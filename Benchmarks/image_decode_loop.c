/* The physical reference for image-check on JPEG, WebP, TIFF and BMP: read each file into memory
 * and decode every pixel to 8-bit RGBA with the format's library, nothing else (no statistics, no
 * hashes, no checks). PNG has its own loop, png_decode_loop.c.
 *
 *   image_decode_loop FORMAT LIST     FORMAT: jpeg, webp, tiff or bmp; LIST: one path per line
 *
 *   jpeg: libjpeg-turbo from memory (jpeg_mem_src), JCS_EXT_RGBA, one scanline at a time, the
 *         library's default DCT method and upsampling (what Assay's shim asks for)
 *   webp: libwebp's WebPDecodeRGBA into one buffer
 *   tiff: libtiff from memory (TIFFClientOpen), TIFFReadRGBAImage into one raster
 *   bmp:  no library decodes BMP alone on Debian: a minimal reader of uncompressed 24 and 32-bit
 *         BI_RGB rows (what ImageMagick's BMP3: writes for an RGB picture) to RGBA, no checks
 *         beyond what keeps it in bounds; anything else counts as failed
 *
 * Built with -DASSAY_SHIM and the C files of Sources/CImageShim, the same loop calls Assay's
 * decoders instead (RGBA rows, EXIF/XMP scan, luma statistics, pixel hash and the downscaled copy
 * the fingerprints are made from, under image-check's default limits): the C cost of the stage
 * without the Swift engine around it.
 *
 * Prints: files, bytes, decoded, failed. Exit status 0 unless the arguments or the list are bad. */
#include "decode_list.h"
#include <stdio.h> /* before jpeglib.h, which needs size_t and FILE */
#include <stdlib.h>
#include <string.h>
#ifdef ASSAY_SHIM
#include "image_shim.h"
#else
#include <jpeglib.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <tiffio.h>
#include <webp/decode.h>
#endif

typedef int (*decoder)(const unsigned char *bytes, size_t length);

#ifdef ASSAY_SHIM
/* image-check's defaults: 20000 px sides, 40 Mpx, 1 MB of metadata, 512 MB per library. */
static const assay_image_limits limits = {20000, 20000, 40000000, 1000000, 512ull << 20};

static int shim_jpeg(const unsigned char *b, size_t n) {
    assay_image_result r;
    return assay_jpeg_decode(b, n, &limits, &r) == ASSAY_IMAGE_OK;
}
static int shim_webp(const unsigned char *b, size_t n) {
    assay_image_result r;
    return assay_webp_decode(b, n, &limits, &r) == ASSAY_IMAGE_OK;
}
static int shim_tiff(const unsigned char *b, size_t n) {
    assay_image_result r;
    return assay_tiff_decode(b, n, &limits, &r) == ASSAY_IMAGE_OK;
}
static int shim_bmp(const unsigned char *b, size_t n) {
    assay_image_result r;
    return assay_bmp_decode(b, n, &limits, &r) == ASSAY_IMAGE_OK;
}
static decoder pick(const char *format) {
    if (strcmp(format, "jpeg") == 0) return shim_jpeg;
    if (strcmp(format, "webp") == 0) return shim_webp;
    if (strcmp(format, "tiff") == 0) return shim_tiff;
    if (strcmp(format, "bmp") == 0) return shim_bmp;
    return NULL;
}
#else
/* --- JPEG: libjpeg-turbo --- */
typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
} jpeg_failure;

static void jpeg_quit(j_common_ptr c) { longjmp(((jpeg_failure *)c->err)->jump, 1); }
static void jpeg_quiet(j_common_ptr c, int level) { (void)c; (void)level; }

static int decode_jpeg(const unsigned char *bytes, size_t length) {
    struct jpeg_decompress_struct c;
    jpeg_failure failure;
    unsigned char *volatile row = NULL;
    c.err = jpeg_std_error(&failure.base);
    failure.base.error_exit = jpeg_quit;
    failure.base.emit_message = jpeg_quiet;
    if (setjmp(failure.jump)) {
        jpeg_destroy_decompress(&c);
        free(row);
        return 0;
    }
    jpeg_create_decompress(&c);
    jpeg_mem_src(&c, bytes, (unsigned long)length);
    jpeg_read_header(&c, TRUE);
    c.out_color_space = (c.jpeg_color_space == JCS_CMYK || c.jpeg_color_space == JCS_YCCK) ? JCS_CMYK : JCS_EXT_RGBA;
    jpeg_start_decompress(&c);
    row = malloc((size_t)c.output_width * (size_t)c.output_components);
    if (row == NULL) longjmp(failure.jump, 1);
    while (c.output_scanline < c.output_height) {
        JSAMPROW target = row;
        if (jpeg_read_scanlines(&c, &target, 1) != 1) longjmp(failure.jump, 1);
    }
    jpeg_finish_decompress(&c);
    jpeg_destroy_decompress(&c);
    free(row);
    return 1;
}

/* --- WebP: libwebp --- */
static int decode_webp(const unsigned char *bytes, size_t length) {
    int width = 0, height = 0;
    uint8_t *rgba = WebPDecodeRGBA(bytes, length, &width, &height);
    if (rgba == NULL) return 0;
    WebPFree(rgba);
    return 1;
}

/* --- TIFF: libtiff from memory --- */
typedef struct {
    const unsigned char *bytes;
    toff_t length, offset;
} memory;

static tmsize_t tiff_read(thandle_t h, void *out, tmsize_t count) {
    memory *m = (memory *)h;
    if (count < 0) return -1;
    toff_t left = m->offset < m->length ? m->length - m->offset : 0;
    toff_t n = (toff_t)count < left ? (toff_t)count : left;
    memcpy(out, m->bytes + m->offset, (size_t)n);
    m->offset += n;
    return (tmsize_t)n;
}
static tmsize_t tiff_write(thandle_t h, void *in, tmsize_t count) { (void)h; (void)in; (void)count; return -1; }
static toff_t tiff_seek(thandle_t h, toff_t offset, int whence) {
    memory *m = (memory *)h;
    toff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->offset : m->length;
    m->offset = base + offset;
    return m->offset;
}
static int tiff_close(thandle_t h) { (void)h; return 0; }
static toff_t tiff_size(thandle_t h) { return ((memory *)h)->length; }
static int tiff_map(thandle_t h, void **base, toff_t *size) {
    memory *m = (memory *)h;
    *base = (void *)m->bytes;
    *size = m->length;
    return 1;
}
static void tiff_unmap(thandle_t h, void *base, toff_t size) { (void)h; (void)base; (void)size; }
static void tiff_quiet(const char *module, const char *format, va_list ap) { (void)module; (void)format; (void)ap; }

static int decode_tiff(const unsigned char *bytes, size_t length) {
    memory m = {bytes, length, 0};
    TIFF *tif = TIFFClientOpen("bench", "r", (thandle_t)&m, tiff_read, tiff_write, tiff_seek, tiff_close, tiff_size,
                               tiff_map, tiff_unmap);
    if (tif == NULL) return 0;
    uint32_t width = 0, height = 0;
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height);
    uint32_t *raster = width && height ? malloc((size_t)width * height * sizeof *raster) : NULL;
    int ok = raster != NULL && TIFFReadRGBAImage(tif, width, height, raster, 1);
    free(raster);
    TIFFClose(tif);
    return ok;
}

/* --- BMP: uncompressed 24 and 32-bit BI_RGB only --- */
static uint32_t le32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

static int decode_bmp(const unsigned char *bytes, size_t length) {
    if (length < 54 || bytes[0] != 'B' || bytes[1] != 'M') return 0;
    uint32_t offset = le32(bytes + 10), header = le32(bytes + 14);
    if (header < 40) return 0;
    int32_t width = (int32_t)le32(bytes + 18), height = (int32_t)le32(bytes + 22);
    unsigned bits = bytes[28] | bytes[29] << 8;
    uint32_t compression = le32(bytes + 30);
    if (compression != 0 || (bits != 24 && bits != 32) || width <= 0 || height == 0) return 0;
    int bottom_up = height > 0;
    uint32_t rows = (uint32_t)(height > 0 ? height : -height), step = bits / 8;
    size_t stride = ((size_t)width * bits + 31) / 32 * 4;
    if (offset > length || (size_t)rows * stride > length - offset) return 0;
    unsigned char *row = malloc(4 * (size_t)width);
    if (row == NULL) return 0;
    for (uint32_t y = 0; y < rows; y++) {
        const unsigned char *in = bytes + offset + (size_t)(bottom_up ? rows - 1 - y : y) * stride;
        for (int32_t x = 0; x < width; x++, in += step) {
            row[4 * x] = in[2];
            row[4 * x + 1] = in[1];
            row[4 * x + 2] = in[0];
            row[4 * x + 3] = 255;
        }
        __asm__ volatile("" : : "r"(row) : "memory"); /* the row is used: keep the conversion */
    }
    free(row);
    return 1;
}

static decoder pick(const char *format) {
    if (strcmp(format, "jpeg") == 0) return decode_jpeg;
    if (strcmp(format, "webp") == 0) return decode_webp;
    if (strcmp(format, "tiff") == 0) return decode_tiff;
    if (strcmp(format, "bmp") == 0) return decode_bmp;
    return NULL;
}
#endif

int main(int argc, char **argv) {
    decoder decode = argc == 3 ? pick(argv[1]) : NULL;
    if (decode == NULL) {
        fprintf(stderr, "usage: %s jpeg|webp|tiff|bmp LIST\n", argv[0]);
        return 2;
    }
#ifndef ASSAY_SHIM
    TIFFSetWarningHandler(tiff_quiet);
    TIFFSetErrorHandler(tiff_quiet);
#endif
    return decode_list(argv[2], decode);
}
