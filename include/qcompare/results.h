/* results.h — the results store: every accepted result of a study, as columns per
 * (product, indicator, group) cell, plus the per-file counts and every rejection with its
 * line. Filled by streaming each results CSV once (DESIGN §4.1, §8 "Fast", "No silent loss"). */
#ifndef QCOMPARE_RESULTS_H
#define QCOMPARE_RESULTS_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include "ingest.h"
#include "intern.h"
#include "study.h"

/* The results of one product × indicator × group, in file order (lean memory, issue 7).
 *
 * x is kept for every result; each other column is allocated only once a result of the cell
 * needs it, and is NULL while every result so far has its default: a file without lod,
 * uncertainty, method or context columns stores 8 bytes per result, plus 1 once the cell
 * holds a missing or censored value.
 *
 * Sample id and line: the rules and study are loaded before the data, so the reader knows as
 * it stores a result whether the analysis can ever name it. A result keeps its sample id and
 * line when it is not a plain pass of some individual limit the study judges it against, is
 * censored, or is (or ties) the cell's running minimum or maximum (Grubbs' suspect is one of
 * the final extremes, whose first and later occurrences all tie or beat the running one).
 * Those are few and live in the kept_* arrays, ascending by result index. A cell whose every
 * result must keep them (replicates "mean" averages by sample id; a piecewise limit chooses
 * its piece by context; a limit whose unit does not convert) is dense: line (and sample,
 * lazily) hold every result.
 *
 * Read the columns through the qc_cell_* accessors below, which return a column's default
 * when it is NULL, and 0 and the empty id for the line and sample of a result not kept. */
typedef struct qc_cell {
    /* the fields a stored value reads (qc_ingest_cell_put) come first, in two cache lines */
    size_t n, cap;             /* results held (missing ones included) */
    double *x;                 /* value or censoring bound, in the indicator's unit */
    double *lod;               /* limit of detection, same unit; default NaN (none) */
    uint8_t *kind;             /* qc_value_kind; default QC_VALUE_NUMBER */
    uint16_t *file;            /* index into qc_results.files; default 0 */
    uint32_t *ctx;             /* nctx interned context values per result; default "" */
    double *U, *u;             /* expanded and standard uncertainty, same unit; default NaN */
    uint8_t *usrc;             /* where U came from: QC_USRC_*; default QC_USRC_NONE */
    uint32_t *method;          /* interned test method; default "" (the file has none) */
    uint32_t *line;            /* dense: physical line of each record (else NULL) */
    uint32_t *sample;          /* dense: interned sample_id of each result; default "" */
    int dense;                 /* every result keeps its sample id and line */
    uint32_t empty;            /* the interned "" of the store: the default of every id column */
    size_t n_missing;
    void *keep;                /* while reading: how the reader decides (ingest); then NULL */
    const qc_product *product;
    const qc_indicator *indicator;
    uint32_t group;            /* interned group value */
    uint32_t *kept_at, *kept_line, *kept_sample;  /* not dense: the kept results */
    size_t nkept, capkept;
} qc_cell;

/* Index into kept_* of result i, or SIZE_MAX when it was not kept (cells not dense). */
size_t qc_cell_kept(const qc_cell *c, size_t i);

