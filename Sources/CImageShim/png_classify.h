/* Maps libpng's error and warning texts to Assay's failure classes. */
#ifndef ASSAY_PNG_CLASSIFY_H
#define ASSAY_PNG_CLASSIFY_H

#include "png_shim.h"

/* The class of a libpng error. `user_limit_hit`: a warning said the IHDR passed png_set_user_limits;
 * `idat_chunks`: how many IDAT chunks the chunk walk saw. */
assay_png_status assay_png_classify_error(const char *message, int user_limit_hit, uint32_t idat_chunks);

/* The ASSAY_PNG_WARN_* class of a libpng warning (or benign error). */
uint32_t assay_png_classify_warning(const char *message);

#endif
