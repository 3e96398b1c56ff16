/* test_bands.c — Check suite for what issue 14 adds to the standards comparison
 * (engine/compare/bands.c, editions.c, gaps.c; the limit fields of engine/rules/standard.c,
 * decimals.c, methods.c): the common domain of piecewise limits, equivalence within the stated
 * precision, derived requirements, not_encoded values, methods that decide, the state of an
 * edition at a date, and the loader's errors for the new fields. Every expectation is worked by
 * hand in the comment above it from the fixture limits (docs/standards.md gives the rules). */
#define _POSIX_C_SOURCE 200809L
#include "rules_fixture.h"
#include "qcompare/standards.h"

static const char *INDS =
    "[{\"id\": \"yield_strength\", \"name\": {\"en\": \"y\", \"zh\": \"y\"}, \"unit\": \"MPa\","
    " \"direction\": \"higher_is_better\"},\n"
    " {\"id\": \"yield_ratio_nominal\", \"name\": {\"en\": \"r\", \"zh\": \"r\"}, \"unit\": \"1\","
    " \"direction\": \"lower_is_better\"},\n"
    " {\"id\": \"differential_pressure\", \"name\": {\"en\": \"dp\", \"zh\": \"dp\"},"
    " \"unit\": \"Pa/cm^2\", \"direction\": \"lower_is_better\"},\n"
    " {\"id\": \"efficiency\", \"name\": {\"en\": \"e\", \"zh\": \"e\"}, \"unit\": \"%\","
    " \"direction\": \"higher_is_better\"},\n"
    " {\"id\": \"ie_class\", \"name\": {\"en\": \"c\", \"zh\": \"c\"}, \"unit\": \"1\","
    " \"direction\": \"higher_is_better\"},\n"
    " {\"id\": \"impact\", \"name\": {\"en\": \"i\", \"zh\": \"i\"}, \"unit\": \"J\","
    " \"direction\": \"higher_is_better\"},\n"
    " {\"id\": \"pfe\", \"name\": {\"en\": \"p\", \"zh\": \"p\"}, \"unit\": \"%\","
    " \"direction\": \"higher_is_better\"}]\n";

static const char *PRODS =
    "[{\"id\": \"steel-rebar\", \"name\": {\"en\": \"Rebar\", \"zh\": \"钢筋\"}, "
    "\"industry\": \"advanced-materials\"},\n"
    " {\"id\": \"medical-mask\", \"name\": {\"en\": \"Mask\", \"zh\": \"口罩\"}, "
    "\"industry\": \"biomedicine\"}]\n";

/* An ungraded standard in standards/x/FILE with extra top-level fields and its limits. */
static void std(const char *file, const char *id, const char *kind, const char *extra,
                const char *limits)
{
    char path[256], text[8192];
    snprintf(path, sizeof path, "standards/x/%s", file);
    snprintf(text, sizeof text, "{\"id\": \"%s\", \"kind\": \"%s\", \"title\": {\"en\": \"T\"}, "
             "\"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"]%s,\n"
             " \"limits\": %s}\n", id, kind, extra, limits);
    put(path, text);
}

#define C ", \"confirmed\": true"
#define W(col, lo, hi) "\"when\": {\"column\": \"" col "\", \"min\": " #lo ", \"max\": " #hi "}"

