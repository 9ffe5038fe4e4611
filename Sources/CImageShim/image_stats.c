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

int assay_image_stats_init(assay_image_stats *s, uint32_t width, uint32_t height, uint8_t *shade, int opaque,
                           int whole_rows) {
    memset(s, 0, sizeof *s);
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
    s->shade = shade;
    s->opaque = opaque;
    /* Image column x lies in grid column x * GRID / width, which ends before the smallest x with
     * x * GRID / width > c. Computed once, so rows need no division. */
    for (uint64_t c = 0; c < ASSAY_GRID; c++)
        s->column_end[c] = ((c + 1) * width + ASSAY_GRID - 1) / ASSAY_GRID;
    /* An image at least GRID pixels each way is area-averaged into the grid exactly, as a good
     * resize is: in grid units a pixel spans [32x / width, 32 (x + 1) / width), at most one cell
     * edge, and the 32nds on each side are integers. Hard cell edges would move by up to a pixel
     * with the image's size, and a resized copy would hash differently. */
    s->weighted = width >= ASSAY_GRID && height >= ASSAY_GRID;
    if (s->weighted) {
        s->column_cell = shade + 2 * (size_t)width;
        s->column_left = shade + 3 * (size_t)width;
        for (uint64_t x = 0; x < width; x++) {
            uint64_t cell = x * ASSAY_GRID / width, left = (cell + 1) * width - x * ASSAY_GRID;
            s->column_cell[x] = (uint8_t)cell;
            s->column_left[x] = (uint8_t)(left < ASSAY_GRID ? left : ASSAY_GRID);
        }
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
    s->view_sum = NULL;
    s->view_column_end = NULL;
    s->pending = NULL;
    s->halved = NULL;
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

typedef struct {
    uint32_t black, sq_black, white, sq_white, alpha, chroma;
} block_sums;

/* Luma sums over at most BLOCK pixels in 16- and 32-bit lanes the compiler can vectorise
 * (BLOCK x 255^2 < 2^32); writes each pixel's luma over white to `shade`. */
#define BLOCK 65536u
static block_sums luma_block(const uint8_t *rgba, uint8_t *shade, uint8_t *shade_black, uint32_t n) {
    uint32_t black = 0, sq_black = 0, white = 0, sq_white = 0, alpha = 0;
    uint16_t chroma = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint16_t r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2], a = rgba[4 * i + 3];
        const uint16_t hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
        const uint16_t lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
        const uint16_t spread = (uint16_t)((hi - lo) & (uint16_t)-(a != 0)); /* transparent pixels may hold any colour */
        chroma = spread > chroma ? spread : chroma;
        const uint16_t luma = (uint16_t)((uint16_t)(77 * r + 150 * g + 29 * b + 128) >> 8); /* BT.601 */
        const uint16_t scaled = (uint16_t)(luma * a + 128);
        const uint16_t over_black = (uint16_t)((scaled + (scaled >> 8)) >> 8); /* luma * a / 255, rounded */
        const uint16_t over_white = (uint16_t)(over_black + (255 - a));
        shade[i] = (uint8_t)over_white;
        shade_black[i] = (uint8_t)over_black;
        black += over_black;
        sq_black += (uint16_t)(over_black * over_black);
        white += over_white;
        sq_white += (uint16_t)(over_white * over_white);
        alpha += a;
    }
    block_sums s = {black, sq_black, white, sq_white, alpha, chroma};
    return s;
}

/* luma_block for opaque pixels (alpha 255): both composites are the luma itself. */
static block_sums luma_block_opaque(const uint8_t *rgba, uint8_t *shade, uint32_t n) {
    uint32_t sum = 0, sum_sq = 0;
    uint16_t chroma = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint16_t r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2];
        const uint16_t hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
        const uint16_t lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
        chroma = (uint16_t)(hi - lo) > chroma ? (uint16_t)(hi - lo) : chroma;
        const uint16_t luma = (uint16_t)((uint16_t)(77 * r + 150 * g + 29 * b + 128) >> 8);
        shade[i] = (uint8_t)luma;
        sum += luma;
        sum_sq += (uint16_t)(luma * luma);
    }
    block_sums s = {sum, sum_sq, sum, sum_sq, 255 * n, chroma};
    return s;
}

