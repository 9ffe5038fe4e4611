/* The libpng decoder behind image-check. decode_under_jmp is the only function that calls setjmp;
 * every libpng call that can fail is made from it, so a libpng error unwinds C frames only.
 * Memory per file: libpng's structs, its row buffers, one RGBA8 row of ours and the fixed-size
 * statistics (a 32 x 32 grid). */
#include "png_shim.h"
#include "png_classify.h"
#include "image_result.h"
#include "image_stats.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum phase { PHASE_INFO, PHASE_ROWS, PHASE_END };

/* Everything decode_under_jmp touches lives here, outside its frame, so nothing it changes after
 * setjmp is lost when libpng longjmps back. */
typedef struct {
    const uint8_t *bytes;
    size_t length;
    size_t offset;
    int eof;
    int user_limit_hit;
    enum phase phase;
    /* Set while libpng reads the last row: it then inflates the rest of the IDAT stream, so
     * reading far past that row means data after the image (see on_read). */
    int in_last_row;
    size_t last_row_start;
    size_t last_row_allowance;
    int data_after_last_row;
    const assay_png_limits *limits;
    assay_png_result *result;
    png_structp png;
    png_infop info;
    uint8_t *row;
    assay_image_stats stats;
    int orientation;  /* from the eXIf chunk, 1 when none */
} decode_context;

static void on_error(png_structp png, png_const_charp message) {
    decode_context *ctx = (decode_context *)png_get_error_ptr(png);
    assay_copy_text(ctx->result->message, sizeof ctx->result->message, message);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message) {
    decode_context *ctx = (decode_context *)png_get_error_ptr(png);
    assay_png_result *r = ctx->result;
    const char *text = message != NULL ? message : "(no message)";
    r->warnings++;
    if (strstr(text, "exceeds user limit") != NULL) ctx->user_limit_hit = 1;
    uint32_t flag = assay_png_classify_warning(text);
    r->warning_flags |= flag;
    if (flag != ASSAY_PNG_WARN_OTHER && r->notable_warning[0] == 0)
        assay_copy_text(r->notable_warning, sizeof r->notable_warning, text);
    size_t used = strlen(r->warning_text);
    if (used + 2 < sizeof r->warning_text)
        snprintf(r->warning_text + used, sizeof r->warning_text - used, "%s%s", used ? "\n" : "", text);
}

static void on_read(png_structp png, png_bytep out, size_t count) {
    decode_context *ctx = (decode_context *)png_get_io_ptr(png);
    if (count > ctx->length - ctx->offset) {
        ctx->eof = 1;
        png_error(png, "unexpected end of file");
    }
    if (ctx->in_last_row && ctx->offset + count - ctx->last_row_start > ctx->last_row_allowance) {
        /* libpng finishes the stream inside the last png_read_row, inflating all of it: gigabytes
         * of deflated zeros after the image cost seconds. Stop feeding it. */
        ctx->data_after_last_row = 1;
        png_error(png, "the compressed image data goes on past the last row");
    }
    memcpy(out, ctx->bytes + ctx->offset, count);
    ctx->offset += count;
}

/* Asks libpng for 8-bit RGBA whatever the stored format, so every image hashes alike. */
static void request_rgba8(png_structp png, png_infop info, int color_type, int bit_depth) {
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    int has_trns = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
    if (has_trns) png_set_tRNS_to_alpha(png);
    if (bit_depth == 16) png_set_strip_16(png);
    if ((color_type & PNG_COLOR_MASK_COLOR) == 0) png_set_gray_to_rgb(png);
    if ((color_type & PNG_COLOR_MASK_ALPHA) == 0 && !has_trns) png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
}

/* Marks the coming png_read_row as the image's last: from here libpng may read only the last
 * row's data, its read-ahead and the stream's end. */
static void begin_last_row(decode_context *ctx, size_t rowbytes) {
    ctx->in_last_row = 1;
    ctx->last_row_start = ctx->offset;
    ctx->last_row_allowance = 65536 + 2 * rowbytes;
}

static void read_rows(decode_context *ctx) {
    assay_png_result *r = ctx->result;
    size_t rowbytes = png_get_rowbytes(ctx->png, ctx->info);
    int last_pass = 0;
    for (int pass = 0; pass < 7; pass++)
        if (PNG_PASS_COLS(r->width, pass) && PNG_PASS_ROWS(r->height, pass)) last_pass = pass;
    if (r->interlace == PNG_INTERLACE_ADAM7) {
        /* No png_set_interlace_handling: each call returns one row of one pass, packed, and
         * png_read_row skips empty passes exactly as the loop below does. */
        for (int pass = 0; pass < 7; pass++) {
            png_uint_32 cols = PNG_PASS_COLS(r->width, pass), rows = PNG_PASS_ROWS(r->height, pass);
            if (cols == 0 || rows == 0) continue;
            png_uint_32 x0 = PNG_PASS_START_COL(pass), dx = 1u << PNG_PASS_COL_SHIFT(pass);
            png_uint_32 y0 = PNG_PASS_START_ROW(pass), dy = 1u << PNG_PASS_ROW_SHIFT(pass);
            for (png_uint_32 i = 0; i < rows; i++) {
                if (pass == last_pass && i + 1 == rows) begin_last_row(ctx, rowbytes);
                png_read_row(ctx->png, ctx->row, NULL);
                assay_image_stats_row(&ctx->stats, ctx->row, cols, y0 + i * dy, x0, dx);
            }
        }
    } else {
        for (png_uint_32 y = 0; y < r->height; y++) {
            if (y + 1 == r->height) begin_last_row(ctx, rowbytes);
            png_read_row(ctx->png, ctx->row, NULL);
            assay_image_stats_row(&ctx->stats, ctx->row, r->width, y, 0, 1);
        }
    }
}

