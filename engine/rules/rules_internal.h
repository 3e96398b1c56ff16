/* rules_internal.h — shared by the files of engine/rules/ only: keeping parsed documents alive
 * (rule structs point into their strings) and growing arrays. */
#ifndef QC_RULES_INTERNAL_H
#define QC_RULES_INTERNAL_H

#include <cjson/cJSON.h>
#include "qcompare/jsonfile.h"
#include "qcompare/rules.h"
#include "qcompare/study.h"

/* Loads path as JSON, records it in r->files with role, keeps the document; *doc borrowed. */
qc_status qc_rules_read(qc_rules *r, const char *path, const char *role, cJSON **doc,
                        qc_error *err);

/* Grows *arr (of *n elements of size sz) by one zeroed element; returns it or NULL. The
 * array's capacity is the next power of two of *n, so *n may shrink but *arr must come from
 * this function. */
void *qc_rules_push(void *arr_ptr, size_t *n, size_t sz);

/* The decimal places of a file's numbers as written (decimals.c): read path again and match
 * its number tokens with doc's number items; qc_decimals_of gives QC_DP_UNKNOWN for an item
 * it does not know. */
typedef struct qc_decimals qc_decimals;
qc_status qc_decimals_read(const char *path, const cJSON *doc, qc_decimals **out, qc_error *err);
int qc_decimals_of(const qc_decimals *d, const cJSON *item);
void qc_decimals_free(qc_decimals *d);

/* Parses one limit object at path; fills *lim. */
qc_status qc_limit_parse(const qc_rules *r, const cJSON *obj, const char *file,
                         const char *path, const qc_decimals *dp, qc_limit *lim, qc_error *err);
void qc_methods_free(struct qc_methods *m);

/* Loaders of the dictionary files (dictionary.c). */
qc_status qc_rules_load_indicators(qc_rules *r, const char *path, qc_error *err);
qc_status qc_rules_load_products(qc_rules *r, const char *path, qc_error *err);
qc_status qc_rules_load_units(qc_rules *r, const char *path, qc_error *err);
qc_status qc_rules_load_columns(qc_rules *r, const char *path, qc_error *err);

/* A study standard's `sampling` object at path (the standard entry's path): its keys checked and
 * its GB/T 2828.1 plan found (study_sampling.c). */
qc_status qc_study_sampling_load(const cJSON *obj, const char *file, const char *path,
                                 qc_study_sampling *out, qc_error *err);

/* The lookup tables (index.c). Adding returns -1 when the id is new, the position of the
 * earlier entry with the same id, or -2 when out of memory. */
long qc_rules_index_add_product(qc_rules *r, size_t i);
long qc_rules_index_add_standard(qc_rules *r, size_t i);
qc_status qc_rules_index_indicators(qc_rules *r);  /* after the dictionary is read */
qc_status qc_rules_index_standards(qc_rules *r);   /* after the standards are reordered */
void qc_rules_index_free(qc_rules *r);

#endif
