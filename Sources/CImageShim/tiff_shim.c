/* The libtiff decoder behind image-check. libtiff reports errors and warnings through handlers
 * given at open time (TIFFOpenOptions, libtiff >= 4.5), never through a jump; the handlers only
 * record text. The file is read from memory through client procedures; libtiff's single
 * allocations are capped by TIFFOpenOptionsSetMaxSingleMemAlloc. The first page is converted to
 * RGBA by TIFFRGBAImage, which handles every photometric interpretation it can (grey, palette,
 * RGB, CMYK, YCbCr, 16-bit samples), upright (libtiff flips; the statistics turn orientations 5-8).
 * The pixel hash of a flipped picture is of the flipped pixels. BigTIFF is refused.
 * Memory per file: the RGBA picture (width x height x 4, both already under the limits) and
 * libtiff's strip or tile buffers. */
#include "image_shim.h"
#include "exif_scan.h"
#include "image_result.h"
#include "image_stats.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tiffio.h>

typedef struct {
    const uint8_t *bytes;
    size_t length;
    size_t position;
    assay_image_result *result;
    char first_error[200];
    int errors;
    char cut_warning[200];   /* a warning that says the file ends early (a tag past the end) */
} tiff_source;


static tmsize_t on_read(thandle_t handle, void *buffer, tmsize_t size) {
    tiff_source *s = (tiff_source *)handle;
    if (size <= 0 || s->position >= s->length) return 0;
    size_t n = (size_t)size < s->length - s->position ? (size_t)size : s->length - s->position;
    memcpy(buffer, s->bytes + s->position, n);
    s->position += n;
    return (tmsize_t)n;
}

static tmsize_t on_write(thandle_t handle, void *buffer, tmsize_t size) {
    (void)handle;
    (void)buffer;
    (void)size;
    return -1;
}

static toff_t on_seek(thandle_t handle, toff_t offset, int whence) {
    tiff_source *s = (tiff_source *)handle;
    uint64_t base = whence == SEEK_CUR ? s->position : whence == SEEK_END ? s->length : 0;
    uint64_t target = base + offset;
    if (target < base) return (toff_t)-1;
    s->position = target > s->length ? s->length : (size_t)target;
    return (toff_t)target;
}

static int on_close(thandle_t handle) {
    (void)handle;
    return 0;
}

static toff_t on_size(thandle_t handle) { return (toff_t)((tiff_source *)handle)->length; }

static int on_map(thandle_t handle, void **base, toff_t *size) {
    tiff_source *s = (tiff_source *)handle;
    *base = (void *)s->bytes;
    *size = (toff_t)s->length;
    return 1;
}

static void on_unmap(thandle_t handle, void *base, toff_t size) {
    (void)handle;
    (void)base;
    (void)size;
}

static int on_error(TIFF *tif, void *user, const char *module, const char *format, va_list args) {
    (void)tif;
    (void)module;
    tiff_source *s = (tiff_source *)user;
    if (s->errors++ == 0) vsnprintf(s->first_error, sizeof s->first_error, format, args);
    return 1;
}

static int on_warning(TIFF *tif, void *user, const char *module, const char *format, va_list args) {
    (void)tif;
    (void)module;
    tiff_source *s = (tiff_source *)user;
    char text[200];
    vsnprintf(text, sizeof text, format, args);
    if (s->result->warnings++ == 0) assay_copy_text(s->result->warning_text, sizeof s->result->warning_text, text);
    /* libtiff ignores a tag whose data lies past the end of the file, with a warning: the file
     * was cut after its picture, and is still not the file its writer wrote. */
    if (s->cut_warning[0] == 0 && (strstr(text, "IO error") || strstr(text, "Read error") || strstr(text, "past end")))
        assay_copy_text(s->cut_warning, sizeof s->cut_warning, text);
    return 1;
}

