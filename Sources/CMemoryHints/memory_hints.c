// The hints are static inline functions in include/memory_hints.h; a C target needs one source.
#include "memory_hints.h"
