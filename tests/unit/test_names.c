/* test_names.c — Check suite for names as a lab writes them (engine/rules/names.c): the
 * folding (Latin case, full-width forms, blanks), the edit distance in characters, the nearest
 * accepted spelling, and the matching of products and indicators by id, name.zh, name.en and
 * aliases, with an ambiguous name listing its candidates and an unknown one its nearest id.
 * Fixtures as in rules_fixture.h. */
#define _POSIX_C_SOURCE 200809L
#include "rules_fixture.h"
#include "qcompare/names.h"

static const char *fold(const char *s)
{
    static char out[256];
    qc_name_fold(s, strlen(s), out, sizeof out);
    return out;
}

START_TEST(test_fold) {
    ck_assert_str_eq(fold("Steel-Rebar"), "steel-rebar");
    ck_assert_str_eq(fold("  yield \t strength  "), "yield strength");
    ck_assert_str_eq(fold("ＲｅＬ"), "rel");                       /* full-width letters */
    ck_assert_str_eq(fold("屈服强度（ＭＰａ）"), "屈服强度(mpa)");  /* full-width brackets */
    ck_assert_str_eq(fold("热轧\xe3\x80\x80带肋钢筋"), "热轧 带肋钢筋"); /* U+3000 */
    ck_assert_str_eq(fold("a\xc2\xa0" "b"), "a b");                /* U+00A0 */
    ck_assert_str_eq(fold("Ä"), "Ä");                              /* only ASCII letters fold */
    ck_assert_str_eq(fold(""), "");
    char small[4];
    ck_assert_uint_eq(qc_name_fold("ABCDEF", 6, small, sizeof small), 6);
    ck_assert_str_eq(small, "abc");
    ck_assert_int_eq(qc_name_same("N/A", "n/a"), 1);
    ck_assert_int_eq(qc_name_same("N/A", "NA"), 0);
}
END_TEST

START_TEST(test_distance) {
    ck_assert_int_eq(qc_name_distance("kitten", "sitting", 10), 3);
    ck_assert_int_eq(qc_name_distance("N.D.", "ND", 10), 2);
    ck_assert_int_eq(qc_name_distance("ND", "nd", 10), 0);        /* folded first */
    ck_assert_int_eq(qc_name_distance("未检出", "未检", 10), 1);  /* characters, not bytes */
    ck_assert_int_eq(qc_name_distance("abcdef", "uvwxyz", 2), 3);  /* stops past the limit */
    ck_assert_int_eq(qc_name_distance("", "abc", 10), 3);
    qc_near nr;
    qc_near_init(&nr, "N.D.", 4);
    qc_near_offer(&nr, "NA");
    qc_near_offer(&nr, "ND");
    qc_near_offer(&nr, "n.d");
    ck_assert_str_eq(nr.best, "n.d");                               /* 1 edit beats 2 */
    qc_near_init(&nr, "x", 1);
    qc_near_offer(&nr, "ND");                                       /* 2 edits for 1 char: too far */
    ck_assert_ptr_null(nr.best);
    qc_near_init(&nr, "ND", 2);
    qc_near_offer(&nr, "nd");                                       /* the same text is no suggestion */
    ck_assert_ptr_null(nr.best);
}
END_TEST

static qc_rules *R;

static void names_setup(void)
{
    setup();
    base_lib();
    /* "Bar" names two products: ambiguous */
    put("products.json",
        "[{\"id\": \"steel-rebar\", \"name\": {\"en\": \"Rebar\", \"zh\": \"热轧带肋钢筋\"},\n"
        "  \"industry\": \"advanced-materials\", \"aliases\": [\"Bar\"]},\n"
        " {\"id\": \"round-bar\", \"name\": {\"en\": \"Bar\", \"zh\": \"圆钢\"},\n"
        "  \"industry\": \"advanced-materials\"},\n"
        " {\"id\": \"medical-mask\", \"name\": {\"en\": \"Mask\", \"zh\": \"口罩\"},\n"
        "  \"industry\": \"biomedicine\"}]\n");
    R = load_ok();
}

