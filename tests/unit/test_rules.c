/* test_rules.c — Check suite for the rules library, engine/rules/ (rules.h, jsonfile.h); the
 * study file has its own, test_study.c.
 *
 * Every fixture is a string literal written at run time into a fresh directory under one
 * mkdtemp directory (removed by main). Oracles are DESIGN §4.2–§4.3:
 *   - a validation error is QC_ERULES with the one-line message "FILE: $.json.path: message"
 *     (the path as in DESIGN's example $.grades.HRB400.limits.yield_strength.min); the test
 *     checks FILE and the path exactly and one word of the message;
 *   - a JSON syntax error is "FILE:LINE:COL: JSON syntax error", LINE and COL 1-based, of the
 *     first character the parser cannot take (counted by hand in the fixture);
 *   - limits follow `inherits`, a derived grade overriding; an id without a year means the
 *     edition in force (effective <= date, not withdrawn) at the date;
 *   - study defaults: alpha 0.05, confidence 0.95, decision rule simple, groups column "group",
 *     subject "local", reference "benchmark"; result paths relative to the study file.
 * main() returns 1 when any test failed, else 0. */
#define _POSIX_C_SOURCE 200809L
#include "rules_fixture.h"

/* ---------- a valid library ---------- */

START_TEST(test_valid_library) {
    base_lib();
    qc_rules *r = load_ok();
    ck_assert_uint_eq(r->nindicators, 4);
    ck_assert_uint_eq(r->nproducts, 2);
    ck_assert_uint_eq(r->nstandards, 2);
    /* sorted by id */
    ck_assert_str_eq(r->standards[0].id, "TS 1-2018");
    ck_assert_str_eq(r->standards[1].id, "TS 3-2019");
    /* units, dictionary, products and both standards were read and hashed */
    ck_assert_uint_eq(r->nfiles, 5);
    for (size_t i = 0; i < r->nfiles; i++) ck_assert_uint_eq(strlen(r->files[i].sha256), 64);
    /* lookups: id, English and Chinese alias, case-sensitive */
    const qc_indicator *y = qc_rules_indicator(r, "yield_strength");
    ck_assert_ptr_nonnull(y);
    ck_assert_ptr_eq(qc_rules_indicator(r, "ReL"), y);
    ck_assert_ptr_eq(qc_rules_indicator(r, "屈服强度"), y);
    ck_assert_ptr_null(qc_rules_indicator(r, "rel"));
    ck_assert_ptr_null(qc_rules_indicator(r, "Yield_strength"));
    ck_assert_str_eq(y->unit, "MPa");
    ck_assert_str_eq(y->name.zh, "下屈服强度");
    ck_assert_int_eq(y->direction, QC_DIR_HIGHER);
    ck_assert_int_eq(qc_rules_indicator(r, "mass_deviation")->direction, QC_DIR_NOMINAL);
    const qc_product *p = qc_rules_product(r, "medical-mask");
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p->industry, "biomedicine");
    ck_assert_ptr_null(qc_rules_product(r, "Medical-mask"));
    const qc_standard *a = qc_rules_standard(r, "TS 1-2018", NULL);
    ck_assert_ptr_nonnull(a);
    ck_assert_str_eq(a->kind, "national");
    ck_assert_str_eq(a->effective, "2018-11-01");
    ck_assert_uint_eq(a->ngrades, 3);
    ck_assert_uint_eq(a->ngrade_order, 3);
    ck_assert_str_eq(a->grade_order[0], "G500E");
    ck_assert_str_eq(a->grade_order[2], "G400");
    ck_assert_uint_eq(a->nproducts, 1);
    ck_assert_str_eq(a->products[0], "steel-rebar");
    ck_assert_str_eq(a->path, at("standards/advanced-materials/a.json"));
    ck_assert_uint_eq(strlen(a->sha256), 64);
    qc_rules_free(r);
}
END_TEST

