/* names.h — names as a lab writes them (names.c): the one folding of a written name
 * (case-insensitive for Latin letters, full-width forms to half-width, blanks normalised), the
 * nearest accepted spelling of a rejected text (edit distance), and the matching of product and
 * indicator cells by id, name.zh, name.en and aliases. */
#ifndef QCOMPARE_NAMES_H
#define QCOMPARE_NAMES_H

#include <stddef.h>
#include "rules.h"

/* Folds s (n bytes, UTF-8) into out (cap bytes, NUL-terminated when cap > 0): ASCII letters
 * to lower case, full-width ASCII forms (U+FF01–U+FF5E) to ASCII, every run of blanks (space,
 * tab, CR, LF, U+00A0, U+3000) to one space, none at either end. Returns the folded length
 * (it may exceed cap - 1: the output is then cut). Bytes that are no UTF-8 are kept. */
size_t qc_name_fold(const char *s, size_t n, char *out, size_t cap);

/* 1 when a and b (NUL-terminated) fold to the same text. */
int qc_name_same(const char *a, const char *b);

/* Levenshtein distance between the folded a and b, counted in characters; at most limit + 1
 * (computing stops once the distance exceeds limit). */
int qc_name_distance(const char *a, const char *b, int limit);

/* The nearest of the candidates offered to a query, by qc_name_distance: a candidate is near
 * when at most max(1, n/2) edits away (n: the query's length in characters) and not equal to
 * the query; ties keep the first offered. */
typedef struct qc_near {
    char query[256];       /* folded */
    int limit, best_dist;
    const char *best;      /* the candidate as offered (borrowed), NULL while none is near */
} qc_near;
void qc_near_init(qc_near *nr, const char *query, size_t len);
void qc_near_offer(qc_near *nr, const char *candidate);

/* Product and indicator names of a rules library, folded (built on first use, safe to share
 * between threads). */
typedef struct qc_names qc_names;
qc_status qc_names_new(const qc_rules *rules, qc_names **out);
void qc_names_free(qc_names *x);

enum { QC_NAME_FOUND = 0, QC_NAME_UNKNOWN, QC_NAME_AMBIGUOUS, QC_NAME_NOMEM };
/* The product or indicator a cell names (len bytes): an exact id (or indicator alias) first,
 * else the one whose id, name.zh, name.en or alias folds to the same text. Returns QC_NAME_*;
 * unless FOUND, msg (size bytes) gets the reason: unknown (with the nearest names, when some
 * is near) or ambiguous (with the candidates' ids). */
int qc_names_product(qc_names *x, const char *s, size_t len, const qc_product **out, char *msg,
                     size_t size);
int qc_names_indicator(qc_names *x, const char *s, size_t len, const qc_indicator **out,
                       char *msg, size_t size);

#endif
