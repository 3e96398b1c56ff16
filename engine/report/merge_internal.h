/* merge_internal.h — what merge.c and merge_parts.c share: the parts being joined and the
 * products taken out of them. */
#ifndef QC_MERGE_INTERNAL_H
#define QC_MERGE_INTERNAL_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "qcompare/rules.h"
#include "qcompare/study.h"

typedef struct part {
    const char *path;
    cJSON *study, *files, *rejections, *notes;   /* taken out of its document */
    size_t nnotes;
    long *owner;          /* per note: the index in products[] of its product, -1 study-wide */
} part;

/* One product of a part, printed as it reads inside products[]. */
typedef struct item {
    char *id, *text;
    size_t len, part, index;   /* its part, and its index in that part's products[] */
} item;

typedef struct merge {
    const qc_rules *rules;
    part *parts;
    size_t nparts;
    item *items;
    size_t nitems, capitems;
    qc_study *whole;
    int given;            /* the whole study was read from its file (else built from the parts) */
} merge;

/* Appends a zeroed element to *arr (n elements, capacity *cap); NULL when out of memory. */
void *qc_merge_push(void *arr, size_t *n, size_t *cap, size_t size);
/* Attributes each note of part pi to one of its products, or to the study (owner). */
qc_status qc_merge_segment_notes(merge *m, size_t pi, qc_error *err);
/* Results files read by one part only; every rules file a part lists read by the merge too,
 * with the same SHA-256. */
qc_status qc_merge_check_files(merge *m, qc_error *err);
/* inputs{files, rejections} of the joined document, added to root. */
qc_status qc_merge_inputs(merge *m, cJSON *root, qc_error *err);
/* notes[] of the joined document, added to root. */
qc_status qc_merge_notes(merge *m, cJSON *root, qc_error *err);
void qc_merge_free(merge *m);

#endif
