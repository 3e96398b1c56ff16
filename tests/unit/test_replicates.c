/* test_replicates.c — Check suite for replicates "mean" (engine/ingest/replicates.c, the rules
 * in results.h): results of one (product, indicator, group) sharing a sample_id become one —
 * the mean of the numeric replicates (censored ones beside them left out), a censored result
 * with the least informative bound when all are censored on one side, a missing one when
 * they are censored on both sides or all missing; U averaged only when every numeric replicate
 * has one; the first replicate's line; results without a sample_id and other groups untouched;
 * the counts. Fixtures as in rules_fixture.h; values hand-computed. */
#define _POSIX_C_SOURCE 200809L
#include "rules_fixture.h"
#include "qcompare/results.h"

static qc_rules *R;

static void rep_setup(void) {
    setup();
    base_lib();
    R = load_ok();
}

static void rep_teardown(void) {
    qc_rules_free(R);
    R = NULL;
}

static const char CSV[] =
    "sample_id,product,group,indicator,value,lod,U\n"
    "S1,steel-rebar,local,ReL,440,,\n"        /* line 2: S1 440, 460 -> 450 */
    "S2,steel-rebar,local,ReL,500,,\n"        /* line 3: alone */
    "S1,steel-rebar,local,ReL,460,,\n"
    "S3,steel-rebar,local,ReL,<400,,\n"       /* line 5: <400 beside 430 -> 430 */
    "S3,steel-rebar,local,ReL,430,,\n"
    "S4,steel-rebar,local,ReL,<400,,\n"       /* line 7: <400, <=420 -> <=420 */
    "S4,steel-rebar,local,ReL,<=420,,\n"
    "S5,steel-rebar,local,ReL,>500,,\n"       /* line 9: >500, >=480 -> >=480 */
    "S5,steel-rebar,local,ReL,>=480,,\n"
    "S6,steel-rebar,local,ReL,<400,,\n"       /* line 11: < and > -> missing */
    "S6,steel-rebar,local,ReL,>500,,\n"
    "S7,steel-rebar,local,ReL,,,\n"           /* line 13: all missing -> missing */
    "S7,steel-rebar,local,ReL,,,\n"
    "S8,steel-rebar,local,ReL,,,\n"           /* line 15: missing beside 410 -> 410 */
    "S8,steel-rebar,local,ReL,410,,\n"
    "S9,steel-rebar,local,ReL,ND,5,\n"        /* line 17: ND lod 5, ND lod 8, <6 -> ND lod 8 */
    "S9,steel-rebar,local,ReL,ND,8,\n"
    "S9,steel-rebar,local,ReL,<6,,\n"
    "S10,steel-rebar,local,ReL,440,,10\n"     /* line 20: U 10 and 20 -> 15 */
    "S10,steel-rebar,local,ReL,460,,20\n"
    "S11,steel-rebar,local,ReL,440,,10\n"     /* line 22: one without U -> none */
    "S11,steel-rebar,local,ReL,460,,\n"
    ",steel-rebar,local,ReL,470,,\n"          /* line 24, 25: no sample_id: kept */
    ",steel-rebar,local,ReL,480,,\n"
    "S1,steel-rebar,benchmark,ReL,600,,\n";   /* line 26: another group: not merged */

static qc_results *load(const char *replicates, qc_study **s) {
    char study[1024];
    snprintf(study, sizeof study,
             "{\"id\": \"r\", \"date\": \"2026-11-01\", \"results\": [\"r.csv\"], "
             "\"replicates\": \"%s\", \"products\": [{\"product\": \"steel-rebar\", "
             "\"standards\": [{\"id\": \"TS 1-2018\", \"grade\": \"G400\"}]}]}\n", replicates);
    put("r/study.json", study);
    put("r/r.csv", CSV);
    qc_error err = {0};
    qc_results *r = NULL;
    ck_assert_msg(qc_study_load(at("r/study.json"), R, s, &err) == QC_OK, "%s", err.message);
    ck_assert_msg(qc_results_load(*s, R, &r, &err) == QC_OK, "%s", err.message);
    return r;
}

