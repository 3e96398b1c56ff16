/* test_groups.c — Check suite for the two-group part of the GROUPS section of stats.h:
 * Mann–Whitney (ranks.c), Hedges g and TOST (equivalence.c), F test of variances,
 * Brown–Forsythe and CV ratio (dispersion.c), non-central t and minimum detectable difference
 * (power.c). The several-group tests are in test_groups_anova.c.
 *
 * Oracles, read from $QC_ORACLES (default "tests/oracles"), never the code's own output:
 *   r/twogroup_expected.csv   R 4.2.2 wilcox.test, t.test(mu = ±margin), var.test, Hedges g
 *                             and Brown–Forsythe written out in R (r/twogroup.R)
 *   r/power_expected.csv      R pt(q, df, ncp) and power.t.test (r/power.R)
 *   published/nag_g08amc_mann_whitney.csv + the NAG printed U = 86, z = −2.8039, p 0.0025
 *   nist_handbook/ceramic-strength.csv  NIST e-Handbook JAHANMI2 batch 1 vs 2:
 *                             F = 1.123037, pooled t = 13.3806
 *   r_reference/stats-Ex_selected.Rout.txt  R-core's printed wilcox.test examples
 * Each check collects every mismatch (stderr) before failing; the relative error reached is
 * printed per area. */
#include <float.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "groups_oracle.h"
#include "qcompare/stats.h"

/* ---------- Mann–Whitney ---------- */

static const char *mw_cases[] = {"nag_g08amc", "hw_p69",     "small_exact", "separated",
                                 "exact_49",   "normal_50",  "large_ties",  "ozone_5_8"};

START_TEST(test_mann_whitney_vs_r) {
    failures = 0;
    worst_rel = 0;
    lfile lf = lfile_load("r/twogroup_expected.csv");
    for (size_t k = 0; k < sizeof mw_cases / sizeof mw_cases[0]; k++) {
        const lcase *c = lfile_case(&lf, mw_cases[k]);
        size_t nx, ny;
        double *x = lcase_vec(c, "x", &nx), *y = lcase_vec(c, "y", &ny);
        double *work = malloc((nx + ny) * sizeof *work);
        size_t *iwork = malloc((nx + ny) * sizeof *iwork);
        double *y2 = malloc(2 * ny * sizeof *y2); /* y interleaved with garbage: stride 2 */
        for (size_t i = 0; i < ny; i++) {
            y2[2 * i] = y[i];
            y2[2 * i + 1] = NAN;
        }
        const qc_mw_method meth[3] = {QC_MW_AUTO, QC_MW_NORMAL_CC, QC_MW_NORMAL};
        const char *suffix[3] = {"", "_cc", "_nocc"};
        for (int m = 0; m < 3; m++) {
            qc_mann_whitney o;
            qc_status st = qc_stats_mann_whitney(x, 1, nx, y2, 2, ny, meth[m], work, iwork, &o);
            ck_assert_int_eq(st, QC_OK);
            char label[128], col[32];
            snprintf(label, sizeof label, "%s W", c->name);
            expect_close(label, o.u, lcase_get(c, "W"), 0, 0); /* midrank sums are exact */
            const char *tails[3] = {"p", "p_less", "p_greater"};
            double got[3] = {o.p_value, o.p_less, o.p_greater};
            for (int t = 0; t < 3; t++) {
                snprintf(col, sizeof col, "%s%s%s", t == 0 ? "p" : "p", suffix[m],
                         t == 0 ? "" : (t == 1 ? "_less" : "_greater"));
                snprintf(label, sizeof label, "%s %s (%s)", c->name, col, tails[t]);
                /* Exact: sums of the same counts; normal: same z, GSL vs R pnorm. */
                expect_close(label, got[t], lcase_get(c, col), 1e-12, 0);
            }
            int want_exact = m == 0 && nx < 50 && ny < 50 && !o.ties;
            if (o.exact != want_exact) fail_note("%s method %d: exact = %d", c->name, m, o.exact);
            if (o.exact != isnan(o.z)) fail_note("%s: z NaN iff exact", c->name);
        }
        /* both samples sorted (as the pipeline hands them): ranks by merging, same answer */
        double *xs = malloc(nx * sizeof *xs), *ys = malloc(ny * sizeof *ys);
        memcpy(xs, x, nx * sizeof *xs);
        memcpy(ys, y, ny * sizeof *ys);
        gsl_sort(xs, 1, nx);
        gsl_sort(ys, 1, ny);
        qc_mann_whitney o;
        ck_assert_int_eq(qc_stats_mann_whitney(xs, 1, nx, ys, 1, ny, QC_MW_AUTO, work, iwork, &o),
                         QC_OK);
        char label[128];
        snprintf(label, sizeof label, "%s sorted W", c->name);
        expect_close(label, o.u, lcase_get(c, "W"), 0, 0);
        snprintf(label, sizeof label, "%s sorted p", c->name);
        expect_close(label, o.p_value, lcase_get(c, "p"), 1e-12, 0);
        free(xs);
        free(ys);
        free(x);
        free(y);
        free(y2);
        free(work);
        free(iwork);
    }
    lfile_free(&lf);
    printf("Mann-Whitney vs R wilcox.test: W exact, max rel err of p %.2g\n", worst_rel);
    fflush(stdout);
    ck_assert_msg(failures == 0, "%d Mann-Whitney checks failed", failures);
}
END_TEST