/* Adds `shade[0..<count]`, the pixels at columns x0, x0 + dx, ..., to the cells of one grid row,
 * whose column c ends before image column column_end[c]. */
static void add_cells(uint64_t *cells, const uint64_t *column_end, const uint8_t *shade, uint32_t count, uint32_t x0,
                      uint32_t dx) {
    const unsigned shift = (unsigned)__builtin_ctz(dx);
    unsigned cell = 0;
    while (x0 >= column_end[cell]) cell++;
    for (uint32_t i = 0; i < count; cell++) {
        uint64_t end = (column_end[cell] - x0 + dx - 1) >> shift;
        if (end > count) end = count;
        uint32_t sum = 0; /* at most 10^6 pixels x 255 */
        for (; i < end; i++) sum += shade[i];
        cells[cell] += sum;
    }
}

/* The weighted grid: each pixel's shade split between its cell and the next by 32nds of area,
 * across the row and then down (the row's share in grid row r and r + 1). cell_sum then holds
 * 1024 x the shade x area in pixels. */
static void add_weighted(assay_image_stats *s, const uint8_t *shade, uint32_t count, uint32_t y, uint32_t x0, uint32_t dx) {
    uint64_t row[ASSAY_GRID + 1] = {0};
    /* Columns come in order, so sums for the current cell and the next stay in registers until
     * the cell changes (no store-to-load chain through row[]). */
    uint32_t cell = count ? s->column_cell[x0] : 0;
    uint64_t here = 0, next = 0;
    for (uint32_t i = 0, x = x0; i < count; i++, x += dx) {
        const uint32_t v = shade[i], c = s->column_cell[x], left = s->column_left[x];
        if (c != cell) {
            row[cell] += here;
            row[cell + 1] += next;
            here = next = 0;
            cell = c;
        }
        here += v * left;
        next += v * (ASSAY_GRID - left);
    }
    row[cell] += here;
    row[cell + 1] += next;
    const uint64_t grid_row = (uint64_t)y * ASSAY_GRID / s->height;
    uint64_t top = (grid_row + 1) * s->height - (uint64_t)y * ASSAY_GRID;
    if (top > ASSAY_GRID) top = ASSAY_GRID;
    for (unsigned c = 0; c < ASSAY_GRID; c++) {
        s->cell_sum[grid_row][c] += row[c] * top;
        if (top < ASSAY_GRID) s->cell_sum[grid_row + 1][c] += row[c] * (ASSAY_GRID - top);
    }
}

/* Counts each shade in one of four histograms in turn, so runs of one value do not wait on one counter. */
static void histogram(uint64_t hist[4][256], const uint8_t *shade, uint32_t count) {
    uint32_t i = 0;
    for (; i + 4 <= count; i += 4) {
        hist[0][shade[i]]++;
        hist[1][shade[i + 1]]++;
        hist[2][shade[i + 2]]++;
        hist[3][shade[i + 3]]++;
    }
    for (; i < count; i++) hist[0][shade[i]]++;
}

static void accumulate(assay_image_stats *s, const uint8_t *rgba, uint32_t count, uint32_t y, uint32_t x0, uint32_t dx);

/* `count` RGBA pixels averaged in horizontal pairs into `out` ((count + 1) / 2 pixels). */
static void halve_row(const uint8_t *rgba, uint32_t count, uint8_t *out) {
    uint32_t i = 0;
    for (; i + 1 < count; i += 2)
        for (unsigned c = 0; c < 4; c++) out[2 * i + c] = (uint8_t)((rgba[4 * i + c] + rgba[4 * i + 4 + c] + 1) >> 1);
    if (i < count) memcpy(out + 2 * i, rgba + 4 * (size_t)i, 4);
}

