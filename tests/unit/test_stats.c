/* test_stats.c — Check suite for engine/stats (stats.h) against independent oracles.
 *
 * Oracles (DESIGN §5), read from the directory in $QC_ORACLES (default "tests/oracles"):
 *   nist_strd/NAME.dat      NIST StRD univariate; certified mean and sd parsed from the headers
 *   nist_handbook/ZARR13.DAT NIST e-Handbook: 95 % CI of the mean (9.258242, 9.264679)
 *   published/r_binom_confint_via_statsmodels.csv  R binom::binom.confint (exact, wilson,
 *                           prop.test = Wilson with continuity correction)
 *   r/quantile_expected.csv, r/ttest_expected.csv, r/padjust_expected.csv  written by the R
 *                           scripts beside them (R's quantile, t.test, p.adjust)
 * One TCase per area. Each check collects every mismatch (printed to stderr) before failing,
 * so one run shows them all. main() returns 1 when any test failed, else 0. */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle_check.h"
#include "qcompare/stats.h"

/* ---------- helpers ---------- */

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    ck_assert(d != NULL);
    return memcpy(d, s, n);
}

static double parse_num(const char *s) {
    if (strcmp(s, "NA") == 0) return NAN;
    char *end;
    double v = strtod(s, &end);
    ck_assert_msg(end != s && *end == '\0', "bad number '%s' in oracle", s);
    return v;
}

/* A small CSV table (no quoting: the oracle files have none). Lines starting with '#' are
 * comments; the first other line is the header. */
#define CSV_MAX_COLS 20
typedef struct {
    size_t nrow, ncol;
    char *names[CSV_MAX_COLS];
    char **cells; /* nrow × ncol */
} csv_table;

static size_t split_fields(char *line, char **fields) {
    size_t n = 0;
    char *s = line;
    for (;;) {
        ck_assert_msg(n < CSV_MAX_COLS, "too many CSV columns");
        fields[n++] = s;
        char *c = strchr(s, ',');
        if (!c) break;
        *c = '\0';
        s = c + 1;
    }
    return n;
}

static csv_table csv_load(const char *rel) {
    csv_table t = {0};
    FILE *f = open_oracle(rel);
    char line[4096], *fields[CSV_MAX_COLS];
    size_t cap = 0;
    while (read_line(f, line, sizeof line)) {
        if (line[0] == '#' || line[0] == '\0') continue;
        size_t nf = split_fields(line, fields);
        if (t.ncol == 0) {
            t.ncol = nf;
            for (size_t j = 0; j < nf; j++) t.names[j] = xstrdup(fields[j]);
            continue;
        }
        ck_assert_msg(nf == t.ncol, "%s: row %zu has %zu fields, header %zu", rel, t.nrow + 1,
                      nf, t.ncol);
        if (t.nrow == cap) {
            cap = cap ? 2 * cap : 64;
            t.cells = realloc(t.cells, cap * t.ncol * sizeof *t.cells);
            ck_assert(t.cells != NULL);
        }
        for (size_t j = 0; j < nf; j++) t.cells[t.nrow * t.ncol + j] = xstrdup(fields[j]);
        t.nrow++;
    }
    fclose(f);
    ck_assert_msg(t.nrow > 0, "%s: no rows", rel);
    return t;
}

static const char *cell(const csv_table *t, size_t row, const char *col) {
    for (size_t j = 0; j < t->ncol; j++)
        if (strcmp(t->names[j], col) == 0) return t->cells[row * t->ncol + j];
    ck_abort_msg("no column %s", col);
    return NULL;
}

static double cellnum(const csv_table *t, size_t row, const char *col) {
    return parse_num(cell(t, row, col));
}

static void csv_free(csv_table *t) {
    for (size_t i = 0; i < t->nrow * t->ncol; i++) free(t->cells[i]);
    for (size_t j = 0; j < t->ncol; j++) free(t->names[j]);
    free(t->cells);
}

/* ---------- descriptive: NIST StRD univariate ---------- */

typedef struct {
    const char *name;
    double min_lre; /* DESIGN §8 floor, for mean and sd */
} nist_set;

