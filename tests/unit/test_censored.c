/* test_censored.c — Check suite for the statistics of censored data (censored.h: Kaplan–Meier,
 * ROS, Peto–Prentice) and Fisher's exact test (stats.h).
 *
 * Oracles, read from $QC_ORACLES (default "tests/oracles"), never the code's own output:
 *   r/censored_expected.csv   R 4.2.2: survival::survfit and survdiff on Helsel's flipped data,
 *                             fisher.test, and Helsel's robust ROS written out in R
 *                             (r/censored.R), on Helsel's data (ShePyrene, CuZn zinc, Cadmium)
 *                             and constructed cases
 *   published/helsel_nada2_printed.csv  the values Helsel printed for ShePyrene and CuZn in the
 *                             NADA2 vignette (KM mean, sd, se, LCL; ROS mean, sd, quartiles;
 *                             Peto–Peto χ² and p)
 * Each check collects every mismatch (stderr) before failing. */
#include <gsl/gsl_cdf.h>

#include "groups_oracle.h"
#include "qcompare/censored.h"
#include "qcompare/stats.h"

/* A sample of a case: values and censoring flags (x1/c1 or x2/c2). */
typedef struct { double *x; unsigned char *c; size_t n; } sample;

static sample get_sample(const lcase *lc, int which) {
    char xn[8], cn[8];
    snprintf(xn, sizeof xn, "x%d", which);
    snprintf(cn, sizeof cn, "c%d", which);
    sample s;
    size_t nc;
    double *cv = lcase_vec(lc, cn, &nc);
    s.x = lcase_vec(lc, xn, &s.n);
    ck_assert_uint_eq(nc, s.n);
    s.c = malloc(s.n + 1);
    for (size_t i = 0; i < s.n; i++) s.c[i] = cv[i] != 0;
    free(cv);
    return s;
}

static void free_sample(sample *s) { free(s->x); free(s->c); }

static const char *cases[] = {"shepyrene", "cuzn", "cadmium", "ties", "uncensored",
                              "curve_ends_at_half", "one_detect", "mostly_censored"};

static void check(const lcase *lc, const char *tag, const char *what, double got, double rtol) {
    char key[64], label[128];
    snprintf(key, sizeof key, "%s_%s", tag, what);
    if (!lcase_has(lc, key)) return;
    snprintf(label, sizeof label, "%s %s", lc->name, key);
    expect_close(label, got, lcase_get(lc, key), rtol, 1e-13);
}

START_TEST(test_km_vs_survfit) {
    failures = 0;
    worst_rel = 0;
    lfile lf = lfile_load("r/censored_expected.csv");
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const lcase *lc = lfile_case(&lf, cases[k]);
        for (int w = 1; w <= 2; w++) {
            if (w == 2 && !lcase_has(lc, "x2")) break;
            sample s = get_sample(lc, w);
            double *work = malloc(5 * s.n * sizeof *work);
            size_t *iwork = malloc(s.n * sizeof *iwork);
            qc_km km;
            ck_assert_int_eq(qc_stats_km(s.x, s.c, s.n, work, iwork, &km), QC_OK);
            char tag[8];
            snprintf(tag, sizeof tag, "km%d", w);
            check(lc, tag, "mean", km.mean, 1e-13);
            check(lc, tag, "se", km.se, 1e-12);
            check(lc, tag, "sd", km.sd, 1e-12);
            check(lc, tag, "median", km.median, 1e-13);
            check(lc, tag, "q1", km.q1, 1e-12);
            check(lc, tag, "q3", km.q3, 1e-12);
            free(work); free(iwork); free_sample(&s);
        }
    }
    lfile_free(&lf);
    fprintf(stderr, "Kaplan–Meier vs survfit: worst relative error %.2g\n", worst_rel);
    ck_assert_msg(failures == 0, "%d mismatches", failures);
}
END_TEST

