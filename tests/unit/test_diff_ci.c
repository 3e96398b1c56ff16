/* test_diff_ci.c — Check suite for engine/report/diff_ignore.c and diff_summary.c (diff_ci.h):
 * path patterns with * segments, their checks, the sections differences fall in, the ignore
 * count, ranking (changed meanings first, then numbers by relative change) and the JSON
 * export. Expected values are worked out by hand from the small documents below. */
#define _DEFAULT_SOURCE
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/diff_ci.h"

/* JSON written with ' for " (no ' inside strings). */
static cJSON *parse(const char *text)
{
    char *t = strdup(text);
    for (char *p = t; *p; p++)
        if (*p == '\'') *p = '"';
    cJSON *j = cJSON_Parse(t);
    free(t);
    ck_assert_ptr_nonnull(j);
    return j;
}

static const char EXPECTED[] =
    "{'schema': 'qcompare/gap-analysis/1', 'inputs': {'files': [{'path': 'a/r.csv', 'sha256': 'aa'}]},"
    " 'products': [{'product': 'p', 'scorecard': {'quality_index': 100},"
    "   'indicators': [{'indicator': 'i', 'groups': [{'group': 'g', 'mean': 10, 'sd': 2}],"
    "                   'comparison': {'verdict': 'on_par', 'difference': 0}}]}],"
    " 'notes': ['n']}";
static const char ACTUAL[] =
    "{'schema': 'qcompare/gap-analysis/1', 'inputs': {'files': [{'path': 'b/r.csv', 'sha256': 'bb'}]},"
    " 'products': [{'product': 'p', 'scorecard': {'quality_index': 99},"
    "   'indicators': [{'indicator': 'i', 'groups': [{'group': 'g', 'mean': 11, 'sd': 3}],"
    "                   'comparison': {'verdict': 'lagging', 'difference': -1}}]}],"
    " 'notes': ['n']}";

START_TEST(test_patterns)
{
    const char *path = "$.products[steel-rebar].indicators[yield_strength].groups[local].mean";
    ck_assert_int_eq(qc_diff_pattern_match("$.products[*].indicators[*].groups[*].mean", path), 1);
    ck_assert_int_eq(qc_diff_pattern_match("$.products[*].indicators[*]", path), 1);  /* below */
    ck_assert_int_eq(qc_diff_pattern_match("products", path), 1);                    /* no "$." */
    ck_assert_int_eq(qc_diff_pattern_match("$.products[steel-*].indicators[*_strength]", path), 1);
    ck_assert_int_eq(qc_diff_pattern_match("$.products.*.indicators", path), 1);     /* .* = [*] */
    ck_assert_int_eq(qc_diff_pattern_match("$.products[*].indicators[*].groups[*].sd", path), 0);
    ck_assert_int_eq(qc_diff_pattern_match("$.products[*].indicators[tensile*]", path), 0);
    ck_assert_int_eq(qc_diff_pattern_match("$.products[*].indicators[*].groups[*].mean.x", path), 0);
    /* an identity with dots and slashes is one segment */
    const char *std = "$.products[p].standards[GB/T 1499.2-2018@HRB400].verdict";
    ck_assert_int_eq(qc_diff_pattern_match("$.products[*].standards[GB/T*].verdict", std), 1);
    ck_assert_int_eq(qc_diff_pattern_match("$.products[*].standards[*@HRB400]", std), 1);
    ck_assert_int_eq(qc_diff_pattern_match("$.products[*].standards[GB/T 1499]", std), 0);
    ck_assert_int_eq(qc_diff_pattern_match("$.study[\"weird key\"]", "$.study[\"weird key\"].x"), 1);
}
END_TEST

START_TEST(test_pattern_check)
{
    qc_error err = {0};
    ck_assert_int_eq(qc_diff_pattern_check("$.inputs.files[*].sha256", &err), QC_OK);
    ck_assert_int_eq(qc_diff_pattern_check("inputs", &err), QC_OK);
    const char *bad[] = {"", "$", "$.products[", "$.a..b", "$.a[]", "$.a[\"x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(qc_diff_pattern_check(bad[i], &err), QC_EUSAGE);
        ck_assert_ptr_nonnull(strstr(err.message, "not a path pattern"));
    }
}
END_TEST

static const qc_diff_change *find(const qc_diff_result *r, const char *path)
{
    for (size_t i = 0; i < r->nchanges; i++)
        if (strcmp(r->changes[i].path, path) == 0) return &r->changes[i];
    return NULL;
}

