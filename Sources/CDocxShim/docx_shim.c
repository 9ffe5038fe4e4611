// The text of a DOCX: libzip finds word/document.xml and inflates it in chunks straight into
// libxml2's streaming reader, so no more than one chunk of inflated XML and the reader's current
// node are in memory at once, and every limit is checked before and while inflating.
#include "docx_shim.h"
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

static const char *const wordprocessing = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const unsigned long long ratio_floor = 1ULL << 20; /* ratios of smaller parts are not judged */

static pthread_once_t prepared = PTHREAD_ONCE_INIT;

/* Every external entity, DTD or schema libxml2 might load resolves to nothing. */
static xmlParserInputPtr refuse_external(const char *url, const char *id, xmlParserCtxtPtr context) {
    (void)url;
    (void)id;
    (void)context;
    return NULL;
}

static void prepare(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_external);
}

static double thread_cpu_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static assay_docx_status fail(assay_docx_outcome *outcome, assay_docx_status status, unsigned long long value,
                              unsigned long long limit, const char *format, ...) {
    outcome->status = status;
    outcome->value = value;
    outcome->limit = limit;
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(outcome->message, sizeof outcome->message, format, arguments);
    va_end(arguments);
    return status;
}

/* The inflating side: libxml2 pulls chunks through read_part, which counts and bounds them. */
typedef struct {
    zip_file_t *file;
    unsigned long long inflated;
    unsigned long long compressed;
    unsigned long long declared;
    const assay_docx_limits *limits;
    double cpu_start;
    assay_docx_outcome *outcome;
} part_reader;

static int read_part(void *context, char *buffer, int length) {
    part_reader *part = context;
    if (part->outcome->status != ASSAY_DOCX_OK) return -1;
    if (thread_cpu_seconds() - part->cpu_start > part->limits->max_cpu_seconds) {
        fail(part->outcome, ASSAY_DOCX_TIMEOUT, 0, 0, "spent more than its CPU budget inflating word/document.xml");
        return -1;
    }
    zip_int64_t got = zip_fread(part->file, buffer, (zip_uint64_t)length);
    if (got < 0) {
        fail(part->outcome, ASSAY_DOCX_CORRUPT, 0, 0, "word/document.xml cannot be inflated: %s",
             zip_error_strerror(zip_file_get_error(part->file)));
        return -1;
    }
    part->inflated += (unsigned long long)got;
    if (part->inflated > part->limits->max_inflated) {
        fail(part->outcome, ASSAY_DOCX_INFLATED, part->inflated, part->limits->max_inflated,
             "bytes inflated from word/document.xml, whose header declared %llu", part->declared);
        return -1;
    }
    unsigned long long compressed = part->compressed ? part->compressed : 1;
    if (part->inflated > ratio_floor && part->inflated / compressed > part->limits->max_ratio) {
        fail(part->outcome, ASSAY_DOCX_RATIO, part->inflated / compressed, part->limits->max_ratio,
             "inflation ratio of word/document.xml (%llu compressed bytes), whose header declared %llu bytes", part->compressed,
             part->declared);
        return -1;
    }
    return (int)got;
}

static int close_part(void *context) {
    (void)context;
    return 0;
}

/* libxml2's messages go nowhere but one: its own nesting limit (256 levels), which the reader's
 * parsing ahead can reach before the walk sees a node past max_depth, is a depth problem too. */
static void quiet(void *argument, const char *message, xmlParserSeverities severity, xmlTextReaderLocatorPtr locator) {
    (void)severity;
    (void)locator;
    assay_docx_outcome *outcome = argument;
    if (outcome->status == ASSAY_DOCX_OK && message != NULL && strstr(message, "Excessive depth") != NULL) {
        fail(outcome, ASSAY_DOCX_DEPTH, 256, outcome->limit_hint, "XML nesting depth of word/document.xml");
    }
}

/* The growing text, bounded by max_text. */
typedef struct {
    char *bytes;
    size_t length;
    size_t capacity;
    int separate; /* a paragraph with text ended: the next text starts after a blank line */
    const assay_docx_limits *limits;
    assay_docx_outcome *outcome;
} text_buffer;

static int append_raw(text_buffer *text, const char *bytes, size_t count) {
    if (text->length + count > text->limits->max_text) {
        fail(text->outcome, ASSAY_DOCX_TEXT, text->length + count, text->limits->max_text, "extracted text (bytes)");
        return -1;
    }
    if (text->length + count + 1 > text->capacity) {
        size_t capacity = text->capacity ? text->capacity : 4096;
        while (capacity < text->length + count + 1) capacity *= 2;
        char *grown = realloc(text->bytes, capacity);
        if (grown == NULL) {
            fail(text->outcome, ASSAY_DOCX_NO_MEMORY, 0, 0, "out of memory");
            return -1;
        }
        text->bytes = grown;
        text->capacity = capacity;
    }
    memcpy(text->bytes + text->length, bytes, count);
    text->length += count;
    text->bytes[text->length] = 0;
    return 0;
}

