/* test_compare.c — Check suite for subject vs reference, engine/compare/gap.c (compare.h).
 *
 * Oracles:
 *   r/compare_expected.csv   written by r/compare.R: R t.test(x, y) (Welch t, df, two-sided p,
 *                            95 % CI) and t.test(x, y, alternative = "greater" / "less") for
 *                            p_subject_better (higher_is_better / lower_is_better). Read from
 *                            $QC_ORACLES (default "tests/oracles").
 *   relative gap and verdict: DESIGN §5 formulas worked by hand in the comments below.
 * main() returns 1 when any test failed, else 0. */
#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle_check.h"
#include "qcompare/compare.h"

/* ---------- helpers ---------- */

static qc_describe summary(size_t n, double mean, double sd) {
    qc_describe d;
    memset(&d, 0, sizeof d);
    d.n = n;
    d.mean = mean;
    d.sd = sd;
    d.var = sd * sd;
    d.cv = mean != 0 ? sd / fabs(mean) : NAN;
    d.min = d.max = d.median = d.q1 = d.q3 = mean;
    return d;
}

/* ---------- relative gap (hand formulas, DESIGN §5) ---------- */

START_TEST(test_relative_gap_higher) {
    qc_gap g;
    /* higher-better: (s − r)/|r| = (110 − 100)/100 = 0.10 */
    qc_describe s = summary(5, 110, 4), r = summary(5, 100, 4);
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_HIGHER, NAN, NAN, 0.95, &g), QC_OK);
    ck_assert_double_eq_tol(g.relative_gap, 0.10, 1e-15);
    ck_assert_double_eq_tol(g.difference, 10, 1e-13);
    /* a worse subject: (90 − 100)/100 = −0.10 */
    s = summary(5, 90, 4);
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_HIGHER, NAN, NAN, 0.95, &g), QC_OK);
    ck_assert_double_eq_tol(g.relative_gap, -0.10, 1e-15);
    /* negative reference mean uses |r|: (−40 − (−50))/50 = 0.20 */
    s = summary(5, -40, 3);
    r = summary(5, -50, 3);
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_HIGHER, NAN, NAN, 0.95, &g), QC_OK);
    ck_assert_double_eq_tol(g.relative_gap, 0.20, 1e-15);
    /* r = 0: undefined */
    s = summary(5, 1, 1);
    r = summary(5, 0, 1);
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_HIGHER, NAN, NAN, 0.95, &g), QC_OK);
    ck_assert(isnan(g.relative_gap));
}
END_TEST

START_TEST(test_relative_gap_lower) {
    qc_gap g;
    /* lower-better: (r − s)/|r| = (0.91 − 0.81)/0.91 = 0.10989010989010989 */
    qc_describe s = summary(5, 0.81, 0.03), r = summary(8, 0.91, 0.04);
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_LOWER, NAN, NAN, 0.95, &g), QC_OK);
    ck_assert_double_eq_tol(g.relative_gap, 0.10 / 0.91, 1e-14);
    /* the raw difference keeps its sign: s − r = −0.10 */
    ck_assert_double_eq_tol(g.difference, -0.10, 1e-14);
    /* subject higher is worse: (100 − 125)/100 = −0.25 */
    s = summary(4, 125, 5);
    r = summary(4, 100, 5);
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_LOWER, NAN, NAN, 0.95, &g), QC_OK);
    ck_assert_double_eq_tol(g.relative_gap, -0.25, 1e-15);
}
END_TEST