/* A libtiff error as a status: reads past the end are truncation, memory refusals are memory. */
static assay_image_status classify(const tiff_source *s) {
    const char *e = s->first_error;
    if (strstr(e, "Read error") || strstr(e, "EOF") || strstr(e, "end of file") || strstr(e, "past end") ||
        strstr(e, "Cannot read") || strstr(e, "Can not read"))
        return ASSAY_IMAGE_TRUNCATED;
    if (strstr(e, "memory") || strstr(e, "Memory") || strstr(e, "allocat")) return ASSAY_IMAGE_NO_MEMORY;
    if (strstr(e, "Sorry") || strstr(e, "not supported") || strstr(e, "not implemented") || strstr(e, "unsupported"))
        return ASSAY_IMAGE_UNSUPPORTED;
    if (strstr(e, "Not a TIFF") || strstr(e, "bad magic")) return ASSAY_IMAGE_SIGNATURE;
    return ASSAY_IMAGE_CORRUPT;
}

static assay_image_status failure(const tiff_source *s, assay_image_result *r, const char *fallback) {
    assay_copy_text(r->message, sizeof r->message, s->first_error[0] ? s->first_error : fallback);
    return s->first_error[0] ? classify(s) : ASSAY_IMAGE_CORRUPT;
}

static assay_image_color color_of(uint16_t photometric, uint16_t samples, uint16_t extra) {
    switch (photometric) {
    case PHOTOMETRIC_MINISBLACK:
    case PHOTOMETRIC_MINISWHITE: return samples - extra >= 1 && extra > 0 ? ASSAY_COLOR_GRAY_ALPHA : ASSAY_COLOR_GRAY;
    case PHOTOMETRIC_RGB:
    case PHOTOMETRIC_YCBCR: return extra > 0 ? ASSAY_COLOR_RGBA : ASSAY_COLOR_RGB;
    case PHOTOMETRIC_PALETTE: return ASSAY_COLOR_PALETTE;
    case PHOTOMETRIC_SEPARATED: return ASSAY_COLOR_CMYK;
    default: return ASSAY_COLOR_OTHER;
    }
}

static assay_image_status read_picture(TIFF *tif, tiff_source *s, const assay_image_limits *limits, assay_image_result *r) {
    uint32_t width = 0, height = 0;
    uint16_t bits = 0, samples = 1, photometric = 0, extra = 0, *extra_types = NULL;
    if (!TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width) || !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height))
        return failure(s, r, "the first directory has no image width or length");
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(tif, TIFFTAG_EXTRASAMPLES, &extra, &extra_types);
    if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric)) photometric = samples >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK;
    r->stored_width = width;
    r->stored_height = height;
    r->bits_per_sample = bits;
    r->color = color_of(photometric, samples, extra);
    r->frames = TIFFLastDirectory(tif) ? 1 : 2;
    uint32_t count = 0;
    void *data = NULL;
    if (TIFFGetField(tif, TIFFTAG_XMLPACKET, &count, &data) && data != NULL) {
        r->metadata_bytes += count;
        r->has_location |= assay_xmp_has_location((const uint8_t *)data, count);
    }
    if (TIFFGetField(tif, TIFFTAG_ICCPROFILE, &count, &data)) r->metadata_bytes += count;
    if (limits->max_metadata_bytes && r->metadata_bytes > limits->max_metadata_bytes) {
        snprintf(r->message, sizeof r->message, "metadata (XMP, ICC) holds more than the budget of %llu bytes",
                 (unsigned long long)limits->max_metadata_bytes);
        return ASSAY_IMAGE_METADATA;
    }
    if ((limits->max_width && width > limits->max_width) || (limits->max_height && height > limits->max_height) ||
        (limits->max_pixels && (uint64_t)width * height > limits->max_pixels)) {
        snprintf(r->message, sizeof r->message, "%u x %u px, over the size limits (decided from the header)", width, height);
        return ASSAY_IMAGE_TOO_LARGE;
    }
    /* A tile or strip is allocated whole: one much larger than the picture (a 16 x 16 image in
     * 8192 x 8192 tiles inflates 512 MB) is refused before any is read. */
    if (TIFFIsTiled(tif)) {
        uint32_t tile_width = 0, tile_length = 0;
        TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tile_width);
        TIFFGetField(tif, TIFFTAG_TILELENGTH, &tile_length);
        if (tile_width > (width + 15) / 16 * 16 || tile_length > (height + 15) / 16 * 16) {
            snprintf(r->message, sizeof r->message, "tiles of %u x %u px for a %u x %u picture", tile_width, tile_length, width, height);
            return ASSAY_IMAGE_CORRUPT;
        }
    }
    uint64_t chunk = TIFFIsTiled(tif) ? TIFFTileSize64(tif) : TIFFStripSize64(tif);
    if (limits->max_memory && chunk + (uint64_t)width * height * 4 > limits->max_memory) {
        snprintf(r->message, sizeof r->message, "a %llu-byte %s and the picture need more than max_decode_memory",
                 (unsigned long long)chunk, TIFFIsTiled(tif) ? "tile" : "strip");
        return ASSAY_IMAGE_NO_MEMORY;
    }
    uint16_t orientation = ORIENTATION_TOPLEFT;
    TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &orientation);
    r->orientation = orientation >= 1 && orientation <= 8 ? orientation : 1;
    char why[1024] = "";
    if (!TIFFRGBAImageOK(tif, why)) {
        assay_copy_text(r->message, sizeof r->message, why[0] ? why : "libtiff cannot convert this picture to RGBA");
        return ASSAY_IMAGE_UNSUPPORTED;
    }
    uint32_t *raster = malloc((size_t)width * height * sizeof *raster);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* A raster word is A << 24 | B << 16 | G << 8 | R: in memory, already R, G, B, A. */
    const int converts = 0;