static const nist_set nist_sets[] = {
    {"PiDigits", 13}, {"Lottery", 13}, {"Lew", 13},     {"Mavro", 13},  {"Michelso", 13},
    {"NumAcc1", 13},  {"NumAcc2", 13}, {"NumAcc3", 9},  {"NumAcc4", 8},
};

/* Reads a csvstats-format StRD file ("# " comment headers, CRLF): the certified mean and sd
 * from the header text, the declared count from "Data : lines a to b (= n)", and the data. */
static double *nist_load(const char *name, size_t *n, double *cmean, double *csd) {
    char rel[256], line[512];
    snprintf(rel, sizeof rel, "nist_strd/%s.dat", name);
    FILE *f = open_oracle(rel);
    size_t cap = 64, declared = 0;
    double *x = malloc(cap * sizeof *x);
    *n = 0;
    *cmean = *csd = NAN;
    while (read_line(f, line, sizeof line)) {
        if (line[0] == '#') {
            char *p;
            if ((p = strstr(line, "ybar:")) && strstr(line, "Sample Mean"))
                *cmean = strtod(p + 5, NULL);
            else if (strstr(line, "Sample Standard Deviation") && (p = strstr(line, " s:")))
                *csd = strtod(p + 3, NULL);
            else if (strstr(line, "Data") && strstr(line, "lines") && (p = strstr(line, "(=")))
                declared = strtoul(p + 2, NULL, 10);
            continue;
        }
        char *end;
        double v = strtod(line, &end);
        if (end == line) continue; /* blank */
        if (*n == cap) x = realloc(x, (cap *= 2) * sizeof *x);
        x[(*n)++] = v;
    }
    fclose(f);
    ck_assert_msg(!isnan(*cmean) && !isnan(*csd), "%s: certified values not found", name);
    ck_assert_msg(declared > 0 && *n == declared, "%s: read %zu values, header says %zu", name,
                  *n, declared);
    return x;
}

START_TEST(test_nist_strd_univariate) {
    failures = 0;
    for (size_t k = 0; k < sizeof nist_sets / sizeof nist_sets[0]; k++) {
        const nist_set *s = &nist_sets[k];
        size_t n;
        double cmean, csd;
        double *x = nist_load(s->name, &n, &cmean, &csd);
        double mean = qc_stats_mean(x, 1, n);
        double sd = qc_stats_sd(x, 1, n, mean);
        double lm = lre(mean, cmean), ls = lre(sd, csd);
        printf("NIST StRD %-9s n=%5zu  LRE mean %5.2f  sd %5.2f  (floor %.0f)\n", s->name, n, lm,
               ls, s->min_lre);
        if (lm < s->min_lre) fail_note("%s mean LRE %.2f < %.0f", s->name, lm, s->min_lre);
        if (ls < s->min_lre) fail_note("%s sd LRE %.2f < %.0f", s->name, ls, s->min_lre);

        /* qc_stats_describe reports the same mean and sd. */
        double *work = malloc(n * sizeof *work);
        qc_describe d;
        ck_assert_int_eq(qc_stats_describe(x, 1, n, work, &d), QC_OK);
        ck_assert_uint_eq(d.n, n);
        if (d.mean != mean || d.sd != sd)
            fail_note("%s: describe mean/sd %.17g/%.17g differ from qc_stats_mean/sd", s->name,
                      d.mean, d.sd);
        free(work);
        free(x);
    }
    fflush(stdout);
    ck_assert_msg(failures == 0, "%d NIST StRD checks failed", failures);
}
END_TEST

/* ---------- descriptive: R quantile / median / mean / sd ---------- */

