/* ingest.h — reading results: the CSV record stream (csv.c), input encodings (encoding.c,
 * utf8.c), the value grammar (value.c), wide-layout headers (wide.c), units (units.c) and the
 * results store (results.c, see results.h). */
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

/* Incremental scan of a byte stream fed in blocks of any size: invalid once some byte is not
 * well-formed UTF-8; multibyte once a well-formed multi-byte character was seen. A character
 * cut by the end of a block is held in pend until the next call completes it (npend > 0 at
 * the end of the stream: the stream ends inside a character). Start from {0}. */
typedef struct qc_utf8_state {
    int invalid, multibyte;
    unsigned char pend[4];
    size_t npend;
} qc_utf8_state;
void qc_utf8_scan(qc_utf8_state *st, const char *s, size_t n);

/* ---- encodings (encoding.c) ---- */
/* A streaming converter to UTF-8 from "gb18030" or "gbk" (case-insensitive) through iconv. */
typedef struct qc_decoder qc_decoder;
/* QC_EUSAGE for another encoding (or one iconv lacks), QC_ENOMEM. */
qc_status qc_decoder_open(const char *encoding, qc_decoder **out);
void qc_decoder_free(qc_decoder *d);

/* Receives converted text; nonzero stops the conversion (QC_DECODE_STOPPED). */
typedef int (*qc_decoder_emit_fn)(const char *utf8, size_t n, void *ctx);
enum { QC_DECODE_OK = 0, QC_DECODE_INVALID, QC_DECODE_TRUNCATED, QC_DECODE_STOPPED,
       QC_DECODE_NOMEM };
/* Converts the next n bytes of the input and emits the UTF-8 text (in chunks). A character cut
 * by the end of in is kept and completed by the next call, so any split of the input gives the
 * same text; final = 1 marks the end of the input (n may be 0). Returns QC_DECODE_*: INVALID
 * at a byte sequence that is not a character of the encoding (see qc_decoder_offset/line),
 * TRUNCATED when the input ends inside a character. */
int qc_decoder_feed(qc_decoder *d, const char *in, size_t n, int final, qc_decoder_emit_fn emit,
                    void *ctx);
/* Input bytes converted so far (after INVALID: the offset of the bad sequence) and the
 * physical line (1-based) of the next input byte. */
size_t qc_decoder_offset(const qc_decoder *d);
size_t qc_decoder_line(const qc_decoder *d);
/* The encoding's name as opened ("gb18030", "gbk"). */
const char *qc_decoder_name(const qc_decoder *d);

/* ---- wide layout (wide.c, DESIGN §4.1) ---- */
/* Splits a wide-layout header into the indicator name and the unit written after it in [],
 * () or full-width （） ("yield_strength [MPa]", "下屈服强度(MPa)", "屈服强度（MPa）"; brackets
 * may nest: "noise (dB(A))"; ( and （ pair with either closing form). Returns 1 with the name
 * at h[0..*name_len) (blanks before the bracket dropped) and the unit at h[*unit_off..
 * +*unit_len) (blanks inside the brackets dropped) when the header ends, but for blanks, with a
 * bracketed unit that has a name before it (the unit may be empty: "x []"); 0 otherwise, with
 * the header less its trailing blanks as the name. */
int qc_wide_header_split(const char *h, size_t len, size_t *name_len, size_t *unit_off,
                         size_t *unit_len);

/* ---- CSV record stream (csv.c) ---- */
typedef struct qc_csv_record {
    size_t line;               /* physical line (1-based) where the record starts */
    size_t nfields;
    char *const *field;        /* NUL-terminated texts (quotes removed, "" unescaped) */
    const size_t *len;         /* their lengths in bytes */
    int utf8;                  /* 1: every field is well-formed UTF-8 (qc_csv_read checks each
                                * block it parses, so a record of valid blocks needs no check
                                * per field); 0: not known, the consumer checks */
} qc_csv_record;

/* Called once per record, header included, blank lines skipped. Return 0 to go on, nonzero to
 * stop reading (qc_csv_read then returns that value's status, see below). */
typedef int (*qc_csv_record_fn)(const qc_csv_record *rec, void *ctx);