#else
    const int converts = 1;
#endif
    uint8_t *row = converts ? malloc(4 * (size_t)width) : NULL;
    /* With no extra sample, TIFFRGBAImage gives every pixel alpha 255. */
    assay_image_stats *stats = assay_image_stats_new(width, height, (extra == 0 ? ASSAY_STATS_OPAQUE : 0) | ASSAY_STATS_WHOLE_ROWS);
    if (raster == NULL || (converts && row == NULL) || stats == NULL) {
        free(raster);
        free(row);
        assay_image_stats_delete(stats);
        assay_copy_text(r->message, sizeof r->message, "cannot allocate the picture");
        return ASSAY_IMAGE_NO_MEMORY;
    }
    assay_image_status status = ASSAY_IMAGE_OK;
    if (!TIFFReadRGBAImageOriented(tif, width, height, raster, ORIENTATION_TOPLEFT, 1) || s->errors > 0) {
        status = failure(s, r, "libtiff could not read the picture");
    } else {
        for (uint32_t y = 0; y < height; y++) {
            const uint32_t *source = raster + (size_t)y * width;
            const uint8_t *rgba = (const uint8_t *)source;
            if (converts) {
                for (uint32_t x = 0; x < width; x++) {
                    row[4 * x] = (uint8_t)TIFFGetR(source[x]);
                    row[4 * x + 1] = (uint8_t)TIFFGetG(source[x]);
                    row[4 * x + 2] = (uint8_t)TIFFGetB(source[x]);
                    row[4 * x + 3] = (uint8_t)TIFFGetA(source[x]);
                }
                rgba = row;
            }
            assay_image_stats_row(stats, rgba, width, y, 0, 1);
        }
        /* TIFFRGBAImage flips orientations 1-4 upright, and 5-8 only as far as a flip goes (it
         * reads LEFTTOP as TOPLEFT, RIGHTTOP as TOPRIGHT...): what is left for 5-8 is a transpose,
         * which the statistics apply to the hashes. */
        static const int left[9] = {1, 1, 1, 1, 1, 5, 7, 6, 8};
        assay_image_stats_finish(stats, left[r->orientation], &r->measures);
        if (s->cut_warning[0]) {
            assay_copy_text(r->message, sizeof r->message, s->cut_warning);
            status = ASSAY_IMAGE_TRUNCATED;
        }
    }
    assay_image_stats_delete(stats);
    free(row);
    free(raster);
    return status;
}