START_TEST(test_describe_vs_r) {
    failures = 0;
    csv_table t = csv_load("r/quantile_expected.csv");
    size_t r = 0, ncases = 0;
    while (r < t.nrow) {
        char casename[64];
        snprintf(casename, sizeof casename, "%s", cell(&t, r, "case"));
        double x[256], xs[512], sorted[256], work[256];
        size_t n = 0, first = r;
        for (; r < t.nrow && strcmp(cell(&t, r, "case"), casename) == 0; r++)
            if (strcmp(cell(&t, r, "what"), "x") == 0) {
                ck_assert(n < 256);
                x[n] = cellnum(&t, r, "value");
                xs[2 * n] = x[n];
                xs[2 * n + 1] = -1e300; /* interleaved garbage for the stride test */
                n++;
            }
        ncases++;
        qc_describe d, d2;
        ck_assert_int_eq(qc_stats_describe(x, 1, n, work, &d), QC_OK);
        memcpy(sorted, work, n * sizeof *sorted);
        ck_assert_int_eq(qc_stats_describe(xs, 2, n, work, &d2), QC_OK);
        ck_assert_uint_eq(d.n, n);
        for (size_t i = 1; i < n; i++) ck_assert(sorted[i - 1] <= sorted[i]);
        for (size_t i = first; i < r; i++) {
            const char *what = cell(&t, i, "what");
            double want = cellnum(&t, i, "value");
            char label[128];
            snprintf(label, sizeof label, "%s %s %s", casename, what, cell(&t, i, "p"));
            /* Quantiles follow R's expression exactly: allow 2 ulp. Mean and sd: GSL's running
             * mean vs R's long-double two-pass, a few ulp. */
            if (strcmp(what, "quantile") == 0) {
                double p = cellnum(&t, i, "p");
                expect_close(label, qc_stats_quantile_sorted(sorted, 1, n, p), want,
                             2 * DBL_EPSILON, 0);
            } else if (strcmp(what, "median") == 0) {
                expect_close(label, d.median, want, 2 * DBL_EPSILON, 0);
                expect_close(label, d2.median, want, 2 * DBL_EPSILON, 0);
            } else if (strcmp(what, "mean") == 0) {
                expect_close(label, d.mean, want, 1e-14, 0);
                expect_close(label, d2.mean, want, 1e-14, 0);
            } else if (strcmp(what, "sd") == 0) {
                expect_close(label, d.sd, want, 1e-14, 0);
                expect_close(label, d2.sd, want, 1e-14, 0);
                expect_close(label, d.var, want * want, 1e-14, 0);
                if (!isnan(want)) expect_close(label, d.cv, want / fabs(d.mean), 1e-15, 0);
            } else if (strcmp(what, "min") == 0) {
                expect_close(label, d.min, want, 0, 0);
                expect_close(label, d2.min, want, 0, 0);
            } else if (strcmp(what, "max") == 0) {
                expect_close(label, d.max, want, 0, 0);
                expect_close(label, d2.max, want, 0, 0);
            }
        }
        /* Quartiles in the struct are the type-7 quantiles at 0.25 and 0.75. */
        expect_close("q1", d.q1, qc_stats_quantile_sorted(sorted, 1, n, 0.25), 0, 0);
        expect_close("q3", d.q3, qc_stats_quantile_sorted(sorted, 1, n, 0.75), 0, 0);
        /* sd equals qc_stats_sd bit for bit. */
        if (n >= 2 && d.sd != qc_stats_sd(x, 1, n, d.mean))
            fail_note("%s: describe sd differs from qc_stats_sd", casename);
    }
    ck_assert_uint_eq(ncases, 8);
    csv_free(&t);
    ck_assert_msg(failures == 0, "%d describe/quantile checks failed", failures);
}
END_TEST

