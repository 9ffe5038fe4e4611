#include "image_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 64x64 -> 128-bit multiply folded to 64 bits: a fast, non-linear mix (as in wyhash). */
static inline uint64_t mum(uint64_t a, uint64_t b) {
    __uint128_t p = (__uint128_t)a * b;
    return (uint64_t)p ^ (uint64_t)(p >> 64);
}

/* splitmix64's finaliser. */
static uint64_t finalize(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

/* The long side scaled to `most`, the short one rounded (at least 1); an image no larger is itself. */
static void scaled_size(uint32_t width, uint32_t height, uint64_t most, uint32_t *out_width, uint32_t *out_height) {
    uint64_t longest = width > height ? width : height;
    if (longest <= most) {
        *out_width = width;
        *out_height = height;
        return;
    }
    uint64_t w = ((uint64_t)width * most + longest / 2) / longest;
    uint64_t h = ((uint64_t)height * most + longest / 2) / longest;
    *out_width = (uint32_t)(w ? w : 1);
    *out_height = (uint32_t)(h ? h : 1);
}

int assay_image_stats_init(assay_image_stats *s, uint32_t width, uint32_t height, unsigned flags) {
    const int whole_rows = (flags & ASSAY_STATS_WHOLE_ROWS) != 0, opaque = (flags & ASSAY_STATS_OPAQUE) != 0;
    memset(s, 0, sizeof *s);
    /* Cell sums are differences of 32-bit running sums: exact while no cell spans 2^24 px, which
     * holds for every picture under 2^29 px across (the grid has 32 columns). */
    if (width >= (1u << 29)) return -1;
    s->full_width = width;
    s->full_height = height;
    s->pending_pair = -1;
    s->shrink = whole_rows && (width > height ? width : height) >= 2 * ASSAY_VIEW ? 2 : 1;
    if (s->shrink == 2) {
        width = (width + 1) / 2;
        height = (height + 1) / 2;
        s->pending = malloc(4 * (size_t)width);
        s->halved = malloc(4 * (size_t)width);
        if (s->pending == NULL || s->halved == NULL) {
            assay_image_stats_free(s);
            return -1;
        }
    }
    s->width = width;
    s->height = height;
    s->opaque = opaque;
    s->row_hash = whole_rows && (flags & ASSAY_STATS_LOSSY) != 0;
    s->shade = malloc(2 * (size_t)width);
    s->prefix = malloc(((size_t)width + 1) * sizeof *s->prefix);
    if (s->shade == NULL || s->prefix == NULL) {
        assay_image_stats_free(s);
        return -1;
    }
    s->prefix[0] = 0;
    /* Image column x lies in grid column x * GRID / width, which ends before the smallest x with
     * x * GRID / width > c. Computed once, so rows need no division. */
    for (uint64_t c = 0; c < ASSAY_GRID; c++)
        s->column_end[c] = ((c + 1) * width + ASSAY_GRID - 1) / ASSAY_GRID;
    /* An image at least GRID pixels each way is area-averaged into the grid exactly, as a good
     * resize is: in grid units a pixel spans [32x / width, 32 (x + 1) / width), at most one cell
     * edge, and the 32nds on each side are integers. Hard cell edges would move by up to a pixel
     * with the image's size, and a resized copy would hash differently. */
    s->weighted = width >= ASSAY_GRID && height >= ASSAY_GRID;
    if (s->weighted)
        for (uint64_t c = 0; c < ASSAY_GRID; c++) {
            const uint64_t x = s->column_end[c] - 1, left = (c + 1) * width - x * ASSAY_GRID;
            s->straddle_x[c] = x;
            s->straddle_left[c] = (uint32_t)(left < ASSAY_GRID ? left : ASSAY_GRID);
        }
    /* The plane keeps the aspect ratio: the long side scaled to PLANE, the short one rounded (at least 1). */
    scaled_size(width, height, ASSAY_PLANE, &s->plane_width, &s->plane_height);
    for (uint64_t c = 0; c < s->plane_width; c++)
        s->plane_column_end[c] = ((c + 1) * width + s->plane_width - 1) / s->plane_width;
    scaled_size(width, height, ASSAY_VIEW, &s->view_width, &s->view_height);
    s->view_sum = calloc((size_t)s->view_width * s->view_height, sizeof *s->view_sum);
    s->view_column_end = malloc((size_t)s->view_width * sizeof *s->view_column_end);
    if (s->view_sum == NULL || s->view_column_end == NULL) {
        assay_image_stats_free(s);
        return -1;
    }
    for (uint64_t c = 0; c < s->view_width; c++)
        s->view_column_end[c] = ((c + 1) * width + s->view_width - 1) / s->view_width;
    return 0;
}

void assay_image_stats_free(assay_image_stats *s) {
    free(s->view_sum);
    free(s->view_column_end);
    free(s->pending);
    free(s->halved);
    free(s->shade);
    free(s->prefix);
    s->view_sum = NULL;
    s->view_column_end = NULL;
    s->pending = NULL;
    s->halved = NULL;
    s->shade = NULL;
    s->prefix = NULL;
}

assay_image_stats *assay_image_stats_new(uint32_t width, uint32_t height, unsigned flags) {
    assay_image_stats *s = malloc(sizeof *s);
    if (s == NULL) return NULL;
    if (assay_image_stats_init(s, width, height, flags) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

void assay_image_stats_delete(assay_image_stats *s) {
    if (s == NULL) return;
    assay_image_stats_free(s);
    free(s);
}

/* One RGBA8 pixel as r | g << 8 | b << 16 | a << 24, whatever the byte order. */
static inline uint32_t load_pixel(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    return v;
}

/* On x86-64, the per-pixel loops are compiled twice, for AVX2 (32-bit max and min, eight lanes)
 * and for the SSE2 baseline, and the loader picks one for the machine (an ifunc). */
#if defined(__x86_64__) && defined(__linux__) && (defined(__clang__) || defined(__GNUC__))
#define VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define VECTOR_CLONES
#endif

/* BT.601 luma of 8-bit r, g, b, rounded: 0..255. */
static inline uint32_t luma_of(uint32_t r, uint32_t g, uint32_t b) { return (77 * r + 150 * g + 29 * b + 128) >> 8; }

/* max(r, g, b) - min(r, g, b). */
static inline uint32_t spread_of(uint32_t r, uint32_t g, uint32_t b) {
    const uint32_t hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
    const uint32_t lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
    return hi - lo;
}

/* Each opaque pixel's luma into `shade`; returns the largest channel spread. Whole 32-bit pixels
 * in 32-bit lanes: a loop the compiler vectorises. */
VECTOR_CLONES static uint32_t luma_opaque(const uint8_t *rgba, uint8_t *shade, uint32_t n) {
    uint32_t chroma = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint32_t p = load_pixel(rgba + 4 * (size_t)i);
        const uint32_t r = p & 255, g = (p >> 8) & 255, b = (p >> 16) & 255, spread = spread_of(r, g, b);
        chroma = spread > chroma ? spread : chroma;
        shade[i] = (uint8_t)luma_of(r, g, b);
    }
    return chroma;
}

/* luma_opaque for pixels with alpha: luma composited over white into `shade` and over black into
 * `shade_black`; adds the alphas to *alpha; the spread counts only where alpha > 0 (a transparent
 * pixel may hold any colour). */
VECTOR_CLONES static uint32_t luma_alpha(const uint8_t *rgba, uint8_t *shade, uint8_t *shade_black, uint32_t n, uint64_t *alpha) {
    uint32_t chroma = 0;
    uint64_t alphas = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint32_t p = load_pixel(rgba + 4 * (size_t)i);
        const uint32_t r = p & 255, g = (p >> 8) & 255, b = (p >> 16) & 255, a = p >> 24;
        const uint32_t spread = a != 0 ? spread_of(r, g, b) : 0;
        chroma = spread > chroma ? spread : chroma;
        const uint32_t scaled = luma_of(r, g, b) * a + 128;
        const uint32_t over_black = (scaled + (scaled >> 8)) >> 8; /* luma * a / 255, rounded */
        shade[i] = (uint8_t)(over_black + (255 - a));
        shade_black[i] = (uint8_t)over_black;
        alphas += a;
    }
    *alpha += alphas;
    return chroma;
}

/* Counts each shade in one of four histograms in turn, so runs of one value do not wait on one
 * counter; with `prefix`, also writes the running sums prefix[1..count] (prefix[0] is 0). Always
 * inlined: each call site passes a constant `prefix` or NULL, so the compiler drops the sums where
 * they are not wanted and the loop stays written once. */
static inline __attribute__((always_inline))
void histogram(uint64_t hist[4][256], const uint8_t *shade, uint32_t count, uint32_t *prefix) {
    uint32_t i = 0, sum = 0;
    for (; i + 4 <= count; i += 4) {
        const uint32_t a = shade[i], b = shade[i + 1], c = shade[i + 2], d = shade[i + 3];
        hist[0][a]++;
        hist[1][b]++;
        hist[2][c]++;
        hist[3][d]++;
        if (prefix != NULL) {
            prefix[i + 1] = sum += a;
            prefix[i + 2] = sum += b;
            prefix[i + 3] = sum += c;
            prefix[i + 4] = sum += d;
        }
    }
    for (; i < count; i++) {
        hist[0][shade[i]]++;
        if (prefix != NULL) prefix[i + 1] = sum += shade[i];
    }
}

/* The first index i of a row of `count` pixels at columns x0 + i dx (dx = 1 << shift) whose column
 * is at least `column`; `count` when there is none. */
static inline uint32_t first_index(uint64_t column, uint32_t count, uint32_t x0, uint32_t dx, unsigned shift) {
    if (column <= x0) return 0;
    const uint64_t i = (column - x0 + dx - 1) >> shift;
    return i < count ? (uint32_t)i : count;
}

/* Adds the row's shades to the cells of one row of a plane whose column c ends before image
 * column column_end[c], by differences of the running sums. */
static void add_cells(uint64_t *cells, const uint64_t *column_end, unsigned columns, const uint32_t *prefix,
                      uint32_t count, uint32_t x0, uint32_t dx) {
    if (x0 == 0 && dx == 1 && columns > 0 && column_end[columns - 1] == count) {
        /* A whole row: every cell's end is its column end. */
        uint32_t before = 0;
        for (unsigned c = 0; c < columns; c++) {
            const uint32_t through = prefix[column_end[c]];
            cells[c] += through - before;
            before = through;
        }
        return;
    }
    const unsigned shift = (unsigned)__builtin_ctz(dx);
    uint32_t start = 0;
    for (unsigned c = 0; c < columns && start < count; c++) {
        const uint32_t end = first_index(column_end[c], count, x0, dx, shift);
        cells[c] += prefix[end] - prefix[start];
        start = end;
    }
}

/* The weighted grid: each pixel's shade split between its cell and the next by 32nds of area,
 * across the row and then down (the row's share in grid row r and r + 1). cell_sum then holds
 * 1024 x the shade x area in pixels. Only the last pixel of a cell can straddle its edge, so a
 * cell takes 32 x its range sum, less the part of that pixel which the next cell takes. */
static void add_weighted(assay_image_stats *s, const uint8_t *shade, uint32_t count, uint32_t y, uint32_t x0, uint32_t dx) {
    uint64_t row[ASSAY_GRID + 1] = {0};
    const unsigned shift = (unsigned)__builtin_ctz(dx);
    uint32_t start = 0;
    for (unsigned c = 0; c < ASSAY_GRID && start < count; c++) {
        const uint32_t end = first_index(s->column_end[c], count, x0, dx, shift);
        row[c] += (uint64_t)ASSAY_GRID * (s->prefix[end] - s->prefix[start]);
        start = end;
        const uint64_t x = s->straddle_x[c];
        if (s->straddle_left[c] < ASSAY_GRID && x >= x0 && ((x - x0) & (dx - 1)) == 0 && ((x - x0) >> shift) < count) {
            const uint64_t moved = (uint64_t)shade[(x - x0) >> shift] * (ASSAY_GRID - s->straddle_left[c]);
            row[c] -= moved;
            row[c + 1] += moved;
        }
    }
    const uint64_t grid_row = (uint64_t)y * ASSAY_GRID / s->height;
    uint64_t top = (grid_row + 1) * s->height - (uint64_t)y * ASSAY_GRID;
    if (top > ASSAY_GRID) top = ASSAY_GRID;
    for (unsigned c = 0; c < ASSAY_GRID; c++) {
        s->cell_sum[grid_row][c] += row[c] * top;
        if (top < ASSAY_GRID) s->cell_sum[grid_row + 1][c] += row[c] * (ASSAY_GRID - top);
    }
}

static void accumulate(assay_image_stats *s, const uint8_t *rgba, uint32_t count, uint32_t y, uint32_t x0, uint32_t dx);

/* Rounded-up mean of each byte of a and b, (a + b + 1) >> 1 lane by lane, without carries across lanes. */
static inline uint64_t byte_mean(uint64_t a, uint64_t b) { return (a | b) - (((a ^ b) & 0xfefefefefefefefeull) >> 1); }

/* `count` RGBA pixels averaged in horizontal pairs into `out` ((count + 1) / 2 pixels). */
static void halve_row(const uint8_t *rgba, uint32_t count, uint8_t *out) {
    uint32_t i = 0;
    for (; i + 1 < count; i += 2) {
        uint64_t pair;
        memcpy(&pair, rgba + 4 * (size_t)i, 8);
        const uint32_t mean = (uint32_t)byte_mean(pair, pair >> 32);
        memcpy(out + 2 * (size_t)i, &mean, 4);
    }
    if (i < count) memcpy(out + 2 * (size_t)i, rgba + 4 * (size_t)i, 4);
}

/* a[i] = (a[i] + b[i] + 1) >> 1 over n bytes. */
static void mean_into(uint8_t *a, const uint8_t *b, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        x = byte_mean(x, y);
        memcpy(a + i, &x, 8);
    }
    for (; i < n; i++) a[i] = (uint8_t)((a[i] + b[i] + 1) >> 1);
}

