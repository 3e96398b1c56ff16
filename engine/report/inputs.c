/* inputs.c — what the results reader adds to the gap analysis (qc_report_results_inputs,
 * report.h): per results file its layout and encoding and, for a wide file, how each header
 * column was read (context_columns, indicator_columns), and a note on merged replicates (whose
 * text is read back by qcompare merge, which adds up the parts' counts). qc_analyze calls it
 * once the document is complete. Owns nothing. */
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
    cJSON_DeleteItemFromObjectCaseSensitive(o, "sheet");
    if (f->sheet && !cJSON_AddStringToObject(o, "sheet", f->sheet)) return QC_ENOMEM;
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

int qc_report_replicates_note(const qc_merge_counts *m, char *buf, size_t size)
{
    int n;
    if (!m->applied || !size) return 0;
    if (!m->samples)
        n = snprintf(buf, size, "replicates: mean: no two results share a sample_id within "
                     "a (product, indicator, group): nothing averaged");
    else
        n = snprintf(buf, size, "replicates: mean: %zu results sharing a sample_id within a "
                     "(product, indicator, group) averaged into %zu; statistics and decisions use "
                     "the means, each at its first replicate's line", m->results, m->samples);
    if (m->censored_set_aside && n > 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, "; %zu censored replicate(s) left out of a "
                      "mean of numeric ones", m->censored_set_aside);
    if (m->indeterminate && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "; %zu sample(s) censored both below and above "
                 "a bound made missing", m->indeterminate);
    return 1;
}

/* The count written just before marker in text (0 when the marker is absent). */
static int count_before(const char *text, const char *marker, size_t *out)
{
    const char *m = strstr(text, marker), *d = m;
    *out = 0;
    if (!m) return 1;
    while (d > text && d[-1] >= '0' && d[-1] <= '9') d--;
    return d < m && sscanf(d, "%zu", out) == 1;
}

int qc_report_replicates_parse(const char *text, qc_merge_counts *m)
{
    static const char head[] = "replicates: mean: ";
    qc_merge_counts c = {.applied = 1};
    if (!text || strncmp(text, head, sizeof head - 1) != 0) return 0;
    if (!count_before(text, " results sharing a sample_id", &c.results) ||
        !count_before(text, "; statistics and decisions", &c.samples) ||
        !count_before(text, " censored replicate(s) left out", &c.censored_set_aside) ||
        !count_before(text, " sample(s) censored both", &c.indeterminate))
        return 0;
    /* only a note this file writes, word for word, is read back */
    char again[1024];
    qc_report_replicates_note(&c, again, sizeof again);
    if (strcmp(again, text) != 0) return 0;
    *m = c;
    return 1;
}

static qc_status merge_note(const qc_merge_counts *m, cJSON *notes)
{
    char buf[1024];
    if (!qc_report_replicates_note(m, buf, sizeof buf)) return QC_OK;
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
