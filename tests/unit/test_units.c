/* test_units.c — Check suite for unit conversion, engine/ingest/units.c (units.h).
 *
 * Oracles: exact definitions of the units, worked by hand (no value is taken from the code):
 *   ksi → MPa   1 lbf = 0.45359237 kg × 9.80665 m/s² = 4.4482216152605 N (exact by definition);
 *               1 in² = 0.0254² m² = 6.4516e-4 m²; 1 psi = 4.4482216152605 / 6.4516e-4 Pa
 *               = 6894.757293168361 Pa; 1 ksi = 1000 psi = 6.894757293168361 MPa.
 *   N/mm² → MPa 1 N / 1e-6 m² = 1e6 Pa = 1 MPa.
 *   % → 1       0.01.     mg/kg → %: 1e-6 / 1e-2 = 1e-4.     ppm → mg/kg: 1e-6 / 1e-6 = 1.
 *   degC → K    T_K = T_C + 273.15 (scale 1, offset 273.15); K → degC: offset −273.15.
 *   degF → degC T_C = (T_F − 32)·5/9: scale 5/9, offset −160/9.
 *   mmH2O → Pa  conventional millimetre of water = 9.80665 Pa (rules/units.json alias).
 * main() returns 1 when any test failed, else 0. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdlib.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "qcompare/units.h"

static qc_units *U;

static void setup(void) {
    qc_error err = {0};
    ck_assert_msg(qc_units_open(&U, &err) == QC_OK, "qc_units_open: %s", err.message);
    /* the lab spellings and literal units of rules/units.json */
    ck_assert_int_eq(qc_units_add_alias(U, "N/mm2", "MPa"), QC_OK);
    ck_assert_int_eq(qc_units_add_alias(U, "mmH2O", "9.80665 Pa"), QC_OK);
    ck_assert_int_eq(qc_units_add_literal(U, "cfu/g"), QC_OK);
    ck_assert_int_eq(qc_units_add_literal(U, "HRC"), QC_OK);
    ck_assert_int_eq(qc_units_add_literal(U, "dB(A)"), QC_OK);
}

static void teardown(void) {
    qc_units_close(U);
    U = NULL;
}

static int close_rel(double got, double want, double rtol) {
    return fabs(got - want) <= rtol * fabs(want);
}

/* Asserts from → to maps as to = scale·from + offset (offset absolute tolerance 1e-9). */
static void expect_map(const char *from, const char *to, double scale, double offset) {
    qc_unit_map m = {NAN, NAN};
    const char *why = "unset";
    qc_status s = qc_units_map(U, from, to, &m, &why);
    ck_assert_msg(s == QC_OK, "\"%s\" -> \"%s\": status %d (%s)", from, to, (int)s,
                  why ? why : "no reason");
    ck_assert_msg(close_rel(m.scale, scale, 1e-12), "\"%s\" -> \"%s\": scale %.17g, want %.17g",
                  from, to, m.scale, scale);
    ck_assert_msg(fabs(m.offset - offset) <= 1e-9 * (1 + fabs(offset)),
                  "\"%s\" -> \"%s\": offset %.17g, want %.17g", from, to, m.offset, offset);
}

/* Asserts from → to is refused with QC_EDATA and a non-empty reason. */
static const char *expect_refused(const char *from, const char *to) {
    qc_unit_map m = {NAN, NAN};
    const char *why = NULL;
    qc_status s = qc_units_map(U, from, to, &m, &why);
    ck_assert_msg(s == QC_EDATA, "\"%s\" -> \"%s\": status %d, want QC_EDATA (%d)", from, to,
                  (int)s, (int)QC_EDATA);
    ck_assert_msg(why != NULL && why[0] != '\0', "\"%s\" -> \"%s\": no reason given", from, to);
    return why;
}

