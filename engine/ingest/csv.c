/* csv.c — the results CSV record stream (DESIGN §4.1).
 *
 * Owns qc_csv_read: a file read in fixed-size blocks and fed through libcsv in strict mode
 * (RFC 4180 quotes; a stray quote or an unterminated quoted field is an error), one callback
 * per record with its fields and the physical line where the record starts.
 *
 * libcsv counts no lines, so the reader counts them from libcsv's own events, which makes
 * the count independent of where blocks split the input: with CSV_REPALL_NL every unquoted
 * CR and LF ends a row (an empty one on a blank line or after the CR of a CRLF pair), and the
 * only other line feeds are inside quoted fields, which are kept verbatim. So a row ending at
 * LF or CR (a CRLF pair counting once) advances the line by one plus the line feeds in its
 * fields; until then, the line is the one where the row started.
 *
 * Fields: libcsv trims blanks (space, tab) around unquoted fields, its default, and keeps
 * quoted fields verbatim. Blank lines (empty or blanks only) and a row whose only field is
 * empty are not records. The fields of a record live in one text buffer and a few
 * arrays reused from record to record: no allocation per field once they have grown.
 *
 * Encodings: UTF-8 bytes go to libcsv as read; GB18030/GBK go through a qc_decoder first
 * (encoding.c), after a check that the file is not UTF-8 in disguise. UTF-8 BOMs (one, or a
 * doubled one) are dropped from the start of the text libcsv would see, whatever the block
 * size. Every block libcsv is given is checked for UTF-8 (qc_utf8_scan, eight ASCII bytes at a
 * time) before it is parsed, and each record says whether all the text so far was well-formed
 * (qc_csv_record.utf8), so its consumer checks no field of an all-UTF-8 file. Each block is
 * also searched for quotes and NUL bytes (memchr): while the blocks of a record have none, its
 * fields are copied without looking at their bytes (no line feed can be in them, no NUL). */

#define _POSIX_C_SOURCE 200809L
#define _FILE_OFFSET_BITS 64
#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "qcompare/infile.h"
#include "qcompare/ingest.h"
#include "qcompare/jsonfile.h"

#define DEFAULT_BLOCK 65536
#define SNIFF 65536  /* bytes of a GB18030/GBK file checked for UTF-8 before reading */

enum { RUNNING = 0, HALT_USER, HALT_NOMEM, HALT_NUL, HALT_FIELD, HALT_RECORD, HALT_UTF16LE,
       HALT_UTF16BE };

typedef struct reader {
    qc_csv_record_fn fn;
    void *ctx;
    char *text;       /* the record's fields, each NUL-terminated */
    size_t text_len, text_cap;
    size_t *off, *len;
    char **field;
    size_t nf, fcap;
    size_t line;      /* physical line where the row in progress started */
    size_t nl;        /* line feeds inside its fields so far */
    int after_cr;     /* the last row ended with CR: a LF now is the second half of CRLF */
    int halt, user_rc;
    size_t halt_line, halt_field;  /* where a HALT_NUL/FIELD/RECORD stopped: line, field */
    size_t max_field, max_record;  /* caps in bytes (infile.h) */
    struct csv_parser *parser;
    int failed;       /* libcsv stopped on an error */
    qc_utf8_state u8; /* the text libcsv was given so far, scanned block by block */
    int block_plain;  /* the block being parsed has no quote and no NUL byte */
    int rec_plain;    /* ... nor had any block since the record in progress started: its
                       * fields hold no NUL and no line feed (only a quoted field may) */
    unsigned char head[3];  /* the first bytes of the text, until known not to be a BOM */
    size_t nhead;
    int head_done;
} reader;

static int grow_fields(reader *r) {
    size_t cap = r->fcap ? r->fcap * 2 : 16;
    void *p;

    if (cap > (size_t)-1 / 2 / sizeof(size_t)) return -1;
    if (!(p = realloc(r->off, cap * sizeof *r->off))) return -1;
    r->off = p;
    if (!(p = realloc(r->len, cap * sizeof *r->len))) return -1;
    r->len = p;
    if (!(p = realloc(r->field, cap * sizeof *r->field))) return -1;
    r->field = p;
    r->fcap = cap;
    return 0;
}

