#ifndef ASSAY_WORD_BREAK_H
#define ASSAY_WORD_BREAK_H

#include <stddef.h>
#include <stdint.h>

/// Writes the word boundaries strictly inside the UTF-8 text `text` (`length` bytes), as byte
/// offsets in increasing order, found by ICU's word break iterator (UAX #29 plus ICU's
/// dictionaries for Chinese, Japanese, Thai, Lao, Khmer and Burmese, which write no spaces
/// between words). At most `capacity` offsets are written to `out`. Returns how many were
/// written, or -1 when ICU fails (the caller then keeps the text as one word). Thread-safe: each
/// thread keeps its own iterator.
long assay_word_breaks(const char *text, size_t length, int32_t *out, size_t capacity);

#endif
