#ifndef SCTPCONFORM_MEMORY_HINTS_H
#define SCTPCONFORM_MEMORY_HINTS_H

/// Asks the processor to start loading the cache line holding `address`: a hint with no effect
/// on behaviour, for the offline checker, which knows which association the next packets touch
/// before it gets to them.
static inline void sctpconform_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