START_TEST(test_limit_forms) {
    base_lib();
    qc_rules *r = load_ok();
    const qc_standard *b = qc_rules_standard(r, "TS 3-2019", NULL);
    ck_assert_ptr_nonnull(b);
    /* a standard without grades has one grade named "" */
    ck_assert_uint_eq(b->ngrades, 1);
    const qc_grade *g = qc_standard_grade(b, "");
    ck_assert_ptr_nonnull(g);
    ck_assert_ptr_eq(qc_standard_grade(b, NULL), g);
    /* target 0 ± 4.5 → [−4.5, 4.5] */
    const qc_limit_set *m = qc_standard_limits(b, g, "mass_deviation");
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(m->npieces, 1);
    ck_assert_double_eq(m->piece[0].min, -4.5);
    ck_assert_double_eq(m->piece[0].max, 4.5);
    ck_assert_double_eq(m->piece[0].target, 0);
    /* target 450, −20 / +30 → [430, 480] */
    const qc_limit_set *y = qc_standard_limits(b, g, "yield_strength");
    ck_assert_double_eq(y->piece[0].min, 430);
    ck_assert_double_eq(y->piece[0].max, 480);
    ck_assert_double_eq(y->piece[0].target, 450);
    ck_assert_str_eq(y->piece[0].unit, "MPa");
    ck_assert_int_eq(y->piece[0].applies_to, QC_APPLIES_INDIVIDUAL);
    /* min 540 exclusive, no max */
    const qc_limit_set *t = qc_standard_limits(b, g, "tensile_strength");
    ck_assert_double_eq(t->piece[0].min, 540);
    ck_assert(isnan(t->piece[0].max));
    ck_assert_int_eq(t->piece[0].min_exclusive, 1);
    ck_assert_int_eq(t->piece[0].max_exclusive, 0);
    ck_assert(isnan(t->piece[0].target));
    ck_assert_int_eq(t->piece[0].confirmed, 1);
    ck_assert_ptr_null(qc_standard_limits(b, g, "total_elongation_max_force"));
    qc_rules_free(r);
}
END_TEST

/* ---------- inheritance ---------- */

START_TEST(test_limits_inherit) {
    base_lib();
    qc_rules *r = load_ok();
    const qc_standard *a = qc_rules_standard(r, "TS 1-2018", NULL);
    const qc_grade *g400 = qc_standard_grade(a, "G400"), *g400e = qc_standard_grade(a, "G400E"),
                   *g500e = qc_standard_grade(a, "G500E");
    ck_assert_ptr_nonnull(g400);
    ck_assert_ptr_nonnull(g400e);
    ck_assert_ptr_nonnull(g500e);
    ck_assert_ptr_null(qc_standard_grade(a, "g400"));
    ck_assert_ptr_null(qc_standard_grade(a, ""));
    ck_assert_str_eq(g400e->inherits, "G400");
    ck_assert_ptr_null(g400->inherits);
    const qc_limit_set *s;
    /* the base grade */
    s = qc_standard_limits(a, g400, "yield_strength");
    ck_assert_double_eq(s->piece[0].min, 400);
    ck_assert(isnan(s->piece[0].max));
    ck_assert_ptr_null(qc_standard_limits(a, g400, "total_elongation_max_force"));
    /* G400E overrides yield (420 … 545) */
    s = qc_standard_limits(a, g400e, "yield_strength");
    ck_assert_double_eq(s->piece[0].min, 420);
    ck_assert_double_eq(s->piece[0].max, 545);
    /* … inherits tensile 540 from G400, adds Agt 9 */
    s = qc_standard_limits(a, g400e, "tensile_strength");
    ck_assert_ptr_nonnull(s);
    ck_assert_double_eq(s->piece[0].min, 540);
    ck_assert_double_eq(qc_standard_limits(a, g400e, "total_elongation_max_force")->piece[0].min, 9);
    /* G500E: two hops — its own yield (500 N/mm2, unconfirmed), Agt from G400E, tensile from
     * G400 */
    s = qc_standard_limits(a, g500e, "yield_strength");
    ck_assert_double_eq(s->piece[0].min, 500);
    ck_assert_str_eq(s->piece[0].unit, "N/mm2");
    ck_assert_int_eq(s->piece[0].confirmed, 0);
    ck_assert_double_eq(qc_standard_limits(a, g500e, "total_elongation_max_force")->piece[0].min, 9);
    ck_assert_double_eq(qc_standard_limits(a, g500e, "tensile_strength")->piece[0].min, 540);
    ck_assert_ptr_null(qc_standard_limits(a, g500e, "mass_deviation"));
    ck_assert_ptr_null(qc_standard_limits(a, g500e, "no_such_indicator"));
    qc_rules_free(r);
}
END_TEST

/* ---------- editions by date ---------- */

static void expect_edition(const qc_rules *r, const char *id, const char *when, const char *want) {
    const qc_standard *s = qc_rules_standard(r, id, when);
    const char *date = when ? when : "(no date)";
    if (!want)
        ck_assert_msg(s == NULL, "\"%s\" at %s: got \"%s\", want none", id, date, s ? s->id : "");
    else
        ck_assert_msg(s != NULL && strcmp(s->id, want) == 0, "\"%s\" at %s: got \"%s\", want \"%s\"",
                      id, date, s ? s->id : "(none)", want);
}

