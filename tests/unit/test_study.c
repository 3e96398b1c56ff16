/* test_study.c — Check suite for the study file, engine/rules/study.c (study.h), against the
 * rules of DESIGN §4.3: defaults (alpha 0.05, confidence 0.95, decision rule simple, groups
 * column "group", subject "local", reference "benchmark"), result paths relative to the study
 * file, located errors "FILE: $.json.path: message". Fixtures as in rules_fixture.h. */
#define _POSIX_C_SOURCE 200809L
#include "rules_fixture.h"

/* ---------- study loading ---------- */

static qc_rules *R;

static void study_setup(void) {
    setup();
    base_lib();
    put_edition("standards/x/ts2-2015.json", "TS 2-2015", "2015-06-01", "superseded");
    put_edition("standards/x/ts2-2020.json", "TS 2-2020", "2020-07-01", "in_force");
    put_edition("standards/x/ts2-2023.json", "TS 2-2023", "2023-01-01", "withdrawn");
    R = load_ok();
}

static void study_teardown(void) {
    qc_rules_free(R);
    R = NULL;
}

/* Writes root/study/STUDY.json with the given text and loads it. */
static qc_status load_study(const char *text, qc_study **out, qc_error *err) {
    put("study/sub/study.json", text);
    *out = NULL;
    return qc_study_load(at("study/sub/study.json"), R, out, err);
}

static qc_study *study_ok(const char *text) {
    qc_study *s = NULL;
    qc_error err = {0};
    qc_status st = load_study(text, &s, &err);
    ck_assert_msg(st == QC_OK, "study did not load: %s", err.message);
    return s;
}

static void expect_study_error(const char *text, const char *jpath, const char *word) {
    qc_study *s = NULL;
    qc_error err = {0};
    qc_status st = load_study(text, &s, &err);
    if (st == QC_OK) qc_study_free(s);
    check_error(st, &err, at("study/sub/study.json"), jpath, word);
}

#define STUDY_HEAD "{\"id\": \"rebar-2026\", \"date\": \"2026-11-01\", \"results\": [\"data/r.csv\"],\n"
#define PRODUCT_G400E \
    " \"products\": [{\"product\": \"steel-rebar\", \"standards\": [{\"id\": \"TS 1-2018\", " \
    "\"grade\": \"G400E\"}]}]"

START_TEST(test_study_defaults) {
    qc_study *s = study_ok(STUDY_HEAD PRODUCT_G400E "}\n");
    ck_assert_str_eq(s->id, "rebar-2026");
    ck_assert_str_eq(s->date, "2026-11-01");
    ck_assert_str_eq(s->title, "");
    ck_assert_double_eq(s->alpha, 0.05);
    ck_assert_double_eq(s->confidence, 0.95);
    ck_assert_double_eq(s->equivalence_margin, 0.05);
    ck_assert_int_eq(s->rule, QC_RULE_SIMPLE);
    ck_assert_str_eq(qc_study_rule_name(s->rule), "simple");
    ck_assert_int_eq(s->multiple_testing, QC_PADJ_HOLM);
    ck_assert_int_eq(s->proportion_ci, QC_CI_CLOPPER_PEARSON);
    ck_assert_str_eq(s->censored, "km");
    ck_assert_double_eq(s->censored_max_share, 0.5);
    ck_assert_str_eq(s->method_mismatch, "flag");
    ck_assert_str_eq(s->replicates, "individual");
    ck_assert_ptr_null(s->factor);
    ck_assert_str_eq(s->group_column, "group");
    ck_assert_uint_eq(s->nsubject, 1);
    ck_assert_str_eq(s->subject[0], "local");
    ck_assert_uint_eq(s->nreference, 1);
    ck_assert_str_eq(s->reference[0], "benchmark");
    ck_assert_uint_eq(s->nresults, 1);
    ck_assert_str_eq(s->results[0].layout, "long");
    ck_assert_str_eq(s->results[0].encoding, "utf-8");
    ck_assert_int_eq(s->results[0].delimiter, ',');
    ck_assert_uint_eq(s->nproducts, 1);
    ck_assert_str_eq(s->products[0].product->id, "steel-rebar");
    ck_assert_uint_eq(s->products[0].nstandards, 1);
    ck_assert_str_eq(s->products[0].standards[0].standard->id, "TS 1-2018");
    ck_assert_str_eq(s->products[0].standards[0].grade->name, "G400E");
    ck_assert_uint_eq(strlen(s->sha256), 64);
    qc_study_free(s);
    /* explicit values replace the defaults */
    s = study_ok(STUDY_HEAD " \"alpha\": 0.01, \"confidence\": 0.9, \"multiple_testing\": \"bh\",\n"
                 " \"groups\": {\"column\": \"brand\", \"subject\": \"ours\"},\n" PRODUCT_G400E "}\n");
    ck_assert_double_eq(s->alpha, 0.01);
    ck_assert_double_eq(s->confidence, 0.9);
    ck_assert_int_eq(s->multiple_testing, QC_PADJ_BH);
    ck_assert_str_eq(s->group_column, "brand");
    ck_assert_str_eq(s->subject[0], "ours");
    ck_assert_str_eq(s->reference[0], "benchmark");
    qc_study_free(s);
}
END_TEST