START_TEST(test_ros_vs_r) {
    failures = 0;
    worst_rel = 0;
    lfile lf = lfile_load("r/censored_expected.csv");
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const lcase *lc = lfile_case(&lf, cases[k]);
        for (int w = 1; w <= 2; w++) {
            if (w == 2 && !lcase_has(lc, "x2")) break;
            for (int lognormal = 1; lognormal >= 0; lognormal--) {
                char tag[8];
                snprintf(tag, sizeof tag, "%s%d", lognormal ? "ros" : "rosn", w);
                char key[32];
                snprintf(key, sizeof key, "%s_mean", tag);
                if (!lcase_has(lc, key)) continue;
                sample s = get_sample(lc, w);
                double *work = malloc(2 * s.n * sizeof *work);
                size_t *iwork = malloc(s.n * sizeof *iwork);
                qc_ros r;
                ck_assert_int_eq(qc_stats_ros(s.x, s.c, s.n, lognormal, NULL, work, iwork, &r),
                                 QC_OK);
                check(lc, tag, "intercept", r.intercept, 1e-12);
                check(lc, tag, "slope", r.slope, 1e-12);
                check(lc, tag, "mean", r.mean, 1e-12);
                check(lc, tag, "sd", r.sd, 1e-12);
                check(lc, tag, "median", r.median, 1e-12);
                check(lc, tag, "q1", r.q1, 1e-12);
                check(lc, tag, "q3", r.q3, 1e-12);
                free(work); free(iwork); free_sample(&s);
            }
        }
    }
    lfile_free(&lf);
    fprintf(stderr, "ROS vs R: worst relative error %.2g\n", worst_rel);
    ck_assert_msg(failures == 0, "%d mismatches", failures);
}
END_TEST

START_TEST(test_peto_prentice_vs_survdiff) {
    failures = 0;
    worst_rel = 0;
    lfile lf = lfile_load("r/censored_expected.csv");
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const lcase *lc = lfile_case(&lf, cases[k]);
        if (!lcase_has(lc, "x2")) continue;
        sample a = get_sample(lc, 1), b = get_sample(lc, 2);
        double *work = malloc(2 * (a.n + b.n) * sizeof *work);
        size_t *iwork = malloc((a.n + b.n) * sizeof *iwork);
        for (int rho = 1; rho >= 0; rho--) {
            qc_peto_prentice pp;
            ck_assert_int_eq(qc_stats_peto_prentice(a.x, a.c, a.n, b.x, b.c, b.n, rho, work,
                                                    iwork, &pp), QC_OK);
            const char *tag = rho ? "pp" : "lr";
            check(lc, tag, "chisq", pp.chi_square, 1e-11);
            check(lc, tag, "p", pp.p_value, 1e-11);
            check(lc, tag, "observed", pp.observed, 1e-13);
            check(lc, tag, "expected", pp.expected, 1e-13);
        }
        free(work); free(iwork); free_sample(&a); free_sample(&b);
    }
    lfile_free(&lf);
    fprintf(stderr, "Peto–Prentice / log-rank vs survdiff: worst relative error %.2g\n", worst_rel);
    ck_assert_msg(failures == 0, "%d mismatches", failures);
}
END_TEST

START_TEST(test_fisher_vs_r) {
    failures = 0;
    worst_rel = 0;
    lfile lf = lfile_load("r/censored_expected.csv");
    size_t seen = 0;
    for (size_t k = 0; k < lf.n; k++) {
        const lcase *lc = &lf.cases[k];
        if (strncmp(lc->name, "fisher_", 7) != 0) continue;
        size_t nt;
        double *t = lcase_vec(lc, "table", &nt);
        ck_assert_uint_eq(nt, 4);
        double p;
        ck_assert_int_eq(qc_stats_fisher_2x2((size_t)t[0], (size_t)t[1], (size_t)t[2],
                                             (size_t)t[3], &p), QC_OK);
        expect_close(lc->name, p, lcase_get(lc, "p"), 1e-12, 0);
        free(t);
        seen++;
    }
    ck_assert_uint_eq(seen, 8);
    lfile_free(&lf);
    fprintf(stderr, "Fisher vs fisher.test: worst relative error %.2g\n", worst_rel);
    ck_assert_msg(failures == 0, "%d mismatches", failures);
}
END_TEST

