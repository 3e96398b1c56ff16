/* test_posthoc.c — the multiple comparisons of include/qcompare/posthoc.h against R
 * (tests/oracles/r/posthoc.R → posthoc_expected.csv; R never runs here):
 *  - the studentised range: R's ptukey where R is good to 1e-8 (df 8 … 5000), the exact t
 *    identity for two means at any df, the defining integral by R's integrate() elsewhere;
 *    qtukey against a tight uniroot on R's ptukey and against R's qtukey;
 *  - Tukey's HSD against TukeyHSD (5 data sets, conf 0.95 and 0.99);
 *  - Games–Howell against its definition written in R with ptukey/qtukey;
 *  - Dunnett against multcomp's glht (Genz–Bretz, seeded; within its stated error), against
 *    TVPACK's deterministic trivariate t (2 or 3 treatments) and against the one-factor
 *    integral by integrate(); one treatment against the pooled t test;
 *  - the error paths (QC_EDOM with NaN outputs). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcompare/posthoc.h"
#include "groups_oracle.h"

static lfile oracle;

static void load(void) { oracle = lfile_load("r/posthoc_expected.csv"); }
static void unload(void) { lfile_free(&oracle); }

static int starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* The groups g1, g2, … of a case laid out one after another; returns k. */
static size_t groups(const lcase *c, double *x, size_t *sizes, size_t cap) {
    size_t k = 0, n = 0;
    for (;;) {
        char what[32];
        snprintf(what, sizeof what, "g%zu", k + 1);
        if (!lcase_has(c, what)) break;
        size_t m;
        double *v = lcase_vec(c, what, &m);
        ck_assert(n + m <= cap);
        memcpy(x + n, v, m * sizeof *v);
        free(v);
        sizes[k++] = m;
        n += m;
    }
    return k;
}

static double get(const lcase *c, const char *fmt, size_t j) {
    char what[32];
    snprintf(what, sizeof what, fmt, j);
    return lcase_get(c, what);
}

START_TEST(studentized_range) {
    failures = 0;
    double worst_r = 0, worst_rl = 0, worst_exact = 0, worst_int = 0;
    int nr = 0, nrl = 0, ne = 0, ni = 0;
    for (size_t i = 0; i < oracle.n; i++) {
        const lcase *c = &oracle.cases[i];
        int r = starts(c->name, "srange_r_"), rl = starts(c->name, "srange_rl_"),
            e = starts(c->name, "srange_exact_"), in = starts(c->name, "srange_int_");
        if (!r && !rl && !e && !in) continue;
        double q = lcase_get(c, "q"), k = lcase_get(c, "k"), df = lcase_get(c, "df"), lo, up;
        ck_assert_int_eq(qc_stats_ptukey(q, k, df, 0, &lo), QC_OK);
        ck_assert_int_eq(qc_stats_ptukey(q, k, df, 1, &up), QC_OK);
        char what[192];
        snprintf(what, sizeof what, "%s (q %g k %g df %g)", c->name, q, k, df);
        double wl = lcase_get(c, "lower");
        if (r || rl) {  /* 1e-8 where R's ptukey has those digits; 2e-7 where it does not */
            double tol = r ? 1e-8 : 2e-7, wu = lcase_get(c, "upper");
            expect_close(what, lo, wl, 0, tol);
            expect_close(what, up, wu, 0, tol);
            double d = fmax(fabs(lo - wl), fabs(up - wu));
            if (r) worst_r = fmax(worst_r, d), nr++;
            else worst_rl = fmax(worst_rl, d), nrl++;
        } else if (e) {  /* exact: both tails, the upper one relative */
            expect_close(what, lo, wl, 0, 2e-12);
            expect_close(what, up, lcase_get(c, "upper"), 1e-10, 1e-300);
            worst_exact = fmax(worst_exact, fabs(lo - wl));
            ne++;
        } else {
            expect_close(what, lo, wl, 0, 1e-11);
            worst_int = fmax(worst_int, fabs(lo - wl));
            ni++;
        }
        expect_close(what, lo + up, 1.0, 0, 1e-14);
    }
    fprintf(stderr, "  ptukey: %d points vs R's ptukey (k <= 10, df 8-1000), max abs diff %.2g; "
            "%d more (k 20 or df 5000), %.2g; %d vs the exact t identity (k = 2, df 1 to 1e6), "
            "%.2g; %d vs the integral by integrate(), %.2g\n", nr, worst_r, nrl, worst_rl, ne,
            worst_exact, ni, worst_int);
    ck_assert_int_eq(nr + nrl, 384);
    ck_assert(ne >= 40 && ni >= 50);
    ck_assert_msg(failures == 0, "%d studentised range values differ", failures);
}
END_TEST