static const qc_cell *group(const qc_results *r, const char *g) {
    for (size_t i = 0; i < r->ncells; i++)
        if (strcmp(qc_intern_str(r->strings, r->cells[i].group), g) == 0) return &r->cells[i];
    ck_abort_msg("no group %s", g);
    return NULL;
}

START_TEST(test_mean) {
    qc_study *s;
    qc_results *r = load("mean", &s);
    const qc_cell *c = group(r, "local");
    static const struct { const char *sample; unsigned line; int kind; double x, lod; } want[] = {
        {"S1", 2, QC_VALUE_NUMBER, 450, NAN},  {"S2", 3, QC_VALUE_NUMBER, 500, NAN},
        {"S3", 5, QC_VALUE_NUMBER, 430, NAN},  {"S4", 7, QC_VALUE_LE, 420, NAN},
        {"S5", 9, QC_VALUE_GE, 480, NAN},      {"S6", 11, QC_VALUE_MISSING, NAN, NAN},
        {"S7", 13, QC_VALUE_MISSING, NAN, NAN}, {"S8", 15, QC_VALUE_NUMBER, 410, NAN},
        {"S9", 17, QC_VALUE_ND, NAN, 8},       {"S10", 20, QC_VALUE_NUMBER, 450, NAN},
        {"S11", 22, QC_VALUE_NUMBER, 450, NAN}, {"", 24, QC_VALUE_NUMBER, 470, NAN},
        {"", 25, QC_VALUE_NUMBER, 480, NAN}};
    size_t n = sizeof want / sizeof want[0];
    ck_assert_uint_eq(c->n, n);
    for (size_t i = 0; i < n; i++) {
        ck_assert_str_eq(qc_intern_str(r->strings, c->sample[i]), want[i].sample);
        ck_assert_uint_eq(c->line[i], want[i].line);
        ck_assert_msg(c->kind[i] == want[i].kind, "%zu: kind %d", i, c->kind[i]);
        if (!isnan(want[i].x)) ck_assert_double_eq(c->x[i], want[i].x);
        else ck_assert(isnan(c->x[i]));
        if (!isnan(want[i].lod)) ck_assert_double_eq(c->lod[i], want[i].lod);
    }
    ck_assert_uint_eq(c->n_missing, 2);
    ck_assert_double_eq(c->U[9], 15);  /* S10 */
    ck_assert_int_eq(c->usrc[9], QC_USRC_ROW);
    ck_assert(isnan(c->U[10]));        /* S11 */
    ck_assert_int_eq(c->usrc[10], QC_USRC_NONE);
    ck_assert_uint_eq(group(r, "benchmark")->n, 1);
    /* 2 + 2 + 2 + 2 + 2 + 2 + 2 + 3 + 2 + 2 = 21 results into 10 samples */
    ck_assert_int_eq(r->merged.applied, 1);
    ck_assert_uint_eq(r->merged.results, 21);
    ck_assert_uint_eq(r->merged.samples, 10);
    ck_assert_uint_eq(r->merged.censored_set_aside, 1);  /* S3's <400 */
    ck_assert_uint_eq(r->merged.indeterminate, 1);       /* S6 */
    /* the file counts are those read */
    ck_assert_uint_eq(r->files[0].accepted, 25);
    qc_results_free(r);
    qc_study_free(s);
}
END_TEST

START_TEST(test_individual_untouched) {
    qc_study *s;
    qc_results *r = load("individual", &s);
    ck_assert_uint_eq(group(r, "local")->n, 24);
    ck_assert_int_eq(r->merged.applied, 0);
    ck_assert_uint_eq(r->merged.samples, 0);
    qc_results_free(r);
    qc_study_free(s);
}
END_TEST

static Suite *rep_suite(void) {
    Suite *s = suite_create("replicates");
    TCase *tc = tcase_create("mean");
    tcase_add_checked_fixture(tc, rep_setup, rep_teardown);
    tcase_add_test(tc, test_mean);
    tcase_add_test(tc, test_individual_untouched);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_in_tmp(rep_suite(), "test_replicates"); }
