#ifndef ASSAY_SKELETON_H
#define ASSAY_SKELETON_H

#include <stddef.h>

/// Writes the confusable skeleton (Unicode TS #39, ICU's uspoof_getSkeleton) of the UTF-8 string
/// `name` (`length` bytes) after NFKC case folding, so that names a person reads as the same
/// ("alice", "ALICE", "аlice" with a Cyrillic a, fullwidth "ａｌｉｃｅ") give the same bytes.
/// `out` receives at most `capacity` bytes, NUL-terminated. Returns the skeleton's length in bytes
/// (without the NUL), or -1 when ICU fails or the skeleton does not fit: the caller refuses the name.
long assay_skeleton(const char *name, size_t length, char *out, size_t capacity);

#endif