/* Hands the pending halved row to the statistics on its own (its pair has no second row). */
static void flush_pending(assay_image_stats *s) {
    if (s->pending_pair < 0) return;
    accumulate(s, s->pending, s->width, (uint32_t)s->pending_pair, 0, 1);
    s->pending_pair = -1;
}

void assay_image_stats_row(assay_image_stats *s, const uint8_t *rgba, uint32_t count, uint32_t y, uint32_t x0,
                         uint32_t dx) {
    /* The exact hash: a sum of position-keyed mixes, so pass order does not matter. Seeds keep
     * both factors of mum non-zero for every pixel and position. */
    uint64_t hash = 0;
    uint64_t position = (uint64_t)y * s->full_width + x0;
    for (uint32_t i = 0; i < count; i++, position += dx)
        hash += mum((uint64_t)load_pixel(rgba + 4 * (size_t)i) ^ 0xa0761d6478bd642full,
                    position ^ 0xe7037ed1a0b428dbull);
    s->hash += hash;
    if (s->shrink == 1) {
        accumulate(s, rgba, count, y, x0, dx);
        return;
    }
    const int64_t pair = y / 2;
    if (pair == s->pending_pair) {
        halve_row(rgba, count, s->halved);
        for (size_t i = 0; i < 4 * (size_t)s->width; i++) s->pending[i] = (uint8_t)((s->pending[i] + s->halved[i] + 1) >> 1);
        flush_pending(s);
        return;
    }
    flush_pending(s);
    halve_row(rgba, count, s->pending);
    s->pending_pair = pair;
}

