/* test_sampling.c — GB/T 2828.1-2012 single sampling (engine/stats/sampling.c and the data rows
 * of sampling_tables.c) against published values, never against the engine's own output:
 *  - Table 1, every cell, against tests/oracles/published/gbt2828_1_2012_table1.csv (the
 *    GB/T 2828.1-2012 transcription and ANSI/ASQ Z1.4 Table I agree cell for cell);
 *  - every cell of the master tables 2-A, 2-B and 2-C with its arrows followed, against the
 *    double-blind transcription of the GB/T 2828.1-2012 text and, for 2-A and 2-B, against the
 *    MIL-STD-105E / Z1.4 tables II-A and II-B as well (tests/oracles/published/
 *    gbt2828_1_2012_plans.csv says where and why the two sources differ in one cell);
 *  - the 100 % inspection rule, worked examples, and every error path;
 *  - the operating characteristic against R's pbinom and a uniroot on it
 *    (tests/oracles/r/sampling.R). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcompare/sampling.h"
#include "groups_oracle.h"

static const char *const level_cols[QC_NLEVELS] = {"S-1", "S-2", "S-3", "S-4", "I", "II", "III"};

/* Splits a CSV line in place into at most max fields; returns the count. */
static int split(char *line, char **f, int max) {
    int n = 0;
    for (char *p = line; n < max;) {
        f[n++] = p;
        char *c = strchr(p, ',');
        if (!c) break;
        *c = '\0';
        p = c + 1;
    }
    return n;
}

START_TEST(table_1_every_cell) {
    FILE *fp = open_oracle("published/gbt2828_1_2012_table1.csv");
    char line[512], *f[16];
    int rows = 0;
    failures = 0;
    while (read_line(fp, line, sizeof line)) {
        if (line[0] == '#' || strncmp(line, "lo,", 3) == 0) continue;
        ck_assert_int_eq(split(line, f, 16), 9);
        unsigned long lo = strtoul(f[0], NULL, 10);
        unsigned long hi = strcmp(f[1], "NA") == 0 ? 0 : strtoul(f[1], NULL, 10);
        unsigned long probe[] = {lo, hi ? hi : lo * 10, hi ? (lo + hi) / 2 : 4000000000UL};
        for (int l = 0; l < QC_NLEVELS; l++) {
            ck_assert_int_eq(qc_sampling_level(level_cols[l]), l);
            for (int k = 0; k < 3; k++) {
                char got = qc_sampling_code_letter(probe[k], (qc_inspection_level)l);
                if (got != f[2 + l][0])
                    fail_note("lot %lu level %s: got %c, want %s", probe[k], level_cols[l],
                              got ? got : '0', f[2 + l]);
            }
        }
        rows++;
    }
    fclose(fp);
    ck_assert_int_eq(rows, 15);
    ck_assert_msg(failures == 0, "%d Table 1 cells differ", failures);
    /* a lot of one item has no code letter */
    ck_assert_int_eq(qc_sampling_code_letter(1, QC_LEVEL_II), 0);
    ck_assert_int_eq(qc_sampling_code_letter(0, QC_LEVEL_II), 0);
}
END_TEST

