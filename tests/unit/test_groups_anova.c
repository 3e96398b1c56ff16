/* test_groups_anova.c — Check suite for the several-group part of the GROUPS section of
 * stats.h: one-way ANOVA and Welch ANOVA (anova.c), Kruskal–Wallis (ranks.c), Brown–Forsythe of
 * k groups (dispersion.c). The two-group tests are in test_groups.c.
 *
 * Oracles, read from $QC_ORACLES (default "tests/oracles"), never the code's own output:
 *   nist_strd/anova/NAME.dat  NIST StRD ANOVA; certified df, SS, MS, F, R² and residual sd
 *                             parsed from the headers (whose line ranges are honoured)
 *   r/groups_expected.csv     R 4.2.2 anova(lm()), oneway.test, kruskal.test and
 *                             Brown–Forsythe as anova(lm(|y − median| ~ g)) (r/groups.R)
 *   published/nag_g08afc_kruskal_wallis.csv + NAG's printed H = 10.537, df 4, p 0.032
 *   r_reference/stats-Ex_selected.Rout.txt  R-core's printed kruskal.test and oneway.test
 *                             examples (Hollander & Wolfe p. 116, airquality, sleep) */
#include <float.h>

#include "groups_oracle.h"
#include "qcompare/stats.h"

/* ---------- NIST StRD ANOVA ---------- */

typedef struct {
    const char *name;
    double min_lre; /* DESIGN §8 (SmLs08–09: see test_anova_nist_strd) */
} anova_set;

static const anova_set anova_sets[] = {
    {"SiRstv", 9}, {"SmLs01", 9}, {"SmLs02", 9}, {"SmLs03", 9}, {"SmLs04", 9}, {"SmLs05", 9},
    {"SmLs06", 9}, {"SmLs07", 4}, {"SmLs08", 3.9}, {"SmLs09", 3.9}, {"AtmWtAg", 9},
};

typedef struct {
    double dfb, ssb, msb, f, dfw, ssw, msw, r2, rsd;
} anova_cert;

/* Reads a StRD ANOVA file: the "Data (lines c to d)" range from the header, the certified
 * values from the block that starts at the "Certified Values:" line and ends at the data, and
 * the data (group label, value; groups contiguous) within lines c..d into x and sizes. With
 * strip != 0 the integer part of the first value is removed from every value as text before
 * conversion (1000000000000.4 → 0.4): the same data shifted by a constant, which leaves every
 * ANOVA statistic unchanged, but now represented to 16 digits in binary64. (The
 * header's "Certified Values (lines a to b)" range is not used: AtmWtAg's says 41 to 47 but its
 * residual sd is on line 48.) */
