/* test_store.c — Check suite for the results store as the reader fills it (results.h,
 * engine/ingest/results.c, keep.c, parallel.c): a file read in parts on two threads gives the
 * store one thread gives, value for value and in file order (the parts' cells appended a
 * column at a time, qc_ingest_cell_append), with lazy columns first needed late in the file;
 * and the judge the caller hands the load (qc_load_options.judge, qc_assess_keep_judge)
 * decides which results keep their sample id and line, every result keeping them without
 * one; and a small file cut at every byte (qc_load_options.split_first) gives the one-thread
 * store, its lines and rejections, and the file's SHA-256. Fixtures as in rules_fixture.h. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include "rules_fixture.h"
#include "qcompare/assess.h"
#include "qcompare/jsonfile.h"
#include "qcompare/results.h"

static qc_rules *R;
static qc_study *S;

enum { ROWS = 120000 };  /* about 6 MB: above the 4 MiB a file needs to be read in parts */

static void store_setup(void) {
    setup();
    base_lib();
    R = load_ok();
    /* yield strength (min 400 MPa) around 440, some below; lod, U and method only late in
     * the file; missing and censored values; two groups */
    put("s/study.json", "{\"id\": \"s\", \"date\": \"2026-11-01\", \"results\": [\"r.csv\"], "
                        "\"products\": [{\"product\": \"steel-rebar\", \"standards\": "
                        "[{\"id\": \"TS 1-2018\", \"grade\": \"G400\"}]}]}\n");
    FILE *f = fopen(at("s/r.csv"), "w");
    ck_assert_ptr_nonnull(f);
    fputs("sample_id,product,group,indicator,value,lod,U,method\n", f);
    for (int i = 0; i < ROWS; i++) {
        char v[32];
        int x = 380 + (i * 7919) % 120;
        if (i % 997 == 0) v[0] = '\0';
        else if (i % 1009 == 0) snprintf(v, sizeof v, "<%d", x);
        else snprintf(v, sizeof v, "%d.%d", x, i % 10);
        fprintf(f, "S%06d,steel-rebar,%s,yield_strength,%s,%s,%s,%s\n", i / 3,
                i % 2 ? "local" : "benchmark", v, i > 90000 && i % 13 == 0 ? "2" : "",
                i > 80000 && i % 5 == 0 ? "4.5" : "", i > 70000 && i % 11 == 0 ? "GB/T 228.1" : "");
    }
    ck_assert_int_eq(fclose(f), 0);
    struct stat sb;
    ck_assert_int_eq(stat(at("s/r.csv"), &sb), 0);
    ck_assert_int_gt(sb.st_size, 5 << 20);  /* read in parts on two threads (parallel.c) */
    qc_error err = {0};
    ck_assert_msg(qc_study_load(at("s/study.json"), R, &S, &err) == QC_OK, "%s", err.message);
}

static void store_teardown(void) {
    qc_study_free(S);
    qc_rules_free(R);
    S = NULL, R = NULL;
}

static qc_results *load(int threads, const qc_keep_judge *judge) {
    qc_load_options o = {.threads = threads, .judge = judge};
    qc_results *r = NULL;
    qc_error err = {0};
    ck_assert_msg(qc_results_load_opts(S, R, &o, &r, &err) == QC_OK, "%s", err.message);
    return r;
}

/* The one cell of group g (the file has one product and one indicator). */
static const qc_cell *cell(const qc_results *r, const char *g) {
    uint32_t id = qc_intern_find(r->strings, g, strlen(g));
    size_t i = 0;
    while (i < r->ncells && r->cells[i].group != id) i++;
    ck_assert_msg(id != QC_INTERN_NONE && i < r->ncells, "no group %s", g);
    return &r->cells[i];
}

