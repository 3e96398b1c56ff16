/* grow.h — geometric growth of an array that gains one element at a time (issue 16, D9), and
 * of a byte buffer that text is appended to.
 * Growing by one element per realloc is quadratic under allocators that copy (the ASan build of
 * the `parallel` test did not finish in 20 minutes); doubling is linear. The capacity is
 * implied by the count n (the next power of two), so no struct needs a capacity field, as long
 * as the array is only ever grown by qc_grow (or allocated with qc_grow_capacity elements) and
 * its count never decreases except back to 0 with the array freed. */
#ifndef QCOMPARE_GROW_H
#define QCOMPARE_GROW_H

#include <stdint.h>
#include <stdlib.h>

/* The capacity an array of n elements grown by qc_grow has: 0, or the power of two >= n. */
static inline size_t qc_grow_capacity(size_t n)
{
    size_t cap = 1;
    if (!n) return 0;
    while (cap < n) cap *= 2;
    return cap;
}

/* arr (n elements of size bytes, grown only by this function) with room for element n:
 * reallocated to twice its size when it is full (n 0 or a power of two), else arr itself;
 * NULL when out of memory (arr is then left as it was, to be freed by the caller). */
static inline void *qc_grow(void *arr, size_t n, size_t size)
{
    if (n & (n - 1)) return arr;  /* not 0 and not a power of two: room is left */
    size_t cap = n ? 2 * n : 1;
    if (cap > SIZE_MAX / size) return NULL;
    return realloc(arr, cap * size);
}

/* Room for `need` bytes in a byte buffer *s of capacity *cap (the text buffers of the xlsx
 * reader, the diff, the JSON printer and the renderers): doubled from `first` until it fits,
 * so appending is linear; 0, or -1 when out of memory (*s and *cap then left as they were). */
static inline int qc_grow_bytes(char **s, size_t *cap, size_t need, size_t first)
{
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : first;
    while (c < need) {
        if (c > SIZE_MAX / 2) return -1;
        c *= 2;
    }
    char *p = realloc(*s, c);
    if (!p) return -1;
    *s = p;
    *cap = c;
    return 0;
}

#endif