static void lib(void)
{
    setup();
    put("indicators.json", INDS);
    put("products.json", PRODS);
    put("units.json", "{\"aliases\": {\"mmH2O/cm2\": \"9.80665 Pa/cm^2\"}, \"literal\": []}\n");
    put("methods.json",
        "{\"declarations\": [\n"
        " {\"indicator\": \"pfe\", \"methods\": [\"NaCl 0.24\", \"latex 0.1\"], \"equivalent\": false,"
        "  \"reason\": \"different particles\"},\n"
        " {\"methods\": [\"M1\", \"M2\"], \"equivalent\": true, \"reason\": \"same test\"}]}\n");
    /* pieces by power with open ends (first match): ≤ 49 W and > 49 W, and 1-49 / 49-250 W */
    std("eu.json", "EU 1", "regulation", ", \"market\": \"EU\"",
        "{\"yield_strength\": [{" W("p", -1e9, 49) ", \"min\": 100, \"unit\": \"MPa\"" C "},"
        " {\"when\": {\"column\": \"p\", \"min\": 49}, \"min\": 200, \"unit\": \"MPa\"" C "}],\n"
        " \"impact\": {\"min\": 27, \"unit\": \"J\"" C "}}");
    std("us.json", "US 1", "regulation", ", \"market\": \"US\"",
        "{\"yield_strength\": [{" W("p", 1, 49) ", \"min\": 100, \"unit\": \"MPa\"" C "},"
        " {" W("p", 49, 250) ", \"min\": 200, \"unit\": \"MPa\"" C "}],\n"
        " \"impact\": {\"when\": {\"column\": \"o\", \"equals\": \"long\"}, \"min\": 34,"
        " \"unit\": \"J\"" C "}}");
    /* stated precision: 49 Pa/cm2 (0 decimals) vs 5.0 mmH2O/cm2 (1 decimal) */
    std("pa.json", "PA 1", "national", "",
        "{\"differential_pressure\": {\"max\": 49, \"unit\": \"Pa/cm^2\"" C "},\n"
        " \"pfe\": {\"min\": 30, \"unit\": \"%\", \"method\": \"NaCl 0.24\"" C "},\n"
        " \"efficiency\": {\"min\": 80, \"unit\": \"%\", \"method\": \"M1\"" C "}}");
    std("mm.json", "MM 1", "foreign", "",
        "{\"differential_pressure\": {\"max\": 5.0, \"max_exclusive\": true, \"unit\": \"mmH2O/cm2\""
        C "},\n \"pfe\": {\"min\": 95, \"unit\": \"%\", \"method\": \"latex 0.1\"" C "},\n"
        " \"efficiency\": {\"min\": 85, \"unit\": \"%\", \"method\": \"M2\"" C "}}");
    std("p48.json", "PB 1", "national", "",
        "{\"differential_pressure\": {\"max\": 48, \"unit\": \"Pa/cm^2\"" C "}}");
    /* derived: a ratio to the nominal 500 MPa; a class stated as another table */
    std("ratio.json", "RA 1", "national", "",
        "{\"yield_strength\": {\"min\": 500, \"unit\": \"MPa\"" C "},\n"
        " \"yield_ratio_nominal\": {\"max\": 1.30, \"unit\": \"1\"" C ", \"derived\": "
        "{\"indicator\": \"yield_strength\", \"factor\": 500, \"unit\": \"MPa\"}}}");
    std("cap.json", "CA 1", "foreign", "",
        "{\"yield_strength\": {\"min\": 500, \"max\": 650, \"unit\": \"MPa\"" C "}}");
    std("cube.json", "CU 1", "foreign", "",
        "{\"impact\": {\"min\": 20, \"unit\": \"J\"" C ", \"derived\": {\"indicator\": "
        "\"yield_strength\", \"min\": 25, \"unit\": \"MPa\"}}}");
    std("table.json", "TB 1", "international", "",
        "{\"efficiency\": [{" W("kw", 7.5, 7.5) ", \"min\": 90.4, \"unit\": \"%\"" C "},"
        " {" W("kw", 11, 11) ", \"min\": 91.4, \"unit\": \"%\"" C "}]}");
    std("cls.json", "CL 1", "regulation", ", \"market\": \"EU\"",
        "{\"ie_class\": {" W("kw", 0.75, 1000) ", \"min\": 3, \"unit\": \"1\"" C ", \"derived\":"
        " {\"indicator\": \"efficiency\", \"from\": \"TB 1\"}}}");
    std("gb.json", "GB 1", "national", "",
        "{\"efficiency\": {" W("kw", 7.5, 7.5) ", \"min\": 90.4, \"unit\": \"%\"" C "}}");
    /* not encoded: the requirement exists, its value is unknown */
    std("ne.json", "NE 1", "national", "",
        "{\"differential_pressure\": {\"not_encoded\": \"value not found\", \"unit\": "
        "\"Pa/cm^2\"" C "},\n \"pfe\": {\"not_encoded\": \"also unknown\"" C "}}");
    /* editions: dated, undated with a year, withdrawn by date, a chain */
    std("e18.json", "ED 1-2018", "national", ", \"effective\": \"2018-11-01\", \"status\": "
        "\"superseded\", \"superseded_by\": \"ED 1-2024\"", "{}");
    std("e24.json", "ED 1-2024", "national", ", \"effective\": \"2024-09-25\", \"superseded_by\":"
        " \"ED 1-2027\"", "{}");
    std("e27.json", "ED 1-2027", "national", ", \"effective\": \"2027-02-01\"", "{}");
    std("f19.json", "ASTM F1-19", "foreign", ", \"superseded_by\": \"ASTM F1-23\"", "{}");
    std("f23.json", "ASTM F1-23", "foreign", "", "{}");
    std("w.json", "WD 2-2010", "national", ", \"effective\": \"2010-01-01\", \"withdrawn\": "
        "\"2020-06-30\"", "{}");
}

