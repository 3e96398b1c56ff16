/* sources.c — what the results reader adds around the CSV stream (README "Results CSV"): an
 * xlsx workbook's sheet read as records (xlsx.c, xlsx_sheet.c) with its errors naming the
 * sheet, a results entry's `set` columns put before every record's own fields, and the place
 * of a rejection as messages print it (a line, or a sheet's cell). Owns nothing. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ingest_internal.h"
#include "qcompare/jsonfile.h"

/* The name a `set` key gives its column: a role's header (after renames), else the key. */
static const char *set_name(const reader *rd, const char *key)
{
    if (strcmp(key, "group") == 0) return qc_ingest_column_name(rd, COL_GROUP);
    for (int k = 0; k < NCOLS; k++)
        if (strcmp(qc_ingest_roles[k].name, key) == 0) return qc_ingest_column_name(rd, k);
    return key;
}

/* A record with the results entry's `set` columns before its own fields: their names in the
 * header, their values in every row. A set column the file has too is a study error. */
int qc_ingest_with_set(reader *rd, const qc_csv_record *rec)
{
    enum { STACK = 64 };
    char *fs[STACK];
    size_t ls[STACK], n = rd->nset + rec->nfields;
    char **f = n <= STACK ? fs : malloc(n * sizeof *f);
    size_t *l = n <= STACK ? ls : malloc(n * sizeof *l);
    int st = 0;
    if (!f || !l) st = qc_ingest_oom(rd->err);
    size_t i = 0;
    for (const cJSON *e = rd->set->child; !st && e; e = e->next, i++) {
        const char *name = set_name(rd, e->string);
        if (!rd->header_seen && qc_ingest_find_field(rec, name, 0) >= 0)
            st = qc_error_set(rd->err, QC_ERULES, "%s:%zu: column \"%s\" is in the file and in the "
                              "study's results[%u].set (one place only)", rd->path, rec->line,
                              name, (unsigned)rd->file);
        f[i] = (char *)(rd->header_seen ? e->valuestring : name);
        l[i] = strlen(f[i]);
    }
    for (size_t j = 0; j < rec->nfields; j++) f[rd->nset + j] = rec->field[j], l[rd->nset + j] = rec->len[j];
    qc_csv_record r = {rec->line, n, f, l, rec->utf8};
    if (!st) st = qc_ingest_dispatch(rd, &r);
    if (f != fs) free(f);
    if (l != ls) free(l);
    return st;
}

int qc_ingest_is_xlsx(const char *path)
{
    size_t n = strlen(path);
    return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

/* An xlsx results file: its sheet (the entry's "sheet", by name or 1-based index; default
 * the first) streamed as records; errors of the file name the sheet ("r.xlsx:Sheet1:1: …"),
 * rejections their cell (qc_results_place). */
qc_status qc_ingest_read_xlsx(reader *rd, const qc_study *s, size_t f, qc_file_counts *fc,
                           qc_error *err)
{
    const cJSON *entry = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(s->json, "results"), (int)f);
    const cJSON *sh = cJSON_GetObjectItemCaseSensitive(entry, "sheet");
    qc_xlsx *x = NULL;
    qc_status st = qc_sha256_file(rd->path, fc->sha256, err);
    if (!st) st = qc_xlsx_open(rd->path, cJSON_IsString(sh) ? sh->valuestring : NULL,
                               cJSON_IsNumber(sh) ? sh->valueint : 0, &x, err);
    fc->encoding = "utf-8";  /* the workbook's XML: the study's encoding is of CSV files */
    if (!st && !(fc->sheet = strdup(qc_xlsx_sheet(x)))) st = qc_ingest_oom(err);
    size_t n = strlen(rd->path) + (fc->sheet ? strlen(fc->sheet) : 0) + 2;
    char *shown = st ? NULL : malloc(n);
    if (!st && !shown) st = qc_ingest_oom(err);
    if (!st) {
        const char *path = rd->path;
        snprintf(shown, n, "%s:%s", path, fc->sheet);
        rd->path = shown;
        rd->xlsx = 1;
        st = qc_xlsx_read(x, qc_ingest_on_record, rd, err);
        if (!st && !rd->header_seen)
            st = qc_error_set(err, QC_EDATA, "%s:1: empty sheet: no header", shown);
        if (!st) st = qc_ingest_check_context(rd);
        rd->path = path;
    }
    free(shown);
    qc_xlsx_free(x);
    return st;
}

const char *qc_results_cell(const qc_rejection *rj, char *buf)
{
    buf[0] = '\0';
    if (rj->cell) {
        size_t n = qc_xlsx_column_name(rj->cell - 1, buf);
        snprintf(buf + n, 24 - n, "%u", rj->line);
    }
    return buf;
}

void qc_results_place(const qc_results *r, const qc_rejection *rj, char *buf, size_t size)
{
    const char *path = qc_results_path(r, rj->file);
    const char *sheet = rj->file < r->nfiles ? r->files[rj->file].sheet : NULL;
    char cell[24];
    if (!sheet) snprintf(buf, size, "%s:%u", path, rj->line);
    else if (rj->cell) snprintf(buf, size, "%s:%s!%s", path, sheet, qc_results_cell(rj, cell));
    else snprintf(buf, size, "%s:%s!%u:%u", path, sheet, rj->line, rj->line);
}

