#ifndef ASSAY_PNG_SHIM_H
#define ASSAY_PNG_SHIM_H
int assay_png_shim_version(void);
#endif