static double *strd_load(const char *name, int strip, size_t *n, size_t *sizes, size_t *k,
                         anova_cert *cert) {
    char rel[256], line[512];
    snprintf(rel, sizeof rel, "nist_strd/anova/%s.dat", name);
    FILE *f = open_oracle(rel);
    long data_a = 0, data_b = 0, lineno = 0;
    long long offset = 0;
    int in_cert = 0;
    size_t cap = 256;
    double *x = malloc(cap * sizeof *x);
    int last_label = -1, got_b = 0, got_w = 0;
    *n = *k = 0;
    memset(cert, 0, sizeof *cert);
    cert->r2 = cert->rsd = NAN;
    while (read_line(f, line, sizeof line)) {
        lineno++;
        char *p;
        if ((p = strstr(line, "Data")) && strstr(line, "lines") && data_a == 0)
            ck_assert(sscanf(strstr(p, "lines"), "lines %ld to %ld", &data_a, &data_b) == 2);
        if (strncmp(line, "Certified Values:", 17) == 0) in_cert = 1;
        if (strncmp(line, "Data:", 5) == 0) in_cert = 0;
        if (in_cert) {
            if (strncmp(line, "Between", 7) == 0) {
                p = line + strcspn(line, "0123456789");
                ck_assert(sscanf(p, "%lf %lf %lf %lf", &cert->dfb, &cert->ssb, &cert->msb,
                                 &cert->f) == 4);
                got_b = 1;
            } else if (strncmp(line, "Within", 6) == 0) {
                p = line + strcspn(line, "0123456789");
                ck_assert(sscanf(p, "%lf %lf %lf", &cert->dfw, &cert->ssw, &cert->msw) == 3);
                got_w = 1;
            } else if ((p = strstr(line, "Certified R-Squared"))) {
                cert->r2 = strtod(p + strlen("Certified R-Squared"), NULL);
            } else if ((p = strstr(line, "Standard Deviation"))) {
                cert->rsd = strtod(p + strlen("Standard Deviation"), NULL);
            }
        }
        if (data_a > 0 && lineno >= data_a && lineno <= data_b) {
            int label;
            char text[64];
            ck_assert_msg(sscanf(line, "%d %63s", &label, text) == 2, "%s:%ld: '%s'", name,
                          lineno, line);
            double v = strtod(text, NULL);
            if (strip) {
                char *dot = strchr(text, '.');
                ck_assert(dot != NULL && text[0] != '-');
                long long ip = strtoll(text, NULL, 10);
                if (*n == 0) offset = ip;
                v = (double)(ip - offset) + strtod(dot, NULL);
            }
            if (label != last_label) {
                ck_assert_msg(*k < 16, "%s: too many groups", name);
                sizes[(*k)++] = 0;
                last_label = label;
            }
            sizes[*k - 1]++;
            if (*n == cap) x = realloc(x, (cap *= 2) * sizeof *x);
            x[(*n)++] = v;
        }
    }
    fclose(f);
    ck_assert_msg(got_b && got_w && !isnan(cert->r2) && !isnan(cert->rsd),
                  "%s: certified values not found", name);
    ck_assert_msg(*n == (size_t)(data_b - data_a + 1), "%s: %zu values, header says %ld", name,
                  *n, data_b - data_a + 1);
    ck_assert_msg((double)(*k - 1) == cert->dfb && (double)(*n - *k) == cert->dfw,
                  "%s: groups do not match the certified df", name);
    return x;
}

/* Checks one set's ANOVA against its certified values; returns the smallest LRE. */
static double strd_check(const char *name, int strip, double floor_lre) {
    size_t n, k, sizes[16];
    anova_cert c;
    double *x = strd_load(name, strip, &n, sizes, &k, &c);
    qc_anova a;
    ck_assert_int_eq(qc_stats_anova_oneway(x, 1, sizes, k, &a), QC_OK);
    ck_assert(a.df_between == c.dfb && a.df_within == c.dfw);
    const char *what[7] = {"SSB", "SSW", "MSB", "MSW", "F", "R2", "resid sd"};
    double got[7] = {a.ss_between, a.ss_within, a.ms_between, a.ms_within, a.f, a.r_squared,
                     sqrt(a.ms_within)};
    double want[7] = {c.ssb, c.ssw, c.msb, c.msw, c.f, c.r2, c.rsd};
    double worst = 15.0;
    printf("NIST StRD ANOVA %-8s%s n=%5zu k=%zu  LRE", name, strip ? " (offset off)" : "", n, k);
    for (int i = 0; i < 7; i++) {
        double l = lre(got[i], want[i]);
        printf(" %s %.1f", what[i], l);
        if (l < worst) worst = l;
        if (l < floor_lre)
            fail_note("%s%s %s LRE %.2f < %.1f (got %.15g, certified %.15g)", name,
                      strip ? " (offset off)" : "", what[i], l, floor_lre, got[i], want[i]);
    }
    printf("  (min %.1f, floor %.1f)\n", worst, floor_lre);
    /* The same data read with a stride (interleaved with garbage) give the same numbers. */
    double *x2 = malloc(2 * n * sizeof *x2);
    for (size_t i = 0; i < n; i++) {
        x2[2 * i] = x[i];
        x2[2 * i + 1] = NAN;
    }
    qc_anova a2;
    ck_assert_int_eq(qc_stats_anova_oneway(x2, 2, sizes, k, &a2), QC_OK);
    if (a2.f != a.f || a2.ss_within != a.ss_within) fail_note("%s: strided ANOVA differs", name);
    free(x2);
    free(x);
    return worst;
}