START_TEST(studentized_range_quantile) {
    failures = 0;
    double worst_qtukey = 0, worst_exact = 0, worst_root = 0;
    int n = 0, ne = 0;
    for (size_t i = 0; i < oracle.n; i++) {
        const lcase *c = &oracle.cases[i];
        int exact = starts(c->name, "qtukey_exact_");
        if (!starts(c->name, "qtukey_")) continue;
        double p = lcase_get(c, "p"), k = lcase_get(c, "k"), df = lcase_get(c, "df"), q;
        ck_assert_int_eq(qc_stats_qtukey(p, k, df, &q), QC_OK);
        char what[192];
        snprintf(what, sizeof what, "%s (p %g k %g df %g)", c->name, p, k, df);
        if (exact) {
            double w = lcase_get(c, "q");
            expect_close(what, q, w, 1e-11, 0);
            worst_exact = fmax(worst_exact, fabs(q - w) / w);
            ne++;
            continue;
        }
        double root = lcase_get(c, "root");
        expect_close(what, q, root, 1e-8, 0);
        worst_root = fmax(worst_root, fabs(q - root) / root);
        /* R's own qtukey stops its secant iteration early: within 1e-7 of the root */
        double rq = lcase_get(c, "qtukey");
        expect_close(what, q, rq, 1e-7, 0);
        worst_qtukey = fmax(worst_qtukey, fabs(q - rq) / rq);
        n++;
    }
    fprintf(stderr, "  qtukey: %d quantiles, worst relative diff %.2g vs uniroot on R's ptukey, "
            "%.2g vs R's qtukey; %d exact (k = 2, df 1 to 1e4), %.2g\n", n, worst_root,
            worst_qtukey, ne, worst_exact);
    ck_assert_int_eq(n, 60);
    ck_assert_int_eq(ne, 15);
    ck_assert_msg(failures == 0, "%d quantiles differ", failures);
}
END_TEST

static double x[4096];
static size_t sizes[64];

START_TEST(tukey_hsd) {
    failures = 0;
    int cases = 0, pairs = 0;
    for (size_t i = 0; i < oracle.n; i++) {
        const lcase *c = &oracle.cases[i];
        if (!starts(c->name, "tukey_")) continue;
        size_t k = groups(c, x, sizes, 4096);
        qc_pairwise out[QC_NPAIRS(16)];
        ck_assert_int_eq(qc_stats_tukey_hsd(x, 1, sizes, k, lcase_get(c, "conf"), out), QC_OK);
        for (size_t j = 0; j < QC_NPAIRS(k); j++) {
            char what[192];
            snprintf(what, sizeof what, "%s pair %zu (%zu-%zu)", c->name, j + 1, out[j].a, out[j].b);
            expect_close(what, out[j].difference, get(c, "diff_%zu", j + 1), 1e-12, 1e-13);
            /* the half-widths: R's come from its qtukey, good to about 1e-7 */
            double d = get(c, "diff_%zu", j + 1);
            expect_close(what, out[j].ci_lo - out[j].difference, get(c, "lwr_%zu", j + 1) - d, 1e-7, 0);
            expect_close(what, out[j].ci_hi - out[j].difference, get(c, "upr_%zu", j + 1) - d, 1e-7, 0);
            expect_close(what, out[j].p_value, get(c, "p_%zu", j + 1), 0, 1e-8);
            pairs++;
        }
        cases++;
    }
    fprintf(stderr, "  TukeyHSD: %d cases, %d pairs\n", cases, pairs);
    ck_assert_int_eq(cases, 6);
    ck_assert_msg(failures == 0, "%d Tukey values differ", failures);
}
END_TEST