static qc_rules *R;
static void lib_setup(void) { lib(); R = load_ok(); }
static void lib_teardown(void) { qc_rules_free(R); R = NULL; }

static qc_std_comparison cmp(const char *a, const char *b)
{
    qc_std_comparison c;
    qc_error err = {0};
    const qc_standard *sa = qc_rules_standard_exact(R, a), *sb = qc_rules_standard_exact(R, b);
    ck_assert_ptr_nonnull(sa);
    ck_assert_ptr_nonnull(sb);
    ck_assert_msg(qc_standards_compare(R, sa, NULL, sb, NULL, &c, &err) == QC_OK, "%s",
                  err.message);
    return c;
}

static const qc_std_item *item(const qc_std_comparison *c, const char *ind)
{
    for (size_t i = 0; i < c->nitems; i++)
        if (strcmp(c->items[i].indicator, ind) == 0) return &c->items[i];
    return NULL;
}

static void expect(const qc_std_comparison *c, const char *ind, qc_std_verdict v, const char *part)
{
    const qc_std_item *it = item(c, ind);
    ck_assert_msg(it != NULL, "no item %s", ind);
    ck_assert_msg(it->verdict == v, "%s: %s, want %s (%s)", ind, qc_std_verdict_name(it->verdict),
                  qc_std_verdict_name(v), it->reason);
    if (part)
        ck_assert_msg(strstr(it->reason, part), "%s: \"%s\" lacks \"%s\"", ind, it->reason, part);
}

static double num(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k)->valuedouble;
}

START_TEST(test_common_domain)
{
    qc_std_comparison c = cmp("US 1", "EU 1");
    /* US bands [1, 49] and (49, 250] against EU ≤ 49 and > 49 (first match: 49 takes ≤ 49):
     * two bands, equal limits, equivalent; EU also limits < 1 W and > 250 W (only in B) */
    expect(&c, "yield_strength", QC_STD_EQUIVALENT, NULL);
    const qc_std_item *y = item(&c, "yield_strength");
    ck_assert_uint_eq(y->nbands, 2);
    const cJSON *w = y->bands[1].when->child;  /* (49, 250] */
    ck_assert_double_eq(num(w, "min"), 49);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(w, "min_exclusive")));
    ck_assert_double_eq(num(w, "max"), 250);
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(w, "max_exclusive"));
    ck_assert_int_eq(cJSON_GetArraySize(y->only_b), 2);
    ck_assert_ptr_null(y->only_a);
    /* a condition on one side only (o = long) restricts that side: 34 J vs 27 J → stricter,
     * with B's other orientations outside the common domain */
    expect(&c, "impact", QC_STD_STRICTER, NULL);
    ck_assert_double_eq(item(&c, "impact")->difference, 7);
    const cJSON *ob = item(&c, "impact")->only_b->child;  /* {applies_to, when: [o not_in]} */
    const cJSON *cond = cJSON_GetObjectItemCaseSensitive(ob, "when")->child;
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(cond, "column")->valuestring, "o");
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(cond, "not_in")->child->valuestring, "long");
    qc_std_comparison_free(&c);
    /* domains that do not overlap: GB 1 limits 7.5 kW only, CL 1's table has 7.5 and 11 kW;
     * against US 1 (by "p") the kW column is a condition on one side only, so they overlap;
     * TB 1 vs GB 1 overlap at 7.5 kW: equivalent; the 11 kW piece is outside */
    c = cmp("TB 1", "GB 1");
    expect(&c, "efficiency", QC_STD_EQUIVALENT, NULL);
    ck_assert_int_eq(cJSON_GetArraySize(item(&c, "efficiency")->only_a), 1);
    qc_std_comparison_free(&c);
}
END_TEST

