/* parallel.c — reading one large UTF-8 results file on several threads (issues 7, 17). The
 * header is read up to its first line end outside quotes; the rest is cut into parts at line
 * ends found by reading a block around each cut (never the whole file first). Each thread
 * parses its part with its own libcsv parser into its own store, its lines counted from 1;
 * the first part's thread also takes the file's SHA-256, on the bytes it parses and then on
 * the rest of the file, so no pass over the whole file runs beside the parts. A part that
 * does not end cleanly at its cut (the line end was inside a quoted field) fails, since it is
 * parsed from a known record boundary. The parts are then appended to the file's store in
 * file order (on the second part's thread, while the first part's hashes the rest), strings
 * re-interned and physical lines shifted by the lines of the parts before, so the result is
 * the same as one thread's, value for value and rejection for rejection. Anything unusual (a
 * small file, a lone CR in the header, a part that fails on its own) is left to the sequential
 * reader, which also gives the exact error. Owns the parts while it works. */
#define _POSIX_C_SOURCE 200809L
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "qcompare/grow.h"
#include "ingest_internal.h"
#include "qcompare/jsonfile.h"

#define MIN_PARALLEL_BYTES (4LL << 20)  /* below this a second thread costs more than it saves */
#define MAX_PARTS 64

/* How much less of the file's body the first part gets: its thread also takes the file's
 * SHA-256 (which must see the bytes in order: those of its part as it parses them, then the
 * rest of the file), while the second part's thread merges the parts when all are parsed.
 * Hashing every byte and reading the rest cost the first thread about 9 % of parsing and
 * storing the body, the merge the second about 4 % (measured at 1M and 10M results:
 * bench/README.md), so the first part is shorter by the difference. With n threads each
 * other part gets (1 + HASH_SHARE) / n of the body and the first HASH_SHARE less. */
#define HASH_SHARE 0.05

typedef struct part {
    long long offset, length;
    size_t line;                 /* physical line where the part starts: the first part's is
                                  * the file's, the others' are 1 until the parts before them
                                  * have been read (then line_shift says by how much) */
    size_t next_line;            /* the reader's line after the part */
    uint32_t line_shift;         /* added to the part's physical lines (modulo 2^32, as stored) */
    reader rd;
    qc_results *res;
    qc_sha256 *sha256;           /* the first part: the file's digest, fed on */
    qc_status hashed;            /* the first part: the rest of the file hashed after it */
    struct crew *crew;
    qc_error err;
    qc_status status;
    const qc_results_spec *spec;
} part;

/* Where the header ends: the first line end outside quotes, read from the start (the header's
 * bytes are fed to sha). Its physical line count goes to *lines. -1 when the file is better
 * read whole: no such line end, or a CR alone before it (an old Mac line end, where the
 * reader's header would end first). */
static long long header_end(FILE *f, char *buf, size_t size, qc_sha256 *sha, size_t *lines)
{
    long long pos = 0;
    int odd = 0, prev_cr = 0;
    size_t n;
    *lines = 1;
    while ((n = fread(buf, 1, size, f)) > 0) {
        for (size_t i = 0; i < n; i++) {
            char ch = buf[i];
            if (prev_cr && ch != '\n') return -1;
            prev_cr = ch == '\r';
            if (ch == '"') odd ^= 1;
            if (ch != '\n') continue;
            ++*lines;
            if (odd) continue;
            qc_sha256_update(sha, buf, i + 1);
            return pos + (long long)i + 1;
        }
        qc_sha256_update(sha, buf, n);
        pos += (long long)n;
    }
    return -1;
}

/* The first line end at or after target (before size), preferring one whose line holds no
 * quote (a quoted field cannot then run across it, unless it began lines before): the offset
 * after it, or -1. Nothing here knows whether the line end lies outside quotes: the part
 * before the cut, parsed from a known record boundary, fails when it does not end cleanly at
 * the cut (an unterminated quoted field), and the file is then read whole. */