START_TEST(test_edition_in_force) {
    base_lib();
    put_edition("standards/x/ts2-2015.json", "TS 2-2015", "2015-06-01", "superseded");
    put_edition("standards/x/ts2-2020.json", "TS 2-2020", "2020-07-01", "in_force");
    put_edition("standards/x/ts2-2023.json", "TS 2-2023", "2023-01-01", "withdrawn");
    put_edition("standards/x/ts2-2030.json", "TS 2-2030", "2030-01-01", "in_force");
    put_edition("standards/x/ts20-2022.json", "TS 20-2022", "2021-01-01", "in_force");
    qc_rules *r = load_ok();
    /* the two editions straddling the date: 2015-06-01 <= 2019-01-01 < 2020-07-01 */
    expect_edition(r, "TS 2", "2019-01-01", "TS 2-2015");
    expect_edition(r, "TS 2", "2021-01-01", "TS 2-2020");
    /* effective on the date itself is in force */
    expect_edition(r, "TS 2", "2020-07-01", "TS 2-2020");
    expect_edition(r, "TS 2", "2020-06-30", "TS 2-2015");
    /* the withdrawn 2023 edition is skipped */
    expect_edition(r, "TS 2", "2024-06-01", "TS 2-2020");
    expect_edition(r, "TS 2", "2031-01-01", "TS 2-2030");
    /* before the first edition: none */
    expect_edition(r, "TS 2", "2015-05-31", NULL);
    /* an exact id is found whatever the date */
    expect_edition(r, "TS 2-2015", "2024-06-01", "TS 2-2015");
    expect_edition(r, "TS 2-2023", "2024-06-01", "TS 2-2023");
    /* "TS 2" is not a prefix of "TS 20" */
    expect_edition(r, "TS 20", "2024-06-01", "TS 20-2022");
    expect_edition(r, "TS 9", "2024-06-01", NULL);
    expect_edition(r, "TS", "2024-06-01", NULL);
    /* without a date only exact ids resolve */
    expect_edition(r, "TS 2", NULL, NULL);
    qc_rules_free(r);
}
END_TEST

/* ISO and IEC editions carry the year after a colon ("ISO 6935-2:2015"), and their part
 * numbers after a dash: "ISO 6935-2" names the edition in force, and "ISO 6935" (the whole
 * series) is no edition of part 2. */
START_TEST(test_edition_iso_colon) {
    base_lib();
    put_edition("standards/x/iso-6935-2-2015.json", "ISO 6935-2:2015", "2015-10-01", "in_force");
    qc_rules *r = load_ok();
    expect_edition(r, "ISO 6935-2:2015", "2020-01-01", "ISO 6935-2:2015");
    expect_edition(r, "ISO 6935", "2020-01-01", NULL);
    expect_edition(r, "ISO 6935-2", "2020-01-01", "ISO 6935-2:2015");
    qc_rules_free(r);
}
END_TEST

/* ---------- validation errors: standards ---------- */

START_TEST(test_unknown_key) {
    base_lib();
    put("standards/advanced-materials/a.json",
        "{\"id\": \"TS 1-2018\", \"kind\": \"national\", \"titel\": {\"en\": \"T\"},\n"
        " \"title\": {\"en\": \"T\"}, \"industry\": \"advanced-materials\",\n"
        " \"products\": [\"steel-rebar\"], \"limits\": {\"yield_strength\": {\"min\": 400,\n"
        " \"unit\": \"MPa\", \"confirmed\": true}}}\n");
    expect_lib_error("standards/advanced-materials/a.json", "$.titel", "unknown key");
    /* nested in a limit */
    put("standards/advanced-materials/a.json", STD_A);
    put_g1("{\"yield_strength\": {\"min\": 400, \"mni\": 1, \"unit\": \"MPa\", \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength.mni", "unknown key");
    /* in a `when` */
    put_g1("{\"yield_strength\": [{\"when\": {\"column\": \"d\", \"min\": 6, \"mx\": 25},\n"
           " \"min\": 400, \"unit\": \"MPa\", \"confirmed\": true}]}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength[0].when.mx", "unknown key");
}
END_TEST