static int grow_text(reader *r, size_t need) {
    size_t cap = r->text_cap ? r->text_cap : 256;
    char *p;

    while (cap < need) {
        if (cap > (size_t)-1 / 2) return -1;
        cap *= 2;
    }
    if (!(p = realloc(r->text, cap))) return -1;
    r->text = p, r->text_cap = cap;
    return 0;
}

static void halt_at(reader *r, int why) {
    r->halt = why, r->halt_line = r->line, r->halt_field = r->nf + 1;
}

/* Copies n bytes of a field: most are a few bytes long, and two overlapping loads and stores
 * cost less than a call to memcpy. */
static void copy_field(char *to, const char *from, size_t n) {
    if (n > 16) {
        memcpy(to, from, n);
    } else if (n >= 8) {
        uint64_t a, b;
        memcpy(&a, from, 8), memcpy(&b, from + n - 8, 8);
        memcpy(to, &a, 8), memcpy(to + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, from, 4), memcpy(&b, from + n - 4, 4);
        memcpy(to, &a, 4), memcpy(to + n - 4, &b, 4);
    } else {
        for (size_t i = 0; i < n; i++) to[i] = from[i];
    }
}

/* libcsv cb1: one field of the record in progress. */
static void on_field(void *s, size_t n, void *data) {
    reader *r = data;
    r->after_cr = 0;
    size_t need = r->text_len + n + 1;
    const char *from = s;
    char *to;
    size_t i, nl = 0;

    if (r->halt) return;
    if (n > r->max_field) { halt_at(r, HALT_FIELD); return; }
    if (need > r->max_record) { halt_at(r, HALT_RECORD); return; }
    if ((r->nf == r->fcap && grow_fields(r)) || need <= n ||
        (need > r->text_cap && grow_text(r, need))) {
        r->halt = HALT_NOMEM;
        return;
    }
    to = r->text + r->text_len;
    copy_field(to, from, n);
    to[n] = '\0';
    if (!r->rec_plain) {  /* a block of the record has a quote or a NUL: look at the bytes */
        int nul = 0;
        for (i = 0; i < n; i++) nl += from[i] == '\n', nul |= !from[i];
        if (nul) halt_at(r, HALT_NUL);  /* "steel-rebar\0junk" is no steel-rebar */
        if (r->halt) return;
    }
    r->nl += nl;
    r->off[r->nf] = r->text_len;
    r->len[r->nf++] = n;
    r->text_len += n + 1;
}

/* libcsv cb2: the record is complete. */
static void on_record(int c, void *data) {
    reader *r = data;
    qc_csv_record rec;
    size_t i;

    rec.line = r->line;
    /* a line ends at LF, at CR (old Mac files), and once only at a CRLF pair */
    r->line += r->nl + (c == '\r' || (c == '\n' && !r->after_cr));
    r->after_cr = c == '\r';
    r->nl = 0;
    if (!r->halt && r->nf && !(r->nf == 1 && r->len[0] == 0)) {
        for (i = 0; i < r->nf; i++) r->field[i] = r->text + r->off[i];
        rec.nfields = r->nf;
        rec.field = r->field;
        rec.len = r->len;
        /* every block so far (this record's among them) was well-formed: so are its fields,
         * which libcsv cuts at ASCII bytes only */
        rec.utf8 = !r->u8.invalid;
        if ((r->user_rc = r->fn(&rec, r->ctx)) != 0) r->halt = HALT_USER;
    }
    r->nf = 0;
    r->text_len = 0;
    r->rec_plain = r->block_plain;  /* the next record starts in this block */
}

/* Feeds n bytes; returns nonzero when libcsv stopped on an error. */
static int feed(reader *r, const char *b, size_t n) {
    if (!r->u8.invalid) qc_utf8_scan(&r->u8, b, n);  /* once per block, not per field */
    r->block_plain = !memchr(b, '"', n) && !memchr(b, '\0', n);
    r->rec_plain &= r->block_plain;
    if (csv_parse(r->parser, b, n, on_field, on_record, r) != n) r->failed = 1;
    /* the field libcsv is still collecting: capped before it can grow without bound */
    if (!r->halt && r->parser->entry_pos > r->max_field) halt_at(r, HALT_FIELD);
    return r->failed;
}

