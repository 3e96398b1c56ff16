/* test_number.c — Check suite for the document's printer (report.h): qc_report_format_number
 * (number.c) and qc_report_print (print.c). The oracle is cJSON itself, the library whose bytes
 * the document's contract is: every number must print as cJSON_PrintUnformatted prints a
 * cJSON_CreateNumber of it, and every tree as cJSON_Print prints it, byte for byte. Numbers:
 * special values, printf's rounding ties, powers of ten and their neighbours, the %g switch
 * points, random bit patterns and random magnitudes over the range statistics take; trees: a
 * tree with every kind of item, escapes and empty containers, the JSON files under tests/, and
 * an element of a root's array at depth 2. */
#define _DEFAULT_SOURCE
#include <check.h>
#include <dirent.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "qcompare/report.h"

static int mismatches;

/* one number against cJSON; the first few mismatches are printed */
static void check_number(double d)
{
    cJSON *n = cJSON_CreateNumber(d);
    char *want = cJSON_PrintUnformatted(n);
    char got[QC_REPORT_NUMBER_MAX];
    int len = qc_report_format_number(d, got);
    if (strcmp(got, want) != 0 || (size_t)len != strlen(want)) {
        if (mismatches++ < 20)
            fprintf(stderr, "%a: got \"%s\" (%d), cJSON \"%s\"\n", d, got, len, want);
    }
    free(want);
    cJSON_Delete(n);
}

static void check_both_signs(double d)
{
    check_number(d);
    check_number(-d);
}

/* xoshiro-free, deterministic: splitmix64 */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t next_u64(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

START_TEST(test_special_numbers) {
    mismatches = 0;
    const double specials[] = {0.0, -0.0, 1.0, 0.5, 0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3, 2.0 / 3,
                               2147483647.0, 2147483648.0, -2147483648.0, -2147483649.0,
                               2147483647.5, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 9.5e-5, 1e-4,
                               9.999999999999999e-5, 0.0001, 0.00001, 123456789012345.6,
                               999999999999999.9, 99999999999999.99, 1e-300, 5e-324, DBL_MIN,
                               DBL_MAX, DBL_EPSILON, M_PI, M_E, 1.5, 2.5, 0.125, 1e-7, 3e-10,
                               6.02214076e23, 1.602176634e-19, NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof specials / sizeof *specials; i++) check_both_signs(specials[i]);
    /* printf's ties: integers of 16 and 17 digits ending in 5 (exact in a double below 2^53),
     * and binary fractions with a 5 at the 16th or 18th significant digit */
    for (uint64_t v = 1000000000000005ULL; v < 9007199254740992ULL; v += 7777777777777770ULL / 7)
        check_both_signs((double)v);
    for (int i = 0; i < 2000; i++) {
        uint64_t v = 1000000000000000ULL + (next_u64() % 8000000000000000ULL);
        check_both_signs((double)(v - v % 10 + 5));
        check_both_signs((double)(v - v % 100 + 50));
        check_both_signs(ldexp((double)(v | 1), -(int)(next_u64() % 60)));
    }
    /* powers of ten, their neighbours, and the %g switch points (1e-4 and 1e15/1e17) */
    for (int e = -30; e <= 30; e++) {
        double p = pow(10.0, e);
        for (int k = -3; k <= 3; k++) {
            double v = p;
            for (int j = 0; j < (k < 0 ? -k : k); j++) v = nextafter(v, k < 0 ? 0.0 : INFINITY);
            check_both_signs(v);
            check_both_signs(v * 9.99999999999999);
            check_both_signs(v * 9.999999999999999);
        }
    }
    ck_assert_msg(mismatches == 0, "%d numbers print otherwise than cJSON", mismatches);
}
END_TEST

START_TEST(test_random_numbers) {
    mismatches = 0;
    for (int i = 0; i < 200000; i++) {  /* every bit pattern that is a number */
        uint64_t bits = next_u64();
        double d;
        memcpy(&d, &bits, sizeof d);
        check_number(d);
    }
    for (int i = 0; i < 300000; i++) {  /* magnitudes statistics take: 1e-25 .. 1e25 */
        double u = (double)(next_u64() >> 11) / 9007199254740992.0;
        double d = pow(10.0, -25.0 + 50.0 * u);
        check_both_signs(d);
        /* values of few digits (measured, rounded): the 15-digit form reads back */
        double r = round(d * 1e3) / 1e3;
        check_number(r);
        check_number((double)(next_u64() % 100000) / pow(10.0, (double)(next_u64() % 12)));
    }
    ck_assert_msg(mismatches == 0, "%d numbers print otherwise than cJSON", mismatches);
}
END_TEST

/* qc_report_print at depth 0 against cJSON_Print */
static int same_as_cjson(const cJSON *j, const char *what)
{
    char *want = cJSON_Print(j);
    size_t len = 0;
    char *got = qc_report_print(j, 0, NULL, &len);
    int ok = want && got && strcmp(want, got) == 0 && len == strlen(want);
    if (!ok) fprintf(stderr, "%s: printed otherwise than cJSON_Print\n", what);
    free(want);
    free(got);
    return ok;
}

START_TEST(test_print_tree) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "plain", "abc");
    cJSON_AddStringToObject(root, "escapes", "q\"b\\s/\b\f\n\r\t\x01\x1f end é 中");
    cJSON_AddStringToObject(root, "", "empty key");
    cJSON_AddItemToObject(root, "null string", cJSON_CreateString(NULL));
    cJSON_AddNullToObject(root, "n");
    cJSON_AddTrueToObject(root, "t");
    cJSON_AddFalseToObject(root, "f");
    cJSON_AddNumberToObject(root, "int", 42);
    cJSON_AddNumberToObject(root, "x", 0.1 + 0.2);
    cJSON_AddNumberToObject(root, "nan", NAN);
    cJSON_AddRawToObject(root, "raw", "[1,2]");
    cJSON_AddObjectToObject(root, "empty object");
    cJSON_AddArrayToObject(root, "empty array");
    cJSON *arr = cJSON_AddArrayToObject(root, "array");
    for (int i = 0; i < 3; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "i", i / 7.0);
        cJSON *inner = cJSON_AddArrayToObject(o, "inner");
        cJSON_AddItemToArray(inner, cJSON_CreateObject());
        cJSON_AddItemToArray(inner, cJSON_CreateArray());
        cJSON_AddItemToArray(inner, cJSON_CreateString("s"));
        cJSON_AddItemToArray(arr, o);
    }
    ck_assert(same_as_cjson(root, "tree"));
    ck_assert(same_as_cjson(cJSON_GetObjectItem(root, "array"), "array"));
    ck_assert(same_as_cjson(cJSON_GetObjectItem(root, "x"), "number"));
    /* an element of the root's array, as the streamed document prints it */
    cJSON *doc = cJSON_CreateObject();
    cJSON *products = cJSON_AddArrayToObject(doc, "products");
    cJSON_AddItemToArray(products, cJSON_Duplicate(root, 1));
    cJSON_AddItemToArray(products, cJSON_Duplicate(root, 1));
    char *whole = cJSON_Print(doc);
    size_t l1, l2;
    char *first = qc_report_print_item(products->child, NULL, &l1);
    char *second = qc_report_print_item(products->child->next, ", ", &l2);
    const char *open = qc_report_products_open(whole);
    ck_assert_ptr_nonnull(open);
    ck_assert(strncmp(open, first, l1) == 0);
    ck_assert(strncmp(open + l1, second, l2) == 0);
    ck_assert_str_eq(open + l1 + l2, "]\n}");
    free(whole);
    free(first);
    free(second);
    cJSON_Delete(doc);
    /* an invalid item fails as cJSON_Print does */
    cJSON bad = {0};
    ck_assert_ptr_null(qc_report_print(&bad, 0, NULL, NULL));
    cJSON_Delete(root);
}
END_TEST

