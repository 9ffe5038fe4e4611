#include "assay_skeleton.h"

#include <stdlib.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

/// Names longer than this (in UTF-16 units, after folding) are refused by the caller.
enum { MAX_UNITS = 1024 };

long assay_skeleton(const char *name, size_t length, char *out, size_t capacity) {
    if (length > MAX_UNITS * 3 || capacity == 0) return -1;
    UErrorCode status = U_ZERO_ERROR;
    UChar source[MAX_UNITS];
    int32_t sourceLength = 0;
    u_strFromUTF8(source, MAX_UNITS, &sourceLength, name, (int32_t)length, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;

    const UNormalizer2 *fold = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return -1;
    UChar folded[MAX_UNITS];
    int32_t foldedLength = unorm2_normalize(fold, source, sourceLength, folded, MAX_UNITS, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;

    USpoofChecker *checker = uspoof_open(&status);
    if (U_FAILURE(status)) return -1;
    UChar skeleton[MAX_UNITS];
    int32_t skeletonLength = uspoof_getSkeleton(checker, 0, folded, foldedLength, skeleton, MAX_UNITS, &status);
    uspoof_close(checker);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;

    int32_t written = 0;
    u_strToUTF8(out, (int32_t)(capacity > 0x7fffffff ? 0x7fffffff : capacity), &written, skeleton, skeletonLength, &status);
    if (U_FAILURE(status) || (size_t)written >= capacity) return -1;
    out[written] = 0;
    return written;
}