START_TEST(test_duplicate_key) {
    base_lib();
    put("standards/advanced-materials/a.json",
        "{\"id\": \"TS 1-2018\", \"kind\": \"national\", \"id\": \"TS 1-2019\",\n"
        " \"title\": {\"en\": \"T\"}, \"industry\": \"advanced-materials\",\n"
        " \"products\": [\"steel-rebar\"], \"limits\": {\"yield_strength\": {\"min\": 400,\n"
        " \"unit\": \"MPa\", \"confirmed\": true}}}\n");
    expect_lib_error("standards/advanced-materials/a.json", "$.id", "duplicate key");
    put("standards/advanced-materials/a.json", STD_A);
    /* nested: the second "min" of a limit */
    put_g1("{\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"min\": 410, \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength.min", "duplicate key");
    drop(G1);
    /* nested in an array element of the dictionary */
    put("indicators.json",
        "[{\"id\": \"yield_strength\", \"name\": {\"en\": \"Y\", \"zh\": \"屈服\"}, \"unit\": \"MPa\",\n"
        "  \"direction\": \"higher_is_better\"},\n"
        " {\"id\": \"tensile_strength\", \"name\": {\"en\": \"T\", \"zh\": \"抗拉\"}, \"unit\": \"MPa\",\n"
        "  \"unit\": \"GPa\", \"direction\": \"higher_is_better\"}]\n");
    expect_lib_error("indicators.json", "$[1].unit", "duplicate key");
    /* a duplicate grade name */
    put("indicators.json", IND);
    put("standards/advanced-materials/a.json",
        "{\"id\": \"TS 1-2018\", \"kind\": \"national\", \"title\": {\"en\": \"T\"},\n"
        " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],\n"
        " \"grades\": {\"G1\": {\"limits\": {}}, \"G1\": {\"limits\": {}}}}\n");
    expect_lib_error("standards/advanced-materials/a.json", "$.grades.G1", "duplicate key");
}
END_TEST

START_TEST(test_wrong_type) {
    base_lib();
    put_g1("{\"yield_strength\": {\"min\": \"400\", \"unit\": \"MPa\", \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength.min", "must be");
    put_g1("{\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": \"yes\"}}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength.confirmed", "must be");
    put_g1("{\"yield_strength\": 400}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength", "must be");
    drop(G1);
    put("standards/advanced-materials/a.json",
        "{\"id\": \"TS 1-2018\", \"kind\": \"national\", \"title\": {\"en\": \"T\"},\n"
        " \"industry\": \"advanced-materials\", \"products\": \"steel-rebar\",\n"
        " \"limits\": {\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": true}}}\n");
    expect_lib_error("standards/advanced-materials/a.json", "$.products", "must be");
}
END_TEST

START_TEST(test_missing_required) {
    base_lib();
    put_g1("{\"yield_strength\": {\"min\": 400, \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength", "unit");
    put_g1("{\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\"}}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength", "confirmed");
    drop(G1);
    put("standards/advanced-materials/a.json",
        "{\"id\": \"TS 1-2018\", \"title\": {\"en\": \"T\"},\n"
        " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],\n"
        " \"limits\": {\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": true}}}\n");
    expect_lib_error("standards/advanced-materials/a.json", "$", "kind");
}
END_TEST

START_TEST(test_limit_values) {
    base_lib();
    /* min > max */
    put_g1("{\"yield_strength\": {\"min\": 545, \"max\": 420, \"unit\": \"MPa\", \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength", "max");
    /* target without tolerance */
    put_g1("{\"mass_deviation\": {\"target\": 0, \"unit\": \"%\", \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.mass_deviation", "tolerance");
    /* target with only one of the two one-sided tolerances */
    put_g1("{\"mass_deviation\": {\"target\": 0, \"tolerance_minus\": 4, \"unit\": \"%\",\n"
           " \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.mass_deviation", "tolerance");
    /* tolerance without target */
    put_g1("{\"mass_deviation\": {\"tolerance\": 4.5, \"unit\": \"%\", \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.mass_deviation", "target");
    put_g1("{\"mass_deviation\": {\"min\": -5, \"tolerance_plus\": 4.5, \"unit\": \"%\",\n"
           " \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.mass_deviation", "target");
    /* no bound at all */
    put_g1("{\"yield_strength\": {\"unit\": \"MPa\", \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength", "min");
    /* bad applies_to */
    put_g1("{\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"applies_to\": \"average\",\n"
           " \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength.applies_to", "mean");
    /* a unit nobody knows */
    put_g1("{\"yield_strength\": {\"min\": 400, \"unit\": \"MPaa\", \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength.unit", "MPaa");
}
END_TEST

/* A limit whose unit parses but cannot convert to the indicator's unit (kg for a strength in
 * MPa) can never be applied; like every other rules error it belongs to the standard file and
 * its JSON path, found when the rules load (DESIGN §4.2, §5 "Units"), not when a study first
 * uses the limit. */
START_TEST(test_limit_unit_incompatible) {
    base_lib();
    put_g1("{\"yield_strength\": {\"min\": 400, \"unit\": \"kg\", \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.yield_strength.unit", "kg");
}
END_TEST

START_TEST(test_unknown_indicator_and_alias) {
    base_lib();
    put_g1("{\"hardness\": {\"min\": 40, \"unit\": \"HRC\", \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.hardness", "unknown indicator");
    /* an alias is not accepted as a limit key: the id is named */
    put_g1("{\"ReL\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits.ReL", "yield_strength");
    put_g1("{\"屈服强度\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": true}}");
    expect_lib_error(G1, "$.grades.G1.limits[\"屈服强度\"]", "alias");
}
END_TEST

