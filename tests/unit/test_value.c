/* test_value.c — Check suite for the value grammar (engine/ingest/value.c, DESIGN §4.1):
 * missing, ND, every censoring sign with its bound, numbers, and each rejection's reason. */

#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcompare/ingest.h"

/* ---- accepted cells ---- */

static const struct {
    const char *cell;
    qc_value_kind kind;
    double x; /* ignored for MISSING and ND */
} good[] = {
    {"0.05", QC_VALUE_NUMBER, 0.05},
    {"  12.5\t", QC_VALUE_NUMBER, 12.5},
    {"+3", QC_VALUE_NUMBER, 3},
    {"-0.25", QC_VALUE_NUMBER, -0.25},
    {".5", QC_VALUE_NUMBER, 0.5},
    {"-.5", QC_VALUE_NUMBER, -0.5},
    {"007", QC_VALUE_NUMBER, 7},
    {"1e3", QC_VALUE_NUMBER, 1000},
    {"2.5E-2", QC_VALUE_NUMBER, 0.025},
    {"+1.5e+2", QC_VALUE_NUMBER, 150},
    {"1e-400", QC_VALUE_NUMBER, 0}, /* underflow: finite, accepted */
    {"1.7976931348623157e308", QC_VALUE_NUMBER, 1.7976931348623157e308},
    {"<0.05", QC_VALUE_LT, 0.05},
    {"< 0.05", QC_VALUE_LT, 0.05},
    {"<-1", QC_VALUE_LT, -1},
    {"<=0.05", QC_VALUE_LE, 0.05},
    {"<= \t2e1", QC_VALUE_LE, 20},
    {"\xe2\x89\xa4" "0.05", QC_VALUE_LE, 0.05}, /* ≤ */
    {"\xe2\x89\xa4 7", QC_VALUE_LE, 7},
    {">1000", QC_VALUE_GT, 1000},
    {" > 1000 ", QC_VALUE_GT, 1000},
    {">=99.5", QC_VALUE_GE, 99.5},
    {"\xe2\x89\xa5" "95", QC_VALUE_GE, 95}, /* ≥ */
    {"ND", QC_VALUE_ND, 0},
    {"nd", QC_VALUE_ND, 0},
    {"Nd", QC_VALUE_ND, 0},
    {" ND ", QC_VALUE_ND, 0},
    {"\xe6\x9c\xaa\xe6\xa3\x80\xe5\x87\xba", QC_VALUE_ND, 0}, /* 未检出 */
    {"", QC_VALUE_MISSING, 0},
    {"   ", QC_VALUE_MISSING, 0},
    {" \t ", QC_VALUE_MISSING, 0},
};

START_TEST(test_good) {
    const char *cell = good[_i].cell, *why = "untouched";
    qc_value v = {QC_VALUE_NUMBER, -1};

    ck_assert_msg(qc_value_parse(cell, strlen(cell), &v, &why) == QC_OK, "'%s': %s", cell, why);
    ck_assert_msg(v.kind == good[_i].kind, "'%s': kind %d", cell, (int)v.kind);
    if (v.kind == QC_VALUE_MISSING || v.kind == QC_VALUE_ND)
        ck_assert_msg(isnan(v.x), "'%s': x should be NaN", cell);
    else
        ck_assert_msg(v.x == good[_i].x, "'%s': x = %.17g", cell, v.x);
}
END_TEST

/* ---- rejected cells and their reasons ---- */