static long long cut_at(FILE *f, char *buf, size_t size, long long target, long long end)
{
    long long first = -1;
    for (long long pos = target; pos < end && fseeko(f, (off_t)pos, SEEK_SET) == 0;) {
        size_t n = fread(buf, 1, size, f);
        if (n == 0) break;
        const char *p = buf, *stop = buf + n, *line = NULL;  /* line: after a line end seen */
        while (p < stop) {
            const char *nl = memchr(p, '\n', (size_t)(stop - p));
            if (!nl) break;
            if (first < 0) first = pos + (nl - buf) + 1;
            if (line && !memchr(line, '"', (size_t)(nl - line))) return pos + (nl - buf) + 1;
            line = p = nl + 1;
            if (pos + (p - buf) >= end) break;
        }
        if (first >= 0) break;  /* only the window where the first line end is */
        pos += (long long)n;
    }
    return first >= 0 && first < end ? first : -1;
}

/* The parts: the header's end and up to nparts cuts, the first part's digest fed with the
 * header's bytes; 0, or -1 to read the file whole. Reads the header and a block around each
 * cut, never the whole file: which line ends are outside quotes is checked by the parts. */
static int plan(const char *path, long long size, int nparts, long long first, part *parts,
                int *nout, qc_sha256 *sha)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    static const size_t B = 1 << 16;
    char *buf = malloc(B);
    size_t line = 1;
    long long head = buf ? header_end(f, buf, B, sha, &line) : -1;
    int np = 0;
    if (head > 0 && head < size) {
        parts[np++] = (part){.offset = head, .line = line};
        double body = (double)(size - head), each = (1 + HASH_SHARE) / nparts;
        for (int k = 1; k < nparts; k++) {
            long long target = head + (long long)(body * (each * k - HASH_SHARE));
            if (first > 0 && k == 1) target = first;
            if (target <= parts[np - 1].offset) continue;
            long long c = cut_at(f, buf, B, target, size);
            if (c <= parts[np - 1].offset) continue;
            parts[np - 1].length = c - parts[np - 1].offset;
            parts[np++] = (part){.offset = c, .line = 1};
        }
        parts[np - 1].length = size - parts[np - 1].offset;
    }
    int bad = ferror(f) || head < 0 || np < 2;
    fclose(f);
    free(buf);
    if (bad) return -1;
    *nout = np;
    return 0;
}

/* Stops the header-only read once the header record has been taken. */
enum { HEADER_TAKEN = 1000 };
static int header_only(const qc_csv_record *rec, void *ctx)
{
    int st = qc_ingest_on_record(rec, ctx);
    return st ? st : HEADER_TAKEN;
}

/* The parts' threads: each part, once parsed, says so; the second part's thread then waits
 * for all and merges them (merge_all) while the first part's thread hashes the rest of the
 * file, which the merge does not need. */
typedef struct crew {
    pthread_mutex_t lock;
    pthread_cond_t all_parsed;
    int parsed, np, ok;
    part *parts;
    reader *rd;
    qc_status st;
} crew;

static void merge_all(crew *w);

/* The file's bytes from offset to its end, into sha. */
static qc_status hash_rest(const char *path, long long offset, qc_sha256 *sha)
{
    FILE *f = fopen(path, "rb");
    char *buf = malloc(1 << 16);
    size_t n;
    int bad = !f || !buf || fseeko(f, (off_t)offset, SEEK_SET) != 0;
    while (!bad && (n = fread(buf, 1, 1 << 16, f)) > 0) qc_sha256_update(sha, buf, n);
    bad |= !f || ferror(f);
    if (f) fclose(f);
    free(buf);
    return bad ? QC_EIO : QC_OK;  /* unreadable now: the sequential reader says so */
}

static void *run(void *arg)
{
    part *p = arg;
    qc_csv_options opt = {.delimiter = p->spec->delimiter, .encoding = "utf-8",
                          .offset = p->offset, .length = p->length, .first_line = p->line,
                          .progress = p->rd.progress, .progress_user = p->rd.progress_user,
                          .max_field = p->rd.study->max_field_bytes,
                          .max_record = p->rd.study->max_record_bytes,
                          .sha256 = p->sha256, .next_line = &p->next_line};
    p->status = qc_csv_read(p->spec->path, &opt, qc_ingest_on_record, &p->rd, &p->err);
    crew *w = p->crew;
    pthread_mutex_lock(&w->lock);
    if (++w->parsed == w->np) pthread_cond_broadcast(&w->all_parsed);
    pthread_mutex_unlock(&w->lock);
    if (p->sha256 && !p->status) p->hashed = hash_rest(p->spec->path, p->offset + p->length, p->sha256);
    return NULL;
}

