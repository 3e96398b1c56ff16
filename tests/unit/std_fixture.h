/* std_fixture.h — fixtures shared by test_standards.c and test_portfolio.c: a dictionary of
 * ten indicators, three products, an ungraded standard file written from its parts, the
 * confirmed-limit macro L, and JSON lookups that abort the test when a member is missing.
 * Test-only; static so each test program takes what it uses. */
#ifndef QC_TEST_STD_FIXTURE_H
#define QC_TEST_STD_FIXTURE_H

#include "rules_fixture.h"
#include "qcompare/standards.h"

/* The dictionary: ten indicators with their units and directions. */
static void put_indicators(void) {
    static const char *const t[][3] = {
        {"yield_strength", "MPa", "higher_is_better"},
        {"tensile_strength", "MPa", "higher_is_better"},
        {"elongation_after_fracture", "%", "higher_is_better"},
        {"total_elongation_max_force", "%", "higher_is_better"},
        {"tensile_yield_ratio", "1", "higher_is_better"},
        {"yield_ratio_nominal", "1", "lower_is_better"},
        {"water_absorption", "%", "lower_is_better"}, {"impact_energy", "J", "higher_is_better"},
        {"mass_deviation", "%", "nominal_is_best"}, {"thickness", "mm", "nominal_is_best"}};
    char text[4096] = "[";
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s{\"id\": \"%s\", \"name\": "
                 "{\"en\": \"%s\", \"zh\": \"%s\"}, \"unit\": \"%s\", \"direction\": \"%s\"}\n",
                 i ? "," : "", t[i][0], t[i][0], t[i][0], t[i][1], t[i][2]);
    put("indicators.json", strcat(text, "]\n"));
}

static const char *S_PROD =
    "[{\"id\": \"steel-rebar\", \"name\": {\"en\": \"Rebar\", \"zh\": \"钢筋\"}, "
    "\"industry\": \"advanced-materials\"},\n"
    " {\"id\": \"medical-mask\", \"name\": {\"en\": \"Mask\", \"zh\": \"口罩\"}, "
    "\"industry\": \"biomedicine\"},\n"
    " {\"id\": \"ceramic-tile\", \"name\": {\"en\": \"Tile\", \"zh\": \"瓷砖\"}, "
    "\"industry\": \"modern-light-industry\"}]\n";

/* Writes standards/x/FILE: an ungraded standard (products as given) with the extra top-level
 * fields `extra` (", …" or "") and the limits object `limits`. */
static void put_std(const char *file, const char *id, const char *kind, const char *products,
                    const char *extra, const char *limits) {
    char path[256], text[4096];
    snprintf(path, sizeof path, "standards/x/%s", file);
    snprintf(text, sizeof text, "{\"id\": \"%s\", \"kind\": \"%s\", \"title\": {\"en\": \"T\"}, "
             "\"industry\": \"advanced-materials\", \"products\": [%s]%s,\n \"limits\": %s}\n",
             id, kind, products, extra, limits);
    put(path, text);
}

#define L(x) "{\"confirmed\": true, " x "}"
static cJSON *J(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }

/* The element of array arr whose string member key equals val. */
static cJSON *find(const cJSON *arr, const char *key, const char *val) {
    for (cJSON *e = arr ? arr->child : NULL; e; e = e->next)
        if (cJSON_IsString(J(e, key)) && strcmp(J(e, key)->valuestring, val) == 0) return e;
    ck_abort_msg("no element with %s = \"%s\"", key, val);
    return NULL;
}

#endif
