/* jsonfile.h — reading rules and study JSON with exact error locations (DESIGN §4.2).
 * A file is read whole (rules are small), hashed (SHA-256), parsed with cJSON, and checked for
 * duplicate keys; objects are then checked against field tables: unknown key, wrong type and
 * missing field each give "FILE: $.json.path: message". Syntax errors give "FILE:LINE:COL: …". */
#ifndef QCOMPARE_JSONFILE_H
#define QCOMPARE_JSONFILE_H

#include <cjson/cJSON.h>
#include "status.h"

/* Type masks for qc_json_field.types. */
enum {
    QC_JT_STRING = 1, QC_JT_NUMBER = 2, QC_JT_BOOL = 4, QC_JT_OBJECT = 8, QC_JT_ARRAY = 16,
    QC_JT_NULL = 32
};

/* One row of an object's field table; the table ends with a row whose name is NULL. */
typedef struct qc_json_field {
    const char *name;
    int types;     /* QC_JT_* mask */
    int required;
} qc_json_field;

/* Reads and parses path; on success *root owns the document and sha256_hex (65 bytes, may be
 * NULL) receives the file's digest. Errors: QC_EIO unreadable, QC_ERULES syntax or duplicate
 * key. */
qc_status qc_json_load(const char *path, cJSON **root, char *sha256_hex, qc_error *err);
/* The same, also giving the file's bytes as read (*text, NUL-terminated, *len bytes; the
 * caller frees it) when text is not NULL: what cJSON parsed, for a reader that needs the
 * numbers as written without reading the file again. */
qc_status qc_json_load_text(const char *path, cJSON **root, char *sha256_hex, char **text,
                            size_t *len, qc_error *err);

/* Checks obj (at JSON path `path` in `file`) against the field table. */
qc_status qc_json_check(const cJSON *obj, const qc_json_field *fields, const char *file,
                        const char *path, qc_error *err);

/* Checks that v has one of the types in mask; message names the path and the expected type. */
qc_status qc_json_check_type(const cJSON *v, int mask, const char *file, const char *path,
                             qc_error *err);

/* Child path: "$.a" + "b" -> "$.a.b" (or "$.a[\"b c\"]" when the key is not an identifier);
 * index form "$.a" + 3 -> "$.a[3]". Return buf. */
char *qc_json_path_key(char *buf, size_t size, const char *path, const char *key);
char *qc_json_path_index(char *buf, size_t size, const char *path, int index);

/* Convenience getters: the string of obj[key] or def; the number of obj[key] or def. */
const char *qc_json_str(const cJSON *obj, const char *key, const char *def);
double qc_json_num(const cJSON *obj, const char *key, double def);

/* 1 when s is a real calendar date written YYYY-MM-DD. */
int qc_json_is_date(const char *s);

/* SHA-256 computed while a file is read for something else (the results reader hashes the
 * blocks it parses, so a file is read once): new, update per block, end writes the hex (end
 * with NULL hex only frees). new returns NULL when out of memory. */
typedef struct qc_sha256 qc_sha256;
qc_sha256 *qc_sha256_new(void);
void qc_sha256_update(qc_sha256 *h, const void *data, size_t n);
void qc_sha256_end(qc_sha256 *h, char hex[65]);

/* SHA-256 of a whole file as lowercase hex; QC_EIO when unreadable. */
qc_status qc_sha256_file(const char *path, char hex[65], qc_error *err);

#endif