static const struct {
    const char *cell, *why;
} bad[] = {
    {"1,5", "not a number: decimal comma?"},
    {"0,05", "not a number: decimal comma?"},
    {"<0,05", "not a number: decimal comma?"},
    {"1,234.5", "not a number: thousands separator?"},
    {"1 234", "not a number: thousands separator?"},
    {"12abc", "not a number: text after the number"},
    {"12 MPa", "not a number: text after the number"},
    {"0x10", "not a number: hexadecimal is not accepted"},
    {"inf", "not a number: inf and nan are not accepted"},
    {"-Infinity", "not a number: inf and nan are not accepted"},
    {"nan", "not a number: inf and nan are not accepted"},
    {"NaN", "not a number: inf and nan are not accepted"},
    {"1e999", "number out of range"},
    {"-1e999", "number out of range"},
    {">1e400", "number out of range"},
    {"<", "censoring sign without a number"},
    {"< ", "censoring sign without a number"},
    {"\xe2\x89\xa5  ", "censoring sign without a number"},
    {"--1", "not a number"},
    {"+-1", "not a number"},
    {"-", "not a number"},
    {".", "not a number"},
    {"1.", "not a number"},
    {"1e", "not a number"},
    {"1e+", "not a number"},
    {"1.2.3", "not a number"},
    {"<<1", "not a number"},
    {"< =1", "not a number"},
    {"abc", "not a number"},
    {"N D", "not a number"},
    {"NDA", "not a number"},
};

START_TEST(test_bad) {
    const char *cell = bad[_i].cell, *why = NULL;
    qc_value v;

    ck_assert_msg(qc_value_parse(cell, strlen(cell), &v, &why) == QC_EDATA, "'%s' accepted", cell);
    ck_assert_ptr_nonnull(why);
    ck_assert_msg(strcmp(why, bad[_i].why) == 0, "'%s': got '%s', want '%s'", cell, why,
                  bad[_i].why);
}
END_TEST

START_TEST(test_not_nul_terminated) {
    const char text[] = "12345"; /* only "12" is the cell: strtod must not read on */
    qc_value v;
    double x;

    ck_assert_int_eq(qc_value_parse(text, 2, &v, NULL), QC_OK);
    ck_assert(v.kind == QC_VALUE_NUMBER && v.x == 12);
    ck_assert_int_eq(qc_number_parse("<3.5e2x", 6, &x, NULL), QC_EDATA);
    ck_assert_int_eq(qc_value_parse("<3.5e2x", 6, &v, NULL), QC_OK);
    ck_assert(v.kind == QC_VALUE_LT && v.x == 350);
    ck_assert_int_eq(qc_value_parse("1e9", 2, &v, NULL), QC_EDATA); /* "1e" */
}
END_TEST

START_TEST(test_too_long) {
    char cell[600];
    const char *why = NULL;
    qc_value v;

    memset(cell, '1', sizeof cell);
    ck_assert_int_eq(qc_value_parse(cell, sizeof cell, &v, &why), QC_EDATA);
    ck_assert_str_eq(why, "number too long");
    ck_assert_int_eq(qc_value_parse(cell, 300, &v, &why), QC_OK);
    ck_assert(v.kind == QC_VALUE_NUMBER && v.x > 1e299);
}
END_TEST

/* ---- qc_number_parse: the same numbers, nothing censored ---- */

START_TEST(test_number) {
    const char *why = NULL;
    double x = 0;

    ck_assert_int_eq(qc_number_parse(" -2.5e1 ", 8, &x, &why), QC_OK);
    ck_assert(x == -25);
    ck_assert_int_eq(qc_number_parse("", 0, &x, &why), QC_EDATA);
    ck_assert_str_eq(why, "empty where a number is required");
    ck_assert_int_eq(qc_number_parse("  ", 2, &x, &why), QC_EDATA);
    ck_assert_str_eq(why, "empty where a number is required");
    ck_assert_int_eq(qc_number_parse("<1", 2, &x, &why), QC_EDATA);
    ck_assert_str_eq(why, "censored value where a plain number is required");
    ck_assert_int_eq(qc_number_parse("\xe2\x89\xa4" "1", 4, &x, &why), QC_EDATA);
    ck_assert_str_eq(why, "censored value where a plain number is required");
    ck_assert_int_eq(qc_number_parse("nd", 2, &x, &why), QC_EDATA);
    ck_assert_str_eq(why, "ND where a plain number is required");
    ck_assert_int_eq(qc_number_parse("1,5", 3, &x, &why), QC_EDATA);
    ck_assert_str_eq(why, "not a number: decimal comma?");
    ck_assert_int_eq(qc_number_parse("1e999", 5, &x, &why), QC_EDATA);
    ck_assert_str_eq(why, "number out of range");
    ck_assert(x == -25); /* untouched on error */
}
END_TEST

