/* test_render.c — the render layer's pieces with hand-derived expectations: the two word
 * tables (same keys, no empty text, every key a builder uses), number formatting as reports
 * print it, the limit text, and the accessor layer's "absent" answers. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../engine/render/render_internal.h"

static char *fmt(void (*f)(qc_sb *, double), double x)
{
    static char out[64];
    qc_sb b = {0};
    f(&b, x);
    snprintf(out, sizeof out, "%s", b.s ? b.s : "");
    free(b.s);
    return out;
}

START_TEST(words_same_keys)
{
    size_t nz, ne;
    const qc_word *zh = qc_words(QC_LANG_ZH, &nz), *en = qc_words(QC_LANG_EN, &ne);
    ck_assert_uint_eq(nz, ne);
    for (size_t i = 0; i < nz; i++) {
        ck_assert_str_eq(zh[i].key, en[i].key);
        ck_assert_msg(zh[i].text[0] && en[i].text[0], "empty text for %s", zh[i].key);
        for (size_t k = 0; k < i; k++) ck_assert_msg(strcmp(zh[k].key, zh[i].key) != 0, "duplicate %s", zh[i].key);
    }
    ck_assert_str_eq(qc_trw(QC_LANG_ZH, "verdict", "lagging"), "落后");
    ck_assert_str_eq(qc_trw(QC_LANG_ZH, "decision", "conditional_fail"), "有条件不合格");
    ck_assert_str_eq(qc_trw(QC_LANG_EN, "verdict", "on_par"), "on par");
    ck_assert_str_eq(qc_trw(QC_LANG_ZH, "verdict", "a_new_word"), "a_new_word");  /* shown as written */
    ck_assert_str_eq(qc_tr(QC_LANG_EN, "no.such.key"), "no.such.key");
}
END_TEST

START_TEST(numbers)
{
    ck_assert_str_eq(fmt(qc_num, 452.9525), "453");
    ck_assert_str_eq(fmt(qc_num, 21.766666666666666), "21.77");
    ck_assert_str_eq(fmt(qc_num, 0.0011549), "0.001155");
    ck_assert_str_eq(fmt(qc_num, -2.3933333), "-2.393");
    ck_assert_str_eq(fmt(qc_num, 1.5), "1.5");
    ck_assert_str_eq(fmt(qc_num, 123456.7), "123457");
    ck_assert_str_eq(fmt(qc_num, 12345678.9), "1.235e+07");
    ck_assert_str_eq(fmt(qc_num, 4.2e-9), "4.2e-09");
    ck_assert_str_eq(fmt(qc_num, -0.0), "0");
    ck_assert_str_eq(fmt(qc_num, NAN), QC_ABSENT);
    ck_assert_str_eq(fmt(qc_pval, 1.3e-05), "< 0.001");
    ck_assert_str_eq(fmt(qc_pval, 0.0344), "0.034");
    ck_assert_str_eq(fmt(qc_pval, 0.0011549), "0.0012");
    ck_assert_str_eq(fmt(qc_pval, 1), "1");
    qc_sb b = {0};
    qc_pct(&b, -0.09906181015452543, 1);
    qc_pct(&b, 0.025, 1);
    qc_pct(&b, 0.966666, 0);
    ck_assert_str_eq(b.s, "-9.91%+2.5%96.7%");
    free(b.s);
    char exact[32];
    qc_num_exact(exact, 0.1);
    ck_assert_str_eq(exact, "0.1");
    qc_num_exact(exact, 21.766666666666666);
    ck_assert_str_eq(exact, "21.766666666666666");
    ck_assert(strtod(exact, NULL) == 21.766666666666666);
}
END_TEST

