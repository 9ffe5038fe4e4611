/*
 * The only door from Swift to libpng. libpng reports errors by longjmp; Swift frames must never be
 * unwound by it, so every libpng call that can fail runs inside assay_png_decode, which owns the
 * setjmp. This header deliberately does not include <png.h>: Swift code that imports this module
 * cannot call libpng at all.
 */
#ifndef ASSAY_PNG_SHIM_H
#define ASSAY_PNG_SHIM_H

#include <stddef.h>
#include <stdint.h>

#include "image_shim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Outcome of a decode. Every failure class has its own value; the Swift side maps each to a
 * png.* reason code. */
typedef enum {
    ASSAY_PNG_OK = 0,
    ASSAY_PNG_SIGNATURE,      /* not a PNG signature (or empty, or line-ending damaged) */
    ASSAY_PNG_CRC,            /* a chunk's CRC does not match */
    ASSAY_PNG_IHDR,           /* IHDR missing, malformed or with invalid field values */
    ASSAY_PNG_CHUNK,          /* malformed chunk: bad type name, bad length, unknown critical chunk, bad PLTE */
    ASSAY_PNG_CHUNK_ORDER,    /* a critical chunk out of place */
    ASSAY_PNG_MISSING_IDAT,   /* IEND (or EOF) before any image data */
    ASSAY_PNG_ZLIB,           /* the IDAT zlib stream is corrupt (including Adler-32) */
    ASSAY_PNG_FILTER,         /* a row uses an undefined filter type */
    ASSAY_PNG_IDAT_SHORT,     /* the zlib stream ends before the last row */
    ASSAY_PNG_IDAT_EXTRA,     /* image data continues after the last row */
    ASSAY_PNG_TRUNCATED,      /* the file ends inside a chunk or before the image is complete */
    ASSAY_PNG_MISSING_IEND,   /* every chunk complete and the image decoded, but no IEND */
    ASSAY_PNG_TOO_LARGE,      /* width, height or width x height over the limits (checked before any row) */
    ASSAY_PNG_METADATA,       /* an ancillary chunk larger than png_set_chunk_malloc_max */
    ASSAY_PNG_NO_MEMORY,      /* an allocation failed */
    ASSAY_PNG_OTHER           /* any other libpng error; the message says which */
} assay_png_status;

/* Warnings libpng reported as benign that still say something about the file. */
enum {
    ASSAY_PNG_WARN_ZLIB = 1u << 0,        /* zlib error found while finishing the stream (e.g. Adler-32) */
    ASSAY_PNG_WARN_IDAT_EXTRA = 1u << 1,  /* extra compressed data, or IDAT after the image */
    ASSAY_PNG_WARN_METADATA = 1u << 2,    /* a text or profile chunk dropped for exceeding the memory limits */
    ASSAY_PNG_WARN_CRC = 1u << 3,         /* an ancillary chunk with a bad CRC, discarded */
    ASSAY_PNG_WARN_ORDER = 1u << 4,       /* an ancillary chunk out of place or duplicated */
    ASSAY_PNG_WARN_OTHER = 1u << 5        /* anything else */
};

/* Limits applied by the decoder. */
typedef struct {
    uint32_t max_width;          /* png_set_user_limits; 0 = libpng's own limit */
    uint32_t max_height;
    uint64_t max_pixels;         /* width x height budget, checked right after IHDR; 0 = none */
    uint32_t chunk_cache_max;    /* png_set_chunk_cache_max: ancillary chunks kept */
    uint64_t chunk_malloc_max;   /* png_set_chunk_malloc_max: bytes for one ancillary chunk (after inflation) */
    int ancillary_crc_fatal;     /* nonzero: a bad CRC in an ancillary chunk is an error */
} assay_png_limits;

/* What the chunk walk (independent of libpng) saw. */
typedef struct {
    uint32_t chunks;             /* chunks walked, up to IEND */
    uint32_t ancillary_chunks;   /* of which ancillary */
    uint64_t ancillary_bytes;    /* their data bytes, as stored */
    uint32_t idat_chunks;        /* IDAT chunks */
    uint32_t text_chunks;        /* tEXt, zTXt, iTXt */
    uint64_t text_stored_bytes;  /* their data bytes, as stored (compressed for zTXt) */
    uint64_t iccp_bytes;         /* iCCP data bytes, as stored */
    uint64_t exif_bytes;         /* eXIf data bytes */
    int has_actl;                /* an acTL chunk: an animated PNG */
    int has_exif;                /* an eXIf chunk */
    int orientation;             /* the first eXIf chunk's orientation, 1..8; 0 when there is none */
    int has_location;            /* an eXIf GPS latitude/longitude, or an XMP GPS property in an iTXt chunk */
    int has_iend;                /* the walk reached IEND */
    int walk_complete;           /* every chunk before the stop point was complete */
    int overrun;                 /* a chunk's length field runs past the end of the file */
    char overrun_type[5];        /* that chunk's type, NUL-terminated */
    uint32_t overrun_length;     /* the length it declares */
    uint64_t overrun_remaining;  /* the bytes that were left for its data and CRC */
    uint32_t largest_ancillary;  /* the largest ancillary chunk's stored data length */
    char largest_ancillary_type[5];
    uint32_t ihdr_width;         /* raw IHDR fields (0 when there is no 13-byte first IHDR) */
    uint32_t ihdr_height;
    int ihdr_bit_depth;
    int ihdr_color_type;
    int ihdr_interlace;
} assay_png_chunks;

/* Everything the decoder measured. */
typedef struct {
    assay_png_status status;
    char message[256];           /* libpng's error text, or the decoder's own, for a failure */

    uint32_t width, height;
    int bit_depth, color_type, interlace;

    uint32_t warnings;           /* warnings libpng reported */
    uint32_t warning_flags;      /* ASSAY_PNG_WARN_* of the classified warnings */
    char warning_text[512];      /* the first warnings, one per line */
    char notable_warning[256];   /* the first warning whose class is not OTHER */

    uint64_t length;             /* bytes given */
    uint64_t consumed;           /* bytes libpng read, up to the end of IEND on success */

    assay_png_chunks chunks;
    uint64_t text_bytes;         /* keyword + decompressed text of every text chunk libpng kept */

    /* Statistics over the decoded image, every image converted to 8-bit RGBA (valid on success). */
    assay_image_measures measures;
} assay_png_result;

/*
 * Decodes the PNG in bytes[0..<length] with libpng, one row at a time, under limits, and fills
 * result. Never longjmps out; returns result->status.
 */
assay_png_status assay_png_decode(const uint8_t *bytes, size_t length, const assay_png_limits *limits,
                                  assay_png_result *result);

/* The bytes the text and profile chunks (tEXt, zTXt, iTXt, iCCP) hold once inflated, keys
 * included, counted with zlib into a fixed scratch buffer (nothing kept): stops past budget and
 * then returns budget + 1. */
uint64_t assay_png_metadata_bytes(const uint8_t *bytes, size_t length, uint64_t budget);

/* Walks the chunk structure without libpng (bounded, never reads past length). */
void assay_png_walk_chunks(const uint8_t *bytes, size_t length, assay_png_chunks *out);

/* The 8x8 bit grid `bits` (cell y, x at bit 63 - (8 y + x)) under symmetry t, as in phash_variants. */
uint64_t assay_png_dihedral_bits(uint64_t bits, unsigned t);

/* The libpng version the shim was linked against, e.g. 10639. */
int assay_png_shim_version(void);

#ifdef __cplusplus
}
#endif

#endif