START_TEST(test_relative_gap_nominal) {
    qc_gap g;
    /* nominal, target 10, half tolerance 0.5:
     * s = 10.1, r = 10.3 → (|10.3 − 10| − |10.1 − 10|)/0.5 = (0.3 − 0.1)/0.5 = 0.4 */
    qc_describe s = summary(6, 10.1, 0.05), r = summary(6, 10.3, 0.05);
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_NOMINAL, 10, 0.5, 0.95, &g), QC_OK);
    ck_assert_double_eq_tol(g.relative_gap, 0.4, 1e-13);
    /* the side does not matter, only the distance: s = 9.9, r = 9.6 → (0.4 − 0.1)/0.5 = 0.6 */
    s = summary(6, 9.9, 0.05);
    r = summary(6, 9.6, 0.05);
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_NOMINAL, 10, 0.5, 0.95, &g), QC_OK);
    ck_assert_double_eq_tol(g.relative_gap, 0.6, 1e-13);
    /* subject further away: s = 10.4, r = 9.8 → (0.2 − 0.4)/0.5 = −0.4 */
    s = summary(6, 10.4, 0.05);
    r = summary(6, 9.8, 0.05);
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_NOMINAL, 10, 0.5, 0.95, &g), QC_OK);
    ck_assert_double_eq_tol(g.relative_gap, -0.4, 1e-13);
    /* no one-sided p for nominal-is-best */
    ck_assert(isnan(g.p_subject_better));
    /* no half tolerance: undefined */
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_NOMINAL, 10, NAN, 0.95, &g), QC_OK);
    ck_assert(isnan(g.relative_gap));
}
END_TEST

/* ---------- Welch and one-sided p against R ---------- */

START_TEST(test_p_subject_better_vs_r) {
    char path[4096], line[1024];
    snprintf(path, sizeof path, "%s/r/compare_expected.csv", oracle_dir());
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open oracle %s (set QC_ORACLES)", path);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f)); /* header */
    int rows = 0;
    failures = 0;
    while (fgets(line, sizeof line, f)) {
        char name[64];
        unsigned n1, n2;
        double m1, s1, m2, s2, t, df, p2, pg, pl, lo, hi;
        int got = sscanf(line, "%63[^,],%u,%lf,%lf,%u,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf", name,
                         &n1, &m1, &s1, &n2, &m2, &s2, &t, &df, &p2, &pg, &pl, &lo, &hi);
        ck_assert_msg(got == 14, "bad oracle row: %s", line);
        rows++;
        qc_describe s = summary(n1, m1, s1), r = summary(n2, m2, s2);
        qc_gap g;
        char label[128];
        for (int dir = 0; dir < 3; dir++) {
            ck_assert_int_eq(qc_compare_gap(&s, &r, (qc_direction)dir, NAN, NAN, 0.95, &g), QC_OK);
            snprintf(label, sizeof label, "%s dir %d", name, dir);
            double want = dir == QC_DIR_HIGHER ? pg : dir == QC_DIR_LOWER ? pl : NAN;
            char l2[160];
            snprintf(l2, sizeof l2, "%s p_subject_better", label);
            expect_close(l2, g.p_subject_better, want, 1e-9, 0);
            snprintf(l2, sizeof l2, "%s welch.t", label);
            expect_close(l2, g.welch.t, t, 1e-12, 0);
            snprintf(l2, sizeof l2, "%s welch.df", label);
            expect_close(l2, g.welch.df, df, 1e-12, 0);
            snprintf(l2, sizeof l2, "%s welch.p", label);
            expect_close(l2, g.welch.p_value, p2, 1e-9, 0);
            snprintf(l2, sizeof l2, "%s difference", label);
            expect_close(l2, g.difference, m1 - m2, 1e-15, 1e-15);
            snprintf(l2, sizeof l2, "%s difference_lo", label);
            expect_close(l2, g.difference_lo, lo, 1e-10, 0);
            snprintf(l2, sizeof l2, "%s difference_hi", label);
            expect_close(l2, g.difference_hi, hi, 1e-10, 0);
            /* the caller sets p_adjusted; the comparison leaves it unset */
            if (!isnan(g.p_adjusted)) fail_note("%s p_adjusted set to %g", label, g.p_adjusted);
        }
    }
    fclose(f);
    ck_assert_int_eq(rows, 4);
    ck_assert_msg(failures == 0, "%d comparison checks failed", failures);
}
END_TEST

