/* parallel.c — reading one large UTF-8 results file on several threads (issue 7). A first
 * streaming pass finds where the header ends and cuts the rest into parts at line ends that lie
 * outside quoted fields (the parity of the quotes seen so far says which), noting each part's
 * first physical line. Each thread parses its part with its own libcsv parser into its own
 * store, while one more thread takes the file's SHA-256; the parts are then appended to the
 * file's store in file order, strings re-interned, so the result is the same as one thread's,
 * value for value and rejection for rejection.
 * Anything unusual (a small file, lone CR line ends, a part that fails on its own) is left to
 * the sequential reader, which also gives the exact error. Owns the parts while it works. */
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

typedef struct part {
    long long offset, length;
    size_t line;                 /* physical line where the part starts */
    reader rd;
    qc_results *res;
    qc_error err;
    qc_status status;
    const qc_results_spec *spec;
} part;

/* The planning pass's state: where the header ends, the parts cut so far, the next cut's
 * target offset, the physical line count and the parity of the quotes seen. */
typedef struct planner {
    long long size, header_end, next_target;
    size_t line, np;
    int nparts, odd;
    part *parts;
} planner;

/* A line end at offset pos: counted; outside quotes it may end the header or cut a part. */
static void newline_at(planner *pl, long long pos)
{
    pl->line++;
    if (pl->odd) return;
    if (pl->header_end < 0) {
        pl->header_end = pos + 1;
        pl->parts[0] = (part){.offset = pl->header_end, .line = pl->line};
        pl->np = 1;
        pl->next_target = pl->header_end + (pl->size - pl->header_end) / pl->nparts;
        return;
    }
    if (pos + 1 >= pl->next_target && (int)pl->np < pl->nparts && pos + 1 < pl->size) {
        pl->parts[pl->np - 1].length = pos + 1 - pl->parts[pl->np - 1].offset;
        pl->parts[pl->np] = (part){.offset = pos + 1, .line = pl->line};
        pl->np++;
        pl->next_target = pl->header_end + (pl->size - pl->header_end) * (long long)pl->np / pl->nparts;
    }
}

static size_t count_newlines(const char *p, size_t n)
{
    size_t c = 0, i = 0;
    for (; i + 64 <= n; i += 64) {  /* a fixed count: the compiler vectorises it at -O2 */
        unsigned char k = 0;
        for (int j = 0; j < 64; j++) k += p[i + j] == '\n';
        c += k;
    }
    for (; i < n; i++) c += p[i] == '\n';
    return c;
}

/* A block without quotes or CRs (most blocks of most files): the parity cannot change, so only
 * the line ends that may end the header or cut a part are visited; the rest are counted. */
static void plain_block(planner *pl, const char *buf, size_t n, long long start)
{
    const char *p = buf, *end = buf + n;
    while (p < end) {
        if (pl->odd || (pl->header_end >= 0 &&
                        ((int)pl->np >= pl->nparts || pl->next_target > start + (long long)n))) {
            pl->line += count_newlines(p, (size_t)(end - p));
            return;
        }
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return;
        newline_at(pl, start + (nl - buf));
        p = nl + 1;
    }
}

/* The streaming pass: header end and up to nparts part boundaries; 0, or -1 to read whole. */
static int plan(const char *path, long long size, int nparts, part *parts, int *nout)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    static const size_t B = 1 << 20;
    char *buf = malloc(B);
    if (!buf) { fclose(f); return -1; }
    planner pl = {.size = size, .header_end = -1, .line = 1, .nparts = nparts, .parts = parts};
    long long pos = 0;
    int prev_cr = 0, bad = 0;
    size_t n;
    while (!bad && (n = fread(buf, 1, B, f)) > 0) {
        if (!prev_cr && !memchr(buf, '"', n) && !memchr(buf, '\r', n)) {
            plain_block(&pl, buf, n, pos);
            pos += (long long)n;
            continue;
        }
        for (size_t i = 0; i < n; i++, pos++) {
            char ch = buf[i];
            if (prev_cr && ch != '\n') { bad = 1; break; }  /* lone CR: leave it to one thread */
            prev_cr = ch == '\r';
            if (ch == '"') pl.odd ^= 1;
            else if (ch == '\n') newline_at(&pl, pos);
        }
    }
    if (ferror(f) || prev_cr) bad = 1;
    fclose(f);
    free(buf);
    if (bad || pl.np < 2) return -1;
    parts[pl.np - 1].length = size - parts[pl.np - 1].offset;
    *nout = (int)pl.np;
    return 0;
}

