/* ingest.h — reading results: the CSV record stream (csv.c), the value grammar (value.c),
 * units (units.c) and the results store (results.c, see results.h). */
#ifndef QCOMPARE_INGEST_H
#define QCOMPARE_INGEST_H

#include <stddef.h>
#include "status.h"

/* ---- value grammar (value.c, DESIGN §4.1) ---- */
typedef enum {
    QC_VALUE_NUMBER = 0,  /* plain number: x */
    QC_VALUE_MISSING,     /* empty cell (or only blanks): accepted, counted in n_missing */
    QC_VALUE_LT,          /* "<x": true value < x */
    QC_VALUE_LE,          /* "<=x", "≤x" */
    QC_VALUE_GT,          /* ">x" */
    QC_VALUE_GE,          /* ">=x", "≥x" */
    QC_VALUE_ND           /* "ND", "nd", "未检出": not detected (below the row's lod) */
} qc_value_kind;

typedef struct qc_value {
    qc_value_kind kind;
    double x;  /* the number or the bound; NaN for MISSING and ND */
} qc_value;

/* Parses one cell (len bytes, need not be NUL-terminated; leading and trailing blanks ignored).
 * Numbers: [+-]digits[.digits][(e|E)[+-]digits] in the C locale, finite; no thousands
 * separators, no decimal comma, no hex, inf or nan. On a bad cell returns QC_EDATA and points
 * *why at a static English reason ("not a number: decimal comma?"). */
qc_status qc_value_parse(const char *s, size_t len, qc_value *out, const char **why);

/* Parses a plain finite number (same grammar, no censoring); QC_EDATA otherwise. */
qc_status qc_number_parse(const char *s, size_t len, double *out, const char **why);

/* 1 when the kind is censored (LT, LE, GT, GE, ND). */
int qc_value_is_censored(qc_value_kind kind);

/* ---- measurement uncertainty of a result (uncertainty.c) ---- */
enum { QC_UNC_U = 0, QC_UNC_K, QC_UNC_U_STD, QC_UNC_U_REL, QC_UNC_NCOLS };
enum { QC_USRC_NONE = 0, QC_USRC_ROW, QC_USRC_DEFAULT };  /* where a result's U came from */

/* The cells of the uncertainty columns U, k, u_std, U_rel (text NULL when the column is
 * absent). */
typedef struct qc_uncertainty_cells {
    const char *text[QC_UNC_NCOLS];
    size_t len[QC_UNC_NCOLS];
} qc_uncertainty_cells;

/* A study's default_uncertainty for one indicator (0 for an absent key). */
typedef struct qc_uncertainty_default { double U, k, u_std, U_rel; } qc_uncertainty_default;

/* U (expanded) and u (standard) of value x from its row: U with k (k = 2 when absent), else
 * u_std (U = k·u), else U_rel (% of |x|). No uncertainty: U = u = NaN, *source QC_USRC_NONE.
 * A bad cell (not a number, U ≤ 0, k ≤ 0, U_rel outside (0, 100], k alone): QC_EDATA with
 * *bad_column (QC_UNC_*) and *why. */
qc_status qc_uncertainty_of(const qc_uncertainty_cells *cells, double x, double *U, double *u,
                            int *source, int *bad_column, const char **why);
/* The same from a study default; QC_EDOM when it gives nothing for x (U_rel and x = 0). */
qc_status qc_uncertainty_from_default(const qc_uncertainty_default *d, double x, double *U, double *u);
/* "U", "k", "u_std" or "U_rel". */
const char *qc_uncertainty_column(int which);

/* ---- UTF-8 (utf8.c) ---- */
/* Bytes of s (n bytes) that form well-formed UTF-8 from the start: n when all of it does. */
size_t qc_utf8_valid_prefix(const char *s, size_t n);
/* The longest length <= max that does not cut a character of s (n bytes) in two. */
size_t qc_utf8_cut(const char *s, size_t n, size_t max);

/* ---- CSV record stream (csv.c) ---- */
typedef struct qc_csv_record {
    size_t line;               /* physical line (1-based) where the record starts */
    size_t nfields;
    char *const *field;        /* NUL-terminated texts (quotes removed, "" unescaped) */
    const size_t *len;         /* their lengths in bytes */
} qc_csv_record;

/* Called once per record, header included, blank lines skipped. Return 0 to go on, nonzero to
 * stop reading (qc_csv_read then returns that value's status, see below). */
typedef int (*qc_csv_record_fn)(const qc_csv_record *rec, void *ctx);

typedef struct qc_csv_options {
    char delimiter;     /* ',' when 0 */
    size_t block_size;  /* bytes read per block; 64 KiB when 0 */
} qc_csv_options;

/* Streams the file at path through libcsv in fixed-size blocks (never the whole file in
 * memory): strips a UTF-8 BOM, accepts LF and CRLF, RFC 4180 quotes with embedded delimiters,
 * quotes and newlines. err gets "PATH: message" (unreadable: QC_EIO) or
 * "PATH:LINE: message" (malformed, e.g. an unterminated quote: QC_EDATA).
 * When fn returns nonzero, reading stops and qc_csv_read returns (qc_status)that value. */
qc_status qc_csv_read(const char *path, const qc_csv_options *opt, qc_csv_record_fn fn,
                      void *ctx, qc_error *err);

#endif
