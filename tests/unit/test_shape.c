/* test_shape.c — Check suite for robust.c, normality.c and outliers.c (stats.h, SHAPE section)
 * against independent oracles, read from the directory in $QC_ORACLES (default tests/oracles):
 *   published/expected_values.json and the data beside it (copied from shared/reference):
 *       NAG g08ckc (A² 0.165956, adjusted 0.171296, p 0.931155), SAS/QC CAPHST1 (A-Sq
 *       0.27840748), NAG g01ddc and scipy's x4 with R's 14-digit W and p, NIST Tietjen–Moore
 *       G = 2.4687, R's mad examples
 *   published/iso5725_5_creosote_algA.csv  ISO 5725-5 creosote means, printed x* = 20.412
 *   r/shape_expected.csv             R 4.2.2 (IQR, mad, nortest::ad.test, shapiro.test, Grubbs
 *       by outliers' formula, robust z, Algorithm A written out in R), by r/shape.R
 * Each check collects every mismatch (stderr) before failing. main() returns 1 on failure. */
#include <check.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sort.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle_check.h"
#include "qcompare/stats.h"

/* One column of numbers under a header line ('#' lines skipped); column col (0-based) of a
 * comma-separated file, keeping rows whose column key_col equals key (when key != NULL). */
static size_t read_column(const char *rel, int col, int key_col, const char *key, double *x,
                          size_t cap) {
    FILE *f = open_oracle(rel);
    char line[512];
    size_t n = 0;
    int header = 1;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0') continue;
        if (header) { header = 0; continue; }
        char *fld[8];
        int nf = 0;
        for (char *t = strtok(line, ","); t && nf < 8; t = strtok(NULL, ",")) fld[nf++] = t;
        ck_assert(col < nf && key_col < nf);
        if (key && strcmp(fld[key_col], key) != 0) continue;
        ck_assert(n < cap);
        x[n++] = strtod(fld[col], NULL);
    }
    fclose(f);
    ck_assert_msg(n > 0, "%s: no values", rel);
    return n;
}

/* r/shape_expected.csv: rows case,what,value. Loaded whole; a case is a run of rows. */
typedef struct { char cas[32], what[16]; double v; } rrow;
static rrow *rrows;
static size_t nrrows;

static void load_r(void) {
    if (rrows) return;
    FILE *f = open_oracle("r/shape_expected.csv");
    char line[256];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        char *a = strtok(line, ",\r\n"), *b = strtok(NULL, ",\r\n"), *c = strtok(NULL, ",\r\n");
        if (!a || !b || !c || strcmp(a, "case") == 0) continue;
        if (nrrows == cap) rrows = realloc(rrows, (cap = cap ? 2 * cap : 1024) * sizeof *rrows);
        ck_assert(rrows != NULL);
        snprintf(rrows[nrrows].cas, sizeof rrows->cas, "%s", a);
        snprintf(rrows[nrrows].what, sizeof rrows->what, "%s", b);
        rrows[nrrows++].v = strtod(c, NULL);
    }
    fclose(f);
    ck_assert(nrrows > 100);
}

/* Next case whose name starts with prefix, from *pos on: its x values (malloc'd) and the row
 * range [*first, *end). Returns 0 when there is none. */
static int next_case(const char *prefix, size_t *pos, double **x, size_t *n, size_t *first,
                     size_t *end) {
    load_r();
    size_t i = *pos;
    while (i < nrrows && strncmp(rrows[i].cas, prefix, strlen(prefix)) != 0) i++;
    if (i == nrrows) return 0;
    size_t j = i;
    while (j < nrrows && strcmp(rrows[j].cas, rrows[i].cas) == 0) j++;
    *x = malloc((j - i) * sizeof **x);
    *n = 0;
    for (size_t k = i; k < j; k++)
        if (strcmp(rrows[k].what, "x") == 0) (*x)[(*n)++] = rrows[k].v;
    *first = i;
    *end = *pos = j;
    return 1;
}

/* Compares got with the value of row `what` of the case in [first, end). */
static void expect_r(size_t first, size_t end, const char *what, double got, double rtol,
                     double atol) {
    char label[64];
    snprintf(label, sizeof label, "%s %s", rrows[first].cas, what);
    size_t k = first;
    while (k < end && strcmp(rrows[k].what, what) != 0) k++;
    ck_assert_msg(k < end, "%s: no row %s", rrows[first].cas, what);
    expect_close(label, got, rrows[k].v, rtol, atol);
}

