/* ingest_internal.h — shared by the files that fill the results store (results.c, rows.c,
 * long.c, wide.c, replicates.c): the per-file reader state, the column roles, and the steps
 * both layouts call (a row's shared cells, then "store one result"). Not installed. */
#ifndef QC_INGEST_INTERNAL_H
#define QC_INGEST_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "qcompare/names.h"
#include "qcompare/results.h"
#include "qcompare/units.h"

/* Column roles. Names match case-insensitively, except the uncertainty columns, which match
 * exactly (DESIGN §4.1). */
enum { COL_PRODUCT, COL_INDICATOR, COL_VALUE, COL_UNIT, COL_GROUP, COL_SAMPLE, COL_LOD,
       COL_METHOD, COL_U, COL_K, COL_U_STD, COL_U_REL, COL_SOURCE_FILE, COL_SOURCE_LINE, NCOLS };
typedef struct qc_role { const char *name; int required, exact; } qc_role;
extern const qc_role qc_ingest_roles[NCOLS];

/* Resolution of a product or indicator cell text, cached per distinct text: each name is
 * looked up in the rules once per file, however many rows repeat it. */
typedef struct name_cache {
    qc_intern *names;
    const void **target;     /* id -> resolved rule, NULL when unknown or ambiguous */
    char **why;              /* id -> why not (unknown, ambiguous: names.h), NULL when found */
    uint32_t *next;          /* id -> 1 + the id resolved after it last time; 0: none yet */
    size_t n;
    uint32_t last;           /* 1 + the id of the last name resolved; 0: none yet */
} name_cache;
void qc_ingest_name_cache_free(name_cache *c);

/* An indicator column of a wide file. */
typedef struct wide_column {
    int field;
    const qc_indicator *ind;
    const char *header;       /* as written (interned) */
    qc_unit_map map;          /* from the header's unit to the indicator's */
} wide_column;

typedef struct reader {
    qc_results *res;
    name_cache products, indicators;
    qc_names *names;               /* the rules' names, folded (shared by the file's parts) */
    const qc_study *study;
    const qc_rules *rules;
    const qc_keep_judge *judge;    /* qc_load_options.judge (keep.c) */
    const cJSON *columns, *where;  /* the file's renames and the study's where */
    const cJSON *set;              /* the results entry's constant columns (or NULL) */
    size_t nset;                   /* ... prepended to every record as fields 0..nset-1 */
    const cJSON *tokens[2];        /* the missing and not-detected lists (NULL: the default) */
    const char *alias_header[NCOLS];  /* a role's header when found through columns.json */
    int xlsx;                      /* a workbook's sheet: rejections name their cell */
    const char **header_names;     /* xlsx: the header (interned), to find a column's cell */
    int at_field;                  /* xlsx: the field of the next rejection's cell, when known
                                    * (two columns may share a header); -1 otherwise */
    uint16_t file;
    const char *path;
    int wide;                      /* layout */
    int header_seen;
    size_t nfields;
    int col[NCOLS];                /* field index of each role, -1 when absent */
    int *ctx_col;                  /* field index of each kept context column, -1 when absent */
    uint32_t *ctx_ids;             /* the current result's context ids (nctx) */
    uint32_t last_sample, last_method, last_group;  /* last ids interned per column (a cache) */
    /* the current record's place: its file and line, or the origin its provenance columns
     * (source_file, source_line) name (origin.c) */
    uint16_t rec_file;
    uint32_t rec_line;
    int from_origin;               /* rec_* come from the provenance columns */
    int origin_last;               /* the provenance columns are the header's last two */
    uint32_t last_origin;          /* the last origin interned (a cache) */
    int *where_col;                /* field index of each `where` condition */
    const cJSON **where_val;
    size_t nwhere;
    wide_column *wcol;             /* wide layout: the indicator columns */
    size_t nwcol;
    char *seen_ind;                /* per indicator (index in rules): has results in this file */
    qc_uncertainty_default *udef;  /* per indicator (index in rules), from the study */
    char *has_udef;
    void (*progress)(void *user, size_t bytes, size_t lines);  /* qc_csv_options.progress */
    void *progress_user;
    qc_error *err;
} reader;

/* Provenance (origin.c): the header's source_file and source_line columns, both or neither;
 * then per record its place (rd->rec_*), from them when present. A record whose origin is
 * not readable is rejected at its own line (returns 0 and *rejected = 1), n its results. */
