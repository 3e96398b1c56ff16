/* origin.c — provenance (README "Results CSV"): a results file cut out of larger ones (a
 * partition of a national study) may carry each row's origin in two columns, source_file and
 * source_line (renamed through the study's `columns`). Both or neither: with them, every
 * result and rejection of the row names that file and line instead of the file read, so an
 * analysis of partitions points at the national files. Owns the reader's record place
 * (rd->rec_*) and the store's table of origins (qc_results.origins). */
#include <stdio.h>
#include <string.h>
#include "ingest_internal.h"

int qc_ingest_origin_header(reader *rd, const qc_csv_record *rec)
{
    int f = rd->col[COL_SOURCE_FILE], l = rd->col[COL_SOURCE_LINE];
    if ((f < 0) != (l < 0))
        return qc_error_set(rd->err, QC_EDATA, "%s:%zu: the header has \"%s\" but no \"%s\" (a "
                            "row's origin takes both)", rd->path, rec->line,
                            qc_ingest_column_name(rd, f >= 0 ? COL_SOURCE_FILE : COL_SOURCE_LINE),
                            qc_ingest_column_name(rd, f >= 0 ? COL_SOURCE_LINE : COL_SOURCE_FILE));
    size_t n = rec->nfields;
    rd->origin_last = f >= 0 && n >= 2 && (size_t)(f > l ? f : l) == n - 1 &&
                      (size_t)(f < l ? f : l) == n - 2;
    return 0;
}

size_t qc_ingest_origin_fields(const reader *rd, size_t nfields)
{
    nfields -= rd->nset;  /* the `set` columns are the study's, not the file's */
    return rd->origin_last && nfields >= 2 ? nfields - 2 : nfields;
}

void qc_ingest_origin_start(reader *rd, const qc_csv_record *rec)
{
    rd->rec_file = rd->file;
    rd->rec_line = (uint32_t)rec->line;
    rd->from_origin = 0;
}

/* A line number: 1 to 4294967295, digits only. */
static int line_number(const char *s, size_t n, uint32_t *out)
{
    unsigned long long v = 0;
    if (n == 0 || n > 10) return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    if (v == 0 || v > UINT32_MAX) return 0;
    *out = (uint32_t)v;
    return 1;
}

int qc_ingest_origin(reader *rd, const qc_csv_record *rec, size_t n, int *rejected)
{
    int f = rd->col[COL_SOURCE_FILE], l = rd->col[COL_SOURCE_LINE];
    *rejected = 0;
    if (f < 0) return 0;
    if (rec->nfields != rd->nfields) {
        /* appended by whoever cut the file: still the last two fields of a short or long row */
        if (!rd->origin_last || rec->nfields < 2) return 0;
        int shift = (int)rec->nfields - (int)rd->nfields;
        f += shift;
        l += shift;
    }
    char msg[256];
    const char *col = NULL;
    uint32_t line = 0;
    if (rec->len[f] == 0) {
        col = qc_ingest_column_name(rd, COL_SOURCE_FILE);
        snprintf(msg, sizeof msg, "empty: the row's origin needs a file");
    } else if (!line_number(rec->field[l], rec->len[l], &line)) {
        col = qc_ingest_column_name(rd, COL_SOURCE_LINE);
        snprintf(msg, sizeof msg, "\"%.*s\" is not a line number (1 to 4294967295)",
                 CUT(rec->field[l], rec->len[l], 40), rec->field[l]);
    }
    if (col) {  /* rejected where it stands: the origin is what is wrong */
        *rejected = 1;
        char full[400];
        if (n == 1) return qc_ingest_reject(rd, rec->line, col, msg, 1);
        snprintf(full, sizeof full, "%s (the row's %zu results)", msg, n);
        return qc_ingest_reject(rd, rec->line, col, full, n);
    }
    qc_results *r = rd->res;
    if (!r->origins && !(r->origins = qc_intern_new())) return qc_ingest_oom(rd->err);
    uint32_t id = rd->last_origin;
    if (id == QC_INTERN_NONE || qc_intern_len(r->origins, id) != rec->len[f] ||
        memcmp(qc_intern_str(r->origins, id), rec->field[f], rec->len[f]) != 0)
        id = rd->last_origin = qc_intern_add(r->origins, rec->field[f], rec->len[f]);
    if (id == QC_INTERN_NONE) return qc_ingest_oom(rd->err);
    if (r->nfiles + id > UINT16_MAX)
        return qc_error_set(rd->err, QC_EDATA, "%s:%zu: %s: more than %d files named as origins",
                            rd->path, rec->line, qc_ingest_column_name(rd, COL_SOURCE_FILE),
                            UINT16_MAX - (int)r->nfiles);
    rd->rec_file = (uint16_t)(r->nfiles + id);
    rd->rec_line = line;
    rd->from_origin = 1;
    return 0;
}
