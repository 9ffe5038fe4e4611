#include "assay_word_break.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

/// One iterator per thread, opened on first use and kept: opening one loads ICU's rules and
/// costs far more than segmenting a sentence.
static _Thread_local UBreakIterator *iterator = NULL;

long assay_word_breaks(const char *text, size_t length, int32_t *out, size_t capacity) {
    if (length > INT32_MAX) return -1;
    UErrorCode status = U_ZERO_ERROR;
    if (iterator == NULL) {
        iterator = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
        if (U_FAILURE(status)) {
            iterator = NULL;
            return -1;
        }
    }
    UText source = UTEXT_INITIALIZER;
    utext_openUTF8(&source, text, (int64_t)length, &status);
    if (U_FAILURE(status)) return -1;
    ubrk_setUText(iterator, &source, &status);
    if (U_FAILURE(status)) {
        utext_close(&source);
        return -1;
    }
    size_t written = 0;
    // Native indexes of a UTF-8 UText are byte offsets.
    for (int32_t at = ubrk_next(iterator); at != UBRK_DONE && (size_t)at < length && written < capacity; at = ubrk_next(iterator)) {
        out[written++] = at;
    }
    // The iterator must not keep pointing at this text after it returns.
    UText empty = UTEXT_INITIALIZER;
    utext_openUTF8(&empty, "", 0, &status);
    ubrk_setUText(iterator, &empty, &status);
    utext_close(&source);
    utext_close(&empty);
    return U_FAILURE(status) ? -1 : (long)written;
}
