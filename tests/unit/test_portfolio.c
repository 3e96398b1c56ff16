/* test_portfolio.c — Check suite for the standards portfolio (engine/compare/portfolio.c) and
 * the state of an edition at a date it reads (engine/compare/editions.c). Expectations are worked
 * by hand in the comments from the fixture's dates, kinds and adoptions. Fixture directories are
 * written into mkdtemp as rules_fixture.h does. */
#define _POSIX_C_SOURCE 200809L
#include "std_fixture.h"

#define DATES(p, e, st) \
    ", \"published\": \"" p "\", \"effective\": \"" e "\", \"status\": \"" st "\""
#define ADOPT(d) ", \"adoption\": {\"of\": \"ISO 1:2015\", \"degree\": \"" d "\"}"
#define ONE "{\"yield_strength\": " L("\"min\": 400, \"unit\": \"MPa\"") "}"
#define REBAR "\"steel-rebar\""
#define MASK "\"medical-mask\""
#define TILE "\"ceramic-tile\""

static qc_rules *PR;
static void portfolio_setup(void) {
    setup();
    put_indicators();
    put("products.json", S_PROD);
    put_std("ta18.json", "TA 1-2018", "national", REBAR, DATES("2018-02-06", "2018-11-01",
            "superseded") ", \"superseded_by\": \"TA 1-2024\"" ADOPT("NEQ"), ONE);
    put_std("ta24.json", "TA 1-2024", "national", REBAR,
            DATES("2024-03-15", "2024-09-25", "in_force") ADOPT("MOD"), ONE);
    put_std("tb20.json", "TB 2-2020", "foreign", REBAR, "", ONE);
    put_std("tt5.json", "TT 5-2021", "national", TILE ", " REBAR,
            DATES("2021-11-01", "2022-05-01", "in_force") ADOPT("IDT"), ONE);
    put_std("tt6.json", "TT 6-2021", "group", TILE, DATES("2021-10-31", "2021-12-01", "in_force"),
            ONE);
    put_std("tg10.json", "TG 7-2010", "national", TILE, DATES("2010-01-01", "2010-06-01",
            "in_force"), ONE);
    put_std("tg20.json", "TG 7-2020", "national", TILE, DATES("2020-01-01", "2020-06-01",
            "in_force"), ONE);
    put_std("ym11.json", "YM 1-2011", "industry", MASK, DATES("2011-12-31", "2013-06-01",
            "superseded") ", \"superseded_by\": \"YM 1-2023\"", ONE);
    put_std("ym23.json", "YM 1-2023", "industry", MASK, DATES("2023-09-01", "2026-12-01",
            "in_force"), ONE);
    put_std("ym05.json", "YM 0-2005", "industry", MASK, DATES("2005-01-01", "2005-06-01",
            "withdrawn"), ONE);
    put_std("en19.json", "EN 9-2019", "foreign", MASK, DATES("2019-06-01", "2019-06-01",
            "in_force"), ONE);
    put_std("tz15.json", "TZ 8-2015", "national", MASK, DATES("2015-03-01", "2015-09-01",
            "superseded") ", \"superseded_by\": \"TZ 8-2025\"", ONE);
    PR = load_ok();
}
static void portfolio_teardown(void) { qc_rules_free(PR); PR = NULL; }

static cJSON *product(const cJSON *pf, const char *industry, const char *id) {
    return find(J(find(J(pf, "industries"), "industry", industry), "products"), "product", id);
}

/* The ids of a product's list, "A,B,C". */
static const char *ids(const cJSON *p, const char *list) {
    static char buf[512];
    buf[0] = '\0';
    for (cJSON *e = J(p, list)->child; e; e = e->next)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", buf[0] ? "," : "",
                 J(e, "id")->valuestring);
    return buf;
}

static double num(const cJSON *o, const char *k) { return J(o, k)->valuedouble; }