/* Hands the pending halved row to the statistics on its own (its pair has no second row). */
static void flush_pending(assay_image_stats *s) {
    if (s->pending_pair < 0) return;
    accumulate(s, s->pending, s->width, (uint32_t)s->pending_pair, 0, 1);
    s->pending_pair = -1;
}

/* Little-endian 64-bit word at p (the row hash reads the same bytes on every machine). */
static inline uint64_t load_word(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

/* A 64-bit hash of n bytes: two lanes, each folding 16 bytes at a time into its state through
 * mum (wyhash's step), then the lanes and the length mixed. */
static uint64_t bytes_hash(const uint8_t *p, size_t n) {
    static const uint64_t k0 = 0x2d358dccaa6c78a5ull, k1 = 0x8bb84b93962eacc9ull, k2 = 0x4b33a62ed433d4a3ull,
                          k3 = 0x4d5a2da51de1aa47ull;
    uint64_t a = k2, b = k3;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        a = mum(load_word(p + i) ^ a ^ k0, load_word(p + i + 8) ^ k1);
        b = mum(load_word(p + i + 16) ^ b ^ k0, load_word(p + i + 24) ^ k1);
    }
    uint8_t tail[32] = {0};
    memcpy(tail, p + i, n - i);
    a = mum(load_word(tail) ^ a ^ k0, load_word(tail + 8) ^ k1);
    b = mum(load_word(tail + 16) ^ b ^ k0, load_word(tail + 24) ^ k1);
    return mum(a ^ k2, b ^ (uint64_t)n ^ k3);
}