/* NAG g08amc: U = 86, z = −2.8039 (continuity corrected, tie-corrected variance), approximate
 * lower-tail p 0.0025, read from the published example data. */
START_TEST(test_mann_whitney_published) {
    failures = 0;
    FILE *f = open_oracle("published/nag_g08amc_mann_whitney.csv");
    char line[128];
    double x[64], y[64], work[128];
    size_t nx = 0, ny = 0, iwork[128];
    ck_assert(read_line(f, line, sizeof line)); /* header */
    while (read_line(f, line, sizeof line)) {
        int g;
        double v;
        if (sscanf(line, "%d,%lf", &g, &v) != 2) continue;
        if (g == 1) x[nx++] = v;
        else y[ny++] = v;
    }
    fclose(f);
    ck_assert_uint_eq(nx, 16);
    ck_assert_uint_eq(ny, 23);
    qc_mann_whitney o;
    ck_assert_int_eq(qc_stats_mann_whitney(x, 1, nx, y, 1, ny, QC_MW_AUTO, work, iwork, &o),
                     QC_OK);
    ck_assert(o.ties && !o.exact);
    expect_printed("NAG U", o.u, "86.0");
    expect_printed("NAG z", o.z, "-2.8039");
    expect_printed("NAG approx lower-tail p", o.p_less, "0.0025");
    /* The subject as y: W' = nx·ny − W and the tails swap. */
    qc_mann_whitney r;
    ck_assert_int_eq(qc_stats_mann_whitney(y, 1, ny, x, 1, nx, QC_MW_AUTO, work, iwork, &r),
                     QC_OK);
    expect_close("swapped W", r.u, 16.0 * 23.0 - 86.0, 0, 0);
    expect_close("swapped p_greater", r.p_greater, o.p_less, 1e-14, 0);
    expect_close("swapped two-sided", r.p_value, o.p_value, 1e-14, 0);

    /* R-core's printed examples (Hollander & Wolfe p. 69): W = 35, exact p (greater) 0.1272;
     * exact = FALSE, correct = FALSE: 0.1103. */
    double hx[] = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
    double hy[] = {1.15, 0.88, 0.90, 0.74, 1.21};
    char rl[1024], buf[32];
    rout_line("wilcox.test(x, y, alternative = \"g\")", 1, "W = ", rl, sizeof rl);
    ck_assert_int_eq(qc_stats_mann_whitney(hx, 1, 10, hy, 1, 5, QC_MW_AUTO, work, iwork, &o),
                     QC_OK);
    ck_assert(o.exact);
    expect_printed("H&W W", o.u, rout_field(rl, "W", buf, sizeof buf));
    expect_printed("H&W exact p greater", o.p_greater, rout_field(rl, "p-value", buf, sizeof buf));
    /* (the first "H&W large sample" line belongs to the signed-rank example) */
    rout_line("exact = FALSE, correct = FALSE) # H&W", 2, "W = ", rl, sizeof rl);
    expect_printed("H&W normal W", o.u, rout_field(rl, "W", buf, sizeof buf));
    ck_assert_int_eq(qc_stats_mann_whitney(hx, 1, 10, hy, 1, 5, QC_MW_NORMAL, work, iwork, &o),
                     QC_OK);
    expect_printed("H&W normal p greater", o.p_greater,
                   rout_field(rl, "p-value", buf, sizeof buf));
    ck_assert_msg(failures == 0, "%d published Mann-Whitney checks failed", failures);
}
END_TEST