/* The second part's thread: its part, then the merge of all. */
static void *run_merging(void *arg)
{
    part *p = arg;
    run(p);
    crew *w = p->crew;
    pthread_mutex_lock(&w->lock);
    while (w->parsed < w->np) pthread_cond_wait(&w->all_parsed, &w->lock);
    pthread_mutex_unlock(&w->lock);
    merge_all(w);
    return NULL;
}

/* Interned id of string id of `from` in `to`, through a per-part memo. */
static uint32_t remap(qc_results *to, const qc_results *from, uint32_t id, uint32_t *memo)
{
    if (memo[id] != QC_INTERN_NONE) return memo[id];
    memo[id] = qc_intern_add(to->strings, qc_intern_str(from->strings, id),
                             qc_intern_len(from->strings, id));
    return memo[id];
}

/* The file index in r of file index f in p: the files read are the same in both, an origin
 * (provenance, origin.c) is found by its name (memo: per origin of p, +1; 0 not yet). Returns
 * UINT32_MAX when out of memory or past the file indices' range. */
static uint32_t remap_file(qc_results *r, const qc_results *p, size_t f, uint32_t *memo)
{
    if (f < p->nfiles) return (uint32_t)f;
    size_t k = f - p->nfiles;
    if (memo[k]) return memo[k] - 1;
    if (!r->origins && !(r->origins = qc_intern_new())) return UINT32_MAX;
    uint32_t id = qc_intern_add(r->origins, qc_intern_str(p->origins, (uint32_t)k),
                                qc_intern_len(p->origins, (uint32_t)k));
    if (id == QC_INTERN_NONE || r->nfiles + id > UINT16_MAX) return UINT32_MAX;
    memo[k] = (uint32_t)(r->nfiles + id) + 1;
    return memo[k] - 1;
}

/* Appends part p's store to r (which the file's reader rd fills). */
/* When the file's store holds nothing yet (its first file, no rejection, no string but ""),
 * the first part's cells, their lookup and their strings are taken over whole instead of
 * copied value by value: the same store, half the serial merge of a two-part read. p is left
 * with the store's empty ones. */
static void adopt(qc_results *r, qc_results *p)
{
    if (r->ncells || r->nrejections || qc_intern_count(r->strings) != 1 || r->empty != p->empty ||
        (r->origins && qc_intern_count(r->origins)))
        return;
    qc_cell *cells = r->cells; r->cells = p->cells; p->cells = cells;
    size_t n = r->ncells; r->ncells = p->ncells; p->ncells = n;
    void *index = r->index; r->index = p->index; p->index = index;
    qc_intern *strings = r->strings; r->strings = p->strings; p->strings = strings;
    qc_intern *origins = r->origins; r->origins = p->origins; p->origins = origins;
}

/* The ids of part p's strings and files in the file's store r (qc_ingest_remap). */
typedef struct remapper { qc_results *r; const qc_results *p; uint32_t *memo, *fmemo; } remapper;
static uint32_t remap_id(void *u, int file, uint32_t id)
{
    remapper *m = u;
    return file ? remap_file(m->r, m->p, id, m->fmemo) : remap(m->r, m->p, id, m->memo);
}

/* Adds shift to the physical lines (those of the file being read, not of an origin the
 * provenance columns name) of cell c's results from n0 on and of the kept lines among them: a
 * part's lines counted from 1, made the file's (merge shifts the rejections' itself). */
static void shift_lines(qc_cell *c, size_t n0, uint16_t file, uint32_t shift)
{
    for (size_t i = n0; c->line && i < c->n; i++)
        if ((c->file ? c->file[i] : 0) == file) c->line[i] += shift;
    size_t j = c->nkept;
    while (j > 0 && c->kept_at[j - 1] >= n0) j--;
    for (; j < c->nkept; j++)
        if ((c->file ? c->file[c->kept_at[j]] : 0) == file) c->kept_line[j] += shift;
}

