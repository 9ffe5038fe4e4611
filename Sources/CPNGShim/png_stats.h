/* Per-image statistics accumulated one decoded RGBA8 row (or interlace pass row) at a time, so the
 * decoder never holds more than one row: every statistic is independent of pixel order. */
#ifndef ASSAY_PNG_STATS_H
#define ASSAY_PNG_STATS_H

#include "png_shim.h"

/* The perceptual hash works on a GRID x GRID image of mean luma. */
#define ASSAY_GRID 32
/* Content measures (sharpness) work on the image area-scaled to at most PLANE px on its long side. */
#define ASSAY_PLANE 64

typedef struct {
    uint32_t width, height;
    uint64_t hash;                      /* sum of position-keyed pixel mixes */
    uint64_t sum_black, sum_sq_black;   /* luma composited over black, 0..255 */
    uint64_t sum_white, sum_sq_white;   /* luma composited over white, 0..255 */
    uint64_t sum_alpha;
    uint64_t cell_sum[ASSAY_GRID][ASSAY_GRID];  /* luma over white per grid cell */
    uint64_t column_end[ASSAY_GRID];    /* first image column past each grid column */
    uint64_t plane_sum[ASSAY_PLANE][ASSAY_PLANE]; /* luma over white per plane cell */
    uint64_t plane_column_end[ASSAY_PLANE];       /* first image column past each plane column */
    uint32_t plane_width, plane_height;
    uint64_t hist_white[4][256];        /* luma over white, four interleaved copies (no store stalls) */
    uint64_t hist_black[4][256];        /* luma over black, images with alpha only, likewise */
    uint32_t chroma_max;                /* largest max - min channel of a pixel with alpha > 0 */
    int weighted;                       /* width and height >= GRID: pixels split between grid cells by area */
    uint8_t *column_cell;               /* weighted: the grid column each image column starts in (width bytes) */
    uint8_t *column_left;               /* weighted: 32nds of that column's pixel in it; the rest is in the next */
    uint8_t *shade;                     /* scratch: one row of luma over white, then one over black (2 x width bytes) */
    int opaque;                         /* every alpha is 255: over black = over white = luma */
} assay_png_stats;

/* `shade` must hold 4 x `width` bytes and live until the last row (two rows of shades, then the
 * weighted grid's column tables). `opaque`: the image has no alpha
 * channel and no tRNS, so every alpha the decoder adds is 255 (a faster path, same results). */
void assay_png_stats_init(assay_png_stats *s, uint32_t width, uint32_t height, uint8_t *shade, int opaque);

/* Adds `count` RGBA8 pixels of image row `y`, at columns x0, x0 + dx, x0 + 2 dx, ... (dx 1, 2, 4 or 8). */
void assay_png_stats_row(assay_png_stats *s, const uint8_t *rgba, uint32_t count, uint32_t y, uint32_t x0,
                         uint32_t dx);

/* Fills pixel_hash, phash and its variants, ahash, luma_mean, luma_stddev, alpha_mean and the content
 * measures (dark_p99, light_p5, entropy, sharpness, chroma_max). */
void assay_png_stats_finish(const assay_png_stats *s, assay_png_result *r);

#endif