/* published/expected_values.json["a"]["b"]… as a number (path elements separated by '|'). */
static double pub(const char *path) {
    static cJSON *root;
    static char buf[1 << 16], tmp[256];
    if (!root) {
        FILE *f = open_oracle("published/expected_values.json");
        buf[fread(buf, 1, sizeof buf - 1, f)] = '\0';
        fclose(f);
        ck_assert_msg((root = cJSON_Parse(buf)) != NULL, "expected_values.json does not parse");
    }
    snprintf(tmp, sizeof tmp, "%s", path);
    const cJSON *j = root;
    for (char *k = strtok(tmp, "|"); k; k = strtok(NULL, "|"))
        j = cJSON_GetObjectItemCaseSensitive(j, k);
    ck_assert_msg(cJSON_IsNumber(j), "expected_values.json: no number at %s", path);
    return j->valuedouble;
}

/* ---------- robust: IQR, MAD, robust z, Algorithm A ---------- */

START_TEST(test_robust_vs_r) {
    failures = 0;
    size_t pos = 0, n, a, b, ncase = 0;
    double *x;
    while (next_case("rob_", &pos, &x, &n, &a, &b)) {
        double *work = malloc(n * sizeof *work), *z = malloc(n * sizeof *z), v;
        const char *c = rrows[a].cas;
        char what[64];
        ck_assert_int_eq(qc_stats_iqr(x, 1, n, work, &v), QC_OK);
        expect_r(a, b, "iqr", v, 1e-15, 1e-15);
        ck_assert_int_eq(qc_stats_mad(x, 1, n, QC_MAD_NORMAL, work, &v), QC_OK);
        expect_r(a, b, "mad", v, 1e-15, 1e-15);
        ck_assert_int_eq(qc_stats_mad(x, 1, n, 1.0, work, &v), QC_OK);
        expect_r(a, b, "mad1", v, 1e-15, 1e-15);
        ck_assert_int_eq(qc_stats_robust_z(x, 1, n, work, z), QC_OK);
        size_t k = 0;
        for (size_t r = a; r < b; r++) {
            if (strcmp(rrows[r].what, "rz") != 0 || !(k < n)) continue;
            snprintf(what, sizeof what, "%s robust z[%zu]", c, k);
            expect_close(what, z[k++], rrows[r].v, 1e-13, 1e-13);
        }
        ck_assert_uint_eq(k, n);
        free(x), free(work), free(z);
        ncase++;
    }
    ck_assert_uint_eq(ncase, 5);
    /* R's own examples, as printed in stats-Ex.Rout.save. */
    double x9[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, x6[6] = {1, 2, 3, 5, 7, 8}, w[9], v;
    qc_stats_mad(x9, 1, 9, QC_MAD_NORMAL, w, &v);
    expect_decimals("mad(1:9)", v, pub("r_stats_examples|mad|mad(1:9)"), 4);
    qc_stats_mad(x6, 1, 6, 1.0, w, &v);
    expect_decimals("mad(c(1,2,3,5,7,8), constant = 1)", v,
                   pub("r_stats_examples|mad|mad(c(1,2,3,5,7,8),constant=1)"), 1);
    ck_assert_msg(failures == 0, "%d robust checks failed", failures);
}
END_TEST

START_TEST(test_algorithm_a) {
    failures = 0;
    size_t pos = 0, n, a, b, ncase = 0;
    double *x;
    qc_algorithm_a r;
    while (next_case("a_", &pos, &x, &n, &a, &b)) {
        double *work = malloc(n * sizeof *work);
        ck_assert_int_eq(qc_stats_algorithm_a(x, 1, n, work, &r), QC_OK);
        expect_r(a, b, "a_mean", r.x_star, 1e-13, 0);
        expect_r(a, b, "a_sd", r.s_star, 1e-13, 0);
        /* The step at which |Δ| crosses 1e-12 may move by one with rounding. */
        expect_r(a, b, "a_iter", r.iterations, 0, 1);
        /* sorted input (as the pipeline passes it) takes the index-range path: the same bits */
        double *xs = malloc(n * sizeof *xs);
        memcpy(xs, x, n * sizeof *xs);
        gsl_sort(xs, 1, n);
        int sorted_in = 1;
        for (size_t i = 1; i < n; i++) sorted_in &= x[i - 1] <= x[i];
        qc_algorithm_a rs;
        ck_assert_int_eq(qc_stats_algorithm_a(xs, 1, n, work, &rs), QC_OK);
        if (!sorted_in)  /* the unsorted run sums in file order: only the sorted one is fixed */
            ck_assert(fabs(rs.x_star - r.x_star) <= 1e-13 * fabs(r.x_star));
        else
            ck_assert(rs.x_star == r.x_star && rs.s_star == r.s_star);
        expect_r(a, b, "a_mean", rs.x_star, 1e-13, 0);
        expect_r(a, b, "a_sd", rs.s_star, 1e-13, 0);
        free(xs);
        free(x), free(work);
        ncase++;
    }
    ck_assert_uint_eq(ncase, 5);
    /* Published: ISO 5725-5 creosote, x* = 20.412 to the printed digits. */
    double cre[16], want[1], w[16];
    size_t nc = read_column("published/iso5725_5_creosote_algA.csv", 1, 0, "x", cre, 16);
    read_column("published/iso5725_5_creosote_algA.csv", 1, 0, "robust_mean", want, 1);
    ck_assert(nc == 9 && qc_stats_algorithm_a(cre, 1, nc, w, &r) == QC_OK);
    expect_decimals("creosote x*", r.x_star, want[0], 3);
    /* By hand: nothing beyond x* ± 1.5 s* (median 3, s* = 1.483): x* = mean = 3 after one
     * step, s* = 1.134·sd(1:5) = 1.134·√2.5, confirmed by a second step. */
    double sym[5] = {5, 1, 4, 2, 3};
    ck_assert(qc_stats_algorithm_a(sym, 1, 5, w, &r) == QC_OK && r.x_star == 3.0);
    ck_assert_uint_eq(r.iterations, 2);
    /* sorted, with values winsorised at both ends and ties: the index-range path against the
     * comparison per value (the same values through stride 2, which is never the fast path) */
    double srt[12] = {-40, -40, 1, 2, 2, 3, 3, 3, 4, 5, 60, 60}, str[24];
    for (int i = 0; i < 12; i++) str[2 * i] = srt[i], str[2 * i + 1] = NAN;
    qc_algorithm_a r1, r2;
    ck_assert(qc_stats_algorithm_a(srt, 1, 12, w, &r1) == QC_OK &&
              qc_stats_algorithm_a(str, 2, 12, w, &r2) == QC_OK);
    ck_assert(r1.x_star == r2.x_star && r1.s_star == r2.s_star &&
              r1.iterations == r2.iterations && r1.iterations > 2);
    expect_close("symmetric s*", r.s_star, 1.134 * sqrt(2.5), 1e-15, 0);
    ck_assert_msg(failures == 0, "%d Algorithm A checks failed", failures);
}
END_TEST

START_TEST(test_robust_edges) {
    double w[8], z[8], v;
    qc_algorithm_a r;
    double x[4] = {1, 2, NAN, 4}, inf[3] = {1, INFINITY, 2}, same[5] = {2, 2, 2, 2, 7};
    ck_assert(qc_stats_iqr(x, 1, 0, w, &v) == QC_EDOM && isnan(v));
    ck_assert(qc_stats_iqr(x, 1, 4, w, &v) == QC_EDOM && qc_stats_iqr(inf, 1, 3, w, &v) == QC_EDOM);
    ck_assert(qc_stats_mad(x, 1, 4, 1.4826, w, &v) == QC_EDOM && isnan(v));
    ck_assert_int_eq(qc_stats_mad(same, 1, 5, NAN, w, &v), QC_EDOM);
    /* MAD 0 is valid, but gives no robust z or Algorithm A. */
    ck_assert(qc_stats_mad(same, 1, 5, QC_MAD_NORMAL, w, &v) == QC_OK && v == 0.0);
    ck_assert_int_eq(qc_stats_robust_z(same, 1, 5, w, z), QC_EDOM);
    for (int i = 0; i < 5; i++) ck_assert(isnan(z[i]));
    ck_assert(qc_stats_algorithm_a(same, 1, 5, w, &r) == QC_EDOM && r.iterations == 0);
    ck_assert(isnan(r.x_star) && isnan(r.s_star));
    ck_assert(qc_stats_algorithm_a(same, 1, 1, w, &r) == QC_EDOM &&
              qc_stats_algorithm_a(inf, 1, 3, w, &r) == QC_EDOM);
    /* stride: every other value of {1, 9, 2, 9, 3, 9} is 1, 2, 3 */
    double s[6] = {1, 9, 2, 9, 3, 9};
    ck_assert(qc_stats_mad(s, 2, 3, 1.0, w, &v) == QC_OK && v == 1.0);
}
END_TEST

/* ---------- normality ---------- */

START_TEST(test_anderson_darling) {
    failures = 0;
    double x[256], w[256];
    qc_anderson_darling ad;
    /* NAG g08ckc: A² 0.165956, adjusted 0.171296, p 0.931155 (6 decimals printed). */
    size_t n = read_column("published/nag_g08ckc_anderson_darling_normal.csv", 0, 0, NULL, x, 256);
    ck_assert_int_eq(qc_stats_anderson_darling(x, 1, n, w, &ad), QC_OK);
#define NAG(key) pub("nag_g08ckc_anderson_darling_normal.csv|" key)
    expect_decimals("NAG A2", ad.a2, NAG("A2"), 6);
    expect_decimals("NAG adjusted A2", ad.a2_adjusted, NAG("A2_adjusted_(1+0.75/n+2.25/n^2)"), 6);
    expect_decimals("NAG p", ad.p_value, NAG("upper_tail_p"), 6);
#undef NAG
    /* SAS/QC plating thickness: A-Sq 0.27840748 (8 decimals). */
    n = read_column("published/sas_capability_trans_plating_thickness.csv", 0, 0, NULL, x, 256);
    ck_assert_int_eq(qc_stats_anderson_darling(x, 1, n, w, &ad), QC_OK);
    expect_decimals("SAS plating A-Sq", ad.a2,
                   pub("sas_capability_trans_plating_thickness.csv|goodness_of_fit_normal|"
                       "Anderson-Darling A-Sq"), 8);
    /* R nortest::ad.test, every branch of the p formula. */
    size_t pos = 0, a, b, ncase = 0;
    double *v;
    while (next_case("ad_", &pos, &v, &n, &a, &b)) {
        double *wk = malloc(n * sizeof *wk);
        ck_assert_int_eq(qc_stats_anderson_darling(v, 1, n, wk, &ad), QC_OK);
        /* Natively within 5e-14; 1e-12 leaves room for the mean's long-double accumulator
         * (GSL), which valgrind runs in double precision (3e-13 then on the plating data). */
        expect_r(a, b, "ad_A", ad.a2, 1e-12, 0);
        expect_r(a, b, "ad_AA", ad.a2_adjusted, 1e-12, 0);
        expect_r(a, b, "ad_p", ad.p_value, 1e-12, 0);
        free(v), free(wk);
        ncase++;
    }
    ck_assert_msg(ncase == 7 && failures == 0, "%d Anderson–Darling checks failed", failures);
    /* ties (a tied value's tail is reused): A² against the formula evaluated value by value */
    double t[40];
    for (int i = 0; i < 40; i++) t[i] = round(10.0 * sin(1.0 + i)) / 2.0;  /* many ties */
    gsl_sort(t, 1, 40);
    ck_assert_int_eq(qc_stats_anderson_darling(t, 1, 40, w, &ad), QC_OK);
    double mean = qc_stats_mean(t, 1, 40), sd = qc_stats_sd(t, 1, 40, mean), sum = 0;
    for (int i = 0; i < 40; i++) {
        double zi = (t[i] - mean) / sd, zj = (t[39 - i] - mean) / sd;
        sum += (2.0 * i + 1) * (gsl_sf_log_erfc(-zi / M_SQRT2) - M_LN2 +
                                gsl_sf_log_erfc(zj / M_SQRT2) - M_LN2);
    }
    expect_close("A² with ties", ad.a2, -40.0 - sum / 40.0, 1e-13, 0);
    ck_assert_msg(failures == 0, "Anderson–Darling with ties failed");
}
END_TEST

START_TEST(test_shapiro_wilk) {
    failures = 0;
    double x[64], w[64], W, p;
    /* NAG g01ddc samples with R's 14-digit W and p (scipy's tests), and NAG's 4 digits. */
    for (int s = 1; s <= 2; s++) {
        char key[16], k[160];
        snprintf(key, sizeof key, "%d", s);
        size_t n = read_column("published/nag_g01ddc_shapiro_wilk.csv", 1, 0, key, x, 64);
        ck_assert(n == 20 && qc_stats_shapiro_wilk(x, 1, n, w, &W, &p) == QC_OK);
#define PUBF(fmt) (snprintf(k, sizeof k, "nag_g01ddc_shapiro_wilk.csv|" fmt, s), pub(k))
#define HP "higher_precision_from_R_via_scipy_tests|"
        expect_close("NAG sample W (R 14 digits)", W, PUBF(HP "sample_%d|W"), 2e-14, 0);
        expect_close("NAG sample p (R 14 digits)", p, PUBF(HP "sample_%d|p"), 2e-13, 0);
        expect_decimals("NAG W", W, PUBF("sample_%d|W"), 4);
        expect_decimals("NAG p", p, PUBF("sample_%d|p"), 4);
#undef HP
#undef PUBF
    }
    size_t n = read_column("published/scipy_shapiro_x4.csv", 0, 0, NULL, x, 64);
    ck_assert_int_eq(qc_stats_shapiro_wilk(x, 1, n, w, &W, &p), QC_OK);
    expect_close("scipy x4 W", W, pub("scipy_shapiro_x4.csv|W"), 2e-14, 0);
    expect_close("scipy x4 p", p, pub("scipy_shapiro_x4.csv|p"), 2e-13, 0);
    /* R shapiro.test: n = 3 (exact p), 4, 5, 6, 11, 12 (both p branches), W ≈ 1, n = 5000. */
    size_t pos = 0, a, b, ncase = 0;
    double *v;
    while (next_case("sw_", &pos, &v, &n, &a, &b)) {
        double *wk = malloc(n * sizeof *wk);
        ck_assert_int_eq(qc_stats_shapiro_wilk(v, 1, n, wk, &W, &p), QC_OK);
        /* the weights for n are remembered after the first call: the second gives the same */
        double W2, p2;
        ck_assert_int_eq(qc_stats_shapiro_wilk(v, 1, n, wk, &W2, &p2), QC_OK);
        ck_assert(W2 == W && p2 == p);
        expect_r(a, b, "sw_W", W, 1e-14, 0);
        /* atol: at n = 3, p = (6/π)(asin √W − π/3) cancels near W = 3/4, and R's swilk.c
         * uses 14-digit constants for 6/π and π/3 (we use full precision): sw_n3b differs by
         * 4e-15 absolute (3e-11 relative) for that reason alone. */
        expect_r(a, b, "sw_p", p, 1e-13, 1e-14);
        free(v), free(wk);
        ncase++;
    }
    ck_assert_msg(ncase == 12 && failures == 0, "%d Shapiro–Wilk checks failed", failures);
}
END_TEST

START_TEST(test_normality_edges) {
    double *big = malloc(5001 * sizeof *big), *w = malloc(5001 * sizeof *w), W, p;
    qc_anderson_darling ad;
    for (int i = 0; i < 5001; i++) big[i] = sin(i * 0.7) + i * 1e-4;
    ck_assert(qc_stats_shapiro_wilk(big, 1, 5001, w, &W, &p) == QC_EDOM && isnan(W) && isnan(p));
    ck_assert(qc_stats_shapiro_wilk(big, 1, 5000, w, &W, &p) == QC_OK &&
              qc_stats_shapiro_wilk(big, 1, 2, w, &W, &p) == QC_EDOM);   /* n < 3 */
    ck_assert_int_eq(qc_stats_anderson_darling(big, 1, 7, w, &ad), QC_EDOM);    /* n < 8 */
    ck_assert(isnan(ad.a2) && isnan(ad.a2_adjusted) && isnan(ad.p_value));
    ck_assert_int_eq(qc_stats_anderson_darling(big, 1, 8, w, &ad), QC_OK);
    double same[10] = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
    ck_assert(qc_stats_shapiro_wilk(same, 1, 10, w, &W, &p) == QC_EDOM &&
              qc_stats_anderson_darling(same, 1, 10, w, &ad) == QC_EDOM);
    big[4] = NAN;
    ck_assert(qc_stats_shapiro_wilk(big, 1, 10, w, &W, &p) == QC_EDOM &&
              qc_stats_anderson_darling(big, 1, 10, w, &ad) == QC_EDOM);
    big[4] = -INFINITY;
    ck_assert(qc_stats_shapiro_wilk(big, 1, 10, w, &W, &p) == QC_EDOM &&
              qc_stats_anderson_darling(big, 1, 10, w, &ad) == QC_EDOM);
    free(big), free(w);
}
END_TEST

/* ---------- outliers: Grubbs ---------- */

START_TEST(test_grubbs) {
    failures = 0;
    double x[16];
    qc_grubbs g;
    size_t n = read_column("published/nist_grubbs_tietjen_moore_uranium.csv", 0, 0, NULL, x, 16);
    ck_assert_int_eq(qc_stats_grubbs(x, 1, n, &g), QC_OK);
    /* NIST prints G truncated to 4 decimals (2.468765 as 2.4687; heike/outlierTests and R
     * give 2.468765): the printed digits are the leading digits of G. */
    double gp = pub("nist_grubbs_tietjen_moore_uranium.csv|G");
    expect_close("NIST uranium G, truncated to 4 decimals", floor(g.g * 1e4) / 1e4, gp, 0, 1e-12);
    ck_assert(g.value == 245.57 && g.index == 7);
    size_t pos = 0, a, b, ncase = 0;
    double *v;
    while (next_case("g_", &pos, &v, &n, &a, &b)) {
        ck_assert_int_eq(qc_stats_grubbs(v, 1, n, &g), QC_OK);
        expect_r(a, b, "g_G", g.g, 1e-14, 0);
        expect_r(a, b, "g_index", (double)g.index + 1.0, 0, 0);
        expect_r(a, b, "g_p", g.p_value, 1e-13, 0);
        free(v);
        ncase++;
    }
    ck_assert_uint_eq(ncase, 6);
    /* Edges: n < 3, zero variance, NaN/Inf; the bound g = (n−1)/√n gives t = Inf, p = 0. */
    double two[2] = {1, 2}, same[4] = {5, 5, 5, 5}, bad[4] = {1, 2, NAN, 3};
    ck_assert(qc_stats_grubbs(two, 1, 2, &g) == QC_EDOM && isnan(g.g) && g.index == SIZE_MAX);
    ck_assert(qc_stats_grubbs(same, 1, 4, &g) == QC_EDOM &&
              qc_stats_grubbs(bad, 1, 4, &g) == QC_EDOM);
    bad[2] = INFINITY;
    ck_assert_int_eq(qc_stats_grubbs(bad, 1, 4, &g), QC_EDOM);
    double lone[5] = {0, 0, 10, 0, 0};
    ck_assert(qc_stats_grubbs(lone, 1, 5, &g) == QC_OK && g.index == 2 && g.p_value <= 1e-12);
    /* with the mean and sd of a describe of the same values (as the pipeline passes them):
     * the same answer to the bit */
    double gv[9] = {3.1, 2.7, 9.4, 3.3, 2.9, 3.0, 3.6, 2.2, 3.4}, wk[9];
    qc_describe d;
    qc_grubbs g2;
    ck_assert(qc_stats_describe(gv, 1, 9, wk, &d) == QC_OK && qc_stats_grubbs(gv, 1, 9, &g) == QC_OK);
    ck_assert(qc_stats_grubbs_m(gv, 1, 9, d.mean, d.sd, &g2) == QC_OK);
    ck_assert(g2.g == g.g && g2.t == g.t && g2.p_value == g.p_value && g2.index == g.index);
    ck_assert_msg(failures == 0, "%d Grubbs checks failed", failures);
}
END_TEST

static Suite *shape_suite(void) {
    Suite *s = suite_create("shape");
    TCase *tc = tcase_create("robust");
    tcase_add_test(tc, test_robust_vs_r);
    tcase_add_test(tc, test_algorithm_a);
    tcase_add_test(tc, test_robust_edges);
    suite_add_tcase(s, tc);
    tc = tcase_create("normality");
    tcase_add_test(tc, test_anderson_darling);
    tcase_add_test(tc, test_shapiro_wilk);
    tcase_add_test(tc, test_normality_edges);
    suite_add_tcase(s, tc);
    tc = tcase_create("outliers");
    tcase_add_test(tc, test_grubbs);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    qc_stats_init();
    SRunner *sr = srunner_create(shape_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