START_TEST(test_describe_edges) {
    double work[4] = {0};
    qc_describe d;
    /* n == 0: QC_EDOM, everything NaN. */
    ck_assert_int_eq(qc_stats_describe(work, 1, 0, work, &d), QC_EDOM);
    ck_assert(d.n == 0 && isnan(d.mean) && isnan(d.median) && isnan(d.min));
    /* n == 1: OK, sd/var/cv NaN, location statistics the value. */
    double one[] = {-2.5};
    ck_assert_int_eq(qc_stats_describe(one, 1, 1, work, &d), QC_OK);
    ck_assert(d.mean == -2.5 && d.median == -2.5 && d.q1 == -2.5 && d.max == -2.5);
    ck_assert(isnan(d.sd) && isnan(d.var) && isnan(d.cv));
    /* A NaN in the data: QC_EDOM. */
    double withnan[] = {1.0, NAN, 3.0};
    ck_assert_int_eq(qc_stats_describe(withnan, 1, 3, work, &d), QC_EDOM);
    ck_assert(isnan(d.mean) && isnan(d.median));
    /* cv: NaN when mean == 0; uses |mean|. sd of {-1, 1} is √2. */
    double sym[] = {-1.0, 1.0};
    ck_assert_int_eq(qc_stats_describe(sym, 1, 2, work, &d), QC_OK);
    ck_assert(d.mean == 0.0 && isnan(d.cv));
    ck_assert_double_eq_tol(d.sd, sqrt(2.0), 1e-15);
    double neg[] = {-3.0, -1.0};
    ck_assert_int_eq(qc_stats_describe(neg, 1, 2, work, &d), QC_OK);
    ck_assert_double_eq_tol(d.cv, sqrt(2.0) / 2.0, 1e-15);
    /* Scalar functions. */
    ck_assert(isnan(qc_stats_mean(one, 1, 0)));
    ck_assert(isnan(qc_stats_sd(one, 1, 1, -2.5)));
    ck_assert(isnan(qc_stats_sd(sym, 1, 2, NAN)));
    double s3[] = {1.0, 2.0, 4.0};
    ck_assert(isnan(qc_stats_quantile_sorted(s3, 1, 0, 0.5)));
    ck_assert(isnan(qc_stats_quantile_sorted(s3, 1, 3, -0.01)));
    ck_assert(isnan(qc_stats_quantile_sorted(s3, 1, 3, 1.01)));
    ck_assert(isnan(qc_stats_quantile_sorted(s3, 1, 3, NAN)));
    /* Type 7 by hand: h = 1 + 2·0.75 = 2.5 → 2 + 0.5·(4 − 2) = 3. */
    ck_assert(qc_stats_quantile_sorted(s3, 1, 3, 0.75) == 3.0);
    /* Ties and infinities come back exactly (R's x[hi] != x[lo] guard). */
    double inf2[] = {INFINITY, INFINITY};
    ck_assert(qc_stats_quantile_sorted(inf2, 1, 2, 0.3) == INFINITY);
    ck_assert(qc_stats_quantile_sorted(inf2, 1, 2, 1.0) == INFINITY);
    double fin_inf[] = {5.0, INFINITY};
    ck_assert(qc_stats_quantile_sorted(fin_inf, 1, 2, 1.0) == INFINITY);
    ck_assert(qc_stats_quantile_sorted(fin_inf, 1, 2, 0.0) == 5.0);
    /* (1 − 0.1)·a + 0.1·a rounds to a − 1 ulp for this a: the guard must return a itself. */
    double tie[] = {97.539, 97.539};
    ck_assert(qc_stats_quantile_sorted(tie, 1, 2, 0.1) == 97.539);
}
END_TEST

/* ---------- intervals ---------- */

START_TEST(test_mean_ci_zarr13) {
    FILE *f = open_oracle("nist_handbook/ZARR13.DAT");
    char line[256];
    double x[400], work[400];
    size_t n = 0;
    for (int skip = 0; skip < 25; skip++) ck_assert(read_line(f, line, sizeof line));
    while (read_line(f, line, sizeof line)) {
        char *end;
        double v = strtod(line, &end);
        if (end == line) continue;
        ck_assert(n < 400);
        x[n++] = v;
    }
    fclose(f);
    ck_assert_uint_eq(n, 195);
    qc_describe d;
    ck_assert_int_eq(qc_stats_describe(x, 1, n, work, &d), QC_OK);
    double lo, hi;
    ck_assert_int_eq(qc_stats_mean_ci(d.mean, d.sd, n, 0.95, &lo, &hi), QC_OK);
    /* NIST prints 7 decimals: agree within half a unit of the last printed digit. */
    ck_assert_msg(fabs(lo - 9.258242) <= 0.5e-6, "ZARR13 lo %.9f", lo);
    ck_assert_msg(fabs(hi - 9.264679) <= 0.5e-6, "ZARR13 hi %.9f", hi);
}
END_TEST