static inline double qc_cell_lod(const qc_cell *c, size_t i) { return c->lod ? c->lod[i] : NAN; }
static inline uint8_t qc_cell_kind(const qc_cell *c, size_t i) { return c->kind ? c->kind[i] : QC_VALUE_NUMBER; }
static inline uint16_t qc_cell_file(const qc_cell *c, size_t i) { return c->file ? c->file[i] : 0; }
static inline double qc_cell_U(const qc_cell *c, size_t i) { return c->U ? c->U[i] : NAN; }
static inline double qc_cell_u(const qc_cell *c, size_t i) { return c->u ? c->u[i] : NAN; }
static inline uint8_t qc_cell_usrc(const qc_cell *c, size_t i) { return c->usrc ? c->usrc[i] : QC_USRC_NONE; }
static inline uint32_t qc_cell_method(const qc_cell *c, size_t i) { return c->method ? c->method[i] : c->empty; }
/* Context value k of result i, of nctx kept context columns. */
static inline uint32_t qc_cell_ctx(const qc_cell *c, size_t i, size_t k, size_t nctx)
{
    return c->ctx ? c->ctx[i * nctx + k] : c->empty;
}
static inline uint32_t qc_cell_line(const qc_cell *c, size_t i)
{
    if (c->dense) return c->line ? c->line[i] : 0;
    size_t k = qc_cell_kept(c, i);
    return k == SIZE_MAX ? 0 : c->kept_line[k];
}
static inline uint32_t qc_cell_sample(const qc_cell *c, size_t i)
{
    if (c->dense) return c->sample ? c->sample[i] : c->empty;
    size_t k = qc_cell_kept(c, i);
    return k == SIZE_MAX ? c->empty : c->kept_sample[k];
}

/* How one header column of a wide-layout file was read. */
typedef struct qc_column_use {
    const char *header;        /* as written */
    const char *indicator;     /* the indicator id; NULL for a context column */
    const char *unit;          /* the unit of its values (the header's, else the dictionary's) */
} qc_column_use;

typedef struct qc_file_counts {
    char *path, sha256[65];
    size_t records, results, accepted, rejected, excluded;
    size_t blank;              /* rows whose every cell is empty (skipped; not records) */
    const char *layout, *encoding;  /* as read: "long"/"wide", "utf-8"/"gb18030"/"gbk" */
    char *sheet;               /* an xlsx workbook: the sheet read (else NULL) */
    qc_column_use *columns;    /* wide layout: every header column, in order (else NULL) */
    size_t ncolumns;
    int parts;                 /* parts the file was read in, on as many threads (1: whole) */
} qc_file_counts;

/* What replicates "mean" did (all zero otherwise). */
typedef struct qc_merge_counts {
    int applied;               /* 1 when the study asked for replicates "mean" */
    size_t results;            /* results that shared their sample_id with another in a cell */
    size_t samples;            /* the results they were averaged into */
    size_t censored_set_aside; /* censored replicates left out of a mean of numeric ones */
    size_t indeterminate;      /* samples whose replicates were all censored, some below and some
                                * above a bound: merged into a missing result */
} qc_merge_counts;

typedef struct qc_rejection {
    uint16_t file;
    uint32_t line;
    char *column;              /* the column at fault, "" for the whole record */
    const char *reason;        /* interned */
    uint32_t cell;             /* xlsx: 1 + the sheet column of the cell at fault; 0 none */
} qc_rejection;



typedef struct qc_results {
    qc_intern *strings;        /* groups, sample ids, context values, reasons; "" is id empty */
    uint32_t empty;
    qc_cell *cells;
    size_t ncells;
    char **ctx_columns;        /* context columns kept per result (those `when` conditions use) */
    size_t nctx;
    qc_file_counts *files;
    size_t nfiles;
    qc_rejection *rejections;
    size_t nrejections;
    void *index;               /* cell lookup (results.c) */
    qc_merge_counts merged;    /* replicates "mean" */
    qc_intern *origins;        /* the files the provenance columns name (NULL: none): the file
                                * index of a result or rejection from origin k is nfiles + k */
} qc_results;

/* The path of file index f of a result or rejection: a results file read, or the origin its
 * provenance columns named (source_file). */
static inline const char *qc_results_path(const qc_results *r, size_t f)
{
    return f < r->nfiles ? r->files[f].path : qc_intern_str(r->origins, (uint32_t)(f - r->nfiles));
}

/* Where a rejection is, as messages print it: "PATH:LINE", or in an xlsx sheet
 * "PATH:SHEET!C17" (a fault of the whole row: "PATH:SHEET!17:17"). */
void qc_results_place(const qc_results *r, const qc_rejection *rj, char *buf, size_t size);
/* The cell of an xlsx rejection ("C17"), or "" (buf of at least 24 bytes). */
const char *qc_results_cell(const qc_rejection *rj, char *buf);