START_TEST(test_unknown_product) {
    base_lib();
    put("standards/advanced-materials/a.json",
        "{\"id\": \"TS 1-2018\", \"kind\": \"national\", \"title\": {\"en\": \"T\"},\n"
        " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\", \"steel-bar\"],\n"
        " \"limits\": {\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": true}}}\n");
    expect_lib_error("standards/advanced-materials/a.json", "$.products[1]", "steel-bar");
}
END_TEST

static const char *grades_std(const char *grades, const char *order) {
    static char text[4096];
    snprintf(text, sizeof text,
             "{\"id\": \"TS 5-2020\", \"kind\": \"national\", \"title\": {\"en\": \"T\"},\n"
             " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],%s\n"
             " \"grades\": %s}\n", order, grades);
    return text;
}

#define LIM "{\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": true}}"

START_TEST(test_inherits_unknown) {
    base_lib();
    put(G1, grades_std("{\"G1\": {\"limits\": " LIM "},\n"
                       "  \"G2\": {\"inherits\": \"G9\", \"limits\": {}}}", ""));
    expect_lib_error(G1, "$.grades.G2.inherits", "G9");
}
END_TEST

START_TEST(test_inherits_cycle) {
    base_lib();
    /* G1 → G2 → G1: either grade may be reported */
    put(G1, grades_std("{\"G1\": {\"inherits\": \"G2\", \"limits\": " LIM "},\n"
                       "  \"G2\": {\"inherits\": \"G1\", \"limits\": {}}}", ""));
    qc_rules *r = NULL;
    qc_error err = {0};
    qc_status s = qc_rules_load(root, &r, &err);
    ck_assert_int_eq(s, QC_ERULES);
    char p1[1200], p2[1200];
    snprintf(p1, sizeof p1, "%s: $.grades.G1.inherits: ", at(G1));
    snprintf(p2, sizeof p2, "%s: $.grades.G2.inherits: ", at(G1));
    ck_assert_msg(strncmp(err.message, p1, strlen(p1)) == 0 ||
                  strncmp(err.message, p2, strlen(p2)) == 0,
                  "message \"%s\" does not start with \"%s\" or \"%s\"", err.message, p1, p2);
    ck_assert_ptr_nonnull(strstr(err.message, "cycle"));
    /* a grade inheriting itself */
    put(G1, grades_std("{\"G1\": {\"inherits\": \"G1\", \"limits\": " LIM "}}", ""));
    expect_lib_error(G1, "$.grades.G1.inherits", "cycle");
    /* a longer cycle behind a sound grade: G0 → G1 → G2 → G3 → G1 */
    put(G1, grades_std("{\"G0\": {\"inherits\": \"G1\", \"limits\": {}},\n"
                       "  \"G1\": {\"inherits\": \"G2\", \"limits\": {}},\n"
                       "  \"G2\": {\"inherits\": \"G3\", \"limits\": {}},\n"
                       "  \"G3\": {\"inherits\": \"G1\", \"limits\": " LIM "}}", ""));
    s = qc_rules_load(root, &r, &err);
    if (s == QC_OK) qc_rules_free(r);
    ck_assert_int_eq(s, QC_ERULES);
    ck_assert_ptr_nonnull(strstr(err.message, "cycle"));
}
END_TEST

START_TEST(test_grade_order_unknown) {
    base_lib();
    put(G1, grades_std("{\"G1\": {\"limits\": " LIM "}, \"G2\": {\"inherits\": \"G1\", "
                       "\"limits\": {}}}", " \"grade_order\": [\"G2\", \"G7\", \"G1\"],"));
    expect_lib_error(G1, "$.grade_order[1]", "grade");
}
END_TEST

START_TEST(test_duplicate_standard_id) {
    base_lib();
    /* the same id as a.json, in a file loaded after it (files load in sorted path order) */
    put_edition("standards/modern-light-industry/z.json", "TS 1-2018", "2018-11-01", "in_force");
    expect_lib_error("standards/modern-light-industry/z.json", "$.id", "duplicate");
    qc_rules *r = NULL;
    qc_error err = {0};
    ck_assert_int_eq(qc_rules_load(root, &r, &err), QC_ERULES);
    /* the message names the other file too */
    ck_assert_msg(strstr(err.message, at("standards/advanced-materials/a.json")) != NULL,
                  "message does not name the first file: %s", err.message);
}
END_TEST