START_TEST(test_stated_precision)
{
    /* 49 Pa/cm² (±0.5) vs < 5.0 mmH2O/cm² = 49.033 Pa/cm² (±0.05 × 9.80665 = ±0.490): they
     * differ by 0.033, within ±0.5 → equivalent (the exclusive bound is below the precision) */
    qc_std_comparison c = cmp("PA 1", "MM 1");
    expect(&c, "differential_pressure", QC_STD_EQUIVALENT, "precision");
    const qc_std_item *d = item(&c, "differential_pressure");
    ck_assert_double_eq_tol(d->difference, 49 - 5.0 * 9.80665, 1e-12);
    ck_assert_double_eq(d->tolerance, 0.5);
    qc_std_comparison_free(&c);
    /* 48 vs 49.033: 1.033 beyond ±0.5 → stricter */
    c = cmp("PB 1", "MM 1");
    expect(&c, "differential_pressure", QC_STD_STRICTER, NULL);
    qc_std_comparison_free(&c);
    /* the same unit compares as written: 49 vs 48 → looser by 1, tolerance 0 */
    c = cmp("PA 1", "PB 1");
    expect(&c, "differential_pressure", QC_STD_LOOSER, NULL);
    ck_assert_double_eq(item(&c, "differential_pressure")->tolerance, 0);
    qc_std_comparison_free(&c);
}
END_TEST

START_TEST(test_methods_decide)
{
    qc_std_comparison c = cmp("PA 1", "MM 1");
    /* NaCl 0.24 vs latex 0.1 declared not equivalent for pfe → not_comparable (method) */
    expect(&c, "pfe", QC_STD_NOT_COMPARABLE, "methods not equivalent (NaCl 0.24 vs latex 0.1): "
           "different particles");
    /* M1 vs M2 declared equivalent (any indicator): the numeric verdict, flagged */
    expect(&c, "efficiency", QC_STD_LOOSER, "declared equivalent: same test");
    ck_assert_int_eq(item(&c, "efficiency")->method_differs, 1);
    qc_std_comparison_free(&c);
    ck_assert_int_eq(qc_rules_methods_equivalent(R, "pfe", "latex 0.1", "NaCl 0.24", NULL), 0);
    ck_assert_int_eq(qc_rules_methods_equivalent(R, "pfe", "M1", "M9", NULL), -1);
    ck_assert_int_eq(qc_rules_methods_equivalent(R, "pfe", "M1", "M1", NULL), 1);
}
END_TEST

START_TEST(test_derived)
{
    /* RA 1: yield ≥ 500 and ReL°/ReL ≤ 1.30 with nominal 500 → yield ≤ 650; CA 1 [500, 650]:
     * equivalent, and the ratio is not listed on its own (only RA states it) */
    qc_std_comparison c = cmp("RA 1", "CA 1");
    expect(&c, "yield_strength", QC_STD_EQUIVALENT, NULL);
    ck_assert_ptr_null(item(&c, "yield_ratio_nominal"));
    ck_assert_ptr_nonnull(item(&c, "yield_strength")->a_from);
    ck_assert_double_eq(item(&c, "yield_strength")->bands[0].a_max, 650);
    ck_assert_uint_eq(c.nitems, 1);
    qc_std_comparison_free(&c);
    /* CU 1 states yield ≥ 25 MPa through its impact limit: CA 1's [500, 650] is stricter on
     * both bounds (B has no maximum); two-sided against one-sided: no difference */
    c = cmp("CA 1", "CU 1");
    expect(&c, "yield_strength", QC_STD_STRICTER, NULL);
    ck_assert(isnan(item(&c, "yield_strength")->difference));
    ck_assert_double_eq(item(&c, "yield_strength")->bands[0].b_min, 25);
    ck_assert_ptr_null(item(&c, "impact"));  /* folded: only CU 1 states it, all derived */
    qc_std_comparison_free(&c);
    /* CL 1's class 3 (0.75-1000 kW) is TB 1's efficiency table: at 7.5 kW 90.4 = GB 1's 90.4 */
    c = cmp("GB 1", "CL 1");
    expect(&c, "efficiency", QC_STD_EQUIVALENT, NULL);
    ck_assert_ptr_null(item(&c, "ie_class"));
    ck_assert_uint_eq(item(&c, "efficiency")->nbands, 1);
    ck_assert_int_eq(cJSON_GetArraySize(item(&c, "efficiency")->only_b), 1);  /* 11 kW */
    qc_std_comparison_free(&c);
}
END_TEST

