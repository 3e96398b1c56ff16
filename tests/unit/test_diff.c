/* test_diff.c — Check suite for engine/report/diff.c (diff.h): tolerances, volatile fields,
 * identity matching, subset mode, schema checks, loading. Each test edits a copy of the small
 * analysis BASE and checks the differences qc_diff reports (path, expected, actual). */
#define _GNU_SOURCE  /* mkdtemp */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcompare/diff.h"

/* JSON written with ' for " (see parse()). */
static const char BASE[] =
    "{'schema': 'qcompare/gap-analysis/1', 'engine': {'name': 'qcompare', 'version': '0.1.0'},"
    " 'inputs': {'files': [{'path': 'datasets/rebar/rebar.csv', 'role': 'results'},"
    "                      {'path': 'rules/units.json', 'role': 'units'}],"
    "            'rejections': [{'path': 'datasets/rebar/rebar.csv', 'line': 9, 'column': 'value',"
    "                            'reason': 'not a number'}]},"
    " 'products': [{'product': 'steel-rebar',"
    "   'standards': [{'id': 'GB/T 1499.2-2018', 'grade': 'HRB400', 'flags': []}],"
    "   'indicators': [{'indicator': 'yield_strength', 'unit': 'MPa', 'groups': ["
    "     {'group': 'local', 'role': 'subject', 'n': 30, 'mean': 452.5, 'sd': 12.25,"
    "      'mean_ci': [447.9, 457.1], 'median': null,"
    "      'conformity': [{'standard': 'GB/T 1499.2-2018', 'grade': 'HRB400',"
    "        'rate': 0.966666666666667, 'nonconforming': [{'sample_id': 'L-07', 'line': 34,"
    "                                'file': 'datasets/rebar/rebar.csv', 'value': 395}]}]},"
    "     {'group': 'benchmark', 'role': 'reference', 'n': 30, 'mean': 480.25, 'sd': 8.5,"
    "      'mean_ci': [477.1, 483.4], 'median': 480, 'conformity': []}]}]}],"
    " 'notes': ['a note']}";

#define MAXD 16
typedef struct found {
    size_t n;
    char path[MAXD][256], expected[MAXD][256], actual[MAXD][256];
} found;

static void print_to(char *buf, const cJSON *v)  /* compact JSON, or "(absent)" */
{
    char *s = v ? cJSON_PrintUnformatted(v) : NULL;
    snprintf(buf, 256, "%s", s ? s : "(absent)");
    free(s);
}

static int collect(const qc_difference *d, void *ctx)
{
    found *f = ctx;
    if (f->n < MAXD) {
        snprintf(f->path[f->n], 256, "%s", d->path);
        print_to(f->expected[f->n], d->expected);
        print_to(f->actual[f->n], d->actual);
    }
    f->n++;
    return 0;
}

/* Parses text written with ' in place of " (no ' inside strings). */
static cJSON *parse(const char *text)
{
    char *t = strdup(text);
    for (char *p = t; *p; p++)
        if (*p == '\'') *p = '"';
    cJSON *d = cJSON_Parse(t);
    free(t);
    ck_assert_ptr_nonnull(d);
    return d;
}

static cJSON *base(void) { return parse(BASE); }

/* The value at a dotted path of keys and indices: "products.0.indicators.0.groups.0.mean". */
static cJSON *at(cJSON *doc, const char *path)
{
    char buf[256], *save = NULL;
    snprintf(buf, sizeof buf, "%s", path);
    cJSON *v = doc;
    for (char *t = strtok_r(buf, ".", &save); t && v; t = strtok_r(NULL, ".", &save))
        v = (*t >= '0' && *t <= '9') ? cJSON_GetArrayItem(v, atoi(t))
                                     : cJSON_GetObjectItemCaseSensitive(v, t);
    ck_assert_msg(v != NULL, "no value at %s", path);
    return v;
}

