/* test_defects.c — Check suite for issue 16's defects that a CLI case cannot reach
 * deterministically: D8 (a temporary output file removed when SIGTERM, SIGHUP or SIGINT
 * arrives during the write: the child raises the signal itself, mid-write) and D2's library
 * side (standard input for "-", a field capped while libcsv is still collecting it, whatever
 * the block size). Each test failed before its fix. Fixtures live in a mkdtemp directory. */

#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "qcompare/grow.h"

#include "qcompare/infile.h"
#include "qcompare/ingest.h"
#include "qcompare/jsonfile.h"
#include "qcompare/report.h"
#include "qcompare/results.h"
#include "qcompare/rules.h"
#include "qcompare/study.h"

/* D9 counts the library's reallocs: this definition takes the place of the C library's for
 * every call from libqcompare (glibc's own allocator does the work). Left out under the
 * sanitizers, whose allocators intercept realloc themselves. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define QC_NO_REALLOC_COUNT 1
#endif
#endif
#if !defined(__SANITIZE_ADDRESS__) && !defined(QC_NO_REALLOC_COUNT) && defined(__GLIBC__)
#define QC_REALLOC_COUNT 1
extern void *__libc_realloc(void *p, size_t n);
static size_t nrealloc;
void *realloc(void *p, size_t n) {
    nrealloc += p != NULL;  /* a growth; realloc(NULL, n) is a first allocation */
    return __libc_realloc(p, n);
}
#endif

static char dir[4096];

/* Files in dir whose name starts with prefix. */
static int count_prefixed(const char *prefix) {
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)))
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) n++;
    closedir(d);
    return n;
}

/* A child opens OUT, writes part of it, and is killed by sig mid-write: afterwards no
 * OUT.tmp.* is left, OUT keeps its old content, and the child died of sig. */
static void killed_mid_write(int sig) {
    char out[4200], old[64] = {0};
    snprintf(out, sizeof out, "%s/out%d.json", dir, sig);
    FILE *f = fopen(out, "w");
    ck_assert_ptr_nonnull(f);
    fputs("old", f);
    fclose(f);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        /* as in the qcompare command: the default actions (Check forwards TERM and INT to the
         * process group with handlers of its own, which the library leaves alone) */
        signal(SIGTERM, SIG_DFL), signal(SIGHUP, SIG_DFL), signal(SIGINT, SIG_DFL);
        qc_report_out *o;
        qc_error err;
        if (qc_report_out_open(out, &o, &err) != QC_OK) _exit(2);
        if (qc_report_out_put(o, "{\"half\": ", 9, &err) != QC_OK) _exit(3);
        raise(sig);
        _exit(4);  /* not reached: the signal's default action ends the process */
    }
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == sig,
                  "the child did not die of signal %d (status %d)", sig, status);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "out%d.json.tmp.", sig);
    ck_assert_int_eq(count_prefixed(prefix), 0);
    f = fopen(out, "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(fgets(old, sizeof old, f));
    fclose(f);
    ck_assert_str_eq(old, "old");
    unlink(out);
}

START_TEST(test_d8_sigterm_removes_the_temporary_file) { killed_mid_write(SIGTERM); }
END_TEST

START_TEST(test_d8_sighup_removes_the_temporary_file) { killed_mid_write(SIGHUP); }
END_TEST

START_TEST(test_d8_sigint_removes_the_temporary_file) { killed_mid_write(SIGINT); }
END_TEST

/* A handler the application installed is kept: the library only takes default actions. */
static volatile sig_atomic_t got;
static void own_handler(int sig) { got = sig; }

START_TEST(test_d8_an_application_handler_is_kept) {
    char out[4200];
    snprintf(out, sizeof out, "%s/own.json", dir);
    signal(SIGHUP, own_handler);
    qc_report_out *o;
    qc_error err;
    ck_assert_int_eq(qc_report_out_open(out, &o, &err), QC_OK);
    raise(SIGHUP);
    ck_assert_int_eq(got, SIGHUP);
    ck_assert_int_eq(qc_report_out_close(o, 0, &err), QC_OK);
    signal(SIGHUP, SIG_DFL);
    ck_assert_int_eq(count_prefixed("own.json"), 0);
}
END_TEST