void assay_image_stats_row(assay_image_stats *s, const uint8_t *rgba, uint32_t count, uint32_t y, uint32_t x0,
                         uint32_t dx) {
    /* The exact hash: a sum of position-keyed mixes, so pass order does not matter. Seeds keep
     * both factors of mum non-zero for every pixel and position. */
    const uint64_t pixel_seed = 0xa0761d6478bd642full, position_seed = 0xe7037ed1a0b428dbull;
    if (s->row_hash) {
        s->hash += mum(bytes_hash(rgba, 4 * (size_t)count) ^ pixel_seed, (uint64_t)y ^ position_seed);
        goto statistics;
    }
    uint64_t hash = 0, hash_odd = 0;
    uint64_t position = (uint64_t)y * s->full_width + x0;
    uint32_t i = 0;
    if (dx == 1) /* two independent sums: the multiplies overlap */
        for (; i + 2 <= count; i += 2, position += 2) {
            uint64_t two;
            memcpy(&two, rgba + 4 * (size_t)i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            two = (uint64_t)load_pixel(rgba + 4 * (size_t)i) | (uint64_t)load_pixel(rgba + 4 * (size_t)i + 4) << 32;
#endif
            hash += mum((two & 0xffffffffu) ^ pixel_seed, position ^ position_seed);
            hash_odd += mum((two >> 32) ^ pixel_seed, (position + 1) ^ position_seed);
        }
    for (; i < count; i++, position += dx)
        hash += mum((uint64_t)load_pixel(rgba + 4 * (size_t)i) ^ pixel_seed, position ^ position_seed);
    s->hash += hash + hash_odd;
statistics:
    if (s->shrink == 1) {
        accumulate(s, rgba, count, y, x0, dx);
        return;
    }
    const int64_t pair = y / 2;
    if (pair == s->pending_pair) {
        halve_row(rgba, count, s->halved);
        mean_into(s->pending, s->halved, 4 * (size_t)s->width);
        flush_pending(s);
        return;
    }
    flush_pending(s);
    halve_row(rgba, count, s->pending);
    s->pending_pair = pair;
}

/* Every statistic but the pixel hash, over one row of the picture the statistics see. */
static void accumulate(assay_image_stats *s, const uint8_t *rgba, uint32_t count, uint32_t y, uint32_t x0, uint32_t dx) {
    uint8_t *shade_black = s->shade + s->width;
    const uint32_t chroma = s->opaque ? luma_opaque(rgba, s->shade, count)
                                      : luma_alpha(rgba, s->shade, shade_black, count, &s->sum_alpha);
    if (chroma > s->chroma_max) s->chroma_max = chroma;
    histogram(s->hist_white, s->shade, count, s->prefix);
    if (!s->opaque) histogram(s->hist_black, shade_black, count, NULL);

    if (s->weighted)
        add_weighted(s, s->shade, count, y, x0, dx);
    else
        add_cells(s->cell_sum[(uint64_t)y * ASSAY_GRID / s->height], s->column_end, ASSAY_GRID, s->prefix, count, x0, dx);
    add_cells(s->plane_sum[(uint64_t)y * s->plane_height / s->height], s->plane_column_end, s->plane_width, s->prefix,
              count, x0, dx);
    if (s->view_sum != NULL)
        add_cells(s->view_sum + (uint64_t)y * s->view_height / s->height * s->view_width, s->view_column_end,
                  s->view_width, s->prefix, count, x0, dx);
}

/* How many of `extent` indices map to each of the GRID cells (index * GRID / extent). */
static void cell_spans(uint64_t extent, uint64_t *span) {
    for (uint64_t c = 0; c < ASSAY_GRID; c++)
        span[c] = ((c + 1) * extent + ASSAY_GRID - 1) / ASSAY_GRID - (c * extent + ASSAY_GRID - 1) / ASSAY_GRID;
}

/* For an empty cell (image smaller than the grid), the cell holding the pixel nearest its centre. */
static unsigned resolve(unsigned c, uint64_t extent, const uint64_t *span) {
    if (span[c] != 0) return c;
    uint64_t pixel = ((2 * (uint64_t)c + 1) * extent) / (2 * ASSAY_GRID);
    return (unsigned)(pixel * ASSAY_GRID / extent);
}

/* The sum and the sum of squares of the values a 256-bin histogram counts. */
static void moments(const uint64_t hist[256], uint64_t *sum, uint64_t *sum_sq) {
    uint64_t a = 0, b = 0;
    for (uint64_t v = 0; v < 256; v++) {
        a += v * hist[v];
        b += v * v * hist[v];
    }
    *sum = a;
    *sum_sq = b;
}

static double stddev(uint64_t sum, uint64_t sum_sq, double n) {
    double mean = (double)sum / n;
    double variance = (double)sum_sq / n - mean * mean;
    return variance > 0 ? sqrt(variance) : 0;
}

/* cos((2x + 1) u pi / 64) for u = 1...8, x = 0...31: DCT-II basis rows, written out so the hash is
 * the same on every platform's libm. */
static const double dct[8][ASSAY_GRID] = {
    {
     +0.99879545620517241, +0.98917650996478101, +0.97003125319454397, +0.94154406518302081,
     +0.90398929312344334, +0.85772861000027212, +0.80320753148064494, +0.74095112535495911,
     +0.67155895484701833, +0.59569930449243347, +0.51410274419322166, +0.42755509343028220,
     +0.33688985339222005, +0.24298017990326398, +0.14673047445536175, +0.04906767432741813,
     -0.04906767432741801, -0.14673047445536164, -0.24298017990326387, -0.33688985339221994,
     -0.42755509343028186, -0.51410274419322166, -0.59569930449243336, -0.67155895484701844,
     -0.74095112535495888, -0.80320753148064483, -0.85772861000027201, -0.90398929312344334,
     -0.94154406518302070, -0.97003125319454397, -0.98917650996478101, -0.99879545620517241,
    },
    {
     +0.99518472667219693, +0.95694033573220882, +0.88192126434835505, +0.77301045336273699,
     +0.63439328416364549, +0.47139673682599781, +0.29028467725446233, +0.09801714032956077,
     -0.09801714032956065, -0.29028467725446216, -0.47139673682599770, -0.63439328416364538,
     -0.77301045336273699, -0.88192126434835494, -0.95694033573220882, -0.99518472667219682,
     -0.99518472667219693, -0.95694033573220894, -0.88192126434835505, -0.77301045336273710,
     -0.63439328416364593, -0.47139673682599786, -0.29028467725446244, -0.09801714032956045,
     +0.09801714032956009, +0.29028467725446205, +0.47139673682599759, +0.63439328416364560,
     +0.77301045336273666, +0.88192126434835483, +0.95694033573220882, +0.99518472667219693,
    },
    {
     +0.98917650996478101, +0.90398929312344334, +0.74095112535495911, +0.51410274419322166,
     +0.24298017990326398, -0.04906767432741801, -0.33688985339221994, -0.59569930449243336,
     -0.80320753148064483, -0.94154406518302070, -0.99879545620517241, -0.97003125319454397,
     -0.85772861000027212, -0.67155895484701866, -0.42755509343028247, -0.14673047445536230,
     +0.14673047445536194, +0.42755509343028214, +0.67155895484701833, +0.85772861000027201,
     +0.97003125319454397, +0.99879545620517241, +0.94154406518302092, +0.80320753148064528,
     +0.59569930449243325, +0.33688985339222005, +0.04906767432741815, -0.24298017990326279,
     -0.51410274419322144, -0.74095112535495933, -0.90398929312344312, -0.98917650996478101,
    },
    {
     +0.98078528040323043, +0.83146961230254524, +0.55557023301960229, +0.19509032201612833,
     -0.19509032201612819, -0.55557023301960196, -0.83146961230254535, -0.98078528040323043,
     -0.98078528040323043, -0.83146961230254546, -0.55557023301960218, -0.19509032201612866,
     +0.19509032201612830, +0.55557023301960184, +0.83146961230254524, +0.98078528040323032,
     +0.98078528040323043, +0.83146961230254546, +0.55557023301960229, +0.19509032201612878,
     -0.19509032201612730, -0.55557023301960173, -0.83146961230254512, -0.98078528040323054,
     -0.98078528040323065, -0.83146961230254557, -0.55557023301960240, -0.19509032201612803,
     +0.19509032201612719, +0.55557023301960162, +0.83146961230254512, +0.98078528040323043,
    },
    {
     +0.97003125319454397, +0.74095112535495911, +0.33688985339222005, -0.14673047445536164,
     -0.59569930449243336, -0.90398929312344334, -0.99879545620517241, -0.85772861000027212,
     -0.51410274419322177, -0.04906767432741803, +0.42755509343028214, +0.80320753148064505,
     +0.98917650996478090, +0.94154406518302092, +0.67155895484701877, +0.24298017990326423,
     -0.24298017990326279, -0.67155895484701766, -0.94154406518302047, -0.98917650996478113,
     -0.80320753148064539, -0.42755509343028270, +0.04906767432741742, +0.51410274419322133,
     +0.85772861000027190, +0.99879545620517241, +0.90398929312344345, +0.59569930449243347,
     +0.14673047445536180, -0.33688985339222011, -0.74095112535495922, -0.97003125319454409,
    },
    {
     +0.95694033573220882, +0.63439328416364549, +0.09801714032956077, -0.47139673682599770,
     -0.88192126434835494, -0.99518472667219693, -0.77301045336273710, -0.29028467725446244,
     +0.29028467725446205, +0.77301045336273666, +0.99518472667219693, +0.88192126434835505,
     +0.47139673682599798, -0.09801714032955997, -0.63439328416364482, -0.95694033573220849,
     -0.95694033573220871, -0.63439328416364538, -0.09801714032956069, +0.47139673682599736,
     +0.88192126434835472, +0.99518472667219693, +0.77301045336273766, +0.29028467725446361,
     -0.29028467725446255, -0.77301045336273699, -0.99518472667219682, -0.88192126434835616,
     -0.47139673682599831, +0.09801714032956137, +0.63439328416364449, +0.95694033573220894,
    },
    {
     +0.94154406518302081, +0.51410274419322166, -0.14673047445536164, -0.74095112535495888,
     -0.99879545620517241, -0.80320753148064494, -0.24298017990326412, +0.42755509343028214,
     +0.90398929312344312, +0.97003125319454409, +0.59569930449243325, -0.04906767432741754,
     -0.67155895484701766, -0.98917650996478101, -0.85772861000027234, -0.33688985339222099,
     +0.33688985339222022, +0.85772861000027190, +0.98917650996478113, +0.67155895484701822,
     +0.04906767432741840, -0.59569930449243258, -0.97003125319454409, -0.90398929312344345,
     -0.42755509343028131, +0.24298017990326243, +0.80320753148064472, +0.99879545620517241,
     +0.74095112535496011, +0.14673047445536203, -0.51410274419322255, -0.94154406518302025,
    },
    {
     +0.92387953251128674, +0.38268343236508984, -0.38268343236508973, -0.92387953251128674,
     -0.92387953251128685, -0.38268343236509034, +0.38268343236509000, +0.92387953251128652,
     +0.92387953251128674, +0.38268343236509045, -0.38268343236508989, -0.92387953251128641,
     -0.92387953251128674, -0.38268343236509056, +0.38268343236508978, +0.92387953251128641,
     +0.92387953251128674, +0.38268343236509067, -0.38268343236508967, -0.92387953251128641,
     -0.92387953251128752, -0.38268343236509078, +0.38268343236508956, +0.92387953251128696,
     +0.92387953251128752, +0.38268343236509089, -0.38268343236508945, -0.92387953251128696,
     -0.92387953251128763, -0.38268343236509100, +0.38268343236508934, +0.92387953251128685,
    },
};

/* The 8 x 8 lowest non-constant DCT frequencies of the grid (1...8 each way), coefficients[v * 8 + u]
 * for vertical frequency v + 1 and horizontal frequency u + 1. */
static void dct_coefficients(double grid[ASSAY_GRID][ASSAY_GRID], double coefficients[64]) {
    /* Basis row u is symmetric about the middle for even u, antisymmetric for odd u: fold the
     * 32 samples into 16 sums and 16 differences, half the multiplications. */
    enum { HALF = ASSAY_GRID / 2 };
    double rows[8][ASSAY_GRID]; /* rows[u][y]: frequency u (1...8) of grid row y */
    for (unsigned y = 0; y < ASSAY_GRID; y++) {
        double folded[2][HALF];
        for (unsigned x = 0; x < HALF; x++) {
            folded[0][x] = grid[y][x] + grid[y][ASSAY_GRID - 1 - x];
            folded[1][x] = grid[y][x] - grid[y][ASSAY_GRID - 1 - x];
        }
        for (unsigned u = 0; u < 8; u++) {
            const double *f = folded[(u + 1) & 1]; /* dct[u] holds frequency u + 1 */
            double sum = 0;
            for (unsigned x = 0; x < HALF; x++) sum += f[x] * dct[u][x];
            rows[u][y] = sum;
        }
    }
    for (unsigned u = 0; u < 8; u++) {
        double folded[2][HALF];
        for (unsigned y = 0; y < HALF; y++) {
            folded[0][y] = rows[u][y] + rows[u][ASSAY_GRID - 1 - y];
            folded[1][y] = rows[u][y] - rows[u][ASSAY_GRID - 1 - y];
        }
        for (unsigned v = 0; v < 8; v++) {
            const double *f = folded[(v + 1) & 1];
            double sum = 0;
            for (unsigned y = 0; y < HALF; y++) sum += f[y] * dct[v][y];
            coefficients[v * 8 + u] = sum;
        }
    }
}

/* 64 bits, the first value at the top, each set when the value is above the values' median.
 * Values within rounding noise of the median (symmetric images have many exact zeros) count as
 * not above it, so the bits do not depend on the order of floating-point sums. */
static uint64_t bits_above_median(const double values[64]) {
    /* The 32nd and 33rd smallest by selection (Hoare's quickselect), not a full sort: this runs
     * for each of the 8 symmetries of every image. */
    double v[64];
    memcpy(v, values, sizeof v);
    unsigned lo = 0, hi = 63;
    while (lo < hi) {
        double pivot = v[(lo + hi) / 2];
        unsigned i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) {
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                if (j == 0) break;
                j--;
            }
        }
        if (31 <= j) hi = j;
        else if (31 >= i) lo = i;
        else break;
    }
    double lower = v[31], upper = v[32], smallest = v[0], largest = v[0];
    for (unsigned k = 32; k < 64; k++) upper = v[k] < upper ? v[k] : upper;
    for (unsigned k = 0; k < 64; k++) {
        smallest = values[k] < smallest ? values[k] : smallest;
        largest = values[k] > largest ? values[k] : largest;
    }
    double median = (lower + upper) / 2;
    double extent = fabs(smallest) > fabs(largest) ? fabs(smallest) : fabs(largest);
    double noise = 1e-9 * (extent + 1);
    uint64_t hash = 0;
    for (unsigned i = 0; i < 64; i++) hash = (hash << 1) | (values[i] > median + noise ? 1u : 0u);
    return hash;
}