static void set_number(cJSON *d, const char *p, double x) { cJSON_SetNumberValue(at(d, p), x); }
static void set_string(cJSON *d, const char *p, const char *v)
{
    cJSON_SetValuestring(at(d, p), v);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* Compares e and a with opt (NULL: defaults), checks the status, frees both documents. */
static found run(cJSON *e, cJSON *a, const qc_diff_options *opt)
{
    found f = {0};
    size_t n = 99;
    qc_error err = {0};
    ck_assert_int_eq(qc_diff(e, a, opt, collect, &f, &n, &err), QC_OK);
    ck_assert_uint_eq(n, f.n);
    cJSON_Delete(e);
    cJSON_Delete(a);
    return f;
}

/* Difference i of f is at path, with expected e and actual a as compact JSON or "(absent)"
 * (NULL: not checked). */
static void expect(const found *f, size_t i, const char *path, const char *e, const char *a)
{
    ck_assert_uint_lt(i, f->n);
    ck_assert_str_eq(f->path[i], path);
    if (e) ck_assert_str_eq(f->expected[i], e);
    if (a) ck_assert_str_eq(f->actual[i], a);
}

#define INDICATOR "$.products[steel-rebar].indicators[yield_strength]"
#define GROUP_LOCAL INDICATOR ".groups[local]"
#define CONFORMITY GROUP_LOCAL ".conformity[GB/T 1499.2-2018@HRB400]"
#define LOCAL "products.0.indicators.0.groups.0"

START_TEST(test_moved_mean_caught)
{
    cJSON *a = base();
    set_number(a, LOCAL ".mean", 452.5 * (1 + 1e-3));
    found f = run(base(), a, NULL);
    ck_assert_uint_eq(f.n, 1);
    expect(&f, 0, GROUP_LOCAL ".mean", "452.5", "452.9525");
}
END_TEST

START_TEST(test_noise_ignored)
{
    found f = run(base(), base(), NULL);
    ck_assert_uint_eq(f.n, 0);
    cJSON *a = base();
    set_number(a, LOCAL ".mean", 452.5 * (1 + 1e-12));
    set_number(a, LOCAL ".sd", 12.25 + 1e-13);  /* absolute noise */
    /* R's 15 significant digits against a round-trip (17-digit) print */
    set_number(a, LOCAL ".conformity.0.rate", 29.0 / 30.0);
    f = run(base(), a, NULL);
    ck_assert_uint_eq(f.n, 0);
}
END_TEST

START_TEST(test_tolerance_options)
{
    qc_diff_options o = qc_diff_defaults();
    ck_assert(o.rtol == QC_DIFF_RTOL && o.atol == QC_DIFF_ATOL && !o.subset);
    cJSON *a = base();
    set_number(a, LOCAL ".mean", 452.5 * (1 + 1e-3));
    o.rtol = 2e-3;  /* a looser relative tolerance accepts the move */
    ck_assert_uint_eq(run(base(), cJSON_Duplicate(a, 1), &o).n, 0);
    o.rtol = 0;
    o.atol = 0.5;   /* so does an absolute one: the move is 0.4525 */
    ck_assert_uint_eq(run(base(), cJSON_Duplicate(a, 1), &o).n, 0);
    o.atol = 0.4;
    ck_assert_uint_eq(run(base(), a, &o).n, 1);
    /* bad tolerances */
    qc_error err = {0};
    cJSON *e = base();
    o.atol = -1;
    ck_assert_int_eq(qc_diff(e, e, &o, NULL, NULL, NULL, &err), QC_EUSAGE);
    o.atol = 0;
    o.rtol = INFINITY;
    ck_assert_int_eq(qc_diff(e, e, &o, NULL, NULL, NULL, &err), QC_EUSAGE);
    cJSON_Delete(e);
}
END_TEST

START_TEST(test_types_and_scalars)
{
    cJSON *a = base();
    cJSON_ReplaceItemInObjectCaseSensitive(at(a, LOCAL), "median", cJSON_CreateNumber(450));
    set_string(a, "products.0.indicators.0.unit", "kN");
    set_number(a, LOCAL ".mean_ci.1", 458);
    found f = run(base(), a, NULL);
    ck_assert_uint_eq(f.n, 3);
    expect(&f, 0, INDICATOR ".unit", "\"MPa\"", "\"kN\"");
    expect(&f, 1, GROUP_LOCAL ".mean_ci[1]", "457.1", "458");
    expect(&f, 2, GROUP_LOCAL ".median", "null", "450");
}
END_TEST

START_TEST(test_volatile_ignored)
{
    cJSON *a = base();
    set_string(a, "engine.version", "9.9.9");
    set_string(a, "inputs.files.0.path", "/home/ci/qcompare/datasets/rebar/rebar.csv");
    set_string(a, "inputs.rejections.0.path", "C:\\data\\rebar.csv");
    set_string(a, LOCAL ".conformity.0.nonconforming.0.file", "/tmp/x/rebar.csv");
    ck_assert_uint_eq(run(base(), a, NULL).n, 0);
    /* engine.version absent on one side is ignored too */
    a = base();
    cJSON_DeleteItemFromObjectCaseSensitive(at(a, "engine"), "version");
    ck_assert_uint_eq(run(base(), a, NULL).n, 0);
}
END_TEST

START_TEST(test_volatile_basename_differs)
{
    cJSON *a = base();
    set_string(a, LOCAL ".conformity.0.nonconforming.0.file", "/tmp/x/other.csv");
    set_string(a, "engine.name", "other");     /* only the version is volatile */
    cJSON_AddStringToObject(a, "study", "x");  /* a key ACTUAL has and EXPECTED does not */
    found f = run(base(), a, NULL);
    ck_assert_uint_eq(f.n, 3);
    expect(&f, 0, "$.engine.name", "\"qcompare\"", "\"other\"");
    expect(&f, 1, CONFORMITY ".nonconforming[L-07:34].file", "\"datasets/rebar/rebar.csv\"",
           "\"/tmp/x/other.csv\"");
    expect(&f, 2, "$.study", "(absent)", "\"x\"");
}
END_TEST

START_TEST(test_order_of_identified_elements_ignored)
{
    cJSON *a = base();
    cJSON *groups = at(a, "products.0.indicators.0.groups");
    cJSON_AddItemToArray(groups, cJSON_DetachItemFromArray(groups, 0));
    cJSON *files = at(a, "inputs.files");
    cJSON_AddItemToArray(files, cJSON_DetachItemFromArray(files, 0));
    ck_assert_uint_eq(run(base(), a, NULL).n, 0);
}
END_TEST

START_TEST(test_missing_and_extra_elements)
{
    cJSON *a = base();
    cJSON_DeleteItemFromArray(at(a, "products.0.indicators.0.groups"), 1);  /* benchmark */
    set_string(a, "inputs.files.1.path", "/abs/rules/products.json");        /* units -> products */
    found f = run(base(), a, NULL);
    ck_assert_uint_eq(f.n, 3);
    expect(&f, 0, "$.inputs.files[units.json]", NULL, "(absent)");
    expect(&f, 1, "$.inputs.files[products.json]", "(absent)",
           "{\"path\":\"/abs/rules/products.json\",\"role\":\"units\"}");
    expect(&f, 2, INDICATOR ".groups[benchmark]", NULL, "(absent)");
    ck_assert_ptr_nonnull(strstr(f.expected[2], "\"group\":\"benchmark\""));
}
END_TEST

START_TEST(test_extra_element_and_scalar_arrays)
{
    cJSON *a = base();
    cJSON_AddItemToArray(at(a, LOCAL ".conformity.0.nonconforming"),
                         parse("{'sample_id': 'L-12', 'line': 39}"));
    cJSON_AddItemToArray(at(a, "notes"), cJSON_CreateString("another note"));
    cJSON_AddItemToArray(at(a, "products.0.standards.0.flags"), cJSON_CreateString("f"));
    found f = run(base(), a, NULL);
    ck_assert_uint_eq(f.n, 3);
    expect(&f, 0, "$.products[steel-rebar].standards[GB/T 1499.2-2018@HRB400].flags[0]",
           "(absent)", "\"f\"");
    expect(&f, 1, CONFORMITY ".nonconforming[L-12:39]", "(absent)",
           "{\"sample_id\":\"L-12\",\"line\":39}");
    expect(&f, 2, "$.notes[1]", "(absent)", "\"another note\"");
    /* a changed identity field: one element missing, one extra */
    a = base();
    set_number(a, LOCAL ".conformity.0.nonconforming.0.line", 35);
    f = run(base(), a, NULL);
    ck_assert_uint_eq(f.n, 2);
    expect(&f, 0, CONFORMITY ".nonconforming[L-07:34]", NULL, "(absent)");
    expect(&f, 1, CONFORMITY ".nonconforming[L-07:35]", "(absent)", NULL);
}
END_TEST

START_TEST(test_subset)
{
    qc_diff_options o = qc_diff_defaults();
    o.subset = 1;
    /* EXPECTED as an independent program writes it: a few keys, identity fields only */
    static const char part[] =
        "{'schema': 'qcompare/gap-analysis/1', 'products': [{'product': 'steel-rebar',"
        " 'indicators': [{'indicator': 'yield_strength', 'groups': ["
        "  {'group': 'benchmark', 'mean': 480.25},"
        "  {'group': 'local', 'mean': 452.5, 'mean_ci': [447.9, 457.1],"
        "   'conformity': [{'standard': 'GB/T 1499.2-2018', 'grade': 'HRB400',"
        "     'nonconforming': [{'sample_id': 'L-07', 'line': 34}]}]}]}]}]}";
    ck_assert_uint_eq(run(parse(part), base(), &o).n, 0);
    /* without --subset every omitted key is a difference */
    ck_assert_uint_gt(run(parse(part), base(), NULL).n, 5);
    /* a key EXPECTED has and ACTUAL lacks is a difference in subset mode too */
    cJSON *a = base();
    cJSON_DeleteItemFromObjectCaseSensitive(at(a, "products.0.indicators.0.groups.1"), "mean");
    found f = run(parse(part), a, &o);
    ck_assert_uint_eq(f.n, 1);
    expect(&f, 0, INDICATOR ".groups[benchmark].mean", "480.25", "(absent)");
    /* and so is a moved value, or an element ACTUAL has and EXPECTED does not */
    a = base();
    set_number(a, "products.0.indicators.0.groups.1.mean", 480.25 * (1 - 1e-3));
    cJSON_AddItemToArray(at(a, LOCAL ".conformity.0.nonconforming"),
                         parse("{'sample_id': 'L-12', 'line': 39}"));
    f = run(parse(part), a, &o);
    ck_assert_uint_eq(f.n, 2);
    expect(&f, 0, INDICATOR ".groups[benchmark].mean", "480.25", NULL);
    expect(&f, 1, CONFORMITY ".nonconforming[L-12:39]", "(absent)", NULL);
}
END_TEST

START_TEST(test_schema_checks)
{
    qc_error err = {0};
    cJSON *e = base(), *a = base();
    set_string(a, "schema", "qcompare/gap-analysis/2");
    ck_assert_int_eq(qc_diff(e, a, NULL, NULL, NULL, NULL, &err), QC_ERULES);
    ck_assert_str_eq(err.message, "actual: $.schema: \"qcompare/gap-analysis/2\" is not "
                                  "qcompare/gap-analysis/1");
    cJSON_DeleteItemFromObjectCaseSensitive(a, "schema");
    ck_assert_int_eq(qc_diff(a, e, NULL, NULL, NULL, NULL, &err), QC_ERULES);
    ck_assert_str_eq(err.message, "expected: $.schema: missing: not a gap analysis");
    cJSON *arr = cJSON_CreateArray();
    ck_assert_int_eq(qc_diff_check(arr, "x.json", &err), QC_ERULES);
    ck_assert_str_eq(err.message, "x.json: not a gap analysis (not a JSON object)");
    ck_assert_int_eq(qc_diff_check(e, "x.json", &err), QC_OK);
    cJSON_Delete(arr);
    cJSON_Delete(e);
    cJSON_Delete(a);
}
END_TEST

START_TEST(test_load)
{
    char dir[] = "/tmp/qc-test-diff.XXXXXX", path[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    qc_error err = {0};
    cJSON *doc = NULL;
    snprintf(path, sizeof path, "%s/none.json", dir);
    ck_assert_int_eq(qc_diff_load(path, &doc, &err), QC_EIO);
    ck_assert_ptr_nonnull(strstr(err.message, "cannot open"));
    write_file(path, "{\"schema\": \"qcompare/gap-analysis/1\",\n \"n\": }\n");
    ck_assert_int_eq(qc_diff_load(path, &doc, &err), QC_ERULES);
    ck_assert_ptr_nonnull(strstr(err.message, "none.json:2:"));
    ck_assert_ptr_nonnull(strstr(err.message, "JSON syntax error (not a gap analysis)"));
    write_file(path, "{\"id\": \"a study, not an analysis\"}\n");
    ck_assert_int_eq(qc_diff_load(path, &doc, &err), QC_ERULES);
    ck_assert_ptr_nonnull(strstr(err.message, "none.json: $.schema: missing"));
    cJSON *b = base();
    char *text = cJSON_Print(b);
    write_file(path, text);
    free(text);
    cJSON_Delete(b);
    ck_assert_int_eq(qc_diff_load(path, &doc, &err), QC_OK);
    ck_assert_uint_eq(run(doc, base(), NULL).n, 0);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

static int stop_at_first(const qc_difference *d, void *ctx)
{
    (void)d;
    ++*(int *)ctx;
    return 1;
}

START_TEST(test_callback_stops)
{
    cJSON *e = base(), *a = base();
    set_number(a, LOCAL ".mean", 1);
    set_number(a, "products.0.indicators.0.groups.1.mean", 2);
    int calls = 0;
    size_t n = 0;
    ck_assert_int_eq(qc_diff(e, a, NULL, stop_at_first, &calls, &n, NULL), QC_OK);
    ck_assert_int_eq(calls, 1);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(qc_diff(e, a, NULL, NULL, NULL, &n, NULL), QC_OK);  /* count only */
    ck_assert_uint_eq(n, 2);
    cJSON_Delete(e);
    cJSON_Delete(a);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("diff");
    TCase *tc = tcase_create("diff");
    tcase_add_test(tc, test_moved_mean_caught);
    tcase_add_test(tc, test_noise_ignored);
    tcase_add_test(tc, test_tolerance_options);
    tcase_add_test(tc, test_types_and_scalars);
    tcase_add_test(tc, test_volatile_ignored);
    tcase_add_test(tc, test_volatile_basename_differs);
    tcase_add_test(tc, test_order_of_identified_elements_ignored);
    tcase_add_test(tc, test_missing_and_extra_elements);
    tcase_add_test(tc, test_extra_element_and_scalar_arrays);
    tcase_add_test(tc, test_subset);
    tcase_add_test(tc, test_schema_checks);
    tcase_add_test(tc, test_load);
    tcase_add_test(tc, test_callback_stops);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