START_TEST(games_howell) {
    failures = 0;
    int cases = 0, pairs = 0;
    for (size_t i = 0; i < oracle.n; i++) {
        const lcase *c = &oracle.cases[i];
        if (!starts(c->name, "gh_")) continue;
        size_t k = groups(c, x, sizes, 4096);
        qc_pairwise out[QC_NPAIRS(16)];
        ck_assert_int_eq(qc_stats_games_howell(x, 1, sizes, k, lcase_get(c, "conf"), out), QC_OK);
        for (size_t j = 0; j < QC_NPAIRS(k); j++) {
            char what[192];
            snprintf(what, sizeof what, "%s pair %zu", c->name, j + 1);
            expect_close(what, out[j].difference, get(c, "diff_%zu", j + 1), 1e-12, 1e-13);
            expect_close(what, out[j].se, get(c, "se_%zu", j + 1), 1e-12, 0);
            expect_close(what, out[j].df, get(c, "df_%zu", j + 1), 1e-12, 0);
            expect_close(what, out[j].statistic, get(c, "t_%zu", j + 1), 1e-12, 1e-13);
            double d = get(c, "diff_%zu", j + 1);
            expect_close(what, out[j].ci_lo - out[j].difference, get(c, "lwr_%zu", j + 1) - d, 1e-7, 0);
            expect_close(what, out[j].ci_hi - out[j].difference, get(c, "upr_%zu", j + 1) - d, 1e-7, 0);
            expect_close(what, out[j].p_value, get(c, "p_%zu", j + 1), 0, 1e-8);
            pairs++;
        }
        cases++;
    }
    fprintf(stderr, "  Games-Howell: %d cases, %d pairs\n", cases, pairs);
    ck_assert_int_eq(cases, 5);
    ck_assert_msg(failures == 0, "%d Games-Howell values differ", failures);
}
END_TEST

START_TEST(dunnett) {
    failures = 0;
    int cases = 0, tv = 0, mc = 0;
    double worst_mc = 0, worst_tv = 0, worst_crit_mc = 0;
    for (size_t i = 0; i < oracle.n; i++) {
        const lcase *c = &oracle.cases[i];
        if (!starts(c->name, "dunnett_")) continue;
        size_t k = groups(c, x, sizes, 4096), m = k - 1;
        qc_pairwise out[64];
        ck_assert_int_eq(qc_stats_dunnett(x, 1, sizes, k, lcase_get(c, "conf"), out), QC_OK);
        double crit = (out[0].ci_hi - out[0].difference) / out[0].se;
        char what[192];
        snprintf(what, sizeof what, "%s critical value", c->name);
        expect_close(what, crit, lcase_get(c, "calpha_int"), 1e-9, 0);
        if (lcase_has(c, "calpha_tv")) expect_close(what, crit, lcase_get(c, "calpha_tv"), 1e-10, 0);
        if (lcase_has(c, "calpha_mc")) {  /* multcomp's qmvt stops at ptol 0.001 */
            double cm = lcase_get(c, "calpha_mc");
            expect_close(what, crit, cm, 2e-3, 0);
            worst_crit_mc = fmax(worst_crit_mc, fabs(crit - cm) / cm);
        }
        for (size_t j = 0; j < m; j++) {
            snprintf(what, sizeof what, "%s treatment %zu", c->name, j + 1);
            ck_assert(out[j].a == j + 1 && out[j].b == 0);
            expect_close(what, out[j].difference, get(c, "diff_%zu", j + 1), 1e-12, 1e-13);
            expect_close(what, out[j].statistic, get(c, "t_%zu", j + 1), 1e-11, 1e-13);
            /* the interval is the estimate ± the same critical value times its own se */
            expect_close(what, (out[j].ci_hi - out[j].difference) / out[j].se, crit, 1e-12, 0);
            if (m == 1) expect_close(what, out[j].p_value, get(c, "p_t_%zu", j + 1), 1e-10, 1e-300);
            if (lcase_has(c, "p_tv_1")) {
                double w = get(c, "p_tv_%zu", j + 1);
                expect_close(what, out[j].p_value, w, 0, 1e-10);
                worst_tv = fmax(worst_tv, fabs(out[j].p_value - w));
                tv++;
            }
            if (lcase_has(c, "p_mc_1")) {  /* within twice the Monte Carlo error R states */
                double w = get(c, "p_mc_%zu", j + 1), err = get(c, "err_mc_%zu", j + 1);
                expect_close(what, out[j].p_value, w, 0, 2.0 * err + 1e-12);
                worst_mc = fmax(worst_mc, fabs(out[j].p_value - w));
                mc++;
            }
        }
        cases++;
    }
    fprintf(stderr, "  Dunnett: %d cases; p vs TVPACK (%d) max abs diff %.2g, vs glht (%d) %.2g "
            "(R's error up to 1.4e-6); critical value vs glht's confint %.2g relative\n",
            cases, tv, worst_tv, mc, worst_mc, worst_crit_mc);
    ck_assert_int_eq(cases, 6);
    ck_assert(tv == 10 && mc == 15);
    ck_assert_msg(failures == 0, "%d Dunnett values differ", failures);
}
END_TEST