/* Where cell (y, x) of an n x n grid under symmetry t comes from: flip x (t & 1), flip y (t & 2),
 * then transpose (t & 4). Returns the source index y' * n + x'. */
static unsigned dihedral_source(unsigned y, unsigned x, unsigned n, unsigned t) {
    if (t & 1) x = n - 1 - x;
    if (t & 2) y = n - 1 - y;
    return (t & 4) ? x * n + y : y * n + x;
}

uint64_t assay_png_dihedral_bits(uint64_t bits, unsigned t) {
    uint64_t out = 0;
    for (unsigned y = 0; y < 8; y++)
        for (unsigned x = 0; x < 8; x++) {
            unsigned from = dihedral_source(y, x, 8, t);
            out = (out << 1) | ((bits >> (63 - from)) & 1u);
        }
    return out;
}

/* pHash of the grid under each symmetry t. Flipping x negates the coefficients of odd horizontal
 * frequency (cos((63 - 2x) k pi / 64) = (-1)^k cos((2x + 1) k pi / 64)), flipping y those of odd
 * vertical frequency, and transposing swaps the two frequencies, so one DCT serves all eight. */
static void perceptual_hashes(double grid[ASSAY_GRID][ASSAY_GRID], uint64_t hashes[8]) {
    double coefficients[64];
    dct_coefficients(grid, coefficients);
    for (unsigned t = 0; t < 8; t++) {
        double moved[64];
        for (unsigned v = 0; v < 8; v++)
            for (unsigned u = 0; u < 8; u++) {
                double c = coefficients[(t & 4) ? u * 8 + v : v * 8 + u];
                if ((t & 1) && (u & 1) == 0) c = -c; /* frequency u + 1 is odd */
                if ((t & 2) && (v & 1) == 0) c = -c;
                moved[v * 8 + u] = c;
            }
        hashes[t] = bits_above_median(moved);
    }
}