START_TEST(test_mean_ci_vs_r) {
    failures = 0;
    csv_table t = csv_load("r/ttest_expected.csv");
    size_t checked = 0;
    for (size_t r = 0; r < t.nrow; r++) {
        if (strncmp(cell(&t, r, "method"), "one_", 4) != 0) continue;
        double lo, hi;
        size_t n = (size_t)cellnum(&t, r, "n1");
        qc_status st = qc_stats_mean_ci(cellnum(&t, r, "mean1"), cellnum(&t, r, "sd1"), n,
                                        cellnum(&t, r, "conf"), &lo, &hi);
        ck_assert_int_eq(st, QC_OK);
        char label[128];
        snprintf(label, sizeof label, "%s %s conf %s", cell(&t, r, "dataset"),
                 cell(&t, r, "method"), cell(&t, r, "conf"));
        expect_close(label, lo, cellnum(&t, r, "ci_lo"), 1e-12, 0);
        expect_close(label, hi, cellnum(&t, r, "ci_hi"), 1e-12, 0);
        checked++;
    }
    ck_assert_uint_ge(checked, 16);
    csv_free(&t);
    ck_assert_msg(failures == 0, "%d mean CI checks failed", failures);

    double lo, hi;
    ck_assert_int_eq(qc_stats_mean_ci(1.0, 0.5, 1, 0.95, &lo, &hi), QC_EDOM);
    ck_assert(isnan(lo) && isnan(hi));
    ck_assert_int_eq(qc_stats_mean_ci(1.0, 0.5, 5, 1.0, &lo, &hi), QC_EDOM);
    ck_assert_int_eq(qc_stats_mean_ci(1.0, 0.5, 5, 0.0, &lo, &hi), QC_EDOM);
    ck_assert_int_eq(qc_stats_mean_ci(1.0, -0.5, 5, 0.95, &lo, &hi), QC_EDOM);
    ck_assert_int_eq(qc_stats_mean_ci(NAN, 0.5, 5, 0.95, &lo, &hi), QC_EDOM);
    ck_assert_int_eq(qc_stats_mean_ci(1.0, 0.0, 5, 0.95, &lo, &hi), QC_OK);
    ck_assert(lo == 1.0 && hi == 1.0);
}
END_TEST

/* Tolerance for a value printed in the csv: the larger of rtol relative and half a unit in the
 * last printed decimal (some rows of the statsmodels file carry only 7 significant digits). */
static double printed_tol(const char *s, double v, double rtol) {
    const char *dot = strchr(s, '.');
    size_t decimals = dot ? strlen(dot + 1) : 0;
    double half_unit = 0.5 * pow(10.0, -(double)decimals) * (1 + 1e-9);
    double rel = rtol * fabs(v);
    return rel > half_unit ? rel : half_unit;
}

START_TEST(test_prop_ci_vs_r) {
    failures = 0;
    csv_table t = csv_load("published/r_binom_confint_via_statsmodels.csv");
    const double rtol = 1e-12;
    size_t checked = 0;
    double worst[3] = {0, 0, 0};
    const char *methods[3] = {"exact", "wilson", "prop.test"};
    for (size_t r = 0; r < t.nrow; r++) {
        const char *m = cell(&t, r, "method");
        int k = -1;
        for (int j = 0; j < 3; j++)
            if (strcmp(m, methods[j]) == 0) k = j;
        if (k < 0) continue;
        size_t x = (size_t)cellnum(&t, r, "x"), n = (size_t)cellnum(&t, r, "n");
        double lo, hi;
        qc_status st = (k == 0) ? qc_stats_prop_ci_clopper_pearson(x, n, 0.95, &lo, &hi)
                                : qc_stats_prop_ci_wilson(x, n, 0.95, k == 2, &lo, &hi);
        ck_assert_int_eq(st, QC_OK);
        const char *names[2] = {"lower", "upper"};
        double got[2] = {lo, hi};
        for (int b = 0; b < 2; b++) {
            const char *s = cell(&t, r, names[b]);
            double want = parse_num(s);
            char label[128];
            snprintf(label, sizeof label, "%s %zu/%zu %s", m, x, n, names[b]);
            if (want == 0.0 || want == 1.0) { /* the exact edges 0/n and n/n */
                if (got[b] != want)
                    fail_note("%s: got %.17g, want exactly %g", label, got[b], want);
                continue;
            }
            double tol = printed_tol(s, want, rtol);
            if (!(fabs(got[b] - want) <= tol))
                fail_note("%s: got %.17g, want %s (tol %.3g)", label, got[b], s, tol);
            if (strlen(s) >= 16) { /* full-precision rows: record the relative error */
                double e = fabs(got[b] - want) / want;
                if (e > worst[k]) worst[k] = e;
            }
        }
        checked++;
    }
    printf("binom CI max rel err on full-precision rows: exact %.2g, wilson %.2g, "
           "prop.test %.2g\n", worst[0], worst[1], worst[2]);
    fflush(stdout);
    ck_assert_uint_eq(checked, 24); /* 8 (x, n) cases × 3 methods */
    csv_free(&t);
    ck_assert_msg(failures == 0, "%d proportion CI checks failed", failures);
}
END_TEST

