#ifndef CALLSCOPE_CMALLOC_SHIM_H
#define CALLSCOPE_CMALLOC_SHIM_H

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

/// glibc's mallopt(M_ARENA_MAX, count), which Swift's Glibc module does not show: at most
/// `count` malloc arenas for the threads created from now on. Elsewhere nothing. Returns 1 when set.
static inline int callscope_limit_malloc_arenas(int count) {
#if defined(M_ARENA_MAX)
    return mallopt(M_ARENA_MAX, count);
#else
    (void)count;
    return 0;
#endif
}

#endif
