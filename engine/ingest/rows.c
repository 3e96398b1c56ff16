/* rows.c — what the long and wide layouts share between a header and the stored results: the
 * column roles and the study's renames (`columns`), the header checks (duplicates, renamed and
 * `where` columns the file lacks, the group column, the context columns `when` conditions
 * read), and per record the cells every result of the row shares (field count, `where`,
 * product, group, lod), counting the row's results as excluded or rejected when they fail.
 * Owns nothing. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "qcompare/grow.h"
#include "ingest_internal.h"
#include "qcompare/intern.h"
#include "qcompare/jsonfile.h"

const qc_role qc_ingest_roles[NCOLS] = {
    [COL_PRODUCT] = {"product", 1, 0}, [COL_INDICATOR] = {"indicator", 1, 0},
    [COL_VALUE] = {"value", 1, 0},     [COL_UNIT] = {"unit", 0, 0},
    [COL_GROUP] = {"group", 0, 0},     [COL_SAMPLE] = {"sample_id", 0, 0},
    [COL_LOD] = {"lod", 0, 0},         [COL_METHOD] = {"method", 0, 0},
    [COL_U] = {"U", 0, 1},             [COL_K] = {"k", 0, 1},
    [COL_U_STD] = {"u_std", 0, 1},     [COL_U_REL] = {"U_rel", 0, 1},
    [COL_SOURCE_FILE] = {"source_file", 0, 0}, [COL_SOURCE_LINE] = {"source_line", 0, 0}};

const char *qc_ingest_column_name(const reader *rd, int role)
{
    if (rd->alias_header[role]) return rd->alias_header[role];
    const char *renamed = qc_json_str(rd->columns, qc_ingest_roles[role].name, NULL);
    if (renamed) return renamed;
    return role == COL_GROUP ? rd->study->group_column : qc_ingest_roles[role].name;
}

static int header_matches(const char *field, const char *name, int exact)
{
    return exact ? strcmp(field, name) == 0 : strcasecmp(field, name) == 0;
}

int qc_ingest_find_field(const qc_csv_record *rec, const char *name, int exact)
{
    for (size_t i = 0; i < rec->nfields; i++)
        if (header_matches(rec->field[i], name, exact)) return (int)i;
    return -1;
}

/* 1 when name (len bytes) is the text of id in c. */
static int is_name(const name_cache *c, uint32_t id, const char *name, size_t len)
{
    return qc_intern_len(c->names, id) == len && memcmp(qc_intern_str(c->names, id), name, len) == 0;
}

int qc_ingest_resolve(name_cache *c, const char *name, size_t len, qc_name_lookup lookup,
                      qc_names *names, const void **found, const char **why)
{
    /* consecutive rows usually name the same product, and a long file's rows cycle through the
     * same indicators in the same order: the last name, then the one that followed it last
     * time, are compared before the text is hashed */
    uint32_t id = c->last - 1, prev = c->last;
    if (c->last && is_name(c, id, name, len)) {
        *found = c->target[id];
        *why = c->why[id];
        return 0;
    }
    if (c->last && c->next[id] && is_name(c, c->next[id] - 1, name, len)) {
        id = c->next[id] - 1;
    } else if ((id = qc_intern_add(c->names, name, len)) == QC_INTERN_NONE) {
        return -1;
    }
    if (id >= c->n) {
        const void **t = qc_grow(c->target, c->n, sizeof *t);
        if (!t) return -1;
        c->target = t;
        char **w = qc_grow(c->why, c->n, sizeof *w);
        if (!w) return -1;
        c->why = w;
        uint32_t *nx = qc_grow(c->next, c->n, sizeof *nx);
        if (!nx) return -1;
        c->next = nx;
        char msg[512];
        int st = lookup(names, name, len, &t[id], msg, sizeof msg);
        if (st == QC_NAME_NOMEM) return -1;
        w[id] = NULL;
        nx[id] = 0;
        if (st != QC_NAME_FOUND && !(w[id] = strdup(msg))) return -1;
        c->n = id + 1;
    }
    if (prev) c->next[prev - 1] = id + 1;
    c->last = id + 1;
    *found = c->target[id];
    *why = c->why[id];
    return 0;
}