START_TEST(test_prop_ci_edges) {
    double lo, hi, lo0, hi0;
    /* R 4.2.2: prop.test(10, 20)$conf.int, printed with %.17g. R's YATES = min(0.5, |x − n/2|)
     * is 0 here, so the corrected interval is the plain Wilson one. */
    ck_assert_int_eq(qc_stats_prop_ci_wilson(10, 20, 0.95, 1, &lo, &hi), QC_OK);
    ck_assert_double_eq_tol(lo, 0.29929800819821240, 1e-14);
    ck_assert_double_eq_tol(hi, 0.70070199180178772, 1e-14);
    ck_assert_int_eq(qc_stats_prop_ci_wilson(10, 20, 0.95, 0, &lo0, &hi0), QC_OK);
    ck_assert_double_eq_tol(lo, lo0, 1e-15);
    /* R 4.2.2: prop.test(1, 30)$conf.int (the csv holds it to 7 digits only). */
    ck_assert_int_eq(qc_stats_prop_ci_wilson(1, 30, 0.95, 1, &lo, &hi), QC_OK);
    ck_assert_double_eq_tol(lo, 0.0017424670523848709, 1e-15);
    ck_assert_double_eq_tol(hi, 0.1905302163478205801, 1e-14);
    /* Clopper–Pearson at n = 1 in closed form: the Beta(1, 1) quantile is the identity, so
     * 0/1 → [0, 0.975] and 1/1 → [0.025, 1]. */
    ck_assert_int_eq(qc_stats_prop_ci_clopper_pearson(0, 1, 0.95, &lo, &hi), QC_OK);
    ck_assert(lo == 0.0);
    ck_assert_double_eq_tol(hi, 0.975, 1e-14);
    ck_assert_int_eq(qc_stats_prop_ci_clopper_pearson(1, 1, 0.95, &lo, &hi), QC_OK);
    ck_assert(hi == 1.0);
    ck_assert_double_eq_tol(lo, 0.025, 1e-14);
    /* Undefined inputs. */
    ck_assert_int_eq(qc_stats_prop_ci_clopper_pearson(0, 0, 0.95, &lo, &hi), QC_EDOM);
    ck_assert(isnan(lo) && isnan(hi));
    ck_assert_int_eq(qc_stats_prop_ci_clopper_pearson(5, 4, 0.95, &lo, &hi), QC_EDOM);
    ck_assert_int_eq(qc_stats_prop_ci_wilson(0, 0, 0.95, 0, &lo, &hi), QC_EDOM);
    ck_assert_int_eq(qc_stats_prop_ci_wilson(3, 2, 0.95, 1, &lo, &hi), QC_EDOM);
    ck_assert_int_eq(qc_stats_prop_ci_wilson(1, 2, 1.5, 1, &lo, &hi), QC_EDOM);
    ck_assert_int_eq(qc_stats_prop_ci_clopper_pearson(1, 2, 0.0, &lo, &hi), QC_EDOM);
}
END_TEST

/* ---------- two-sample t tests ---------- */

