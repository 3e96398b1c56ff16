/* test_assess.c — Check suite for conformity decisions, engine/assess/ (assess.h).
 *
 * Oracles: hand cases from DESIGN §5 ("conformity of one result", "censored values"). A result
 * is the set of true values it stands for; it passes when the whole set lies in the acceptance
 * set of the limit, fails when none of it does, and is not decidable otherwise:
 *   "<50" = (−∞, 50) against max 100: all below 100 → pass.   "<150": straddles 100 → n.d.
 *   ND, lod 10 = (−∞, 10) against max 100 → pass.              ND without lod → n.d.
 *   400 against min 400 (inclusive) → pass; min 400 exclusive → fail.
 *   ">=400" = [400, ∞) against min 400 → pass; ">400" = (400, ∞) against max 400 → fail;
 *   "<=400" = (−∞, 400] against max 400 → pass.
 * qc_assess_cell runs on a results store loaded from fixtures written at run time into a
 * mkdtemp directory (rules dir, study, CSV); its expected tallies are counted by hand from the
 * CSV below, with the limit converted by hand: 58 ksi = 58 × 6.894757293168361 MPa
 * = 399.8959230037649 MPa (1 psi = 0.45359237 kg × 9.80665 m/s² / 0.0254² m², exact).
 * main() returns 1 when any test failed, else 0. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qcompare/assess.h"
#include "qcompare/results.h"
#include "qcompare/rules.h"
#include "qcompare/study.h"

/* ---------- qc_assess_decide: hand cases ---------- */

static qc_bounds bounds(double min, double max, int min_ex, int max_ex) {
    qc_bounds b = {min, max, min_ex, max_ex, NAN, NAN, 0};
    return b;
}

/* Decides and checks; a not-decidable answer must come with a reason. */
static void expect_decision(const qc_bounds *b, qc_value_kind k, double x, double lod,
                            qc_decision want, const char *what) {
    const char *why = NULL;
    qc_decision d = qc_assess_decide(b, k, x, lod, &why);
    ck_assert_msg(d == want, "%s: got %s, want %s", what, qc_decision_name(d),
                  qc_decision_name(want));
    if (d == QC_DEC_NOT_DECIDABLE)
        ck_assert_msg(why != NULL && why[0] != '\0', "%s: not decidable without a reason", what);
}

START_TEST(test_censored_against_max) {
    qc_bounds max100 = bounds(NAN, 100, 0, 0);
    expect_decision(&max100, QC_VALUE_LT, 50, NAN, QC_DEC_PASS, "<50 vs max 100");
    expect_decision(&max100, QC_VALUE_LT, 150, NAN, QC_DEC_NOT_DECIDABLE, "<150 vs max 100");
    expect_decision(&max100, QC_VALUE_LE, 100, NAN, QC_DEC_PASS, "<=100 vs max 100");
    expect_decision(&max100, QC_VALUE_LT, 100, NAN, QC_DEC_PASS, "<100 vs max 100");
    expect_decision(&max100, QC_VALUE_GT, 150, NAN, QC_DEC_FAIL, ">150 vs max 100");
    expect_decision(&max100, QC_VALUE_GT, 50, NAN, QC_DEC_NOT_DECIDABLE, ">50 vs max 100");
    expect_decision(&max100, QC_VALUE_GE, 100, NAN, QC_DEC_NOT_DECIDABLE, ">=100 vs max 100");
    expect_decision(&max100, QC_VALUE_GT, 100, NAN, QC_DEC_FAIL, ">100 vs max 100");
}
END_TEST

START_TEST(test_not_detected) {
    qc_bounds max100 = bounds(NAN, 100, 0, 0);
    expect_decision(&max100, QC_VALUE_ND, NAN, 10, QC_DEC_PASS, "ND lod 10 vs max 100");
    expect_decision(&max100, QC_VALUE_ND, NAN, NAN, QC_DEC_NOT_DECIDABLE, "ND no lod vs max 100");
    /* ND = (−∞, lod): lod 100 against max 100 still passes (every value is below 100) */
    expect_decision(&max100, QC_VALUE_ND, NAN, 100, QC_DEC_PASS, "ND lod 100 vs max 100");
    expect_decision(&max100, QC_VALUE_ND, NAN, 120, QC_DEC_NOT_DECIDABLE, "ND lod 120 vs max 100");
    /* against a minimum: every value below lod 10 misses min 10 */
    qc_bounds min10 = bounds(10, NAN, 0, 0);
    expect_decision(&min10, QC_VALUE_ND, NAN, 10, QC_DEC_FAIL, "ND lod 10 vs min 10");
    expect_decision(&min10, QC_VALUE_ND, NAN, 20, QC_DEC_NOT_DECIDABLE, "ND lod 20 vs min 10");
}
END_TEST