START_TEST(test_portfolio) {
    qc_error err = {0};
    cJSON *pf = qc_standards_portfolio_json(PR, NULL, "2026-11-01", NULL, &err);
    ck_assert_msg(pf != NULL, "%s", err.message);
    ck_assert_int_eq(cJSON_GetArraySize(J(pf, "industries")), 3);  /* with products, by id */
    ck_assert_str_eq(J(J(pf, "industries")->child, "industry")->valuestring, "advanced-materials");
    ck_assert_ptr_null(J(pf, "study_cites_superseded"));
    /* rebar: TA 1-2024 (in force since 2024-09-25) supersedes TA 1-2018 */
    cJSON *p = product(pf, "advanced-materials", "steel-rebar");
    ck_assert_str_eq(ids(p, "in_force"), "TA 1-2024,TB 2-2020,TT 5-2021");
    ck_assert_str_eq(ids(p, "superseded"), "TA 1-2018");
    ck_assert_str_eq(J(J(p, "superseded")->child, "superseded_by")->valuestring, "TA 1-2024");
    /* TA 1-2024: 2024-03-15 → 2026-03-15 is 730 days (no 29 February), → 2026-11-01 231 more
     * (16 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 1): 961 / 365.2425 = 2.631 → 2.63 */
    cJSON *ta = find(J(p, "in_force"), "id", "TA 1-2024");
    ck_assert_double_eq(num(ta, "age_years"), 2.63);
    ck_assert(cJSON_IsFalse(J(ta, "review_overdue")));
    ck_assert_str_eq(J(J(ta, "adoption"), "degree")->valuestring, "MOD");
    /* TT 5-2021: published 2021-11-01, exactly 5 years (1826 days, 4.9994 → 5.00): not > 5 */
    cJSON *tt = find(J(p, "in_force"), "id", "TT 5-2021");
    ck_assert_double_eq(num(tt, "age_years"), 5.0);
    ck_assert(cJSON_IsFalse(J(tt, "review_overdue")));
    /* TB 2-2020 has no dates: in force by its status; age and review null, with notes */
    cJSON *tb = find(J(p, "in_force"), "id", "TB 2-2020");
    ck_assert(cJSON_IsNull(J(tb, "age_years")) && cJSON_IsNull(J(tb, "review_overdue")));
    ck_assert_int_eq(cJSON_GetArraySize(J(tb, "notes")), 2);
    /* domestic in force: TA 1-2024 (MOD), TT 5-2021 (IDT): 2 of 2 adopt; mean age of the dated
     * ones (961 + 1826) / 2 = 1393.5 days = 3.815 → 3.82 */
    cJSON *pc = J(p, "counts");
    ck_assert_double_eq(num(pc, "in_force"), 3);
    ck_assert_double_eq(num(pc, "adoption_share"), 1);
    ck_assert_double_eq(num(pc, "mean_age_years"), 3.82);
    /* masks: YM 1-2023 takes effect 2026-12-01, so YM 1-2011 is still in force (and overdue:
     * 2011-12-31 → 2026-11-01 = 15 × 365 + 4 leap days − 60 = 5419 days = 14.84 years);
     * TZ 8-2015 is recorded as superseded by TZ 8-2025, which the library lacks: in force */
    p = product(pf, "biomedicine", "medical-mask");
    ck_assert_str_eq(ids(p, "in_force"), "EN 9-2019,TZ 8-2015,YM 1-2011");
    cJSON *tz = find(J(p, "in_force"), "id", "TZ 8-2015");
    ck_assert_str_eq(J(tz, "superseded_by")->valuestring, "TZ 8-2025");
    ck_assert_ptr_nonnull(strstr(J(tz, "notes")->child->valuestring, "not in the rules library"));
    ck_assert_str_eq(ids(p, "not_yet_effective"), "YM 1-2023");
    ck_assert_str_eq(ids(p, "withdrawn"), "YM 0-2005");
    cJSON *ym = find(J(p, "in_force"), "id", "YM 1-2011");
    ck_assert_double_eq(num(ym, "age_years"), 14.84);
    ck_assert(cJSON_IsTrue(J(ym, "review_overdue")));
    ck_assert_ptr_nonnull(strstr(J(ym, "notes")->child->valuestring, "effective 2026-12-01"));
    ck_assert_double_eq(num(J(p, "counts"), "adoption_share"), 0);  /* 0 of 2 domestic */
    /* tiles: TG 7-2020 supersedes TG 7-2010 as a later edition of "TG 7" in force; TT 6-2021
     * published 2021-10-31: its 5th anniversary 2026-10-31 is before the date → overdue */
    p = product(pf, "modern-light-industry", "ceramic-tile");
    ck_assert_str_eq(ids(p, "in_force"), "TG 7-2020,TT 5-2021,TT 6-2021");
    ck_assert_str_eq(ids(p, "superseded"), "TG 7-2010");
    ck_assert_str_eq(J(J(p, "superseded")->child, "superseded_by")->valuestring, "TG 7-2020");
    ck_assert(cJSON_IsTrue(J(find(J(p, "in_force"), "id", "TT 6-2021"), "review_overdue")));
    ck_assert_double_eq_tol(num(J(p, "counts"), "adoption_share"), 1.0 / 3, 1e-15);
    /* summary, each standard once (TT 5-2021 serves two products): in force TA 1-2024, TB 2-2020,
     * TT 5-2021, EN 9-2019, TZ 8-2015, YM 1-2011, TG 7-2020, TT 6-2021 = 8; overdue (domestic
     * only) TZ 8-2015, YM 1-2011, TG 7-2020 (2020-01-01), TT 6-2021 = 4; domestic 6,
     * adopting 2 (IDT, MOD); TZ 8-2015: 2015-03-01 → 2026-03-01 = 11 × 365 + 3 = 4018 days,
     * + 245 to 1 November = 4263; mean age (961 + 1826 + 2710 + 4263 + 5419 + 2496 + 1827) / 7
     * = 19502 / 7 = 2786 days = 7.628 → 7.63 years */
    cJSON *s = J(pf, "summary");
    ck_assert_double_eq(num(s, "in_force"), 8);
    /* the review cycle is the Standardization Law's: counted over the 6 domestic standards in
     * force (EN 9-2019 is foreign), all with a publication date: 4 overdue, 0 unknown */
    ck_assert_double_eq(num(s, "review_overdue"), 4);
    ck_assert_double_eq(num(s, "review_unknown"), 0);
    cJSON *sh = J(s, "shares");
    ck_assert_double_eq(num(J(sh, "review_overdue"), "numerator"), 4);
    ck_assert_double_eq(num(J(sh, "review_overdue"), "denominator"), 6);
    ck_assert_double_eq(num(J(sh, "adoption"), "numerator"), 2);
    ck_assert_double_eq(num(J(sh, "adoption"), "denominator"), 6);
    ck_assert_double_eq(num(J(sh, "adoption_MOD"), "numerator"), 1);
    ck_assert_double_eq(num(s, "superseded"), 2);
    ck_assert_double_eq(num(s, "not_yet_effective"), 1);
    ck_assert_double_eq(num(s, "withdrawn"), 1);
    ck_assert_double_eq(num(s, "domestic_in_force"), 6);
    ck_assert_double_eq(num(s, "adopting_international"), 2);
    ck_assert_double_eq_tol(num(s, "adoption_share"), 1.0 / 3, 1e-15);
    ck_assert_double_eq(num(J(s, "by_degree"), "IDT"), 1);
    ck_assert_double_eq(num(J(s, "by_degree"), "NEQ"), 0);
    ck_assert_double_eq(num(s, "mean_age_years"), 7.63);
    cJSON_Delete(pf);
}
END_TEST

