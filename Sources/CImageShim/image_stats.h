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
    uint64_t sum_alpha;
    uint64_t cell_sum[ASSAY_GRID][ASSAY_GRID];  /* luma over white per grid cell */
    uint64_t column_end[ASSAY_GRID];    /* first image column past each grid column */
    uint64_t plane_sum[ASSAY_PLANE][ASSAY_PLANE]; /* luma over white per plane cell */
    uint64_t plane_column_end[ASSAY_PLANE];       /* first image column past each plane column */
    uint32_t plane_width, plane_height;
    uint64_t *view_sum;                 /* heap, view_height x view_width: luma over white per view cell */
    uint64_t *view_column_end;          /* heap, view_width: first image column past each view column */
    uint32_t view_width, view_height;
    /* Luma histograms, four interleaved copies each (no store stalls); every luma sum is read off them. */
    uint64_t hist_white[4][256];        /* luma over white */
    uint64_t hist_black[4][256];        /* luma over black, images with alpha only */
    uint32_t chroma_max;                /* largest max - min channel of a pixel with alpha > 0 */
    int weighted;                       /* width and height >= GRID: pixels split between grid cells by area */
    /* weighted: the last column of grid column c and the 32nds of its pixel inside c (32 when the
     * pixel ends on the cell's edge; the rest of it lies in cell c + 1). Only that pixel can straddle. */
    uint64_t straddle_x[ASSAY_GRID];
    uint32_t straddle_left[ASSAY_GRID];
    uint8_t *shade;                     /* heap: one row of luma over white, then one over black (2 x width bytes) */
    uint32_t *prefix;                   /* heap: running sums of the white row, prefix[i] = shade[0] + ... + shade[i - 1], mod 2^32 */
    int opaque;                         /* every alpha is 255: over black = over white = luma */
    int row_hash;                       /* ASSAY_STATS_LOSSY: the pixel hash mixes whole rows */
} assay_image_stats;

/* What a decoder promises about the rows it will hand over (init's `flags`). */
enum {
    /* The image has no alpha channel and no tRNS, so every alpha the decoder adds is 255 (a faster
     * path, same results). */
    ASSAY_STATS_OPAQUE = 1,
    /* Every row comes whole (x0 0, dx 1), each once, the two rows of every pair (y, y ^ 1) one
     * after the other, in any order of pairs. A picture at least twice viewing size on its long
     * side is then measured averaged 2 x 2 (a quarter of the work for every statistic but the
     * pixel hash, which covers every decoded pixel). Adam7 passes cannot promise it. */
    ASSAY_STATS_WHOLE_ROWS = 2,
    /* The pixels are a lossy decode (JPEG, lossy WebP), which no other format reproduces exactly:
     * the pixel hash may then mix each whole row at once (a few times cheaper) instead of each
     * pixel, so its values differ from the lossless formats' for the same pixels. Needs WHOLE_ROWS. */
    ASSAY_STATS_LOSSY = 4
};

/* Returns 0, or -1 when the row scratch or the viewing-size plane cannot be allocated (then
 * nothing is left allocated), or the picture is 2^29 px wide or more (cell sums are 32-bit).
 * `flags`: ASSAY_STATS_* bits. */
int assay_image_stats_init(assay_image_stats *s, uint32_t width, uint32_t height, unsigned flags);

/* init's statistics on the heap, for decoders that do not keep them in a context of their own:
 * NULL when the struct or init's allocations fail. Release with assay_image_stats_delete. */
assay_image_stats *assay_image_stats_new(uint32_t width, uint32_t height, unsigned flags);

/* Frees a struct from assay_image_stats_new and what it holds; NULL is allowed. */
void assay_image_stats_delete(assay_image_stats *s);

/* Frees what init allocated (row scratch, viewing-size plane); safe on a zeroed or finished struct. */
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