START_TEST(test_bounds_at_the_limit) {
    qc_bounds min400 = bounds(400, NAN, 0, 0), min400x = bounds(400, NAN, 1, 0);
    qc_bounds max400 = bounds(NAN, 400, 0, 0), max400x = bounds(NAN, 400, 0, 1);
    expect_decision(&min400, QC_VALUE_NUMBER, 400, NAN, QC_DEC_PASS, "400 vs min 400");
    expect_decision(&min400x, QC_VALUE_NUMBER, 400, NAN, QC_DEC_FAIL, "400 vs min 400 excl");
    expect_decision(&min400, QC_VALUE_NUMBER, 399.99, NAN, QC_DEC_FAIL, "399.99 vs min 400");
    expect_decision(&min400x, QC_VALUE_NUMBER, 400.01, NAN, QC_DEC_PASS, "400.01 vs min 400 ex");
    expect_decision(&max400, QC_VALUE_NUMBER, 400, NAN, QC_DEC_PASS, "400 vs max 400");
    expect_decision(&max400x, QC_VALUE_NUMBER, 400, NAN, QC_DEC_FAIL, "400 vs max 400 excl");
    expect_decision(&max400, QC_VALUE_NUMBER, 400.01, NAN, QC_DEC_FAIL, "400.01 vs max 400");
    /* censored values at the limit */
    expect_decision(&min400, QC_VALUE_GE, 400, NAN, QC_DEC_PASS, ">=400 vs min 400");
    expect_decision(&min400x, QC_VALUE_GE, 400, NAN, QC_DEC_NOT_DECIDABLE, ">=400 vs min 400 ex");
    expect_decision(&min400x, QC_VALUE_GT, 400, NAN, QC_DEC_PASS, ">400 vs min 400 excl");
    expect_decision(&min400, QC_VALUE_LT, 400, NAN, QC_DEC_FAIL, "<400 vs min 400");
    expect_decision(&min400, QC_VALUE_LE, 400, NAN, QC_DEC_NOT_DECIDABLE, "<=400 vs min 400");
    expect_decision(&min400x, QC_VALUE_LE, 400, NAN, QC_DEC_FAIL, "<=400 vs min 400 excl");
    expect_decision(&max400, QC_VALUE_GT, 400, NAN, QC_DEC_FAIL, ">400 vs max 400");
    expect_decision(&max400, QC_VALUE_GE, 400, NAN, QC_DEC_NOT_DECIDABLE, ">=400 vs max 400");
    expect_decision(&max400x, QC_VALUE_GE, 400, NAN, QC_DEC_FAIL, ">=400 vs max 400 excl");
    expect_decision(&max400, QC_VALUE_LE, 400, NAN, QC_DEC_PASS, "<=400 vs max 400");
    expect_decision(&max400x, QC_VALUE_LE, 400, NAN, QC_DEC_NOT_DECIDABLE, "<=400 vs max 400 ex");
    expect_decision(&max400x, QC_VALUE_LT, 400, NAN, QC_DEC_PASS, "<400 vs max 400 excl");
}
END_TEST

START_TEST(test_two_sided_range) {
    /* [10, 20] */
    qc_bounds r = bounds(10, 20, 0, 0);
    expect_decision(&r, QC_VALUE_NUMBER, 15, NAN, QC_DEC_PASS, "15 in [10,20]");
    expect_decision(&r, QC_VALUE_NUMBER, 10, NAN, QC_DEC_PASS, "10 in [10,20]");
    expect_decision(&r, QC_VALUE_NUMBER, 20, NAN, QC_DEC_PASS, "20 in [10,20]");
    expect_decision(&r, QC_VALUE_NUMBER, 9.99, NAN, QC_DEC_FAIL, "9.99 in [10,20]");
    expect_decision(&r, QC_VALUE_NUMBER, 20.01, NAN, QC_DEC_FAIL, "20.01 in [10,20]");
    /* a censored value is never wholly inside a two-sided range: it reaches ±∞ */
    expect_decision(&r, QC_VALUE_LT, 15, NAN, QC_DEC_NOT_DECIDABLE, "<15 in [10,20]");
    expect_decision(&r, QC_VALUE_GT, 15, NAN, QC_DEC_NOT_DECIDABLE, ">15 in [10,20]");
    expect_decision(&r, QC_VALUE_LT, 10, NAN, QC_DEC_FAIL, "<10 in [10,20]");
    expect_decision(&r, QC_VALUE_LE, 10, NAN, QC_DEC_NOT_DECIDABLE, "<=10 in [10,20]");
    expect_decision(&r, QC_VALUE_GT, 20, NAN, QC_DEC_FAIL, ">20 in [10,20]");
    expect_decision(&r, QC_VALUE_ND, NAN, 5, QC_DEC_FAIL, "ND lod 5 in [10,20]");
    /* (10, 20) open both ends */
    qc_bounds o = bounds(10, 20, 1, 1);
    expect_decision(&o, QC_VALUE_NUMBER, 10, NAN, QC_DEC_FAIL, "10 in (10,20)");
    expect_decision(&o, QC_VALUE_NUMBER, 20, NAN, QC_DEC_FAIL, "20 in (10,20)");
    expect_decision(&o, QC_VALUE_NUMBER, 10.5, NAN, QC_DEC_PASS, "10.5 in (10,20)");
    /* target 12 ± 0 degenerates to the point 12 */
    qc_bounds pt = bounds(12, 12, 0, 0);
    expect_decision(&pt, QC_VALUE_NUMBER, 12, NAN, QC_DEC_PASS, "12 in [12,12]");
    expect_decision(&pt, QC_VALUE_NUMBER, 12.001, NAN, QC_DEC_FAIL, "12.001 in [12,12]");
}
END_TEST