/* "-" reads standard input on purpose. */
START_TEST(test_d2_dash_reads_standard_input) {
    char path[4200];
    snprintf(path, sizeof path, "%s/in.json", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("{\"schema\": \"x\", \"n\": 2}", f);
    fclose(f);
    int fd = open(path, O_RDONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_ge(dup2(fd, STDIN_FILENO), 0);
    close(fd);
    cJSON *doc = NULL;
    qc_error err;
    ck_assert_int_eq(qc_json_load("-", &doc, NULL, &err), QC_OK);
    ck_assert_int_eq(cJSON_GetObjectItem(doc, "n")->valueint, 2);
    cJSON_Delete(doc);
    unlink(path);
}
END_TEST

/* A FIFO is refused by the opener itself, without waiting for a writer. */
START_TEST(test_d2_fifo_refused_without_blocking) {
    char path[4200];
    snprintf(path, sizeof path, "%s/fifo", dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    FILE *f = NULL;
    qc_error err = {0};
    alarm(5);  /* the old fopen blocked here forever */
    ck_assert_int_eq(qc_input_open(path, &f, NULL, &err), QC_EIO);
    alarm(0);
    ck_assert_ptr_null(strstr(err.message, "cannot open"));
    ck_assert_ptr_nonnull(strstr(err.message, "it is a FIFO, not a regular file"));
    unlink(path);
}
END_TEST

static int count_records(const qc_csv_record *rec, void *ctx) {
    (void)rec;
    ++*(size_t *)ctx;
    return 0;
}

/* One quoted field of 100,000 bytes against a cap of 1,000: stopped at its line whatever the
 * block size, before libcsv holds the whole field. */
START_TEST(test_d2_field_cap_while_collecting) {
    static const size_t blocks[] = {7, 1000, 65536};
    char path[4200];
    snprintf(path, sizeof path, "%s/long.csv", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("a,b\n1,2\n3,\"", f);
    for (int i = 0; i < 100000; i++) fputc('x', f);
    fputs("\"\n", f);
    fclose(f);
    for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++) {
        qc_csv_options opt = {.block_size = blocks[k], .max_field = 1000};
        size_t n = 0;
        qc_error err = {0};
        ck_assert_int_eq(qc_csv_read(path, &opt, count_records, &n, &err), QC_EDATA);
        ck_assert_msg(strstr(err.message, "long.csv:3: field 2 is longer than 1000 bytes"),
                      "block %zu: %s", blocks[k], err.message);
        ck_assert_uint_eq(n, 2);
    }
    unlink(path);
}
END_TEST

/* 20,000 rows: 10,000 rejected (unknown product) and 10,000 results in 5,000 groups, so 5,000
 * cells: loaded with a few hundred reallocs of a grown array (doubling), not one or more per
 * row as when the rejections and cells grew by one element per realloc. */
START_TEST(test_d9_rejections_and_cells_grow_geometrically) {
#ifdef QC_REALLOC_COUNT
    char csv[4200], study_path[4200];
    snprintf(csv, sizeof csv, "%s/many.csv", dir);
    snprintf(study_path, sizeof study_path, "%s/many.json", dir);
    FILE *f = fopen(csv, "w");
    ck_assert_ptr_nonnull(f);
    fputs("product,group,indicator,value\n", f);
    for (int i = 0; i < 10000; i++) {
        fprintf(f, "steel-rebar,g%d,yield_strength,%d\n", i / 2, 400 + i % 50);
        fprintf(f, "no-such-product,g%d,yield_strength,1\n", i);
    }
    fclose(f);
    f = fopen(study_path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("{\"id\": \"d9\", \"date\": \"2026-11-01\", \"results\": [\"many.csv\"], "
          "\"groups\": {\"subject\": \"g0\", \"reference\": \"g1\"}, "
          "\"products\": [{\"product\": \"steel-rebar\"}]}", f);
    fclose(f);
    qc_rules *rules = NULL;
    qc_study *study = NULL;
    qc_results *res = NULL;
    qc_error err = {0};
    ck_assert_msg(qc_rules_load("../rules", &rules, &err) == QC_OK, "%s", err.message);
    ck_assert_msg(qc_study_load(study_path, rules, &study, &err) == QC_OK, "%s", err.message);
    size_t before = nrealloc;
    ck_assert_msg(qc_results_load(study, rules, &res, &err) == QC_OK, "%s", err.message);
    size_t used = nrealloc - before;
    ck_assert_uint_eq(res->nrejections, 10000);
    ck_assert_uint_eq(res->ncells, 5000);
    ck_assert_msg(used < 1000, "%zu reallocs to load 20,000 rows", used);
    qc_results_free(res);
    qc_study_free(study);
    qc_rules_free(rules);
    unlink(csv);
    unlink(study_path);
#endif
}
END_TEST

/* D9's rule for text: the byte buffers appended to (xlsx cell text, the diff, the JSON
 * printer, the renderers) reserve through qc_grow_bytes, which doubles, so 100,000 one-byte
 * appends allocate 15 times, not 100,000; a request past SIZE_MAX / 2 fails and leaves the
 * buffer as it was. */
START_TEST(test_d9_byte_buffers_grow_geometrically)
{
    char *s = NULL;
    size_t cap = 0, len = 0, grown = 0;
    for (size_t i = 0; i < 100000; i++) {
        size_t before = cap;
        ck_assert_int_eq(qc_grow_bytes(&s, &cap, len + 2, 8), 0);
        grown += cap != before;
        s[len++] = (char)('a' + i % 26);
        s[len] = '\0';
    }
    ck_assert_uint_eq(grown, 15);  /* 8, 16, ..., 131072: 15 allocations */
    ck_assert_uint_eq(cap, 131072);
    ck_assert_int_eq(s[99999], 'a' + 99999 % 26);
    ck_assert_int_eq(qc_grow_bytes(&s, &cap, 5, 8), 0);  /* room already: nothing moves */
    ck_assert_uint_eq(cap, 131072);
    char *kept = s;
    ck_assert_int_eq(qc_grow_bytes(&s, &cap, SIZE_MAX, 8), -1);
    ck_assert_ptr_eq(s, kept);
    ck_assert_uint_eq(cap, 131072);
    free(s);
}
END_TEST

int main(void) {
    const char *tmp = getenv("TMPDIR");
    Suite *s = suite_create("defects");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    snprintf(dir, sizeof dir, "%s/qc_test_defects.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return EXIT_FAILURE;
    }
    tcase_add_test(tc, test_d8_sigterm_removes_the_temporary_file);
    tcase_add_test(tc, test_d8_sighup_removes_the_temporary_file);
    tcase_add_test(tc, test_d8_sigint_removes_the_temporary_file);
    tcase_add_test(tc, test_d8_an_application_handler_is_kept);
    tcase_add_test(tc, test_d2_dash_reads_standard_input);
    tcase_add_test(tc, test_d2_fifo_refused_without_blocking);
    tcase_add_test(tc, test_d2_field_cap_while_collecting);
    tcase_add_test(tc, test_d9_rejections_and_cells_grow_geometrically);
    tcase_add_test(tc, test_d9_byte_buffers_grow_geometrically);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    rmdir(dir);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