START_TEST(test_one_sided_direction) {
    /* Independent of R: the one-sided p in the favoured direction is below one half exactly
     * when the subject is better, and the two one-sided p add to 1. s = 456, r = 436 (stronger
     * subject, from compare.R's "stronger" data). */
    qc_describe s = summary(6, 456, 5.9329587896765306), r = summary(7, 436, 5.8309518948453007);
    qc_gap hi, lo;
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_HIGHER, NAN, NAN, 0.95, &hi), QC_OK);
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_LOWER, NAN, NAN, 0.95, &lo), QC_OK);
    ck_assert(hi.p_subject_better < 0.001);
    ck_assert(lo.p_subject_better > 0.999);
    ck_assert_double_eq_tol(hi.p_subject_better + lo.p_subject_better, 1.0, 1e-12);
    /* one-sided p is half the two-sided p in the direction of the observed difference */
    ck_assert_double_eq_tol(hi.p_subject_better, hi.welch.p_value / 2, 1e-15);
}
END_TEST

/* ---------- verdict (hand cases, DESIGN §5) ---------- */

static qc_gap gap_with(double difference, double relative_gap, double p_adjusted) {
    qc_gap g;
    memset(&g, 0, sizeof g);
    g.difference = difference;
    g.relative_gap = relative_gap;
    g.p_adjusted = p_adjusted;
    g.p_subject_better = NAN;
    g.tost.p_value = NAN;  /* no equivalence test unless a case sets one */
    g.verdict = QC_VERDICT_INCONCLUSIVE;
    return g;
}

START_TEST(test_verdict) {
    const double a = 0.05;
    qc_gap g;
    /* higher-better: subject − reference > 0 is better */
    g = gap_with(12, 0.03, 0.01);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_HIGHER, a), QC_VERDICT_LEADING);
    g = gap_with(-12, -0.03, 0.01);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_HIGHER, a), QC_VERDICT_LAGGING);
    /* lower-better: a lower subject mean leads */
    g = gap_with(-0.1, 0.11, 0.004);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_LOWER, a), QC_VERDICT_LEADING);
    g = gap_with(0.1, -0.11, 0.004);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_LOWER, a), QC_VERDICT_LAGGING);
    /* nominal-is-best: the sign of the relative gap (closer to the target leads), whatever the
     * sign of the raw difference */
    g = gap_with(-0.2, 0.4, 0.02);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_NOMINAL, a), QC_VERDICT_LEADING);
    g = gap_with(-0.2, -0.4, 0.02);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_NOMINAL, a), QC_VERDICT_LAGGING);
    g = gap_with(-0.2, NAN, 0.02);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_NOMINAL, a), QC_VERDICT_INCONCLUSIVE);
    /* not significant after adjustment: inconclusive, whatever the direction */
    g = gap_with(12, 0.03, 0.2);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_HIGHER, a), QC_VERDICT_INCONCLUSIVE);
    g = gap_with(-0.1, 0.11, 0.051);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_LOWER, a), QC_VERDICT_INCONCLUSIVE);
    /* p < α is strict: p_adjusted == α is not significant */
    g = gap_with(12, 0.03, 0.05);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_HIGHER, a), QC_VERDICT_INCONCLUSIVE);
    /* another α */
    g = gap_with(12, 0.03, 0.02);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_HIGHER, 0.01), QC_VERDICT_INCONCLUSIVE);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_HIGHER, 0.10), QC_VERDICT_LEADING);
    /* p_adjusted never set (NaN): inconclusive */
    g = gap_with(12, 0.03, NAN);
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_HIGHER, a), QC_VERDICT_INCONCLUSIVE);
    /* equivalence first (DESIGN §5): TOST p < α → on_par, even when the difference is also
     * significant; TOST p ≥ α falls through to the p_adjusted rule */
    g = gap_with(12, 0.03, 0.001);
    g.tost.p_value = 0.01;
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_HIGHER, a), QC_VERDICT_ON_PAR);
    g.tost.p_value = 0.05;
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_HIGHER, a), QC_VERDICT_LEADING);
    /* names as in the output schema */
    ck_assert_str_eq(qc_verdict_name(QC_VERDICT_LEADING), "leading");
    ck_assert_str_eq(qc_verdict_name(QC_VERDICT_ON_PAR), "on_par");
    ck_assert_str_eq(qc_verdict_name(QC_VERDICT_LAGGING), "lagging");
    ck_assert_str_eq(qc_verdict_name(QC_VERDICT_INCONCLUSIVE), "inconclusive");
}
END_TEST