/* pHash of the grid's central 90% x 90%, resampled to GRID x GRID by bilinear interpolation
 * between cell centres: what the upright phash of a centred crop of 5% per side would be. */
static uint64_t inner_hash(double grid[ASSAY_GRID][ASSAY_GRID]) {
    static const double cut = 0.05;
    double inner[ASSAY_GRID][ASSAY_GRID];
    double at[ASSAY_GRID];
    unsigned low[ASSAY_GRID];
    double frac[ASSAY_GRID];
    for (unsigned g = 0; g < ASSAY_GRID; g++) {
        /* Target cell centre in image fractions, then in grid cell-centre coordinates. */
        at[g] = (cut + (g + 0.5) / ASSAY_GRID * (1 - 2 * cut)) * ASSAY_GRID - 0.5;
        double floor_at = floor(at[g]);
        low[g] = floor_at < 0 ? 0 : (unsigned)floor_at;
        if (low[g] > ASSAY_GRID - 2) low[g] = ASSAY_GRID - 2;
        frac[g] = at[g] - low[g];
    }
    for (unsigned y = 0; y < ASSAY_GRID; y++)
        for (unsigned x = 0; x < ASSAY_GRID; x++) {
            const unsigned y0 = low[y], x0 = low[x];
            const double fy = frac[y], fx = frac[x];
            inner[y][x] = (1 - fy) * ((1 - fx) * grid[y0][x0] + fx * grid[y0][x0 + 1]) +
                          fy * ((1 - fx) * grid[y0 + 1][x0] + fx * grid[y0 + 1][x0 + 1]);
        }
    double coefficients[64];
    dct_coefficients(inner, coefficients);
    return bits_above_median(coefficients);
}