void qc_ingest_name_cache_free(name_cache *c)
{
    for (size_t i = 0; i < c->n; i++) free(c->why[i]);
    free(c->why);
    free(c->target);
    free(c->next);
    qc_intern_free(c->names);
    *c = (name_cache){0};
}

int qc_ingest_lookup_product(qc_names *x, const char *s, size_t len, const void **out,
                             char *msg, size_t size)
{
    const qc_product *p;
    int st = qc_names_product(x, s, len, &p, msg, size);
    *out = p;
    return st;
}

int qc_ingest_lookup_indicator(qc_names *x, const char *s, size_t len, const void **out,
                               char *msg, size_t size)
{
    const qc_indicator *d;
    int st = qc_names_indicator(x, s, len, &d, msg, size);
    *out = d;
    return st;
}

/* 1 when header h (n bytes), or its name before a bracketed unit, folds to alias a. */
static int header_is(const char *h, size_t n, const char *a)
{
    char fh[256], fa[256];
    size_t la = qc_name_fold(a, strlen(a), fa, sizeof fa), name_len, uo, ul;
    if (la == 0 || la >= sizeof fa) return 0;
    if (qc_name_fold(h, n, fh, sizeof fh) == la && strcmp(fh, fa) == 0) return 1;
    return qc_wide_header_split(h, n, &name_len, &uo, &ul) &&
           qc_name_fold(h, name_len, fh, sizeof fh) == la && strcmp(fh, fa) == 0;
}

int qc_ingest_locate(const reader *rd, const qc_csv_record *rec, const char *key,
                     const char *name, int exact, int *via_alias)
{
    *via_alias = 0;
    const char *renamed = qc_json_str(rd->columns, key, NULL);
    if (renamed) return qc_ingest_find_field(rec, renamed, exact);
    int f = qc_ingest_find_field(rec, name, exact);
    const cJSON *aliases = cJSON_GetObjectItemCaseSensitive(rd->rules->column_aliases, name);
    if (f >= 0 || exact || !aliases) return f;
    for (size_t i = rd->nset; i < rec->nfields; i++)  /* a `set` column is named as it is */
        for (const cJSON *a = aliases->child; a; a = a->next)
            if (cJSON_IsString(a) && header_is(rec->field[i], rec->len[i], a->valuestring)) {
                *via_alias = 1;
                return (int)i;
            }
    return -1;
}

/* 1 when a wide header (or its name before the unit) names an indicator: two such columns
 * (a merged header cell over two determinations) are two results a row, not a duplicate. */
static int names_indicator(reader *rd, const char *h, size_t n)
{
    const qc_indicator *ind;
    char msg[8];
    size_t nl, uo, ul;
    if (qc_names_indicator(rd->names, h, n, &ind, msg, sizeof msg) == QC_NAME_FOUND) return 1;
    return qc_wide_header_split(h, n, &nl, &uo, &ul) &&
           qc_names_indicator(rd->names, h, nl, &ind, msg, sizeof msg) == QC_NAME_FOUND;
}

/* The role a `columns` key names, or -1 (a context column). */
static int role_of(const char *key)
{
    for (int k = 0; k < NCOLS; k++)
        if (strcmp(qc_ingest_roles[k].name, key) == 0) return k;
    return -1;
}

/* The first header field whose name (ASCII case folded, as header_matches compares) an
 * earlier field has (in the wide layout, but for indicator columns: two of one indicator are
 * two results a row): its index, -1 when none, -2 when out of memory. One hash probe per field,
 * so that 100,000 columns take milliseconds, not the pairwise check's 22 s. */
