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

/* Whether an XMP packet holds a GPS position (exif:GPSLatitude or exif:GPSLongitude, as an
 * attribute or an element). */
int assay_xmp_has_location(const uint8_t *xmp, size_t length);

#endif
