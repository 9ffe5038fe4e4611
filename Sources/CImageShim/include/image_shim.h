/*
 * The doors from Swift to the picture decoders other than libpng: libjpeg-turbo, libwebp, libtiff
 * and a bounded BMP reader of our own. Each decoder owns its library's error handling (libjpeg's
 * longjmp, libtiff's handlers, libwebp's status codes) inside its own C file; none of the libraries'
 * headers is included here, so Swift cannot call them. Every decoder converts the picture to 8-bit
 * RGBA rows and hands them to the same statistics as the PNG decoder, so every check and hash is
 * the same for every format.
 */
#ifndef ASSAY_IMAGE_SHIM_H
#define ASSAY_IMAGE_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What every decoder measures on the decoded picture, as people see it (EXIF orientation applied
 * to the hashes and the dimensions; the pixel hash is of the stored pixels). */
typedef struct {
    /* Hash of every decoded RGBA8 pixel with its position, and of width and height. Lossless
     * decodes (PNG, lossless WebP, TIFF, BMP) mix each pixel with its position, so the same pixels
     * give the same hash in every one of those formats and in any interlace order; lossy decodes
     * (JPEG, lossy WebP), which no other format reproduces, mix each row's bytes with its row. */
    uint64_t pixel_hash;
    uint64_t phash;              /* 64-bit perceptual hash (DCT of a 32x32 grid of mean luma over white) */
    double luma_mean;            /* mean luma over white, 0..255 */
    double luma_stddev;          /* the larger stddev of luma composited over black and over white, 0..255 */
    double alpha_mean;           /* mean alpha, 0..255 */
    /* The perceptual hash of the picture under each of the 8 symmetries of the square, indexed by
     * t = transpose << 2 | flip_y << 1 | flip_x (the flips applied first, then the transpose);
     * phash_variants[0] == phash. A mirror or 90-degree rotation of the image has, as its phash, one
     * of these (up to rounding); see assay_png_dihedral_bits for the same map on an 8x8 bit grid. */
    uint64_t phash_variants[8];
    uint64_t inner_phash;        /* pHash of the central 90% x 90% (5% cut from each side): a crop's phash is near it */
    uint64_t ahash;              /* mean hash: an 8x8 grid of mean luma over white, bit set above the grid mean */
    double dark_p99;             /* 99th percentile of luma over white, 0..1 */
    double light_p5;             /* 5th percentile of luma over black, 0..1 */
    double entropy;              /* Shannon entropy of the 256-bin histogram of luma over white, in bits (0..8) */
    double sharpness;            /* RMS Laplacian / stddev of a <= 64 px luma plane; < 0 when undefined */
    uint32_t plane_width;        /* that plane's size: the image scaled to at most 64 px on its long side */
    uint32_t plane_height;
    uint32_t chroma_max;         /* largest max(r,g,b) - min(r,g,b) of any pixel with alpha > 0, 0..255 */
    /* The width in pixels of the picture's edges at viewing size (the image area-scaled to at most
     * 512 px on its long side): sqrt(gradient energy / (2 x Laplacian energy)), which is sigma for
     * an edge blurred by a Gaussian of sigma px and about 0.5 for a sharp one, whatever the number
     * of edges or their contrast. < 0 when the view is under 3 x 3 or flat. */
    double edge_width;
    uint32_t view_width;         /* the viewing-size plane: at most 512 px on its long side */
    uint32_t view_height;
} assay_image_measures;

/* How a decode of a JPEG, WebP, TIFF or BMP ended. */
typedef enum {
    ASSAY_IMAGE_OK = 0,
    ASSAY_IMAGE_SIGNATURE,       /* not this format's signature */
    ASSAY_IMAGE_TRUNCATED,       /* the file ends before the picture does (libjpeg's "Premature end of JPEG file") */
    ASSAY_IMAGE_CORRUPT,         /* the data breaks the format: the message says how */
    ASSAY_IMAGE_UNSUPPORTED,     /* valid, but a variant the decoder cannot turn into RGBA (12-bit JPEG, float TIFF, RLE BMP) */
    ASSAY_IMAGE_TOO_LARGE,       /* width, height or pixels over the limits, decided from the header before any pixel */
    ASSAY_IMAGE_METADATA,        /* metadata (EXIF, XMP, ICC, comments) over the budget */
    ASSAY_IMAGE_NO_MEMORY        /* an allocation failed, or the library's memory limit was reached */
} assay_image_status;