START_TEST(test_not_encoded)
{
    /* NE 1 states differential pressure without a value: not_encoded on A, never only_in */
    qc_std_comparison c = cmp("NE 1", "MM 1");
    expect(&c, "differential_pressure", QC_STD_NOT_ENCODED, "value not found");
    ck_assert_int_eq(item(&c, "differential_pressure")->not_encoded, 1);
    expect(&c, "pfe", QC_STD_NOT_ENCODED, "also unknown");
    ck_assert_uint_eq(c.count[QC_STD_NOT_ENCODED], 2);
    expect(&c, "efficiency", QC_STD_ONLY_IN_B, NULL);
    qc_std_comparison_free(&c);
    c = cmp("MM 1", "NE 1");
    ck_assert_int_eq(item(&c, "pfe")->not_encoded, 2);
    qc_std_comparison_free(&c);
    /* only one side states it, without a value: only_in_a, saying the value is not encoded */
    c = cmp("NE 1", "EU 1");
    expect(&c, "pfe", QC_STD_ONLY_IN_A, "its value is not encoded: also unknown");
    qc_std_comparison_free(&c);
}
END_TEST

static const char *state_of(const char *id, const char *date, qc_std_state *st)
{
    qc_std_state_of(R, qc_rules_standard_exact(R, id), date, st);
    return qc_std_state_name(st->kind);
}

START_TEST(test_editions_at_a_date)
{
    qc_std_state st;
    /* ED 1-2018 is recorded superseded; on 2020-01-01 no successor is in force yet */
    ck_assert_str_eq(state_of("ED 1-2018", "2020-01-01", &st), "in_force");
    ck_assert_str_eq(st.successor->id, "ED 1-2024");
    /* from 2024-09-25 ED 1-2024 supersedes it; from 2027-02-01 the latest in force, 2027 */
    ck_assert_str_eq(state_of("ED 1-2018", "2024-09-25", &st), "superseded");
    ck_assert_str_eq(st.by->id, "ED 1-2024");
    ck_assert_str_eq(state_of("ED 1-2018", "2027-02-01", &st), "superseded");
    ck_assert_str_eq(st.by->id, "ED 1-2027");
    ck_assert_str_eq(state_of("ED 1-2027", "2026-12-31", &st), "not_yet_effective");
    /* undated ASTM editions take effect on the first day of their year (-19 → 2019) */
    ck_assert_str_eq(state_of("ASTM F1-19", "2022-12-31", &st), "in_force");
    ck_assert_str_eq(state_of("ASTM F1-19", "2023-01-01", &st), "superseded");
    ck_assert_int_eq(st.effective_inferred, 1);
    ck_assert_str_eq(state_of("ASTM F1-23", "2022-06-01", &st), "not_yet_effective");
    /* withdrawn on a date */
    ck_assert_str_eq(state_of("WD 2-2010", "2020-06-29", &st), "in_force");
    ck_assert_str_eq(state_of("WD 2-2010", "2020-06-30", &st), "withdrawn");
    char w[300] = "";
    qc_std_state_of(R, qc_rules_standard_exact(R, "ED 1-2018"), "2025-01-01", &st);
    ck_assert_int_eq(qc_std_state_warning(qc_rules_standard_exact(R, "ED 1-2018"), &st,
                                          "2025-01-01", w, sizeof w), 1);
    ck_assert_str_eq(w, "ED 1-2018 is superseded on 2025-01-01 by ED 1-2024 (in force since "
                     "2024-09-25)");
}
END_TEST