/* The mean hash: 4 x 4 blocks of the grid averaged into 8 x 8, each bit set above their mean. */
static uint64_t mean_hash(double grid[ASSAY_GRID][ASSAY_GRID]) {
    double cells[64];
    double total = 0;
    for (unsigned y = 0; y < 8; y++)
        for (unsigned x = 0; x < 8; x++) {
            double sum = 0;
            for (unsigned dy = 0; dy < 4; dy++)
                for (unsigned dx = 0; dx < 4; dx++) sum += grid[4 * y + dy][4 * x + dx];
            cells[y * 8 + x] = sum / 16;
            total += sum / 16;
        }
    double mean = total / 64, noise = 1e-9 * (mean + 1);
    uint64_t hash = 0;
    for (unsigned i = 0; i < 64; i++) hash = (hash << 1) | (cells[i] > mean + noise ? 1u : 0u);
    return hash;
}

/* The smallest shade v (0..255) with at least `share` of the `n` pixels at or below it, over 0..1. */
static double percentile(const uint64_t hist[256], double n, double share) {
    double needed = share * n, seen = 0;
    for (unsigned v = 0; v < 256; v++) {
        seen += (double)hist[v];
        if (seen >= needed) return v / 255.0;
    }
    return 1;
}

/* Shannon entropy of a histogram of n counts, in bits. */
static double entropy(const uint64_t hist[256], double n) {
    double bits = 0;
    for (unsigned v = 0; v < 256; v++) {
        if (hist[v] == 0) continue;
        double p = (double)hist[v] / n;
        bits -= p * log2(p);
    }
    return bits;
}

/* RMS of the 4-neighbour Laplacian over the plane's interior, divided by the plane's standard
 * deviation: how much of the picture's contrast sits in its finest detail. The plane has a fixed
 * size whatever the image's, and the ratio does not change with contrast, so one limit serves
 * every image. -1 when the plane is under 3 x 3 or flat (blank images have their own check). */
static double sharpness(const assay_image_stats *s) {
    const uint32_t pw = s->plane_width, ph = s->plane_height;
    if (pw < 3 || ph < 3) return -1;
    uint64_t row_span[ASSAY_PLANE], col_span[ASSAY_PLANE];
    for (uint64_t c = 0; c < ph; c++)
        row_span[c] = ((c + 1) * s->height + ph - 1) / ph - (c * s->height + ph - 1) / ph;
    for (uint64_t c = 0; c < pw; c++)
        col_span[c] = ((c + 1) * s->width + pw - 1) / pw - (c * s->width + pw - 1) / pw;
    _Static_assert(ASSAY_PLANE <= 64, "the plane lives on the stack");
    double plane[ASSAY_PLANE][ASSAY_PLANE];
    double row_scale[ASSAY_PLANE], col_scale[ASSAY_PLANE];
    for (uint32_t c = 0; c < ph; c++) row_scale[c] = 1.0 / (double)row_span[c];
    for (uint32_t c = 0; c < pw; c++) col_scale[c] = 1.0 / (double)col_span[c];
    double sum = 0, sum_sq = 0;
    for (uint32_t y = 0; y < ph; y++)
        for (uint32_t x = 0; x < pw; x++) {
            double v = (double)s->plane_sum[y][x] * row_scale[y] * col_scale[x];
            plane[y][x] = v;
            sum += v;
            sum_sq += v * v;
        }
    double n = (double)pw * ph, mean = sum / n, variance = sum_sq / n - mean * mean;
    if (variance < 0.25) return -1;
    double energy = 0;
    for (uint32_t y = 1; y + 1 < ph; y++)
        for (uint32_t x = 1; x + 1 < pw; x++) {
            double l = 4 * plane[y][x] - plane[y - 1][x] - plane[y + 1][x] - plane[y][x - 1] - plane[y][x + 1];
            energy += l * l;
        }
    energy /= (double)(pw - 2) * (ph - 2);
    return sqrt(energy / variance);
}