static void names_teardown(void) { qc_rules_free(R); }

START_TEST(test_match) {
    qc_names *x = NULL;
    ck_assert_int_eq(qc_names_new(R, &x), QC_OK);
    const qc_product *p;
    const qc_indicator *d;
    char msg[512];
    static const struct { const char *text, *id; } prods[] = {
        {"steel-rebar", "steel-rebar"}, {"STEEL-REBAR", "steel-rebar"}, {"热轧带肋钢筋", "steel-rebar"},
        {" 热轧带肋钢筋 ", "steel-rebar"}, {"rebar", "steel-rebar"}, {"ＭＡＳＫ", "medical-mask"},
        {"口罩", "medical-mask"}, {"圆钢", "round-bar"}};
    for (size_t i = 0; i < sizeof prods / sizeof prods[0]; i++) {
        int st = qc_names_product(x, prods[i].text, strlen(prods[i].text), &p, msg, sizeof msg);
        ck_assert_msg(st == QC_NAME_FOUND, "%s: %d", prods[i].text, st);
        ck_assert_str_eq(p->id, prods[i].id);
    }
    static const struct { const char *text, *id; } inds[] = {
        {"yield_strength", "yield_strength"}, {"rel", "yield_strength"}, {"ＲｅＬ", "yield_strength"},
        {"lower  yield strength rel", "yield_strength"}, {"下屈服强度", "yield_strength"},
        {"rm", "tensile_strength"}, {"AGT", "total_elongation_max_force"}};
    for (size_t i = 0; i < sizeof inds / sizeof inds[0]; i++) {
        int st = qc_names_indicator(x, inds[i].text, strlen(inds[i].text), &d, msg, sizeof msg);
        ck_assert_msg(st == QC_NAME_FOUND, "%s: %d", inds[i].text, st);
        ck_assert_str_eq(d->id, inds[i].id);
    }
    /* ambiguous: both candidates, in the rules' order */
    ck_assert_int_eq(qc_names_product(x, "bar", 3, &p, msg, sizeof msg), QC_NAME_AMBIGUOUS);
    ck_assert_ptr_null(p);
    ck_assert_str_eq(msg, "product \"bar\" is ambiguous: it names \"steel-rebar\", \"round-bar\" "
                          "(write one of these ids)");
    /* unknown: the nearest id */
    ck_assert_int_eq(qc_names_product(x, "steel-rebr", 10, &p, msg, sizeof msg), QC_NAME_UNKNOWN);
    ck_assert_str_eq(msg, "unknown product \"steel-rebr\" (not in products.json); did you mean "
                          "\"steel-rebar\"?");
    ck_assert_int_eq(qc_names_indicator(x, "yeild_strength", 14, &d, msg, sizeof msg), QC_NAME_UNKNOWN);
    ck_assert_str_eq(msg, "unknown indicator \"yeild_strength\" (not an id or alias in "
                          "indicators.json); did you mean \"yield_strength\"?");
    ck_assert_int_eq(qc_names_indicator(x, "hardness", 8, &d, msg, sizeof msg), QC_NAME_UNKNOWN);
    ck_assert_str_eq(msg, "unknown indicator \"hardness\" (not an id or alias in indicators.json)");
    qc_names_free(x);
}
END_TEST

static Suite *names_suite(void)
{
    Suite *s = suite_create("names");
    TCase *t = tcase_create("text");
    tcase_add_test(t, test_fold);
    tcase_add_test(t, test_distance);
    suite_add_tcase(s, t);
    TCase *m = tcase_create("match");
    tcase_add_checked_fixture(m, names_setup, names_teardown);
    tcase_add_test(m, test_match);
    suite_add_tcase(s, m);
    return s;
}

int main(void) { return run_in_tmp(names_suite(), "test_names"); }