/* Far tails for two means, where the adaptive quadrature before the trapezoid rules was off by
 * a factor 4 (q = 3000, df = 120: 1.0e-275 for 2.6e-276): Q = √2·|T| exactly, so the upper
 * tail is 2·pt(−q/√2, df) (tests/oracles/r/srange_far.R). And the lower tail at a tiny q, where
 * the spread Φ(z + w) − Φ(z) was a difference of close numbers (1e-8 off at p = 1e-10),
 * against the closed forms of t at df 1 and 2. */
START_TEST(studentized_range_far_tail) {
    failures = 0;
    lfile far = lfile_load("r/srange_far_expected.csv");
    size_t ntiny = 0;
    for (size_t i = 0; i < far.n; i++) {
        const lcase *c = &far.cases[i];
        double q = lcase_get(c, "q"), df = lcase_get(c, "df"), up;
        if (starts(c->name, "tiny_")) { /* the lower tail at a tiny q, and its quantile */
            double p = lcase_get(c, "p"), lo, qq;
            char what[96];
            ck_assert_int_eq(qc_stats_ptukey(q, 2.0, df, 0, &lo), QC_OK);
            ck_assert_int_eq(qc_stats_qtukey(p, 2.0, df, &qq), QC_OK);
            snprintf(what, sizeof what, "tiny q %g df %g", q, df);
            expect_close(what, lo, p, 1e-12, 1e-300);
            expect_close(what, qq, q, 1e-12, 1e-300);
            ntiny++;
            continue;
        }
        ck_assert_int_eq(qc_stats_ptukey(q, 2.0, df, 1, &up), QC_OK);
        char what[96];
        snprintf(what, sizeof what, "far tail q %g df %g", q, df);
        expect_close(what, up, lcase_get(c, "upper"), 1e-10, 1e-300);
    }
    ck_assert(far.n >= 15 + 8 && ntiny == 8);
    lfile_free(&far);
    ck_assert_msg(failures == 0, "%d far tails differ", failures);
}
END_TEST