/* Helsel's printed values (NADA2 vignette), to the digits printed. */
START_TEST(test_helsel_printed) {
    failures = 0;
    lfile lf = lfile_load("r/censored_expected.csv");
    const lcase *py = lfile_case(&lf, "shepyrene"), *zn = lfile_case(&lf, "cuzn");
    sample p = get_sample(py, 1), af = get_sample(zn, 1), bt = get_sample(zn, 2);
    size_t nmax = p.n > af.n + bt.n ? p.n : af.n + bt.n;
    double *work = malloc(5 * nmax * sizeof *work);
    size_t *iwork = malloc(nmax * sizeof *iwork);
    qc_km kp, ka, kb;
    qc_ros rp;
    qc_peto_prentice pp;
    ck_assert_int_eq(qc_stats_km(p.x, p.c, p.n, work, iwork, &kp), QC_OK);
    ck_assert_int_eq(qc_stats_ros(p.x, p.c, p.n, 1, NULL, work, iwork, &rp), QC_OK);
    ck_assert_int_eq(qc_stats_km(af.x, af.c, af.n, work, iwork, &ka), QC_OK);
    ck_assert_int_eq(qc_stats_km(bt.x, bt.c, bt.n, work, iwork, &kb), QC_OK);
    ck_assert_int_eq(qc_stats_peto_prentice(af.x, af.c, af.n, bt.x, bt.c, bt.n, 1, work, iwork,
                                            &pp), QC_OK);
    double lcl_a = ka.mean - gsl_cdf_tdist_Pinv(0.975, (double)af.n - 1) * ka.se;
    double lcl_b = kb.mean - gsl_cdf_tdist_Pinv(0.975, (double)bt.n - 1) * kb.se;
    struct { const char *c, *s; double got; } got[] = {
        {"shepyrene", "km_mean", kp.mean}, {"shepyrene", "km_sd", kp.sd},
        {"shepyrene", "km_se", kp.se}, {"shepyrene", "km_median", kp.median},
        {"shepyrene", "ros_mean", rp.mean}, {"shepyrene", "ros_sd", rp.sd},
        {"shepyrene", "ros_q1", rp.q1}, {"shepyrene", "ros_median", rp.median},
        {"shepyrene", "ros_q3", rp.q3},
        {"cuzn_alluvialfan", "km_mean", ka.mean}, {"cuzn_alluvialfan", "km_sd", ka.sd},
        {"cuzn_alluvialfan", "km_lcl", lcl_a},
        {"cuzn_basintrough", "km_mean", kb.mean}, {"cuzn_basintrough", "km_sd", kb.sd},
        {"cuzn_basintrough", "km_lcl", lcl_b},
        {"cuzn", "pp_chisq", pp.chi_square}, {"cuzn", "pp_p", pp.p_value}};
    FILE *f = open_oracle("published/helsel_nada2_printed.csv");
    char line[256];
    size_t matched = 0;
    int header = 1;
    while (read_line(f, line, sizeof line)) {
        if (line[0] == '#' || !line[0]) continue;
        if (header) { header = 0; continue; }
        char cs[64], st[64];
        double v;
        int dec;
        ck_assert_int_eq(sscanf(line, "%63[^,],%63[^,],%lf,%d", cs, st, &v, &dec), 4);
        for (size_t i = 0; i < sizeof got / sizeof *got; i++)
            if (strcmp(got[i].c, cs) == 0 && strcmp(got[i].s, st) == 0) {
                char label[160];
                snprintf(label, sizeof label, "Helsel printed %s %s", cs, st);
                expect_decimals(label, got[i].got, v, dec);
                matched++;
            }
    }
    fclose(f);
    ck_assert_uint_eq(matched, sizeof got / sizeof *got);
    free(work); free(iwork); free_sample(&p); free_sample(&af); free_sample(&bt);
    lfile_free(&lf);
    ck_assert_msg(failures == 0, "%d mismatches", failures);
}
END_TEST