/* Feeds UTF-8 text, dropping the BOMs at its very start (one, or several in a row); nonzero
 * when reading must stop. */
static int feed_text(const char *b, size_t n, void *data) {
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    reader *r = data;
    while (!r->head_done) {
        while (n && r->nhead < 3) r->head[r->nhead++] = (unsigned char)*b++, n--;
        if (r->nhead < 3) return 0;
        if (memcmp(r->head, bom, 3) == 0) {  /* a BOM; another may follow (D10: two tools */
            r->nhead = 0;                     /* each added one, and sample_id went unknown) */
            continue;
        }
        r->head_done = 1;
        if (feed(r, (const char *)r->head, 3)) return 1;
    }
    if (n && feed(r, b, n)) return 1;
    return r->halt != 0;
}

/* The end of the text: a start shorter than a BOM is text after all. */
static int flush_head(reader *r) {
    if (r->head_done) return 0;
    r->head_done = 1;
    return r->nhead && feed(r, (const char *)r->head, r->nhead);
}

static qc_status parse_error(const char *path, size_t line, int code, qc_error *err) {
    if (code == CSV_ENOMEM) return qc_error_set(err, QC_ENOMEM, "%s: out of memory", path);
    if (code == CSV_EPARSE)
        return qc_error_set(err, QC_EDATA,
                            "%s:%zu: stray quote: quote the whole field and double "
                            "the quotes inside it", path, line);
    return qc_error_set(err, QC_EDATA, "%s:%zu: %s", path, line, csv_strerror(code));
}

/* UTF-16 by its BOM, or by the NUL bytes of ASCII text in every other place of the first
 * bytes: HALT_UTF16LE, HALT_UTF16BE, or 0. */
static int utf16_start(const unsigned char *b, size_t n) {
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) return HALT_UTF16LE;
    if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) return HALT_UTF16BE;
    size_t pairs = (n < 256 ? n : 256) / 2, even = 0, odd = 0;
    for (size_t i = 0; i < 2 * pairs; i += 2) even += !b[i], odd += !b[i + 1];
    if (pairs >= 2 && odd * 2 >= pairs && even * 4 <= odd) return HALT_UTF16LE;
    if (pairs >= 2 && even * 2 >= pairs && odd * 4 <= even) return HALT_UTF16BE;
    return 0;
}

/* Why the reader halted, as a status. */
static qc_status halted(const char *path, const reader *r, qc_error *err) {
    if (r->halt == HALT_USER) return (qc_status)r->user_rc;
    if (r->halt == HALT_UTF16LE || r->halt == HALT_UTF16BE)
        return qc_error_set(err, QC_EDATA, "%s:1: the file is UTF-16 (%s-endian), which is not "
                            "read: convert it to UTF-8 first, e.g. iconv -f UTF-16%s -t UTF-8 %s "
                            "> utf8.csv (or save it as \"CSV UTF-8\")", path,
                            r->halt == HALT_UTF16LE ? "little" : "big",
                            r->halt == HALT_UTF16LE ? "LE" : "BE", path);
    if (r->halt == HALT_NUL)
        return qc_error_set(err, QC_EDATA, "%s:%zu: field %zu holds a NUL byte: not a text "
                            "file (a CSV has no NUL bytes)", path, r->halt_line, r->halt_field);
    if (r->halt == HALT_FIELD)
        return qc_error_set(err, QC_EDATA, "%s:%zu: field %zu is longer than %zu bytes (the "
                            "study's max_field_bytes): is this a results CSV?", path,
                            r->halt_line, r->halt_field, r->max_field);
    if (r->halt == HALT_RECORD)
        return qc_error_set(err, QC_EDATA, "%s:%zu: record longer than %zu bytes (the study's "
                            "max_record_bytes): is this a results CSV?", path, r->halt_line,
                            r->max_record);
    return qc_error_set(err, QC_ENOMEM, "%s: out of memory", path);
}

