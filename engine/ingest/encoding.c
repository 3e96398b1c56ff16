/* encoding.c — input encodings of results files (DESIGN §4.1): a streaming converter from
 * GB18030 or GBK to UTF-8 through glibc's iconv, fed block by block, that keeps a multi-byte
 * character cut by the end of a block (iconv's EINVAL) and completes it with the next block's
 * first bytes, so the output never depends on the block size. It counts the physical lines it
 * has converted, so that an invalid byte can be named by its line. Owns the iconv descriptor
 * and the output buffer; the text goes to the caller's emit function in chunks. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "qcompare/ingest.h"

#define OUT_SIZE 16384
#define MAX_CHAR 8  /* longer than any GB18030 character (4 bytes) */

struct qc_decoder {
    iconv_t cd;
    char name[16];            /* the encoding, as declared ("gb18030") */
    char tail[MAX_CHAR];      /* start of a character cut by the end of the last block */
    size_t ntail;
    size_t offset;            /* input bytes converted so far */
    size_t line;              /* physical line of the next byte (1-based) */
    int after_cr;
    char out[OUT_SIZE];
};

qc_status qc_decoder_open(const char *encoding, qc_decoder **out)
{
    static const struct { const char *name, *iconv_name; } known[] = {
        {"gb18030", "GB18030"}, {"gbk", "GBK"}};
    *out = NULL;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (strcasecmp(encoding, known[i].name) != 0) continue;
        qc_decoder *d = calloc(1, sizeof *d);
        if (!d) return QC_ENOMEM;
        d->cd = iconv_open("UTF-8", known[i].iconv_name);
        if (d->cd == (iconv_t)-1) {
            free(d);
            return errno == ENOMEM ? QC_ENOMEM : QC_EUSAGE;
        }
        strcpy(d->name, known[i].name);
        d->line = 1;
        *out = d;
        return QC_OK;
    }
    return QC_EUSAGE;
}

void qc_decoder_free(qc_decoder *d)
{
    if (!d) return;
    iconv_close(d->cd);
    free(d);
}

const char *qc_decoder_name(const qc_decoder *d) { return d->name; }
size_t qc_decoder_offset(const qc_decoder *d) { return d->offset; }
size_t qc_decoder_line(const qc_decoder *d) { return d->line; }

/* Counts the lines of converted text (LF, CR, CRLF once) and hands it to emit. */
static int emit_out(qc_decoder *d, size_t n, qc_decoder_emit_fn emit, void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        char c = d->out[i];
        if (c == '\n') d->line += !d->after_cr;
        else if (c == '\r') d->line++;
        d->after_cr = c == '\r';
    }
    return n && emit(d->out, n, ctx) ? QC_DECODE_STOPPED : QC_DECODE_OK;
}

/* Converts as much of *in (*n bytes) as forms whole characters; advances *in and *n. Stops at
 * an incomplete character at the end (returns OK with *n > 0) or at an invalid one. */
static int convert(qc_decoder *d, char **in, size_t *n, qc_decoder_emit_fn emit, void *ctx)
{
    while (*n) {
        char *o = d->out;
        size_t room = OUT_SIZE, before = *n;
        size_t rc = iconv(d->cd, in, n, &o, &room);
        int e = errno;
        d->offset += before - *n;
        if (emit_out(d, (size_t)(o - d->out), emit, ctx)) return QC_DECODE_STOPPED;
        if (rc != (size_t)-1) continue;
        if (e == E2BIG) continue;      /* output full: emitted, go on */
        if (e == EINVAL) return QC_DECODE_OK;  /* a character cut by the end of the input */
        if (e == EILSEQ) return QC_DECODE_INVALID;
        return QC_DECODE_NOMEM;
    }
    return QC_DECODE_OK;
}

int qc_decoder_feed(qc_decoder *d, const char *input, size_t n, int final,
                    qc_decoder_emit_fn emit, void *ctx)
{
    char *in = (char *)input;  /* iconv's prototype; the input is not written */
    /* first complete the character the last block cut, one byte at a time */
    while (d->ntail && n) {
        d->tail[d->ntail++] = *in++;
        n--;
        char *t = d->tail;
        size_t tn = d->ntail;
        int rc = convert(d, &t, &tn, emit, ctx);
        if (rc) return rc;  /* offset: where the tail's character starts */
        if (tn == 0) d->ntail = 0;
        else if (d->ntail == MAX_CHAR) return QC_DECODE_INVALID;
    }
    if (!d->ntail) {
        int rc = convert(d, &in, &n, emit, ctx);
        if (rc) return rc;
        if (n > MAX_CHAR - 1) return QC_DECODE_INVALID;
        if (n) memcpy(d->tail, in, n);
        d->ntail = n;
    }
    if (final) {
        char *o = d->out;
        size_t room = OUT_SIZE;
        if (d->ntail) return QC_DECODE_TRUNCATED;
        if (iconv(d->cd, NULL, NULL, &o, &room) == (size_t)-1) return QC_DECODE_INVALID;
        return emit_out(d, (size_t)(o - d->out), emit, ctx);
    }
    return QC_DECODE_OK;
}