/* DESIGN §8: >= 9 digits on SiRstv, SmLs01–06, AtmWtAg; SmLs07–09 reported, floor 4. On
 * SmLs08 and SmLs09 SSB and MSB reach only 3.9: the data (1e12 + 0.x) are stored to ±6e-5 in
 * binary64, and exact rational arithmetic on those same doubles gives the same 3.9 digits (this
 * code agrees with that exact result to >= 13.8 digits on every set), so 4 is out of reach of
 * any algorithm and their floor is 3.9. That the limit is the input and not the arithmetic is
 * shown by the second pass: the same files with the constant integer part removed as text
 * (an exact shift, to which every ANOVA statistic is invariant) meet the certified values to
 * >= 12 digits on every SmLs set. */
START_TEST(test_anova_nist_strd) {
    failures = 0;
    for (size_t s = 0; s < sizeof anova_sets / sizeof anova_sets[0]; s++)
        strd_check(anova_sets[s].name, 0, anova_sets[s].min_lre);
    for (size_t s = 1; s <= 9; s++) {
        char name[16];
        snprintf(name, sizeof name, "SmLs%02zu", s);
        strd_check(name, 1, 12.0);
    }
    fflush(stdout);
    ck_assert_msg(failures == 0, "%d NIST StRD ANOVA checks failed", failures);
}
END_TEST

/* ---------- R: anova, oneway.test, kruskal.test, Brown–Forsythe ---------- */

static const char *r_cases[] = {"nag_g08afc", "hw_p116",      "ozone_month", "sleep",
                                "PlantGrowth", "InsectSprays", "warpbreaks",  "unequal"};

/* Concatenates the groups g1, g2, … of a case; returns x (malloc'ed), sizes and k. */
static double *case_groups(const lcase *c, size_t *sizes, size_t *k, size_t *n) {
    double *x = malloc(c->n * sizeof *x);
    ck_assert(x != NULL);
    *k = *n = 0;
    for (;;) {
        char g[16];
        snprintf(g, sizeof g, "g%zu", *k + 1);
        if (!lcase_has(c, g)) break;
        size_t m;
        double *v = lcase_vec(c, g, &m);
        memcpy(x + *n, v, m * sizeof *v);
        free(v);
        ck_assert(*k < 16);
        sizes[(*k)++] = m;
        *n += m;
    }
    ck_assert_msg(*k >= 2, "%s: fewer than 2 groups", c->name);
    return x;
}

START_TEST(test_groups_vs_r) {
    failures = 0;
    worst_rel = 0;
    lfile lf = lfile_load("r/groups_expected.csv");
    for (size_t i = 0; i < sizeof r_cases / sizeof r_cases[0]; i++) {
        const lcase *c = lfile_case(&lf, r_cases[i]);
        size_t sizes[16], k, n;
        double *x = case_groups(c, sizes, &k, &n);
        double *work = malloc(n * sizeof *work);
        size_t *iwork = malloc(n * sizeof *iwork);
        char label[96];
#define CHK(got, col, rtol)                                      \
    snprintf(label, sizeof label, "%s %s", c->name, col);        \
    expect_close(label, got, lcase_get(c, col), rtol, 0)
        qc_anova a;
        ck_assert_int_eq(qc_stats_anova_oneway(x, 1, sizes, k, &a), QC_OK);
        CHK(a.ss_between, "ssb", 1e-12);
        CHK(a.ss_within, "ssw", 1e-12);
        CHK(a.df_between, "dfb", 0);
        CHK(a.df_within, "dfw", 0);
        CHK(a.ms_between, "msb", 1e-12);
        CHK(a.ms_within, "msw", 1e-12);
        CHK(a.f, "F", 1e-12);
        CHK(a.p_value, "p", 1e-10);
        CHK(a.r_squared, "r2", 1e-12);
        qc_welch_anova w;
        ck_assert_int_eq(qc_stats_anova_welch(x, 1, sizes, k, &w), QC_OK);
        CHK(w.f, "welch_F", 1e-12);
        CHK(w.df1, "welch_df1", 0);
        CHK(w.df2, "welch_df2", 1e-12);
        CHK(w.p_value, "welch_p", 1e-10);
        qc_kruskal kw;
        ck_assert_int_eq(qc_stats_kruskal_wallis(x, 1, sizes, k, work, iwork, &kw), QC_OK);
        CHK(kw.h, "kw_H", 1e-12);
        CHK(kw.df, "kw_df", 0);
        CHK(kw.p_value, "kw_p", 1e-10);
        qc_levene b;
        ck_assert_int_eq(qc_stats_brown_forsythe(x, 1, sizes, k, work, &b), QC_OK);
        CHK(b.f, "bf_F", 1e-11);
        CHK(b.df1, "bf_df1", 0);
        CHK(b.df2, "bf_df2", 0);
        CHK(b.p_value, "bf_p", 1e-10);
#undef CHK
        free(x);
        free(work);
        free(iwork);
    }
    lfile_free(&lf);
    printf("ANOVA / Welch / Kruskal-Wallis / Brown-Forsythe vs R: max rel err %.2g\n",
           worst_rel);
    fflush(stdout);
    ck_assert_msg(failures == 0, "%d several-group checks failed", failures);
}
END_TEST