START_TEST(master_tables_every_cell) {
    FILE *fp = open_oracle("published/gbt2828_1_2012_plans.csv");
    char line[512], *f[16];
    int cells = 0, z14_checked = 0, blanks = 0;
    failures = 0;
    while (read_line(fp, line, sizeof line)) {
        if (line[0] == '#' || strncmp(line, "severity,", 9) == 0) continue;
        ck_assert_int_eq(split(line, f, 16), 9);
        int sev = qc_sampling_severity(f[0]);
        ck_assert_int_ge(sev, 0);
        double aql = strtod(f[2], NULL);
        qc_sampling_plan p;
        qc_status st = qc_sampling_plan_for_letter(f[1][0], aql, (qc_severity)sev, &p);
        cells++;
        if (strcmp(f[3], "-") == 0) {  /* the standard prints no plan here */
            blanks++;
            if (st != QC_EDOM) fail_note("%s %s %s: a plan where the table is blank", f[0], f[1], f[2]);
            continue;
        }
        unsigned long n = strtoul(f[4], NULL, 10);
        unsigned ac = (unsigned)atoi(f[5]), re = (unsigned)atoi(f[6]);
        if (st != QC_OK || p.plan_letter != f[3][0] || p.n != n || p.ac != ac || p.re != re) {
            fail_note("%s %s %s: got %c %lu %u/%u (status %d), want %s %lu %u/%u", f[0], f[1],
                      f[2], p.plan_letter ? p.plan_letter : '-', p.n, p.ac, p.re, st, f[3], n,
                      ac, re);
            continue;
        }
        if (p.re != p.ac + 1) fail_note("%s %s %s: Re != Ac + 1", f[0], f[1], f[2]);
        if (p.code_letter != f[1][0]) fail_note("%s %s %s: code letter", f[0], f[1], f[2]);
        /* the second published source, where it has the cell: tightened A at AQL 10 is the
         * one cell where it differs from the GB/T transcription (see the oracle's header) */
        if (strcmp(f[7], "NA") != 0) {
            unsigned long zn = strtoul(f[7], NULL, 10);
            unsigned zac = (unsigned)atoi(f[8]);
            int known = strcmp(f[0], "tightened") == 0 && strcmp(f[1], "A") == 0 &&
                        strcmp(f[2], "10") == 0;
            if (known) ck_assert(zn == 8 && zac == 1 && p.n == 2 && p.ac == 0);
            else if (zn != p.n || zac != p.ac)
                fail_note("%s %s %s: Z1.4 has n %lu Ac %u, we %lu %u", f[0], f[1], f[2], zn,
                          zac, p.n, p.ac);
            z14_checked++;
        }
    }
    fclose(fp);
    ck_assert_int_eq(cells, 3 * 16 * 26 + 26);
    ck_assert_int_eq(blanks, 25);
    ck_assert_int_eq(z14_checked, 2 * 16 * 26);
    ck_assert_msg(failures == 0, "%d master table cells differ", failures);
}
END_TEST

/* Worked examples an analyst knows by heart (each also a cell of the oracle above). */
START_TEST(worked_examples) {
    qc_sampling_plan p;
    /* lot 1000, level II → J (501–1200), AQL 1.0 normal → n 80, Ac 2, Re 3 */
    ck_assert_int_eq(qc_sampling_plan_find(1000, QC_LEVEL_II, 1.0, QC_SEVERITY_NORMAL, &p), QC_OK);
    ck_assert_int_eq(p.code_letter, 'J');
    ck_assert_int_eq(p.plan_letter, 'J');
    ck_assert_uint_eq(p.n, 80);
    ck_assert_uint_eq(p.ac, 2);
    ck_assert_uint_eq(p.re, 3);
    ck_assert_int_eq(p.hundred_percent, 0);
    ck_assert_str_eq(p.table, "GB/T 2828.1-2012 Table 2-A");
    /* J at AQL 0.40: ↓ to K, n 125, 1/2; at 0.25: ↑ to H, n 50, 0/1 */
    ck_assert_int_eq(qc_sampling_plan_find(1000, QC_LEVEL_II, 0.40, QC_SEVERITY_NORMAL, &p), QC_OK);
    ck_assert(p.plan_letter == 'K' && p.n == 125 && p.ac == 1 && p.re == 2);
    ck_assert_int_eq(qc_sampling_plan_find(1000, QC_LEVEL_II, 0.25, QC_SEVERITY_NORMAL, &p), QC_OK);
    ck_assert(p.plan_letter == 'H' && p.n == 50 && p.ac == 0 && p.re == 1);
    /* the same lot tightened at 1.0: 1/2; reduced: n 32, 1/2 */
    ck_assert_int_eq(qc_sampling_plan_find(1000, QC_LEVEL_II, 1.0, QC_SEVERITY_TIGHTENED, &p), QC_OK);
    ck_assert(p.n == 80 && p.ac == 1 && p.re == 2);
    ck_assert_str_eq(p.table, "GB/T 2828.1-2012 Table 2-B");
    ck_assert_int_eq(qc_sampling_plan_find(1000, QC_LEVEL_II, 1.0, QC_SEVERITY_REDUCED, &p), QC_OK);
    ck_assert(p.n == 32 && p.ac == 1 && p.re == 2);
    /* the tightened table's row S: reached from R at AQL 0.025 only */
    ck_assert_int_eq(qc_sampling_plan_find(600000, QC_LEVEL_III, 0.025, QC_SEVERITY_TIGHTENED, &p), QC_OK);
    ck_assert(p.code_letter == 'R' && p.plan_letter == 'S' && p.n == 3150 && p.ac == 1);
    ck_assert_int_eq(qc_sampling_plan_for_letter('S', 0.010, QC_SEVERITY_TIGHTENED, &p), QC_EDOM);
}
END_TEST

