/* long.c — the long layout of a results CSV (DESIGN §4.1): one row per result with product,
 * indicator and value columns. Maps the header to column roles and turns each record into
 * one result for qc_ingest_store, or rejects it naming the column. Owns nothing. */
#include <stdio.h>
#include <string.h>
#include "ingest_internal.h"

/* A header without indicator or value column whose other columns name indicators is almost
 * surely a wide file: say so. */
static const char *wide_hint(const reader *rd, const qc_csv_record *rec)
{
    if (*qc_ingest_delimiter_hint(rec)) return qc_ingest_delimiter_hint(rec);
    for (size_t i = 0; i < rec->nfields; i++) {
        size_t name_len, uoff, ulen;
        char name[256];
        qc_wide_header_split(rec->field[i], rec->len[i], &name_len, &uoff, &ulen);
        if (name_len >= sizeof name) continue;
        memcpy(name, rec->field[i], name_len);
        name[name_len] = '\0';
        if (qc_rules_indicator(rd->rules, name) || qc_rules_indicator(rd->rules, rec->field[i]))
            return " (its columns look like a wide-layout file: one column per indicator; "
                   "declare \"layout\": \"wide\")";
    }
    return "";
}

int qc_ingest_long_header(reader *rd, const qc_csv_record *rec)
{
    int st = qc_ingest_header_common(rd, rec);
    if (st) return st;
    for (int k = 0; k < NCOLS; k++) {
        if (rd->col[k] >= 0 || !qc_ingest_roles[k].required) continue;
        return qc_error_set(rd->err, QC_EDATA, "%s:%zu: the header has no column \"%s\"%s",
                            rd->path, rec->line, qc_ingest_column_name(rd, k),
                            k == COL_PRODUCT ? qc_ingest_delimiter_hint(rec) : wide_hint(rd, rec));
    }
    return 0;
}

int qc_ingest_long_record(reader *rd, const qc_csv_record *rec)
{
    row rw;
    int st = qc_ingest_row(rd, rec, 1, &rw);
    if (st || !rw.prod) return st;
    int ic = rd->col[COL_INDICATOR];
    const void *found;
    const char *why;
    if (qc_ingest_resolve(&rd->indicators, rec->field[ic], rec->len[ic], qc_ingest_lookup_indicator,
                          rd->names, &found, &why))
        return qc_ingest_oom(rd->err);
    if (!found)
        return qc_ingest_reject(rd, rec->line, qc_ingest_column_name(rd, COL_INDICATOR), why, 1);
    if ((st = qc_ingest_row_shared(rd, rec, 1, &rw)) || !rw.prod) return st;
    int vc = rd->col[COL_VALUE];
    result_in in = {.ind = found, .value = rec->field[vc], .value_len = rec->len[vc],
                    .value_column = qc_ingest_column_name(rd, COL_VALUE), .value_field = vc, .map = NULL,
                    .uncertainty = 1};
    return qc_ingest_store(rd, rec, &rw, &in);
}
