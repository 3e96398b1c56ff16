/* inputs.c — what the results reader adds to the gap analysis (qc_report_results_inputs,
 * report.h): per results file its layout and encoding and, for a wide file, how each header
 * column was read (context_columns, indicator_columns), and a note on merged replicates.
 * qc_analyze calls it once the document is complete. Owns nothing. */
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "qcompare/report.h"

static qc_status file_entry(const qc_file_counts *f, cJSON *o)
{
    cJSON_DeleteItemFromObjectCaseSensitive(o, "layout");
    cJSON_DeleteItemFromObjectCaseSensitive(o, "encoding");
    if (!cJSON_AddStringToObject(o, "layout", f->layout ? f->layout : "long") ||
        !cJSON_AddStringToObject(o, "encoding", f->encoding ? f->encoding : "utf-8"))
        return QC_ENOMEM;
    if (!f->columns) return QC_OK;
    cJSON_DeleteItemFromObjectCaseSensitive(o, "context_columns");
    cJSON_DeleteItemFromObjectCaseSensitive(o, "indicator_columns");
    cJSON *ctx = cJSON_AddArrayToObject(o, "context_columns");
    cJSON *ind = cJSON_AddArrayToObject(o, "indicator_columns");
    if (!ctx || !ind) return QC_ENOMEM;
    for (size_t i = 0; i < f->ncolumns; i++) {
        const qc_column_use *u = &f->columns[i];
        if (!u->indicator) {
            cJSON *s = cJSON_CreateString(u->header);
            if (!s || !cJSON_AddItemToArray(ctx, s)) { cJSON_Delete(s); return QC_ENOMEM; }
            continue;
        }
        cJSON *e = cJSON_CreateObject();
        if (!e || !cJSON_AddItemToArray(ind, e)) { cJSON_Delete(e); return QC_ENOMEM; }
        if (!cJSON_AddStringToObject(e, "column", u->header) ||
            !cJSON_AddStringToObject(e, "indicator", u->indicator) ||
            !cJSON_AddStringToObject(e, "unit", u->unit))
            return QC_ENOMEM;
    }
    return QC_OK;
}

static qc_status merge_note(const qc_merge_counts *m, cJSON *notes)
{
    char buf[1024];
    int n;
    if (!m->applied) return QC_OK;
    if (!m->samples)
        n = snprintf(buf, sizeof buf, "replicates: mean: no two results share a sample_id within "
                     "a (product, indicator, group): nothing averaged");
    else
        n = snprintf(buf, sizeof buf, "replicates: mean: %zu results sharing a sample_id within a "
                     "(product, indicator, group) averaged into %zu; statistics and decisions use "
                     "the means, each at its first replicate's line", m->results, m->samples);
    if (m->censored_set_aside && n > 0 && (size_t)n < sizeof buf)
        n += snprintf(buf + n, sizeof buf - (size_t)n, "; %zu censored replicate(s) left out of a "
                      "mean of numeric ones", m->censored_set_aside);
    if (m->indeterminate && n > 0 && (size_t)n < sizeof buf)
        snprintf(buf + n, sizeof buf - (size_t)n, "; %zu sample(s) censored both below and above "
                 "a bound made missing", m->indeterminate);
    cJSON *s = cJSON_CreateString(buf);
    if (!s || !cJSON_AddItemToArray(notes, s)) { cJSON_Delete(s); return QC_ENOMEM; }
    return QC_OK;
}

qc_status qc_report_results_inputs(const qc_results *r, cJSON *doc)
{
    cJSON *root = doc;
    cJSON *files = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "inputs"), "files");
    size_t i = 0;
    for (cJSON *o = files ? files->child : NULL; o && i < r->nfiles; o = o->next) {
        const char *role = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "role"));
        if (!role || strcmp(role, "results") != 0) continue;
        if (file_entry(&r->files[i++], o)) return QC_ENOMEM;
    }
    cJSON *notes = cJSON_GetObjectItemCaseSensitive(root, "notes");
    return notes ? merge_note(&r->merged, notes) : QC_OK;
}