/* ---------- published printed values ---------- */

START_TEST(test_groups_published) {
    failures = 0;
    /* NAG g08afc: H = 10.537, df 4, p 0.032, on the published data. */
    FILE *f = open_oracle("published/nag_g08afc_kruskal_wallis.csv");
    char line[1024], buf[32];
    double x[64], work[64];
    size_t iwork[64], sizes[8] = {0}, k = 0, n = 0;
    int last = -1;
    ck_assert(read_line(f, line, sizeof line));
    while (read_line(f, line, sizeof line)) {
        int g;
        double v;
        if (sscanf(line, "%d,%lf", &g, &v) != 2) continue;
        if (g != last) {
            k++;
            last = g;
        }
        sizes[k - 1]++;
        x[n++] = v;
    }
    fclose(f);
    ck_assert_uint_eq(k, 5);
    ck_assert_uint_eq(n, 35);
    qc_kruskal kw;
    ck_assert_int_eq(qc_stats_kruskal_wallis(x, 1, sizes, k, work, iwork, &kw), QC_OK);
    expect_printed("NAG g08afc H", kw.h, "10.537");
    expect_printed("NAG g08afc df", kw.df, "4");
    expect_printed("NAG g08afc p", kw.p_value, "0.032");

    /* R-core's kruskal.test examples. Hollander & Wolfe p. 116 (twice: list and x, g). */
    double hw[] = {2.9, 3.0, 2.5, 2.6, 3.2, 3.8, 2.7, 4.0, 2.4, 2.8, 3.4, 3.7, 2.2, 2.0};
    size_t hws[] = {5, 4, 5};
    ck_assert_int_eq(qc_stats_kruskal_wallis(hw, 1, hws, 3, work, iwork, &kw), QC_OK);
    for (int nth = 1; nth <= 2; nth++) {
        rout_line("kruskal.test(", nth, "Kruskal-Wallis chi-squared", line, sizeof line);
        expect_printed("H&W H", kw.h, rout_field(line, "chi-squared", buf, sizeof buf));
        expect_printed("H&W df", kw.df, rout_field(line, "df", buf, sizeof buf));
        expect_printed("H&W p", kw.p_value, rout_field(line, "p-value", buf, sizeof buf));
    }
    /* Ozone by Month (NA dropped): data from the R oracle file, printed values from R-core. */
    lfile lf = lfile_load("r/groups_expected.csv");
    size_t oz_sizes[16], ok = 0, on = 0;
    const lcase *oz = lfile_case(&lf, "ozone_month");
    double ozx[200], ozw[200];
    size_t oziw[200];
    for (;;) {
        char g[16];
        snprintf(g, sizeof g, "g%zu", ok + 1);
        if (!lcase_has(oz, g)) break;
        size_t m;
        double *v = lcase_vec(oz, g, &m);
        ck_assert(on + m <= 200);
        memcpy(ozx + on, v, m * sizeof *v);
        free(v);
        oz_sizes[ok++] = m;
        on += m;
    }
    ck_assert_uint_eq(on, 116);
    ck_assert_int_eq(qc_stats_kruskal_wallis(ozx, 1, oz_sizes, ok, ozw, oziw, &kw), QC_OK);
    rout_line("kruskal.test(Ozone ~ Month", 1, "Kruskal-Wallis chi-squared", line, sizeof line);
    expect_printed("Ozone H", kw.h, rout_field(line, "chi-squared", buf, sizeof buf));
    expect_printed("Ozone p", kw.p_value, rout_field(line, "p-value", buf, sizeof buf));
    /* oneway.test(extra ~ group, data = sleep), Welch and var.equal = TRUE, and its anova
     * table's Sum Sq 12.482. */
    const lcase *sl = lfile_case(&lf, "sleep");
    size_t m1, m2;
    double *g1 = lcase_vec(sl, "g1", &m1), *g2 = lcase_vec(sl, "g2", &m2), sx[20];
    ck_assert(m1 == 10 && m2 == 10);
    memcpy(sx, g1, 10 * sizeof *sx);
    memcpy(sx + 10, g2, 10 * sizeof *sx);
    free(g1);
    free(g2);
    size_t ss[2] = {10, 10};
    qc_welch_anova w;
    ck_assert_int_eq(qc_stats_anova_welch(sx, 1, ss, 2, &w), QC_OK);
    rout_line("oneway.test(extra ~ group, data = sleep)", 1, "F = ", line, sizeof line);
    expect_printed("sleep Welch F", w.f, rout_field(line, "F", buf, sizeof buf));
    expect_printed("sleep Welch df1", w.df1, rout_field(line, "num df", buf, sizeof buf));
    expect_printed("sleep Welch df2", w.df2, rout_field(line, "denom df", buf, sizeof buf));
    expect_printed("sleep Welch p", w.p_value, rout_field(line, "p-value", buf, sizeof buf));
    qc_anova a;
    ck_assert_int_eq(qc_stats_anova_oneway(sx, 1, ss, 2, &a), QC_OK);
    rout_line("var.equal = TRUE)", 1, "F = ", line, sizeof line);
    expect_printed("sleep F", a.f, rout_field(line, "F", buf, sizeof buf));
    expect_printed("sleep df2", a.df_within, rout_field(line, "denom df", buf, sizeof buf));
    expect_printed("sleep p", a.p_value, rout_field(line, "p-value", buf, sizeof buf));
    rout_line("anova(lm(extra ~ group", 1, "group ", line, sizeof line);
    double df, ssb, msb, fv, pv;
    ck_assert(sscanf(line, "group %lf %lf %lf %lf %lf", &df, &ssb, &msb, &fv, &pv) == 5);
    expect_printed("sleep anova Sum Sq", a.ss_between, "12.482");
    ck_assert(df == 1.0 && fabs(ssb - 12.482) < 1e-12);
    lfile_free(&lf);
    ck_assert_msg(failures == 0, "%d published several-group checks failed", failures);
}
END_TEST