START_TEST(test_bad_industry_kind_status) {
    base_lib();
    put("standards/advanced-materials/a.json",
        "{\"id\": \"TS 1-2018\", \"kind\": \"nationall\", \"title\": {\"en\": \"T\"},\n"
        " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],\n"
        " \"limits\": {\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": true}}}\n");
    expect_lib_error("standards/advanced-materials/a.json", "$.kind", "nationall");
    put("standards/advanced-materials/a.json",
        "{\"id\": \"TS 1-2018\", \"kind\": \"national\", \"title\": {\"en\": \"T\"},\n"
        " \"status\": \"current\", \"industry\": \"advanced-materials\",\n"
        " \"products\": [\"steel-rebar\"],\n"
        " \"limits\": {\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": true}}}\n");
    expect_lib_error("standards/advanced-materials/a.json", "$.status", "in_force");
    put("standards/advanced-materials/a.json",
        "{\"id\": \"TS 1-2018\", \"kind\": \"national\", \"title\": {\"en\": \"T\"},\n"
        " \"adoption\": {\"of\": \"ISO 6935-2:2015\", \"degree\": \"EQV\"},\n"
        " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],\n"
        " \"limits\": {\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": true}}}\n");
    expect_lib_error("standards/advanced-materials/a.json", "$.adoption.degree", "NEQ");
    /* the industry of a product */
    put("standards/advanced-materials/a.json", STD_A);
    put("products.json",
        "[{\"id\": \"steel-rebar\", \"name\": {\"en\": \"Rebar\", \"zh\": \"钢筋\"},\n"
        "  \"industry\": \"advanced-material\"}]\n");
    expect_lib_error("products.json", "$[0].industry", "advanced-material");
}
END_TEST

/* DESIGN §2: the industry is one of six ids "used in rules and output"; a standard's
 * "industry" must be one of them, as a product's is. */
START_TEST(test_bad_industry_standard) {
    base_lib();
    put("standards/advanced-materials/a.json",
        "{\"id\": \"TS 1-2018\", \"kind\": \"national\", \"title\": {\"en\": \"T\"},\n"
        " \"industry\": \"advanced-material\", \"products\": [\"steel-rebar\"],\n"
        " \"limits\": {\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": true}}}\n");
    expect_lib_error("standards/advanced-materials/a.json", "$.industry", "advanced-material");
}
END_TEST

static void put_dated(const char *published, const char *effective) {
    char text[2048];
    snprintf(text, sizeof text,
             "{\"id\": \"TS 1-2018\", \"kind\": \"national\", \"title\": {\"en\": \"T\"},\n"
             " \"published\": \"%s\", \"effective\": \"%s\",\n"
             " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],\n"
             " \"limits\": {\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", "
             "\"confirmed\": true}}}\n", published, effective);
    put("standards/advanced-materials/a.json", text);
}

START_TEST(test_bad_date) {
    base_lib();
    const char *A = "standards/advanced-materials/a.json";
    static const struct { const char *published, *effective, *path; } bad[] = {
        {"2018-02-06", "2018-13-01", "$.effective"},
        {"2018-02-06", "2018-11-1", "$.effective"},
        {"06/02/2018", "2018-11-01", "$.published"},
        {"2018-02-06", "2018-11-00", "$.effective"},
        {"2018-02-06T00:00", "2018-11-01", "$.published"},
        /* days that no month has: 30 February, 31 April, 29 February of a common year */
        {"2018-02-30", "2018-11-01", "$.published"},
        {"2018-02-06", "2018-04-31", "$.effective"},
        {"2018-02-29", "2018-11-01", "$.published"},
    };
    int wrong = 0;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        put_dated(bad[i].published, bad[i].effective);
        qc_rules *r = NULL;
        qc_error err = {0};
        qc_status s = qc_rules_load(root, &r, &err);
        if (s == QC_OK) qc_rules_free(r);
        char prefix[1200];
        snprintf(prefix, sizeof prefix, "%s: %s: ", at(A), bad[i].path);
        if (s != QC_ERULES || strncmp(err.message, prefix, strlen(prefix)) != 0 ||
            !strstr(err.message, "date")) {
            fprintf(stderr, "  MISMATCH: published %s effective %s: status %d, message \"%s\", "
                    "want \"%s…date…\"\n", bad[i].published, bad[i].effective, (int)s,
                    err.message, prefix);
            wrong++;
        }
    }
    ck_assert_msg(wrong == 0, "%d bad dates not reported as such", wrong);
    /* 29 February of a leap year is a date */
    put_dated("2016-02-29", "2018-11-01");
    qc_rules_free(load_ok());
}
END_TEST

/* ---------- validation errors: dictionary and products ---------- */

