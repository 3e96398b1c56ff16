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
/* The same, also giving the file's bytes as read (*text to free; jsonfile.h qc_json_load_text). */
qc_status qc_rules_read_text(qc_rules *r, const char *path, const char *role, cJSON **doc,
                             char **text, size_t *len, qc_error *err);

/* Grows *arr (of *n elements of size sz) by one zeroed element; returns it or NULL. The
 * array's capacity is the next power of two of *n, so *n may shrink but *arr must come from
 * this function. */
void *qc_rules_push(void *arr_ptr, size_t *n, size_t sz);

/* What stat says of a file: it is the same file, unchanged, while all of it is the same. */
struct stat;
typedef struct qc_file_key {
    long long size, mtime_s, mtime_ns, ctime_s, ctime_ns;
    unsigned long long ino;
    int known;             /* 0: stat failed */
} qc_file_key;
void qc_file_key_of(const struct stat *st, qc_file_key *k);

/* The standard files below dir/standards (library.c), in path order (the load order). */
typedef struct qc_walk_file { char *path; qc_file_key key; } qc_walk_file;
typedef struct qc_walk { qc_walk_file *file; size_t n; } qc_walk;
qc_status qc_rules_walk(const char *dir, qc_walk *w, qc_error *err);
void qc_rules_walk_free(qc_walk *w);

/* The dictionary files of a rules directory, in load order (NULL-terminated). */
extern const char *const qc_rules_dictionary_files[];
/* A library of dir with its dictionary files loaded and no standard yet. */
qc_status qc_rules_open_dir(const char *dir, qc_rules **out, qc_error *err);
/* Once the standard files are added: sorted by id, indexed, derived tables checked. */
qc_status qc_rules_finish(qc_rules *r, qc_error *err);
/* For each file of r->files, the position in r->standards of the standard read from it, or
 * SIZE_MAX (a dictionary file). QC_ENOMEM only. */
qc_status qc_rules_file_standards(const qc_rules *r, size_t *std_of);
/* Of a whole library (every standard file read, in path order): drops the standard of each
 * standard file j (in path order) whose keep[j] is 0, with its file (the path moved to
 * r->skipped) and document; re-indexes. */
qc_status qc_rules_keep(qc_rules *r, const char *keep);

/* The decimal places of a file's numbers as written (decimals.c): match the number tokens of
 * text (the len bytes doc was parsed from; path names the file in an error) with doc's number
 * items; qc_decimals_of gives QC_DP_UNKNOWN for an item it does not know. */
typedef struct qc_decimals qc_decimals;
qc_status qc_decimals_read(const char *path, const char *text, size_t len, const cJSON *doc,
                           qc_decimals **out, qc_error *err);
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