/* every .json file under dir (recursively): parsed, then printed both ways */
static void walk(const char *dir, int *files, int *bad)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) { walk(path, files, bad); continue; }
        size_t n = strlen(path);
        if (n < 5 || strcmp(path + n - 5, ".json") != 0 || st.st_size > (1 << 24)) continue;
        FILE *f = fopen(path, "rb");
        char *text = f ? malloc((size_t)st.st_size + 1) : NULL;
        size_t got = text ? fread(text, 1, (size_t)st.st_size, f) : 0;
        if (f) fclose(f);
        if (!text) continue;
        text[got] = '\0';
        cJSON *j = cJSON_Parse(text);
        free(text);
        if (!j) continue;
        (*files)++;
        if (!same_as_cjson(j, path)) (*bad)++;
        cJSON_Delete(j);
    }
    closedir(d);
}

START_TEST(test_print_files) {
    int files = 0, bad = 0;
    walk("report", &files, &bad);
    walk("regression", &files, &bad);
    walk("oracles", &files, &bad);
    walk("../datasets", &files, &bad);
    printf("printer vs cJSON_Print: %d JSON files, %d differ\n", files, bad);
    ck_assert_int_gt(files, 10);
    ck_assert_int_eq(bad, 0);
}
END_TEST

static Suite *number_suite(void)
{
    Suite *s = suite_create("number");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_special_numbers);
    tcase_add_test(tc, test_random_numbers);
    tcase_add_test(tc, test_print_tree);
    tcase_add_test(tc, test_print_files);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(number_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
