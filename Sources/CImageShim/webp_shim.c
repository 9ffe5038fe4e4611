/* The libwebp decoder behind image-check. libwebp reports every failure as a status code, so no
 * jump is needed. The RIFF container is walked here first, bounded, for what libwebp does not
 * report: metadata (EXIF, XMP, ICC) sizes, GPS and orientation, and bytes after the RIFF size.
 * An animation is judged on its first full frame (WebPAnimDecoder composes it on the canvas).
 * Memory per file: the decoded picture as RGBA (width x height x 4, both already under the
 * limits; an animation's decoder keeps two canvases, 8 bytes a pixel) and libwebp's own state. */
#include "image_shim.h"
#include "exif_scan.h"
#include "image_result.h"
#include "image_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <webp/decode.h>
#include <webp/demux.h>


static uint32_t le32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* Walks the RIFF chunks: metadata, animation, lossless; 0, or a failure status with the message set. */
static assay_image_status walk(const uint8_t *bytes, size_t length, const assay_image_limits *limits, assay_image_result *r) {
    if (length < 12 || memcmp(bytes, "RIFF", 4) != 0 || memcmp(bytes + 8, "WEBP", 4) != 0) {
        assay_copy_text(r->message, sizeof r->message, "not a WebP (no RIFF WEBP header)");
        return length < 12 && length >= 4 && memcmp(bytes, "RIFF", 4) == 0 ? ASSAY_IMAGE_TRUNCATED : ASSAY_IMAGE_SIGNATURE;
    }
    uint64_t riff_end = (uint64_t)le32(bytes + 4) + 8;
    if (riff_end > length) {
        snprintf(r->message, sizeof r->message, "the RIFF header declares %llu bytes but the file has %zu: the file is cut",
                 (unsigned long long)riff_end, length);
        return ASSAY_IMAGE_TRUNCATED;
    }
    r->trailing_bytes = length - riff_end;
    size_t pos = 12;
    int seen_exif = 0;
    while (pos + 8 <= riff_end) {
        const uint8_t *fourcc = bytes + pos;
        uint64_t size = le32(bytes + pos + 4);
        if (pos + 8 + size > riff_end) {
            snprintf(r->message, sizeof r->message, "chunk %.4s runs past the end of the RIFF data", (const char *)fourcc);
            return ASSAY_IMAGE_TRUNCATED;
        }
        const uint8_t *data = bytes + pos + 8;
        int metadata = 0;
        if (memcmp(fourcc, "EXIF", 4) == 0) {
            metadata = 1;
            r->has_exif = 1;
            r->exif_bytes += size;
            if (!seen_exif) {
                seen_exif = 1;
                assay_exif_facts facts;
                assay_exif_scan(data, (size_t)size, &facts);
                r->orientation = facts.orientation;
                r->has_location |= facts.has_location;
            }
        } else if (memcmp(fourcc, "XMP ", 4) == 0) {
            metadata = 1;
            r->has_location |= assay_xmp_has_location(data, (size_t)size);
        } else if (memcmp(fourcc, "ICCP", 4) == 0) {
            metadata = 1;
        } else if (memcmp(fourcc, "ANIM", 4) == 0 || memcmp(fourcc, "ANMF", 4) == 0) {
            r->frames = 2;
        } else if (memcmp(fourcc, "VP8L", 4) == 0) {
            r->lossless = 1;
        }
        if (metadata) {
            r->metadata_bytes += size;
            if (limits->max_metadata_bytes && r->metadata_bytes > limits->max_metadata_bytes) {
                snprintf(r->message, sizeof r->message, "metadata chunks hold more than the budget of %llu bytes",
                         (unsigned long long)limits->max_metadata_bytes);
                return ASSAY_IMAGE_METADATA;
            }
        }
        pos += 8 + (size_t)size + (size & 1);
    }
    return ASSAY_IMAGE_OK;
}

static assay_image_status from_vp8(VP8StatusCode status, assay_image_result *r) {
    switch (status) {
    case VP8_STATUS_OK: return ASSAY_IMAGE_OK;
    case VP8_STATUS_OUT_OF_MEMORY: assay_copy_text(r->message, sizeof r->message, "libwebp ran out of memory"); return ASSAY_IMAGE_NO_MEMORY;
    case VP8_STATUS_NOT_ENOUGH_DATA: assay_copy_text(r->message, sizeof r->message, "the picture data ends early"); return ASSAY_IMAGE_TRUNCATED;
    case VP8_STATUS_UNSUPPORTED_FEATURE: assay_copy_text(r->message, sizeof r->message, "a WebP feature libwebp does not support"); return ASSAY_IMAGE_UNSUPPORTED;
    default: assay_copy_text(r->message, sizeof r->message, "the compressed picture data is corrupt"); return ASSAY_IMAGE_CORRUPT;
    }
}

/* Feeds `height` RGBA rows of `stride` bytes to the statistics; `opaque` when no pixel has alpha.
 * Anything but a lossless WebP is a lossy decode for the pixel hash. */
