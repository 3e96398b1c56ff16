/* rules_fixture.h — fixtures shared by test_rules.c and test_study.c: a temporary rules
 * directory per test (files written from string literals), a small valid library, and checks
 * of located error messages ("FILE: $.json.path: message"). Test-only; static inline so each
 * test program takes what it uses. */
#ifndef QC_TEST_RULES_FIXTURE_H
#define QC_TEST_RULES_FIXTURE_H

#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qcompare/jsonfile.h"
#include "qcompare/rules.h"
#include "qcompare/stats.h"
#include "qcompare/study.h"

/* ---------- fixture helpers ---------- */

static char top[256];   /* made by main(), removed at the end */
static char root[512];  /* this test's rules directory */

static inline void setup(void) {
    snprintf(root, sizeof root, "%s/lib_XXXXXX", top);
    ck_assert_ptr_nonnull(mkdtemp(root));
}

/* Writes text to root/rel, making parent directories. */
static inline void put(const char *rel, const char *text) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *p = path + strlen(root) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0700);
            *p = '/';
        }
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static inline void drop(const char *rel) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    ck_assert_int_eq(unlink(path), 0);
}

static inline const char *at(const char *rel) {
    static char path[4][1024];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", root, rel);
    return path[k];
}

static const char *IND =
    "[\n"
    " {\"id\": \"yield_strength\", \"name\": {\"en\": \"Lower yield strength ReL\", \"zh\": "
    "\"下屈服强度\"},\n"
    "  \"unit\": \"MPa\", \"direction\": \"higher_is_better\", \"aliases\": [\"ReL\", "
    "\"屈服强度\"]},\n"
    " {\"id\": \"tensile_strength\", \"name\": {\"en\": \"Tensile strength Rm\", \"zh\": "
    "\"抗拉强度\"},\n"
    "  \"unit\": \"MPa\", \"direction\": \"higher_is_better\", \"aliases\": [\"Rm\"]},\n"
    " {\"id\": \"total_elongation_max_force\", \"name\": {\"en\": \"Agt\", \"zh\": "
    "\"最大力总延伸率\"},\n"
    "  \"unit\": \"%\", \"direction\": \"higher_is_better\", \"aliases\": [\"Agt\"]},\n"
    " {\"id\": \"mass_deviation\", \"name\": {\"en\": \"Mass deviation\", \"zh\": \"重量偏差\"},\n"
    "  \"unit\": \"%\", \"direction\": \"nominal_is_best\"}\n"
    "]\n";

static const char *PROD =
    "[{\"id\": \"steel-rebar\", \"name\": {\"en\": \"Rebar\", \"zh\": \"钢筋\"},\n"
    "  \"industry\": \"advanced-materials\"},\n"
    " {\"id\": \"medical-mask\", \"name\": {\"en\": \"Mask\", \"zh\": \"口罩\"},\n"
    "  \"industry\": \"biomedicine\"}]\n";

static const char *UNITS = "{\"aliases\": {\"N/mm2\": \"MPa\"}, \"literal\": [\"HRC\"]}\n";

/* Three grades: G400; G400E inherits G400, overrides yield, adds Agt; G500E inherits G400E. */
static const char *STD_A =
    "{\"id\": \"TS 1-2018\", \"kind\": \"national\", \"body\": \"SAC\",\n"
    " \"title\": {\"en\": \"Test bars\", \"zh\": \"测试钢筋\"},\n"
    " \"published\": \"2018-02-06\", \"effective\": \"2018-11-01\", \"status\": \"in_force\",\n"
    " \"adoption\": {\"of\": \"ISO 6935-2:2015\", \"degree\": \"NEQ\"},\n"
    " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],\n"
    " \"grade_order\": [\"G500E\", \"G400E\", \"G400\"],\n"
    " \"grades\": {\n"
    "  \"G400\": {\"limits\": {\n"
    "    \"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", \"confirmed\": true},\n"
    "    \"tensile_strength\": {\"min\": 540, \"unit\": \"MPa\", \"confirmed\": true}}},\n"
    "  \"G400E\": {\"inherits\": \"G400\", \"limits\": {\n"
    "    \"yield_strength\": {\"min\": 420, \"max\": 545, \"unit\": \"MPa\", \"confirmed\": true},\n"
    "    \"total_elongation_max_force\": {\"min\": 9.0, \"unit\": \"%\", \"confirmed\": true}}},\n"
    "  \"G500E\": {\"inherits\": \"G400E\", \"limits\": {\n"
    "    \"yield_strength\": {\"min\": 500, \"unit\": \"N/mm2\", \"confirmed\": false}}}}}\n";

