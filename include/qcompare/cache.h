/* cache.h — files kept between runs to save start-up time (engine/rules/cache.c): where they
 * live ($QCOMPARE_CACHE, else $XDG_CACHE_HOME/qcompare, else ~/.cache/qcompare;
 * QCOMPARE_CACHE=off turns every cache off), and their atomic replacement. A cache only saves
 * time: failing to read or write one is never an error, and its user must check what it reads
 * (units_cache.c, catalog_cache.c). */
#ifndef QCOMPARE_CACHE_H
#define QCOMPARE_CACHE_H

#include <stdio.h>

/* "CACHEDIR/name" (malloc'd), or NULL when caching is off or there is no home. */
char *qc_cache_path(const char *name);

/* Starts replacing the file at path: a new temporary file beside it (its directory made when
 * missing), NULL when it cannot be; *tmp receives its name. */
FILE *qc_cache_begin(const char *path, char **tmp);
/* Ends it: closes f and renames the temporary file over path (atomic: a concurrent reader sees
 * the old file or the new one), or removes it when bad or any write failed. Frees *tmp. */
void qc_cache_commit(FILE *f, char *tmp, const char *path, int bad);

#endif
