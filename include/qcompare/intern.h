/* intern.h — a string table: each distinct string is stored once and named by a dense id
 * (0, 1, 2, … in order of first appearance). Used for products, indicators, groups, sample ids
 * and context values, so the results store keeps 4-byte ids instead of strings. */
#ifndef QCOMPARE_INTERN_H
#define QCOMPARE_INTERN_H

#include <stddef.h>
#include <stdint.h>

typedef struct qc_intern qc_intern;

#define QC_INTERN_NONE UINT32_MAX

qc_intern *qc_intern_new(void);
void qc_intern_free(qc_intern *t);
/* Id of s (len bytes), added when new; QC_INTERN_NONE when out of memory. */
uint32_t qc_intern_add(qc_intern *t, const char *s, size_t len);
/* Id of s when present, else QC_INTERN_NONE. */
uint32_t qc_intern_find(const qc_intern *t, const char *s, size_t len);
/* The NUL-terminated string of id (valid until the table is freed). */
const char *qc_intern_str(const qc_intern *t, uint32_t id);
size_t qc_intern_count(const qc_intern *t);
/* The length in bytes of string id (it may hold NUL bytes). */
size_t qc_intern_len(const qc_intern *t, uint32_t id);

#endif
