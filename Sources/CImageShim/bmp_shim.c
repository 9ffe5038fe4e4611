/* A bounded BMP reader of our own (no Debian library decodes BMP alone): Windows BITMAPINFOHEADER
 * and its V2-V5 extensions and OS/2's BITMAPCOREHEADER, 1, 4 and 8-bit palettes (ImageMagick
 * writes 4 and 8-bit ones run-length encoded), 16-bit (5-5-5 or bit fields), 24-bit and 32-bit
 * (BI_RGB or bit fields), bottom-up or top-down. JPEG and PNG payloads are refused as unsupported.
 * Every offset and size is checked against the file before it is read, and the pixel budget
 * before any row is allocated. Memory per file: one RGBA row and the statistics, and for RLE one
 * palette index a pixel (width x height bytes, under the pixel budget). Bytes after the pixel data
 * are allowed: a version 5 header may keep its colour profile there. */
#include "image_shim.h"
#include "image_result.h"
#include "image_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BI_RGB = 0, BI_RLE8 = 1, BI_RLE4 = 2, BI_BITFIELDS = 3, BI_JPEG = 4, BI_PNG = 5, BI_ALPHABITFIELDS = 6 };

static uint32_t le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* A channel's bit field: where it starts and how wide it is (at most 8 bits are kept). */
typedef struct {
    uint32_t mask;
    unsigned shift, bits;
} channel;

static channel channel_of(uint32_t mask) {
    channel c = {mask, 0, 0};
    if (mask == 0) return c;
    while (((mask >> c.shift) & 1u) == 0) c.shift++;
    while (c.shift + c.bits < 32 && ((mask >> (c.shift + c.bits)) & 1u)) c.bits++;
    return c;
}

static uint8_t expand(uint32_t value, channel c) {
    if (c.bits == 0) return 255;
    uint32_t v = (value & c.mask) >> c.shift;
    if (c.bits >= 8) return (uint8_t)(v >> (c.bits - 8));
    uint32_t max = (1u << c.bits) - 1;
    return (uint8_t)((v * 255 + max / 2) / max);
}

typedef struct {
    int32_t width, height;
    uint32_t bits, compression, palette_entries, palette_entry_size, palette_offset, pixel_offset;
    channel red, green, blue, alpha;
    int top_down;
} bmp_header;