START_TEST(test_portfolio_earlier_and_industry) {
    qc_error err = {0};
    cJSON *pf = qc_standards_portfolio_json(PR, "advanced-materials", "2020-01-01", NULL, &err);
    ck_assert_int_eq(cJSON_GetArraySize(J(pf, "industries")), 1);
    ck_assert_str_eq(J(pf, "industry")->valuestring, "advanced-materials");
    /* on 2020-01-01 TA 1-2018 is in force (694 days: 730 − 36 = 1.90 years) */
    cJSON *p = product(pf, "advanced-materials", "steel-rebar");
    ck_assert_str_eq(ids(p, "in_force"), "TA 1-2018,TB 2-2020");
    ck_assert_str_eq(ids(p, "not_yet_effective"), "TA 1-2024,TT 5-2021");
    ck_assert_double_eq(num(find(J(p, "in_force"), "id", "TA 1-2018"), "age_years"), 1.9);
    ck_assert_double_eq(num(J(p, "counts"), "adopting_international"), 1);  /* NEQ */
    cJSON_Delete(pf);
    /* an industry without products is listed, empty */
    pf = qc_standards_portfolio_json(PR, "big-data-software", "2020-01-01", NULL, &err);
    ck_assert_int_eq(cJSON_GetArraySize(J(J(pf, "industries")->child, "products")), 0);
    ck_assert(cJSON_IsNull(J(J(pf, "summary"), "adoption_share")));
    cJSON_Delete(pf);
    /* errors: no date, a bad date, an unknown industry */
    ck_assert_ptr_null(qc_standards_portfolio_json(PR, NULL, NULL, NULL, &err));
    ck_assert_int_eq(err.status, QC_EUSAGE);
    ck_assert_ptr_null(qc_standards_portfolio_json(PR, NULL, "2026-02-30", NULL, &err));
    ck_assert_int_eq(err.status, QC_EUSAGE);
    ck_assert_ptr_null(qc_standards_portfolio_json(PR, "space", "2026-11-01", NULL, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "unknown industry \"space\""));
}
END_TEST