START_TEST(test_duplicate_alias) {
    base_lib();
    put("indicators.json",
        "[{\"id\": \"yield_strength\", \"name\": {\"en\": \"Y\", \"zh\": \"屈服\"}, \"unit\": \"MPa\",\n"
        "  \"direction\": \"higher_is_better\", \"aliases\": [\"ReL\", \"Rm\"]},\n"
        " {\"id\": \"tensile_strength\", \"name\": {\"en\": \"T\", \"zh\": \"抗拉\"}, \"unit\": \"MPa\",\n"
        "  \"direction\": \"higher_is_better\", \"aliases\": [\"Rm\"]}]\n");
    expect_lib_error("indicators.json", "$[1].aliases[0]", "Rm");
    /* an alias that is another indicator's id */
    put("indicators.json",
        "[{\"id\": \"yield_strength\", \"name\": {\"en\": \"Y\", \"zh\": \"屈服\"}, \"unit\": \"MPa\",\n"
        "  \"direction\": \"higher_is_better\", \"aliases\": [\"tensile_strength\"]},\n"
        " {\"id\": \"tensile_strength\", \"name\": {\"en\": \"T\", \"zh\": \"抗拉\"}, \"unit\": \"MPa\",\n"
        "  \"direction\": \"higher_is_better\"}]\n");
    expect_lib_error("indicators.json", "$[0].aliases[0]", "tensile_strength");
    /* a duplicate id */
    put("indicators.json",
        "[{\"id\": \"yield_strength\", \"name\": {\"en\": \"Y\", \"zh\": \"屈服\"}, \"unit\": \"MPa\",\n"
        "  \"direction\": \"higher_is_better\"},\n"
        " {\"id\": \"yield_strength\", \"name\": {\"en\": \"T\", \"zh\": \"抗拉\"}, \"unit\": \"MPa\",\n"
        "  \"direction\": \"higher_is_better\"}]\n");
    expect_lib_error("indicators.json", "$[1].id", "yield_strength");
}
END_TEST

START_TEST(test_dictionary_fields) {
    base_lib();
    put("indicators.json",
        "[{\"id\": \"yield_strength\", \"name\": {\"en\": \"Y\", \"zh\": \"屈服\"}, \"unit\": \"MPa\",\n"
        "  \"direction\": \"higher-is-better\"}]\n");
    expect_lib_error("indicators.json", "$[0].direction", "higher_is_better");
    put("indicators.json",
        "[{\"id\": \"yield_strength\", \"name\": {\"en\": \"Y\", \"zh\": \"屈服\"}, \"unit\": \"MPa\",\n"
        "  \"direction\": \"higher_is_better\", \"aliases\": \"ReL\"}]\n");
    expect_lib_error("indicators.json", "$[0].aliases", "must be");
    put("indicators.json",
        "[{\"id\": \"yield_strength\", \"name\": {\"en\": \"Y\", \"zh\": \"屈服\"},\n"
        "  \"direction\": \"higher_is_better\"}]\n");
    expect_lib_error("indicators.json", "$[0]", "unit");
    put("indicators.json",
        "[{\"id\": \"yield_strength\", \"name\": {\"en\": \"Y\"}, \"unit\": \"MPa\",\n"
        "  \"direction\": \"higher_is_better\"}]\n");
    expect_lib_error("indicators.json", "$[0].name", "zh");
    put("indicators.json",
        "[{\"id\": \"yield_strength\", \"name\": {\"en\": \"Y\", \"zh\": \"屈服\"}, \"unit\": \"MPa\",\n"
        "  \"direction\": \"higher_is_better\", \"alias\": [\"ReL\"]}]\n");
    expect_lib_error("indicators.json", "$[0].alias", "unknown key");
    put("indicators.json", "{\"id\": \"yield_strength\"}\n");
    expect_lib_error("indicators.json", "$", "must be");
}
END_TEST

/* ---------- JSON syntax errors ---------- */

/* Loads root with `text` as the file rel and checks the message is exactly
 * "FILE:LINE:COL: JSON syntax error"; returns 0 when it is (mismatches printed to stderr). */
static int syntax_case(const char *rel, const char *text, int line, int col) {
    put(rel, text);
    qc_rules *r = NULL;
    qc_error err = {0};
    qc_status s = qc_rules_load(root, &r, &err);
    if (s == QC_OK) qc_rules_free(r);
    char want[1200];
    snprintf(want, sizeof want, "%s:%d:%d: JSON syntax error", at(rel), line, col);
    if (s == QC_ERULES && strcmp(err.message, want) == 0) return 0;
    fprintf(stderr, "  MISMATCH: status %d, message \"%s\", want \"%s\"\n", (int)s, err.message,
            want);
    return 1;
}