/* sum[x] += row[x], sum_sq[x] += row[x]^2 for x < n. */
VECTOR_CLONES static void column_moments(const double *row, double *sum, double *sum_sq, uint32_t n) {
    for (uint32_t x = 0; x < n; x++) {
        sum[x] += row[x];
        sum_sq[x] += row[x] * row[x];
    }
}

/* For the n interior pixels of row `at` (at[1..n], between the rows `up` and `down`): adds the
 * squared central-difference gradient to gradient[x - 1] and the squared 4-neighbour Laplacian
 * to laplacian[x - 1]. */
VECTOR_CLONES static void column_energies(const double *up, const double *at, const double *down, double *gradient,
                                          double *laplacian, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        const uint32_t x = i + 1;
        const double gx = (at[x + 1] - at[x - 1]) * 0.5, gy = (down[x] - up[x]) * 0.5;
        const double l = 4 * at[x] - up[x] - down[x] - at[x - 1] - at[x + 1];
        gradient[i] += gx * gx + gy * gy;
        laplacian[i] += l * l;
    }
}

/* The sums behind an edge width, for a plane fed one row at a time (no copy of the plane is
 * kept). The edge width is sqrt(sum |gradient|^2 / (2 sum Laplacian^2)) over the interior of a w x h plane: for a step
 * edge blurred by a Gaussian of sigma px, the gradient's energy is c^2 / (2 sigma sqrt(pi)) and
 * its derivative's c^2 / (4 sigma^3 sqrt(pi)), so the ratio is 2 sigma^2 whatever the edge's
 * contrast and however many edges the picture has; a sharp edge gives about 0.4. -1 when the
 * plane is under 3 x 3 or flat. */
typedef struct {
    uint32_t width, rows;               /* the plane's width; rows seen so far */
    double *ring[3];                    /* the last three rows seen, oldest first */
    double *sum, *sum_sq, *gradient, *laplacian; /* per column, summed down the rows */
    double *block;                      /* the one allocation all of the above live in */
} edge_energy;

/* Ready for a plane `width` px across (at least 3); 0, or -1 when the memory is not there. */
static int edge_energy_begin(edge_energy *e, uint32_t width) {
    memset(e, 0, sizeof *e);
    e->block = calloc(7 * (size_t)width, sizeof *e->block);
    if (e->block == NULL) return -1;
    e->width = width;
    for (unsigned k = 0; k < 3; k++) e->ring[k] = e->block + k * (size_t)width;
    e->sum = e->block + 3 * (size_t)width;
    e->sum_sq = e->block + 4 * (size_t)width;
    e->gradient = e->block + 5 * (size_t)width;
    e->laplacian = e->block + 6 * (size_t)width;
    return 0;
}

/* The plane's next row: where the caller writes it (width values), before edge_energy_add. */
static double *edge_energy_next(edge_energy *e) { return e->rows < 3 ? e->ring[e->rows] : e->ring[0]; }

/* Takes the row written at edge_energy_next into the sums; once three rows are in, the middle
 * one's energies. */
static void edge_energy_add(edge_energy *e) {
    if (e->rows >= 3) { /* the row was written over the oldest: turn the ring */
        double *oldest = e->ring[0];
        e->ring[0] = e->ring[1];
        e->ring[1] = e->ring[2];
        e->ring[2] = oldest;
    }
    const uint32_t newest = e->rows < 3 ? e->rows : 2;
    column_moments(e->ring[newest], e->sum, e->sum_sq, e->width);
    e->rows++;
    if (e->rows >= 3) column_energies(e->ring[0], e->ring[1], e->ring[2], e->gradient + 1, e->laplacian + 1, e->width - 2);
}

/* The edge width of the rows added (see above), and frees the memory; -1 when there are under 3
 * rows or the plane is flat. */
static double edge_energy_end(edge_energy *e) {
    const uint32_t w = e->width;
    double total = 0, total_sq = 0, total_gradient = 0, total_laplacian = 0;
    for (uint32_t x = 0; x < w; x++) {
        total += e->sum[x];
        total_sq += e->sum_sq[x];
        total_gradient += e->gradient[x];
        total_laplacian += e->laplacian[x];
    }
    const uint32_t h = e->rows;
    free(e->block);
    e->block = NULL;
    if (w < 3 || h < 3) return -1;
    double n = (double)w * h, mean = total / n;
    if (total_sq / n - mean * mean < 0.25) return -1;
    return total_laplacian > 0 ? sqrt(total_gradient / (2 * total_laplacian)) : -1;
}

/* The width of a sharp edge as plane_edge_width reads it, in plane px (measured on step edges
 * and on the wallpapers and icons of Debian's packages: 0.17 to 0.52). */
#define SHARP_EDGE 0.45
/* The coarse plane is the view shrunk by this factor, when the view is at least 256 px across. */
#define COARSE 4

/* Edge width at viewing size, in view px. Measured twice: on the view itself, which sees blur up
 * to a few px; and on a copy shrunk COARSE times, scaled back, because a wide blur is invisible
 * at full size once the picture is quantised to 8 bits (a Gaussian of 8 px over a contrast of 100
 * has a Laplacian under one grey level everywhere) but plain on the coarse copy, whose cells
 * average COARSE^2 pixels. The coarse reading has the sharp-edge floor taken out in quadrature, so
 * a sharp picture reads about 0 there and the larger reading wins. */
/* Edge width at viewing size, in view px. Measured twice: on the view itself, which sees blur up
 * to a few px; and on a copy shrunk COARSE times, scaled back, because a wide blur is invisible
 * at full size once the picture is quantised to 8 bits (a Gaussian of 8 px over a contrast of 100
 * has a Laplacian under one grey level everywhere) but plain on the coarse copy, whose cells
 * average COARSE^2 pixels. The coarse reading has the sharp-edge floor taken out in quadrature, so
 * a sharp picture reads about 0 there and the larger reading wins. */