static qc_status utf8_in_disguise(const char *path, const char *enc, const char *where,
                                  qc_error *err) {
    return qc_error_set(err, QC_EDATA, "%s: declared %s, but the file is UTF-8 (valid UTF-8 with "
                        "non-ASCII characters%s): decoded as %s, every Chinese text in it would "
                        "turn into mojibake; declare \"encoding\": \"utf-8\" (or run with "
                        "--encoding utf-8)", path, enc, where, enc);
}

/* A file declared GB18030/GBK whose first SNIFF bytes are UTF-8 with multi-byte characters
 * is refused before any record is read (its header would not match); then back to the start. */
static qc_status sniff(FILE *f, const char *path, const char *enc, qc_error *err) {
    char *b = malloc(SNIFF);
    qc_utf8_state st = {0};
    size_t n;
    if (!b) return qc_error_set(err, QC_ENOMEM, "%s: out of memory", path);
    n = fread(b, 1, SNIFF, f);
    qc_utf8_scan(&st, b, n);
    free(b);
    if (ferror(f) || fseek(f, 0, SEEK_SET) != 0)
        return qc_error_set(err, QC_EIO, "%s: cannot read: %s", path, strerror(errno));
    if (!st.invalid && st.multibyte)
        return utf8_in_disguise(path, enc, n == SNIFF ? " in its first 64 KiB" : "", err);
    return QC_OK;
}

static qc_status decode_error(const char *path, qc_decoder *d, int rc, qc_error *err) {
    if (rc == QC_DECODE_NOMEM) return qc_error_set(err, QC_ENOMEM, "%s: out of memory", path);
    if (rc == QC_DECODE_TRUNCATED)
        return qc_error_set(err, QC_EDATA, "%s:%zu: the file ends inside a %s character", path,
                            qc_decoder_line(d), qc_decoder_name(d));
    return qc_error_set(err, QC_EDATA, "%s:%zu: byte %zu is not a %s character: is the "
                        "declared encoding right? (utf-8, gb18030 and gbk are read)", path,
                        qc_decoder_line(d), qc_decoder_offset(d) + 1, qc_decoder_name(d));
}

