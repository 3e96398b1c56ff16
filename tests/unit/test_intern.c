/* test_intern.c — Check suite for the string table of engine/ingest/intern.c (intern.h).
 *
 * The contract (intern.h): each distinct string of len bytes is stored once and named by a
 * dense id 0, 1, 2, … in order of first appearance; find never adds; str returns the stored
 * NUL-terminated copy; an id out of range has no string. The oracle is the contract itself:
 * ids are predicted by counting distinct strings by hand, and strings are compared byte for
 * byte with what was given. main() returns 1 when any test failed, else 0. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcompare/intern.h"

static qc_intern *new_table(void) {
    qc_intern *t = qc_intern_new();
    ck_assert_ptr_nonnull(t);
    return t;
}

static uint32_t add(qc_intern *t, const char *s) { return qc_intern_add(t, s, strlen(s)); }
static uint32_t find(const qc_intern *t, const char *s) { return qc_intern_find(t, s, strlen(s)); }

START_TEST(test_dense_first_appearance) {
    qc_intern *t = new_table();
    ck_assert_uint_eq(qc_intern_count(t), 0);
    /* distinct strings in order of first appearance: local=0, intl-a=1, S1=2, ""=3, S2=4 */
    const char *seq[] = {"local", "intl-a", "local", "S1", "", "intl-a", "S2", "", "local"};
    const uint32_t want[] = {0, 1, 0, 2, 3, 1, 4, 3, 0};
    for (size_t i = 0; i < sizeof seq / sizeof seq[0]; i++)
        ck_assert_msg(add(t, seq[i]) == want[i], "add(\"%s\") at step %zu: got %u, want %u",
                      seq[i], i, (unsigned)add(t, seq[i]), (unsigned)want[i]);
    ck_assert_uint_eq(qc_intern_count(t), 5);
    ck_assert_str_eq(qc_intern_str(t, 0), "local");
    ck_assert_str_eq(qc_intern_str(t, 1), "intl-a");
    ck_assert_str_eq(qc_intern_str(t, 2), "S1");
    ck_assert_str_eq(qc_intern_str(t, 3), "");
    ck_assert_str_eq(qc_intern_str(t, 4), "S2");
    ck_assert_ptr_null(qc_intern_str(t, 5));
    ck_assert_ptr_null(qc_intern_str(t, QC_INTERN_NONE));
    /* the stored copy is stable: the same pointer after further additions */
    const char *p = qc_intern_str(t, 1);
    for (int i = 0; i < 1000; i++) {
        char b[32];
        snprintf(b, sizeof b, "x%d", i);
        add(t, b);
    }
    ck_assert_ptr_eq(qc_intern_str(t, 1), p);
    ck_assert_str_eq(p, "intl-a");
    qc_intern_free(t);
}
END_TEST

START_TEST(test_same_string_same_id) {
    qc_intern *t = new_table();
    /* case and trailing blanks make different strings */
    uint32_t a = add(t, "HRB400"), b = add(t, "hrb400"), c = add(t, "HRB400 ");
    ck_assert_uint_eq(a, 0);
    ck_assert_uint_eq(b, 1);
    ck_assert_uint_eq(c, 2);
    /* a copy in another buffer is the same string */
    char buf[16];
    strcpy(buf, "HRB400");
    ck_assert_uint_eq(add(t, buf), a);
    ck_assert_uint_eq(find(t, buf), a);
    /* the table copies: changing the caller's buffer does not change the stored string */
    buf[0] = 'X';
    ck_assert_str_eq(qc_intern_str(t, a), "HRB400");
    ck_assert_uint_eq(qc_intern_count(t), 3);
    /* UTF-8 strings */
    uint32_t zh = add(t, "未检出");
    ck_assert_uint_eq(zh, 3);
    ck_assert_uint_eq(add(t, "未检出"), 3);
    ck_assert_str_eq(qc_intern_str(t, zh), "未检出");
    qc_intern_free(t);
}
END_TEST

START_TEST(test_growth) {
    /* 200 000 distinct strings: the table grows many times past its initial 64 slots. */
    enum { N = 200000 };
    qc_intern *t = new_table();
    char b[32];
    for (uint32_t i = 0; i < N; i++) {
        snprintf(b, sizeof b, "sample-%u", (unsigned)i);
        uint32_t id = add(t, b);
        if (id != i) ck_abort_msg("add(\"%s\") = %u, want %u", b, (unsigned)id, (unsigned)i);
    }
    ck_assert_uint_eq(qc_intern_count(t), N);
    /* every string keeps its id and text; adding again changes nothing */
    for (uint32_t i = 0; i < N; i++) {
        snprintf(b, sizeof b, "sample-%u", (unsigned)i);
        if (find(t, b) != i) ck_abort_msg("find(\"%s\") = %u", b, (unsigned)find(t, b));
        if (add(t, b) != i) ck_abort_msg("re-add(\"%s\") = %u", b, (unsigned)add(t, b));
        const char *s = qc_intern_str(t, i);
        if (!s || strcmp(s, b) != 0) ck_abort_msg("str(%u) = \"%s\", want \"%s\"", (unsigned)i,
                                                  s ? s : "(null)", b);
    }
    ck_assert_uint_eq(qc_intern_count(t), N);
    /* strings that were never added are absent */
    ck_assert_uint_eq(find(t, "sample-200000"), QC_INTERN_NONE);
    ck_assert_uint_eq(find(t, "sample-"), QC_INTERN_NONE);
    ck_assert_uint_eq(find(t, "sample-1999999"), QC_INTERN_NONE);
    qc_intern_free(t);
}
END_TEST

