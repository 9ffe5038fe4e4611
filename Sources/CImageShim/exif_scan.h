/* Bounded readers for the two facts Assay needs from picture metadata: the EXIF orientation, and
 * whether the picture says where it was taken (EXIF GPS latitude or longitude, XMP GPS properties).
 * Nothing else is parsed, and no value of a coordinate is ever read. */
#ifndef ASSAY_EXIF_SCAN_H
#define ASSAY_EXIF_SCAN_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int orientation;  /* 1..8; 1 when absent or out of range */
    int has_location; /* the GPS IFD holds a latitude or a longitude tag */
} assay_exif_facts;

/* Scans a TIFF-structured EXIF block (starting "II*\0" or "MM\0*", optionally after "Exif\0\0").
 * Every offset is checked against `length`; at most 512 entries per directory are read. */
void assay_exif_scan(const uint8_t *exif, size_t length, assay_exif_facts *out);

/* The bytes the first directory of a classic TIFF keeps out of line (values over 4 bytes), strip
 * and tile offset and byte-count arrays excepted: what libtiff copies while it opens the file,
 * before any limit of its own applies. `entries` gets the directory's entry count. Returns
 * UINT64_MAX when the directory does not fit in the file. */
uint64_t assay_tiff_directory_bytes(const uint8_t *tiff, size_t length, uint32_t *entries);

/* Whether an XMP packet holds a GPS position (exif:GPSLatitude or exif:GPSLongitude, as an
 * attribute or an element). */
int assay_xmp_has_location(const uint8_t *xmp, size_t length);

#endif