qc_status qc_csv_read(const char *path, const qc_csv_options *opt, qc_csv_record_fn fn,
                      void *ctx, qc_error *err) {
    char delim = opt && opt->delimiter ? opt->delimiter : ',';
    size_t block = opt && opt->block_size ? opt->block_size : DEFAULT_BLOCK;
    const char *enc = opt && opt->encoding ? opt->encoding : "utf-8";
    reader r = {0};
    struct csv_parser p;
    qc_decoder *dec = NULL;
    qc_utf8_state scan = {0};
    char *buf = NULL;
    size_t n;
    FILE *f;
    qc_status st = QC_OK;
    int drc = QC_DECODE_OK;

    if (!path || !fn || delim == '"' || delim == '\r' || delim == '\n')
        return qc_error_set(err, QC_EUSAGE, "%s: bad CSV reader call", path ? path : "(null)");
    if (strcasecmp(enc, "utf-8") != 0 && (st = qc_decoder_open(enc, &dec)) != QC_OK)
        return st == QC_ENOMEM ? qc_error_set(err, st, "%s: out of memory", path)
                               : qc_error_set(err, st, "%s: unknown encoding \"%s\" (utf-8, "
                                              "gb18030 or gbk)", path, enc);
    if ((st = qc_input_open(path, &f, NULL, err)) != QC_OK) {
        qc_decoder_free(dec);
        return st;
    }
    if ((dec && (st = sniff(f, path, qc_decoder_name(dec), err)) != QC_OK) ||
        (!st && !(buf = malloc(block)))) {
        if (!st) st = qc_error_set(err, QC_ENOMEM, "%s: out of memory", path);
        qc_decoder_free(dec);
        fclose(f);
        return st;
    }
    long long offset = opt ? opt->offset : 0, left = opt ? opt->length : 0;
    if (offset > 0 && (dec || fseeko(f, (off_t)offset, SEEK_SET) != 0)) {
        qc_decoder_free(dec);
        fclose(f);
        free(buf);
        return qc_error_set(err, QC_EUSAGE, "%s: cannot read from byte %lld", path, offset);
    }
    qc_sha256 *hash = opt ? opt->sha256 : NULL;
    if (!hash && opt && opt->sha256_hex && offset == 0 && left == 0 && !(hash = qc_sha256_new())) {
        qc_decoder_free(dec);
        fclose(f);
        free(buf);
        return qc_error_set(err, QC_ENOMEM, "%s: out of memory", path);
    }
    r.fn = fn, r.ctx = ctx, r.parser = &p, r.rec_plain = 1;
    r.max_field = opt && opt->max_field ? opt->max_field : QC_MAX_FIELD_BYTES;
    r.max_record = opt && opt->max_record ? opt->max_record : QC_MAX_RECORD_BYTES;
    r.line = opt && opt->first_line ? opt->first_line : 1;
    if (offset > 0) r.head_done = 1;  /* a part past the start has no BOM */
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
    csv_set_delim(&p, (unsigned char)delim);
    csv_set_blk_size(&p, 1024);

    size_t last_line = r.line;
    int first = 1;  /* the first block: UTF-16 is told apart before any field is read */
    while (!r.failed && !r.halt && !drc && left >= 0 &&
           (n = fread(buf, 1, left > 0 && (long long)block > left ? (size_t)left : block, f)) > 0) {
        if (left > 0 && (left -= (long long)n) == 0) left = -1;  /* the part is read */
        if (offset == 0 && first && (r.halt = utf16_start((const unsigned char *)buf, n))) break;
        first = 0;
        qc_sha256_update(hash, buf, n);
        if (!dec) {
            feed_text(buf, n, &r);
        } else {
            qc_utf8_scan(&scan, buf, n);
            drc = qc_decoder_feed(dec, buf, n, 0, feed_text, &r);
        }
        if (opt && opt->progress) {
            opt->progress(opt->progress_user, n, r.line - last_line);
            last_line = r.line;
        }
    }
    if (dec && !drc && !r.failed && !r.halt && !ferror(f))
        drc = qc_decoder_feed(dec, NULL, 0, 1, feed_text, &r);
    if (!r.failed && !r.halt && !drc && !ferror(f)) flush_head(&r);

    if (r.u8.npend) r.u8.invalid = 1;  /* the text ends inside a character: the last record */
    if (r.halt) st = halted(path, &r, err);
    else if (r.failed) st = parse_error(path, r.line, csv_error(&p), err);
    else if (ferror(f)) st = qc_error_set(err, QC_EIO, "%s: cannot read: %s", path, strerror(errno));
    else if (dec && !scan.invalid && scan.multibyte && (drc == QC_DECODE_INVALID || (!drc && !scan.npend)))
        st = utf8_in_disguise(path, qc_decoder_name(dec), "", err);  /* UTF-8 so far, or all */
    else if (drc && drc != QC_DECODE_STOPPED) st = decode_error(path, dec, drc, err);
    else if (csv_fini(&p, on_field, on_record, &r) != 0)
        st = qc_error_set(err, QC_EDATA, "%s:%zu: unterminated quoted field", path, r.line);
    else if (r.halt) st = halted(path, &r, err);

    if (hash && !opt->sha256) {
        /* the rest of the file when the reader stopped early: the digest is of the whole file */
        while (!ferror(f) && (n = fread(buf, 1, block, f)) > 0) qc_sha256_update(hash, buf, n);
        if (ferror(f) && !st)
            st = qc_error_set(err, QC_EIO, "%s: cannot read: %s", path, strerror(errno));
        if (!opt->sha256) qc_sha256_end(hash, opt->sha256_hex);
    }
    if (opt && opt->next_line) *opt->next_line = r.line;
    csv_free(&p);
    fclose(f);
    free(buf);
    qc_decoder_free(dec);
    free(r.text), free(r.off), free(r.len), free(r.field);
    return st;
}