START_TEST(test_compare_json_dates)
{
    qc_error err = {0};
    cJSON *o = qc_standards_compare_json(R, qc_rules_standard_exact(R, "ED 1-2018"), NULL,
                                         qc_rules_standard_exact(R, "PA 1"), NULL, "2025-01-01",
                                         &err);
    ck_assert_ptr_nonnull(o);
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(o, "date")->valuestring, "2025-01-01");
    cJSON *s = cJSON_GetObjectItemCaseSensitive(o, "status");
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(s, "a")->valuestring, "superseded");
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(o, "warnings")->child->valuestring,
                     "ED 1-2018 is superseded on 2025-01-01 by ED 1-2024 (in force since "
                     "2024-09-25)");
    cJSON_Delete(o);
}
END_TEST

START_TEST(test_gaps)
{
    qc_error err = {0};
    cJSON *g = qc_standards_gaps_json(R, "advanced-materials", "2026-11-01", &err);
    ck_assert_msg(g != NULL, "%s", err.message);
    cJSON *p = cJSON_GetObjectItemCaseSensitive(g, "products")->child;
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(p, "product")->valuestring, "steel-rebar");
    /* NE 1 (in force, Chinese) has requirements not encoded; ASTM F1-19 names no missing
     * successor; GB 1 is the first Chinese standard with limits; foreign counterparts exist */
    const cJSON *gaps = cJSON_GetObjectItemCaseSensitive(p, "gaps");
    int ne = 0, nc = 0;
    for (const cJSON *e = gaps->child; e; e = e->next) {
        ne |= strcmp(e->valuestring, "not_encoded_requirements") == 0;
        nc |= strcmp(e->valuestring, "no_counterpart") == 0;
    }
    ck_assert(ne && !nc);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(p, "not_encoded")), 2);
    cJSON_Delete(g);
    ck_assert_ptr_null(qc_standards_gaps_json(R, NULL, "2026-13-01", &err));
    ck_assert_int_eq(err.status, QC_EUSAGE);
}
END_TEST

/* ---------- the loader's errors for the new fields ---------- */

static void one(const char *limits) { std("z.json", "Z 1", "national", "", limits); }
#define Z "standards/x/z.json"