START_TEST(test_collect_sections_and_rank)
{
    cJSON *e = parse(EXPECTED), *a = parse(ACTUAL);
    qc_diff_result *r = NULL;
    qc_error err = {0};
    ck_assert_int_eq(qc_diff_collect(e, a, NULL, NULL, 0, &r, &err), QC_OK);
    /* sha256, quality_index, mean, sd, verdict, difference (paths by basename: same) */
    ck_assert_uint_eq(r->nchanges, 6);
    ck_assert_uint_eq(r->ignored, 0);
    /* sections of both documents, in order */
    const char *names[] = {"schema", "inputs", "products[p].scorecard", "products[p].indicators[i]",
                           "notes"};
    ck_assert_uint_eq(r->nsections, 5);
    for (size_t i = 0; i < 5; i++) ck_assert_str_eq(r->sections[i].name, names[i]);
    ck_assert_uint_eq(r->sections[1].changes, 1);
    ck_assert_uint_eq(r->sections[2].changes, 1);
    ck_assert_uint_eq(r->sections[3].changes, 4);
    const qc_diff_change *sd = find(r, "$.products[p].indicators[i].groups[g].sd");
    ck_assert_ptr_nonnull(sd);
    ck_assert_int_eq(sd->kind, QC_CHANGE_NUMBER);
    ck_assert_double_eq_tol(sd->relative, 0.5, 1e-15);           /* (3 − 2)/2 */
    const qc_diff_change *d0 = find(r, "$.products[p].indicators[i].comparison.difference");
    ck_assert(isinf(d0->relative) && d0->relative < 0);          /* from 0 to −1 */
    size_t n = 0, *idx = qc_diff_sections_changed(r, &n);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(idx[0], 3);   /* most changes first, ties in document order */
    ck_assert_uint_eq(idx[1], 1);
    ck_assert_uint_eq(idx[2], 2);
    free(idx);
    qc_diff_rank(r);
    /* strings first (sha256, verdict, in document order), then |relative| descending:
     * difference (inf), sd 0.5, mean 0.1, quality_index 0.01 */
    const char *order[] = {"$.inputs.files[r.csv].sha256",
                           "$.products[p].indicators[i].comparison.verdict",
                           "$.products[p].indicators[i].comparison.difference",
                           "$.products[p].indicators[i].groups[g].sd",
                           "$.products[p].indicators[i].groups[g].mean",
                           "$.products[p].scorecard.quality_index"};
    for (size_t i = 0; i < 6; i++) ck_assert_str_eq(r->changes[i].path, order[i]);
    cJSON *j = qc_diff_result_json(r, &(qc_diff_options){1e-9, 1e-12, 0});
    ck_assert_ptr_nonnull(j);
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(j, "same")));
    ck_assert_int_eq(cJSON_GetObjectItem(j, "differences")->valueint, 6);
    cJSON *c0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "changes"), 2);
    ck_assert_str_eq(cJSON_GetObjectItem(c0, "change")->valuestring, "number");
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(c0, "relative_change")));  /* infinite */
    cJSON_Delete(j);
    qc_diff_result_free(r);
    cJSON_Delete(e);
    cJSON_Delete(a);
}
END_TEST

START_TEST(test_ignore_and_subset_defaults)
{
    cJSON *e = parse(EXPECTED), *a = parse(ACTUAL);
    qc_diff_result *r = NULL;
    qc_error err = {0};
    const char *ign[] = {"$.products[*].indicators[*].groups", "$.products[*].scorecard"};
    ck_assert_int_eq(qc_diff_collect(e, a, NULL, ign, 2, &r, &err), QC_OK);
    ck_assert_uint_eq(r->nchanges, 3);
    ck_assert_uint_eq(r->ignored, 3);
    qc_diff_result_free(r);
    size_t n = 0;
    while (qc_diff_subset_ignores[n]) n++;
    ck_assert_int_eq(qc_diff_collect(e, a, NULL, (const char *const *)qc_diff_subset_ignores, n,
                                     &r, &err), QC_OK);
    ck_assert_uint_eq(r->nchanges, 5);   /* the hash is ignored */
    ck_assert_ptr_null(find(r, "$.inputs.files[r.csv].sha256"));
    qc_diff_result_free(r);
    cJSON_Delete(e);
    cJSON_Delete(a);
}
END_TEST

/* Not gap analyses: refused with QC_ERULES, nothing collected, no crash (the sections of an
 * array or of odd products are not read). */
START_TEST(test_not_analyses)
{
    cJSON *e = parse(EXPECTED), *arr = parse("[1, 2]");
    cJSON *odd = parse("{'schema': 'qcompare/gap-analysis/1', 'products': [[1], 'x', {'product': 2}]}");
    qc_diff_result *r = (qc_diff_result *)1;
    qc_error err = {0};
    ck_assert_int_eq(qc_diff_collect(e, arr, NULL, NULL, 0, &r, &err), QC_ERULES);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(qc_diff_collect(odd, odd, NULL, NULL, 0, &r, &err), QC_OK);
    ck_assert_uint_eq(r->nchanges, 0);
    ck_assert_uint_eq(r->nsections, 1);   /* schema: products are listed per product id */
    qc_diff_result_free(r);
    cJSON_Delete(e);
    cJSON_Delete(arr);
    cJSON_Delete(odd);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("diff_ci");
    TCase *tc = tcase_create("diff_ci");
    tcase_add_test(tc, test_patterns);
    tcase_add_test(tc, test_pattern_check);
    tcase_add_test(tc, test_collect_sections_and_rank);
    tcase_add_test(tc, test_ignore_and_subset_defaults);
    tcase_add_test(tc, test_not_analyses);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