/* Reads every results file of the study, in its layout (long or wide) and encoding. Returns
 * QC_OK when all files were read (rejected rows are in ->rejections); QC_EIO/QC_EDATA/
 * QC_ERULES/QC_ENOMEM with err set otherwise (QC_ERULES: the study names a column, in
 * `columns` or `where`, that a file lacks).
 *
 * With replicates "mean", the results of a cell that share a sample_id are then averaged into
 * one (qc_cell arrays hold the merged results; file counts stay those read):
 * - missing replicates are ignored; a sample with only missing ones stays one missing result;
 * - with numeric replicates: their mean; censored ones beside them are left out (counted);
 * - all censored on the same side: censored, with the least informative bound (the largest of
 *   <, <= and ND's lod; the smallest of >, >=) and that replicate's kind;
 * - censored on both sides (< and >): a missing result (counted);
 * - U and u: the mean of the numeric replicates' when each has one, else none;
 * - line, file, sample, method and context: the first replicate's (in file order);
 * - results without a sample_id are kept as they are. */
qc_status qc_results_load(const qc_study *study, const qc_rules *rules, qc_results **out,
                          qc_error *err);
/* Progress of a load, for a caller that shows it (the library never prints). */
typedef struct qc_progress {
    unsigned long long bytes, total;   /* bytes of the results files read so far, and in all */
    unsigned long long lines;          /* physical lines read so far (about the rows) */
} qc_progress;
typedef void (*qc_progress_fn)(const qc_progress *p, void *user);

/* Which plain results the analysis may name (a nonconforming list), told by the layer that
 * judges them (engine/assess, qc_assess_keep_judge), so that the store keeps the sample id and
 * line of those alone (qc_cell, "Sample id and line"). */
typedef struct qc_keep_judge {
    /* The plan of the cell of product p and indicator ind: *plan, or *dense = 1 when the judge
     * cannot tell ahead (every result of the cell keeps them); nonzero when out of memory. */
    int (*plan)(const qc_study *s, const qc_rules *rules, const qc_product *p,
                const qc_indicator *ind, void **plan, int *dense);
    /* 1 when plain value x (U, u: its uncertainties, NaN when none; method: its text, mlen
     * bytes) may be named; 0 when it is a plain pass of every limit of the plan. */
    int (*named)(const void *plan, const qc_study *s, double x, double U, double u,
                 const char *method, size_t mlen);
    void (*free_plan)(void *plan);
} qc_keep_judge;

typedef struct qc_load_options {
    int threads;                       /* as qc_results_load_threads; 0 or 1: one */
    const qc_keep_judge *judge;        /* NULL: every result keeps its sample id and line */
    qc_progress_fn progress;           /* NULL: none. Called after each block read (64 KiB),
                                        * from the reading threads but never concurrently */
    void *progress_user;
    /* Where a large file is cut (tests; 0: the defaults): the size from which a file is read
     * in parts (4 MiB), and the byte from which the first cut's line end is looked for (by
     * default the first part, whose thread also hashes the file, gets a little less). */
    long long split_min_bytes, split_first;
} qc_load_options;

/* qc_results_load_threads with options (opt NULL: one thread, no progress, no judge). */
qc_status qc_results_load_opts(const qc_study *study, const qc_rules *rules,
                               const qc_load_options *opt, qc_results **out, qc_error *err);

/* The same with each large UTF-8 file split at record boundaries and parsed on up to
 * `threads` threads; the store is the same as a single-threaded read, value for value. */
qc_status qc_results_load_threads(const qc_study *study, const qc_rules *rules, int threads,
                                  qc_results **out, qc_error *err);
void qc_results_free(qc_results *r);


/* Context value of result i of cell c for context column k ("" when the file lacks it). */
const char *qc_cell_context(const qc_results *r, const qc_cell *c, size_t i, size_t k);
/* Index of a kept context column, or -1. */
int qc_results_context_index(const qc_results *r, const char *column);

#endif