/* Limits every decoder applies before it allocates anything the size of the picture. */
typedef struct {
    uint32_t max_width;
    uint32_t max_height;
    uint64_t max_pixels;         /* width x height budget */
    uint64_t max_metadata_bytes; /* EXIF, XMP, ICC and comment bytes together */
    uint64_t max_memory;         /* the most a library may allocate for one picture (libjpeg's coefficient buffers, libtiff's strips) */
} assay_image_limits;

/* Colour models a stored picture can have, before conversion to RGBA. */
typedef enum {
    ASSAY_COLOR_GRAY = 0,
    ASSAY_COLOR_GRAY_ALPHA,
    ASSAY_COLOR_RGB,
    ASSAY_COLOR_RGBA,
    ASSAY_COLOR_PALETTE,
    ASSAY_COLOR_CMYK,
    ASSAY_COLOR_YCCK,
    ASSAY_COLOR_OTHER
} assay_image_color;

/* Everything one decode of a JPEG, WebP, TIFF or BMP measured. */
typedef struct {
    assay_image_status status;
    char message[256];           /* the library's (or the reader's) text for a failure */
    uint32_t width, height;      /* as displayed: swapped when the EXIF orientation turns the picture */
    uint32_t stored_width, stored_height;
    uint32_t bits_per_sample;    /* as stored: 8 for most, 16 for deep TIFFs, 1/4/8 for palettes */
    assay_image_color color;     /* as stored */
    int orientation;             /* EXIF/TIFF orientation 1..8 (1 when absent or invalid) */
    int progressive;             /* a progressive JPEG */
    int lossless;                /* lossless WebP (VP8L) */
    uint32_t frames;             /* frames or pages: 1, or 2 meaning "more than one" */
    uint32_t decode_scale;       /* the picture was measured at 1/decode_scale of its size (JPEG's scaled IDCT); 1 for full size */
    int has_exif;                /* an EXIF block */
    uint64_t exif_bytes;
    int has_location;            /* EXIF GPS latitude/longitude, or an XMP GPS property */
    uint64_t metadata_bytes;     /* EXIF + XMP + ICC + comment bytes */
    uint64_t length;             /* bytes given */
    uint64_t trailing_bytes;     /* bytes after the format's end (JPEG's EOI, WebP's RIFF size) */
    uint32_t warnings;           /* warnings the library reported and the decoder judged benign */
    char warning_text[256];      /* the first of them */
    assay_image_measures measures;
} assay_image_result;

/* Each decodes the picture in bytes[0..<length] under limits into result and returns its status.
 * None ever longjmps out or aborts; result is always filled. */
assay_image_status assay_jpeg_decode(const uint8_t *bytes, size_t length, const assay_image_limits *limits,
                                     assay_image_result *result);
assay_image_status assay_webp_decode(const uint8_t *bytes, size_t length, const assay_image_limits *limits,
                                     assay_image_result *result);
assay_image_status assay_tiff_decode(const uint8_t *bytes, size_t length, const assay_image_limits *limits,
                                     assay_image_result *result);
assay_image_status assay_bmp_decode(const uint8_t *bytes, size_t length, const assay_image_limits *limits,
                                    assay_image_result *result);

/* The library versions the shims run, for the stage fingerprint: libjpeg-turbo's JPEG_LIB_VERSION
 * (62), libwebp's decoder version (0x010204 for 1.2.4), libtiff's version string. */
int assay_jpeg_lib_version(void);
int assay_webp_lib_version(void);
const char *assay_tiff_lib_version(void);

#ifdef __cplusplus
}
#endif

#endif
