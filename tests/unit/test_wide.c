/* test_wide.c — Check suite for the wide layout (engine/ingest/wide.c, DESIGN §4.1): the header
 * split into indicator name and unit ([], (), full-width （）, nesting, blanks), and whole files
 * read through qc_results_load: which columns are indicators (ids, names and aliases, folded,
 * with or without a unit) and which are context, unit conversion from the header, one result
 * per cell with a bad cell rejecting only itself, the counts, renames, and the refusals
 * (uncertainty, unit, indicator/value columns, a unit that does not convert, no indicator
 * column, a renamed or `where` column the file lacks). Fixtures as in rules_fixture.h. */
#define _POSIX_C_SOURCE 200809L
#include "rules_fixture.h"
#include "qcompare/results.h"

/* ---------- header split ---------- */

START_TEST(test_header_split) {
    static const struct { const char *h; int has_unit; const char *name, *unit; } cases[] = {
        {"yield_strength [MPa]", 1, "yield_strength", "MPa"},
        {"下屈服强度(MPa)", 1, "下屈服强度", "MPa"},
        {"屈服强度（MPa）", 1, "屈服强度", "MPa"},
        {"屈服强度（MPa)", 1, "屈服强度", "MPa"},      /* mixed widths pair */
        {"屈服强度 (MPa）", 1, "屈服强度", "MPa"},
        {"noise (dB(A))", 1, "noise", "dB(A)"},        /* nested */
        {"noise [dB(A)]", 1, "noise", "dB(A)"},
        {"Agt [ % ]", 1, "Agt", "%"},
        {"yield [MPa]  ", 1, "yield", "MPa"},          /* trailing blanks */
        {"a [b] [MPa]", 1, "a [b]", "MPa"},            /* the last bracket is the unit */
        {"Rm/ReL (1)", 1, "Rm/ReL", "1"},
        {"x []", 1, "x", ""},                          /* empty: the dictionary's unit */
        {"yield_strength", 0, "yield_strength", ""},
        {"yield_strength  ", 0, "yield_strength", ""},
        {"(MPa)", 0, "(MPa)", ""},                     /* no name before it */
        {"x MPa)", 0, "x MPa)", ""},                   /* unbalanced */
        {"x (MPa", 0, "x (MPa", ""},
        {"a(b) c", 0, "a(b) c", ""},                   /* does not end with the bracket */
        {"x [MPa)", 0, "x [MPa)", ""},                 /* [ does not pair with ) */
        {"", 0, "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *h = cases[i].h;
        size_t nl = 99, uo = 99, ul = 99;
        int got = qc_wide_header_split(h, strlen(h), &nl, &uo, &ul);
        ck_assert_msg(got == cases[i].has_unit, "\"%s\": split %d", h, got);
        ck_assert_msg(nl == strlen(cases[i].name) && strncmp(h, cases[i].name, nl) == 0,
                      "\"%s\": name \"%.*s\"", h, (int)nl, h);
        ck_assert_msg(ul == strlen(cases[i].unit) && strncmp(h + uo, cases[i].unit, ul) == 0,
                      "\"%s\": unit \"%.*s\"", h, (int)ul, h + uo);
    }
}
END_TEST

/* ---------- files ---------- */

static qc_rules *R;

static void wide_setup(void) {
    setup();
    base_lib();
    R = load_ok();
}

static void wide_teardown(void) {
    qc_rules_free(R);
    R = NULL;
}

#define STUDY(extra)                                                                          \
    "{\"id\": \"w\", \"date\": \"2026-11-01\", \"results\": [\"r.csv\"], \"layout\": \"wide\"" \
    extra ", \"products\": [{\"product\": \"steel-rebar\", \"standards\": [{\"id\": "          \
    "\"TS 1-2018\", \"grade\": \"G400\"}]}]}\n"

/* Loads study text with the CSV; returns the status (err filled), *out the results. */
static qc_status load(const char *study, const char *csv, qc_study **s, qc_results **out,
                      qc_error *err) {
    put("w/study.json", study);
    put("w/r.csv", csv);
    *s = NULL;
    *out = NULL;
    qc_status st = qc_study_load(at("w/study.json"), R, s, err);
    ck_assert_msg(st == QC_OK, "study: %s", err->message);
    return qc_results_load(*s, R, out, err);
}

static const qc_cell *cell(const qc_results *r, const char *ind, const char *group) {
    for (size_t i = 0; i < r->ncells; i++)
        if (strcmp(r->cells[i].indicator->id, ind) == 0 &&
            strcmp(qc_intern_str(r->strings, r->cells[i].group), group) == 0)
            return &r->cells[i];
    return NULL;
}

START_TEST(test_columns_and_cells) {
    qc_study *s;
    qc_results *r;
    qc_error err = {0};
    qc_status st = load(STUDY(""),
                        "sample_id,product,group,屈服强度(MPa),Rm [ksi],Agt,yeild_strength [MPa],"
                        "Yield-Strength,note\n"
                        "L1,steel-rebar,local,420,80,10.5,1,2,a\n"
                        "L2,steel-rebar,local,41O,,11,1,2,b\n"
                        "B1,steel-rebar,benchmark,450,90,12,1,2,c\n",
                        &s, &r, &err);
    ck_assert_msg(st == QC_OK, "%s", err.message);
    const qc_file_counts *f = &r->files[0];
    ck_assert_str_eq(f->layout, "wide");
    ck_assert_str_eq(f->encoding, "utf-8");
    ck_assert_uint_eq(f->records, 3);
    ck_assert_uint_eq(f->results, 9);  /* 3 rows x 3 indicator columns */
    ck_assert_uint_eq(f->accepted, 8);
    ck_assert_uint_eq(f->rejected, 1);
    ck_assert_uint_eq(f->excluded, 0);
    ck_assert_uint_eq(r->nrejections, 1);
    ck_assert_uint_eq(r->rejections[0].line, 3);
    ck_assert_str_eq(r->rejections[0].column, "屈服强度(MPa)");
    /* every column, in order: indicators with their unit, the rest context */
    static const char *const want[][3] = {
        {"sample_id", NULL, NULL}, {"product", NULL, NULL}, {"group", NULL, NULL},
        {"屈服强度(MPa)", "yield_strength", "MPa"}, {"Rm [ksi]", "tensile_strength", "ksi"},
        {"Agt", "total_elongation_max_force", "%"}, {"yeild_strength [MPa]", NULL, NULL},
        {"Yield-Strength", NULL, NULL}, {"note", NULL, NULL}};
    ck_assert_uint_eq(f->ncolumns, 9);
    for (size_t i = 0; i < 9; i++) {
        ck_assert_str_eq(f->columns[i].header, want[i][0]);
        if (!want[i][1]) {
            ck_assert_ptr_null(f->columns[i].indicator);
            continue;
        }
        ck_assert_str_eq(f->columns[i].indicator, want[i][1]);
        ck_assert_str_eq(f->columns[i].unit, want[i][2]);
    }
    const qc_cell *y = cell(r, "yield_strength", "local");
    ck_assert_ptr_nonnull(y);
    ck_assert_uint_eq(y->n, 1);
    ck_assert_double_eq(y->x[0], 420);
    ck_assert_str_eq(qc_intern_str(r->strings, qc_cell_sample(y, 0)), "L1");
    const qc_cell *t = cell(r, "tensile_strength", "local");
    ck_assert_uint_eq(t->n, 2);  /* 80 ksi and an empty (missing) cell */
    ck_assert_double_eq_tol(t->x[0], 80 * 6.894757293168361, 1e-6);
    ck_assert_uint_eq(t->n_missing, 1);
    ck_assert_uint_eq(qc_cell_line(t, 1), 3);
    ck_assert_double_eq(cell(r, "total_elongation_max_force", "benchmark")->x[0], 12);
    qc_results_free(r);
    qc_study_free(s);
}
END_TEST

START_TEST(test_renames_and_row_faults) {
    qc_study *s;
    qc_results *r;
    qc_error err = {0};
    qc_status st = load(STUDY(", \"columns\": {\"product\": \"产品\", \"group\": \"组别\"}, "
                              "\"where\": {\"lab\": \"A\"}"),
                        "产品,组别,lab,屈服强度（MPa）,Rm\n"
                        "steel-rebar,local,A,420,600\n"
                        "steel-rebar,local,B,430,610\n"          /* excluded by where: 2 */
                        "no-such,local,A,440,620\n"              /* rejected row: 2 */
                        "steel-rebar,,A,440,620\n"               /* empty group: 2 */
                        "steel-rebar,benchmark,A,450\n",         /* field count: 2 */
                        &s, &r, &err);
    ck_assert_msg(st == QC_OK, "%s", err.message);
    const qc_file_counts *f = &r->files[0];
    ck_assert_uint_eq(f->records, 5);
    ck_assert_uint_eq(f->results, 10);
    ck_assert_uint_eq(f->accepted, 2);
    ck_assert_uint_eq(f->excluded, 2);
    ck_assert_uint_eq(f->rejected, 6);
    ck_assert_uint_eq(r->nrejections, 3);
    ck_assert_str_eq(r->rejections[0].column, "产品");
    ck_assert_ptr_nonnull(strstr(r->rejections[0].reason, "(the row's 2 results)"));
    ck_assert_str_eq(r->rejections[1].column, "组别");
    ck_assert_str_eq(r->rejections[2].column, "");
    qc_results_free(r);
    qc_study_free(s);
}
END_TEST

/* A header the wide layout refuses: status and a word of the message. */
static void refused(const char *extra, const char *csv, qc_status want, const char *word) {
    char study[1024];
    snprintf(study, sizeof study, STUDY("%s"), extra);
    qc_study *s;
    qc_results *r;
    qc_error err = {0};
    qc_status st = load(study, csv, &s, &r, &err);
    ck_assert_msg(st == want, "status %d, want %d: %s", (int)st, (int)want, err.message);
    ck_assert_msg(strstr(err.message, word) != NULL, "\"%s\" lacks \"%s\"", err.message, word);
    ck_assert_ptr_null(r);
    qc_study_free(s);
}

START_TEST(test_refusals) {
    refused("", "product,group,yield_strength,U\nsteel-rebar,local,400,5\n", QC_EDATA,
            "column \"U\": uncertainty columns are not read in the wide layout");
    refused("", "product,group,yield_strength,unit\nsteel-rebar,local,400,MPa\n", QC_EDATA,
            "column \"unit\": the wide layout reads each indicator's unit from its header");
    refused("", "product,group,indicator,value\nsteel-rebar,local,ReL,400\n", QC_EDATA,
            "a long-layout file?");
    refused("", "product,group,yield_strength [kg]\nsteel-rebar,local,400\n", QC_EDATA,
            "column \"yield_strength [kg]\": units are not convertible");
    refused("", "product,group,yeild\nsteel-rebar,local,400\n", QC_EDATA,
            "no column of the header names an indicator");
    refused("", "group,ReL\nlocal,400\n", QC_EDATA, "the header has no column \"product\"");
    refused(", \"columns\": {\"sample_id\": \"样品编号\"}",
            "product,group,ReL\nsteel-rebar,local,400\n", QC_ERULES,
            "r.csv:1: the header has no column \"样品编号\" (named by the study's columns.sample_id)");
    refused(", \"where\": {\"lab\": \"A\"}", "product,group,ReL\nsteel-rebar,local,400\n",
            QC_ERULES, "r.csv:1: the header has no column \"lab\" (named by the study's where)");
}
END_TEST

/* Renames of roles the wide layout has not are study errors. */
START_TEST(test_study_refuses_long_renames) {
    put("w/study.json", STUDY(", \"columns\": {\"value\": \"检测值\"}"));
    qc_study *s = NULL;
    qc_error err = {0};
    qc_status st = qc_study_load(at("w/study.json"), R, &s, &err);
    check_error(st, &err, at("w/study.json"), "$.columns.value", "the wide layout has no");
}
END_TEST

static Suite *wide_suite(void) {
    Suite *s = suite_create("wide");
    TCase *h = tcase_create("header");
    tcase_add_test(h, test_header_split);
    suite_add_tcase(s, h);
    TCase *f = tcase_create("files");
    tcase_add_checked_fixture(f, wide_setup, wide_teardown);
    tcase_add_test(f, test_columns_and_cells);
    tcase_add_test(f, test_renames_and_row_faults);
    tcase_add_test(f, test_refusals);
    tcase_add_test(f, test_study_refuses_long_renames);
    suite_add_tcase(s, f);
    return s;
}

int main(void) { return run_in_tmp(wide_suite(), "test_wide"); }