static int append(text_buffer *text, const char *bytes, size_t count) {
    if (count == 0) return 0;
    if (text->separate && text->length > 0 && append_raw(text, "\n\n", 2) != 0) return -1;
    text->separate = 0;
    return append_raw(text, bytes, count);
}

static int is_word(xmlTextReaderPtr reader, const char *name) {
    const xmlChar *uri = xmlTextReaderConstNamespaceUri(reader);
    const xmlChar *local = xmlTextReaderConstLocalName(reader);
    return uri != NULL && local != NULL && strcmp((const char *)uri, wordprocessing) == 0 && strcmp((const char *)local, name) == 0;
}

/* Walks the reader's nodes, collecting text; returns the outcome's status. */
static assay_docx_status walk(xmlTextReaderPtr reader, text_buffer *text, part_reader *part) {
    const assay_docx_limits *limits = part->limits;
    assay_docx_outcome *outcome = part->outcome;
    int text_depth = -1; /* depth of the w:t being read, or -1 */
    unsigned long nodes = 0;
    int status;
    while ((status = xmlTextReaderRead(reader)) == 1) {
        if (++nodes % 4096 == 0 && thread_cpu_seconds() - part->cpu_start > limits->max_cpu_seconds) {
            return fail(outcome, ASSAY_DOCX_TIMEOUT, 0, 0, "spent more than its CPU budget reading word/document.xml");
        }
        int depth = xmlTextReaderDepth(reader);
        if (depth > (int)limits->max_depth) {
            return fail(outcome, ASSAY_DOCX_DEPTH, (unsigned long long)depth, limits->max_depth, "XML nesting depth of word/document.xml");
        }
        switch (xmlTextReaderNodeType(reader)) {
        case XML_READER_TYPE_DOCUMENT_TYPE:
            return fail(outcome, ASSAY_DOCX_DTD, 0, 0, "word/document.xml has a document type declaration, which Word never writes");
        case XML_READER_TYPE_ELEMENT: {
            int empty = xmlTextReaderIsEmptyElement(reader);
            if (is_word(reader, "t")) {
                if (!empty) text_depth = depth;
            } else if (is_word(reader, "tab")) {
                if (append(text, "\t", 1) != 0) return outcome->status;
            } else if (is_word(reader, "br") || is_word(reader, "cr")) {
                if (append(text, "\n", 1) != 0) return outcome->status;
            } else if (is_word(reader, "p") && empty) {
                text->separate = text->length > 0;
            }
            break;
        }
        case XML_READER_TYPE_END_ELEMENT:
            if (is_word(reader, "t")) {
                text_depth = -1;
            } else if (is_word(reader, "p")) {
                text->separate = text->length > 0;
            }
            break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            if (text_depth >= 0 && depth == text_depth + 1) {
                const xmlChar *value = xmlTextReaderConstValue(reader);
                if (value != NULL && append(text, (const char *)value, strlen((const char *)value)) != 0) return outcome->status;
            }
            break;
        default:
            /* Entity references, comments and processing instructions carry no text of the document. */
            break;
        }
        if (outcome->status != ASSAY_DOCX_OK) return outcome->status;
    }
    if (outcome->status != ASSAY_DOCX_OK) return outcome->status;
    if (status < 0) return fail(outcome, ASSAY_DOCX_CORRUPT, 0, 0, "word/document.xml is not well-formed XML");
    return ASSAY_DOCX_OK;
}

