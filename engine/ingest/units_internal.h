/* units_internal.h — the verdict cache of units.c (units_cache.c): UDUNITS-2's answers for unit
 * expressions and conversions, kept in a file between runs so the unit database is read only
 * when a run meets a unit or a pair it has not seen. Not part of the public API. */
#ifndef QC_UNITS_INTERNAL_H
#define QC_UNITS_INTERNAL_H

#include <stddef.h>
#include "qcompare/units.h"

typedef struct {
    int kind;          /* 'K': known (ut_parse of from), 'M': the conversion from → to */
    int known;         /* K */
    int why;           /* M: 0 converts, 1 not recognised, 2 not convertible */
    qc_unit_map map;   /* M */
    char *from, *to;   /* expressions after aliases; to only for M */
} qc_units_verdict;

typedef struct {
    int enabled, dirty;
    char *path, *identity;
    qc_units_verdict *v;
    size_t n;          /* v grown by qc_grow */
} qc_units_cache;

/* Fills c from the cache file when it names the installed database (else an empty cache to be
 * written); a disabled cache (QCOMPARE_CACHE=off, no home) finds nothing and writes nothing. */
void qc_units_cache_read(qc_units_cache *c);
const qc_units_verdict *qc_units_cache_find(const qc_units_cache *c, int kind, const char *from,
                                            const char *to);
/* Takes over v's strings (0); 1 when the cache is full, −1 out of memory: the caller keeps
 * them. */
int qc_units_cache_add(qc_units_cache *c, const qc_units_verdict *v);
int qc_units_cache_cacheable(const char *s);
/* Writes the file back when it gained verdicts (atomically), and frees c. */
void qc_units_cache_close(qc_units_cache *c);

#endif
