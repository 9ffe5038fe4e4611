/* A bounded walk over a PNG's chunk headers, independent of libpng: it never decides validity
 * (libpng does), it only records facts libpng does not expose: acTL, eXIf, stored metadata sizes,
 * the raw IHDR fields when libpng refuses the header, and whether the chunk sequence is complete. */
#include "png_shim.h"

#include <string.h>

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
            } else if (is_type(type, "iCCP")) {
                out->iccp_bytes += data_length;
            } else if (is_type(type, "eXIf")) {
                out->has_exif = 1;
                out->exif_bytes += data_length;
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
