/* The libjpeg-turbo decoder behind image-check. decode_under_jmp is the only function that calls
 * setjmp for libjpeg; every libjpeg call that can fail is made from it, and everything it changes
 * lives in the heap context, so a longjmp loses nothing. libjpeg reports a file that ends early
 * ("Premature end of JPEG file") and damaged entropy data ("Corrupt JPEG data") as warnings and
 * goes on with grey or garbage; both are kept and turned into failures after the decode.
 * Large pictures are decoded at 1/2, 1/4 or 1/8 scale (see decode_under_jmp): the statistics
 * never need more than viewing size. Memory per file: libjpeg's own (bounded by max_memory_to_use, which caps a progressive file's
 * coefficient buffer), one RGBA row, one CMYK row and the statistics. Metadata markers are never
 * saved by libjpeg: our marker reader counts every APPn and COM against the budget, keeps JFIF's
 * and Adobe's fields for libjpeg, and reads EXIF and XMP in place. */
#include "image_shim.h"
#include "exif_scan.h"
#include "image_result.h"
#include "image_stats.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

/* A progressive file may have any number of scans; each costs a pass over the coefficients.
 * libjpeg-turbo's own advice (djpeg -maxscans) is to cap them for untrusted input: at most
 * MAX_SCANS, and at most MAX_SCAN_BLOCKS scans x 8x8 blocks in all (a 6000 x 6000 grey file of 480
 * scans costs 12 s of CPU and stays under MAX_SCANS). */
enum { MAX_SCANS = 500 };
#define MAX_SCAN_BLOCKS 400000000ull

typedef struct {
    struct jpeg_error_mgr pub;
    struct jpeg_progress_mgr progress;
    jmp_buf jump;
    struct jpeg_decompress_struct cinfo;
    int created;
    int premature_end;        /* JWRN_JPEG_EOF: the file ended before the picture did */
    int corrupt_data;         /* any other warning: damaged or inconsistent data */
    char first_warning[JMSG_LENGTH_MAX];
    assay_image_status forced; /* set by our own callbacks before they longjmp */
    int seen_exif;
    const assay_image_limits *limits;
    assay_image_result *result;
    uint8_t *row;             /* one RGBA row, then 4 bytes of scratch a pixel for the statistics */
    uint8_t *source_row;      /* one CMYK row, for CMYK and YCCK files */
    assay_image_stats stats;
} jpeg_context;


static jpeg_context *context_of(j_common_ptr cinfo) {
    return (jpeg_context *)((char *)cinfo->err - offsetof(jpeg_context, pub));
}

static void on_error(j_common_ptr cinfo) {
    jpeg_context *ctx = context_of(cinfo);
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    assay_copy_text(ctx->result->message, sizeof ctx->result->message, text);
    longjmp(ctx->jump, 1);
}

static void fail(jpeg_context *ctx, assay_image_status status, const char *message);

static void on_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return; /* trace messages */
    jpeg_context *ctx = context_of(cinfo);
    const int code = cinfo->err->msg_code;
    cinfo->err->num_warnings++;
    /* Warnings about labels, not data: an unknown JFIF revision or Adobe transform code, SOS
     * parameters a sequential decoder ignores. Counted, and the first kept as text. */
    if (code == JWRN_JFIF_MAJOR || code == JWRN_ADOBE_XFORM || code == JWRN_NOT_SEQUENTIAL) {
        if (ctx->result->warnings++ == 0) (*cinfo->err->format_message)(cinfo, ctx->result->warning_text);
        return;
    }
    if (code == JWRN_JPEG_EOF) ctx->premature_end = 1;
    else ctx->corrupt_data = 1;
    if (ctx->first_warning[0] == 0) (*cinfo->err->format_message)(cinfo, ctx->first_warning);
    /* A broken progression is broken for good: stop before decoding the scans that follow. */
    if (code == JWRN_BOGUS_PROGRESSION) fail(ctx, ASSAY_IMAGE_CORRUPT, ctx->first_warning);
}

static void fail(jpeg_context *ctx, assay_image_status status, const char *message) {
    ctx->forced = status;
    assay_copy_text(ctx->result->message, sizeof ctx->result->message, message);
    longjmp(ctx->jump, 1);
}