START_TEST(test_embedded_lengths) {
    qc_intern *t = new_table();
    /* "steel-rebaryield_strength": two strings cut from one buffer by length */
    const char *buf = "steel-rebaryield_strength";
    uint32_t p = qc_intern_add(t, buf, 11), ind = qc_intern_add(t, buf + 11, 14);
    ck_assert_uint_eq(p, 0);
    ck_assert_uint_eq(ind, 1);
    ck_assert_str_eq(qc_intern_str(t, p), "steel-rebar");
    ck_assert_str_eq(qc_intern_str(t, ind), "yield_strength");
    ck_assert_uint_eq(strlen(qc_intern_str(t, ind)), 14);
    /* input without any NUL terminator */
    char raw[3] = {'a', 'b', 'c'};
    uint32_t ab = qc_intern_add(t, raw, 2);
    ck_assert_uint_eq(ab, 2);
    ck_assert_str_eq(qc_intern_str(t, ab), "ab");
    ck_assert_uint_eq(qc_intern_add(t, raw, 3), 3);
    ck_assert_str_eq(qc_intern_str(t, 3), "abc");
    ck_assert_uint_eq(qc_intern_find(t, raw, 2), ab);
    ck_assert_uint_eq(qc_intern_find(t, raw, 3), 3);
    /* prefixes and extensions of a stored string are other strings */
    ck_assert_uint_eq(qc_intern_find(t, buf, 5), QC_INTERN_NONE);      /* "steel" */
    ck_assert_uint_eq(qc_intern_find(t, buf, 12), QC_INTERN_NONE);     /* "steel-rebary" */
    ck_assert_uint_eq(qc_intern_find(t, raw, 1), QC_INTERN_NONE);      /* "a" */
    /* length 0 is the empty string, whatever the pointer */
    uint32_t e = qc_intern_add(t, raw, 0);
    ck_assert_uint_eq(e, 4);
    ck_assert_str_eq(qc_intern_str(t, e), "");
    ck_assert_uint_eq(qc_intern_find(t, buf, 0), e);
    ck_assert_uint_eq(qc_intern_count(t), 5);
    qc_intern_free(t);
}
END_TEST

/* The key is the len bytes given (intern.h: "Id of s (len bytes)"); a NUL byte inside them is
 * part of the string. CSV fields reach the table with their lengths and may hold NUL bytes
 * (libcsv passes them through), so a comparison that stops at the first NUL merges distinct
 * values, and one that reads t->str[id][len] past a shorter stored string reads out of bounds. */
START_TEST(test_embedded_nul) {
    qc_intern *t = new_table();
    ck_assert_uint_eq(qc_intern_add(t, "a\0b", 3), 0);
    uint32_t second = qc_intern_add(t, "a\0c", 3);
    ck_assert_msg(second == 1, "\"a\\0c\" got id %u: merged with \"a\\0b\"", (unsigned)second);
    ck_assert_uint_eq(qc_intern_add(t, "ab", 2), 2);
    /* "ab\0cd" (5 bytes) is not "ab" (2 bytes) */
    ck_assert_uint_eq(qc_intern_find(t, "ab\0cd", 5), QC_INTERN_NONE);
    ck_assert_uint_eq(qc_intern_find(t, "a", 1), QC_INTERN_NONE);
    /* 255 distinct 3-byte strings "k\0c" (c = 1 … 255) that agree up to their NUL byte: two
     * of them meet in a probe chain sooner or later, and must still get distinct ids. */
    qc_intern *u = new_table();
    for (int c = 1; c <= 255; c++) {
        char k[3] = {'k', '\0', (char)c};
        uint32_t id = qc_intern_add(u, k, 3);
        ck_assert_msg(id == (uint32_t)(c - 1), "\"k\\0\\x%02x\" got id %u, want %d: merged "
                      "with another string at the NUL byte", c, (unsigned)id, c - 1);
    }
    ck_assert_uint_eq(qc_intern_count(u), 255);
    qc_intern_free(u);
    qc_intern_free(t);
}
END_TEST

START_TEST(test_find_absent) {
    qc_intern *t = new_table();
    /* on an empty table */
    ck_assert_uint_eq(find(t, "local"), QC_INTERN_NONE);
    ck_assert_uint_eq(find(t, ""), QC_INTERN_NONE);
    /* find does not add */
    ck_assert_uint_eq(qc_intern_count(t), 0);
    add(t, "local");
    add(t, "benchmark");
    ck_assert_uint_eq(find(t, "Local"), QC_INTERN_NONE);
    ck_assert_uint_eq(find(t, "bench"), QC_INTERN_NONE);
    ck_assert_uint_eq(find(t, "benchmarks"), QC_INTERN_NONE);
    ck_assert_uint_eq(find(t, "benchmark"), 1);
    ck_assert_uint_eq(qc_intern_count(t), 2);
    /* an absent string added afterwards takes the next id */
    ck_assert_uint_eq(add(t, "Local"), 2);
    qc_intern_free(t);
}
END_TEST

static Suite *intern_suite(void) {
    Suite *s = suite_create("intern");
    TCase *tc = tcase_create("intern");
    tcase_add_test(tc, test_dense_first_appearance);
    tcase_add_test(tc, test_same_string_same_id);
    tcase_add_test(tc, test_growth);
    tcase_add_test(tc, test_embedded_lengths);
    tcase_add_test(tc, test_embedded_nul);
    tcase_add_test(tc, test_find_absent);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(intern_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