assay_image_status assay_tiff_decode(const uint8_t *bytes, size_t length, const assay_image_limits *limits,
                                     assay_image_result *result) {
    assay_image_result_begin(result, length);
    if (length < 8 || (memcmp(bytes, "II*\0", 4) != 0 && memcmp(bytes, "MM\0*", 4) != 0 && memcmp(bytes, "II+\0", 4) != 0 &&
                       memcmp(bytes, "MM\0+", 4) != 0)) {
        assay_copy_text(result->message, sizeof result->message, length < 8 ? "the file is too short for a TIFF" : "not a TIFF (bad byte-order header)");
        return result->status = length >= 4 && (bytes[0] == 'I' || bytes[0] == 'M') && length < 8 ? ASSAY_IMAGE_TRUNCATED : ASSAY_IMAGE_SIGNATURE;
    }
    if (bytes[2] == '+' || bytes[3] == '+') {
        assay_copy_text(result->message, sizeof result->message, "BigTIFF is not taken: save the picture as a classic TIFF or a PNG");
        return result->status = ASSAY_IMAGE_UNSUPPORTED;
    }
    /* libtiff copies every tag's data while it opens the file, before any limit of ours applies
     * and each copy under its single-allocation cap: 4,000 tags pointing at one 200 KB blob cost
     * 800 MB. The first directory is walked here first, and its out-of-line data counted. */
    uint32_t entries = 0;
    uint64_t directory = assay_tiff_directory_bytes(bytes, length, &entries);
    if (directory == UINT64_MAX) {
        assay_copy_text(result->message, sizeof result->message, "the first directory runs past the end of the file");
        return result->status = ASSAY_IMAGE_TRUNCATED;
    }
    if (entries > 1000 || (limits->max_metadata_bytes && directory > limits->max_metadata_bytes)) {
        snprintf(result->message, sizeof result->message,
                 "the first directory holds %u tags and %llu bytes of tag data, over the budget of 1000 tags and %llu bytes",
                 entries, (unsigned long long)directory, (unsigned long long)limits->max_metadata_bytes);
        result->metadata_bytes = directory;
        return result->status = ASSAY_IMAGE_METADATA;
    }
    assay_exif_facts facts;
    assay_exif_scan(bytes, length, &facts);
    result->has_location = facts.has_location;
    tiff_source source = {bytes, length, 0, result, "", 0, ""};
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (options == NULL) {
        assay_copy_text(result->message, sizeof result->message, "cannot allocate libtiff's options");
        return result->status = ASSAY_IMAGE_NO_MEMORY;
    }
    if (limits->max_memory) TIFFOpenOptionsSetMaxSingleMemAlloc(options, (tmsize_t)limits->max_memory);
    TIFFOpenOptionsSetErrorHandlerExtR(options, on_error, &source);
    TIFFOpenOptionsSetWarningHandlerExtR(options, on_warning, &source);
    TIFF *tif = TIFFClientOpenExt("upload", "r", (thandle_t)&source, on_read, on_write, on_seek, on_close, on_size, on_map,
                                  on_unmap, options);
    TIFFOpenOptionsFree(options);
    if (tif == NULL) {
        result->status = failure(&source, result, "libtiff cannot open the file");
    } else {
        result->status = read_picture(tif, &source, limits, result);
        TIFFClose(tif);
    }
    const int turned = result->orientation >= 5;
    result->width = turned ? result->stored_height : result->stored_width;
    result->height = turned ? result->stored_width : result->stored_height;
    return result->status;
}

const char *assay_tiff_lib_version(void) { return TIFFGetVersion(); }