START_TEST(test_json_syntax_error) {
    base_lib();
    const char *A = "standards/advanced-materials/a.json";
    int bad = 0;
    /* line 3, column 5: the "]" where a key should follow the comma */
    bad += syntax_case("indicators.json",
                       "[\n"
                       "  {\"id\": \"yield_strength\",\n"
                       "    ]\n"
                       "]\n", 3, 5);
    put("indicators.json", IND);
    /* line 1, column 8: a bare word where a value should be */
    bad += syntax_case(A, "{\"id\": TS}\n", 1, 8);
    /* a trailing comma on line 2: the "}" on line 3, column 1, is where a key should be */
    bad += syntax_case(A, "{\"id\": \"TS 1-2018\",\n  \"kind\": \"national\",\n}\n", 3, 1);
    /* line 2, column 14: the second comma of ",," in an array */
    bad += syntax_case(A, "{\n  \"a\": [1, 2,, 3]}\n", 2, 14);
    /* line 2, column 10: a missing comma between members, at the second key */
    bad += syntax_case(A, "{\"id\": \"TS 1-2018\",\n  \"a\": 1 \"b\": 2}\n", 2, 10);
    ck_assert_msg(bad == 0, "%d syntax error locations wrong", bad);
}
END_TEST

START_TEST(test_missing_files) {
    base_lib();
    drop("products.json");
    qc_rules *r = NULL;
    qc_error err = {0};
    ck_assert_int_eq(qc_rules_load(root, &r, &err), QC_EIO);
    ck_assert_ptr_nonnull(strstr(err.message, "products.json"));
    char nowhere[600];
    snprintf(nowhere, sizeof nowhere, "%s/no-such-dir", root);
    ck_assert_int_eq(qc_rules_load(nowhere, &r, &err), QC_EIO);
    ck_assert_ptr_nonnull(strstr(err.message, nowhere));
}
END_TEST

/* ---------- suite ---------- */

/* ---------- JSON paths: the hand-written builders give snprintf's bytes, cut alike ---------- */

START_TEST(test_json_paths_as_snprintf) {
    static const char *const paths[] = {"$", "$.grades.HRB400.limits", ""};
    static const char *const keys[] = {"yield_strength", "_a1", "b c", "1st", "屈服", ""};
    static const int idx[] = {0, 7, 42, 2147483647, -3};
    char want[64], got[64];
    for (size_t size = 1; size <= sizeof got; size++)
        for (size_t p = 0; p < sizeof paths / sizeof *paths; p++) {
            for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
                const char *key = keys[k];
                int ident = (key[0] >= 'a' && key[0] <= 'z') || key[0] == '_';
                for (const char *c = key; ident && *c; c++)
                    ident = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_';
                if (ident) snprintf(want, size, "%s.%s", paths[p], key);
                else snprintf(want, size, "%s[\"%s\"]", paths[p], key);
                memset(got, 'x', sizeof got);
                ck_assert_ptr_eq(qc_json_path_key(got, size, paths[p], key), got);
                ck_assert_str_eq(got, want);
            }
            for (size_t i = 0; i < sizeof idx / sizeof *idx; i++) {
                snprintf(want, size, "%s[%d]", paths[p], idx[i]);
                memset(got, 'x', sizeof got);
                ck_assert_str_eq(qc_json_path_index(got, size, paths[p], idx[i]), want);
            }
        }
}
END_TEST

static Suite *rules_suite(void) {
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("library");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_valid_library);
    tcase_add_test(tc, test_limit_forms);
    tcase_add_test(tc, test_limits_inherit);
    tcase_add_test(tc, test_edition_in_force);
    tcase_add_test(tc, test_edition_iso_colon);
    suite_add_tcase(s, tc);

    tc = tcase_create("validation");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_unknown_key);
    tcase_add_test(tc, test_duplicate_key);
    tcase_add_test(tc, test_wrong_type);
    tcase_add_test(tc, test_missing_required);
    tcase_add_test(tc, test_limit_values);
    tcase_add_test(tc, test_limit_unit_incompatible);
    tcase_add_test(tc, test_unknown_indicator_and_alias);
    tcase_add_test(tc, test_unknown_product);
    tcase_add_test(tc, test_inherits_unknown);
    tcase_add_test(tc, test_inherits_cycle);
    tcase_add_test(tc, test_grade_order_unknown);
    tcase_add_test(tc, test_duplicate_standard_id);
    tcase_add_test(tc, test_bad_industry_kind_status);
    tcase_add_test(tc, test_bad_industry_standard);
    tcase_add_test(tc, test_bad_date);
    tcase_add_test(tc, test_duplicate_alias);
    tcase_add_test(tc, test_dictionary_fields);
    tcase_add_test(tc, test_json_syntax_error);
    tcase_add_test(tc, test_json_paths_as_snprintf);
    tcase_add_test(tc, test_missing_files);
    suite_add_tcase(s, tc);

    return s;
}

int main(void) { return run_in_tmp(rules_suite(), "test_rules"); }
