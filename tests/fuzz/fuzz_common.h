/* fuzz_common.h — what every libFuzzer harness of tests/fuzz shares: a private temporary
 * directory per process (the engine reads and writes files by path, so each input is written
 * there first), writing a buffer to a file in it, removing a tree at exit, and the repository
 * root (QC_FUZZ_REPO, set by CMake) for the shipped rules and datasets. Header-only: each
 * harness is one translation unit linked with libFuzzer's main. */
#ifndef QC_FUZZ_COMMON_H
#define QC_FUZZ_COMMON_H

#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef QC_FUZZ_REPO
#error "QC_FUZZ_REPO (the repository root) must be defined by the build"
#endif

static char qcf_dir[256];

/* Removes path and, when it is a directory, everything below it (no symlink is followed). */
static inline void qcf_rmtree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            char sub[4096];
            snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            qcf_rmtree(sub);
        }
        if (d) closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static inline void qcf_cleanup(void) { if (qcf_dir[0]) qcf_rmtree(qcf_dir); }

/* The process's temporary directory ($TMPDIR or /tmp), made on first use; aborts when it
 * cannot be made (a harness that cannot write its input would test nothing). */
static inline const char *qcf_tmpdir(void)
{
    if (!qcf_dir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(qcf_dir, sizeof qcf_dir, "%s/qc-fuzz.XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(qcf_dir)) { perror("mkdtemp"); abort(); }
        atexit(qcf_cleanup);
    }
    return qcf_dir;
}

/* Writes n bytes to NAME in the temporary directory; path (4096 bytes) receives its path. */
static inline void qcf_write(const char *name, const uint8_t *data, size_t n, char *path)
{
    snprintf(path, 4096, "%s/%s", qcf_tmpdir(), name);
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) { perror(path); abort(); }
}

/* Prints a refusal's message when QC_FUZZ_VERBOSE is set (to see what a corpus reaches). */
static inline void qcf_said(const char *message)
{
    static int verbose = -1;
    if (verbose < 0) verbose = getenv("QC_FUZZ_VERBOSE") != NULL;
    if (verbose) fprintf(stderr, "refused: %s\n", message);
}

/* Aborts with a message: the harness's own set-up failed (not a finding in the input). */
static inline void qcf_setup_failed(const char *what, const char *message)
{
    fprintf(stderr, "harness set-up: %s: %s\n", what, message);
    abort();
}

#ifdef QCF_INGEST
#include <cjson/cJSON.h>
#include "qcompare/analyze.h"
#include "qcompare/assess.h"
#include "qcompare/results.h"

/* The results of study read and analysed (fuzz_ingest, fuzz_xlsx): every refusal says why, and
 * the analysis of whatever was accepted prints as JSON that parses again; else abort. */
static inline void qcf_ingest_check(const qc_study *study, const qc_rules *rules)
{
    qc_error err = {0};
    qc_results *res = NULL;
    /* with the judge analyze hands the load: which results keep sample id and line */
    qc_load_options lo = {.judge = qc_assess_keep_judge()};
    qc_status s = qc_results_load_opts(study, rules, &lo, &res, &err);
    if (s != QC_OK) {
        if (!err.message[0]) abort();
        qcf_said(err.message);
        return;
    }
    cJSON *doc = NULL;
    s = qc_analyze(study, rules, res, &doc, &err);
    if (s == QC_OK) {
        char *text = cJSON_PrintUnformatted(doc);
        if (!text) abort();
        cJSON *again = cJSON_Parse(text);
        if (!again) abort();  /* the analysis is always valid JSON */
        cJSON_Delete(again);
        free(text);
        cJSON_Delete(doc);
    } else if (!err.message[0]) {
        abort();
    }
    qc_results_free(res);
}

/* One input of fuzz_ingest or fuzz_xlsx: the first byte chooses one of n studies, the rest is
 * written to file (the name every study reads) and ingested. */
static inline int qcf_ingest_input(qc_study *const *studies, size_t n, const qc_rules *rules,
                                   const char *file, const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    char path[4096];
    qcf_write(file, data + 1, size - 1, path);
    qcf_ingest_check(studies[data[0] % n], rules);
    return 0;
}
#endif

/* The first occurrence of sep in data[0, n), or NULL. */
static inline const uint8_t *qcf_find(const uint8_t *data, size_t n, const char *sep)
{
    size_t m = strlen(sep);
    for (size_t i = 0; m <= n && i <= n - m; i++)
        if (memcmp(data + i, sep, m) == 0) return data + i;
    return NULL;
}

#endif