typedef struct qc_csv_options {
    char delimiter;        /* ',' when 0 */
    size_t block_size;     /* bytes read per block; 64 KiB when 0 */
    const char *encoding;  /* "utf-8" when NULL; "gb18030", "gbk": converted to UTF-8 */
    /* A part of a UTF-8 file (for parallel reading): the bytes [offset, offset + length),
     * length 0 = to the end, starting at a record boundary on physical line first_line (1
     * when 0); no BOM is looked for past offset 0. */
    long long offset, length;
    size_t first_line;
    /* When not NULL and the whole file is read (offset and length 0): receives the SHA-256 of
     * the file's bytes as lowercase hex (65 bytes), computed on the blocks as they are read. */
    char *sha256_hex;
    /* When not NULL (a part read in parallel): the bytes read are added to this digest (the
     * caller feeds it the bytes before and after the part, and ends it). */
    struct qc_sha256 *sha256;
    /* When not NULL: receives the physical line after the text read (where a next part,
     * cut there, starts). */
    size_t *next_line;
    /* When not NULL: called after each block read with its bytes and the physical lines it
     * completed (progress reporting; the reader itself never prints). */
    void (*progress)(void *user, size_t bytes, size_t lines);
    void *progress_user;
    /* Caps in bytes on one field and on one record (its fields plus one byte each); past one,
     * QC_EDATA naming the line (and field); QC_MAX_FIELD_BYTES, QC_MAX_RECORD_BYTES when 0. */
    size_t max_field, max_record;
} qc_csv_options;

/* Streams the file at path through libcsv in fixed-size blocks (never the whole file in
 * memory): strips a UTF-8 BOM, accepts LF and CRLF, RFC 4180 quotes with embedded delimiters,
 * quotes and newlines. err gets "PATH: message" (unreadable: QC_EIO) or
 * "PATH:LINE: message" (malformed, e.g. an unterminated quote: QC_EDATA).
 * A GB18030/GBK file is converted block by block (qc_decoder) before libcsv sees it: a byte
 * that is no character of the encoding is QC_EDATA naming its line; a file declared GB18030/GBK
 * that is valid UTF-8 with non-ASCII characters (in its first 64 KiB, or in the whole file) is
 * QC_EDATA too: decoded, it would turn into mojibake without any error. An unknown encoding is
 * QC_EUSAGE. A UTF-8 file is passed as it is (its validity is the caller's check, which
 * rec->utf8 spares for every record before the first ill-formed byte of the stream).
 * When fn returns nonzero, reading stops and qc_csv_read returns (qc_status)that value. */
qc_status qc_csv_read(const char *path, const qc_csv_options *opt, qc_csv_record_fn fn,
                      void *ctx, qc_error *err);

/* ---- xlsx workbooks (xlsx.c, xlsx_sheet.c) ---- */
typedef struct qc_xlsx qc_xlsx;
/* Opens an .xlsx workbook (libzip) and chooses its sheet: by name (exact, else as names.h
 * folds it) when sheet_name is not NULL, else by 1-based index (0: the first). A sheet the
 * workbook lacks is QC_ERULES (the study names it), a file that is no workbook QC_EDATA, an
 * unreadable one QC_EIO. */
qc_status qc_xlsx_open(const char *path, const char *sheet_name, int sheet_index, qc_xlsx **out,
                       qc_error *err);
/* The chosen sheet's name. */
const char *qc_xlsx_sheet(const qc_xlsx *x);
/* Streams the sheet's rows to fn as records (line = the row number): shared and inline
 * strings, numbers as written, booleans TRUE/FALSE, a formula's cached value, a number in a
 * date format as an ISO date (YYYY-MM-DD, with THH:MM:SS when it has a time); a merged range
 * gives every cell of it its first cell's value; a row without any value is no record; data
 * rows are padded with empty fields to the header's width (cells with values past it are
 * kept, so the row's field count says so). */
qc_status qc_xlsx_read(qc_xlsx *x, qc_csv_record_fn fn, void *ctx, qc_error *err);
void qc_xlsx_free(qc_xlsx *x);
/* The column letters of 0-based column col ("A", "Z", "AA"); returns their length. */
size_t qc_xlsx_column_name(size_t col, char buf[8]);
/* An Excel serial date (1900 or 1904 system) as YYYY-MM-DD[THH:MM:SS] in out (32 bytes);
 * 0, or -1 outside 1900-01-01 … 9999-12-31. */
int qc_xlsx_serial_date(double serial, int date1904, char out[32]);

#endif
