/* fuzz_diff.c — libFuzzer harness for `qcompare diff`: the gap analysis loader (qc_diff_load:
 * JSON syntax errors located by line and column, the schema check) and the structural
 * comparison (qc_diff: arrays matched by identity, tolerances, subset). The input is two
 * documents separated by a line "----" (see fuzz.dict); without one, the document is compared
 * with itself (which must give no difference) and with the rebar reference analysis both
 * ways. Checks: every refusal is explained; a document equals itself. */
#include "fuzz_common.h"
#include <cjson/cJSON.h>
#include "qcompare/diff.h"

static cJSON *reference;

static int count(const qc_difference *d, void *ctx)
{
    if (!d->path || (!d->expected && !d->actual)) abort();  /* a difference says where and what */
    (*(size_t *)ctx)++;
    return 0;
}

static size_t compare(const cJSON *a, const cJSON *b, int subset)
{
    qc_diff_options opt = qc_diff_defaults();
    opt.subset = subset;
    size_t calls = 0, n = 0;
    qc_error err = {0};
    qc_status s = qc_diff(a, b, &opt, count, &calls, &n, &err);
    if (s != QC_OK && !err.message[0]) abort();
    if (s == QC_OK && calls != n) abort();  /* the count is the callbacks made */
    return s == QC_OK ? n : (size_t)-1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    qc_error err = {0};
    if (qc_diff_load(QC_FUZZ_REPO "/datasets/rebar/expected.json", &reference, &err) != QC_OK) {
        qcf_setup_failed("reference", err.message);
    }
    return 0;
}

static cJSON *load(const char *name, const uint8_t *data, size_t n)
{
    char path[4096];
    qcf_write(name, data, n, path);
    cJSON *doc = NULL;
    qc_error err = {0};
    qc_status s = qc_diff_load(path, &doc, &err);
    if (s != QC_OK && (!err.message[0] || doc)) abort();
    if (s != QC_OK) qcf_said(err.message);
    return doc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *sep = qcf_find(data, size, "\n----\n");
    if (sep) {
        cJSON *a = load("a.json", data, (size_t)(sep - data));
        size_t off = (size_t)(sep - data) + 6;
        cJSON *b = load("b.json", data + off, size - off);
        if (a && b) {
            compare(a, b, 0);
            compare(a, b, 1);
        }
        cJSON_Delete(a);
        cJSON_Delete(b);
        return 0;
    }
    cJSON *a = load("a.json", data, size);
    if (!a) return 0;
    if (compare(a, a, 0) != 0) abort();  /* a document equals itself */
    compare(a, reference, 0);
    compare(reference, a, 1);
    cJSON_Delete(a);
    return 0;
}