static assay_image_status read_header(const uint8_t *bytes, size_t length, bmp_header *h, assay_image_result *r) {
    if (length < 2 || bytes[0] != 'B' || bytes[1] != 'M') {
        assay_copy_text(r->message, sizeof r->message, "not a BMP (no BM signature)");
        return ASSAY_IMAGE_SIGNATURE;
    }
    if (length < 26) {
        assay_copy_text(r->message, sizeof r->message, "the file ends inside the BMP headers");
        return ASSAY_IMAGE_TRUNCATED;
    }
    uint32_t info_size = le32(bytes + 14);
    h->pixel_offset = le32(bytes + 10);
    if (info_size != 12 && info_size != 40 && info_size != 52 && info_size != 56 && info_size != 64 && info_size != 108 &&
        info_size != 124) {
        snprintf(r->message, sizeof r->message, "a BMP info header of %u bytes is not one of the known versions", info_size);
        return ASSAY_IMAGE_CORRUPT;
    }
    if (14 + (size_t)info_size > length) {
        assay_copy_text(r->message, sizeof r->message, "the file ends inside the BMP info header");
        return ASSAY_IMAGE_TRUNCATED;
    }
    const uint8_t *info = bytes + 14;
    memset(&h->red, 0, 4 * sizeof(channel));
    if (info_size == 12) {
        h->width = (int32_t)le16(info + 4);
        h->height = (int32_t)le16(info + 6);
        h->bits = le16(info + 10);
        h->compression = BI_RGB;
        h->palette_entry_size = 3;
        h->palette_entries = h->bits <= 8 ? 1u << h->bits : 0;
    } else {
        h->width = (int32_t)le32(info + 4);
        h->height = (int32_t)le32(info + 8);
        h->bits = le16(info + 14);
        h->compression = le32(info + 16);
        h->palette_entry_size = 4;
        uint32_t used = le32(info + 32);
        h->palette_entries = h->bits <= 8 ? (used && used <= (1u << h->bits) ? used : 1u << h->bits) : 0;
    }
    if (le16(info + (info_size == 12 ? 8 : 12)) != 1) {
        assay_copy_text(r->message, sizeof r->message, "the BMP declares a plane count other than 1");
        return ASSAY_IMAGE_CORRUPT;
    }
    h->top_down = h->height < 0;
    if (h->height == INT32_MIN || h->width <= 0 || h->height == 0) {
        snprintf(r->message, sizeof r->message, "the BMP declares %d x %d px", h->width, h->height);
        return ASSAY_IMAGE_CORRUPT;
    }
    if (h->top_down) h->height = -h->height;
    h->palette_offset = 14 + info_size;
    if (h->compression == BI_BITFIELDS || h->compression == BI_ALPHABITFIELDS) {
        size_t fields = h->compression == BI_ALPHABITFIELDS ? 4 : 3;
        /* Version 1 headers keep the masks right after the header; later versions at the same
         * place, inside it. */
        const size_t at = 14 + 40;
        if (at + 4 * fields > length) {
            assay_copy_text(r->message, sizeof r->message, "the file ends inside the BMP bit fields");
            return ASSAY_IMAGE_TRUNCATED;
        }
        h->red = channel_of(le32(bytes + at));
        h->green = channel_of(le32(bytes + at + 4));
        h->blue = channel_of(le32(bytes + at + 8));
        if (fields == 4 || info_size >= 56) h->alpha = channel_of(at + 16 <= length ? le32(bytes + at + 12) : 0);
        if (info_size == 40) h->palette_offset += 4 * (uint32_t)fields;
    } else if (h->compression == BI_RGB) {
        if (h->bits == 16) {
            h->red = channel_of(0x7C00);
            h->green = channel_of(0x03E0);
            h->blue = channel_of(0x001F);
        } else if (h->bits == 24 || h->bits == 32) {
            h->red = channel_of(0x00FF0000);
            h->green = channel_of(0x0000FF00);
            h->blue = channel_of(0x000000FF);
            /* BI_RGB has no alpha: the fourth byte of a 32-bit pixel is padding. */
        }
    } else if ((h->compression == BI_RLE8 && h->bits == 8) || (h->compression == BI_RLE4 && h->bits == 4)) {
        if (h->top_down) {
            assay_copy_text(r->message, sizeof r->message, "a run-length encoded BMP cannot be top-down");
            return ASSAY_IMAGE_CORRUPT;
        }
    } else {
        static const char *names[] = {"", "RLE8", "RLE4", "", "JPEG", "PNG"};
        snprintf(r->message, sizeof r->message, "BMP compression %s is not supported: save it uncompressed",
                 h->compression <= 5 ? names[h->compression] : "of an unknown kind");
        return ASSAY_IMAGE_UNSUPPORTED;
    }
    if (h->bits != 1 && h->bits != 4 && h->bits != 8 && h->bits != 16 && h->bits != 24 && h->bits != 32) {
        snprintf(r->message, sizeof r->message, "%u bits a pixel is not a BMP depth", h->bits);
        return ASSAY_IMAGE_CORRUPT;
    }
    if ((h->compression == BI_BITFIELDS || h->compression == BI_ALPHABITFIELDS) && h->bits != 16 && h->bits != 32) {
        assay_copy_text(r->message, sizeof r->message, "bit fields are only defined for 16 and 32 bits a pixel");
        return ASSAY_IMAGE_CORRUPT;
    }
    if (h->palette_entries && (uint64_t)h->palette_offset + (uint64_t)h->palette_entries * h->palette_entry_size > length) {
        assay_copy_text(r->message, sizeof r->message, "the file ends inside the BMP palette");
        return ASSAY_IMAGE_TRUNCATED;
    }
    return ASSAY_IMAGE_OK;
}

/* The 8-bit blue, green, red fields of BI_RGB (and the usual alpha above them): bytes in B, G, R, A order. */
static int byte_fields(const bmp_header *h) {
    return h->blue.mask == 0xFFu && h->green.mask == 0xFF00u && h->red.mask == 0xFF0000u &&
           (h->alpha.bits == 0 || h->alpha.mask == 0xFF000000u);
}