int qc_ingest_origin_header(reader *rd, const qc_csv_record *rec);
void qc_ingest_origin_start(reader *rd, const qc_csv_record *rec);
int qc_ingest_origin(reader *rd, const qc_csv_record *rec, size_t n, int *rejected);
/* The field count the study's reader reports for a record and its header: without the
 * provenance columns when they were appended (the header's last two). */
size_t qc_ingest_origin_fields(const reader *rd, size_t nfields);

/* The spellings of missing and not-detected values (tokens.c). */
void qc_ingest_tokens_init(reader *rd);
/* Reads a value cell: 0 with *v, or -1 with the rejection's message (what was expected, the
 * nearest accepted spelling). */
int qc_ingest_value(const reader *rd, const char *s, size_t n, qc_value *v, char *msg,
                    size_t size);
/* 1 when every cell of the record (but the `set` ones) is empty or blanks. */
int qc_ingest_blank_row(const reader *rd, const qc_csv_record *rec);

/* The field of a column in the header (rows.c): the study's rename (`columns`, by key), else
 * name, else (unless exact) a header that is, or whose name before a bracketed unit is, one
 * of name's aliases in rules/columns.json; -1 when absent. *via_alias = 1 when found so. */
int qc_ingest_locate(const reader *rd, const qc_csv_record *rec, const char *key,
                     const char *name, int exact, int *via_alias);

/* The cells a row's results share, once checked (rows.c). */
typedef struct row {
    const qc_product *prod;        /* NULL: the row's results were excluded or rejected */
    const char *group;
    size_t glen;
    double lod;                    /* NaN when none */
} row;

/* One result of a row (long: the row; wide: one indicator cell). */
typedef struct result_in {
    const qc_indicator *ind;
    const char *value;
    size_t value_len;
    const char *value_column;      /* named in rejections */
    int value_field;               /* its field in the record */
    const qc_unit_map *map;        /* wide: the column's unit map; NULL: the row's unit column */
    int uncertainty;               /* 1: read the row's U, k, u_std, U_rel cells (long) */
} result_in;

/* Progress of a load (progress.c): the readers' block counts summed under a lock (parts of a
 * file are read on several threads), then handed to the caller's function. */
typedef struct qc_ingest_progress {
    pthread_mutex_t lock;
    qc_progress p;
    qc_progress_fn fn;
    void *user;
} qc_ingest_progress;
/* A qc_csv_options.progress function; user is a qc_ingest_progress. */
void qc_ingest_on_block(void *user, size_t bytes, size_t lines);

qc_status qc_ingest_oom(qc_error *err);
/* Records a rejection of count results at line; 0, or a status when out of memory. */
int qc_ingest_reject(reader *rd, size_t line, const char *column, const char *reason,
                     size_t count);
/* The header name a role is read from: the `columns` rename, else the role's name (for the
 * group: the rename, else groups.column). */
const char *qc_ingest_column_name(const reader *rd, int role);
int qc_ingest_find_field(const qc_csv_record *rec, const char *name, int exact);
/* The rule a name resolves to (through lookup on first sight: names.h); *found = NULL when
 * unknown or ambiguous, and *why says which. Returns -1 when out of memory. */
typedef int (*qc_name_lookup)(qc_names *x, const char *s, size_t len, const void **out,
                              char *msg, size_t size);
int qc_ingest_resolve(name_cache *c, const char *name, size_t len, qc_name_lookup lookup,
                      qc_names *names, const void **found, const char **why);
int qc_ingest_lookup_product(qc_names *x, const char *s, size_t len, const void **out,
                             char *msg, size_t size);
int qc_ingest_lookup_indicator(qc_names *x, const char *s, size_t len, const void **out,
                               char *msg, size_t size);

/* Header checks both layouts share (rows.c): duplicate names, the roles (after renames),
 * every rename and `where` column present (else QC_ERULES), the group column, the kept
 * context columns. */
int qc_ingest_header_common(reader *rd, const qc_csv_record *rec);
/* A record of nresults results: field count, `where`, product (out->prod NULL when they were
 * excluded or rejected, and counted). */
int qc_ingest_row(reader *rd, const qc_csv_record *rec, size_t nresults, row *out);
/* Then the group and the lod (out->prod NULL when the results were rejected). */
int qc_ingest_row_shared(reader *rd, const qc_csv_record *rec, size_t nresults, row *out);
/* Stores one result of a row (value, ND, uncertainty, unit, default U, context), or rejects
 * it naming its column. */
int qc_ingest_store(reader *rd, const qc_csv_record *rec, const row *rw, const result_in *in);

