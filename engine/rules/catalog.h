/* catalog.h — shared by catalog.c and catalog_cache.c only: what each standard file of a rules
 * directory declares that decides whether a study needs it (its id, successor, products and
 * the tables its derived limits name), one entry per file in path order. Strings are borrowed:
 * from a loaded library's documents, or from the cache file's text the catalog keeps. */
#ifndef QC_CATALOG_H
#define QC_CATALOG_H

#include "rules_internal.h"

typedef struct qc_cat_entry {
    const char *id, *superseded_by;   /* superseded_by NULL when none */
    size_t first, nproducts, nfroms;  /* its products, then its derived.from specs ("ID@GRADE"),
                                       * are str[first ..] */
} qc_cat_entry;

typedef struct qc_catalog {
    qc_cat_entry *e;
    size_t n;
    const char **str;
    size_t nstr;
    char *text;                       /* owned: the cache file's text, or NULL */
} qc_catalog;

/* Appends standard s's entry (its strings borrowed). QC_ENOMEM only. */
qc_status qc_catalog_add(qc_catalog *c, const qc_standard *s);
/* 1 when entry i of a and entry j of b declare the same. */
int qc_catalog_same(const qc_catalog *a, size_t i, const qc_catalog *b, size_t j);
void qc_catalog_free(qc_catalog *c);

/* The entries study (its parsed JSON) needs: keep[i] for entry i, 1 or 0 (docs/design.md, "Rules
 * a study uses"). QC_ENOMEM only. */
qc_status qc_catalog_needs(const qc_catalog *c, const cJSON *study, char *keep);

/* The cache of a directory's catalog (catalog_cache.c). Reads the catalog kept for dir when it
 * was written for this directory as it is now (its dictionary files and walked standard
 * files w: names, sizes, times, inodes) by this engine: QC_OK, else QC_EIO (no usable cache:
 * none, another directory's state, damaged). */
qc_status qc_catalog_read(const char *dir, const qc_walk *w, qc_catalog *c);
/* Writes c (entries in w's order) as dir's cache; silently nothing when it cannot. */
void qc_catalog_write(const char *dir, const qc_walk *w, const qc_catalog *c);

#endif
