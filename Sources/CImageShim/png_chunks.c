/* A bounded walk over a PNG's chunk headers, independent of libpng: it never decides validity
 * (libpng does), it only records facts libpng does not expose: acTL, eXIf, stored metadata sizes,
 * the raw IHDR fields when libpng refuses the header, and whether the chunk sequence is complete. */
#include "png_shim.h"
#include "exif_scan.h"

#include <string.h>
#include <zlib.h>

static uint32_t be32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static int is_type(const uint8_t *p, const char *name) { return memcmp(p, name, 4) == 0; }

void assay_png_walk_chunks(const uint8_t *bytes, size_t length, assay_png_chunks *out) {
    memset(out, 0, sizeof *out);
    if (length < 8) return;
    size_t pos = 8;
    out->walk_complete = 1;
    while (pos < length) {
        if (length - pos < 12) { /* not even a header and a CRC left */
            out->walk_complete = 0;
            return;
        }
        uint32_t data_length = be32(bytes + pos);
        const uint8_t *type = bytes + pos + 4;
        if (data_length > 0x7fffffffu || (uint64_t)data_length > (uint64_t)(length - pos - 12)) {
            out->walk_complete = 0;
            if (data_length <= 0x7fffffffu) {
                out->overrun = 1;
                memcpy(out->overrun_type, type, 4);
                out->overrun_type[4] = 0;
                out->overrun_length = data_length;
                out->overrun_remaining = (uint64_t)(length - pos - 8);
            }
            return;
        }
        const uint8_t *data = bytes + pos + 8;
        out->chunks++;
        if (out->chunks == 1 && is_type(type, "IHDR") && data_length == 13) {
            out->ihdr_width = be32(data);
            out->ihdr_height = be32(data + 4);
            out->ihdr_bit_depth = data[8];
            out->ihdr_color_type = data[9];
            out->ihdr_interlace = data[12];
        }
        if (is_type(type, "IDAT")) out->idat_chunks++;
        if (type[0] & 0x20) { /* lower-case first letter: ancillary */
            out->ancillary_chunks++;
            out->ancillary_bytes += data_length;
            if (data_length > out->largest_ancillary) {
                out->largest_ancillary = data_length;
                memcpy(out->largest_ancillary_type, type, 4);
                out->largest_ancillary_type[4] = 0;
            }
            if (is_type(type, "tEXt") || is_type(type, "zTXt") || is_type(type, "iTXt")) {
                out->text_chunks++;
                out->text_stored_bytes += data_length;
                /* XMP lives in an iTXt keyed XML:com.adobe.xmp; a compressed one is not searched. */
                static const char xmp_key[] = "XML:com.adobe.xmp";
                if (is_type(type, "iTXt") && data_length > sizeof xmp_key && memcmp(data, xmp_key, sizeof xmp_key) == 0 &&
                    data[sizeof xmp_key] == 0)
                    out->has_location |= assay_xmp_has_location(data, data_length);
            } else if (is_type(type, "iCCP")) {
                out->iccp_bytes += data_length;
            } else if (is_type(type, "eXIf")) {
                out->has_exif = 1;
                out->exif_bytes += data_length;
                assay_exif_facts facts;
                assay_exif_scan(data, data_length, &facts);
                if (out->orientation == 0) out->orientation = facts.orientation;
                out->has_location |= facts.has_location;
            } else if (is_type(type, "acTL")) {
                out->has_actl = 1;
            }
        }
        pos += 12 + (size_t)data_length;
        if (is_type(type, "IEND")) {
            out->has_iend = 1;
            return;
        }
    }
}

/* Inflates `data` into a fixed scratch buffer, counting bytes and keeping none, until `budget`
 * is passed; returns the bytes counted (budget + 1 at most, or what inflated before an error). */
static uint64_t inflated_size(const uint8_t *data, size_t length, uint64_t budget) {
    uint8_t scratch[16384];
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK) return 0;
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)length;
    uint64_t total = 0;
    for (;;) {
        z.next_out = scratch;
        z.avail_out = sizeof scratch;
        int status = inflate(&z, Z_NO_FLUSH);
        total += sizeof scratch - z.avail_out;
        if (total > budget || status != Z_OK || (z.avail_out != 0 && z.avail_in == 0)) break;
    }
    inflateEnd(&z);
    return total > budget ? budget + 1 : total;
}

uint64_t assay_png_metadata_bytes(const uint8_t *bytes, size_t length, uint64_t budget) {
    if (length < 8) return 0;
    size_t pos = 8;
    uint64_t total = 0;
    while (pos < length && length - pos >= 12 && total <= budget) {
        uint32_t data_length = be32(bytes + pos);
        const uint8_t *type = bytes + pos + 4;
        if (data_length > 0x7fffffffu || (uint64_t)data_length > (uint64_t)(length - pos - 12)) break;
        const uint8_t *data = bytes + pos + 8;
        const uint8_t *end = data + data_length;
        const uint8_t *nul = memchr(data, 0, data_length);
        uint64_t left = budget - total;
        if (is_type(type, "tEXt")) {
            total += data_length;
        } else if ((is_type(type, "zTXt") || is_type(type, "iCCP")) && nul != NULL && end - nul >= 2) {
            total += (uint64_t)(nul - data) + inflated_size(nul + 2, (size_t)(end - nul - 2), left);
        } else if (is_type(type, "iTXt") && nul != NULL && end - nul >= 3) {
            /* keyword NUL, compressed flag, method, language NUL, translated keyword NUL, text */
            const uint8_t *language = nul + 3;
            const uint8_t *language_end = language < end ? memchr(language, 0, (size_t)(end - language)) : NULL;
            const uint8_t *translated_end = language_end != NULL && language_end + 1 < end
                ? memchr(language_end + 1, 0, (size_t)(end - language_end - 1)) : NULL;
            if (translated_end != NULL) {
                const uint8_t *text = translated_end + 1;
                total += (uint64_t)(text - data);
                total += nul[1] ? inflated_size(text, (size_t)(end - text), left) : (uint64_t)(end - text);
            } else {
                total += data_length;
            }
        }
        pos += 12 + (size_t)data_length;
        if (is_type(type, "IEND")) break;
    }
    return total;
}

