/* wide.c — the wide layout of a results CSV (DESIGN §4.1): one row per sample, one column per
 * indicator with its unit in the header ("yield_strength [MPa]", "下屈服强度(MPa)",
 * "屈服强度（MPa）"; without one, the dictionary's unit). Owns the header split, the
 * classification of header columns (a column is an indicator when its header, less the unit,
 * resolves through the dictionary; every other column is context, with the long layout's
 * roles: product, group, sample_id, lod, method), and the turning of each indicator cell into
 * one result, so that a bad cell rejects that result only, naming its column.
 *
 * Decisions: the uncertainty columns (U, k, u_std, U_rel) are refused in this layout (one
 * column cannot say which indicator it belongs to): the study's default_uncertainty applies;
 * a `lod` column applies to every indicator cell of its row, in the cell's unit; `indicator`,
 * `value` and `unit` columns are refused (a long file declared wide); a header unit that does
 * not convert to the indicator's is an error for the whole file, not one rejection per row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/grow.h"
#include "ingest_internal.h"

static int blank(char c) { return c == ' ' || c == '\t'; }

/* The bracket that ends h[0..e) (1 ']', 2 ')' or '）'), and its length in bytes. */
static int closer_at_end(const char *h, size_t e, size_t *len)
{
    if (e >= 1 && h[e - 1] == ']') return *len = 1, 1;
    if (e >= 1 && h[e - 1] == ')') return *len = 1, 2;
    if (e >= 3 && memcmp(h + e - 3, "\xEF\xBC\x89", 3) == 0) return *len = 3, 2;
    return 0;
}

int qc_wide_header_split(const char *h, size_t len, size_t *name_len, size_t *unit_off,
                         size_t *unit_len)
{
    size_t e = len, cl;
    while (e && blank(h[e - 1])) e--;
    *name_len = e;
    *unit_off = *unit_len = 0;
    int kind = closer_at_end(h, e, &cl);
    if (!kind) return 0;
    /* walk back to the matching opener, counting nested brackets of the same kind */
    size_t depth = 0, i = e, ol = 0;
    while (i > 0 && !ol) {
        size_t l = 1;
        int open = 0, close = 0;
        if (kind == 1) {
            close = h[i - 1] == ']';
            open = h[i - 1] == '[';
        } else if (h[i - 1] == ')' || h[i - 1] == '(') {
            close = h[i - 1] == ')';
            open = h[i - 1] == '(';
        } else if (i >= 3 && memcmp(h + i - 3, "\xEF\xBC\x89", 3) == 0) {
            close = 1, l = 3;
        } else if (i >= 3 && memcmp(h + i - 3, "\xEF\xBC\x88", 3) == 0) {
            open = 1, l = 3;
        }
        i -= l;
        depth += close;
        if (open && --depth == 0) ol = l;
    }
    if (!ol) return 0;  /* unbalanced: no unit */
    size_t o = i;
    size_t n = o;
    while (n && blank(h[n - 1])) n--;
    if (n == 0) return 0;  /* "(MPa)" alone: a name, not a unit */
    size_t us = o + ol, ue = e - cl;
    while (us < ue && blank(h[us])) us++;
    while (ue > us && blank(h[ue - 1])) ue--;
    *name_len = n;
    *unit_off = us;
    *unit_len = ue - us;
    return 1;
}

/* Appends a column use to the file's list (header interned: it lives as long as the store). */
static int add_use(reader *rd, const char *header, const qc_indicator *ind, const char *unit)
{
    qc_file_counts *fc = &rd->res->files[rd->file];
    qc_column_use *u = qc_grow(fc->columns, fc->ncolumns, sizeof *u);
    if (!u) return -1;
    fc->columns = u;
    uint32_t id = qc_intern_add(rd->res->strings, header, strlen(header));
    if (id == QC_INTERN_NONE) return -1;
    u[fc->ncolumns++] = (qc_column_use){qc_intern_str(rd->res->strings, id), ind ? ind->id : NULL,
                                        unit};
    return 0;
}

/* The indicator a header (or its name part) names, as a lab writes it (names.h); NULL when
 * none; an ambiguous name is an error for the file. */
static int header_indicator(reader *rd, const qc_csv_record *rec, size_t i, const char *s,
                            size_t len, const qc_indicator **ind)
{
    char msg[512];
    int st = qc_names_indicator(rd->names, s, len, ind, msg, sizeof msg);
    if (st == QC_NAME_NOMEM) return qc_ingest_oom(rd->err);
    if (st == QC_NAME_AMBIGUOUS)
        return qc_error_set(rd->err, QC_EDATA, "%s:%zu: column \"%s\": %s", rd->path, rec->line,
                            rec->field[i], msg);
    return 0;
}