static qc_status merge(reader *rd, qc_results *r, qc_results *p, uint32_t shift)
{
    adopt(r, p);  /* "" is id 0 in both tables, so the cells' empty ids stay right */
    size_t ns = qc_intern_count(p->strings);
    uint32_t *memo = malloc((ns + 1) * sizeof *memo);
    uint32_t *fmemo = calloc((p->origins ? qc_intern_count(p->origins) : 0) + 1, sizeof *fmemo);
    if (!memo || !fmemo) { free(memo); free(fmemo); return qc_ingest_oom(rd->err); }
    memset(memo, 0xff, (ns + 1) * sizeof *memo);
    remapper m = {r, p, memo, fmemo};
    qc_status st = QC_OK;
    for (size_t k = 0; !st && k < p->ncells; k++) {
        const qc_cell *pc = &p->cells[k];
        uint32_t g = remap(r, p, pc->group, memo);
        qc_cell *c = g == QC_INTERN_NONE ? NULL
                                         : qc_ingest_find_cell(r, rd->rules, pc->product, pc->indicator, g);
        /* the same plan as the part's cell: every part plans a cell from the same study */
        if (c && c->n == 0) c->dense = pc->dense;
        size_t n0 = c ? c->n : 0;
        if (!c || qc_ingest_cell_append(c, pc, r->nctx, remap_id, &m)) st = qc_ingest_oom(rd->err);
        else if (shift) shift_lines(c, n0, rd->file, shift);
    }
    for (size_t k = 0; !st && k < p->nrejections; k++) {
        const qc_rejection *rj = &p->rejections[k];
        /* qc_ingest_reject counts into the file's rejected; the part's count is added below */
        qc_rejection *a = qc_grow(r->rejections, r->nrejections, sizeof *a);
        if (!a) { st = qc_ingest_oom(rd->err); break; }
        r->rejections = a;
        uint32_t col = qc_intern_add(r->strings, rj->column, strlen(rj->column));
        uint32_t why = qc_intern_add(r->strings, rj->reason, strlen(rj->reason));
        uint32_t file = remap_file(r, p, rj->file, fmemo);
        if (col == QC_INTERN_NONE || why == QC_INTERN_NONE || file == UINT32_MAX) { st = qc_ingest_oom(rd->err); break; }
        uint32_t line = rj->line + (rj->file == rd->file ? shift : 0);
        a[r->nrejections++] = (qc_rejection){(uint16_t)file, line,
                                             (char *)qc_intern_str(r->strings, col),
                                             qc_intern_str(r->strings, why), rj->cell};
    }
    qc_file_counts *to = &r->files[rd->file];
    const qc_file_counts *from = &p->files[rd->file];
    to->records += from->records; to->results += from->results; to->accepted += from->accepted;
    to->rejected += from->rejected; to->excluded += from->excluded; to->blank += from->blank;
    free(memo);
    free(fmemo);
    return st;
}

/* Once every part is parsed: when all parsed, each part's physical lines (the first part's
 * are the file's, and each next part starts where the reader of the one before it stopped),
 * then the parts appended to the file's store in file order. */
static void merge_all(crew *w)
{
    part *parts = w->parts;
    reader *rd = w->rd;
    for (int k = 0; k < w->np; k++) w->ok &= parts[k].status == QC_OK;
    for (int k = 1; w->ok && k < w->np; k++) {
        size_t first = parts[k - 1].line + parts[k - 1].line_shift;
        size_t start = first + (parts[k - 1].next_line - parts[k - 1].line);
        parts[k].line_shift = (uint32_t)(start - parts[k].line);
    }
    for (int k = 0; w->ok && !w->st && k < w->np; k++) {
        w->st = merge(rd, rd->res, parts[k].res, parts[k].line_shift);
        for (size_t i = 0; i < rd->rules->nindicators; i++)
            rd->seen_ind[i] |= parts[k].rd.seen_ind[i];
        qc_results_free(parts[k].res);  /* merged: its memory can serve the next */
        parts[k].res = NULL;
    }
}