static void on_progress(j_common_ptr cinfo) {
    j_decompress_ptr d = (j_decompress_ptr)cinfo;
    if (!d->is_decompressor) return;
    const unsigned long long blocks =
        ((unsigned long long)d->image_width + 7) / 8 * (((unsigned long long)d->image_height + 7) / 8) * (unsigned)d->num_components;
    if (d->input_scan_number > MAX_SCANS || (unsigned long long)d->input_scan_number * blocks > MAX_SCAN_BLOCKS) {
        char text[160];
        snprintf(text, sizeof text, "%d progressive scans of %llu blocks: over the decode budget of %d scans or %llu scan blocks",
                 d->input_scan_number, blocks, MAX_SCANS, MAX_SCAN_BLOCKS);
        fail(context_of(cinfo), ASSAY_IMAGE_CORRUPT, text);
    }
}

/* What libjpeg's own APP0 and APP14 readers keep, read from a marker's data: the JFIF header
 * (version, density) and Adobe's colour transform, which decide how YCCK and CMYK are converted.
 * Reading them here lets one reader count every APPn against the metadata budget: libjpeg's
 * readers skip the rest of a marker unseen, so 65 KB APP0s repeated would pass any budget. */
static void keep_jfif_and_adobe(j_decompress_ptr cinfo, const uint8_t *data, size_t length) {
    if (cinfo->unread_marker == JPEG_APP0 && length >= 14 && memcmp(data, "JFIF\0", 5) == 0) {
        cinfo->saw_JFIF_marker = TRUE;
        cinfo->JFIF_major_version = data[5];
        cinfo->JFIF_minor_version = data[6];
        cinfo->density_unit = data[7];
        cinfo->X_density = (UINT16)(data[8] << 8 | data[9]);
        cinfo->Y_density = (UINT16)(data[10] << 8 | data[11]);
    } else if (cinfo->unread_marker == JPEG_APP0 + 14 && length >= 12 && memcmp(data, "Adobe", 5) == 0) {
        cinfo->saw_Adobe_marker = TRUE;
        cinfo->Adobe_transform = data[11];
    }
}

/* Reads an APPn or COM marker in place: counts it against the metadata budget, keeps what libjpeg
 * needs of JFIF and Adobe markers, looks into EXIF and XMP, and skips it. */
static boolean read_marker(j_decompress_ptr cinfo) {
    jpeg_context *ctx = context_of((j_common_ptr)cinfo);
    struct jpeg_source_mgr *src = cinfo->src;
    if (src->bytes_in_buffer < 2) fail(ctx, ASSAY_IMAGE_TRUNCATED, "the file ends inside a metadata marker");
    const uint8_t *p = src->next_input_byte;
    size_t declared = (size_t)(p[0] << 8 | p[1]);
    if (declared < 2) fail(ctx, ASSAY_IMAGE_CORRUPT, "a metadata marker declares a length under 2 bytes");
    if (declared > src->bytes_in_buffer)
        fail(ctx, ASSAY_IMAGE_TRUNCATED, "the file ends inside a metadata marker (its declared length runs past the end)");
    const uint8_t *data = p + 2;
    size_t length = declared - 2;
    assay_image_result *r = ctx->result;
    r->metadata_bytes += length;
    if (ctx->limits->max_metadata_bytes && r->metadata_bytes > ctx->limits->max_metadata_bytes) {
        char text[160];
        snprintf(text, sizeof text, "metadata markers hold more than the budget of %llu bytes",
                 (unsigned long long)ctx->limits->max_metadata_bytes);
        fail(ctx, ASSAY_IMAGE_METADATA, text);
    }
    keep_jfif_and_adobe(cinfo, data, length);
    static const char xmp[] = "http://ns.adobe.com/xap/1.0/";
    static const char xmp_extension[] = "http://ns.adobe.com/xmp/extension/";
    if (cinfo->unread_marker == JPEG_APP0 + 1) {
        if (length >= 6 && memcmp(data, "Exif\0\0", 6) == 0) {
            r->has_exif = 1;
            r->exif_bytes += length;
            if (!ctx->seen_exif) {
                ctx->seen_exif = 1;
                assay_exif_facts facts;
                assay_exif_scan(data, length, &facts);
                r->orientation = facts.orientation;
                r->has_location |= facts.has_location;
            }
        } else if ((length >= sizeof xmp && memcmp(data, xmp, sizeof xmp) == 0) ||
                   (length >= sizeof xmp_extension && memcmp(data, xmp_extension, sizeof xmp_extension) == 0)) {
            r->has_location |= assay_xmp_has_location(data, length);
        }
    }
    src->next_input_byte += declared;
    src->bytes_in_buffer -= declared;
    return TRUE;
}