/* "If sample size equals or exceeds lot size, carry out 100 % inspection." */
START_TEST(hundred_percent) {
    qc_sampling_plan p;
    /* lot 10, level II → B, AQL 0.65 → ↓ to F (n 20) >= 10 */
    ck_assert_int_eq(qc_sampling_plan_find(10, QC_LEVEL_II, 0.65, QC_SEVERITY_NORMAL, &p), QC_OK);
    ck_assert(p.code_letter == 'B' && p.plan_letter == 'F');
    ck_assert_uint_eq(p.n, 10);
    ck_assert_uint_eq(p.ac, 0);
    ck_assert_int_eq(p.hundred_percent, 1);
    /* lot 8 at level III is B: AQL 4.0 is B's own plan 0/1, n 3 < 8; a lot of exactly 3 (still
     * B) makes the sample size equal the lot size: 100 % inspection */
    ck_assert_int_eq(qc_sampling_plan_find(8, QC_LEVEL_III, 4.0, QC_SEVERITY_NORMAL, &p), QC_OK);
    ck_assert(p.n == 3 && !p.hundred_percent);
    ck_assert_int_eq(qc_sampling_plan_find(3, QC_LEVEL_III, 4.0, QC_SEVERITY_NORMAL, &p), QC_OK);
    ck_assert(p.n == 3 && p.hundred_percent);
}
END_TEST

START_TEST(errors) {
    qc_sampling_plan p;
    ck_assert_int_eq(qc_sampling_plan_find(1000, QC_LEVEL_II, 0.02, QC_SEVERITY_NORMAL, &p), QC_EDOM);
    ck_assert_int_eq(qc_sampling_plan_find(1, QC_LEVEL_II, 1.0, QC_SEVERITY_NORMAL, &p), QC_EDOM);
    ck_assert_int_eq(qc_sampling_plan_find(100, (qc_inspection_level)9, 1.0, QC_SEVERITY_NORMAL, &p), QC_EUSAGE);
    ck_assert_int_eq(qc_sampling_plan_find(100, QC_LEVEL_II, 1.0, (qc_severity)5, &p), QC_EUSAGE);
    ck_assert_int_eq(qc_sampling_plan_for_letter('I', 1.0, QC_SEVERITY_NORMAL, &p), QC_EDOM);
    ck_assert_int_eq(qc_sampling_plan_for_letter('S', 1.0, QC_SEVERITY_NORMAL, &p), QC_EDOM);
    ck_assert_int_eq(qc_sampling_level("II"), QC_LEVEL_II);
    ck_assert_int_eq(qc_sampling_level("ii"), -1);
    ck_assert_int_eq(qc_sampling_level("S-5"), -1);
    ck_assert_int_eq(qc_sampling_severity("reduced"), QC_SEVERITY_REDUCED);
    ck_assert_int_eq(qc_sampling_severity("Normal"), -1);
    ck_assert_int_eq(qc_sampling_aql_index(2.5), 12);
    ck_assert_int_eq(qc_sampling_aql_index(2.4), -1);
    ck_assert_int_eq(qc_sampling_accepts(&(qc_sampling_plan){.ac = 2}, 2), 1);
    ck_assert_int_eq(qc_sampling_accepts(&(qc_sampling_plan){.ac = 2}, 3), 0);
    ck_assert(isnan(qc_sampling_p_accept(5, 5, 0.1)));
    ck_assert(isnan(qc_sampling_p_accept(5, 1, 1.5)));
    ck_assert(isnan(qc_sampling_fraction_at(5, 1, 1.0)));
    qc_oc_point pts[QC_OC_POINTS];
    ck_assert_int_eq(qc_sampling_oc_curve(5, 5, 1.0, pts), QC_EDOM);
    ck_assert_int_eq(qc_sampling_oc_curve(5, 1, -1.0, pts), QC_EDOM);
}
END_TEST