START_TEST(errors) {
    double p, q;
    ck_assert_int_eq(qc_stats_ptukey(2.0, 1.0, 10, 0, &p), QC_EDOM);
    ck_assert(isnan(p));
    ck_assert_int_eq(qc_stats_ptukey(2.0, 3.0, 0.5, 0, &p), QC_EDOM);
    ck_assert_int_eq(qc_stats_ptukey(NAN, 3.0, 10, 0, &p), QC_EDOM);
    ck_assert_int_eq(qc_stats_ptukey(-1.0, 3.0, 10, 1, &p), QC_OK);
    ck_assert(p == 1.0);
    ck_assert_int_eq(qc_stats_ptukey(INFINITY, 3.0, 10, 0, &p), QC_OK);
    ck_assert(p == 1.0);
    ck_assert_int_eq(qc_stats_qtukey(1.0, 3.0, 10, &q), QC_EDOM);
    ck_assert(isnan(q));
    ck_assert_int_eq(qc_stats_qtukey(0.95, 3.0, INFINITY, &q), QC_OK);
    ck_assert(fabs(q - 3.314493) < 1e-6);  /* R: qtukey(0.95, 3, Inf) = 3.314493 */
    double lam[] = {0.5, 1.0};
    ck_assert_int_eq(qc_stats_pmaxt(2.0, lam, 2, 10, 1, &p), QC_EDOM);
    ck_assert_int_eq(qc_stats_pmaxt(2.0, lam, 0, 10, 1, &p), QC_EDOM);
    ck_assert_int_eq(qc_stats_qmaxt(0.0, lam, 1, 10, &q), QC_EDOM);
    /* one treatment, normal limit: P(|Z| > 1.959964) = 0.05 */
    ck_assert_int_eq(qc_stats_pmaxt(1.959963984540054, lam, 1, INFINITY, 1, &p), QC_OK);
    ck_assert(fabs(p - 0.05) < 1e-13);

    double y[] = {1, 2, 3, 4, 5, 6, 7, 8};
    size_t two[] = {4, 4}, empty[] = {4, 0, 4}, ones[] = {1, 1, 6};
    qc_pairwise out[QC_NPAIRS(3)];
    ck_assert_int_eq(qc_stats_tukey_hsd(y, 1, two, 1, 0.95, out), QC_EDOM);
    ck_assert_int_eq(qc_stats_tukey_hsd(y, 1, empty, 3, 0.95, out), QC_EDOM);
    ck_assert(isnan(out[0].p_value) && isnan(out[2].difference));
    ck_assert_int_eq(qc_stats_tukey_hsd(y, 1, two, 2, 1.5, out), QC_EDOM);
    ck_assert_int_eq(qc_stats_dunnett(y, 1, empty, 3, 0.95, out), QC_EDOM);
    ck_assert(isnan(out[1].p_value));
    /* no variance within the groups: no mean square */
    double flat[] = {1, 1, 1, 2, 2, 2};
    size_t three[] = {3, 3};
    ck_assert_int_eq(qc_stats_tukey_hsd(flat, 1, three, 2, 0.95, out), QC_EDOM);
    ck_assert_int_eq(qc_stats_dunnett(flat, 1, three, 2, 0.95, out), QC_EDOM);
    ck_assert_int_eq(qc_stats_games_howell(flat, 1, three, 2, 0.95, out), QC_EDOM);
    ck_assert(isnan(out[0].p_value));
    /* Games–Howell: the pairs of two single values have no variance; the others are fine */
    ck_assert_int_eq(qc_stats_games_howell(y, 1, ones, 3, 0.95, out), QC_EDOM);
    ck_assert(isnan(out[0].p_value) && isnan(out[1].p_value) && isnan(out[2].p_value));
    double nanx[] = {1, 2, NAN, 4};
    size_t twotwo[] = {2, 2};
    ck_assert_int_eq(qc_stats_games_howell(nanx, 1, twotwo, 2, 0.95, out), QC_EDOM);
}
END_TEST

int main(void) {
    Suite *s = suite_create("posthoc");
    TCase *tc = tcase_create("multiple_comparisons");
    tcase_add_unchecked_fixture(tc, load, unload);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, studentized_range);
    tcase_add_test(tc, studentized_range_quantile);
    tcase_add_test(tc, studentized_range_far_tail);
    tcase_add_test(tc, tukey_hsd);
    tcase_add_test(tc, games_howell);
    tcase_add_test(tc, dunnett);
    tcase_add_test(tc, errors);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