START_TEST(test_mann_whitney_edges) {
    double work[8], nanv[] = {1.0, NAN}, infv[] = {1.0, INFINITY}, a[] = {1, 2, 3}, b[] = {4, 5};
    double tied[] = {2, 2, 2};
    size_t iwork[8];
    qc_mann_whitney o;
    ck_assert_int_eq(qc_stats_mann_whitney(a, 1, 0, b, 1, 2, QC_MW_AUTO, work, iwork, &o),
                     QC_EDOM);
    ck_assert(isnan(o.u) && isnan(o.p_value) && isnan(o.p_less) && isnan(o.p_greater));
    ck_assert_int_eq(qc_stats_mann_whitney(a, 1, 3, b, 1, 0, QC_MW_AUTO, work, iwork, &o),
                     QC_EDOM);
    ck_assert_int_eq(qc_stats_mann_whitney(nanv, 1, 2, b, 1, 2, QC_MW_AUTO, work, iwork, &o),
                     QC_EDOM);
    ck_assert_int_eq(qc_stats_mann_whitney(a, 1, 3, infv, 1, 2, QC_MW_AUTO, work, iwork, &o),
                     QC_EDOM);
    ck_assert(isnan(o.u));
    /* All tied: no test (σ = 0), whatever the method. */
    for (int m = 0; m < 3; m++) {
        ck_assert_int_eq(qc_stats_mann_whitney(tied, 1, 2, tied + 2, 1, 1, (qc_mw_method)m,
                                               work, iwork, &o), QC_EDOM);
        ck_assert(isnan(o.p_value));
    }
    ck_assert_int_eq(qc_stats_mann_whitney(a, 1, 3, b, 1, 2, (qc_mw_method)7, work, iwork, &o),
                     QC_EDOM);
    /* By hand: x = {1,2,3} all below y = {4,5}: W = 0, exact P(W <= 0) = 1/C(5,2) = 0.1,
     * two-sided 0.2, greater 1. One value each: W = 0 or 1, p two-sided 1. */
    ck_assert_int_eq(qc_stats_mann_whitney(a, 1, 3, b, 1, 2, QC_MW_AUTO, work, iwork, &o), QC_OK);
    ck_assert(o.exact && o.u == 0.0);
    ck_assert_double_eq_tol(o.p_less, 0.1, 1e-15);
    ck_assert_double_eq_tol(o.p_value, 0.2, 1e-15);
    ck_assert(o.p_greater == 1.0);
    ck_assert_int_eq(qc_stats_mann_whitney(b, 1, 1, a, 1, 1, QC_MW_AUTO, work, iwork, &o), QC_OK);
    ck_assert(o.u == 1.0 && o.p_value == 1.0 && o.p_greater == 0.5 && o.p_less == 1.0);
}
END_TEST

/* ---------- TOST and Hedges g ---------- */

/* Sample summaries of a case's x and y as R computes them (mean, sd with n − 1). */
static void summaries(const lcase *c, size_t *n1, double *m1, double *s1, size_t *n2,
                      double *m2, double *s2) {
    size_t nx, ny;
    double *x = lcase_vec(c, "x", &nx), *y = lcase_vec(c, "y", &ny);
    *n1 = nx;
    *n2 = ny;
    *m1 = qc_stats_mean(x, 1, nx);
    *s1 = qc_stats_sd(x, 1, nx, *m1);
    *m2 = qc_stats_mean(y, 1, ny);
    *s2 = qc_stats_sd(y, 1, ny, *m2);
    free(x);
    free(y);
}

