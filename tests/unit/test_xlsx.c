/* test_xlsx.c — Check suite for xlsx reading (engine/ingest/xlsx.c, xlsx_sheet.c): column
 * letters, Excel serial dates in the 1900 and 1904 systems (against the dates Excel shows for
 * them: serial 1 is 1900-01-01, 60 the false 1900-02-29, 61 1900-03-01, 45000 2023-03-15),
 * and the records of the committed workbooks tests/xlsx/lab.xlsx and inline.xlsx (written by
 * tests/xlsx/gen_xlsx.c): sheets by name and index, shared and inline strings, a merged
 * header and a merged data cell, a date, a boolean, a formula's cached value, the padding of
 * short rows, and the errors for a missing sheet or a file that is no workbook; and libzip
 * loaded by several threads opening their first workbook at once (engine/dynload.c). */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/ingest.h"

START_TEST(test_columns) {
    char b[8];
    static const struct { size_t col; const char *name; } c[] = {
        {0, "A"}, {25, "Z"}, {26, "AA"}, {51, "AZ"}, {52, "BA"}, {701, "ZZ"}, {702, "AAA"}, {16383, "XFD"}};
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        qc_xlsx_column_name(c[i].col, b);
        ck_assert_str_eq(b, c[i].name);
    }
}
END_TEST

START_TEST(test_serial_dates) {
    char d[32];
    static const struct { double serial; int d1904; const char *iso; } c[] = {
        {1, 0, "1900-01-01"}, {59, 0, "1900-02-28"}, {61, 0, "1900-03-01"},
        {45000, 0, "2023-03-15"}, {46307, 0, "2026-10-12"}, {2958465, 0, "9999-12-31"},
        {45000.5, 0, "2023-03-15T12:00:00"}, {45000.75, 0, "2023-03-15T18:00:00"},
        {0, 1, "1904-01-01"}, {43538, 1, "2023-03-15"}};
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        ck_assert_int_eq(qc_xlsx_serial_date(c[i].serial, c[i].d1904, d), 0);
        ck_assert_str_eq(d, c[i].iso);
    }
    ck_assert_int_eq(qc_xlsx_serial_date(60, 0, d), -1);   /* 1900-02-29 never was */
    ck_assert_int_eq(qc_xlsx_serial_date(0, 0, d), -1);
    ck_assert_int_eq(qc_xlsx_serial_date(-1, 1, d), -1);
    ck_assert_int_eq(qc_xlsx_serial_date(3e6, 0, d), -1);
}
END_TEST

/* The records of a sheet as "line|f1|f2|…" lines. */
typedef struct rows { char text[4096]; size_t n; } rows;

static int collect(const qc_csv_record *rec, void *ctx)
{
    rows *r = ctx;
    size_t o = strlen(r->text);
    o += (size_t)snprintf(r->text + o, sizeof r->text - o, "%zu", rec->line);
    for (size_t i = 0; i < rec->nfields; i++)
        o += (size_t)snprintf(r->text + o, sizeof r->text - o, "|%s", rec->field[i]);
    snprintf(r->text + o, sizeof r->text - o, "\n");
    r->n++;
    return 0;
}

static void read_sheet(const char *path, const char *name, int index, rows *out)
{
    qc_xlsx *x = NULL;
    qc_error err = {0};
    memset(out, 0, sizeof *out);
    ck_assert_msg(qc_xlsx_open(path, name, index, &x, &err) == QC_OK, "%s", err.message);
    ck_assert_int_eq(qc_xlsx_read(x, collect, out, &err), QC_OK);
    qc_xlsx_free(x);
}

START_TEST(test_lab_workbook) {
    rows r;
    read_sheet("xlsx/lab.xlsx", "sheet1", 0, &r);   /* a name in another case */
    ck_assert_str_eq(r.text,
        "1|样品编号|组别|检测日期|抗拉强度(MPa)|抗拉强度(MPa)|屈服强度(MPa)|合格|备注\n"
        "2|L1|local|2026-10-12|600|605|450|TRUE|\n"
        "3|L2|local|2026-10-12|610|612|455|TRUE|\n"
        "5|B1|benchmark|2026-10-13|650|652|470|TRUE|\n"
        "6|B2|benchmark|2026-10-13|655|N.D|480|FALSE|\n");
    read_sheet("xlsx/lab.xlsx", NULL, 0, &r);       /* the first sheet */
    ck_assert_str_eq(r.text, "1|本厂与对标产品的力学性能检测结果\n");
    read_sheet("xlsx/inline.xlsx", NULL, 1, &r);
    ck_assert_uint_eq(r.n, 4);
    ck_assert_ptr_nonnull(strstr(r.text, "2|热轧带肋钢筋|local|屈服强度|450|MPa\n"));
    ck_assert_ptr_nonnull(strstr(r.text, "4|热轧带肋钢筋|benchmark|yield|N.D.|MPa\n"));
}
END_TEST

START_TEST(test_errors) {
    qc_xlsx *x = NULL;
    qc_error err = {0};
    ck_assert_int_eq(qc_xlsx_open("xlsx/lab.xlsx", "Sheet9", 0, &x, &err), QC_ERULES);
    ck_assert_str_eq(err.message, "xlsx/lab.xlsx: no sheet \"Sheet9\" (named by the study's sheet; "
                                  "the workbook has \"说明\", \"Sheet1\")");
    ck_assert_int_eq(qc_xlsx_open("xlsx/lab.xlsx", NULL, 3, &x, &err), QC_ERULES);
    ck_assert_int_eq(qc_xlsx_open("xlsx/gen_xlsx.c", NULL, 0, &x, &err), QC_EDATA);
    ck_assert_int_eq(qc_xlsx_open("xlsx/none.xlsx", NULL, 0, &x, &err), QC_EIO);
}
END_TEST

/* The first xlsx of the process opened on four threads at once: libzip is loaded once
 * (pthread_once) and every thread reads the same records. */
static void *read_lab(void *arg)
{
    rows *r = arg;
    qc_xlsx *x = NULL;
    qc_error err = {0};
    memset(r, 0, sizeof *r);
    if (qc_xlsx_open("xlsx/lab.xlsx", "Sheet1", 0, &x, &err) || qc_xlsx_read(x, collect, r, &err))
        snprintf(r->text, sizeof r->text, "error: %s", err.message);
    qc_xlsx_free(x);
    return NULL;
}

START_TEST(test_first_open_on_threads) {
    enum { N = 4 };
    pthread_t t[N];
    static rows r[N];
    for (int i = 0; i < N; i++) ck_assert_int_eq(pthread_create(&t[i], NULL, read_lab, &r[i]), 0);
    for (int i = 0; i < N; i++) ck_assert_int_eq(pthread_join(t[i], NULL), 0);
    for (int i = 0; i < N; i++) {
        ck_assert_uint_eq(r[i].n, 5);
        ck_assert_str_eq(r[i].text, r[0].text);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("xlsx");
    TCase *t = tcase_create("xlsx");
    tcase_add_test(t, test_columns);
    tcase_add_test(t, test_serial_dates);
    tcase_add_test(t, test_lab_workbook);
    tcase_add_test(t, test_errors);
    tcase_add_test(t, test_first_open_on_threads);
    suite_add_tcase(s, t);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