START_TEST(test_loader_errors)
{
    lib();
    one("{\"pfe\": {\"not_encoded\": \"x\", \"min\": 1" C "}}");
    expect_lib_error(Z, "$.limits.pfe.min", "not encoded has no min");
    one("{\"pfe\": {\"not_encoded\": \"\"" C "}}");
    expect_lib_error(Z, "$.limits.pfe.not_encoded", "say why");
    one("{\"pfe\": {\"min\": 1" C "}}");
    expect_lib_error(Z, "$.limits.pfe", "missing required key \"unit\"");
    one("{\"pfe\": {\"min\": 1, \"unit\": \"%\"" C ", \"derived\": {\"indicator\": \"efficiency\","
        " \"factor\": 2, \"min\": 1, \"unit\": \"%\"}}}");
    expect_lib_error(Z, "$.limits.pfe.derived", "exactly one of");
    one("{\"pfe\": {\"min\": 1, \"unit\": \"%\"" C ", \"derived\": {\"indicator\": \"nope\","
        " \"factor\": 2, \"unit\": \"%\"}}}");
    expect_lib_error(Z, "$.limits.pfe.derived.indicator", "unknown indicator");
    one("{\"pfe\": {\"min\": 1, \"unit\": \"%\"" C ", \"derived\": {\"indicator\": \"efficiency\","
        " \"factor\": 2}}}");
    expect_lib_error(Z, "$.limits.pfe.derived.unit", "needs its unit");
    one("{\"pfe\": {\"min\": 1, \"unit\": \"%\"" C ", \"derived\": {\"indicator\": \"pfe\","
        " \"factor\": 2, \"unit\": \"%\"}}}");
    expect_lib_error(Z, "$.limits.pfe.derived.indicator", "its own indicator");
    one("{\"pfe\": {\"min\": 1, \"unit\": \"%\"" C ", \"derived\": {\"indicator\": \"impact\","
        " \"min\": 2, \"unit\": \"%\"}}}");
    expect_lib_error(Z, "$.limits.pfe.derived.unit", "does not convert");
    one("{\"ie_class\": {\"min\": 3, \"unit\": \"1\"" C ", \"derived\": {\"indicator\": "
        "\"efficiency\", \"from\": \"NO SUCH@IE3\"}}}");
    expect_lib_error(Z, "$.limits.ie_class", "no standard and grade \"NO SUCH@IE3\"");
    one("{}");
    std("w.json", "WD 2-2010", "national", ", \"effective\": \"2010-01-01\", \"withdrawn\": "
        "\"2009-06-30\"", "{}");
    expect_lib_error("standards/x/w.json", "$.withdrawn", "before the effective date");
    std("w.json", "WD 2-2010", "example", ", \"withdrawn\": \"2020-02-30\"", "{}");
    expect_lib_error("standards/x/w.json", "$.withdrawn", "not a YYYY-MM-DD date");
    std("w.json", "WD 2-2010", "national", "", "{}");
    put("methods.json", "{\"declarations\": [{\"indicator\": \"nope\", \"methods\": [\"a\", \"b\"],"
        " \"equivalent\": true, \"reason\": \"r\"}]}\n");
    expect_lib_error("methods.json", "$.declarations[0].indicator", "unknown indicator");
    put("methods.json", "{\"declarations\": [{\"methods\": [\"a\"], \"equivalent\": true,"
        " \"reason\": \"r\"}]}\n");
    expect_lib_error("methods.json", "$.declarations[0].methods", "at least two");
    put("methods.json", "{\"declarations\": [{\"methods\": [\"a\", \"b\"], \"equivalent\": true}]}\n");
    expect_lib_error("methods.json", "$.declarations[0]", "reason");
}
END_TEST

START_TEST(test_decimals_as_written)
{
    lib();
    one("{\"pfe\": [{" W("d", 1, 1) ", \"min\": 5.0, \"unit\": \"%\"" C "},"
        " {" W("d", 2, 2) ", \"min\": 49, \"max\": 1.5e2, \"unit\": \"%\"" C "},"
        " {" W("d", 3, 3) ", \"target\": 12.00, \"tolerance\": 0.5, \"unit\": \"%\"" C "}]}");
    qc_rules *r = load_ok();
    const qc_standard *z = qc_rules_standard_exact(r, "Z 1");
    const qc_limit_set *s = qc_standard_limits(z, &z->grades[0], "pfe");
    ck_assert_int_eq(s->piece[0].min_dp, 1);   /* "5.0" */
    ck_assert_int_eq(s->piece[1].min_dp, 0);   /* "49" */
    ck_assert_int_eq(s->piece[1].max_dp, -1);  /* "1.5e2": tens */
    ck_assert_int_eq(s->piece[2].min_dp, 2);   /* 12.00 − 0.5: the finer, 2 decimals */
    qc_rules_free(r);
}
END_TEST

static Suite *bands_suite(void)
{
    Suite *s = suite_create("bands");
    TCase *tc = tcase_create("compare");
    tcase_add_checked_fixture(tc, lib_setup, lib_teardown);
    tcase_add_test(tc, test_common_domain);
    tcase_add_test(tc, test_stated_precision);
    tcase_add_test(tc, test_methods_decide);
    tcase_add_test(tc, test_derived);
    tcase_add_test(tc, test_not_encoded);
    tcase_add_test(tc, test_editions_at_a_date);
    tcase_add_test(tc, test_compare_json_dates);
    tcase_add_test(tc, test_gaps);
    suite_add_tcase(s, tc);
    tc = tcase_create("loader");
    tcase_add_test(tc, test_loader_errors);
    tcase_add_test(tc, test_decimals_as_written);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_in_tmp(bands_suite(), "test_bands"); }