START_TEST(test_verdict_from_gap) {
    /* End to end on the R data: compare.R "lower" (impurity, lower is better), the subject mean
     * 0.81 below the reference 0.91, p_less = 2.18e-4 from R. With p_adjusted = that p the
     * subject leads for lower-is-better and lags for higher-is-better. */
    qc_describe s = summary(5, 0.81000000000000005, 0.031622776601683771),
                r = summary(8, 0.91000000000000003, 0.036253078686998619);
    qc_gap g;
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_LOWER, NAN, NAN, 0.95, &g), QC_OK);
    g.p_adjusted = g.welch.p_value;
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_LOWER, 0.05), QC_VERDICT_LEADING);
    ck_assert_int_eq(qc_compare_gap(&s, &r, QC_DIR_HIGHER, NAN, NAN, 0.95, &g), QC_OK);
    g.p_adjusted = g.welch.p_value;
    ck_assert_int_eq(qc_compare_verdict(&g, QC_DIR_HIGHER, 0.05), QC_VERDICT_LAGGING);
}
END_TEST

START_TEST(test_too_few) {
    qc_gap g;
    qc_describe one = summary(1, 450, NAN), two = summary(2, 440, 5), many = summary(8, 430, 6);
    ck_assert_int_eq(qc_compare_gap(&one, &many, QC_DIR_HIGHER, NAN, NAN, 0.95, &g), QC_EDOM);
    ck_assert(isnan(g.p_subject_better));
    ck_assert_int_eq(qc_compare_gap(&many, &one, QC_DIR_HIGHER, NAN, NAN, 0.95, &g), QC_EDOM);
    ck_assert(isnan(g.p_subject_better));
    qc_describe zero = summary(0, NAN, NAN);
    ck_assert_int_eq(qc_compare_gap(&zero, &many, QC_DIR_LOWER, NAN, NAN, 0.95, &g), QC_EDOM);
    /* n = 2 is enough */
    ck_assert_int_eq(qc_compare_gap(&two, &many, QC_DIR_HIGHER, NAN, NAN, 0.95, &g), QC_OK);
    ck_assert(g.p_subject_better > 0 && g.p_subject_better < 1);
    /* both variances zero: no comparison */
    qc_describe c1 = summary(4, 10, 0), c2 = summary(4, 11, 0);
    ck_assert_int_eq(qc_compare_gap(&c1, &c2, QC_DIR_HIGHER, NAN, NAN, 0.95, &g), QC_EDOM);
    ck_assert(isnan(g.p_subject_better));
}
END_TEST

static Suite *compare_suite(void) {
    Suite *s = suite_create("compare");
    TCase *tc = tcase_create("gap");
    tcase_add_test(tc, test_relative_gap_higher);
    tcase_add_test(tc, test_relative_gap_lower);
    tcase_add_test(tc, test_relative_gap_nominal);
    tcase_add_test(tc, test_p_subject_better_vs_r);
    tcase_add_test(tc, test_one_sided_direction);
    tcase_add_test(tc, test_too_few);
    suite_add_tcase(s, tc);
    tc = tcase_create("verdict");
    tcase_add_test(tc, test_verdict);
    tcase_add_test(tc, test_verdict_from_gap);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    qc_stats_init();
    SRunner *sr = srunner_create(compare_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
