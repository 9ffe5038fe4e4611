/* Per-image statistics accumulated one decoded RGBA8 row (or interlace pass row) at a time, so the
 * decoder never holds more than one row: every statistic is independent of pixel order. */
#ifndef ASSAY_IMAGE_STATS_H
#define ASSAY_IMAGE_STATS_H

#include "image_shim.h"

/* The perceptual hash works on a GRID x GRID image of mean luma. */
#define ASSAY_GRID 32
/* Content measures (sharpness) work on the image area-scaled to at most PLANE px on its long side. */
#define ASSAY_PLANE 64
/* Edge width is measured at viewing size: the image area-scaled to at most VIEW px on its long side. */
#define ASSAY_VIEW 512

typedef struct {
    uint32_t width, height;             /* the picture the statistics see: halved each way when shrink is 2 */
    uint32_t full_width, full_height;   /* the decoded picture, which the pixel hash covers */
    uint32_t shrink;                    /* 1, or 2: rows are averaged 2 x 2 before the statistics */
    uint8_t *pending;                   /* shrink 2: the halved row waiting for the other row of its pair */
    uint8_t *halved;                    /* shrink 2: scratch for the row being halved */
    int64_t pending_pair;               /* the pair index of `pending`, -1 when empty */
    uint64_t hash;                      /* sum of position-keyed pixel mixes */
    uint64_t sum_black, sum_sq_black;   /* luma composited over black, 0..255 */
    uint64_t sum_white, sum_sq_white;   /* luma composited over white, 0..255 */
    uint64_t sum_alpha;
    uint64_t cell_sum[ASSAY_GRID][ASSAY_GRID];  /* luma over white per grid cell */
    uint64_t column_end[ASSAY_GRID];    /* first image column past each grid column */
    uint64_t plane_sum[ASSAY_PLANE][ASSAY_PLANE]; /* luma over white per plane cell */
    uint64_t plane_column_end[ASSAY_PLANE];       /* first image column past each plane column */
    uint32_t plane_width, plane_height;
    uint64_t *view_sum;                 /* heap, view_height x view_width: luma over white per view cell */
    uint64_t *view_column_end;          /* heap, view_width: first image column past each view column */
    uint32_t view_width, view_height;
    uint64_t hist_white[4][256];        /* luma over white, four interleaved copies (no store stalls) */
    uint64_t hist_black[4][256];        /* luma over black, images with alpha only, likewise */
    uint32_t chroma_max;                /* largest max - min channel of a pixel with alpha > 0 */
    int weighted;                       /* width and height >= GRID: pixels split between grid cells by area */
    uint8_t *column_cell;               /* weighted: the grid column each image column starts in (width bytes) */
    uint8_t *column_left;               /* weighted: 32nds of that column's pixel in it; the rest is in the next */
    uint8_t *shade;                     /* scratch: one row of luma over white, then one over black (2 x width bytes) */
    int opaque;                         /* every alpha is 255: over black = over white = luma */
} assay_image_stats;

/* `whole_rows`: every row comes whole (x0 0, dx 1), each once, the two rows of every pair (y, y ^ 1)
 * one after the other, in any order of pairs. A picture at least twice viewing size on its long
 * side is then measured averaged 2 x 2 (a quarter of the work for every statistic but the pixel
 * hash, which covers every decoded pixel); Adam7 passes must say 0.
 * Returns 0, or -1 when the viewing-size plane cannot be allocated. `shade` must hold 4 x `width` bytes and live until the last row (two rows of shades, then the
 * weighted grid's column tables). `opaque`: the image has no alpha
 * channel and no tRNS, so every alpha the decoder adds is 255 (a faster path, same results). */
int assay_image_stats_init(assay_image_stats *s, uint32_t width, uint32_t height, uint8_t *shade, int opaque,
                           int whole_rows);

/* Frees what init allocated (the viewing-size plane); safe on a zeroed or finished struct. */
void assay_image_stats_free(assay_image_stats *s);

/* Adds `count` RGBA8 pixels of image row `y`, at columns x0, x0 + dx, x0 + 2 dx, ... (dx 1, 2, 4 or 8). */
void assay_image_stats_row(assay_image_stats *s, const uint8_t *rgba, uint32_t count, uint32_t y, uint32_t x0,
                         uint32_t dx);

/* Fills pixel_hash, phash and its variants, ahash, luma_mean, luma_stddev, alpha_mean and the content
 * measures (dark_p99, light_p5, entropy, sharpness, chroma_max, edge_width). `orientation` (EXIF
 * 1..8) turns the picture as a viewer would before the perceptual and mean hashes are taken. */
void assay_image_stats_finish(assay_image_stats *s, int orientation, assay_image_measures *r);

/* The symmetry index t (see phash_variants) that shows a picture stored under EXIF `orientation`
 * upright; 0 for 1 and for any invalid value. */
unsigned assay_image_orientation_symmetry(int orientation);

#endif