/* Checks what the archive declares before anything is inflated; returns the document's index. */
static assay_docx_status survey(zip_t *archive, const assay_docx_limits *limits, assay_docx_outcome *outcome,
                                zip_uint64_t *document, zip_stat_t *info) {
    zip_int64_t entries = zip_get_num_entries(archive, 0);
    if (entries < 0) return fail(outcome, ASSAY_DOCX_CORRUPT, 0, 0, "the zip directory cannot be read");
    if ((unsigned long long)entries > limits->max_entries) {
        return fail(outcome, ASSAY_DOCX_ENTRIES, (unsigned long long)entries, limits->max_entries, "zip entries");
    }
    unsigned long long declared = 0;
    for (zip_int64_t index = 0; index < entries; index++) {
        zip_stat_t entry;
        zip_stat_init(&entry);
        if (zip_stat_index(archive, (zip_uint64_t)index, 0, &entry) != 0 || !(entry.valid & ZIP_STAT_SIZE)) {
            return fail(outcome, ASSAY_DOCX_CORRUPT, 0, 0, "zip entry %lld cannot be read", (long long)index);
        }
        declared = entry.size > ~0ULL - declared ? ~0ULL : declared + entry.size;
    }
    if (declared > limits->max_declared) {
        return fail(outcome, ASSAY_DOCX_INFLATED, declared, limits->max_declared, "inflated size the zip's entries declare (bytes)");
    }
    zip_int64_t found = zip_name_locate(archive, "word/document.xml", 0);
    if (found < 0) return fail(outcome, ASSAY_DOCX_CORRUPT, 0, 0, "the zip holds no word/document.xml: not a Word document");
    zip_stat_init(info);
    if (zip_stat_index(archive, (zip_uint64_t)found, 0, info) != 0) {
        return fail(outcome, ASSAY_DOCX_CORRUPT, 0, 0, "word/document.xml cannot be read");
    }
    if ((info->valid & ZIP_STAT_ENCRYPTION_METHOD) && info->encryption_method != ZIP_EM_NONE) {
        return fail(outcome, ASSAY_DOCX_ENCRYPTED, 0, 0, "word/document.xml is encrypted");
    }
    if (info->size > limits->max_inflated) {
        return fail(outcome, ASSAY_DOCX_INFLATED, info->size, limits->max_inflated, "inflated size word/document.xml declares (bytes)");
    }
    unsigned long long compressed = info->comp_size ? info->comp_size : 1;
    if (info->size > ratio_floor && info->size / compressed > limits->max_ratio) {
        return fail(outcome, ASSAY_DOCX_RATIO, info->size / compressed, limits->max_ratio, "inflation ratio word/document.xml declares");
    }
    *document = (zip_uint64_t)found;
    return ASSAY_DOCX_OK;
}

assay_docx_status assay_docx_text(const unsigned char *bytes, size_t count, const assay_docx_limits *limits,
                                  char **text, size_t *length, assay_docx_outcome *outcome) {
    pthread_once(&prepared, prepare);
    memset(outcome, 0, sizeof *outcome);
    *text = NULL;
    *length = 0;
    double cpu_start = thread_cpu_seconds();
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(bytes, count, 0, &error);
    if (source == NULL) {
        zip_error_fini(&error);
        return fail(outcome, ASSAY_DOCX_NO_MEMORY, 0, 0, "out of memory");
    }
    zip_t *archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (archive == NULL) {
        zip_source_free(source);
        fail(outcome, ASSAY_DOCX_CORRUPT, 0, 0, "not a readable zip: %s", zip_error_strerror(&error));
        zip_error_fini(&error);
        return outcome->status;
    }
    zip_error_fini(&error);
    zip_uint64_t document = 0;
    zip_stat_t info;
    if (survey(archive, limits, outcome, &document, &info) != ASSAY_DOCX_OK) {
        zip_discard(archive);
        return outcome->status;
    }
    zip_file_t *file = zip_fopen_index(archive, document, 0);
    if (file == NULL) {
        fail(outcome, ASSAY_DOCX_CORRUPT, 0, 0, "word/document.xml cannot be opened: %s", zip_strerror(archive));
        zip_discard(archive);
        return outcome->status;
    }
    part_reader part = {file, 0, info.comp_size, info.size, limits, cpu_start, outcome};
    text_buffer collected = {NULL, 0, 0, 0, limits, outcome};
    /* No XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE: entities stay references,
     * nothing outside the part is loaded, and libxml2 keeps its own size and depth limits. */
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    xmlTextReaderPtr reader = xmlReaderForIO(read_part, close_part, &part, "word/document.xml", NULL, options);
    if (reader == NULL) {
        fail(outcome, ASSAY_DOCX_NO_MEMORY, 0, 0, "out of memory");
    } else {
        outcome->limit_hint = limits->max_depth;
        xmlTextReaderSetErrorHandler(reader, quiet, outcome);
        walk(reader, &collected, &part);
        xmlFreeTextReader(reader);
    }
    if (outcome->status == ASSAY_DOCX_OK && zip_fclose(file) != 0) {
        fail(outcome, ASSAY_DOCX_CORRUPT, 0, 0, "word/document.xml fails its CRC check");
    } else if (outcome->status != ASSAY_DOCX_OK) {
        zip_fclose(file);
    }
    zip_discard(archive);
    if (outcome->status == ASSAY_DOCX_OK && collected.length > 0) append_raw(&collected, "\n", 1);
    if (outcome->status != ASSAY_DOCX_OK) {
        free(collected.bytes);
        return outcome->status;
    }
    if (collected.bytes == NULL) {
        collected.bytes = calloc(1, 1);
        if (collected.bytes == NULL) return fail(outcome, ASSAY_DOCX_NO_MEMORY, 0, 0, "out of memory");
    }
    *text = collected.bytes;
    *length = collected.length;
    return ASSAY_DOCX_OK;
}

void assay_docx_free(char *text) { free(text); }
