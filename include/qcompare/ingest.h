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
