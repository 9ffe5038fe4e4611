/* libpng's messages are its only error channel. The texts below are those of libpng 1.6
 * (pngrutil.c, pngread.c, png.c, pngset.c); chunk errors come prefixed with the chunk name
 * ("IDAT: CRC error"). Order matters: the first matching rule wins. */
#include "png_classify.h"

#include <string.h>

typedef struct {
    const char *text;
    assay_png_status status;
} rule;

static const rule error_rules[] = {
    {"Not a PNG file", ASSAY_PNG_SIGNATURE},
    {"PNG file corrupted by ASCII conversion", ASSAY_PNG_SIGNATURE},
    {"CRC error", ASSAY_PNG_CRC},
    {"bad adaptive filter value", ASSAY_PNG_FILTER},
    {"Not enough image data", ASSAY_PNG_IDAT_SHORT},
    {"Too much image data", ASSAY_PNG_IDAT_EXTRA},
    {"Extra compressed data", ASSAY_PNG_IDAT_EXTRA},
    {"Too many IDATs found", ASSAY_PNG_IDAT_EXTRA},
    {"Invalid IHDR data", ASSAY_PNG_IHDR},
    {"IHDR: ", ASSAY_PNG_IHDR},
    {"Missing IHDR before", ASSAY_PNG_CHUNK_ORDER},
    {"missing IHDR", ASSAY_PNG_CHUNK_ORDER},
    {"Missing PLTE before", ASSAY_PNG_CHUNK_ORDER},
    {"out of place", ASSAY_PNG_CHUNK_ORDER},
    {"duplicate", ASSAY_PNG_CHUNK_ORDER},
    {"after IDAT", ASSAY_PNG_CHUNK_ORDER},
    {"invalid chunk type", ASSAY_PNG_CHUNK},
    {"chunk data is too large", ASSAY_PNG_CHUNK},
    {"unknown critical chunk", ASSAY_PNG_CHUNK},
    {"unhandled critical chunk", ASSAY_PNG_CHUNK},
    {"PLTE: ", ASSAY_PNG_CHUNK},
    {"Invalid palette", ASSAY_PNG_CHUNK},
    {"IDAT: ", ASSAY_PNG_ZLIB}, /* after the IDAT rules above: what remains is zlib's own text */
    {"Out of Memory", ASSAY_PNG_NO_MEMORY},
    {"out of memory", ASSAY_PNG_NO_MEMORY},
    {"insufficient memory", ASSAY_PNG_NO_MEMORY},
};

assay_png_status assay_png_classify_error(const char *message, int user_limit_hit, uint32_t idat_chunks) {
    if (message == NULL) return ASSAY_PNG_OTHER;
    if (user_limit_hit && strstr(message, "Invalid IHDR data") != NULL) return ASSAY_PNG_TOO_LARGE;
    if (strncmp(message, "IEND: out of place", 18) == 0 && idat_chunks == 0) return ASSAY_PNG_MISSING_IDAT;
    /* "xxxx: chunk data is too large" for an ancillary (lower-case) chunk: a metadata bomb. */
    if (message[0] >= 'a' && message[0] <= 'z' && strstr(message, "chunk data is too large") != NULL)
        return ASSAY_PNG_METADATA;
    for (size_t i = 0; i < sizeof error_rules / sizeof error_rules[0]; i++)
        if (strstr(message, error_rules[i].text) != NULL) return error_rules[i].status;
    return ASSAY_PNG_OTHER;
}

typedef struct {
    const char *text;
    uint32_t flag;
} warning_rule;

static const warning_rule warning_rules[] = {
    {"CRC error", ASSAY_PNG_WARN_CRC},
    {"Extra compressed data", ASSAY_PNG_WARN_IDAT_EXTRA},
    {"Too much image data", ASSAY_PNG_WARN_IDAT_EXTRA},
    {"Too many IDATs found", ASSAY_PNG_WARN_IDAT_EXTRA},
    {"IDAT: ", ASSAY_PNG_WARN_ZLIB}, /* zlib's text while finishing the stream (Adler-32) */
    {"out of place", ASSAY_PNG_WARN_ORDER},
    {"duplicate", ASSAY_PNG_WARN_ORDER},
    {"no space in chunk cache", ASSAY_PNG_WARN_METADATA},
    {"chunk data is too large", ASSAY_PNG_WARN_METADATA},
    {"exceeds memory limits", ASSAY_PNG_WARN_METADATA},
};

/* Text and profile chunks libpng drops when they inflate beyond png_set_chunk_malloc_max. */
static const char *const metadata_chunks[] = {"tEXt: ", "zTXt: ", "iTXt: ", "iCCP: ", "eXIf: ", "sPLT: "};
static const char *const memory_words[] = {"memory", "too large", "too long", "exceeds", "limit", "truncated"};

uint32_t assay_png_classify_warning(const char *message) {
    if (message == NULL) return ASSAY_PNG_WARN_OTHER;
    for (size_t i = 0; i < sizeof warning_rules / sizeof warning_rules[0]; i++)
        if (strstr(message, warning_rules[i].text) != NULL) return warning_rules[i].flag;
    for (size_t i = 0; i < sizeof metadata_chunks / sizeof metadata_chunks[0]; i++) {
        if (strncmp(message, metadata_chunks[i], 6) != 0) continue;
        for (size_t j = 0; j < sizeof memory_words / sizeof memory_words[0]; j++)
            if (strstr(message, memory_words[j]) != NULL) return ASSAY_PNG_WARN_METADATA;
    }
    return ASSAY_PNG_WARN_OTHER;
}