static double edge_width(const assay_image_stats *s) {
    const uint32_t vw = s->view_width, vh = s->view_height;
    if (s->view_sum == NULL || vw < 3 || vh < 3) return -1;
    const uint32_t cw = vw / COARSE, ch = vh / COARSE;
    const int coarse = (vw > vh ? vw : vh) >= 256 && cw >= 3 && ch >= 3;
    /* Both planes are made a row at a time, straight into their energy sums. */
    edge_energy view, small;
    double *col_scale = malloc((size_t)vw * sizeof *col_scale);
    double *small_row = coarse ? calloc((size_t)cw, sizeof *small_row) : NULL;
    const int view_ready = edge_energy_begin(&view, vw) == 0, small_ready = !coarse || edge_energy_begin(&small, cw) == 0;
    if (col_scale == NULL || (coarse && small_row == NULL) || !view_ready || !small_ready) {
        if (view_ready) edge_energy_end(&view);
        if (coarse && small_ready) edge_energy_end(&small);
        free(col_scale);
        free(small_row);
        return -1;
    }
    for (uint64_t c = 0; c < vw; c++)
        col_scale[c] = 1.0 / (double)(((c + 1) * s->width + vw - 1) / vw - (c * s->width + vw - 1) / vw);
    for (uint64_t y = 0; y < vh; y++) {
        const double row_scale = 1.0 / (double)(((y + 1) * s->height + vh - 1) / vh - (y * s->height + vh - 1) / vh);
        double *row = edge_energy_next(&view);
        const uint64_t *sums = s->view_sum + y * vw;
        for (uint32_t x = 0; x < vw; x++) row[x] = (double)sums[x] * row_scale * col_scale[x];
        if (coarse && y < (uint64_t)ch * COARSE) {
            for (uint32_t x = 0; x < cw * COARSE; x++) small_row[x / COARSE] += row[x];
            if (y % COARSE == COARSE - 1) {
                double *target = edge_energy_next(&small);
                for (uint32_t x = 0; x < cw; x++) target[x] = small_row[x] / (COARSE * COARSE);
                edge_energy_add(&small);
                memset(small_row, 0, (size_t)cw * sizeof *small_row);
            }
        }
        edge_energy_add(&view);
    }
    double width = edge_energy_end(&view);
    if (coarse) {
        double wide = edge_energy_end(&small);
        if (wide > SHARP_EDGE) {
            wide = COARSE * sqrt(wide * wide - SHARP_EDGE * SHARP_EDGE);
            if (wide > width) width = wide;
        }
    }
    free(col_scale);
    free(small_row);
    return width;
}

unsigned assay_image_orientation_symmetry(int orientation) {
    /* Displayed (x, y) from stored: 2 mirrors x, 3 turns 180, 4 mirrors y, 5 transposes, 6 turns
     * 90 clockwise, 7 transverses, 8 turns 90 anticlockwise; see dihedral_source for t. */
    static const unsigned symmetry[9] = {0, 0, 1, 3, 2, 4, 5, 7, 6};
    return orientation >= 1 && orientation <= 8 ? symmetry[orientation] : 0;
}

void assay_image_stats_finish(assay_image_stats *s, int orientation, assay_image_measures *r) {
    flush_pending(s);
    const double n = (double)s->width * (double)s->height;
    r->pixel_hash = finalize(s->hash ^ finalize(((uint64_t)s->full_width << 32) | s->full_height));
    uint64_t white[256], black[256];
    for (unsigned v = 0; v < 256; v++) {
        white[v] = s->hist_white[0][v] + s->hist_white[1][v] + s->hist_white[2][v] + s->hist_white[3][v];
        black[v] = s->opaque ? white[v] : s->hist_black[0][v] + s->hist_black[1][v] + s->hist_black[2][v] + s->hist_black[3][v];
    }
    uint64_t sum_white, sum_sq_white, sum_black, sum_sq_black;
    moments(white, &sum_white, &sum_sq_white);
    moments(black, &sum_black, &sum_sq_black);
    r->luma_mean = (double)sum_white / n;
    r->alpha_mean = s->opaque ? 255 : (double)s->sum_alpha / n;
    double sd_black = stddev(sum_black, sum_sq_black, n);
    double sd_white = stddev(sum_white, sum_sq_white, n);
    r->luma_stddev = sd_black > sd_white ? sd_black : sd_white;
    r->dark_p99 = percentile(white, n, 0.99);
    r->light_p5 = percentile(black, n, 0.05);
    r->entropy = entropy(white, n);
    r->chroma_max = s->chroma_max;
    r->plane_width = s->plane_width;
    r->plane_height = s->plane_height;
    r->sharpness = sharpness(s);
    r->edge_width = edge_width(s);
    const unsigned turn = assay_image_orientation_symmetry(orientation);
    r->view_width = turn & 4 ? s->view_height : s->view_width;
    r->view_height = turn & 4 ? s->view_width : s->view_height;

    double grid[ASSAY_GRID][ASSAY_GRID];
    if (s->weighted) {
        /* Weighted cells each cover width x height / 1024 pixels, summed in 1024ths. */
        const double area = (double)s->width * (double)s->height;
        for (unsigned gy = 0; gy < ASSAY_GRID; gy++)
            for (unsigned gx = 0; gx < ASSAY_GRID; gx++) grid[gy][gx] = (double)s->cell_sum[gy][gx] / area;
    } else {
        uint64_t row_span[ASSAY_GRID], col_span[ASSAY_GRID];
        cell_spans(s->height, row_span);
        cell_spans(s->width, col_span);
        unsigned row_of[ASSAY_GRID], col_of[ASSAY_GRID];
        double row_scale[ASSAY_GRID], col_scale[ASSAY_GRID];
        for (unsigned c = 0; c < ASSAY_GRID; c++) {
            row_of[c] = resolve(c, s->height, row_span);
            col_of[c] = resolve(c, s->width, col_span);
            row_scale[c] = 1.0 / (double)row_span[row_of[c]];
            col_scale[c] = 1.0 / (double)col_span[col_of[c]];
        }
        for (unsigned gy = 0; gy < ASSAY_GRID; gy++)
            for (unsigned gx = 0; gx < ASSAY_GRID; gx++)
                grid[gy][gx] = (double)s->cell_sum[row_of[gy]][col_of[gx]] * row_scale[gy] * col_scale[gx];
    }
    if (turn != 0) {
        double upright[ASSAY_GRID][ASSAY_GRID];
        for (unsigned gy = 0; gy < ASSAY_GRID; gy++)
            for (unsigned gx = 0; gx < ASSAY_GRID; gx++) {
                unsigned from = dihedral_source(gy, gx, ASSAY_GRID, turn);
                upright[gy][gx] = grid[from / ASSAY_GRID][from % ASSAY_GRID];
            }
        memcpy(grid, upright, sizeof grid);
    }
    perceptual_hashes(grid, r->phash_variants);
    r->phash = r->phash_variants[0];
    r->inner_phash = inner_hash(grid);
    r->ahash = mean_hash(grid);
}