/* The picture's colours from one CMYK row: Adobe files store the inks inverted. */
static void cmyk_to_rgba(const uint8_t *cmyk, uint8_t *rgba, uint32_t width, int inverted) {
    for (uint32_t x = 0; x < width; x++, cmyk += 4, rgba += 4) {
        uint32_t c = cmyk[0], m = cmyk[1], y = cmyk[2], k = cmyk[3];
        if (!inverted) {
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        rgba[0] = (uint8_t)((c * k + 127) / 255);
        rgba[1] = (uint8_t)((m * k + 127) / 255);
        rgba[2] = (uint8_t)((y * k + 127) / 255);
        rgba[3] = 255;
    }
}

static assay_image_status classify_error(jpeg_context *ctx) {
    if (ctx->forced != ASSAY_IMAGE_OK) return ctx->forced;
    if (ctx->premature_end) return ASSAY_IMAGE_TRUNCATED;
    switch (ctx->pub.msg_code) {
    case JERR_NO_SOI: return ASSAY_IMAGE_SIGNATURE;
    case JERR_OUT_OF_MEMORY:
    case JERR_NO_BACKING_STORE: return ASSAY_IMAGE_NO_MEMORY;
    case JERR_IMAGE_TOO_BIG:
    case JERR_WIDTH_OVERFLOW: return ASSAY_IMAGE_TOO_LARGE;
    case JERR_BAD_PRECISION:
    case JERR_NOT_COMPILED:
    case JERR_CONVERSION_NOTIMPL:
    case JERR_NOTIMPL:
    case JERR_SOF_UNSUPPORTED:
    case JERR_ARITH_NOTIMPL:
    case JERR_FRACT_SAMPLE_NOTIMPL: return ASSAY_IMAGE_UNSUPPORTED;
    default: return ASSAY_IMAGE_CORRUPT;
    }
}

static assay_image_status decode_under_jmp(jpeg_context *ctx, const uint8_t *bytes, size_t length) {
    struct jpeg_decompress_struct *c = &ctx->cinfo;
    assay_image_result *r = ctx->result;
    const assay_image_limits *limits = ctx->limits;
    c->err = jpeg_std_error(&ctx->pub);
    ctx->pub.error_exit = on_error;
    ctx->pub.emit_message = on_message;
    if (setjmp(ctx->jump)) return classify_error(ctx);
    jpeg_create_decompress(c);
    ctx->created = 1;
    if (limits->max_memory) c->mem->max_memory_to_use = (long)limits->max_memory;
    ctx->progress.progress_monitor = on_progress;
    c->progress = &ctx->progress;
    jpeg_mem_src(c, bytes, (unsigned long)length);
    for (int marker = JPEG_APP0; marker <= JPEG_APP0 + 15; marker++) jpeg_set_marker_processor(c, marker, read_marker);
    jpeg_set_marker_processor(c, JPEG_COM, read_marker);

    jpeg_read_header(c, TRUE);
    r->stored_width = c->image_width;
    r->stored_height = c->image_height;
    r->bits_per_sample = (uint32_t)c->data_precision;
    r->progressive = c->progressive_mode ? 1 : 0;
    if (r->orientation == 0) r->orientation = 1;
    char text[200];
    if ((limits->max_width && c->image_width > limits->max_width) ||
        (limits->max_height && c->image_height > limits->max_height) ||
        (limits->max_pixels && (uint64_t)c->image_width * c->image_height > limits->max_pixels)) {
        snprintf(text, sizeof text, "%u x %u px, over the size limits (decided from the header)", c->image_width, c->image_height);
        fail(ctx, ASSAY_IMAGE_TOO_LARGE, text);
    }
    int cmyk = 0;
    switch (c->jpeg_color_space) {
    case JCS_GRAYSCALE: r->color = ASSAY_COLOR_GRAY; break;
    case JCS_YCbCr:
    case JCS_RGB: r->color = ASSAY_COLOR_RGB; break;
    case JCS_CMYK: r->color = ASSAY_COLOR_CMYK; cmyk = 1; break;
    case JCS_YCCK: r->color = ASSAY_COLOR_YCCK; cmyk = 1; break;
    default: r->color = ASSAY_COLOR_OTHER; break;
    }
    c->out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
    /* Shrink on load: libjpeg's scaled inverse DCT gives the picture at 1/2, 1/4 or 1/8 for much
     * less than a full decode, and every measure works at viewing size (ASSAY_VIEW) or below, so
     * the largest scale that keeps the long side at least ASSAY_VIEW px is used. The entropy data
     * is decoded whole whatever the scale, so damage and truncation are found as before. */
    const uint32_t longest = c->image_width > c->image_height ? c->image_width : c->image_height;
    unsigned denominator = 1;
    while (denominator < 8 && longest / (denominator * 2) >= ASSAY_VIEW) denominator *= 2;
    c->scale_num = 1;
    c->scale_denom = denominator;
    r->decode_scale = denominator;
    jpeg_start_decompress(c);
    const uint32_t width = c->output_width;
    if (c->output_components != 4) fail(ctx, ASSAY_IMAGE_UNSUPPORTED, "libjpeg did not deliver 4 samples a pixel");
    ctx->row = malloc(4 * (size_t)width);
    ctx->source_row = cmyk ? malloc(4 * (size_t)width) : NULL;
    if (ctx->row == NULL || (cmyk && ctx->source_row == NULL)) fail(ctx, ASSAY_IMAGE_NO_MEMORY, "cannot allocate one row");
    if (assay_image_stats_init(&ctx->stats, width, c->output_height, ASSAY_STATS_OPAQUE | ASSAY_STATS_WHOLE_ROWS | ASSAY_STATS_LOSSY) != 0)
        fail(ctx, ASSAY_IMAGE_NO_MEMORY, "cannot allocate the statistics");
    while (c->output_scanline < c->output_height) {
        const uint32_t y = c->output_scanline;
        JSAMPROW target = cmyk ? ctx->source_row : ctx->row;
        if (jpeg_read_scanlines(c, &target, 1) != 1) fail(ctx, ASSAY_IMAGE_CORRUPT, "libjpeg returned no row");
        if (cmyk) cmyk_to_rgba(ctx->source_row, ctx->row, width, c->saw_Adobe_marker);
        assay_image_stats_row(&ctx->stats, ctx->row, width, y, 0, 1);
    }
    jpeg_finish_decompress(c);
    r->trailing_bytes = c->src->bytes_in_buffer;
    assay_image_stats_finish(&ctx->stats, r->orientation, &r->measures);
    if (ctx->premature_end) {
        assay_copy_text(r->message, sizeof r->message, ctx->first_warning);
        return ASSAY_IMAGE_TRUNCATED;
    }
    if (ctx->corrupt_data) {
        assay_copy_text(r->message, sizeof r->message, ctx->first_warning);
        return ASSAY_IMAGE_CORRUPT;
    }
    return ASSAY_IMAGE_OK;
}

assay_image_status assay_jpeg_decode(const uint8_t *bytes, size_t length, const assay_image_limits *limits,
                                     assay_image_result *result) {
    assay_image_result_begin(result, length);
    result->orientation = 0; /* until an EXIF segment gives one (the first wins) */
    if (length < 3 || bytes[0] != 0xFF || bytes[1] != 0xD8) {
        assay_copy_text(result->message, sizeof result->message, length < 3 ? "the file is too short for a JPEG" : "not a JPEG (no SOI marker)");
        return result->status = length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xD8 ? ASSAY_IMAGE_TRUNCATED : ASSAY_IMAGE_SIGNATURE;
    }
    jpeg_context *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL) {
        assay_copy_text(result->message, sizeof result->message, "cannot allocate the decoder");
        return result->status = ASSAY_IMAGE_NO_MEMORY;
    }
    ctx->limits = limits;
    ctx->result = result;
    result->status = decode_under_jmp(ctx, bytes, length);
    if (result->orientation == 0) result->orientation = 1;
    unsigned turn = assay_image_orientation_symmetry(result->orientation);
    result->width = turn & 4 ? result->stored_height : result->stored_width;
    result->height = turn & 4 ? result->stored_width : result->stored_height;
    if (ctx->created) jpeg_destroy_decompress(&ctx->cinfo);
    assay_image_stats_free(&ctx->stats);
    free(ctx->row);
    free(ctx->source_row);
    free(ctx);
    return result->status;
}

int assay_jpeg_lib_version(void) { return JPEG_LIB_VERSION; }