START_TEST(test_ttest_vs_r) {
    failures = 0;
    csv_table t = csv_load("r/ttest_expected.csv");
    size_t checked = 0;
    for (size_t r = 0; r < t.nrow; r++) {
        const char *m = cell(&t, r, "method");
        int welch = strcmp(m, "welch") == 0;
        if (!welch && strcmp(m, "student") != 0) continue;
        qc_ttest o;
        size_t n1 = (size_t)cellnum(&t, r, "n1"), n2 = (size_t)cellnum(&t, r, "n2");
        double m1 = cellnum(&t, r, "mean1"), s1 = cellnum(&t, r, "sd1");
        double m2 = cellnum(&t, r, "mean2"), s2 = cellnum(&t, r, "sd2");
        double conf = cellnum(&t, r, "conf");
        qc_status st = welch ? qc_stats_ttest_welch(n1, m1, s1, n2, m2, s2, conf, &o)
                             : qc_stats_ttest_student(n1, m1, s1, n2, m2, s2, conf, &o);
        ck_assert_int_eq(st, QC_OK);
        char label[160];
        snprintf(label, sizeof label, "%s %s conf %s", cell(&t, r, "dataset"), m,
                 cell(&t, r, "conf"));
        char l2[200];
#define CHK(field, col, rtol)                                          \
    snprintf(l2, sizeof l2, "%s %s", label, col);                      \
    expect_close(l2, o.field, cellnum(&t, r, col), rtol, 0)
        CHK(difference, "difference", 1e-12);
        CHK(t, "t", 1e-12);
        CHK(df, "df", 1e-12);
        CHK(p_value, "p", 1e-10);
        CHK(ci_lo, "ci_lo", 1e-12);
        CHK(ci_hi, "ci_hi", 1e-12);
#undef CHK
        expect_close("se = difference / t", o.se, o.difference / cellnum(&t, r, "t"), 1e-12, 0);

        /* One-sided p from R's two-sided p: P(T <= t) = p/2 for t < 0 (t >= 0: P(T >= t)),
         * and the other tail is 1 − p/2. */
        double p = cellnum(&t, r, "p"), tt = cellnum(&t, r, "t"), df = cellnum(&t, r, "df");
        int up = tt >= 0;
        snprintf(l2, sizeof l2, "%s one-sided near tail", label);
        expect_close(l2, qc_stats_t_p_one_sided(tt, df, up), p / 2, 1e-10, 0);
        snprintf(l2, sizeof l2, "%s one-sided far tail", label);
        expect_close(l2, qc_stats_t_p_one_sided(tt, df, !up), 1 - p / 2, 1e-12, 0);
        checked++;
    }
    ck_assert_uint_eq(checked, 16);
    csv_free(&t);
    ck_assert_msg(failures == 0, "%d t-test checks failed", failures);
}
END_TEST