/* No grades; target ± tolerance, asymmetric tolerances, an exclusive bound. */
static const char *STD_B =
    "{\"id\": \"TS 3-2019\", \"kind\": \"industry\", \"title\": {\"en\": \"Bars, no grades\"},\n"
    " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],\n"
    " \"limits\": {\n"
    "  \"mass_deviation\": {\"target\": 0, \"tolerance\": 4.5, \"unit\": \"%\", \"confirmed\": true},\n"
    "  \"yield_strength\": {\"target\": 450, \"tolerance_minus\": 20, \"tolerance_plus\": 30,\n"
    "                     \"unit\": \"MPa\", \"confirmed\": true},\n"
    "  \"tensile_strength\": {\"min\": 540, \"min_exclusive\": true, \"unit\": \"MPa\",\n"
    "                       \"confirmed\": true}}}\n";

static inline void base_lib(void) {
    put("indicators.json", IND);
    put("products.json", PROD);
    put("units.json", UNITS);
    put("standards/advanced-materials/a.json", STD_A);
    put("standards/advanced-materials/b.json", STD_B);
}

static inline qc_rules *load_ok(void) {
    qc_rules *r = NULL;
    qc_error err = {0};
    qc_status s = qc_rules_load(root, &r, &err);
    ck_assert_msg(s == QC_OK, "rules did not load: %s", err.message);
    return r;
}

/* Checks a located error: status QC_ERULES and the message "FILE: PATH: …" with `word` in the
 * message part, on one line. */
static inline void check_error(qc_status s, const qc_error *err, const char *file, const char *jpath,
                        const char *word) {
    char prefix[1200];
    snprintf(prefix, sizeof prefix, "%s: %s: ", file, jpath);
    ck_assert_msg(s == QC_ERULES, "%s: status %d, want QC_ERULES (%d) at %s; message: \"%s\"",
                  file, (int)s, (int)QC_ERULES, jpath, err->message);
    ck_assert_int_eq(err->status, QC_ERULES);
    ck_assert_msg(strncmp(err->message, prefix, strlen(prefix)) == 0,
                  "message \"%s\" does not start with \"%s\"", err->message, prefix);
    ck_assert_msg(strstr(err->message + strlen(prefix), word) != NULL,
                  "message \"%s\" does not say \"%s\"", err->message, word);
    ck_assert_msg(strchr(err->message, '\n') == NULL, "message spans lines: %s", err->message);
}

/* Loads the library at root and expects the error located at rel (a file under root). */
static inline void expect_lib_error(const char *rel, const char *jpath, const char *word) {
    qc_rules *r = NULL;
    qc_error err = {0};
    qc_status s = qc_rules_load(root, &r, &err);
    if (s == QC_OK) qc_rules_free(r);
    check_error(s, &err, at(rel), jpath, word);
}

/* A standard with one grade G1 whose limits object is given. */
static inline void put_g1(const char *limits) {
    char text[4096];
    snprintf(text, sizeof text,
             "{\"id\": \"TS 5-2020\", \"kind\": \"national\", \"title\": {\"en\": \"T\"},\n"
             " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],\n"
             " \"grades\": {\"G1\": {\"limits\": %s}}}\n", limits);
    put("standards/advanced-materials/t5.json", text);
}

#define G1 "standards/advanced-materials/t5.json"


/* Writes a one-limit standard edition (id, effective date, status) as file. */
static inline void put_edition(const char *file, const char *id, const char *effective,
                        const char *status) {
    char text[2048];
    snprintf(text, sizeof text,
             "{\"id\": \"%s\", \"kind\": \"national\", \"title\": {\"en\": \"T\"},\n"
             " \"effective\": \"%s\", \"status\": \"%s\",\n"
             " \"industry\": \"advanced-materials\", \"products\": [\"steel-rebar\"],\n"
             " \"limits\": {\"yield_strength\": {\"min\": 400, \"unit\": \"MPa\", "
             "\"confirmed\": true}}}\n", id, effective, status);
    put(file, text);
}

/* Creates the top temporary directory, runs the suite, removes the directory. */
static inline int run_in_tmp(Suite *suite, const char *name)
{
    qc_stats_init();
    snprintf(top, sizeof top, "/tmp/qc_%s_XXXXXX", name);
    if (!mkdtemp(top)) {
        perror("mkdtemp");
        return 1;
    }
    SRunner *sr = srunner_create(suite);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", top);
    return failed == 0 ? 0 : 1;
}

#endif