START_TEST(test_tost_vs_r) {
    failures = 0;
    worst_rel = 0;
    lfile lf = lfile_load("r/twogroup_expected.csv");
    const char *cases[] = {"tost_sleep", "tost_close", "tost_ceramic"};
    size_t checked = 0;
    for (size_t k = 0; k < 3; k++) {
        const lcase *c = lfile_case(&lf, cases[k]);
        size_t n1, n2;
        double m1, s1, m2, s2;
        summaries(c, &n1, &m1, &s1, &n2, &m2, &s2);
        for (int i = 1; i <= 3; i++) {
            char col[32], label[96];
#define GET(col_) (snprintf(col, sizeof col, "%s_%d", col_, i), lcase_get(c, col))
            qc_tost o;
            ck_assert_int_eq(qc_stats_tost_welch(n1, m1, s1, n2, m2, s2, GET("margin"), &o),
                             QC_OK);
#define CHK(field, col_, rtol, atol)                                     \
    snprintf(label, sizeof label, "%s %s_%d", c->name, col_, i);         \
    expect_close(label, o.field, GET(col_), rtol, atol)
            CHK(t_lower, "t_lower", 1e-12, 0);
            CHK(t_upper, "t_upper", 1e-12, 0);
            CHK(df, "df", 1e-12, 0);
            /* R's pt keeps ~1e-12 relative in the tails it computes directly; a p of 1
             * (R: 1 − 1e-30) is compared absolutely. */
            CHK(p_lower, "p_lower", 1e-10, 1e-300);
            CHK(p_upper, "p_upper", 1e-10, 1e-300);
            CHK(p_value, "p_tost", 1e-10, 1e-300);
#undef CHK
#undef GET
            checked++;
        }
    }
    ck_assert_uint_eq(checked, 9);
    lfile_free(&lf);
    printf("TOST vs R t.test(mu = ±margin): max rel err %.2g\n", worst_rel);
    fflush(stdout);

    qc_tost o;
    ck_assert_int_eq(qc_stats_tost_welch(10, 1.0, 0.5, 10, 1.1, 0.5, 0.0, &o), QC_EDOM);
    ck_assert(isnan(o.p_value) && isnan(o.t_lower) && isnan(o.difference));
    ck_assert_int_eq(qc_stats_tost_welch(10, 1.0, 0.5, 10, 1.1, 0.5, -1.0, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_tost_welch(10, 1.0, 0.5, 10, 1.1, 0.5, NAN, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_tost_welch(10, 1.0, 0.5, 10, 1.1, 0.5, INFINITY, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_tost_welch(1, 1.0, 0.5, 10, 1.1, 0.5, 0.2, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_tost_welch(10, 1.0, 0.0, 10, 1.1, 0.0, 0.2, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_tost_welch(10, NAN, 0.5, 10, 1.1, 0.5, 0.2, &o), QC_EDOM);
    /* Equal means: both t = ±margin/se, both p equal. */
    ck_assert_int_eq(qc_stats_tost_welch(10, 2.0, 0.5, 12, 2.0, 0.5, 0.3, &o), QC_OK);
    ck_assert_double_eq_tol(o.p_lower, o.p_upper, 1e-15);
    ck_assert_double_eq_tol(o.t_lower, -o.t_upper, 1e-15);
    ck_assert_msg(failures == 0, "%d TOST checks failed", failures);
}
END_TEST

START_TEST(test_hedges_vs_r) {
    failures = 0;
    worst_rel = 0;
    lfile lf = lfile_load("r/twogroup_expected.csv");
    const char *cases[] = {"hedges_sleep",     "hedges_ceramic",  "hedges_small",
                           "hedges_sum_large", "hedges_sum_huge", "hedges_sum_neg"};
    for (size_t k = 0; k < 6; k++) {
        const lcase *c = lfile_case(&lf, cases[k]);
        size_t n1 = (size_t)lcase_get(c, "n1"), n2 = (size_t)lcase_get(c, "n2");
        double m1 = lcase_get(c, "m1"), s1 = lcase_get(c, "s1");
        double m2 = lcase_get(c, "m2"), s2 = lcase_get(c, "s2");
        const double confs[2] = {0.95, 0.90};
        for (int j = 0; j < 2; j++) {
            qc_hedges_g o;
            ck_assert_int_eq(qc_stats_hedges_g(n1, m1, s1, n2, m2, s2, confs[j], &o), QC_OK);
            char label[96], col[16];
            const char *names[4] = {"d", "J", "g", "se"};
            double got[4] = {o.d, o.j, o.g, o.se};
            for (int i = 0; i < 4; i++) {
                snprintf(label, sizeof label, "%s %s", c->name, names[i]);
                expect_close(label, got[i], lcase_get(c, names[i]), 1e-13, 0);
            }
            /* R's gamma() ratio, where it does not overflow: a looser cross-check of J. */
            double jg = lcase_get(c, "J_gamma");
            if (!isnan(jg)) expect_close("J vs gamma ratio", o.j, jg, 1e-13, 0);
            int pc = j == 0 ? 95 : 90;
            snprintf(col, sizeof col, "ci_lo_%d", pc);
            snprintf(label, sizeof label, "%s %s", c->name, col);
            expect_close(label, o.ci_lo, lcase_get(c, col), 1e-13, 1e-15);
            snprintf(col, sizeof col, "ci_hi_%d", pc);
            snprintf(label, sizeof label, "%s %s", c->name, col);
            expect_close(label, o.ci_hi, lcase_get(c, col), 1e-13, 1e-15);
        }
    }
    lfile_free(&lf);
    printf("Hedges g vs R formulas (lbeta J): max rel err %.2g\n", worst_rel);
    fflush(stdout);

    /* J against the usual approximation 1 − 3/(4df − 1), whose error is O(df⁻²): within
     * 0.5/df² for df >= 2 and closer as df grows. */
    qc_hedges_g o;
    const size_t ns[] = {2, 3, 5, 10, 50, 500, 50000};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        ck_assert_int_eq(qc_stats_hedges_g(ns[i], 1.0, 1.0, ns[i], 0.0, 1.0, 0.95, &o), QC_OK);
        double df = 2.0 * (double)ns[i] - 2.0;
        ck_assert_msg(fabs(o.j - (1.0 - 3.0 / (4.0 * df - 1.0))) <= 0.5 / (df * df),
                      "J(%g) = %.17g", df, o.j);
    }
    ck_assert_int_eq(qc_stats_hedges_g(1, 1.0, 1.0, 5, 0.0, 1.0, 0.95, &o), QC_EDOM);
    ck_assert(isnan(o.g) && isnan(o.ci_lo) && isnan(o.j));
    ck_assert_int_eq(qc_stats_hedges_g(5, 1.0, 0.0, 5, 0.0, 0.0, 0.95, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_hedges_g(5, 1.0, -1.0, 5, 0.0, 1.0, 0.95, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_hedges_g(5, INFINITY, 1.0, 5, 0.0, 1.0, 0.95, &o), QC_EDOM);
    ck_assert_int_eq(qc_stats_hedges_g(5, 1.0, 1.0, 5, 0.0, 1.0, 1.0, &o), QC_EDOM);
    /* One sd 0 is fine (pooled sd > 0); equal means give g = 0 and a symmetric CI. */
    ck_assert_int_eq(qc_stats_hedges_g(5, 3.0, 0.0, 7, 3.0, 1.0, 0.95, &o), QC_OK);
    ck_assert(o.g == 0.0 && o.ci_lo == -o.ci_hi);
    ck_assert_msg(failures == 0, "%d Hedges g checks failed", failures);
}
END_TEST

/* ---------- dispersion ---------- */

START_TEST(test_dispersion_vs_r) {
    failures = 0;
    worst_rel = 0;
    lfile lf = lfile_load("r/twogroup_expected.csv");
    const char *cases[] = {"disp_ceramic", "disp_sleep", "disp_spread"};
    for (size_t k = 0; k < 3; k++) {
        const lcase *c = lfile_case(&lf, cases[k]);
        size_t n1, n2, nx, ny;
        double m1, s1, m2, s2, r;
        summaries(c, &n1, &m1, &s1, &n2, &m2, &s2);
        char label[96];
        qc_var_test v;
        for (int j = 0; j < 2; j++) {
            ck_assert_int_eq(qc_stats_var_test(n1, s1, n2, s2, j ? 0.90 : 0.95, &v), QC_OK);
            snprintf(label, sizeof label, "%s var.test F", c->name);
            expect_close(label, v.f, lcase_get(c, "F"), 1e-13, 0);
            expect_close(label, v.df1, lcase_get(c, "df1"), 0, 0);
            expect_close(label, v.df2, lcase_get(c, "df2"), 0, 0);
            snprintf(label, sizeof label, "%s var.test p", c->name);
            expect_close(label, v.p_value, lcase_get(c, "p"), 1e-11, 0);
            snprintf(label, sizeof label, "%s var.test CI %d", c->name, j ? 90 : 95);
            expect_close(label, v.ci_lo, lcase_get(c, j ? "ci_lo_90" : "ci_lo_95"), 1e-11, 0);
            expect_close(label, v.ci_hi, lcase_get(c, j ? "ci_hi_90" : "ci_hi_95"), 1e-11, 0);
        }
        double *x = lcase_vec(c, "x", &nx), *y = lcase_vec(c, "y", &ny);
        double *work = malloc((nx + ny) * sizeof *work);
        qc_levene b;
        ck_assert_int_eq(qc_stats_brown_forsythe2(x, 1, nx, y, 1, ny, work, &b), QC_OK);
        snprintf(label, sizeof label, "%s Brown-Forsythe", c->name);
        expect_close(label, b.f, lcase_get(c, "bf_F"), 1e-11, 0);
        expect_close(label, b.df1, lcase_get(c, "bf_df1"), 0, 0);
        expect_close(label, b.df2, lcase_get(c, "bf_df2"), 0, 0);
        expect_close(label, b.p_value, lcase_get(c, "bf_p"), 1e-11, 0);
        ck_assert_int_eq(qc_stats_cv_ratio(m1, s1, m2, s2, &r), QC_OK);
        snprintf(label, sizeof label, "%s CV ratio", c->name);
        expect_close(label, r, lcase_get(c, "cv_ratio"), 1e-14, 0);
        free(x);
        free(y);
        free(work);
    }
    lfile_free(&lf);
    printf("dispersion vs R var.test / BF by anova(lm) / CV ratio: max rel err %.2g\n",
           worst_rel);
    fflush(stdout);
    ck_assert_msg(failures == 0, "%d dispersion checks failed", failures);
}
END_TEST

/* NIST e-Handbook JAHANMI2 (ceramic strength), batch 1 vs batch 2: F = 1.123037 and the pooled
 * t = 13.3806 identify the columns (Batch, Y). NIST's F comes from the rounded sds 65.54909 and
 * 61.85425 (which give 1.1230375); the full-precision data give 1.12303752, so the raw-data F
 * is held to one unit of the printed digit and the rounded-sd F to half a unit. */
START_TEST(test_dispersion_jahanmi2) {
    failures = 0;
    FILE *f = open_oracle("nist_handbook/ceramic-strength.csv");
    char line[256];
    double b1[300], b2[300];
    size_t n1 = 0, n2 = 0;
    ck_assert(read_line(f, line, sizeof line));
    ck_assert_str_eq(line, "Lab,Batch,Y,X1,X2,X3");
    while (read_line(f, line, sizeof line)) {
        int lab, batch;
        double y;
        ck_assert(sscanf(line, "%d,%d,%lf", &lab, &batch, &y) == 3);
        if (batch == 1) b1[n1++] = y;
        else if (batch == 2) b2[n2++] = y;
        ck_assert(n1 < 300 && n2 < 300);
    }
    fclose(f);
    ck_assert_uint_eq(n1, 240);
    ck_assert_uint_eq(n2, 240);
    double m1 = qc_stats_mean(b1, 1, n1), s1 = qc_stats_sd(b1, 1, n1, m1);
    double m2 = qc_stats_mean(b2, 1, n2), s2 = qc_stats_sd(b2, 1, n2, m2);
    /* NIST's means (688.9987, 611.1559) are one unit off in the last digit from the data's
     * 688.99864 and 611.155975 (Dataplot's arithmetic); its sds agree to half a unit. */
    if (!(fabs(m1 - 688.9987) <= 1e-4 && fabs(m2 - 611.1559) <= 1e-4))
        fail_note("JAHANMI2 means %.7f %.7f", m1, m2);
    expect_printed("JAHANMI2 sd1", s1, "65.54909");
    expect_printed("JAHANMI2 sd2", s2, "61.85425");
    qc_var_test v;
    ck_assert_int_eq(qc_stats_var_test(n1, s1, n2, s2, 0.95, &v), QC_OK);
    printf("JAHANMI2 F = %.9f (NIST 1.123037)\n", v.f);
    if (!(fabs(v.f - 1.123037) <= 1e-6)) fail_note("JAHANMI2 F %.9f vs 1.123037", v.f);
    ck_assert_int_eq(qc_stats_var_test(240, 65.54909, 240, 61.85425, 0.95, &v), QC_OK);
    expect_printed("JAHANMI2 F from the printed sds", v.f, "1.123037");
    /* NIST's two-sided 5 % critical values of F(239, 239): 0.7756 and 1.2894. The CI of the
     * ratio is (F/q(0.975), F/q(0.025)), so the quantiles are F/ci_lo and F/ci_hi. */
    expect_printed("F(239,239) 0.975 quantile", v.f / v.ci_lo, "1.2894");
    expect_printed("F(239,239) 0.025 quantile", v.f / v.ci_hi, "0.7756");
    qc_ttest t;
    ck_assert_int_eq(qc_stats_ttest_student(n1, m1, s1, n2, m2, s2, 0.95, &t), QC_OK);
    expect_printed("JAHANMI2 pooled t", t.t, "13.3806");
    ck_assert_msg(failures == 0, "%d JAHANMI2 checks failed", failures);
}
END_TEST

START_TEST(test_dispersion_edges) {
    qc_var_test v;
    ck_assert_int_eq(qc_stats_var_test(1, 1.0, 5, 1.0, 0.95, &v), QC_EDOM);
    ck_assert(isnan(v.f) && isnan(v.p_value) && isnan(v.ci_lo) && isnan(v.df1));
    /* one constant sample (issue 12): what R var.test gives — F = 0 or Inf, p = 0 (R's own
     * values are in r/edges_expected.csv, checked by test_edges.c); both constant: undefined */
    ck_assert_int_eq(qc_stats_var_test(5, 0.0, 5, 1.0, 0.95, &v), QC_OK);
    ck_assert(v.f == 0.0 && v.p_value == 0.0 && v.ci_lo == 0.0 && v.ci_hi == 0.0);
    ck_assert_int_eq(qc_stats_var_test(5, 1.0, 5, 0.0, 0.95, &v), QC_OK);
    ck_assert(isinf(v.f) && v.f > 0 && v.p_value == 0.0);
    ck_assert_int_eq(qc_stats_var_test(5, 0.0, 5, 0.0, 0.95, &v), QC_EDOM);
    ck_assert_int_eq(qc_stats_var_test(5, -1.0, 5, 1.0, 0.95, &v), QC_EDOM);
    ck_assert_int_eq(qc_stats_var_test(5, NAN, 5, 1.0, 0.95, &v), QC_EDOM);
    ck_assert_int_eq(qc_stats_var_test(5, 1.0, 5, INFINITY, 0.95, &v), QC_EDOM);
    ck_assert_int_eq(qc_stats_var_test(5, 1.0, 5, 1.0, 0.0, &v), QC_EDOM);
    /* Equal sds: F = 1, p = 1 when df1 == df2 (the median of F(d, d) is 1). */
    ck_assert_int_eq(qc_stats_var_test(9, 2.0, 9, 2.0, 0.95, &v), QC_OK);
    ck_assert(v.f == 1.0);
    ck_assert_double_eq_tol(v.p_value, 1.0, 1e-12);
    double r;
    ck_assert_int_eq(qc_stats_cv_ratio(0.0, 1.0, 2.0, 1.0, &r), QC_EDOM);
    ck_assert(isnan(r));
    ck_assert_int_eq(qc_stats_cv_ratio(1.0, 1.0, 2.0, 0.0, &r), QC_EDOM);
    ck_assert_int_eq(qc_stats_cv_ratio(1.0, -1.0, 2.0, 1.0, &r), QC_EDOM);
    ck_assert_int_eq(qc_stats_cv_ratio(NAN, 1.0, 2.0, 1.0, &r), QC_EDOM);
    ck_assert_int_eq(qc_stats_cv_ratio(-2.0, 1.0, 4.0, 1.0, &r), QC_OK); /* |mean| */
    ck_assert(r == 2.0);
    qc_levene b;
    double x[] = {1, 2, 3, 4}, y[] = {5, 7, 9}, nanv[] = {1, NAN}, work[8];
    ck_assert_int_eq(qc_stats_brown_forsythe2(x, 1, 0, y, 1, 3, work, &b), QC_EDOM);
    ck_assert(isnan(b.f) && isnan(b.p_value));
    ck_assert_int_eq(qc_stats_brown_forsythe2(nanv, 1, 2, y, 1, 3, work, &b), QC_EDOM);
    /* n = 1 and n = 2 groups: every |x − median| equals its group mean → SSW = 0. */
    ck_assert_int_eq(qc_stats_brown_forsythe2(x, 1, 2, y, 1, 1, work, &b), QC_EDOM);
    /* By hand: |x − 2.5| = {1.5, .5, .5, 1.5}, |y − 7| = {2, 0, 2}: group means 1 and 4/3,
     * grand mean 8/7, F = (SSB/1)/(SSW/5). */
    ck_assert_int_eq(qc_stats_brown_forsythe2(x, 1, 4, y, 1, 3, work, &b), QC_OK);
    double gm = 8.0 / 7.0;
    double ssb = 4 * (1 - gm) * (1 - gm) + 3 * (4.0 / 3 - gm) * (4.0 / 3 - gm);
    double ssw = 4 * 0.25 + (4.0 / 9 + 16.0 / 9 + 4.0 / 9);
    ck_assert_double_eq_tol(b.f, ssb / (ssw / 5.0), 1e-14);
    ck_assert(b.df1 == 1.0 && b.df2 == 5.0);
}
END_TEST

/* ---------- power ---------- */

START_TEST(test_nct_vs_r) {
    failures = 0;
    worst_rel = 0;
    lfile lf = lfile_load("r/power_expected.csv");
    size_t checked = 0;
    double worst_abs = 0.0;
    for (size_t i = 0; i < lf.n; i++) {
        const lcase *c = &lf.cases[i];
        if (strncmp(c->name, "nct_", 4) != 0) continue;
        double t = lcase_get(c, "t"), df = lcase_get(c, "df"), ncp = lcase_get(c, "ncp");
        int warned = lcase_get(c, "warned") != 0.0;
        double lo, up;
        ck_assert_int_eq(qc_stats_nct_p(t, df, ncp, 0, &lo), QC_OK);
        ck_assert_int_eq(qc_stats_nct_p(t, df, ncp, 1, &up), QC_OK);
        double wl = lcase_get(c, "lower"), wu = lcase_get(c, "upper");
        char label[128];
        snprintf(label, sizeof label, "%s pt(%g, %g, %g)", c->name, t, df, ncp);
        /* R's pnt: ~1e-12 absolute; it computes the lower tail and returns 1 − it for the
         * upper, so each tail is held to 1e-12 absolute plus 1e-9 relative where R did not
         * warn, and to 2e-12 absolute where it warned of lost precision. */
        double rtol = warned ? 0.0 : 1e-9, atol = warned ? 2e-12 : 1e-12;
        expect_close(label, lo, wl, rtol, atol);
        expect_close(label, up, wu, rtol, atol);
        worst_abs = fmax(worst_abs, fmax(fabs(lo - wl), fabs(up - wu)));
        /* The two tails are computed separately: they still add to 1. */
        if (!(fabs(lo + up - 1.0) <= 1e-12)) fail_note("%s: tails sum to %.17g", label, lo + up);
        checked++;
    }
    ck_assert_uint_eq(checked, 150);
    printf("non-central t vs R pt: max abs err %.2g\n", worst_abs);
    fflush(stdout);

    /* ncp = 0 against R's central pt (pbeta-based, each tail direct), far tails included:
     * relative 1e-11. (GSL's gsl_cdf_tdist_Q(12, 60) = 6.89316131836e-18 is off by 4e-10
     * relative there; R and this code agree to 5e-15.) */
    size_t central = 0;
    for (size_t i = 0; i < lf.n; i++) {
        const lcase *c = &lf.cases[i];
        if (strncmp(c->name, "central_", 8) != 0) continue;
        double t = lcase_get(c, "t"), df = lcase_get(c, "df"), p;
        char label[128];
        snprintf(label, sizeof label, "%s pt(%g, %g)", c->name, t, df);
        ck_assert_int_eq(qc_stats_nct_p(t, df, 0.0, 0, &p), QC_OK);
        expect_close(label, p, lcase_get(c, "lower"), 1e-11, 1e-300);
        ck_assert_int_eq(qc_stats_nct_p(t, df, 0.0, 1, &p), QC_OK);
        expect_close(label, p, lcase_get(c, "upper"), 1e-11, 1e-300);
        central++;
    }
    ck_assert_uint_eq(central, 20);
    lfile_free(&lf);
    double p;
    ck_assert_int_eq(qc_stats_nct_p(1.0, 0.0, 1.0, 0, &p), QC_EDOM);
    ck_assert(isnan(p));
    ck_assert_int_eq(qc_stats_nct_p(NAN, 3.0, 1.0, 0, &p), QC_EDOM);
    ck_assert_int_eq(qc_stats_nct_p(1.0, INFINITY, 1.0, 0, &p), QC_EDOM);
    ck_assert_int_eq(qc_stats_nct_p(1.0, 3.0, NAN, 0, &p), QC_EDOM);
    ck_assert_int_eq(qc_stats_nct_p(INFINITY, 3.0, 1.0, 0, &p), QC_OK);
    ck_assert(p == 1.0);
    ck_assert_int_eq(qc_stats_nct_p(-INFINITY, 3.0, 1.0, 0, &p), QC_OK);
    ck_assert(p == 0.0);
    ck_assert_msg(failures == 0, "%d non-central t checks failed", failures);
}
END_TEST

START_TEST(test_power_mdd_vs_r) {
    failures = 0;
    worst_rel = 0;
    lfile lf = lfile_load("r/power_expected.csv");
    size_t checked = 0, equal_n = 0;
    for (size_t i = 0; i < lf.n; i++) {
        const lcase *c = &lf.cases[i];
        if (strncmp(c->name, "mdd_", 4) != 0) continue;
        size_t n1 = (size_t)lcase_get(c, "n1"), n2 = (size_t)lcase_get(c, "n2");
        double sd = lcase_get(c, "sd"), alpha = lcase_get(c, "alpha");
        double power = lcase_get(c, "power"), d;
        ck_assert_int_eq(qc_stats_power_mdd(n1, n2, sd, alpha, power, &d), QC_OK);
        char label[128];
        snprintf(label, sizeof label, "%s n %zu/%zu sd %g alpha %g power %g", c->name, n1, n2,
                 sd, alpha, power);
        /* R solved with tol 1e-13 on pnt (~1e-12): delta to about 1e-10 relative. */
        expect_close(label, d, lcase_get(c, "delta"), 1e-9, 0);
        if (lcase_has(c, "delta_default_tol")) { /* R's default tol is eps^0.25 ≈ 1.2e-4 */
            double keep = worst_rel;
            expect_close(label, d, lcase_get(c, "delta_default_tol"), 0, 1.3e-4 * sd);
            worst_rel = keep;
            equal_n++;
        }
        /* Symmetric in n1, n2. */
        double d2;
        ck_assert_int_eq(qc_stats_power_mdd(n2, n1, sd, alpha, power, &d2), QC_OK);
        expect_close("mdd symmetric", d2, d, 1e-12, 0);
        checked++;
    }
    ck_assert_uint_eq(checked, 15);
    ck_assert_uint_eq(equal_n, 11);
    lfile_free(&lf);
    printf("minimum detectable difference vs R power.t.test (tol 1e-13): max rel err %.2g\n",
           worst_rel);
    fflush(stdout);

    double d;
    ck_assert_int_eq(qc_stats_power_mdd(1, 5, 1.0, 0.05, 0.8, &d), QC_EDOM);
    ck_assert(isnan(d));
    ck_assert_int_eq(qc_stats_power_mdd(5, 5, 0.0, 0.05, 0.8, &d), QC_EDOM);
    ck_assert_int_eq(qc_stats_power_mdd(5, 5, NAN, 0.05, 0.8, &d), QC_EDOM);
    ck_assert_int_eq(qc_stats_power_mdd(5, 5, 1.0, 0.0, 0.8, &d), QC_EDOM);
    ck_assert_int_eq(qc_stats_power_mdd(5, 5, 1.0, 0.05, 1.0, &d), QC_EDOM);
    ck_assert_int_eq(qc_stats_power_mdd(5, 5, 1.0, 0.05, 0.02, &d), QC_EDOM); /* < alpha/2 */
    /* delta scales with sd. */
    double d1;
    ck_assert_int_eq(qc_stats_power_mdd(7, 9, 1.0, 0.05, 0.8, &d1), QC_OK);
    ck_assert_int_eq(qc_stats_power_mdd(7, 9, 3.5, 0.05, 0.8, &d), QC_OK);
    ck_assert_double_eq_tol(d, 3.5 * d1, 1e-11 * d);
    ck_assert_msg(failures == 0, "%d power checks failed", failures);
}
END_TEST

static Suite *groups_suite(void) {
    Suite *s = suite_create("groups");
    TCase *tc = tcase_create("mann_whitney");
    tcase_add_test(tc, test_mann_whitney_vs_r);
    tcase_add_test(tc, test_mann_whitney_published);
    tcase_add_test(tc, test_mann_whitney_edges);
    suite_add_tcase(s, tc);
    tc = tcase_create("equivalence");
    tcase_add_test(tc, test_tost_vs_r);
    tcase_add_test(tc, test_hedges_vs_r);
    suite_add_tcase(s, tc);
    tc = tcase_create("dispersion");
    tcase_add_test(tc, test_dispersion_vs_r);
    tcase_add_test(tc, test_dispersion_jahanmi2);
    tcase_add_test(tc, test_dispersion_edges);
    suite_add_tcase(s, tc);
    tc = tcase_create("power");
    tcase_add_test(tc, test_nct_vs_r);
    tcase_add_test(tc, test_power_mdd_vs_r);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    qc_stats_init();
    SRunner *sr = srunner_create(groups_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
