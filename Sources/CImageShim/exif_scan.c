#define _GNU_SOURCE
#include "exif_scan.h"

#include <string.h>

enum { MAX_ENTRIES = 512, TAG_ORIENTATION = 0x0112, TAG_GPS_IFD = 0x8825, GPS_LATITUDE = 0x0002, GPS_LONGITUDE = 0x0004 };

typedef struct {
    const uint8_t *base;
    size_t length;
    int big_endian;
} tiff_view;

static uint32_t read16(const tiff_view *v, size_t at) {
    const uint8_t *p = v->base + at;
    return v->big_endian ? (uint32_t)(p[0] << 8 | p[1]) : (uint32_t)(p[1] << 8 | p[0]);
}

static uint32_t read32(const tiff_view *v, size_t at) {
    const uint8_t *p = v->base + at;
    return v->big_endian ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                         : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* The number of entries of the directory at `offset`, or 0 when it does not fit. */
static uint32_t directory_entries(const tiff_view *v, uint32_t offset) {
    if (offset < 8 || (size_t)offset + 2 > v->length) return 0;
    uint32_t count = read16(v, offset);
    if (count > MAX_ENTRIES) count = MAX_ENTRIES;
    size_t room = (v->length - offset - 2) / 12;
    return count < room ? count : (uint32_t)room;
}

void assay_exif_scan(const uint8_t *exif, size_t length, assay_exif_facts *out) {
    out->orientation = 1;
    out->has_location = 0;
    if (length >= 6 && memcmp(exif, "Exif\0\0", 6) == 0) {
        exif += 6;
        length -= 6;
    }
    if (length < 8) return;
    tiff_view v = {exif, length, 0};
    if (memcmp(exif, "MM\0*", 4) == 0) v.big_endian = 1;
    else if (memcmp(exif, "II*\0", 4) != 0) return;
    uint32_t ifd0 = read32(&v, 4), gps = 0;
    uint32_t entries = directory_entries(&v, ifd0);
    for (uint32_t i = 0; i < entries; i++) {
        size_t at = (size_t)ifd0 + 2 + 12 * (size_t)i;
        uint32_t tag = read16(&v, at), type = read16(&v, at + 2);
        if (tag == TAG_ORIENTATION && type == 3) {
            uint32_t value = read16(&v, at + 8);
            if (value >= 1 && value <= 8) out->orientation = (int)value;
        } else if (tag == TAG_GPS_IFD) {
            gps = read32(&v, at + 8);
        }
    }
    if (gps == 0 || gps == ifd0) return;
    entries = directory_entries(&v, gps);
    for (uint32_t i = 0; i < entries; i++) {
        uint32_t tag = read16(&v, (size_t)gps + 2 + 12 * (size_t)i);
        if (tag == GPS_LATITUDE || tag == GPS_LONGITUDE) {
            out->has_location = 1;
            return;
        }
    }
}

int assay_xmp_has_location(const uint8_t *xmp, size_t length) {
    static const char *names[] = {"GPSLatitude", "GPSLongitude"};
    for (unsigned i = 0; i < 2; i++)
        if (memmem(xmp, length, names[i], strlen(names[i])) != NULL) return 1;
    return 0;
}

uint64_t assay_tiff_directory_bytes(const uint8_t *tiff, size_t length, uint32_t *entries) {
    *entries = 0;
    if (length < 8) return UINT64_MAX;
    tiff_view v = {tiff, length, memcmp(tiff, "MM", 2) == 0};
    uint32_t ifd0 = read32(&v, 4);
    if (ifd0 < 8 || (size_t)ifd0 + 2 > length) return UINT64_MAX;
    uint32_t count = read16(&v, ifd0);
    *entries = count;
    if ((size_t)ifd0 + 2 + 12 * (size_t)count > length) return UINT64_MAX;
    static const uint8_t type_size[19] = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8};
    uint64_t total = 0;
    for (uint32_t i = 0; i < count; i++) {
        size_t at = (size_t)ifd0 + 2 + 12 * (size_t)i;
        uint32_t tag = read16(&v, at), type = read16(&v, at + 2);
        if (tag == 273 || tag == 279 || tag == 324 || tag == 325) continue;
        uint64_t bytes = (uint64_t)read32(&v, at + 4) * (type < 19 ? type_size[type] : 1);
        if (bytes > 4) total += bytes;
    }
    return total;
}
