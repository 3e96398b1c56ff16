/* groups_oracle.h — oracle-file helpers shared by test_groups.c and test_groups_anova.c
 * (the Check suites for the GROUPS section of stats.h). Header-only, static functions.
 *
 *   long-format CSV (case,what,value), as written by tests/oracles/r/{twogroup,groups,power}.R:
 *     lfile_load / lfile_case / lcase_get / lcase_vec / lcase_has
 *   R's printed output (tests/oracles/r_reference/stats-Ex_selected.Rout.txt): rout_line finds
 *     the line with a given prefix after a marker line; rout_field reads "name = value" from it;
 *     printed_half_unit gives half a unit in the last printed digit of such a value.
 *   expect_printed checks a value against one printed by R; expect_close, failures, lre and
 *     the oracle file helpers come from oracle_check.h. */
#ifndef QC_TEST_GROUPS_ORACLE_H
#define QC_TEST_GROUPS_ORACLE_H

#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle_check.h"

/* ---------- long-format CSV ---------- */

typedef struct {
    char name[64];
    size_t n, cap;
    char **what;
    double *val;
} lcase;

typedef struct {
    size_t n, cap;
    lcase *cases;
} lfile;

static inline double parse_num(const char *s) {
    if (strcmp(s, "NA") == 0) return NAN;
    char *end;
    double v = strtod(s, &end);
    ck_assert_msg(end != s && *end == '\0', "bad number '%s' in oracle", s);
    return v;
}

static inline lfile lfile_load(const char *rel) {
    lfile lf = {0};
    FILE *f = open_oracle(rel);
    char line[512];
    int header = 1;
    while (read_line(f, line, sizeof line)) {
        if (line[0] == '#' || line[0] == '\0') continue;
        if (header) {
            ck_assert_msg(strcmp(line, "case,what,value") == 0, "%s: bad header", rel);
            header = 0;
            continue;
        }
        char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        ck_assert_msg(c1 && c2, "%s: bad row '%s'", rel, line);
        *c1 = *c2 = '\0';
        if (lf.n == 0 || strcmp(lf.cases[lf.n - 1].name, line) != 0) {
            if (lf.n == lf.cap) {
                lf.cap = lf.cap ? 2 * lf.cap : 32;
                lf.cases = realloc(lf.cases, lf.cap * sizeof *lf.cases);
                ck_assert(lf.cases != NULL);
            }
            lcase *nc = &lf.cases[lf.n++];
            memset(nc, 0, sizeof *nc);
            ck_assert(strlen(line) < sizeof nc->name);
            strcpy(nc->name, line);
        }
        lcase *c = &lf.cases[lf.n - 1];
        if (c->n == c->cap) {
            c->cap = c->cap ? 2 * c->cap : 64;
            c->what = realloc(c->what, c->cap * sizeof *c->what);
            c->val = realloc(c->val, c->cap * sizeof *c->val);
            ck_assert(c->what && c->val);
        }
        c->what[c->n] = malloc(strlen(c1 + 1) + 1);
        ck_assert(c->what[c->n] != NULL);
        strcpy(c->what[c->n], c1 + 1);
        c->val[c->n++] = parse_num(c2 + 1);
    }
    fclose(f);
    ck_assert_msg(lf.n > 0, "%s: no rows", rel);
    return lf;
}

static inline void lfile_free(lfile *lf) {
    for (size_t i = 0; i < lf->n; i++) {
        for (size_t j = 0; j < lf->cases[i].n; j++) free(lf->cases[i].what[j]);
        free(lf->cases[i].what);
        free(lf->cases[i].val);
    }
    free(lf->cases);
}

static inline const lcase *lfile_case(const lfile *lf, const char *name) {
    for (size_t i = 0; i < lf->n; i++)
        if (strcmp(lf->cases[i].name, name) == 0) return &lf->cases[i];
    ck_abort_msg("oracle case %s not found", name);
    return NULL;
}

static inline int lcase_has(const lcase *c, const char *what) {
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->what[i], what) == 0) return 1;
    return 0;
}

/* The single value named what (aborts when absent). */
static inline double lcase_get(const lcase *c, const char *what) {
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->what[i], what) == 0) return c->val[i];
    ck_abort_msg("%s: no value %s", c->name, what);
    return NAN;
}

/* All values named what, in order, as a malloc'ed array; *n receives their count. */
static inline double *lcase_vec(const lcase *c, const char *what, size_t *n) {
    double *v = malloc((c->n + 1) * sizeof *v);
    ck_assert(v != NULL);
    *n = 0;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->what[i], what) == 0) v[(*n)++] = c->val[i];
    return v;
}

/* ---------- R's printed output ---------- */

/* Copies into out the first line starting with prefix that follows the (nth, 1-based) line
 * containing marker. */
static inline void rout_line(const char *marker, int nth, const char *prefix, char *out,
                             size_t size) {
    FILE *f = open_oracle("r_reference/stats-Ex_selected.Rout.txt");
    char line[1024];
    int seen = 0, found = 0;
    while (read_line(f, line, sizeof line)) {
        if (seen < nth) {
            if (strstr(line, marker)) seen++;
            continue;
        }
        if (strncmp(line, prefix, strlen(prefix)) == 0) {
            snprintf(out, size, "%s", line);
            found = 1;
            break;
        }
    }
    fclose(f);
    ck_assert_msg(found, "Rout: no '%s' after '%s' #%d", prefix, marker, nth);
}

/* The printed text of "name = value" in line, into buf (up to ',' or end). */
static inline const char *rout_field(const char *line, const char *name, char *buf,
                                     size_t size) {
    char key[64];
    snprintf(key, sizeof key, "%s = ", name);
    const char *p = strstr(line, key);
    ck_assert_msg(p != NULL, "Rout: no '%s' in '%s'", key, line);
    p += strlen(key);
    size_t n = strcspn(p, ", ");
    ck_assert(n < size);
    memcpy(buf, p, n);
    buf[n] = '\0';
    return buf;
}

/* Half a unit in the last printed digit of s ("0.77143" → 5e-6, "6.901e-06" → 5e-10). */
static inline double printed_half_unit(const char *s) {
    const char *e = strpbrk(s, "eE");
    int exp10 = e ? atoi(e + 1) : 0;
    size_t mant_len = e ? (size_t)(e - s) : strlen(s);
    const char *dot = memchr(s, '.', mant_len);
    int decimals = dot ? (int)(mant_len - (size_t)(dot + 1 - s)) : 0;
    return 0.5 * pow(10.0, (double)(exp10 - decimals)) * (1.0 + 1e-9);
}

/* got agrees with the printed value s to within half a unit of its last digit. */
static inline void expect_printed(const char *what, double got, const char *s) {
    double want = strtod(s, NULL), tol = printed_half_unit(s);
    if (!(fabs(got - want) <= tol))
        fail_note("%s: got %.10g, printed %s (tol %.2g)", what, got, s, tol);
}

#endif