static uint64_t text_bytes(png_structp png, png_infop info) {
    png_textp texts = NULL;
    int count = png_get_text(png, info, &texts, NULL);
    uint64_t total = 0;
    for (int i = 0; i < count; i++) {
        total += strlen(texts[i].key);
        total += texts[i].compression > PNG_TEXT_COMPRESSION_zTXt ? texts[i].itxt_length : texts[i].text_length;
    }
    return total;
}

/* Runs every failing libpng call. ctx is never reassigned here, so it survives the longjmp. */
static assay_png_status decode_under_jmp(decode_context *ctx) {
    assay_png_result *r = ctx->result;
    const assay_png_limits *limits = ctx->limits;
    if (setjmp(png_jmpbuf(ctx->png))) {
        if (ctx->data_after_last_row) {
            snprintf(r->message, sizeof r->message,
                     "the compressed image data goes on past the last row (more than %zu bytes of it); the rest was not inflated",
                     ctx->last_row_allowance);
            return ASSAY_PNG_IDAT_EXTRA;
        }
        if (ctx->eof) {
            if (ctx->phase == PHASE_END && r->chunks.walk_complete && !r->chunks.has_iend) {
                assay_copy_text(r->message, sizeof r->message, "the file ends after the image data without an IEND chunk");
                return ASSAY_PNG_MISSING_IEND;
            }
            assay_copy_text(r->message, sizeof r->message,
                      ctx->phase == PHASE_INFO ? "the file ends before the image data"
                                               : "the file ends inside the image data");
            return ASSAY_PNG_TRUNCATED;
        }
        return assay_png_classify_error(r->message, ctx->user_limit_hit, r->chunks.idat_chunks);
    }
    png_set_read_fn(ctx->png, ctx, on_read);
    png_set_user_limits(ctx->png, limits->max_width ? limits->max_width : PNG_UINT_31_MAX,
                        limits->max_height ? limits->max_height : PNG_UINT_31_MAX);
    png_set_chunk_cache_max(ctx->png, limits->chunk_cache_max);
    png_set_chunk_malloc_max(ctx->png, (png_alloc_size_t)(limits->chunk_malloc_max ? limits->chunk_malloc_max : 1));
    png_set_crc_action(ctx->png, PNG_CRC_ERROR_QUIT,
                       limits->ancillary_crc_fatal ? PNG_CRC_ERROR_QUIT : PNG_CRC_WARN_DISCARD);

    png_read_info(ctx->png, ctx->info);
    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(ctx->png, ctx->info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    r->width = width;
    r->height = height;
    r->bit_depth = bit_depth;
    r->color_type = color_type;
    r->interlace = interlace;
    /* The pixel budget, before any row is inflated or any image-sized buffer exists. */
    if (limits->max_pixels && (uint64_t)width * height > limits->max_pixels) {
        snprintf(r->message, sizeof r->message, "%u x %u = %llu pixels, over the budget of %llu", width, height,
                 (unsigned long long)width * height, (unsigned long long)limits->max_pixels);
        return ASSAY_PNG_TOO_LARGE;
    }

    request_rgba8(ctx->png, ctx->info, color_type, bit_depth);
    png_read_update_info(ctx->png, ctx->info);
    size_t rowbytes = png_get_rowbytes(ctx->png, ctx->info);
    if (png_get_channels(ctx->png, ctx->info) != 4 || png_get_bit_depth(ctx->png, ctx->info) != 8 ||
        rowbytes != (size_t)width * 4) {
        assay_copy_text(r->message, sizeof r->message, "libpng did not deliver 8-bit RGBA rows");
        return ASSAY_PNG_OTHER;
    }
    ctx->row = malloc(rowbytes); /* the RGBA8 row */
    if (ctx->row == NULL) {
        assay_copy_text(r->message, sizeof r->message, "cannot allocate one row");
        return ASSAY_PNG_NO_MEMORY;
    }
    int opaque = (color_type & PNG_COLOR_MASK_ALPHA) == 0 && png_get_valid(ctx->png, ctx->info, PNG_INFO_tRNS) == 0;
    if (assay_image_stats_init(&ctx->stats, width, height,
                               (opaque ? ASSAY_STATS_OPAQUE : 0) | (interlace == PNG_INTERLACE_NONE ? ASSAY_STATS_WHOLE_ROWS : 0)) != 0) {
        assay_copy_text(r->message, sizeof r->message, "cannot allocate the statistics");
        return ASSAY_PNG_NO_MEMORY;
    }
    ctx->phase = PHASE_ROWS;
    read_rows(ctx);
    ctx->in_last_row = 0;
    ctx->phase = PHASE_END;
    png_read_end(ctx->png, ctx->info);
    r->text_bytes = text_bytes(ctx->png, ctx->info);
    assay_image_stats_finish(&ctx->stats, ctx->orientation, &r->measures);
    return ASSAY_PNG_OK;
}

static assay_png_status check_signature(const uint8_t *bytes, size_t length, assay_png_result *r) {
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (length == 0) {
        assay_copy_text(r->message, sizeof r->message, "the file is empty: no PNG signature");
        return ASSAY_PNG_SIGNATURE;
    }
    size_t n = length < 8 ? length : 8;
    if (memcmp(bytes, signature, n) != 0) {
        assay_copy_text(r->message, sizeof r->message,
                  n >= 4 && memcmp(bytes, signature, 4) == 0
                      ? "PNG signature damaged in its line-ending bytes: the file went through a text-mode transfer"
                      : "not a PNG signature");
        return ASSAY_PNG_SIGNATURE;
    }
    if (length < 8) {
        assay_copy_text(r->message, sizeof r->message, "the file ends inside the PNG signature");
        return ASSAY_PNG_TRUNCATED;
    }
    return ASSAY_PNG_OK;
}

assay_png_status assay_png_decode(const uint8_t *bytes, size_t length, const assay_png_limits *limits,
                                  assay_png_result *result) {
    memset(result, 0, sizeof *result);
    result->length = length;
    assay_png_walk_chunks(bytes, length, &result->chunks);
    result->status = check_signature(bytes, length, result);
    if (result->status != ASSAY_PNG_OK) return result->status;
    /* Decided from the walk, before libpng sees the file: libpng allocates an ancillary chunk's
     * declared length before it reads the data, so a 64-byte file whose tEXt claims 2 GB would
     * cost 2 GB. A chunk that runs past the end cannot be read whole; an ancillary chunk stored
     * larger than the metadata budget is over it whatever it inflates to. */
    const assay_png_chunks *walk = &result->chunks;
    if (walk->overrun && (walk->overrun_type[0] & 0x20) != 0) {
        snprintf(result->message, sizeof result->message,
                 "chunk %s declares %u data bytes but the file has %llu bytes left: the file is cut or the length is forged",
                 walk->overrun_type, walk->overrun_length, (unsigned long long)walk->overrun_remaining);
        return result->status = ASSAY_PNG_TRUNCATED;
    }
    if (limits->chunk_malloc_max && walk->largest_ancillary > limits->chunk_malloc_max) {
        snprintf(result->message, sizeof result->message, "chunk %s stores %u bytes, over the metadata budget of %llu",
                 walk->largest_ancillary_type, walk->largest_ancillary, (unsigned long long)limits->chunk_malloc_max);
        return result->status = ASSAY_PNG_METADATA;
    }

    /* One budget for all the metadata of the file, not one per chunk: 255 zTXt chunks that each
     * inflate to just under the per-chunk limit would otherwise cost 255 times it. */
    if (limits->chunk_malloc_max) {
        uint64_t inflated = assay_png_metadata_bytes(bytes, length, limits->chunk_malloc_max);
        if (inflated > limits->chunk_malloc_max) {
            snprintf(result->message, sizeof result->message,
                     "the text and profile chunks inflate to more than the metadata budget of %llu bytes in total",
                     (unsigned long long)limits->chunk_malloc_max);
            return result->status = ASSAY_PNG_METADATA;
        }
    }

    decode_context *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL) {
        assay_copy_text(result->message, sizeof result->message, "cannot allocate the decoder");
        return result->status = ASSAY_PNG_NO_MEMORY;
    }
    ctx->bytes = bytes;
    ctx->length = length;
    ctx->limits = limits;
    ctx->result = result;
    ctx->orientation = result->chunks.orientation ? result->chunks.orientation : 1;
    ctx->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, ctx, on_error, on_warning);
    ctx->info = ctx->png != NULL ? png_create_info_struct(ctx->png) : NULL;
    if (ctx->info == NULL) {
        assay_copy_text(result->message, sizeof result->message, "cannot create the libpng decoder");
        result->status = ASSAY_PNG_NO_MEMORY;
    } else {
        result->status = decode_under_jmp(ctx);
    }
    result->consumed = ctx->offset;
    if (ctx->png != NULL) png_destroy_read_struct(&ctx->png, ctx->info != NULL ? &ctx->info : NULL, NULL);
    assay_image_stats_free(&ctx->stats);
    free(ctx->row);
    free(ctx);
    return result->status;
}

int assay_png_shim_version(void) { return (int)png_access_version_number(); }