START_TEST(test_ksi_mpa) {
    expect_map("ksi", "MPa", 6.894757293168361, 0);
    expect_map("MPa", "ksi", 1 / 6.894757293168361, 0);
    expect_map("psi", "kPa", 6.894757293168361, 0);
    /* applied to a value: 58 ksi (ASTM A615 Grade 60 … 420 class) = 399.8959230037649 MPa */
    qc_unit_map m;
    ck_assert_int_eq(qc_units_map(U, "ksi", "MPa", &m, NULL), QC_OK);
    double y = m.scale * 58 + m.offset;
    ck_assert_msg(close_rel(y, 58 * 6.894757293168361, 1e-13), "58 ksi = %.17g MPa", y);
}
END_TEST

START_TEST(test_newton_per_mm2) {
    expect_map("N/mm2", "MPa", 1, 0);     /* through the alias */
    expect_map("MPa", "N/mm2", 1, 0);
    expect_map("N/mm2", "Pa", 1e6, 0);
    expect_map("N/mm2", "ksi", 1 / 6.894757293168361, 0);
    /* an alias UDUNITS-2 could not parse itself */
    expect_map("mmH2O", "Pa", 9.80665, 0);
    expect_map("kPa", "mmH2O", 1000 / 9.80665, 0);
    ck_assert(qc_units_known(U, "mmH2O"));
}
END_TEST

START_TEST(test_fractions) {
    expect_map("%", "1", 0.01, 0);
    expect_map("%", "", 0.01, 0);
    expect_map("1", "%", 100, 0);
    expect_map("mg/kg", "%", 1e-4, 0);
    expect_map("%", "mg/kg", 1e4, 0);
    expect_map("ppm", "mg/kg", 1, 0);
    expect_map("mg/kg", "ppm", 1, 0);
    expect_map("ppm", "%", 1e-4, 0);
    /* a value: 2500 mg/kg = 0.25 % */
    qc_unit_map m;
    ck_assert_int_eq(qc_units_map(U, "mg/kg", "%", &m, NULL), QC_OK);
    ck_assert(close_rel(m.scale * 2500 + m.offset, 0.25, 1e-14));
}
END_TEST

START_TEST(test_temperature_offset) {
    expect_map("degC", "K", 1, 273.15);
    expect_map("K", "degC", 1, -273.15);
    expect_map("degF", "degC", 5.0 / 9.0, -160.0 / 9.0);
    qc_unit_map m;
    ck_assert_int_eq(qc_units_map(U, "degC", "K", &m, NULL), QC_OK);
    double k = m.scale * 25 + m.offset;
    ck_assert_msg(fabs(k - 298.15) < 1e-9, "25 degC = %.17g K", k);
    ck_assert_int_eq(qc_units_map(U, "degF", "degC", &m, NULL), QC_OK);
    double c = m.scale * 212 + m.offset;
    ck_assert_msg(fabs(c - 100) < 1e-9, "212 degF = %.17g degC", c);
}
END_TEST

START_TEST(test_incompatible) {
    expect_refused("kg", "MPa");
    expect_refused("MPa", "kg");
    expect_refused("MPa", "%");
    expect_refused("%", "MPa");
    expect_refused("degC", "m");
    /* the answer is the same the second time (from the cache) */
    const char *why = NULL;
    qc_unit_map m;
    ck_assert_int_eq(qc_units_map(U, "kg", "MPa", &m, &why), QC_EDATA);
    ck_assert_ptr_nonnull(why);
    /* a refused pair leaves good pairs working */
    expect_map("ksi", "MPa", 6.894757293168361, 0);
}
END_TEST

START_TEST(test_unknown_unit) {
    ck_assert(!qc_units_known(U, "furlongz"));
    ck_assert(!qc_units_known(U, "MPaa"));
    expect_refused("furlongz", "MPa");
    expect_refused("MPa", "furlongz");
    /* refused twice, also from the cache */
    expect_refused("furlongz", "MPa");
    /* an unknown unit does not convert to itself either */
    expect_refused("furlongz", "furlongz");
    ck_assert(qc_units_known(U, "MPa"));
    ck_assert(qc_units_known(U, "N/mm2"));
    ck_assert(qc_units_known(U, "ksi"));
}
END_TEST