START_TEST(limits)
{
    const char *cases[][2] = {
        {"{\"min\": 400, \"unit\": \"MPa\"}", "≥ 400 MPa"},
        {"{\"max\": 0.1, \"max_exclusive\": true, \"unit\": \"%\"}", "< 0.1 %"},
        {"{\"min\": 500, \"max\": 650, \"unit\": \"MPa\"}", "[500, 650] MPa"},
        {"{\"target\": 74, \"tolerance\": 0.05, \"unit\": \"mm\"}", "74 ± 0.05 mm"},
        {"{\"max\": 0.5, \"applies_to\": \"mean\", \"unit\": \"1\"}", "均值 ≤ 0.5"},
        {"[{\"when\": {\"column\": \"d\", \"min\": 6, \"max\": 25}, \"min\": 16},"
         " {\"when\": {\"column\": \"d\", \"min\": 28}, \"min\": 15}]", "≥ 16 (d 6–25); ≥ 15 (d ≥ 28)"},
        {"null", QC_ABSENT}, {"{}", QC_ABSENT}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *j = cJSON_Parse(cases[i][0]);
        qc_sb b = {0};
        qc_limit_text(&b, j, QC_LANG_ZH);
        ck_assert_str_eq(b.s, cases[i][1]);
        free(b.s);
        cJSON_Delete(j);
    }
    cJSON *u = cJSON_Parse("[{\"min\": 1, \"confirmed\": true}, {\"max\": 2, \"confirmed\": false}]");
    ck_assert_int_eq(qc_limit_unconfirmed(u), 1);
    cJSON_Delete(u);
}
END_TEST

START_TEST(accessors_absent)
{
    cJSON *j = cJSON_Parse("{\"a\": {\"b\": 1.5, \"s\": \"x\", \"n\": null, \"arr\": [1, 2]},"
                           " \"name\": {\"en\": \"E\"}, \"id\": \"I\"}");
    double x = 0;
    ck_assert_int_eq(qc_rj_num(j, "a.b", &x), 1);
    ck_assert(x == 1.5);
    ck_assert_int_eq(qc_rj_num(j, "a.n", &x), 0);   /* null */
    ck_assert_int_eq(qc_rj_num(j, "a.s", &x), 0);   /* wrong type */
    ck_assert_int_eq(qc_rj_num(j, "a.b.c", &x), 0); /* through a number */
    ck_assert_int_eq(qc_rj_num(NULL, "a", &x), 0);
    ck_assert_ptr_null(qc_rj_str(j, "a.b"));
    ck_assert_int_eq(qc_rj_len(j, "a.arr"), 2);
    ck_assert_int_eq(qc_rj_len(j, "a.s"), 0);
    ck_assert_str_eq(qc_rj_name(j, QC_LANG_ZH, "id"), "E");  /* the other language as fallback */
    ck_assert_str_eq(qc_rj_name(qc_rj(j, "a"), QC_LANG_ZH, "s"), "x");
    cJSON_Delete(j);
}
END_TEST

START_TEST(pooled_groups)
{
    /* two groups {1,2,3} and {5,7}: pooled n 5, mean 3.6, sd of all five = sqrt(5.8) */
    cJSON *j = cJSON_Parse("{\"groups\": [{\"group\": \"a\", \"role\": \"reference\", \"n\": 3,"
                           " \"mean\": 2, \"sd\": 1}, {\"group\": \"b\", \"role\": \"reference\","
                           " \"n\": 2, \"mean\": 6, \"sd\": 1.4142135623730951}]}");
    double n, m, sd;
    ck_assert_int_eq(qc_rj_pool(j, "reference", NULL, &n, &m, &sd), 1);
    ck_assert(n == 5);
    ck_assert(fabs(m - 3.6) < 1e-15);
    ck_assert(fabs(sd - sqrt(5.8)) < 1e-14);
    ck_assert_int_eq(qc_rj_pool(j, "subject", NULL, &n, &m, &sd), 0);
    ck_assert_int_eq(qc_rj_pool(j, NULL, "b", &n, &m, &sd), 1);
    ck_assert(m == 6 && n == 2);
    cJSON_Delete(j);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("render");
    tcase_add_test(tc, words_same_keys);
    tcase_add_test(tc, numbers);
    tcase_add_test(tc, limits);
    tcase_add_test(tc, accessors_absent);
    tcase_add_test(tc, pooled_groups);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
