#include "png_shim.h"
#include <png.h>
int assay_png_shim_version(void) { return (int)png_access_version_number(); }
