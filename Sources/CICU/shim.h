// ICU's spoof checker (Unicode TS #39 skeletons) and normalizer, from Debian's libicu-dev.
// Swift never calls these directly: ICU renames every entry point with its version number, so
// the CSkeleton target wraps the one call Assay needs.
#include <unicode/uspoof.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