/* The layouts (long.c, wide.c): header, then each record. */
int qc_ingest_long_header(reader *rd, const qc_csv_record *rec);
int qc_ingest_long_record(reader *rd, const qc_csv_record *rec);
int qc_ingest_wide_header(reader *rd, const qc_csv_record *rec);
int qc_ingest_wide_record(reader *rd, const qc_csv_record *rec);

/* replicates: "mean" (replicates.c): averages the results sharing a sample_id in each cell. */
qc_status qc_ingest_merge_replicates(qc_results *r, qc_error *err);

/* printf arguments "%.*s" for s (n bytes) cut to at most max bytes on a character boundary */
#define CUT(s, n, max) (int)qc_utf8_cut((s), (n), (max))

/* A hint when a header came out as one column holding another delimiter ("" otherwise). */
const char *qc_ingest_delimiter_hint(const qc_csv_record *rec);

/* The layouts' header or record step for one record (results.c). */
int qc_ingest_dispatch(reader *rd, const qc_csv_record *rec);
/* sources.c: the record with the `set` columns first; a .xlsx path; reading its sheet. */
int qc_ingest_with_set(reader *rd, const qc_csv_record *rec);
int qc_ingest_is_xlsx(const char *path);
qc_status qc_ingest_read_xlsx(reader *rd, const qc_study *s, size_t f, qc_file_counts *fc,
                              qc_error *err);

/* The reader's steps, shared with the parallel reader (results.c). */
qc_status qc_ingest_reader_init(reader *rd, const qc_results *r, const qc_study *s, size_t f);
void qc_ingest_reader_free(reader *rd);
int qc_ingest_on_record(const qc_csv_record *rec, void *ctx);
qc_status qc_ingest_check_context(const reader *rd);
qc_cell *qc_ingest_find_cell(qc_results *r, const qc_rules *rules, const qc_product *p,
                             const qc_indicator *ind, uint32_t group);
int qc_ingest_cell_grow(qc_cell *c, size_t nctx);
/* One result, as qc_ingest_cell_put stores it (ids interned in the cell's store; ctx: nctx
 * ids, or NULL for all ""). */
typedef struct result_row {
    double x, lod, U, u;
    uint32_t line, sample, method;
    uint16_t file;
    uint8_t kind, usrc;
    const uint32_t *ctx;
    int keep;                      /* keep its sample id and line (results.h) */
} result_row;
/* Appends v to c, growing it and allocating a lazy column when v is off its default; -1 when
 * out of memory. */
int qc_ingest_cell_put(qc_cell *c, size_t nctx, const result_row *v);
/* Appends every result of `from`, a cell of another store with the same plan (dense or not),
 * to c, a column at a time: as qc_ingest_cell_put of each would, without the row-by-row work.
 * Ids go through map (file 0: a string id, 1: a file index), which returns UINT32_MAX when
 * out of memory. -1 when out of memory. */
typedef uint32_t (*qc_ingest_remap)(void *u, int file, uint32_t id);
int qc_ingest_cell_append(qc_cell *c, const qc_cell *from, size_t nctx, qc_ingest_remap map,
                          void *u);
/* Allocates every lazy column of c still NULL (with defaults), for code that rewrites them
 * all (replicates.c); -1 when out of memory. */
int qc_ingest_cell_materialize(qc_cell *c, size_t nctx);
/* Which results keep their sample id and line (keep.c). */
typedef struct keep_plan keep_plan;
/* Plans cell c (its product and indicator set): c->keep, or c->dense; -1 when out of memory. */
int qc_ingest_keep_plan(const reader *rd, qc_cell *c);
/* 1 when result v (with its method text) must keep its sample id and line. */
int qc_ingest_keep(keep_plan *k, const qc_study *s, const result_row *v, const char *method,
                   size_t mlen);
void qc_ingest_keep_free(keep_plan *k);
/* Empties the reader's interning caches (for a reader copied to a store of its own). */
void qc_ingest_reader_forget(reader *rd);
/* An empty store for nfiles files keeping the same context columns as like. */
qc_results *qc_ingest_results_new(size_t nfiles, const qc_results *like);

/* Reads one UTF-8 file in parts on up to opt->threads threads (parallel.c): *parts = their
 * count when it did; *parts = 0 and QC_OK when the file is better read whole (small, a lone
 * CR in the header, a part that does not parse on its own or does not end at its cut: the
 * sequential reader then gives the exact error). When it did, sha256_hex holds the file's
 * digest, taken by the first part's thread. */
qc_status qc_ingest_read_parallel(reader *rd, const qc_results_spec *spec,
                                  const qc_load_options *opt, char sha256_hex[65], int *parts);

#endif