/* The file's SHA-256, taken on a thread of its own while the parts are parsed: the one pass
 * over the whole file that cannot be split, it held every part back when the planning pass
 * took it. */
typedef struct hasher { const char *path; char hex[65]; qc_status status; qc_error err; } hasher;
static void *hash_file(void *arg)
{
    hasher *h = arg;
    h->status = qc_sha256_file(h->path, h->hex, &h->err);
    return NULL;
}

/* Stops the header-only read once the header record has been taken. */
enum { HEADER_TAKEN = 1000 };
static int header_only(const qc_csv_record *rec, void *ctx)
{
    int st = qc_ingest_on_record(rec, ctx);
    return st ? st : HEADER_TAKEN;
}

static void *run(void *arg)
{
    part *p = arg;
    qc_csv_options opt = {.delimiter = p->spec->delimiter, .encoding = "utf-8",
                          .offset = p->offset, .length = p->length, .first_line = p->line,
                          .progress = p->rd.progress, .progress_user = p->rd.progress_user,
                          .max_field = p->rd.study->max_field_bytes,
                          .max_record = p->rd.study->max_record_bytes};
    p->status = qc_csv_read(p->spec->path, &opt, qc_ingest_on_record, &p->rd, &p->err);
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

static qc_status merge(reader *rd, qc_results *r, qc_results *p)
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
        if (!c || qc_ingest_cell_append(c, pc, r->nctx, remap_id, &m)) st = qc_ingest_oom(rd->err);
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
        a[r->nrejections++] = (qc_rejection){(uint16_t)file, rj->line,
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

qc_status qc_ingest_read_parallel(reader *rd, const qc_results_spec *spec, int threads,
                                  char sha256_hex[65], int *done)
{
    struct stat sb;
    *done = 0;
    if (stat(spec->path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < MIN_PARALLEL_BYTES)
        return QC_OK;
    int want = threads < MAX_PARTS ? threads : MAX_PARTS, np = 0;
    part *parts = calloc((size_t)want + 1, sizeof *parts);
    if (!parts) return qc_ingest_oom(rd->err);
    if (plan(spec->path, (long long)sb.st_size, want, parts, &np) != 0) {
        free(parts);
        return QC_OK;
    }
    /* the header, read by the file's own reader */
    qc_csv_options hopt = {.delimiter = spec->delimiter, .encoding = "utf-8",
                           .length = parts[0].offset, .max_field = rd->study->max_field_bytes,
                           .max_record = rd->study->max_record_bytes};
    qc_status st = qc_csv_read(spec->path, &hopt, header_only, rd, rd->err);
    if (st == (qc_status)HEADER_TAKEN) st = QC_OK;
    else if (!st) st = QC_EDATA;  /* no header record: let the sequential reader say so */
    if (st) {
        free(parts);
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
    int started = 0;
    hasher h = {.path = spec->path};
    pthread_t htid;
    int hashing = ok && tid && pthread_create(&htid, NULL, hash_file, &h) == 0;
    if (ok && tid) {
        for (int k = 1; k < np; k++) {
            if (pthread_create(&tid[k], NULL, run, &parts[k]) != 0) break;
            started = k;
        }
        for (int k = started + 1; k < np; k++) run(&parts[k]);  /* threads that did not start */
        run(&parts[0]);
        for (int k = 1; k <= started; k++) pthread_join(tid[k], NULL);
        for (int k = 0; k < np; k++) ok &= parts[k].status == QC_OK;
        if (hashing) pthread_join(htid, NULL);
        else hash_file(&h);
        ok &= h.status == QC_OK;  /* unreadable now: the sequential reader says so */
    }
    free(tid);
    for (int k = 0; ok && !st && k < np; k++) {
        st = merge(rd, r, parts[k].res);
        for (size_t i = 0; i < rd->rules->nindicators; i++)
            rd->seen_ind[i] |= parts[k].rd.seen_ind[i];
        qc_results_free(parts[k].res);  /* merged: its memory can serve the next */
        parts[k].res = NULL;
    }
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
        *done = 1;
        memcpy(sha256_hex, h.hex, sizeof h.hex);
    }
    return st;
}