static assay_image_status measure(const uint8_t *rgba, size_t stride, uint32_t width, uint32_t height, int opaque, assay_image_result *r) {
    const unsigned flags = (opaque ? ASSAY_STATS_OPAQUE : 0) | ASSAY_STATS_WHOLE_ROWS | (r->lossless ? 0 : ASSAY_STATS_LOSSY);
    assay_image_stats *stats = assay_image_stats_new(width, height, flags);
    if (stats == NULL) {
        assay_copy_text(r->message, sizeof r->message, "cannot allocate the statistics");
        return ASSAY_IMAGE_NO_MEMORY;
    }
    for (uint32_t y = 0; y < height; y++) assay_image_stats_row(stats, rgba + (size_t)y * stride, width, y, 0, 1);
    assay_image_stats_finish(stats, r->orientation, &r->measures);
    assay_image_stats_delete(stats);
    return ASSAY_IMAGE_OK;
}

static assay_image_status decode(const uint8_t *bytes, size_t length, const assay_image_limits *limits, assay_image_result *r) {
    assay_image_status status = walk(bytes, length, limits, r);
    if (status != ASSAY_IMAGE_OK) return status;
    WebPBitstreamFeatures features;
    status = from_vp8(WebPGetFeatures(bytes, length, &features), r);
    if (status != ASSAY_IMAGE_OK) return status;
    r->stored_width = (uint32_t)features.width;
    r->stored_height = (uint32_t)features.height;
    r->bits_per_sample = 8;
    r->color = features.has_alpha ? ASSAY_COLOR_RGBA : ASSAY_COLOR_RGB;
    if (features.has_animation) r->frames = 2;
    if (features.format == 2) r->lossless = 1;
    if ((limits->max_width && r->stored_width > limits->max_width) || (limits->max_height && r->stored_height > limits->max_height) ||
        (limits->max_pixels && (uint64_t)r->stored_width * r->stored_height > limits->max_pixels)) {
        snprintf(r->message, sizeof r->message, "%u x %u px, over the size limits (decided from the header)", r->stored_width,
                 r->stored_height);
        return ASSAY_IMAGE_TOO_LARGE;
    }
    if (features.has_animation) {
        WebPAnimDecoderOptions options;
        if (!WebPAnimDecoderOptionsInit(&options)) return from_vp8(VP8_STATUS_INVALID_PARAM, r);
        options.color_mode = MODE_RGBA;
        options.use_threads = 0;
        WebPData data = {bytes, length};
        WebPAnimDecoder *animation = WebPAnimDecoderNew(&data, &options);
        if (animation == NULL) {
            assay_copy_text(r->message, sizeof r->message, "libwebp cannot read the animation");
            return ASSAY_IMAGE_CORRUPT;
        }
        WebPAnimInfo info;
        if (WebPAnimDecoderGetInfo(animation, &info)) r->frames = info.frame_count > 1 ? 2 : 1;
        uint8_t *canvas = NULL;
        int timestamp = 0;
        if (!WebPAnimDecoderGetNext(animation, &canvas, &timestamp)) {
            WebPAnimDecoderDelete(animation);
            assay_copy_text(r->message, sizeof r->message, "libwebp cannot decode the first frame");
            return ASSAY_IMAGE_CORRUPT;
        }
        status = measure(canvas, 4 * (size_t)r->stored_width, r->stored_width, r->stored_height, 0, r);
        WebPAnimDecoderDelete(animation);
        return status;
    }
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) return from_vp8(VP8_STATUS_INVALID_PARAM, r);
    config.output.colorspace = MODE_RGBA;
    /* Decoded whole: libwebp's rescaler reads every full-size row anyway, and measured on these
     * wallpapers it cost more than the statistics it saves (which average large pictures 2 x 2). */
    r->decode_scale = 1;
    status = from_vp8(WebPDecode(bytes, length, &config), r);
    if (status == ASSAY_IMAGE_OK) {
        const WebPRGBABuffer *rgba = &config.output.u.RGBA;
        status = measure(rgba->rgba, (size_t)rgba->stride, (uint32_t)config.output.width, (uint32_t)config.output.height,
                         !features.has_alpha, r);
    }
    WebPFreeDecBuffer(&config.output);
    return status;
}

assay_image_status assay_webp_decode(const uint8_t *bytes, size_t length, const assay_image_limits *limits,
                                     assay_image_result *result) {
    assay_image_result_begin(result, length);
    result->status = decode(bytes, length, limits, result);
    if (result->orientation == 0) result->orientation = 1;
    unsigned turn = assay_image_orientation_symmetry(result->orientation);
    result->width = turn & 4 ? result->stored_height : result->stored_width;
    result->height = turn & 4 ? result->stored_width : result->stored_height;
    return result->status;
}

int assay_webp_lib_version(void) { return WebPGetDecoderVersion(); }