START_TEST(test_portfolio_study) {
    /* the study's date and products; it cites TA 1-2018 (standards) and TG 7-2010
     * (compare_standards only), both superseded on 2026-11-01 */
    put("study.json", "{\"id\": \"s\", \"date\": \"2026-11-01\", \"results\": [\"r.csv\"],\n"
        " \"products\": [{\"product\": \"steel-rebar\", \"standards\": [{\"id\": \"TA 1-2018\"}]},"
        "\n  {\"product\": \"ceramic-tile\", \"compare_standards\": [[\"TG 7-2010\", "
        "\"TG 7-2020\"]]}]}\n");
    qc_study *st = NULL;
    qc_error err = {0};
    ck_assert_msg(qc_study_load(at("study.json"), PR, &st, &err) == QC_OK, "%s", err.message);
    cJSON *pf = qc_standards_portfolio_json(PR, NULL, NULL, st, &err);
    ck_assert_msg(pf != NULL, "%s", err.message);
    ck_assert_str_eq(J(pf, "date")->valuestring, "2026-11-01");
    ck_assert_int_eq(cJSON_GetArraySize(J(pf, "industries")), 2);  /* no masks */
    cJSON *cites = J(pf, "study_cites_superseded");
    ck_assert_int_eq(cJSON_GetArraySize(cites), 2);
    ck_assert_str_eq(J(cites->child, "id")->valuestring, "TA 1-2018");
    ck_assert_str_eq(J(cites->child, "superseded_by")->valuestring, "TA 1-2024");
    ck_assert_str_eq(J(cites->child->next, "product")->valuestring, "ceramic-tile");
    ck_assert_str_eq(J(cites->child->next, "id")->valuestring, "TG 7-2010");
    cJSON *p = product(pf, "advanced-materials", "steel-rebar");
    ck_assert(cJSON_IsTrue(J(J(p, "superseded")->child, "cited_by_study")));
    cJSON_Delete(pf);
    qc_study_free(st);
}
END_TEST

static Suite *portfolio_suite(void) {
    Suite *s = suite_create("portfolio");
    TCase *tc = tcase_create("portfolio");
    tcase_add_checked_fixture(tc, portfolio_setup, portfolio_teardown);
    tcase_add_test(tc, test_portfolio);
    tcase_add_test(tc, test_portfolio_earlier_and_industry);
    tcase_add_test(tc, test_portfolio_study);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_in_tmp(portfolio_suite(), "test_portfolio"); }