START_TEST(test_study_standards) {
    /* a standard without grades needs none named */
    qc_study *s = study_ok(STUDY_HEAD " \"products\": [{\"product\": \"steel-rebar\",\n"
                           "  \"standards\": [{\"id\": \"TS 3-2019\"}, {\"id\": \"TS 2\"}]}]}\n");
    ck_assert_uint_eq(s->products[0].nstandards, 2);
    ck_assert_str_eq(s->products[0].standards[0].grade->name, "");
    /* an id without a year: the edition in force on 2026-11-01 (2023 is withdrawn) */
    ck_assert_str_eq(s->products[0].standards[1].standard->id, "TS 2-2020");
    ck_assert_str_eq(s->products[0].standards[1].requested_id, "TS 2");
    qc_study_free(s);
    expect_study_error(STUDY_HEAD " \"products\": [{\"product\": \"steel-rebar\",\n"
                       "  \"standards\": [{\"id\": \"TS 404-2020\"}]}]}\n",
                       "$.products[0].standards[0].id", "TS 404-2020");
    expect_study_error(STUDY_HEAD " \"products\": [{\"product\": \"steel-rebar\",\n"
                       "  \"standards\": [{\"id\": \"TS 1-2018\", \"grade\": \"G999\"}]}]}\n",
                       "$.products[0].standards[0].grade", "G999");
    expect_study_error(STUDY_HEAD " \"products\": [{\"product\": \"steel-rebar\",\n"
                       "  \"standards\": [{\"id\": \"TS 3-2019\"}, {\"id\": \"TS 1-2018\"}]}]}\n",
                       "$.products[0].standards[1]", "grade");
    expect_study_error(STUDY_HEAD " \"products\": [{\"product\": \"steel-bar\"}]}\n",
                       "$.products[0].product", "steel-bar");
    /* an edition not yet in force at the study date */
    expect_study_error("{\"id\": \"old\", \"date\": \"2014-01-01\", \"results\": [\"r.csv\"],\n"
                       " \"products\": [{\"product\": \"steel-rebar\",\n"
                       "  \"standards\": [{\"id\": \"TS 2\"}]}]}\n",
                       "$.products[0].standards[0].id", "TS 2");
}
END_TEST

START_TEST(test_study_paths) {
    char want[1200];
    qc_study *s = study_ok("{\"id\": \"p\", \"date\": \"2026-11-01\", \"delimiter\": \";\",\n"
                           " \"results\": [\"data/r.csv\", {\"path\": \"/abs/x.csv\"},\n"
                           "   {\"path\": \"../other/y.csv\", \"delimiter\": \"tab\"}],\n"
                           PRODUCT_G400E "}\n");
    ck_assert_uint_eq(s->nresults, 3);
    snprintf(want, sizeof want, "%s/study/sub/data/r.csv", root);
    ck_assert_str_eq(s->results[0].path, want);
    ck_assert_str_eq(s->results[1].path, "/abs/x.csv");
    snprintf(want, sizeof want, "%s/study/sub/../other/y.csv", root);
    ck_assert_str_eq(s->results[2].path, want);
    ck_assert_int_eq(s->results[0].delimiter, ';');
    ck_assert_int_eq(s->results[1].delimiter, ';');
    ck_assert_int_eq(s->results[2].delimiter, '\t');
    qc_study_free(s);
    /* a study given by a relative path resolves against that path's directory */
    char cwd[1024];
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_int_eq(chdir(root), 0);
    qc_error err = {0};
    s = NULL;
    qc_status st = qc_study_load("study/sub/study.json", R, &s, &err);
    ck_assert_int_eq(chdir(cwd), 0);
    ck_assert_msg(st == QC_OK, "%s", err.message);
    ck_assert_str_eq(s->results[0].path, "study/sub/data/r.csv");
    qc_study_free(s);
}
END_TEST