START_TEST(test_missing) {
    qc_bounds max100 = bounds(NAN, 100, 0, 0), r = bounds(10, 20, 0, 0);
    expect_decision(&max100, QC_VALUE_MISSING, NAN, NAN, QC_DEC_NOT_DECIDABLE, "missing vs max");
    expect_decision(&r, QC_VALUE_MISSING, NAN, 5, QC_DEC_NOT_DECIDABLE, "missing vs range");
    /* why may be NULL */
    ck_assert_int_eq(qc_assess_decide(&r, QC_VALUE_MISSING, NAN, NAN, NULL), QC_DEC_NOT_DECIDABLE);
    ck_assert_int_eq(qc_assess_decide(&r, QC_VALUE_NUMBER, 15, NAN, NULL), QC_DEC_PASS);
    ck_assert_str_eq(qc_decision_name(QC_DEC_PASS), "pass");
    ck_assert_str_eq(qc_decision_name(QC_DEC_FAIL), "fail");
    ck_assert_str_eq(qc_decision_name(QC_DEC_NOT_DECIDABLE), "not_decidable");
}
END_TEST

/* ---------- GB/T 8170 rounding, decision rules, probability of conformance ---------- */

/* Round half to even on the decimal value, worked by hand: 0.15/0.1 = 1.5 → 2 → 0.2;
 * 0.25/0.1 = 2.5 → 2 → 0.2; 0.35 → 3.5 → 4 → 0.4; 1234.5/1 → 1234 (even); 1235.5 → 1236;
 * 17.75/0.5 = 35.5 → 36 → 18.0; 15.8/0.5 = 31.6 → 32 → 16.0; 0.123456/0.001 = 123.456 → 123
 * → 0.123; 3e-5/0.5 → 0; negative values mirror positive ones. */