static int same_double(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* a's and b's cells of group g hold the same results in the same order; every result a keeps
 * the sample id and line of, b keeps with the same ones. */
static void same_cell(const qc_results *a, const qc_results *b, const char *g) {
    const qc_cell *x = cell(a, g), *y = cell(b, g);
    ck_assert_uint_eq(x->n, y->n);
    ck_assert_uint_eq(x->n_missing, y->n_missing);
    for (size_t i = 0; i < x->n; i++) {
        ck_assert_msg(same_double(x->x[i], y->x[i]), "%s %zu: %g %g", g, i, x->x[i], y->x[i]);
        ck_assert_int_eq(qc_cell_kind(x, i), qc_cell_kind(y, i));
        ck_assert(same_double(qc_cell_lod(x, i), qc_cell_lod(y, i)));
        ck_assert(same_double(qc_cell_U(x, i), qc_cell_U(y, i)));
        ck_assert(same_double(qc_cell_u(x, i), qc_cell_u(y, i)));
        ck_assert_int_eq(qc_cell_usrc(x, i), qc_cell_usrc(y, i));
        ck_assert_str_eq(qc_intern_str(a->strings, qc_cell_method(x, i)),
                         qc_intern_str(b->strings, qc_cell_method(y, i)));
        if (!x->dense && qc_cell_kept(x, i) == SIZE_MAX) continue;
        ck_assert_uint_eq(qc_cell_line(x, i), qc_cell_line(y, i));
        ck_assert_str_eq(qc_intern_str(a->strings, qc_cell_sample(x, i)),
                         qc_intern_str(b->strings, qc_cell_sample(y, i)));
    }
}

START_TEST(test_parts_as_one) {
    qc_results *one = load(1, qc_assess_keep_judge()), *two = load(2, qc_assess_keep_judge());
    ck_assert_uint_eq(one->ncells, 2);
    ck_assert_uint_eq(two->ncells, 2);
    same_cell(one, two, "local");
    same_cell(one, two, "benchmark");
    /* the lazy columns exist: the late lod, U and method reached the store */
    const qc_cell *c = cell(two, "local");
    ck_assert_ptr_nonnull(c->U);
    ck_assert_ptr_nonnull(c->method);
    ck_assert_ptr_nonnull(c->kind);
    qc_results_free(one);
    qc_results_free(two);
}
END_TEST

START_TEST(test_judge_keeps) {
    qc_results *lean = load(1, qc_assess_keep_judge()), *all = load(1, NULL);
    for (int k = 0; k < 2; k++) {
        const char *g = k ? "local" : "benchmark";
        const qc_cell *c = cell(lean, g), *d = cell(all, g);
        ck_assert(!c->dense);
        ck_assert(d->dense);  /* no judge: every result keeps its sample id and line */
        ck_assert_uint_lt(c->nkept, c->n / 2);
        same_cell(lean, all, g);
        for (size_t i = 0; i < c->n; i++) {
            ck_assert_uint_gt(qc_cell_line(d, i), 1);
            /* below the limit (400 MPa, no uncertainty yet): named, so kept */
            if (qc_cell_kind(c, i) == QC_VALUE_NUMBER && c->x[i] < 400)
                ck_assert_msg(qc_cell_kept(c, i) != SIZE_MAX, "%s %zu: %g not kept", g, i, c->x[i]);
        }
    }
    qc_results_free(lean);
    qc_results_free(all);
}
END_TEST

/* ---- cuts: a small file cut at every byte (qc_load_options.split_*) ---- */

static qc_study *SC;
static char *small_text;

/* About 3 KB, smaller than a read block: quoted fields holding commas and line ends, CRLF
 * and lone CR line ends, blank lines, rejected values, missing and censored ones, a method
 * and U only late. */
static void cuts_setup(void) {
    setup();
    base_lib();
    R = load_ok();
    put("c/study.json", "{\"id\": \"c\", \"date\": \"2026-11-01\", \"results\": [\"r.csv\"], "
                        "\"products\": [{\"product\": \"steel-rebar\", \"standards\": "
                        "[{\"id\": \"TS 1-2018\", \"grade\": \"G400\"}]}]}\n");
    size_t cap = 1 << 16, n = 0;
    small_text = malloc(cap);
    ck_assert_ptr_nonnull(small_text);
    n += (size_t)snprintf(small_text + n, cap - n, "sample_id,product,group,indicator,value,note,U,method\n");
    for (int i = 0; i < 64; i++) {
        char v[32];
        int x = 380 + (i * 37) % 90;
        if (i % 17 == 0) snprintf(v, sizeof v, "bad%d", i);
        else if (i % 23 == 0) v[0] = '\0';
        else if (i % 29 == 0) snprintf(v, sizeof v, "<%d", x);
        else snprintf(v, sizeof v, "%d.%d", x, i % 10);
        const char *note = i % 11 == 0 ? "\"a note, with a comma\nand a second line\"" :
                           i % 13 == 0 ? "\"\"\"quoted\"\" text\"" : "plain";
        const char *end = i % 31 == 0 ? "\r\n" : i % 37 == 0 ? "\r" : i % 41 == 0 ? "\n\n" : "\n";
        n += (size_t)snprintf(small_text + n, cap - n, "S%04d,steel-rebar,%s,yield_strength,%s,%s,%s,%s%s",
                              i / 2, i % 2 ? "local" : "benchmark", v, note, i > 40 && i % 3 ? "4.5" : "",
                              i > 50 && i % 4 == 0 ? "GB/T 228.1" : "", end);
    }
    ck_assert_uint_lt(n, 65536);
    put("c/r.csv", small_text);
    qc_error err = {0};
    ck_assert_msg(qc_study_load(at("c/study.json"), R, &SC, &err) == QC_OK, "%s", err.message);
}

static void cuts_teardown(void) {
    qc_study_free(SC);
    qc_rules_free(R);
    free(small_text);
    SC = NULL, R = NULL, small_text = NULL;
}

static qc_results *load_cut(int threads, long long first, const qc_keep_judge *judge) {
    qc_load_options o = {.threads = threads, .judge = judge, .split_min_bytes = 1, .split_first = first};
    qc_results *r = NULL;
    qc_error err = {0};
    ck_assert_msg(qc_results_load_opts(SC, R, &o, &r, &err) == QC_OK, "cut at %lld: %s", first, err.message);
    return r;
}

static void same_store(const qc_results *a, const qc_results *b) {
    ck_assert_uint_eq(a->ncells, b->ncells);
    same_cell(a, b, "local");
    same_cell(a, b, "benchmark");
    ck_assert_uint_eq(a->nrejections, b->nrejections);
    for (size_t k = 0; k < a->nrejections; k++) {
        ck_assert_uint_eq(a->rejections[k].file, b->rejections[k].file);
        ck_assert_uint_eq(a->rejections[k].line, b->rejections[k].line);
        ck_assert_str_eq(a->rejections[k].column, b->rejections[k].column);
        ck_assert_str_eq(a->rejections[k].reason, b->rejections[k].reason);
    }
    const qc_file_counts *x = &a->files[0], *y = &b->files[0];
    ck_assert_uint_eq(x->records, y->records);
    ck_assert_uint_eq(x->results, y->results);
    ck_assert_uint_eq(x->accepted, y->accepted);
    ck_assert_uint_eq(x->rejected, y->rejected);
    ck_assert_uint_eq(x->blank, y->blank);
    ck_assert_str_eq(x->sha256, y->sha256);
}

/* The first cut looked for from every byte on two threads (every fifth on three), with the
 * judge (kept lines) from odd bytes and without (every line) from even ones, so every cut is
 * tried both ways: the store is the one-thread store, the digest the file's; a cut inside a
 * quoted field is read whole, any other in parts. */
START_TEST(test_cut_everywhere) {
    char hex[65];
    qc_error err = {0};
    ck_assert_int_eq(qc_sha256_file(at("c/r.csv"), hex, &err), QC_OK);
    long long size = (long long)strlen(small_text);
    qc_results *one[2];
    for (int j = 0; j < 2; j++) {
        one[j] = load_cut(1, 0, j ? qc_assess_keep_judge() : NULL);
        ck_assert_str_eq(one[j]->files[0].sha256, hex);
        ck_assert_uint_gt(one[j]->nrejections, 3);
    }
    int in_parts = 0, whole = 0;
    for (long long first = 1; first < size; first++) {
        int j = (int)(first % 2);
        for (int t = 2; t <= (first % 5 ? 2 : 3); t++) {
            qc_results *cut = load_cut(t, first, j ? qc_assess_keep_judge() : NULL);
            same_store(one[j], cut);
            if (cut->files[0].parts > 1) in_parts++;
            else whole++;
            qc_results_free(cut);
        }
    }
    /* most cuts split the file; those in a quoted field, or in the header or last line, do
     * not */
    ck_assert_int_gt(in_parts, (int)size / 2);
    ck_assert_int_gt(whole, 25);
    qc_results_free(one[0]);
    qc_results_free(one[1]);
}
END_TEST

int main(void) {
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("store");
    const TTest *tests[] = {test_parts_as_one, test_judge_keeps};
    tcase_add_checked_fixture(tc, store_setup, store_teardown);
    tcase_set_timeout(tc, 120);  /* two 6 MB files read twice each */
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) tcase_add_test(tc, tests[i]);
    suite_add_tcase(s, tc);
    TCase *cuts = tcase_create("cuts");
    tcase_add_checked_fixture(cuts, cuts_setup, cuts_teardown);
    tcase_set_timeout(cuts, 600);  /* about 4,000 loads: 15 s, minutes under ASan on a busy machine */
    tcase_add_test(cuts, test_cut_everywhere);
    suite_add_tcase(s, cuts);
    return run_in_tmp(s, "test_store");
}