START_TEST(test_ttest_edges) {
    qc_ttest o;
    /* n < 2, both sds zero, negative sd, bad conf, non-finite mean: QC_EDOM, all NaN. */
    ck_assert_int_eq(qc_stats_ttest_welch(1, 1.0, 0.5, 5, 2.0, 0.5, 0.95, &o), QC_EDOM);
    ck_assert(isnan(o.difference) && isnan(o.t) && isnan(o.p_value) && isnan(o.ci_lo));
    ck_assert_int_eq(qc_stats_ttest_student(5, 1.0, 0.5, 1, 2.0, 0.5, 0.95, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_ttest_welch(5, 1.0, 0.0, 5, 2.0, 0.0, 0.95, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_ttest_student(5, 1.0, 0.0, 5, 2.0, 0.0, 0.95, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_ttest_welch(5, 1.0, -0.1, 5, 2.0, 0.5, 0.95, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_ttest_welch(5, 1.0, 0.5, 5, 2.0, 0.5, 1.0, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_ttest_welch(5, INFINITY, 0.5, 5, 2.0, 0.5, 0.95, &o), QC_EDOM);
    /* R: "data are essentially constant" when se < 10·eps·max|mean|. */
    ck_assert_int_eq(qc_stats_ttest_welch(5, 1e6, 1e-12, 5, 1e6, 1e-12, 0.95, &o), QC_EDOM);
    /* One sd zero is fine for Welch: df = n2 − 1 exactly. */
    ck_assert_int_eq(qc_stats_ttest_welch(5, 1.0, 0.0, 8, 2.0, 0.5, 0.95, &o), QC_OK);
    ck_assert_double_eq_tol(o.df, 7.0, 1e-12);
    /* Equal n and sd: Welch and Student coincide (df = 2n − 2). */
    qc_ttest s;
    ck_assert_int_eq(qc_stats_ttest_welch(6, 3.0, 1.2, 6, 2.0, 1.2, 0.9, &o), QC_OK);
    ck_assert_int_eq(qc_stats_ttest_student(6, 3.0, 1.2, 6, 2.0, 1.2, 0.9, &s), QC_OK);
    ck_assert_double_eq_tol(o.df, 10.0, 1e-12);
    ck_assert_double_eq_tol(o.t, s.t, 1e-14);
    ck_assert_double_eq_tol(o.p_value, s.p_value, 1e-14);
    /* One-sided p: symmetric at t = 0; NaN for bad df or t. */
    ck_assert_double_eq_tol(qc_stats_t_p_one_sided(0.0, 7.5, 1), 0.5, 1e-15);
    ck_assert_double_eq_tol(qc_stats_t_p_one_sided(0.0, 7.5, 0), 0.5, 1e-15);
    /* t with 1 df is Cauchy: P(T >= 1) = 1/4. */
    ck_assert_double_eq_tol(qc_stats_t_p_one_sided(1.0, 1.0, 1), 0.25, 1e-15);
    ck_assert_double_eq_tol(qc_stats_t_p_one_sided(-1.0, 1.0, 0), 0.25, 1e-15);
    ck_assert(isnan(qc_stats_t_p_one_sided(1.0, 0.0, 1)));
    ck_assert(isnan(qc_stats_t_p_one_sided(NAN, 3.0, 1)));
}
END_TEST

/* ---------- multiple testing ---------- */

START_TEST(test_padjust_vs_r) {
    failures = 0;
    csv_table t = csv_load("r/padjust_expected.csv");
    size_t r = 0, ncases = 0;
    while (r < t.nrow) {
        char casename[64];
        snprintf(casename, sizeof casename, "%s", cell(&t, r, "case"));
        double p[64], holm[64], bh[64], out[64], none[64];
        size_t work[64], n = 0;
        for (; r < t.nrow && strcmp(cell(&t, r, "case"), casename) == 0; r++) {
            ck_assert(n < 64);
            p[n] = cellnum(&t, r, "p");
            holm[n] = cellnum(&t, r, "holm");
            bh[n] = cellnum(&t, r, "BH");
            n++;
        }
        ncases++;
        const qc_padjust_method meth[3] = {QC_PADJ_HOLM, QC_PADJ_BH, QC_PADJ_NONE};
        const double *want[3] = {holm, bh, p};
        const char *mname[3] = {"holm", "BH", "none"};
        for (int k = 0; k < 3; k++) {
            ck_assert_int_eq(qc_stats_p_adjust(p, n, meth[k], k == 2 ? none : out, work), QC_OK);
            for (size_t i = 0; i < n; i++) {
                char label[128];
                snprintf(label, sizeof label, "%s %s [%zu]", casename, mname[k], i + 1);
                /* Same products, same order as R: a couple of ulp at most. */
                expect_close(label, k == 2 ? none[i] : out[i], want[k][i], 4 * DBL_EPSILON, 0);
            }
        }
    }
    ck_assert_uint_eq(ncases, 8);
    csv_free(&t);

    double p1[1] = {0.5}, o1[1] = {-1};
    size_t w1[1];
    ck_assert_int_eq(qc_stats_p_adjust(p1, 0, QC_PADJ_HOLM, o1, w1), QC_OK);
    ck_assert(o1[0] == -1); /* n == 0 writes nothing */
    ck_assert_int_eq(qc_stats_p_adjust(p1, 1, (qc_padjust_method)42, o1, w1), QC_EUSAGE);
    ck_assert_msg(failures == 0, "%d p.adjust checks failed", failures);
}
END_TEST

/* ---------- suite ---------- */

static Suite *stats_suite(void) {
    Suite *s = suite_create("stats");
    TCase *tc;

    tc = tcase_create("describe");
    tcase_add_test(tc, test_nist_strd_univariate);
    tcase_add_test(tc, test_describe_vs_r);
    tcase_add_test(tc, test_describe_edges);
    suite_add_tcase(s, tc);

    tc = tcase_create("interval");
    tcase_add_test(tc, test_mean_ci_zarr13);
    tcase_add_test(tc, test_mean_ci_vs_r);
    tcase_add_test(tc, test_prop_ci_vs_r);
    tcase_add_test(tc, test_prop_ci_edges);
    suite_add_tcase(s, tc);

    tc = tcase_create("ttest");
    tcase_add_test(tc, test_ttest_vs_r);
    tcase_add_test(tc, test_ttest_edges);
    suite_add_tcase(s, tc);

    tc = tcase_create("padjust");
    tcase_add_test(tc, test_padjust_vs_r);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    qc_stats_init();
    SRunner *sr = srunner_create(stats_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
