/*
 * The only door from Swift to libzip and libxml2: the text of a DOCX's word/document.xml, read
 * under limits checked before and while inflating. This header does not include <zip.h> or
 * <libxml/...>: Swift code that imports this module cannot call either library directly.
 */
#ifndef ASSAY_DOCX_SHIM_H
#define ASSAY_DOCX_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Outcome of an extraction; every failure class has its own value, mapped to a document.* code. */
typedef enum {
    ASSAY_DOCX_OK = 0,
    ASSAY_DOCX_CORRUPT,        /* not a zip, a truncated zip, a CRC error, malformed XML, no word/document.xml */
    ASSAY_DOCX_ENCRYPTED,      /* word/document.xml is stored with zip encryption */
    ASSAY_DOCX_ENTRIES,        /* more zip entries than max_entries; value = entries */
    ASSAY_DOCX_INFLATED,       /* declared or actual inflated size over max_inflated; value = bytes seen */
    ASSAY_DOCX_RATIO,          /* declared or actual inflated / compressed size over max_ratio; value = ratio */
    ASSAY_DOCX_TEXT,           /* extracted text over max_text; value = bytes when it stopped */
    ASSAY_DOCX_DEPTH,          /* XML elements nested deeper than max_depth; value = depth */
    ASSAY_DOCX_DTD,            /* the XML has a document type declaration (Word never writes one) */
    ASSAY_DOCX_TIMEOUT,        /* the thread spent more than max_cpu_seconds of CPU */
    ASSAY_DOCX_NO_MEMORY,      /* an allocation failed */
} assay_docx_status;

/* The bounds of one extraction. Sizes are bytes; a zero limit is not "no limit" but zero. */
typedef struct {
    unsigned long long max_entries;      /* zip entries in the archive */
    unsigned long long max_declared;     /* sum of every entry's declared inflated size */
    unsigned long long max_inflated;     /* bytes inflated from word/document.xml (declared or actual) */
    unsigned long long max_ratio;        /* inflated / compressed size of word/document.xml, past 1 MiB */
    unsigned long long max_text;         /* bytes of UTF-8 text produced */
    unsigned int max_depth;              /* XML element nesting */
    double max_cpu_seconds;              /* CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID) */
} assay_docx_limits;

/* What went wrong, with the measured value and the limit it broke, and a short English message. */
typedef struct {
    assay_docx_status status;
    unsigned long long value;
    unsigned long long limit;
    char message[256];
    unsigned long long limit_hint; /* internal: the depth bound, for libxml2's own depth error */
} assay_docx_outcome;

/* Extracts the paragraphs of the DOCX in bytes[0..<count]: text of w:t elements, w:tab as a tab,
 * w:br and w:cr as a line feed, paragraphs (w:p) with text separated by a blank line, ending with
 * one line feed. On ASSAY_DOCX_OK *text (malloc'd, free with assay_docx_free) holds *length bytes
 * of UTF-8 and a NUL; otherwise *text is NULL. The bytes are only read. No network, no entity
 * substitution, no DTD loading, no external entity resolution. Safe on any number of threads. */
assay_docx_status assay_docx_text(const unsigned char *bytes, size_t count, const assay_docx_limits *limits,
                                  char **text, size_t *length, assay_docx_outcome *outcome);

/* Frees what assay_docx_text returned. */
void assay_docx_free(char *text);

#ifdef __cplusplus
}
#endif

#endif