/* Every statistic but the pixel hash, over one row of the picture the statistics see. */
static void accumulate(assay_image_stats *s, const uint8_t *rgba, uint32_t count, uint32_t y, uint32_t x0, uint32_t dx) {
    /* Luma statistics over the row, and each pixel's shade for the grid. */
    uint8_t *shade_black = s->shade + s->width;
    for (uint32_t i = 0; i < count;) {
        uint32_t n = count - i < BLOCK ? count - i : BLOCK;
        block_sums b = s->opaque ? luma_block_opaque(rgba + 4 * (size_t)i, s->shade + i, n)
                                 : luma_block(rgba + 4 * (size_t)i, s->shade + i, shade_black + i, n);
        s->sum_black += b.black;
        s->sum_sq_black += b.sq_black;
        s->sum_white += b.white;
        s->sum_sq_white += b.sq_white;
        s->sum_alpha += b.alpha;
        if (b.chroma > s->chroma_max) s->chroma_max = b.chroma;
        i += n;
    }
    histogram(s->hist_white, s->shade, count);
    if (!s->opaque) histogram(s->hist_black, shade_black, count);

    if (s->weighted)
        add_weighted(s, s->shade, count, y, x0, dx);
    else
        add_cells(s->cell_sum[(uint64_t)y * ASSAY_GRID / s->height], s->column_end, s->shade, count, x0, dx);
    add_cells(s->plane_sum[(uint64_t)y * s->plane_height / s->height], s->plane_column_end, s->shade, count, x0, dx);
    if (s->view_sum != NULL)
        add_cells(s->view_sum + (uint64_t)y * s->view_height / s->height * s->view_width, s->view_column_end, s->shade,
                  count, x0, dx);
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

/* sqrt(sum |gradient|^2 / (2 sum Laplacian^2)) over the interior of a w x h plane: for a step
 * edge blurred by a Gaussian of sigma px, the gradient's energy is c^2 / (2 sigma sqrt(pi)) and
 * its derivative's c^2 / (4 sigma^3 sqrt(pi)), so the ratio is 2 sigma^2 whatever the edge's
 * contrast and however many edges the picture has; a sharp edge gives about 0.4. -1 when the
 * plane is under 3 x 3 or flat. */
static double plane_edge_width(const double *plane, uint32_t w, uint32_t h) {
    if (w < 3 || h < 3) return -1;
    double sum = 0, sum_sq = 0;
    for (size_t i = 0; i < (size_t)w * h; i++) {
        sum += plane[i];
        sum_sq += plane[i] * plane[i];
    }
    double n = (double)w * h, mean = sum / n;
    if (sum_sq / n - mean * mean < 0.25) return -1;
    double gradient = 0, laplacian = 0;
    for (uint32_t y = 1; y + 1 < h; y++) {
        const double *up = plane + (size_t)(y - 1) * w, *at = plane + (size_t)y * w, *down = plane + (size_t)(y + 1) * w;
        for (uint32_t x = 1; x + 1 < w; x++) {
            double gx = (at[x + 1] - at[x - 1]) * 0.5, gy = (down[x] - up[x]) * 0.5;
            double l = 4 * at[x] - up[x] - down[x] - at[x - 1] - at[x + 1];
            gradient += gx * gx + gy * gy;
            laplacian += l * l;
        }
    }
    return laplacian > 0 ? sqrt(gradient / (2 * laplacian)) : -1;
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
static double edge_width(const assay_image_stats *s) {
    const uint32_t vw = s->view_width, vh = s->view_height;
    if (s->view_sum == NULL || vw < 3 || vh < 3) return -1;
    const uint32_t cw = vw / COARSE, ch = vh / COARSE;
    const int coarse = (vw > vh ? vw : vh) >= 256 && cw >= 3 && ch >= 3;
    double *view = malloc((size_t)vw * vh * sizeof *view);
    double *col_scale = malloc((size_t)vw * sizeof *col_scale);
    double *small = coarse ? calloc((size_t)cw * ch, sizeof *small) : NULL;
    if (view == NULL || col_scale == NULL || (coarse && small == NULL)) {
        free(view);
        free(col_scale);
        free(small);
        return -1;
    }
    for (uint64_t c = 0; c < vw; c++)
        col_scale[c] = 1.0 / (double)(((c + 1) * s->width + vw - 1) / vw - (c * s->width + vw - 1) / vw);
    for (uint64_t y = 0; y < vh; y++) {
        const double row_scale = 1.0 / (double)(((y + 1) * s->height + vh - 1) / vh - (y * s->height + vh - 1) / vh);
        for (uint32_t x = 0; x < vw; x++) view[y * vw + x] = (double)s->view_sum[y * vw + x] * row_scale * col_scale[x];
    }
    double width = plane_edge_width(view, vw, vh);
    if (coarse) {
        for (uint32_t y = 0; y < ch * COARSE; y++)
            for (uint32_t x = 0; x < cw * COARSE; x++) small[(size_t)(y / COARSE) * cw + x / COARSE] += view[(size_t)y * vw + x];
        for (size_t i = 0; i < (size_t)cw * ch; i++) small[i] /= COARSE * COARSE;
        double wide = plane_edge_width(small, cw, ch);
        if (wide > SHARP_EDGE) {
            wide = COARSE * sqrt(wide * wide - SHARP_EDGE * SHARP_EDGE);
            if (wide > width) width = wide;
        }
    }
    free(view);
    free(col_scale);
    free(small);
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
    r->luma_mean = (double)s->sum_white / n;
    r->alpha_mean = (double)s->sum_alpha / n;
    double sd_black = stddev(s->sum_black, s->sum_sq_black, n);
    double sd_white = stddev(s->sum_white, s->sum_sq_white, n);
    r->luma_stddev = sd_black > sd_white ? sd_black : sd_white;

    uint64_t white[256];
    for (unsigned v = 0; v < 256; v++)
        white[v] = s->hist_white[0][v] + s->hist_white[1][v] + s->hist_white[2][v] + s->hist_white[3][v];
    r->dark_p99 = percentile(white, n, 0.99);
    uint64_t black[256];
    for (unsigned v = 0; v < 256; v++)
        black[v] = s->hist_black[0][v] + s->hist_black[1][v] + s->hist_black[2][v] + s->hist_black[3][v];
    r->light_p5 = percentile(s->opaque ? white : black, n, 0.05);
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