START_TEST(test_round_half_even_in_decimal) {
    static const double cases[][3] = {
        {0.15, 0.1, 0.2},   {0.25, 0.1, 0.2},  {0.35, 0.1, 0.4},     {-0.15, 0.1, -0.2},
        {1234.5, 1, 1234},  {1235.5, 1, 1236}, {17.75, 0.5, 18.0},   {15.8, 0.5, 16.0},
        {0.123456, 0.001, 0.123}, {3e-5, 0.5, 0}, {125, 5, 125},     {127.5, 5, 130}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(qc_assess_round(cases[i][0], cases[i][1]) == cases[i][2],
                      "%.17g at %g: got %.17g, want %.17g", cases[i][0], cases[i][1],
                      qc_assess_round(cases[i][0], cases[i][1]), cases[i][2]);
}
END_TEST

/* y = 410, U = 12, k = 2 (u = 6), min 400: p_c = Φ(10/6) = 0.952209647727185 (the issue's
 * worked value 0.95221); simple pass, guarded (w = 12) fail, non-binary conditional pass.
 * Two-sided [9, 11], y = 10, u = 1: Φ(1) − Φ(−1) = 0.682689492137086. */
START_TEST(test_rules_worked_example) {
    qc_bounds b = {400, NAN, 0, 0, NAN, NAN, 0};
    qc_judgement j;
    qc_assess_judge(&b, QC_RULE_SIMPLE, 1, QC_VALUE_NUMBER, 410, NAN, 12, 6, &j);
    ck_assert_int_eq(j.decision, QC_DEC_PASS);
    ck_assert_double_eq_tol(j.p_conformance, 0.952209647727185, 1e-12);
    qc_assess_judge(&b, QC_RULE_GUARDED, 1, QC_VALUE_NUMBER, 410, NAN, 12, 6, &j);
    ck_assert_int_eq(j.decision, QC_DEC_FAIL);
    qc_assess_judge(&b, QC_RULE_NONBINARY, 1, QC_VALUE_NUMBER, 410, NAN, 12, 6, &j);
    ck_assert_int_eq(j.decision, QC_DEC_CONDITIONAL_PASS);
    qc_assess_judge(&b, QC_RULE_NONBINARY, 1, QC_VALUE_NUMBER, 390, NAN, 12, 6, &j);
    ck_assert_int_eq(j.decision, QC_DEC_CONDITIONAL_FAIL);
    qc_assess_judge(&b, QC_RULE_NONBINARY, 1, QC_VALUE_NUMBER, 387, NAN, 12, 6, &j);
    ck_assert_int_eq(j.decision, QC_DEC_FAIL);
    /* r = 0.5 halves the guard band: acceptance from 406 */
    qc_assess_judge(&b, QC_RULE_GUARDED, 0.5, QC_VALUE_NUMBER, 410, NAN, 12, 6, &j);
    ck_assert_int_eq(j.decision, QC_DEC_PASS);
    /* no uncertainty: w = 0 under every rule, no p_c */
    qc_assess_judge(&b, QC_RULE_GUARDED, 1, QC_VALUE_NUMBER, 410, NAN, NAN, NAN, &j);
    ck_assert_int_eq(j.decision, QC_DEC_PASS);
    ck_assert(isnan(j.p_conformance));
    qc_bounds two = {9, 11, 0, 0, NAN, NAN, 0};
    ck_assert_double_eq_tol(qc_assess_p_conformance(&two, 10, 1), 0.682689492137086, 1e-12);
}
END_TEST

/* One outcome from a tally (docs/decision-rules.md, "One decision everywhere"): each branch of
 * the precedence fail > conditional fail > not tested > not decidable > conditional pass > pass,
 * built by hand. Tallies are {pass, conditional_pass, conditional_fail, fail, not_decidable}
 * and the untested limits. */
START_TEST(test_outcome_precedence) {
    struct { qc_tally t; qc_outcome want; const char *status, *verdict; } cases[] = {
        {{{5, 0, 0, 0, 0}, 0}, QC_OUTCOME_PASS, "pass", "conforms"},
        {{{5, 1, 1, 1, 1}, 1}, QC_OUTCOME_FAIL, "fail", "does_not_conform"},
        {{{5, 0, 1, 0, 1}, 1}, QC_OUTCOME_CONDITIONAL, "conditional", "conditional"},
        {{{5, 1, 0, 0, 1}, 1}, QC_OUTCOME_NOT_TESTED, "not_tested", "not_tested"},
        {{{5, 1, 0, 0, 1}, 0}, QC_OUTCOME_NOT_DECIDABLE, "not_decidable", "not_decidable"},
        {{{5, 1, 0, 0, 0}, 0}, QC_OUTCOME_CONDITIONAL, "conditional", "conditional"},
        {{{0, 0, 0, 0, 0}, 0}, QC_OUTCOME_NOT_TESTED, "not_tested", "not_tested"},
        {{{0, 0, 0, 0, 3}, 0}, QC_OUTCOME_NOT_DECIDABLE, "not_decidable", "not_decidable"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        qc_outcome o = qc_assess_outcome(&cases[i].t);
        ck_assert_msg(o == cases[i].want, "case %zu: outcome %d", i, (int)o);
        ck_assert_str_eq(qc_outcome_name(o), cases[i].status);
        ck_assert_str_eq(qc_outcome_verdict(o), cases[i].verdict);
    }
    /* merging two limits' tallies: a pass and an untested limit are not tested */
    qc_tally a = {{3, 0, 0, 0, 0}, 0}, b = {{0, 0, 0, 0, 0}, 1};
    qc_tally_merge(&a, &b);
    ck_assert_int_eq(qc_assess_outcome(&a), QC_OUTCOME_NOT_TESTED);
    ck_assert_uint_eq(qc_tally_judged(&a), 3);
}
END_TEST

/* Limits on a group statistic are judged, in every section, on the mean and median the
 * analysis reports for that group: the lookup finds a cell's entry, and nothing (NaN: not
 * decidable) for a cell it does not hold or without a table. */
START_TEST(test_centre_lookup) {
    qc_cell a = {0}, b = {0}, c = {0};
    qc_centre table[] = {{&a, 0.45, 0.4}, {&b, 12.5, 12}};
    qc_assess_options opt = {QC_RULE_SIMPLE, 1.0, 0, table, 2};
    double mean, median;
    qc_assess_centre(&opt, &b, &mean, &median);
    ck_assert(mean == 12.5 && median == 12);
    qc_assess_centre(&opt, &a, &mean, &median);
    ck_assert(mean == 0.45 && median == 0.4);
    qc_assess_centre(&opt, &c, &mean, &median);
    ck_assert(isnan(mean) && isnan(median));
    qc_assess_centre(NULL, &a, &mean, &median);
    ck_assert(isnan(mean) && isnan(median));
}
END_TEST

/* ---------- fixtures for qc_assess_cell ---------- */

static const qc_assess_options SIMPLE = {QC_RULE_SIMPLE, 1.0, 0, NULL, 0};

static char top[256];      /* made by main(), removed at the end */
static char tmpdir[512];   /* this test's fixture tree, under top */

static void write_file(const char *rel, const char *text) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    /* make the parent directories */
    for (char *p = path + strlen(tmpdir) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0700);
            *p = '/';
        }
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static void remove_tree(const char *dir) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

static const char *INDICATORS =
    "[\n"
    " {\"id\": \"yield_strength\", \"name\": {\"en\": \"Yield strength\", \"zh\": \"屈服强度\"},\n"
    "  \"unit\": \"MPa\", \"direction\": \"higher_is_better\", \"aliases\": [\"ReL\"]},\n"
    " {\"id\": \"elongation_after_fracture\", \"name\": {\"en\": \"Elongation A\", \"zh\": "
    "\"断后伸长率\"},\n"
    "  \"unit\": \"%\", \"direction\": \"higher_is_better\", \"aliases\": [\"A\"]},\n"
    " {\"id\": \"water_absorption\", \"name\": {\"en\": \"Water absorption\", \"zh\": \"吸水率\"},\n"
    "  \"unit\": \"%\", \"direction\": \"lower_is_better\"}\n"
    "]\n";

static const char *PRODUCTS =
    "[{\"id\": \"steel-rebar\", \"name\": {\"en\": \"Rebar\", \"zh\": \"钢筋\"},\n"
    "  \"industry\": \"advanced-materials\"}]\n";

static const char *UNITS = "{\"aliases\": {\"N/mm2\": \"MPa\"}, \"literal\": [\"HRC\"]}\n";

/* yield in ksi (converted to MPa), elongation piecewise by nominal_diameter (the second piece
 * unconfirmed), water absorption on the mean. */
static const char *STANDARD =
    "{\"id\": \"TS 1-2020\", \"kind\": \"foreign\", \"title\": {\"en\": \"Test standard\"},\n"
    " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],\n"
    " \"limits\": {\n"
    "  \"yield_strength\": {\"min\": 58, \"unit\": \"ksi\", \"confirmed\": true},\n"
    "  \"elongation_after_fracture\": [\n"
    "   {\"when\": {\"column\": \"nominal_diameter\", \"min\": 6, \"max\": 25}, \"min\": 16,\n"
    "    \"unit\": \"%\", \"confirmed\": true},\n"
    "   {\"when\": {\"column\": \"nominal_diameter\", \"min\": 28, \"max\": 40}, \"min\": 15,\n"
    "    \"unit\": \"%\", \"confirmed\": false}],\n"
    "  \"water_absorption\": {\"max\": 0.5, \"unit\": \"%\", \"applies_to\": \"mean\",\n"
    "   \"confirmed\": true}}}\n";

/* The tiles case of DESIGN §4.2: mean ≤ 0.5 % and each result ≤ 0.6 % on one indicator. */
static const char *STANDARD_TILES =
    "{\"id\": \"TS 1-2020\", \"kind\": \"foreign\", \"title\": {\"en\": \"Test standard\"},\n"
    " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],\n"
    " \"limits\": {\n"
    "  \"water_absorption\": [\n"
    "   {\"max\": 0.5, \"unit\": \"%\", \"applies_to\": \"mean\", \"confirmed\": true},\n"
    "   {\"max\": 0.6, \"unit\": \"%\", \"confirmed\": true}]}}\n";

static const char *STUDY =
    "{\"id\": \"assess-1\", \"date\": \"2026-01-01\", \"results\": [\"data/results.csv\"],\n"
    " \"products\": [{\"product\": \"steel-rebar\", \"standards\": [{\"id\": \"TS 1-2020\"}]}]}\n";

/* Physical lines are numbered in the comments; line 3 holds a quoted note spanning two lines
 * and line 10 is blank, so record order and physical lines differ. */
static const char *RESULTS =
    "product,indicator,value,unit,group,sample_id,nominal_diameter,note\n"   /* 1 header */
    "steel-rebar,yield_strength,399.8,MPa,local,S1,12,\n"                    /* 2 fail */
    "steel-rebar,yield_strength,399.9,MPa,local,S2,12,\"two\n"                /* 3 pass */
    "lines\"\n"                                                               /* 4 */
    "steel-rebar,ReL,58.1,ksi,local,S3,12,\n"                                /* 5 pass: 400.585 MPa */
    "steel-rebar,yield_strength,<400,MPa,local,S4,12,\n"                     /* 6 n.d. */
    "steel-rebar,yield_strength,,MPa,local,S5,12,\n"                         /* 7 missing */
    "steel-rebar,yield_strength,430,N/mm2,local,S6,12,\n"                    /* 8 pass */
    "steel-rebar,yield_strength,390,MPa,benchmark,B1,12,\n"                  /* 9 other group */
    "\n"                                                                      /* 10 blank */
    "steel-rebar,A,17,%,local,S7,12,\n"                                      /* 11 pass (≥16) */
    "steel-rebar,A,15.5,%,local,S8,12,\n"                                    /* 12 fail (<16) */
    "steel-rebar,A,15.5,%,local,S9,32,\n"                                    /* 13 pass (≥15) */
    "steel-rebar,A,20,%,local,S10,26,\n"                                     /* 14 no piece */
    "steel-rebar,A,20,%,local,S11,,\n"                                       /* 15 no diameter */
    "steel-rebar,A,14.9,%,local,S12,40,\n"                                   /* 16 fail (<15) */
    "steel-rebar,water_absorption,0.4,%,local,T1,,\n"                        /* 17 */
    "steel-rebar,water_absorption,0.45,%,local,T2,,\n"                       /* 18 */
    "steel-rebar,water_absorption,0.7,%,local,T3,,\n";                       /* 19 */

static qc_rules *rules;
static qc_study *study;
static qc_results *res;

/* Writes the fixture tree and loads rules, study and results. */
static void load_fixture(const char *standard) {
    snprintf(tmpdir, sizeof tmpdir, "%s/fixture_XXXXXX", top);
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    write_file("rules/indicators.json", INDICATORS);
    write_file("rules/products.json", PRODUCTS);
    write_file("rules/units.json", UNITS);
    write_file("rules/standards/advanced-materials/ts1.json", standard);
    write_file("study/study.json", STUDY);
    write_file("study/data/results.csv", RESULTS);
    char path[1024];
    qc_error err = {0};
    const char *stage = "rules";
    snprintf(path, sizeof path, "%s/rules", tmpdir);
    qc_status s = qc_rules_load(path, &rules, &err);
    if (!s) {
        stage = "study";
        snprintf(path, sizeof path, "%s/study/study.json", tmpdir);
        s = qc_study_load(path, rules, &study, &err);
    }
    if (!s) {
        stage = "results";
        s = qc_results_load(study, rules, &res, &err);
    }
    ck_assert_msg(s == QC_OK, "loading the fixture %s: %s", stage, err.message);
    ck_assert_uint_eq(res->nrejections, 0);
}

static void setup(void) { load_fixture(STANDARD); }

static void teardown(void) {
    qc_results_free(res);
    qc_study_free(study);
    qc_rules_free(rules);
    res = NULL;
    study = NULL;
    rules = NULL;
    remove_tree(tmpdir);
}

static const qc_cell *cell_of(const char *indicator, const char *group) {
    uint32_t g = qc_intern_find(res->strings, group, strlen(group));
    for (size_t i = 0; i < res->ncells; i++)
        if (strcmp(res->cells[i].indicator->id, indicator) == 0 && res->cells[i].group == g)
            return &res->cells[i];
    ck_abort_msg("no cell %s/%s", indicator, group);
    return NULL;
}

static const qc_limit_set *limits_of(const char *indicator) {
    const qc_standard *s = qc_rules_standard(rules, "TS 1-2020", "2026-01-01");
    ck_assert_ptr_nonnull(s);
    const qc_limit_set *set = qc_standard_limits(s, qc_standard_grade(s, ""), indicator);
    ck_assert_msg(set != NULL, "no limit for %s", indicator);
    return set;
}

static void expect_nc(const qc_conformity *c, size_t i, const char *sample, uint32_t line,
                      qc_decision d) {
    ck_assert_msg(i < c->nnc, "nonconforming[%zu] missing (nnc %zu)", i, c->nnc);
    const qc_nonconforming *nc = &c->nc[i];
    ck_assert_str_eq(qc_intern_str(res->strings, nc->sample), sample);
    ck_assert_msg(nc->line == line, "%s: line %u, want %u", sample, (unsigned)nc->line,
                  (unsigned)line);
    ck_assert_msg(nc->decision == d, "%s: %s, want %s", sample, qc_decision_name(nc->decision),
                  qc_decision_name(d));
    ck_assert_uint_eq(nc->file, 0);
    if (d == QC_DEC_NOT_DECIDABLE)
        ck_assert_msg(nc->why && nc->why[0], "%s: not decidable without a reason", sample);
}

START_TEST(test_cell_unit_conversion) {
    const qc_cell *c = cell_of("yield_strength", "local");
    ck_assert_uint_eq(c->n, 6);          /* S1 … S6, the missing S5 included */
    ck_assert_uint_eq(c->n_missing, 1);
    qc_conformity conf;
    qc_error err = {0};
    ck_assert_msg(qc_assess_cell(res, c, limits_of("yield_strength"), rules->units, &SIMPLE, NAN, NAN,
                                 &conf, &err) == QC_OK, "%s", err.message);
    /* min 58 ksi = 399.896 MPa: 399.8 fails, 399.9 passes (unconverted, min 58 would pass all);
     * 58.1 ksi = 400.585 MPa and 430 N/mm2 pass; <400 straddles 399.896; the missing value is
     * not judged. */
    ck_assert_uint_eq(conf.count[QC_DEC_PASS], 3);
    ck_assert_uint_eq(conf.count[QC_DEC_FAIL], 1);
    ck_assert_uint_eq(conf.count[QC_DEC_NOT_DECIDABLE], 1);
    ck_assert_uint_eq(conf.unconfirmed, 0);
    ck_assert_uint_eq(conf.nnc, 2);
    expect_nc(&conf, 0, "S1", 2, QC_DEC_FAIL);
    ck_assert_double_eq_tol(conf.nc[0].x, 399.8, 1e-12);
    ck_assert_int_eq(conf.nc[0].kind, QC_VALUE_NUMBER);
    expect_nc(&conf, 1, "S4", 6, QC_DEC_NOT_DECIDABLE);
    ck_assert_int_eq(conf.nc[1].kind, QC_VALUE_LT);
    qc_conformity_free(&conf);
    /* the benchmark group: 390 MPa fails */
    c = cell_of("yield_strength", "benchmark");
    ck_assert_int_eq(qc_assess_cell(res, c, limits_of("yield_strength"), rules->units, &SIMPLE, NAN, NAN,
                                    &conf, &err), QC_OK);
    ck_assert_uint_eq(conf.count[QC_DEC_FAIL], 1);
    ck_assert_uint_eq(conf.count[QC_DEC_PASS], 0);
    expect_nc(&conf, 0, "B1", 9, QC_DEC_FAIL);
    qc_conformity_free(&conf);
}
END_TEST

START_TEST(test_cell_piecewise_when) {
    const qc_cell *c = cell_of("elongation_after_fracture", "local");
    const qc_limit_set *set = limits_of("elongation_after_fracture");
    ck_assert_uint_eq(set->npieces, 2);
    qc_conformity conf;
    qc_error err = {0};
    ck_assert_msg(qc_assess_cell(res, c, set, rules->units, &SIMPLE, NAN, NAN, &conf, &err) == QC_OK, "%s",
                  err.message);
    /* d 12: 17 pass, 15.5 fail (min 16); d 32: 15.5 pass (min 15); d 26: no piece; no d: no
     * piece; d 40 (inclusive upper end of 28–40): 14.9 fail (min 15). */
    ck_assert_uint_eq(conf.count[QC_DEC_PASS], 2);
    ck_assert_uint_eq(conf.count[QC_DEC_FAIL], 2);
    ck_assert_uint_eq(conf.count[QC_DEC_NOT_DECIDABLE], 2);
    /* S9 and S12 were judged against the unconfirmed piece */
    ck_assert_uint_eq(conf.unconfirmed, 2);
    ck_assert_uint_eq(conf.nnc, 4);
    expect_nc(&conf, 0, "S8", 12, QC_DEC_FAIL);
    expect_nc(&conf, 1, "S10", 14, QC_DEC_NOT_DECIDABLE);
    expect_nc(&conf, 2, "S11", 15, QC_DEC_NOT_DECIDABLE);
    expect_nc(&conf, 3, "S12", 16, QC_DEC_FAIL);
    ck_assert_double_eq_tol(conf.nc[3].x, 14.9, 1e-12);
    qc_conformity_free(&conf);
    ck_assert_ptr_null(conf.nc);
    ck_assert_uint_eq(conf.nnc, 0);
}
END_TEST

START_TEST(test_cell_applies_to_mean) {
    const qc_cell *c = cell_of("water_absorption", "local");
    const qc_limit_set *set = limits_of("water_absorption");
    ck_assert_uint_eq(c->n, 3);
    qc_conformity conf;
    qc_error err = {0};
    /* mean (0.4 + 0.45 + 0.7)/3 = 0.51666… > 0.5: one fail, judged once; the individual 0.7 is
     * not judged on its own and not listed */
    double mean = (0.4 + 0.45 + 0.7) / 3, median = 0.45;
    ck_assert_int_eq(qc_assess_cell(res, c, set, rules->units, &SIMPLE, mean, median, &conf, &err), QC_OK);
    ck_assert_uint_eq(conf.count[QC_DEC_PASS], 0);
    ck_assert_uint_eq(conf.count[QC_DEC_FAIL], 1);
    ck_assert_uint_eq(conf.count[QC_DEC_NOT_DECIDABLE], 0);
    ck_assert_uint_eq(conf.nnc, 0);
    qc_conformity_free(&conf);
    /* the mean, not the median (0.45 would pass) nor the results, is what is judged: a mean of
     * 0.45 passes, once */
    ck_assert_int_eq(qc_assess_cell(res, c, set, rules->units, &SIMPLE, 0.45, 0.7, &conf, &err), QC_OK);
    ck_assert_uint_eq(conf.count[QC_DEC_PASS], 1);
    ck_assert_uint_eq(conf.count[QC_DEC_FAIL], 0);
    ck_assert_uint_eq(conf.count[QC_DEC_NOT_DECIDABLE], 0);
    qc_conformity_free(&conf);
    /* the limit's own end: mean 0.5 passes (inclusive max) */
    ck_assert_int_eq(qc_assess_cell(res, c, set, rules->units, &SIMPLE, 0.5, 0.45, &conf, &err), QC_OK);
    ck_assert_uint_eq(conf.count[QC_DEC_PASS], 1);
    qc_conformity_free(&conf);
    /* no mean: not decidable, once */
    ck_assert_int_eq(qc_assess_cell(res, c, set, rules->units, &SIMPLE, NAN, NAN, &conf, &err), QC_OK);
    ck_assert_uint_eq(conf.count[QC_DEC_PASS] + conf.count[QC_DEC_FAIL], 0);
    ck_assert_uint_eq(conf.count[QC_DEC_NOT_DECIDABLE], 1);
    qc_conformity_free(&conf);
}
END_TEST

/* DESIGN §4.2: "applies_to … mean or median (the group's statistic, e.g. tiles: mean water
 * absorption ≤ 0.5 %, individual ≤ 0.6 %)" — both limits on one indicator of one standard,
 * neither with `when`. Expected: the rules load; each result is judged against 0.6 (T3 = 0.7
 * fails, line 19) and the mean 0.5167 against 0.5 (fails): pass 2, fail 2. */
START_TEST(test_cell_mean_and_individual) {
    load_fixture(STANDARD_TILES);
    const qc_cell *c = cell_of("water_absorption", "local");
    qc_conformity conf;
    qc_error err = {0};
    double mean = (0.4 + 0.45 + 0.7) / 3;
    ck_assert_int_eq(qc_assess_cell(res, c, limits_of("water_absorption"), rules->units, &SIMPLE, mean,
                                    0.45, &conf, &err), QC_OK);
    ck_assert_uint_eq(conf.count[QC_DEC_PASS], 2);
    ck_assert_uint_eq(conf.count[QC_DEC_FAIL], 2);
    ck_assert_uint_eq(conf.count[QC_DEC_NOT_DECIDABLE], 0);
    ck_assert_uint_eq(conf.nnc, 1);
    expect_nc(&conf, 0, "T3", 19, QC_DEC_FAIL);
    qc_conformity_free(&conf);
    teardown();
}
END_TEST

static Suite *assess_suite(void) {
    Suite *s = suite_create("assess");
    TCase *tc = tcase_create("decide");
    tcase_add_test(tc, test_censored_against_max);
    tcase_add_test(tc, test_not_detected);
    tcase_add_test(tc, test_bounds_at_the_limit);
    tcase_add_test(tc, test_two_sided_range);
    tcase_add_test(tc, test_missing);
    tcase_add_test(tc, test_round_half_even_in_decimal);
    tcase_add_test(tc, test_rules_worked_example);
    tcase_add_test(tc, test_outcome_precedence);
    tcase_add_test(tc, test_centre_lookup);
    suite_add_tcase(s, tc);
    tc = tcase_create("cell");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_cell_unit_conversion);
    tcase_add_test(tc, test_cell_piecewise_when);
    tcase_add_test(tc, test_cell_applies_to_mean);
    suite_add_tcase(s, tc);
    tc = tcase_create("cell_tiles");
    tcase_add_test(tc, test_cell_mean_and_individual);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    snprintf(top, sizeof top, "/tmp/qc_test_assess_XXXXXX");
    if (!mkdtemp(top)) {
        perror("mkdtemp");
        return 1;
    }
    SRunner *sr = srunner_create(assess_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    remove_tree(top);
    return failed == 0 ? 0 : 1;
}