START_TEST(oc_against_r) {
    lfile lf = lfile_load("r/sampling_expected.csv");
    failures = 0;
    worst_rel = 0;
    int checked = 0;
    for (size_t c = 0; c < lf.n; c++) {
        lcase *lc = &lf.cases[c];
        unsigned long n = (unsigned long)lcase_get(lc, "n");
        unsigned ac = (unsigned)lcase_get(lc, "ac");
        for (size_t i = 0; i < lc->n; i++) {
            char what[96];
            if (strncmp(lc->what[i], "pa@", 3) == 0) {
                double p = strtod(lc->what[i] + 3, NULL);
                snprintf(what, sizeof what, "%s P(accept) at p %g", lc->name, p);
                expect_close(what, qc_sampling_p_accept(n, ac, p), lc->val[i], 1e-12, 1e-300);
                checked++;
            } else if (strncmp(lc->what[i], "p@", 2) == 0) {
                double pa = strtod(lc->what[i] + 2, NULL);
                snprintf(what, sizeof what, "%s p at P(accept) %g", lc->name, pa);
                expect_close(what, qc_sampling_fraction_at(n, ac, pa), lc->val[i], 1e-12, 2e-15);
                checked++;
            }
        }
        /* the curve reported with a plan: increasing p, decreasing acceptance, the AQL in */
        qc_oc_point pts[QC_OC_POINTS];
        ck_assert_int_eq(qc_sampling_oc_curve(n, ac, 1.0, pts), QC_OK);
        ck_assert(pts[0].fraction_nonconforming == 0.0 && pts[0].p_accept == 1.0);
        int has_aql = 0;
        for (int k = 1; k < QC_OC_POINTS; k++) {
            ck_assert(pts[k].fraction_nonconforming >= pts[k - 1].fraction_nonconforming);
            ck_assert(pts[k].p_accept <= pts[k - 1].p_accept);
            has_aql |= pts[k].fraction_nonconforming == 0.01;
        }
        ck_assert(has_aql);
    }
    fprintf(stderr, "  OC curve: %d values vs R, worst relative error %.2g\n", checked, worst_rel);
    ck_assert_int_ge(checked, 200);
    ck_assert_msg(failures == 0, "%d OC values differ from R", failures);
    lfile_free(&lf);
}
END_TEST

int main(void) {
    Suite *s = suite_create("sampling");
    TCase *tc = tcase_create("gbt2828");
    tcase_add_test(tc, table_1_every_cell);
    tcase_add_test(tc, master_tables_every_cell);
    tcase_add_test(tc, worked_examples);
    tcase_add_test(tc, hundred_percent);
    tcase_add_test(tc, errors);
    tcase_add_test(tc, oc_against_r);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