static long first_duplicate(reader *rd, const qc_csv_record *rec)
{
    qc_intern *seen = qc_intern_new();
    char *fold = NULL;
    size_t cap = 0;
    long dup = seen ? -1 : -2;
    for (size_t i = 0; dup == -1 && i < rec->nfields; i++) {
        size_t n = rec->len[i];
        if (n + 1 > cap) {
            char *f = realloc(fold, cap = 2 * n + 16);
            if (!f) { dup = -2; break; }
            fold = f;
        }
        for (size_t k = 0; k < n; k++) {
            unsigned char c = (unsigned char)rec->field[i][k];
            fold[k] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        size_t before = qc_intern_count(seen);
        if (qc_intern_add(seen, fold, n) == QC_INTERN_NONE) dup = -2;
        else if (qc_intern_count(seen) == before &&
                 !(rd->wide && names_indicator(rd, rec->field[i], rec->len[i])))
            dup = (long)i;
    }
    free(fold);
    qc_intern_free(seen);
    return dup;
}

int qc_ingest_header_common(reader *rd, const qc_csv_record *rec)
{
    rd->nfields = rec->nfields;
    if (rd->xlsx) {  /* a rejection names its cell: its column's place in the header */
        if (!(rd->header_names = calloc(rec->nfields + 1, sizeof *rd->header_names)))
            return qc_ingest_oom(rd->err);
        for (size_t i = 0; i < rec->nfields; i++) {
            uint32_t id = qc_intern_add(rd->res->strings, rec->field[i], rec->len[i]);
            if (id == QC_INTERN_NONE) return qc_ingest_oom(rd->err);
            rd->header_names[i] = qc_intern_str(rd->res->strings, id);
        }
    }
    long dup = first_duplicate(rd, rec);
    if (dup == -2) return qc_ingest_oom(rd->err);
    if (dup >= 0)
        return qc_error_set(rd->err, QC_EDATA, "%s:%zu: column \"%s\" appears twice in the "
                            "header", rd->path, rec->line, rec->field[dup]);
    for (int k = 0; k < NCOLS; k++) {
        const char *key = qc_ingest_roles[k].name;
        int alias;
        rd->col[k] = qc_ingest_locate(rd, rec, key, k == COL_GROUP ? rd->study->group_column : key,
                                      qc_ingest_roles[k].exact, &alias);
        if (alias) {  /* named in messages as the lab wrote it */
            uint32_t id = qc_intern_add(rd->res->strings, rec->field[rd->col[k]], rec->len[rd->col[k]]);
            if (id == QC_INTERN_NONE) return qc_ingest_oom(rd->err);
            rd->alias_header[k] = qc_intern_str(rd->res->strings, id);
        }
    }
    /* a rename names a header the study expects: its absence is a study error */
    for (const cJSON *e = rd->columns ? rd->columns->child : NULL; e; e = e->next) {
        int k = role_of(e->string);
        if (k >= 0 ? rd->col[k] < 0 : qc_ingest_find_field(rec, e->valuestring, 0) < 0)
            return qc_error_set(rd->err, QC_ERULES, "%s:%zu: the header has no column \"%s\" "
                                "(named by the study's columns.%s)", rd->path, rec->line,
                                e->valuestring, e->string);
        if (k < 0) k = NCOLS;  /* a context column: no role to clash with */
        /* two roles read from one column: every row would be rejected (D11) */
        for (int l = 0; k < NCOLS && l < NCOLS; l++)
            if (l != k && rd->col[l] == rd->col[k])
                return qc_error_set(rd->err, QC_ERULES, "%s:%zu: the study's columns map both "
                                    "\"%s\" and \"%s\" to the header column \"%s\"", rd->path,
                                    rec->line, qc_ingest_roles[l < k ? l : k].name,
                                    qc_ingest_roles[l < k ? k : l].name, rec->field[rd->col[k]]);
    }
    /* no group column: required when the study names one, else every result is the subject's
     * (a study of one product against standards) */
    const cJSON *groups = cJSON_GetObjectItemCaseSensitive(rd->study->json, "groups");
    if (rd->col[COL_GROUP] < 0 && cJSON_GetObjectItemCaseSensitive(groups, "column"))
        return qc_error_set(rd->err, QC_EDATA, "%s:%zu: the header has no column \"%s\" (the "
                            "study's groups.column)%s", rd->path, rec->line,
                            rd->study->group_column, qc_ingest_delimiter_hint(rec));
    int alias;
    for (size_t k = 0; k < rd->res->nctx; k++)
        rd->ctx_col[k] = qc_ingest_locate(rd, rec, rd->res->ctx_columns[k], rd->res->ctx_columns[k],
                                          0, &alias);
    int st = qc_ingest_origin_header(rd, rec);
    if (st) return st;
    for (size_t k = 0; k < rd->nwhere; k++) {
        const char *name = rd->where_val[k]->string;
        if ((rd->where_col[k] = qc_ingest_locate(rd, rec, name, name, 0, &alias)) < 0)
            return qc_error_set(rd->err, QC_ERULES, "%s:%zu: the header has no column \"%s\" "
                                "(named by the study's where)", rd->path, rec->line, name);
    }
    return 0;
}

/* Rejects the n results of a row (wide: the message says how many). */
static int reject_row(reader *rd, const qc_csv_record *rec, const char *column,
                      const char *reason, size_t n)
{
    char msg[640];
    if (n == 1) return qc_ingest_reject(rd, rec->line, column, reason, 1);
    snprintf(msg, sizeof msg, "%s (the row's %zu results)", reason, n);
    return qc_ingest_reject(rd, rec->line, column, msg, n);
}

int qc_ingest_row(reader *rd, const qc_csv_record *rec, size_t n, row *out)
{
    char msg[512];
    qc_file_counts *fc = &rd->res->files[rd->file];
    out->prod = NULL;
    if (qc_ingest_blank_row(rd, rec)) {  /* Excel's empty rows: skipped, counted */
        fc->blank++;
        return 0;
    }
    fc->records++;
    fc->results += n;
    int rejected = 0, st = qc_ingest_origin(rd, rec, n, &rejected);
    if (st || rejected) return st;
    if (rec->nfields != rd->nfields) {
        snprintf(msg, sizeof msg, "record has %zu fields, the header has %zu",
                 qc_ingest_origin_fields(rd, rec->nfields), qc_ingest_origin_fields(rd, rd->nfields));
        return reject_row(rd, rec, "", msg, n);
    }
    for (size_t k = 0; k < rd->nwhere; k++)
        if (strcmp(rec->field[rd->where_col[k]], rd->where_val[k]->valuestring) != 0) {
            fc->excluded += n;
            return 0;
        }
    int pc = rd->col[COL_PRODUCT];
    const void *found;
    const char *why;
    if (qc_ingest_resolve(&rd->products, rec->field[pc], rec->len[pc], qc_ingest_lookup_product,
                          rd->names, &found, &why))
        return qc_ingest_oom(rd->err);
    if (!found) return reject_row(rd, rec, qc_ingest_column_name(rd, COL_PRODUCT), why, n);
    if (qc_study_product_of(rd->study, rd->rules, found)) {
        out->prod = found;
        return 0;
    }
    fc->excluded += n;  /* a known product this study does not analyse */
    return 0;
}

int qc_ingest_row_shared(reader *rd, const qc_csv_record *rec, size_t n, row *out)
{
    const char *why;
    int gc = rd->col[COL_GROUP], lc = rd->col[COL_LOD];
    out->group = gc >= 0 ? rec->field[gc] : rd->study->subject[0];
    out->glen = gc >= 0 ? rec->len[gc] : strlen(out->group);
    out->lod = NAN;
    if (out->group[0] == '\0') {
        out->prod = NULL;
        return reject_row(rd, rec, qc_ingest_column_name(rd, COL_GROUP), "empty group", n);
    }
    if (lc >= 0 && rec->len[lc] && qc_number_parse(rec->field[lc], rec->len[lc], &out->lod, &why) != QC_OK) {
        out->prod = NULL;
        return reject_row(rd, rec, qc_ingest_column_name(rd, COL_LOD), why, n);
    }
    if (!isnan(out->lod) && !(out->lod > 0)) {  /* -5 would enter the statistics as a bound */
        out->prod = NULL;
        return reject_row(rd, rec, qc_ingest_column_name(rd, COL_LOD),
                          "a limit of detection must be > 0", n);
    }
    return 0;
}

const char *qc_ingest_delimiter_hint(const qc_csv_record *rec)
{
    if (rec->nfields != 1) return "";
    if (memchr(rec->field[0], ';', rec->len[0]))
        return " (the header is one column holding ';': set \"delimiter\": \";\" in the study)";
    if (memchr(rec->field[0], '\t', rec->len[0]))
        return " (the header is one column holding tabs: set \"delimiter\": \"tab\" in the study)";
    if (memchr(rec->field[0], ',', rec->len[0]))
        return " (the header is one column holding ',': is the study's delimiter right?)";
    return "";
}