/* ---------- degenerate input ---------- */

START_TEST(test_groups_edges) {
    double x[] = {1, 2, 3, 4, 5, 6}, work[8];
    size_t iwork[8];
    qc_anova a;
    qc_welch_anova w;
    qc_kruskal kw;
    qc_levene b;
    size_t s33[] = {3, 3}, s60[] = {6, 0}, s6[] = {6}, s111[] = {1, 1, 1};
    /* k < 2, an empty group, N <= k. */
    ck_assert_int_eq(qc_stats_anova_oneway(x, 1, s6, 1, &a), QC_EDOM);
    ck_assert(isnan(a.f) && isnan(a.ss_between) && isnan(a.p_value) && isnan(a.r_squared));
    ck_assert_int_eq(qc_stats_anova_oneway(x, 1, s60, 2, &a), QC_EDOM);
    ck_assert_int_eq(qc_stats_anova_oneway(x, 1, s111, 3, &a), QC_EDOM);
    ck_assert_int_eq(qc_stats_anova_welch(x, 1, s6, 1, &w), QC_EDOM);
    ck_assert(isnan(w.f) && isnan(w.df2));
    ck_assert_int_eq(qc_stats_kruskal_wallis(x, 1, s6, 1, work, iwork, &kw), QC_EDOM);
    ck_assert(isnan(kw.h) && isnan(kw.p_value));
    ck_assert_int_eq(qc_stats_kruskal_wallis(x, 1, s60, 2, work, iwork, &kw), QC_EDOM);
    ck_assert_int_eq(qc_stats_brown_forsythe(x, 1, s60, 2, work, &b), QC_EDOM);
    ck_assert(isnan(b.f));
    /* Zero within-group variance: ANOVA F infinite → QC_EDOM; Welch needs each var > 0. */
    double flat[] = {1, 1, 1, 2, 2, 2};
    ck_assert_int_eq(qc_stats_anova_oneway(flat, 1, s33, 2, &a), QC_EDOM);
    ck_assert_int_eq(qc_stats_anova_welch(flat, 1, s33, 2, &w), QC_EDOM);
    ck_assert_int_eq(qc_stats_brown_forsythe(flat, 1, s33, 2, work, &b), QC_EDOM);
    /* Kruskal–Wallis is fine there (ties corrected); all values tied is not. */
    ck_assert_int_eq(qc_stats_kruskal_wallis(flat, 1, s33, 2, work, iwork, &kw), QC_OK);
    double same[] = {4, 4, 4, 4, 4, 4};
    ck_assert_int_eq(qc_stats_kruskal_wallis(same, 1, s33, 2, work, iwork, &kw), QC_EDOM);
    ck_assert_int_eq(qc_stats_anova_oneway(same, 1, s33, 2, &a), QC_EDOM);
    /* Welch needs n_i >= 2. */
    size_t s51[] = {5, 1};
    ck_assert_int_eq(qc_stats_anova_welch(x, 1, s51, 2, &w), QC_EDOM);
    ck_assert_int_eq(qc_stats_anova_oneway(x, 1, s51, 2, &a), QC_OK);
    /* NaN and Inf. */
    double bad[] = {1, 2, NAN, 4, 5, 6}, inf[] = {1, 2, 3, 4, 5, INFINITY};
    ck_assert_int_eq(qc_stats_anova_oneway(bad, 1, s33, 2, &a), QC_EDOM);
    ck_assert_int_eq(qc_stats_anova_welch(inf, 1, s33, 2, &w), QC_EDOM);
    ck_assert_int_eq(qc_stats_kruskal_wallis(bad, 1, s33, 2, work, iwork, &kw), QC_EDOM);
    ck_assert_int_eq(qc_stats_kruskal_wallis(inf, 1, s33, 2, work, iwork, &kw), QC_EDOM);
    ck_assert_int_eq(qc_stats_brown_forsythe(inf, 1, s33, 2, work, &b), QC_EDOM);
    /* By hand, x = {1,2,3 | 4,5,6}: means 2 and 5, SSB = 6·1.5² = 13.5, SSW = 4, F = 13.5,
     * R² = 13.5/17.5; ranks are the values: H = 12/42·(3·1.5² + 3·1.5²) = 27/7. */
    ck_assert_int_eq(qc_stats_anova_oneway(x, 1, s33, 2, &a), QC_OK);
    ck_assert(a.ss_between == 13.5 && a.ss_within == 4.0 && a.f == 13.5);
    ck_assert_double_eq_tol(a.r_squared, 13.5 / 17.5, 1e-15);
    ck_assert_int_eq(qc_stats_kruskal_wallis(x, 1, s33, 2, work, iwork, &kw), QC_OK);
    ck_assert_double_eq_tol(kw.h, 27.0 / 7.0, 1e-14);
}
END_TEST

static Suite *anova_suite(void) {
    Suite *s = suite_create("groups_anova");
    TCase *tc = tcase_create("anova");
    tcase_add_test(tc, test_anova_nist_strd);
    tcase_add_test(tc, test_groups_vs_r);
    tcase_add_test(tc, test_groups_published);
    tcase_add_test(tc, test_groups_edges);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    qc_stats_init();
    SRunner *sr = srunner_create(anova_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