START_TEST(test_study_groups) {
    qc_study *s = study_ok(STUDY_HEAD " \"groups\": {\"column\": \"brand\", \"subject\": [\"local\"],\n"
                           "   \"reference\": [\"intl-a\", \"intl-b\"]},\n" PRODUCT_G400E "}\n");
    ck_assert_str_eq(s->group_column, "brand");
    ck_assert_uint_eq(s->nsubject, 1);
    ck_assert_uint_eq(s->nreference, 2);
    ck_assert_str_eq(s->reference[0], "intl-a");
    ck_assert_str_eq(s->reference[1], "intl-b");
    ck_assert_int_eq(qc_study_role(s, "local"), 0);
    ck_assert_int_eq(qc_study_role(s, "intl-a"), 1);
    ck_assert_int_eq(qc_study_role(s, "intl-b"), 1);
    ck_assert_int_eq(qc_study_role(s, "intl-c"), 2);
    ck_assert_int_eq(qc_study_role(s, "Local"), 2);
    qc_study_free(s);
    /* subject == reference */
    expect_study_error(STUDY_HEAD " \"groups\": {\"subject\": \"local\", \"reference\": [\"intl-a\", "
                       "\"local\"]},\n" PRODUCT_G400E "}\n", "$.groups", "local");
    expect_study_error(STUDY_HEAD " \"groups\": {\"subject\": \"benchmark\"},\n" PRODUCT_G400E "}\n",
                       "$.groups", "benchmark");
    /* a role list holding something else than strings */
    expect_study_error(STUDY_HEAD " \"groups\": {\"reference\": [\"intl-a\", 3]},\n" PRODUCT_G400E
                       "}\n", "$.groups.reference[1]", "must be");
}
END_TEST

START_TEST(test_study_keys) {
    expect_study_error(STUDY_HEAD " \"alhpa\": 0.05,\n" PRODUCT_G400E "}\n", "$.alhpa", "unknown key");
    expect_study_error(STUDY_HEAD " \"alpha\": \"0.05\",\n" PRODUCT_G400E "}\n", "$.alpha", "must be");
    expect_study_error(STUDY_HEAD " \"alpha\": 1.5,\n" PRODUCT_G400E "}\n", "$.alpha", "between");
    expect_study_error(STUDY_HEAD " \"censored\": \"drop\",\n" PRODUCT_G400E "}\n", "$.censored",
                       "exclude");
    expect_study_error(STUDY_HEAD " \"decision_rule\": {\"kind\": \"strict\"},\n" PRODUCT_G400E "}\n",
                       "$.decision_rule.kind", "strict");
    expect_study_error("{\"id\": \"x\", \"results\": [\"r.csv\"],\n" PRODUCT_G400E "}\n", "$", "date");
    expect_study_error("{\"id\": \"x\", \"date\": \"2026-13-01\", \"results\": [\"r.csv\"],\n"
                       PRODUCT_G400E "}\n", "$.date", "date");
    expect_study_error(STUDY_HEAD " \"products\": [{\"product\": \"steel-rebar\"}],\n"
                       " \"weights\": {\"yield_strength\": 0}}\n", "$.weights.yield_strength",
                       "positive");
    /* a day February does not have (the study date decides which editions are in force) */
    expect_study_error("{\"id\": \"x\", \"date\": \"2026-02-30\", \"results\": [\"r.csv\"],\n"
                       PRODUCT_G400E "}\n", "$.date", "date");
}
END_TEST

static Suite *study_suite(void) {
    Suite *s = suite_create("study");
    TCase *tc = tcase_create("study");
    tcase_add_checked_fixture(tc, study_setup, study_teardown);
    tcase_add_test(tc, test_study_defaults);
    tcase_add_test(tc, test_study_standards);
    tcase_add_test(tc, test_study_paths);
    tcase_add_test(tc, test_study_groups);
    tcase_add_test(tc, test_study_keys);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_in_tmp(study_suite(), "test_study"); }
