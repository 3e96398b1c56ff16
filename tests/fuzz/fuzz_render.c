/* fuzz_render.c — libFuzzer harness for the report renderers: a gap analysis JSON (loaded as
 * `qcompare report` loads it: qc_diff_load, qc_render_check) rendered as HTML and Markdown in
 * memory, and as tidy CSV tables and an xlsx workbook into the temporary directory, as the
 * first input byte chooses (bit 0 the language, bit 1 csv, bit 2 xlsx). The render layer
 * promises that a field the document lacks or mistypes is shown as absent, never a crash.
 * Checks: every refusal is explained; HTML and Markdown come back as text of the length they
 * say. */
#include "fuzz_common.h"
#include <cjson/cJSON.h>
#include "qcompare/diff.h"
#include "qcompare/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    qc_lang lang = (data[0] & 1) ? QC_LANG_EN : QC_LANG_ZH;
    int csv = (data[0] & 2) != 0, xlsx = (data[0] & 4) != 0;
    char path[4096];
    qcf_write("analysis.json", data + 1, size - 1, path);
    cJSON *doc = NULL;
    qc_error err = {0};
    qc_status s = qc_diff_load(path, &doc, &err);
    if (!s) s = qc_render_check(doc, path, &err);
    if (s) {
        if (!err.message[0]) abort();
        qcf_said(err.message);
        cJSON_Delete(doc);
        return 0;
    }
    static const char *const text_formats[] = {"html", "md"};
    for (size_t i = 0; i < 2; i++) {
        char *text = NULL;
        size_t len = 0;
        s = qc_render_text(doc, qc_render_format(text_formats[i]), lang, &text, &len, &err);
        if (s == QC_OK && (!text || strlen(text) != len)) abort();
        if (s != QC_OK && !err.message[0]) abort();
        free(text);
    }
    if (csv) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/tables", qcf_tmpdir());
        s = qc_render(doc, qc_render_format("csv"), lang, dir, &err);
        if (s != QC_OK && !err.message[0]) abort();
        qcf_rmtree(dir);
    }
    if (xlsx) {  /* libxlsxwriter, then the exact numbers rewritten through libzip */
        char file[4096];
        snprintf(file, sizeof file, "%s/report.xlsx", qcf_tmpdir());
        s = qc_render(doc, qc_render_format("xlsx"), lang, file, &err);
        if (s != QC_OK && !err.message[0]) abort();
        unlink(file);
    }
    cJSON_Delete(doc);
    return 0;
}