/* qc_number_parse gives strtod's double bit for bit (its exact integer path, or strtod). */
static void same_as_strtod(const char *t) {
    double got = 0, want = strtod(t, NULL);
    const char *why = NULL;
    ck_assert_msg(qc_number_parse(t, strlen(t), &got, &why) == QC_OK, "%s: %s", t, why);
    ck_assert_msg(memcmp(&got, &want, sizeof got) == 0, "%s: %.17g, strtod %.17g", t, got, want);
}

START_TEST(test_exact_as_strtod) {
    static const char *const edge[] = {
        "0.1", "0.2", "0.3", "-0.1", "+0.1", "1e22", "1e23", "9e22", "1e-22", "1e-23",
        "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
        "-9007199254740993", "900719925474099.3", "9007199254740993e-22", "0.9007199254740993",
        "123456789012345", "1234567890123456", "12345678901234567", "1234567890123456789",
        "12345678901234567890", "0.12345678901234567890", "18446744073709551615",
        "18446744073709551616", "0", "-0", "0.0", "-0.0", "+0", "0e0", "-0e5", "0e500", "00000.000",
        ".5", "-.5", "5e-1", "5E+1", "1.5e3", "1.5E-3", "000123.4500", "0.000000000000000000001",
        "1e-300", "4.9406564584124654e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
        "3.14159265358979323846", "2.718281828459045", "1e0", "1e+0", "1e-0", "1e000000000022",
        "123.456e-20", "123.456e20", "0.5e-22", "100000000000000000000000e-2", "7.1",
        "25.4", "-273.15", "1013.25", "6.02214076e23", "1.602176634e-19"};
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) same_as_strtod(edge[i]);
    /* and random decimals: 1 to 20 digits, a point anywhere, exponents -30..30 */
    uint64_t z = 0x9e3779b97f4a7c15ULL;
    char t[64];
    for (int k = 0; k < 200000; k++) {
        z ^= z << 13, z ^= z >> 7, z ^= z << 17;  /* xorshift64 */
        int nd = 1 + (int)(z % 20), point = (int)((z >> 8) % (uint64_t)(nd + 1));
        size_t m = 0;
        if ((z >> 16) & 1) t[m++] = '-';
        uint64_t y = z;
        for (int d = 0; d < nd; d++) {
            if (d == point && d) t[m++] = '.';
            y = y * 6364136223846793005ULL + 1442695040888963407ULL;
            t[m++] = (char)('0' + (y >> 33) % 10);
        }
        if ((z >> 20) % 3 == 0) m += (size_t)snprintf(t + m, sizeof t - m, "e%d", (int)((z >> 24) % 61) - 30);
        t[m] = '\0';
        same_as_strtod(t);
    }
}
END_TEST

START_TEST(test_is_censored) {
    ck_assert(!qc_value_is_censored(QC_VALUE_NUMBER));
    ck_assert(!qc_value_is_censored(QC_VALUE_MISSING));
    ck_assert(qc_value_is_censored(QC_VALUE_LT));
    ck_assert(qc_value_is_censored(QC_VALUE_LE));
    ck_assert(qc_value_is_censored(QC_VALUE_GT));
    ck_assert(qc_value_is_censored(QC_VALUE_GE));
    ck_assert(qc_value_is_censored(QC_VALUE_ND));
}
END_TEST

int main(void) {
    Suite *s = suite_create("value");
    TCase *tc = tcase_create("grammar");
    SRunner *sr;
    int failed;

    tcase_add_loop_test(tc, test_good, 0, sizeof good / sizeof good[0]);
    tcase_add_loop_test(tc, test_bad, 0, sizeof bad / sizeof bad[0]);
    tcase_add_test(tc, test_not_nul_terminated);
    tcase_add_test(tc, test_too_long);
    tcase_add_test(tc, test_number);
    tcase_add_test(tc, test_is_censored);
    tcase_add_test(tc, test_exact_as_strtod);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