static void convert_row(const bmp_header *h, const uint8_t *bytes, const uint8_t *src, uint8_t *rgba) {
    const uint8_t *palette = bytes + h->palette_offset;
    const uint32_t width = (uint32_t)h->width;
    if ((h->bits == 24 || h->bits == 32) && byte_fields(h)) {
        /* What nearly every BMP is: the bytes only change order. */
        if (h->bits == 32 && h->alpha.bits)
            for (uint32_t x = 0; x < width; x++) {
                const uint8_t *in = src + 4 * (size_t)x;
                uint8_t *out = rgba + 4 * (size_t)x;
                out[0] = in[2];
                out[1] = in[1];
                out[2] = in[0];
                out[3] = in[3];
            }
        else {
            const size_t step = h->bits / 8;
            for (uint32_t x = 0; x < width; x++) {
                const uint8_t *in = src + step * x;
                uint8_t *out = rgba + 4 * (size_t)x;
                out[0] = in[2];
                out[1] = in[1];
                out[2] = in[0];
                out[3] = 255;
            }
        }
        return;
    }
    for (uint32_t x = 0; x < width; x++) {
        uint8_t *out = rgba + 4 * (size_t)x;
        if (h->bits <= 8) {
            uint32_t index = h->bits == 8 ? src[x]
                             : h->bits == 4 ? (src[x / 2] >> (x % 2 ? 0 : 4)) & 0x0F
                                            : (src[x / 8] >> (7 - x % 8)) & 1u;
            if (index >= h->palette_entries) index = 0;
            const uint8_t *entry = palette + (size_t)index * h->palette_entry_size;
            out[0] = entry[2];
            out[1] = entry[1];
            out[2] = entry[0];
            out[3] = 255;
        } else {
            uint32_t value = h->bits == 16 ? le16(src + 2 * (size_t)x)
                             : h->bits == 24 ? (uint32_t)src[3 * x] | (uint32_t)src[3 * x + 1] << 8 | (uint32_t)src[3 * x + 2] << 16
                                             : le32(src + 4 * (size_t)x);
            out[0] = expand(value, h->red);
            out[1] = expand(value, h->green);
            out[2] = expand(value, h->blue);
            out[3] = h->alpha.bits ? expand(value, h->alpha) : 255;
        }
    }
}

/* Feeds palette indices (one byte a pixel, bottom-up rows) through the palette to the statistics. */
static assay_image_status measure_indices(const uint8_t *bytes, const bmp_header *h, const uint8_t *indices, assay_image_result *r) {
    const uint32_t width = (uint32_t)h->width, height = (uint32_t)h->height;
    uint8_t *row = malloc(4 * (size_t)width);
    assay_image_stats *stats = assay_image_stats_new(width, height, ASSAY_STATS_OPAQUE | ASSAY_STATS_WHOLE_ROWS);
    if (row == NULL || stats == NULL) {
        free(row);
        assay_image_stats_delete(stats);
        assay_copy_text(r->message, sizeof r->message, "cannot allocate one row and the statistics");
        return ASSAY_IMAGE_NO_MEMORY;
    }
    const uint8_t *palette = bytes + h->palette_offset;
    for (uint32_t stored = 0; stored < height; stored++) {
        const uint8_t *line = indices + (size_t)stored * width;
        for (uint32_t x = 0; x < width; x++) {
            uint32_t index = line[x] < h->palette_entries ? line[x] : 0;
            const uint8_t *entry = palette + (size_t)index * h->palette_entry_size;
            row[4 * x] = entry[2];
            row[4 * x + 1] = entry[1];
            row[4 * x + 2] = entry[0];
            row[4 * x + 3] = 255;
        }
        assay_image_stats_row(stats, row, width, height - 1 - stored, 0, 1);
    }
    assay_image_stats_finish(stats, 1, &r->measures);
    assay_image_stats_delete(stats);
    free(row);
    return ASSAY_IMAGE_OK;
}

/* Expands BI_RLE8 or BI_RLE4 data into palette indices, bounded by the file and the picture: a
 * run or a delta past the padded line is corruption, data that ends before the end-of-bitmap
 * code is truncation. Pixels the codes skip keep index 0, as Windows leaves them. */