/* Field i as an indicator column: its indicator (NULL when it names none) and unit. */
static int classify(reader *rd, const qc_csv_record *rec, size_t i, const qc_indicator **ind,
                    const char **unit)
{
    const char *h = rec->field[i];
    size_t name_len, uoff, ulen;
    *unit = NULL;
    int st = header_indicator(rd, rec, i, h, rec->len[i], ind);
    if (st || *ind) return st;
    if (!qc_wide_header_split(h, rec->len[i], &name_len, &uoff, &ulen)) return 0;
    if ((st = header_indicator(rd, rec, i, h, name_len, ind))) return st;
    if (*ind && ulen) {
        uint32_t id = qc_intern_add(rd->res->strings, h + uoff, ulen);
        if (id == QC_INTERN_NONE) return qc_ingest_oom(rd->err);
        *unit = qc_intern_str(rd->res->strings, id);
    }
    return 0;
}

/* Role columns that make no sense one column per indicator. */
static int refuse_roles(reader *rd, const qc_csv_record *rec)
{
    for (int k = 0; k < NCOLS; k++) {
        int f = rd->col[k];
        if (f < 0) continue;
        const char *h = rec->field[f];
        if (k == COL_INDICATOR || k == COL_VALUE)
            return qc_error_set(rd->err, QC_EDATA, "%s:%zu: column \"%s\": the wide layout has one "
                                "column per indicator, no %s column (a long-layout file? declare "
                                "\"layout\": \"long\")", rd->path, rec->line, h, qc_ingest_roles[k].name);
        if (k == COL_UNIT)
            return qc_error_set(rd->err, QC_EDATA, "%s:%zu: column \"%s\": the wide layout reads "
                                "each indicator's unit from its header, e.g. \"yield_strength [MPa]\"",
                                rd->path, rec->line, h);
        if (k >= COL_U && k <= COL_U_REL)
            return qc_error_set(rd->err, QC_EDATA, "%s:%zu: column \"%s\": uncertainty columns are "
                                "not read in the wide layout (which indicator would it belong to?): "
                                "use the long layout, or the study's default_uncertainty",
                                rd->path, rec->line, h);
    }
    return 0;
}

int qc_ingest_wide_header(reader *rd, const qc_csv_record *rec)
{
    int st = qc_ingest_header_common(rd, rec);
    if (!st) st = refuse_roles(rd, rec);
    if (st) return st;
    if (rd->col[COL_PRODUCT] < 0)
        return qc_error_set(rd->err, QC_EDATA, "%s:%zu: the header has no column \"%s\"", rd->path,
                            rec->line, qc_ingest_column_name(rd, COL_PRODUCT));
    if (!(rd->wcol = calloc(rec->nfields, sizeof *rd->wcol))) return qc_ingest_oom(rd->err);
    for (size_t i = 0; i < rec->nfields; i++) {
        int role = 0;
        for (int k = 0; k < NCOLS; k++) role |= rd->col[k] == (int)i;
        const qc_indicator *ind = NULL;
        const char *unit = NULL;
        if (!role && (st = classify(rd, rec, i, &ind, &unit))) return st;
        if (add_use(rd, rec->field[i], ind, ind ? (unit ? unit : ind->unit) : NULL))
            return qc_ingest_oom(rd->err);
        if (!ind) continue;
        wide_column *w = &rd->wcol[rd->nwcol++];
        *w = (wide_column){(int)i, ind, rd->res->files[rd->file].columns[i].header, {1.0, 0.0}};
        if (!unit || strcmp(unit, ind->unit) == 0) continue;
        const char *why = NULL;
        qc_status s = qc_units_map(rd->rules->units, unit, ind->unit, &w->map, &why);
        if (s == QC_ENOMEM) return qc_ingest_oom(rd->err);
        if (s)
            return qc_error_set(rd->err, QC_EDATA, "%s:%zu: column \"%s\": %s: \"%s\" to \"%s\" "
                                "(the unit of %s)", rd->path, rec->line, rec->field[i], why, unit,
                                ind->unit, ind->id);
    }
    if (rd->nwcol == 0)
        return qc_error_set(rd->err, QC_EDATA, "%s:%zu: no column of the header names an "
                            "indicator (an id or alias of indicators.json, with its unit or not: "
                            "\"yield_strength [MPa]\", \"屈服强度(MPa)\")", rd->path, rec->line);
    return 0;
}

int qc_ingest_wide_record(reader *rd, const qc_csv_record *rec)
{
    row rw;
    int st = qc_ingest_row(rd, rec, rd->nwcol, &rw);
    if (st || !rw.prod) return st;
    if ((st = qc_ingest_row_shared(rd, rec, rd->nwcol, &rw)) || !rw.prod) return st;
    for (size_t c = 0; c < rd->nwcol && !st; c++) {
        const wide_column *w = &rd->wcol[c];
        result_in in = {.ind = w->ind, .value = rec->field[w->field],
                        .value_len = rec->len[w->field], .value_column = w->header,
                        .value_field = w->field,
                        .map = &w->map, .uncertainty = 0};
        st = qc_ingest_store(rd, rec, &rw, &in);
    }
    return st;
}