START_TEST(test_literal_units) {
    ck_assert(qc_units_known(U, "HRC"));
    ck_assert(qc_units_known(U, "cfu/g"));
    ck_assert(qc_units_known(U, "dB(A)"));
    expect_map("HRC", "HRC", 1, 0);
    expect_map("cfu/g", "cfu/g", 1, 0);
    expect_map("dB(A)", "dB(A)", 1, 0);
    expect_refused("HRC", "");
    expect_refused("", "HRC");
    expect_refused("HRC", "1");
    expect_refused("HRC", "dB(A)");
    /* "1/g" parses in UDUNITS-2, yet a literal unit converts to nothing else */
    expect_refused("cfu/g", "1/g");
    expect_refused("1/g", "cfu/g");
    /* literal matching is exact */
    ck_assert(!qc_units_known(U, "hrc"));
    expect_refused("hrc", "HRC");
}
END_TEST

START_TEST(test_dimensionless) {
    ck_assert(qc_units_known(U, ""));
    ck_assert(qc_units_known(U, "1"));
    expect_map("", "", 1, 0);
    expect_map("", "1", 1, 0);
    expect_map("1", "", 1, 0);
    expect_map("1", "1", 1, 0);
    expect_refused("", "MPa");
    expect_refused("1", "kg");
}
END_TEST

/* The verdicts of earlier runs (units_cache.c): a second run answers from the cache file
 * without the unit database and gives the same maps (the hand-worked values above); a file
 * naming another database is ignored, so a forged verdict in it is not believed. */
static void cache_pass(void) {
    setup();
    expect_map("ksi", "MPa", 6.894757293168361, 0);
    expect_map("degF", "degC", 5.0 / 9.0, -160.0 / 9.0);
    expect_map("mmH2O", "Pa", 9.80665, 0);
    expect_refused("kg", "MPa");
    ck_assert(qc_units_known(U, "mg/kg"));
    ck_assert(!qc_units_known(U, "notaunit"));
    teardown();
}

START_TEST(test_verdict_cache) {
    char dir[] = "/tmp/qc-units-cache-XXXXXX", file[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    setenv("QCOMPARE_CACHE", dir, 1);
    snprintf(file, sizeof file, "%s/udunits.v1", dir);
    cache_pass();                       /* computes, writes the file */
    FILE *f = fopen(file, "r");
    ck_assert_ptr_nonnull(f);
    char line[8192];
    int kept = 0;
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f)); /* the database's identity */
    while (fgets(line, sizeof line, f)) kept += strncmp(line, "M\t", 2) == 0;
    fclose(f);
    ck_assert_int_eq(kept, 4);
    cache_pass();                       /* answers from the file */
    f = fopen(file, "w");               /* another database's verdicts */
    ck_assert_ptr_nonnull(f);
    fputs("/elsewhere/udunits2.xml|x.xml:1:0.000000000:1\nK\t1\tnotaunit\n", f);
    fclose(f);
    cache_pass();
    remove(file);
    rmdir(dir);
    unsetenv("QCOMPARE_CACHE");
}
END_TEST

static Suite *units_suite(void) {
    Suite *s = suite_create("units");
    TCase *tc = tcase_create("units");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_ksi_mpa);
    tcase_add_test(tc, test_newton_per_mm2);
    tcase_add_test(tc, test_fractions);
    tcase_add_test(tc, test_temperature_offset);
    tcase_add_test(tc, test_incompatible);
    tcase_add_test(tc, test_unknown_unit);
    tcase_add_test(tc, test_literal_units);
    tcase_add_test(tc, test_dimensionless);
    suite_add_tcase(s, tc);
    TCase *tv = tcase_create("verdict_cache");
    tcase_add_test(tv, test_verdict_cache);
    suite_add_tcase(s, tv);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(units_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