static assay_image_status decode_rle(const uint8_t *bytes, size_t length, const bmp_header *h, assay_image_result *r) {
    const uint32_t width = (uint32_t)h->width, height = (uint32_t)h->height;
    if (h->pixel_offset < 14 || h->pixel_offset >= length) {
        assay_copy_text(r->message, sizeof r->message, "the pixel data starts past the end of the file: the file is cut");
        return ASSAY_IMAGE_TRUNCATED;
    }
    uint8_t *indices = calloc((size_t)width * height, 1);
    if (indices == NULL) {
        assay_copy_text(r->message, sizeof r->message, "cannot allocate the picture's palette indices");
        return ASSAY_IMAGE_NO_MEMORY;
    }
    const int four = h->compression == BI_RLE4;
    /* Encoders may code a line's padding too (ImageMagick codes 72 pixels of a 70-pixel line):
     * pixels past the width but within the padded line are dropped, not corruption. */
    const uint32_t padded = four ? (width + 7) / 8 * 8 : (width + 3) / 4 * 4;
    size_t pos = h->pixel_offset;
    uint32_t x = 0, y = 0;
    assay_image_status status = ASSAY_IMAGE_TRUNCATED;
    assay_copy_text(r->message, sizeof r->message, "the run-length data ends before its end-of-bitmap code: the file is cut");
    while (pos + 2 <= length) {
        const uint32_t count = bytes[pos], value = bytes[pos + 1];
        pos += 2;
        if (count > 0) { /* a run of count pixels */
            if (y >= height || x + count > padded) {
                assay_copy_text(r->message, sizeof r->message, "a run goes past the edge of the picture");
                status = ASSAY_IMAGE_CORRUPT;
                break;
            }
            for (uint32_t i = 0; i < count && x + i < width; i++)
                indices[(size_t)y * width + x + i] = (uint8_t)(four ? (i % 2 ? value & 0x0F : value >> 4) : value);
            x += count;
        } else if (value == 0) { /* end of line */
            x = 0;
            y++;
        } else if (value == 1) { /* end of bitmap */
            status = ASSAY_IMAGE_OK;
            r->message[0] = 0;
            break;
        } else if (value == 2) { /* delta */
            if (pos + 2 > length) break;
            x += bytes[pos];
            y += bytes[pos + 1];
            pos += 2;
            if (x > padded || y > height) {
                assay_copy_text(r->message, sizeof r->message, "a delta moves past the edge of the picture");
                status = ASSAY_IMAGE_CORRUPT;
                break;
            }
        } else { /* value literal pixels, padded to 16 bits */
            const size_t stored = four ? (value + 1) / 2 : value;
            if (pos + stored > length) break;
            if (y >= height || x + value > padded) {
                assay_copy_text(r->message, sizeof r->message, "literal pixels go past the edge of the picture");
                status = ASSAY_IMAGE_CORRUPT;
                break;
            }
            for (uint32_t i = 0; i < value && x + i < width; i++)
                indices[(size_t)y * width + x + i] = four ? (i % 2 ? bytes[pos + i / 2] & 0x0F : bytes[pos + i / 2] >> 4) : bytes[pos + i];
            x += value;
            pos += stored + (stored & 1);
        }
    }
    if (status == ASSAY_IMAGE_OK) status = measure_indices(bytes, h, indices, r);
    free(indices);
    return status;
}

static assay_image_status decode(const uint8_t *bytes, size_t length, const assay_image_limits *limits, assay_image_result *r) {
    bmp_header h;
    assay_image_status status = read_header(bytes, length, &h, r);
    if (status != ASSAY_IMAGE_OK) return status;
    const uint32_t width = (uint32_t)h.width, height = (uint32_t)h.height;
    r->stored_width = width;
    r->stored_height = height;
    r->bits_per_sample = h.bits <= 8 ? h.bits : h.bits == 16 ? 5 : 8;
    r->color = h.bits <= 8 ? ASSAY_COLOR_PALETTE : h.alpha.bits ? ASSAY_COLOR_RGBA : ASSAY_COLOR_RGB;
    if ((limits->max_width && width > limits->max_width) || (limits->max_height && height > limits->max_height) ||
        (limits->max_pixels && (uint64_t)width * height > limits->max_pixels)) {
        snprintf(r->message, sizeof r->message, "%u x %u px, over the size limits (decided from the header)", width, height);
        return ASSAY_IMAGE_TOO_LARGE;
    }
    if (h.compression == BI_RLE8 || h.compression == BI_RLE4) return decode_rle(bytes, length, &h, r);
    const uint64_t stride = (((uint64_t)width * h.bits + 31) / 32) * 4;
    const uint64_t end = (uint64_t)h.pixel_offset + stride * height;
    if (h.pixel_offset < 14 || end > length) {
        snprintf(r->message, sizeof r->message, "the pixel data needs %llu bytes but the file has %zu: the file is cut",
                 (unsigned long long)end, length);
        return h.pixel_offset < 14 ? ASSAY_IMAGE_CORRUPT : ASSAY_IMAGE_TRUNCATED;
    }
    uint8_t *row = malloc(4 * (size_t)width);
    assay_image_stats *stats = assay_image_stats_new(width, height, (h.alpha.bits == 0 ? ASSAY_STATS_OPAQUE : 0) | ASSAY_STATS_WHOLE_ROWS);
    if (row == NULL || stats == NULL) {
        free(row);
        assay_image_stats_delete(stats);
        assay_copy_text(r->message, sizeof r->message, "cannot allocate one row and the statistics");
        return ASSAY_IMAGE_NO_MEMORY;
    }
    for (uint32_t stored = 0; stored < height; stored++) {
        convert_row(&h, bytes, bytes + h.pixel_offset + stride * stored, row);
        assay_image_stats_row(stats, row, width, h.top_down ? stored : height - 1 - stored, 0, 1);
    }
    assay_image_stats_finish(stats, 1, &r->measures);
    assay_image_stats_delete(stats);
    free(row);
    return ASSAY_IMAGE_OK;
}

assay_image_status assay_bmp_decode(const uint8_t *bytes, size_t length, const assay_image_limits *limits,
                                    assay_image_result *result) {
    assay_image_result_begin(result, length);
    result->status = decode(bytes, length, limits, result);
    result->width = result->stored_width;
    result->height = result->stored_height;
    return result->status;
}