/* Undefined inputs: every output NaN and QC_EDOM. */
START_TEST(test_censored_edges) {
    double work[50];
    size_t iwork[10];
    double x[] = {1, 2, 3, 4, 5};
    unsigned char all[] = {1, 1, 1, 1, 1}, two[] = {1, 1, 1, 0, 0}, none[] = {0, 0, 0, 0, 0};
    qc_km km;
    ck_assert_int_eq(qc_stats_km(x, all, 5, work, iwork, &km), QC_EDOM);  /* nothing detected */
    ck_assert(isnan(km.mean) && isnan(km.median));
    ck_assert_uint_eq(km.n_censored, 5);
    ck_assert_int_eq(qc_stats_km(x, all, 0, work, iwork, &km), QC_EDOM);
    double bad[] = {1, NAN, 3};
    ck_assert_int_eq(qc_stats_km(bad, none, 3, work, iwork, &km), QC_EDOM);
    /* no censoring: the mean, the plug-in sd √(Σ(x − 3)²/5) = √2, survfit's median 3 */
    ck_assert_int_eq(qc_stats_km(x, none, 5, work, iwork, &km), QC_OK);
    ck_assert_double_eq_tol(km.mean, 3, 1e-15);
    ck_assert_double_eq_tol(km.sd, sqrt(2.0), 1e-15);
    ck_assert_double_eq_tol(km.median, 3, 1e-15);
    ck_assert_int_eq(km.restricted, 0);
    qc_ros r;
    ck_assert_int_eq(qc_stats_ros(x, two, 5, 1, NULL, work, iwork, &r), QC_EDOM);  /* 2 detects */
    ck_assert(isnan(r.mean));
    double neg[] = {-1, 2, 3, 4, 0.5};
    unsigned char c1[] = {0, 0, 0, 0, 1};
    ck_assert_int_eq(qc_stats_ros(neg, c1, 5, 1, NULL, work, iwork, &r), QC_EDOM);  /* log(−1) */
    ck_assert_int_eq(qc_stats_ros(neg, c1, 5, 0, NULL, work, iwork, &r), QC_OK);   /* normal */
    double same[] = {2, 2, 2, 1};
    unsigned char c2[] = {0, 0, 0, 1};
    ck_assert_int_eq(qc_stats_ros(same, c2, 4, 0, NULL, work, iwork, &r), QC_OK);  /* slope 0 */
    ck_assert_double_eq_tol(r.slope, 0, 1e-15);
    qc_peto_prentice pp;
    ck_assert_int_eq(qc_stats_peto_prentice(x, all, 5, x, all, 5, 1, work, iwork, &pp), QC_EDOM);
    ck_assert(isnan(pp.p_value));
    ck_assert_int_eq(qc_stats_peto_prentice(x, none, 0, x, none, 5, 1, work, iwork, &pp), QC_EDOM);
    double p;
    ck_assert_int_eq(qc_stats_fisher_2x2(0, 0, 0, 0, &p), QC_EDOM);
    ck_assert(isnan(p));
    ck_assert_int_eq(qc_stats_fisher_2x2(0, 0, 4, 6, &p), QC_OK);  /* one row empty: p = 1 */
    ck_assert_double_eq(p, 1.0);
}
END_TEST

int main(void) {
    qc_stats_init();
    Suite *s = suite_create("censored");
    TCase *tc = tcase_create("censored");
    tcase_add_test(tc, test_km_vs_survfit);
    tcase_add_test(tc, test_ros_vs_r);
    tcase_add_test(tc, test_peto_prentice_vs_survdiff);
    tcase_add_test(tc, test_fisher_vs_r);
    tcase_add_test(tc, test_helsel_printed);
    tcase_add_test(tc, test_censored_edges);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