qc_status qc_ingest_read_parallel(reader *rd, const qc_results_spec *spec,
                                  const qc_load_options *opt, char sha256_hex[65], int *done)
{
    struct stat sb;
    *done = 0;
    long long min = opt->split_min_bytes > 0 ? opt->split_min_bytes : MIN_PARALLEL_BYTES;
    if (stat(spec->path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < min)
        return QC_OK;
    int want = opt->threads < MAX_PARTS ? opt->threads : MAX_PARTS, np = 0;
    part *parts = calloc((size_t)want + 1, sizeof *parts);
    qc_sha256 *sha = qc_sha256_new();
    if (!parts || !sha) {
        free(parts);
        qc_sha256_end(sha, NULL);
        return qc_ingest_oom(rd->err);
    }
    if (plan(spec->path, (long long)sb.st_size, want, opt->split_first, parts, &np, sha) != 0) {
        free(parts);
        qc_sha256_end(sha, NULL);  /* frees it: the sequential reader hashes again */
        return QC_OK;
    }
    parts[0].sha256 = sha;  /* the first part hashes on: its bytes, then the rest */
    /* the header, read by the file's own reader */
    qc_csv_options hopt = {.delimiter = spec->delimiter, .encoding = "utf-8",
                           .length = parts[0].offset, .max_field = rd->study->max_field_bytes,
                           .max_record = rd->study->max_record_bytes};
    qc_status st = qc_csv_read(spec->path, &hopt, header_only, rd, rd->err);
    if (st == (qc_status)HEADER_TAKEN) st = QC_OK;
    else if (!st) st = QC_EDATA;  /* no header record: let the sequential reader say so */
    if (st) {
        free(parts);
        qc_sha256_end(sha, NULL);
        return st == QC_EDATA && !rd->header_seen ? QC_OK : st;
    }
    qc_results *r = rd->res;
    int ok = 1;
    for (int k = 0; k < np; k++) {
        part *p = &parts[k];
        p->spec = spec;
        p->res = qc_ingest_results_new(r->nfiles, r);
        p->rd = *rd;  /* the header's column map, shared read-only */
        p->rd.res = p->res;
        p->rd.err = &p->err;
        p->rd.products = (name_cache){.names = qc_intern_new()};
        p->rd.indicators = (name_cache){.names = qc_intern_new()};
        p->rd.seen_ind = calloc(rd->rules->nindicators + 1, 1);
        p->rd.ctx_ids = calloc(r->nctx + 1, sizeof *p->rd.ctx_ids);
        qc_ingest_reader_forget(&p->rd);  /* its ids were of the file's store */
        if (!p->res || !p->rd.products.names || !p->rd.indicators.names || !p->rd.seen_ind ||
            !p->rd.ctx_ids)
            ok = 0;
    }
    pthread_t *tid = calloc((size_t)(np > 0 ? np : 1), sizeof *tid);
    crew w = {.np = np, .ok = ok, .parts = parts, .rd = rd};
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.all_parsed, NULL);
    for (int k = 0; k < np; k++) parts[k].crew = &w;
    int started = 0;
    if (ok && tid) {
        for (int k = 1; k < np; k++) {
            if (pthread_create(&tid[k], NULL, k == 1 ? run_merging : run, &parts[k]) != 0) break;
            started = k;
        }
        for (int k = started + 1; k < np; k++) run(&parts[k]);  /* threads that did not start */
        run(&parts[0]);
        for (int k = 1; k <= started; k++) pthread_join(tid[k], NULL);
        if (!started) merge_all(&w);  /* no second thread: merged here */
        ok = w.ok;
        st = w.st;
    } else {
        ok = 0;  /* nothing read: the sequential reader reads it */
    }
    pthread_cond_destroy(&w.all_parsed);
    pthread_mutex_destroy(&w.lock);
    free(tid);
    char hex[65];
    qc_sha256_end(sha, hex);
    /* The parts are merged by now, so the file must not go to the sequential reader (its
     * results would be stored twice): when the rest could not be hashed, the digest is taken
     * again over the whole file, and its failure is the file's error. */
    if (ok && !st && parts[0].hashed) st = qc_sha256_file(spec->path, hex, rd->err);
    for (int k = 0; k < np; k++) {
        part *p = &parts[k];
        qc_ingest_name_cache_free(&p->rd.products);
        qc_ingest_name_cache_free(&p->rd.indicators);
        free(p->rd.seen_ind);
        free(p->rd.ctx_ids);
        qc_results_free(p->res);
    }
    free(parts);
    if (!ok && !st) return QC_OK;  /* a part failed on its own: the sequential reader decides */
    if (!st) {
        *done = np;
        memcpy(sha256_hex, hex, sizeof hex);
    }
    return st;
}
