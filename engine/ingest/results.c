/* results.c — the results store (results.h): reads each results file of the study through
 * qc_csv_read (in its encoding), hands the header and each record to its layout (long.c,
 * wide.c), and stores each accepted result in its (product, indicator, group) cell
 * (qc_ingest_store, called by both layouts); then merges replicates when the study asks.
 * Owns the cells, the counts and the rejections. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "qcompare/grow.h"
#include "ingest_internal.h"
#include "qcompare/jsonfile.h"

/* The cell lookup: open addressing, each slot its key beside its cell (one cache line read
 * per probe). */
typedef struct slot { uint64_t key; uint32_t cell; } slot;
typedef struct index_map { slot *slot; size_t nslot; } index_map;

qc_status qc_ingest_oom(qc_error *err) { return qc_error_set(err, QC_ENOMEM, "out of memory"); }

static uint64_t cell_key(const qc_results *r, const qc_product *p, const qc_indicator *i,
                         uint32_t group, const qc_rules *rules)
{
    (void)r;
    return ((uint64_t)(p - rules->products) << 48) ^ ((uint64_t)(i - rules->indicators) << 32) ^
           group;
}

/* splitmix64's finaliser: every bit of the key (product and indicator sit in the high bits)
 * reaches the low bits the table index uses. */
static uint64_t mix(uint64_t k)
{
    k ^= k >> 30;
    k *= 0xbf58476d1ce4e5b9ULL;
    k ^= k >> 27;
    k *= 0x94d049bb133111ebULL;
    return k ^ (k >> 31);
}

qc_cell *qc_ingest_find_cell(qc_results *r, const qc_rules *rules, const qc_product *p,
                          const qc_indicator *ind, uint32_t group)
{
    index_map *m = r->index;
    uint64_t key = cell_key(r, p, ind, group, rules);
    if ((r->ncells + 1) * 2 > m->nslot) {
        size_t n = m->nslot ? m->nslot * 2 : 64;
        slot *t = malloc(n * sizeof *t);
        if (!t) return NULL;
        for (size_t i = 0; i < n; i++) t[i].cell = UINT32_MAX;
        for (size_t i = 0; i < m->nslot; i++) {
            if (m->slot[i].cell == UINT32_MAX) continue;
            size_t j = (size_t)mix(m->slot[i].key) & (n - 1);
            while (t[j].cell != UINT32_MAX) j = (j + 1) & (n - 1);
            t[j] = m->slot[i];
        }
        free(m->slot);
        m->slot = t;
        m->nslot = n;
    }
    size_t j = (size_t)mix(key) & (m->nslot - 1);
    while (m->slot[j].cell != UINT32_MAX) {
        if (m->slot[j].key == key) return &r->cells[m->slot[j].cell];
        j = (j + 1) & (m->nslot - 1);
    }
    qc_cell *cells = qc_grow(r->cells, r->ncells, sizeof *cells);
    if (!cells) return NULL;
    r->cells = cells;
    qc_cell *c = &cells[r->ncells];
    memset(c, 0, sizeof *c);
    c->product = p;
    c->indicator = ind;
    c->group = group;
    c->empty = r->empty;
    m->slot[j] = (slot){key, (uint32_t)r->ncells++};
    return c;
}

/* The columns of a cell, as a table: where each is, its element size, how many elements a
 * result has, its default (NULL: kept for every result, never lazy). */
typedef struct column { void **p; size_t size, per; const void *dflt; } column;
enum { C_X, C_LINE, C_LOD, C_KIND, C_SAMPLE, C_FILE, C_CTX, C_U, C_SU, C_USRC, C_METHOD,
       C_KEPT_AT, C_KEPT_LINE, C_KEPT_SAMPLE, NCOLUMNS };
static const double none_d = NAN;
static const uint8_t zero_u8 = 0;
static const uint16_t zero_u16 = 0;
static const uint32_t zero_u32 = 0;

static void columns(qc_cell *c, size_t nctx, column t[NCOLUMNS])
{
#define COL(k, f, per, d) t[k] = (column){(void **)&c->f, sizeof *c->f, (per), (d)}
    COL(C_X, x, 1, NULL);
    COL(C_LINE, line, 1, &zero_u32);
    COL(C_LOD, lod, 1, &none_d);
    COL(C_KIND, kind, 1, &zero_u8);          /* QC_VALUE_NUMBER */
    COL(C_SAMPLE, sample, 1, &c->empty);
    COL(C_FILE, file, 1, &zero_u16);
    COL(C_CTX, ctx, nctx ? nctx : 1, &c->empty);
    COL(C_U, U, 1, &none_d);
    COL(C_SU, u, 1, &none_d);
    COL(C_USRC, usrc, 1, &zero_u8);          /* QC_USRC_NONE */
    COL(C_METHOD, method, 1, &c->empty);
    /* the kept results: grown by keep(), never by the cell */
    COL(C_KEPT_AT, kept_at, 0, NULL);
    COL(C_KEPT_LINE, kept_line, 0, NULL);
    COL(C_KEPT_SAMPLE, kept_sample, 0, NULL);
#undef COL
}

size_t qc_cell_kept(const qc_cell *c, size_t i)
{
    size_t lo = 0, hi = c->nkept;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->kept_at[mid] < i) lo = mid + 1;
        else hi = mid;
    }
    return lo < c->nkept && c->kept_at[lo] == i ? lo : SIZE_MAX;
}

/* Appends result i's line and sample id to the kept ones of a cell that is not dense. */
static int keep(qc_cell *c, size_t i, uint32_t line, uint32_t sample)
{
    if (c->nkept == c->capkept) {
        size_t cap = c->capkept ? c->capkept * 2 : 8;
        uint32_t *a = realloc(c->kept_at, cap * sizeof *a);
        if (a) c->kept_at = a;
        uint32_t *l = a ? realloc(c->kept_line, cap * sizeof *l) : NULL;
        if (l) c->kept_line = l;
        uint32_t *s = l ? realloc(c->kept_sample, cap * sizeof *s) : NULL;
        if (!s) return -1;
        c->kept_sample = s;
        c->capkept = cap;
    }
    c->kept_at[c->nkept] = (uint32_t)i;
    c->kept_line[c->nkept] = line;
    c->kept_sample[c->nkept++] = sample;
    return 0;
}

int qc_ingest_cell_grow(qc_cell *c, size_t nctx)
{
    size_t cap = c->cap ? c->cap * 2 : 32;
    column t[NCOLUMNS];
    columns(c, nctx, t);
    for (size_t k = 0; k < NCOLUMNS; k++) {
        if ((!*t[k].p && t[k].dflt) || !t[k].per) continue;  /* lazy and not needed yet; kept */
        void *p = realloc(*t[k].p, t[k].size * t[k].per * cap);
        if (!p) return -1;
        *t[k].p = p;
    }
    c->cap = cap;
    return 0;
}

/* Allocates the lazy column t (when it is not yet) with its default for the n results held. */
static int need(const column *t, size_t cap, size_t n)
{
    if (*t->p) return 0;
    unsigned char *p = malloc(t->size * t->per * cap);
    if (!p) return -1;
    for (size_t i = 0; i < n * t->per; i++) memcpy(p + i * t->size, t->dflt, t->size);
    *t->p = p;
    return 0;
}

int qc_ingest_cell_materialize(qc_cell *c, size_t nctx)
{
    column t[NCOLUMNS];
    columns(c, nctx, t);
    for (size_t k = 0; k < NCOLUMNS; k++)
        if (t[k].dflt && need(&t[k], c->cap, c->n)) return -1;
    return 0;  /* only a dense cell is materialised: its line and sample are now allocated */
}

/* Allocates lazy column k of c for the n results held (the rare path of a put). */
static int need_column(qc_cell *c, size_t nctx, size_t k, size_t n)
{
    column t[NCOLUMNS];
    columns(c, nctx, t);
    return need(&t[k], c->cap, n);
}

int qc_ingest_cell_put(qc_cell *c, size_t nctx, const result_row *v)
{
    if (c->n == c->cap && qc_ingest_cell_grow(c, nctx)) return -1;
    size_t i = c->n;
    c->x[i] = v->x;
    /* a lazy column is written once it exists, and made to exist by a value off its default */
#define PUT(k, f, off_default)                                                    \
    if (c->f || (off_default)) {                                                  \
        if (!c->f && need_column(c, nctx, k, i)) return -1;                       \
        c->f[i] = v->f;                                                           \
    }
    PUT(C_LINE, line, c->dense)
    PUT(C_LOD, lod, !isnan(v->lod))
    PUT(C_KIND, kind, v->kind != QC_VALUE_NUMBER)
    PUT(C_SAMPLE, sample, c->dense && v->sample != c->empty)
    PUT(C_FILE, file, v->file != 0)
    PUT(C_U, U, !isnan(v->U))
    PUT(C_SU, u, !isnan(v->u))
    PUT(C_USRC, usrc, v->usrc != QC_USRC_NONE)
    PUT(C_METHOD, method, v->method != c->empty)
#undef PUT
    int any = c->ctx != NULL;
    for (size_t k = 0; !any && v->ctx && k < nctx; k++) any = v->ctx[k] != c->empty;
    if (any) {
        if (!c->ctx && need_column(c, nctx, C_CTX, i)) return -1;
        for (size_t k = 0; k < nctx; k++) c->ctx[i * nctx + k] = v->ctx ? v->ctx[k] : c->empty;
    }
    if (!c->dense && v->keep && keep(c, i, v->line, v->sample)) return -1;
    if (v->kind == QC_VALUE_MISSING) c->n_missing++;
    c->n++;
    return 0;
}

int qc_ingest_cell_append(qc_cell *c, const qc_cell *from, size_t nctx, qc_ingest_remap map,
                          void *u)
{
    size_t n0 = c->n, m = from->n;
    if (m == 0) return 0;
    while (c->cap < n0 + m)
        if (qc_ingest_cell_grow(c, nctx)) return -1;
    column t[NCOLUMNS], f[NCOLUMNS];
    columns(c, nctx, t);
    columns((qc_cell *)from, nctx, f);
    for (size_t k = 0; k < NCOLUMNS; k++) {
        const unsigned char *src = *f[k].p;
        if (!t[k].per || (!src && !*t[k].p)) continue;  /* kept_* (below), or default in both */
        if (!*t[k].p && need(&t[k], c->cap, n0)) return -1;
        unsigned char *dst = (unsigned char *)*t[k].p + n0 * t[k].per * t[k].size;
        size_t cnt = m * t[k].per;
        if (!src) {
            for (size_t i = 0; i < cnt; i++) memcpy(dst + i * t[k].size, t[k].dflt, t[k].size);
        } else if (k == C_SAMPLE || k == C_CTX || k == C_METHOD || k == C_FILE) {
            for (size_t i = 0; i < cnt; i++) {  /* ids of the other store's strings or files */
                uint32_t id = k == C_FILE ? ((const uint16_t *)src)[i] : ((const uint32_t *)src)[i];
                if ((id = map(u, k == C_FILE, id)) == UINT32_MAX) return -1;
                if (k == C_FILE) ((uint16_t *)dst)[i] = (uint16_t)id;
                else ((uint32_t *)dst)[i] = id;
            }
        } else {
            memcpy(dst, src, cnt * t[k].size);
        }
    }
    for (size_t j = 0; !c->dense && j < from->nkept; j++) {
        uint32_t sample = map(u, 0, from->kept_sample[j]);
        if (sample == UINT32_MAX || keep(c, n0 + from->kept_at[j], from->kept_line[j], sample))
            return -1;
    }
    c->n_missing += from->n_missing;
    c->n += m;
    return 0;
}

/* The id of s in t, through a one-entry cache of the column's last value: a lab's long export
 * repeats a sample's id (and its group and method) on consecutive rows, so most rows are one
 * comparison instead of a hash probe. "" is the store's empty id. */
static uint32_t intern_cached(qc_results *r, uint32_t *last, const char *s, size_t len)
{
    if (len == 0) return r->empty;
    if (*last != QC_INTERN_NONE && qc_intern_len(r->strings, *last) == len &&
        memcmp(qc_intern_str(r->strings, *last), s, len) == 0)
        return *last;
    return *last = qc_intern_add(r->strings, s, len);
}

void qc_ingest_reader_forget(reader *rd)
{
    rd->last_sample = rd->last_method = rd->last_group = rd->last_origin = QC_INTERN_NONE;
}

int qc_ingest_reject(reader *rd, size_t line, const char *column, const char *reason,
                     size_t count)
{
    qc_results *r = rd->res;
    qc_rejection *rj = qc_grow(r->rejections, r->nrejections, sizeof *rj);
    if (!rj) return qc_ingest_oom(rd->err);
    r->rejections = rj;
    rj += r->nrejections;
    rj->file = rd->rec_file;  /* the record's origin when it names one */
    rj->line = rd->from_origin ? rd->rec_line : (uint32_t)line;
    uint32_t id = qc_intern_add(r->strings, column, strlen(column));
    uint32_t rid = qc_intern_add(r->strings, reason, strlen(reason));
    if (id == QC_INTERN_NONE || rid == QC_INTERN_NONE) return qc_ingest_oom(rd->err);
    rj->column = (char *)qc_intern_str(r->strings, id);
    rj->reason = qc_intern_str(r->strings, rid);
    rj->cell = 0;
    int at = rd->at_field;
    rd->at_field = -1;
    if (at >= (int)rd->nset && rd->header_names && !rd->from_origin)
        rj->cell = (uint32_t)(at - (int)rd->nset + 1);
    for (size_t i = rd->nset; !rj->cell && rd->header_names && !rd->from_origin && column[0] &&
                              i < rd->nfields; i++)
        if (strcasecmp(rd->header_names[i], column) == 0) rj->cell = (uint32_t)(i - rd->nset + 1);
    r->nrejections++;
    r->files[rd->file].rejected += count;
    return 0;
}

/* Converts the parsed value (and lod) from the row's unit column to the indicator's. */
static const char *convert(reader *rd, const qc_csv_record *rec, const result_in *in,
                           qc_value *v, double *lod, double *scale)
{
    qc_unit_map m = {1.0, 0.0};
    *scale = 1.0;
    if (in->map) {
        m = *in->map;
    } else {
        if (rd->col[COL_UNIT] < 0) return NULL;
        const char *unit = rec->field[rd->col[COL_UNIT]];
        if (unit[0] == '\0' || strcmp(unit, in->ind->unit) == 0) return NULL;
        const char *why = NULL;
        qc_status s = qc_units_map(rd->rules->units, unit, in->ind->unit, &m, &why);
        if (s == QC_ENOMEM) return "out of memory";
        if (s) return why;
    }
    v->x = m.scale * v->x + m.offset;
    *lod = m.scale * *lod + m.offset;
    *scale = m.scale;
    return NULL;
}

int qc_ingest_store(reader *rd, const qc_csv_record *rec, const row *rw, const result_in *in)
{
    char msg[512];
    const qc_indicator *ind = in->ind;
    qc_value v;
    const char *why = NULL;
    double lod = rw->lod;
    rd->at_field = in->value_field;
    if (qc_ingest_value(rd, in->value, in->value_len, &v, msg, sizeof msg))
        return qc_ingest_reject(rd, rec->line, in->value_column, msg, 1);
    if (v.kind == QC_VALUE_ND && isnan(lod))
        return qc_ingest_reject(rd, rec->line, in->value_column,
                                "ND needs the row's lod (limit of detection)", 1);
    rd->at_field = -1;
    /* uncertainty from the row, in the row's unit (converted below with the value) */
    qc_uncertainty_cells uc;
    static const int ucol[QC_UNC_NCOLS] = {COL_U, COL_K, COL_U_STD, COL_U_REL};
    for (int q = 0; q < QC_UNC_NCOLS; q++) {
        int f = in->uncertainty ? rd->col[ucol[q]] : -1;
        uc.text[q] = f >= 0 ? rec->field[f] : NULL;
        uc.len[q] = f >= 0 ? rec->len[f] : 0;
    }
    double U, u, scale;
    int usrc, bad_col;
    if (qc_uncertainty_of(&uc, v.x, &U, &u, &usrc, &bad_col, &why) != QC_OK)
        return qc_ingest_reject(rd, rec->line, qc_uncertainty_column(bad_col), why, 1);
    if ((why = convert(rd, rec, in, &v, &lod, &scale))) {
        if (strcmp(why, "out of memory") == 0) return qc_ingest_oom(rd->err);
        const char *unit = rec->field[rd->col[COL_UNIT]];
        snprintf(msg, sizeof msg, "%s: \"%.*s\" to \"%s\"", why,
                 CUT(unit, rec->len[rd->col[COL_UNIT]], 60), unit, ind->unit);
        return qc_ingest_reject(rd, rec->line, qc_ingest_column_name(rd, COL_UNIT), msg, 1);
    }
    U *= fabs(scale);
    u *= fabs(scale);
    size_t ii = (size_t)(ind - rd->rules->indicators);
    if (usrc == QC_USRC_NONE && rd->has_udef[ii] &&
        qc_uncertainty_from_default(&rd->udef[ii], v.x, &U, &u) == QC_OK)
        usrc = QC_USRC_DEFAULT;
    qc_results *r = rd->res;
    int mc = rd->col[COL_METHOD], sc = rd->col[COL_SAMPLE];
    uint32_t *ctx = rd->ctx_ids;
    result_row row = {.x = v.x, .lod = lod, .U = U, .u = u, .line = rd->rec_line,
                      .file = rd->rec_file, .kind = (uint8_t)v.kind, .usrc = (uint8_t)usrc, .ctx = ctx};
    const char *mtext = mc >= 0 ? rec->field[mc] : "";
    size_t mlen = mc >= 0 ? rec->len[mc] : 0;
    row.method = intern_cached(r, &rd->last_method, mtext, mlen);
    uint32_t gid = intern_cached(r, &rd->last_group, rw->group, rw->glen);
    int oom = row.method == QC_INTERN_NONE;
    for (size_t k = 0; k < r->nctx; k++) {
        int f = rd->ctx_col[k];
        ctx[k] = f >= 0 && rec->len[f] ? qc_intern_add(r->strings, rec->field[f], rec->len[f]) : r->empty;
        oom |= ctx[k] == QC_INTERN_NONE;
    }
    qc_cell *c = gid == QC_INTERN_NONE ? NULL : qc_ingest_find_cell(r, rd->rules, rw->prod, ind, gid);
    if (!c || oom || (!c->keep && !c->dense && qc_ingest_keep_plan(rd, c)))
        return qc_ingest_oom(rd->err);
    /* only a result the analysis may name keeps its sample id (interned) and line */
    row.keep = c->dense || qc_ingest_keep(c->keep, rd->study, &row, mtext, mlen);
    row.sample = r->empty;
    if (row.keep && sc >= 0 &&
        (row.sample = intern_cached(r, &rd->last_sample, rec->field[sc], rec->len[sc])) == QC_INTERN_NONE)
        return qc_ingest_oom(rd->err);
    if (qc_ingest_cell_put(c, r->nctx, &row)) return qc_ingest_oom(rd->err);
    rd->seen_ind[ii] = 1;
    r->files[rd->file].accepted++;
    return 0;
}

/* The whole file is refused when a record is not UTF-8: it is almost surely GB18030/GBK from
 * Excel, and every text in it would be wrong. The line is the physical line of the bad byte. */
static int check_utf8(reader *rd, const qc_csv_record *rec)
{
    size_t line = rec->line;
    for (size_t i = 0; i < rec->nfields; i++) {
        size_t ok = qc_utf8_valid_prefix(rec->field[i], rec->len[i]);
        if (memchr(rec->field[i], '\n', ok))
            for (size_t j = 0; j < ok; j++) line += rec->field[i][j] == '\n';
        if (ok == rec->len[i]) continue;
        return qc_error_set(rd->err, QC_EDATA, "%s:%zu: not valid UTF-8 (field %zu, byte %zu): "
                            "the file is probably GB18030/GBK (Excel's \"CSV\"): run with "
                            "--encoding gb18030 (or \"encoding\": \"gb18030\" in the study), or "
                            "save it as \"CSV UTF-8\"", rd->path, line, i + 1, ok + 1);
    }
    return 0;
}

int qc_ingest_dispatch(reader *rd, const qc_csv_record *rec)
{
    if (!rd->header_seen) {
        rd->header_seen = 1;
        return rd->wide ? qc_ingest_wide_header(rd, rec) : qc_ingest_long_header(rd, rec);
    }
    return rd->wide ? qc_ingest_wide_record(rd, rec) : qc_ingest_long_record(rd, rec);
}

int qc_ingest_on_record(const qc_csv_record *rec, void *ctx)
{
    reader *rd = ctx;
    int bad = rec->utf8 ? 0 : check_utf8(rd, rec);  /* the reader checked its blocks */
    if (bad) return bad;
    qc_ingest_origin_start(rd, rec);
    return rd->nset ? qc_ingest_with_set(rd, rec) : qc_ingest_dispatch(rd, rec);
}

/* Context columns that some `when` of the study's standards reads. */
static qc_status keep_context(qc_results *r, const char *col)
{
    if (qc_results_context_index(r, col) >= 0) return QC_OK;
    char **c = qc_grow(r->ctx_columns, r->nctx, sizeof *c);
    if (!c) return QC_ENOMEM;
    r->ctx_columns = c;
    c[r->nctx++] = (char *)col;
    return QC_OK;
}

/* Context columns kept per result: those a `when` of the study's standards reads, `batch`
 * (subgroups for the within-batch capability) and the study's `factor`. */
static qc_status collect_context(qc_results *r, const qc_study *s)
{
    if (keep_context(r, "batch") || (s->factor && keep_context(r, s->factor))) return QC_ENOMEM;
    for (size_t p = 0; p < s->nproducts; p++)
        for (size_t k = 0; k < s->products[p].nstandards; k++) {
            const qc_standard *st = s->products[p].standards[k].standard;
            /* every grade, not only the one listed: grading tries them all */
            for (const qc_grade *g = st->grades; g < st->grades + st->ngrades; g++)
                for (size_t a = 0; a < g->nsets; a++)
                    for (size_t b = 0; b < g->sets[a].npieces; b++)
                        for (size_t w = 0; w < g->sets[a].piece[b].nwhen; w++)
                            if (keep_context(r, g->sets[a].piece[b].when[w].column))
                                return QC_ENOMEM;
        }
    return QC_OK;
}

/* A file that lacks a context column some listed standard needs to choose the limit for an
 * indicator the file has results of: an error naming the column, the standard and the
 * indicator (the results could not be judged). */
qc_status qc_ingest_check_context(const reader *rd)
{
    const qc_study *s = rd->study;
    for (size_t k = 0; k < rd->res->nctx; k++) {
        if (rd->ctx_col[k] >= 0) continue;
        const char *col = rd->res->ctx_columns[k];
        for (size_t p = 0; p < s->nproducts; p++)
            for (size_t q = 0; q < s->products[p].nstandards; q++) {
                const qc_study_standard *ss = &s->products[p].standards[q];
                for (const qc_grade *g = ss->grade; g; g = g->inherits ? qc_standard_grade(ss->standard, g->inherits) : NULL)
                    for (size_t a = 0; a < g->nsets; a++) {
                        const qc_indicator *ind = qc_rules_indicator(rd->rules, g->sets[a].indicator);
                        if (!ind || !rd->seen_ind[ind - rd->rules->indicators]) continue;
                        for (size_t b = 0; b < g->sets[a].npieces; b++)
                            for (size_t w = 0; w < g->sets[a].piece[b].nwhen; w++)
                                if (strcmp(g->sets[a].piece[b].when[w].column, col) == 0)
                                    return qc_error_set(rd->err, QC_EDATA, "%s:1: the header has no "
                                                        "column \"%s\", which %s@%s needs to choose "
                                                        "its limit on %s", rd->path, col,
                                                        ss->standard->id, ss->grade->name, ind->id);
                    }
            }
    }
    return QC_OK;
}

/* The reader's per-file tables: renames, where, context columns, default uncertainties. */
qc_status qc_ingest_reader_init(reader *rd, const qc_results *r, const qc_study *s, size_t f)
{
    const qc_rules *rules = rd->rules;
    const cJSON *doc = s->json, *entry = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "results"), (int)f);
    rd->wide = strcmp(s->results[f].layout, "wide") == 0;
    rd->columns = cJSON_GetObjectItemCaseSensitive(entry, "columns");
    rd->set = cJSON_GetObjectItemCaseSensitive(entry, "set");
    rd->at_field = -1;
    rd->nset = (size_t)cJSON_GetArraySize(rd->set);
    qc_ingest_tokens_init(rd);
    if (!rd->columns) rd->columns = cJSON_GetObjectItemCaseSensitive(doc, "columns");
    rd->where = cJSON_GetObjectItemCaseSensitive(doc, "where");
    rd->nwhere = (size_t)cJSON_GetArraySize(rd->where);
    rd->ctx_col = calloc(r->nctx + 1, sizeof *rd->ctx_col);
    rd->ctx_ids = calloc(r->nctx + 1, sizeof *rd->ctx_ids);
    qc_ingest_reader_forget(rd);
    rd->where_col = calloc(rd->nwhere + 1, sizeof *rd->where_col);
    rd->where_val = calloc(rd->nwhere + 1, sizeof *rd->where_val);
    rd->seen_ind = calloc(rules->nindicators + 1, 1);
    rd->udef = calloc(rules->nindicators + 1, sizeof *rd->udef);
    rd->has_udef = calloc(rules->nindicators + 1, 1);
    rd->products.names = qc_intern_new();
    rd->indicators.names = qc_intern_new();
    if (!rd->ctx_col || !rd->ctx_ids || !rd->where_col || !rd->where_val || !rd->products.names ||
        !rd->indicators.names || !rd->udef || !rd->has_udef || !rd->seen_ind)
        return qc_ingest_oom(rd->err);
    const cJSON *du = cJSON_GetObjectItemCaseSensitive(doc, "default_uncertainty");
    for (const cJSON *e = du ? du->child : NULL; e; e = e->next) {
        const qc_indicator *ind = qc_rules_indicator(rules, e->string);
        if (!ind) continue;  /* the study loader has already refused unknown indicators */
        size_t ii = (size_t)(ind - rules->indicators);
        rd->udef[ii] = (qc_uncertainty_default){qc_json_num(e, "U", 0), qc_json_num(e, "k", 0),
                                                qc_json_num(e, "u_std", 0), qc_json_num(e, "U_rel", 0)};
        rd->has_udef[ii] = 1;
    }
    size_t k = 0;
    for (const cJSON *w = rd->where ? rd->where->child : NULL; w; w = w->next) rd->where_val[k++] = w;
    return QC_OK;
}

void qc_ingest_reader_free(reader *rd)
{
    free(rd->ctx_col); free(rd->ctx_ids); free(rd->where_col); free(rd->where_val); free(rd->udef);
    free(rd->has_udef); free(rd->seen_ind); free(rd->wcol); free(rd->header_names);
    qc_ingest_name_cache_free(&rd->products);
    qc_ingest_name_cache_free(&rd->indicators);
}

static qc_status read_file(qc_results *r, const qc_study *s, const qc_rules *rules,
                           const qc_load_options *lo, qc_names *names, size_t f,
                           qc_ingest_progress *ps, qc_error *err)
{
    const qc_results_spec *spec = &s->results[f];
    reader rd = {.res = r, .study = s, .rules = rules, .judge = lo->judge, .names = names, .file = (uint16_t)f,
                 .path = spec->path, .err = err, .progress = ps ? qc_ingest_on_block : NULL,
                 .progress_user = ps};
    qc_file_counts *fc = &r->files[f];
    fc->layout = spec->layout;
    fc->encoding = spec->encoding;
    qc_status st = qc_ingest_reader_init(&rd, r, s, f);
    if (!st && !(fc->path = strdup(spec->path))) st = qc_ingest_oom(err);
    /* the file is hashed on the blocks the reader parses: one read */
    qc_csv_options opt = {.delimiter = spec->delimiter, .block_size = 0, .encoding = spec->encoding,
                          .sha256_hex = fc->sha256, .progress = rd.progress,
                          .progress_user = rd.progress_user, .max_field = s->max_field_bytes,
                          .max_record = s->max_record_bytes};
    int done = 0;
    fc->parts = 1;
    if (!st && lo->threads > 1 && strcmp(spec->encoding, "utf-8") == 0 && !qc_ingest_is_xlsx(spec->path)) {
        st = qc_ingest_read_parallel(&rd, spec, lo, fc->sha256, &done);
        if (done) fc->parts = done;
        if (!done && !st) {  /* not split: read it whole, from a fresh reader */
            qc_ingest_reader_free(&rd);
            rd = (reader){.res = r, .study = s, .rules = rules, .judge = lo->judge, .names = names,
                          .file = (uint16_t)f, .path = spec->path, .err = err, .progress = ps ? qc_ingest_on_block : NULL,
                          .progress_user = ps};
            st = qc_ingest_reader_init(&rd, r, s, f);
        }
    }
    if (!st && !done && qc_ingest_is_xlsx(spec->path)) st = qc_ingest_read_xlsx(&rd, s, f, fc, err);
    else if (!st && !done) st = qc_csv_read(spec->path, &opt, qc_ingest_on_record, &rd, err);
    if (!st && !rd.header_seen)
        st = qc_error_set(err, QC_EDATA, "%s:1: empty file: no header", spec->path);
    if (!st) st = qc_ingest_check_context(&rd);
    qc_ingest_reader_free(&rd);
    return st;
}

qc_status qc_results_load(const qc_study *study, const qc_rules *rules, qc_results **out,
                          qc_error *err)
{
    return qc_results_load_threads(study, rules, 1, out, err);
}

qc_results *qc_ingest_results_new(size_t nfiles, const qc_results *like)
{
    qc_results *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->strings = qc_intern_new();
    r->index = calloc(1, sizeof(index_map));
    r->files = calloc(nfiles + 1, sizeof *r->files);
    r->nfiles = nfiles;
    r->empty = r->strings ? qc_intern_add(r->strings, "", 0) : QC_INTERN_NONE;
    if (like && like->nctx) {
        r->ctx_columns = malloc(qc_grow_capacity(like->nctx) * sizeof *r->ctx_columns);
        if (r->ctx_columns) memcpy(r->ctx_columns, like->ctx_columns, like->nctx * sizeof *r->ctx_columns);
        r->nctx = like->nctx;
    }
    if (!r->strings || r->empty == QC_INTERN_NONE || !r->index || !r->files ||
        (like && like->nctx && !r->ctx_columns)) {
        qc_results_free(r);
        return NULL;
    }
    return r;
}

qc_status qc_results_load_threads(const qc_study *study, const qc_rules *rules, int threads,
                                  qc_results **out, qc_error *err)
{
    qc_load_options o = {.threads = threads};
    return qc_results_load_opts(study, rules, &o, out, err);
}

qc_status qc_results_load_opts(const qc_study *study, const qc_rules *rules,
                               const qc_load_options *opt, qc_results **out, qc_error *err)
{
    qc_load_options lo = opt ? *opt : (qc_load_options){0};
    qc_ingest_progress ps = {.fn = opt ? opt->progress : NULL, .user = opt ? opt->progress_user : NULL};
    if (ps.fn) {
        pthread_mutex_init(&ps.lock, NULL);
        for (size_t f = 0; f < study->nresults; f++) {
            struct stat sb;
            if (stat(study->results[f].path, &sb) == 0 && S_ISREG(sb.st_mode))
                ps.p.total += (unsigned long long)sb.st_size;
        }
    }
    qc_results *r = qc_ingest_results_new(study->nresults, NULL);
    if (!r) {
        if (ps.fn) pthread_mutex_destroy(&ps.lock);
        return qc_ingest_oom(err);
    }
    qc_status st = QC_OK;
    qc_names *names = NULL;
    if (collect_context(r, study) || qc_names_new(rules, &names)) st = qc_ingest_oom(err);

    if (study->nresults > UINT16_MAX) st = qc_error_set(err, QC_ERULES, "%s: $.results: too many files", study->path);
    for (size_t f = 0; !st && f < study->nresults; f++)
        st = read_file(r, study, rules, &lo, names, f, ps.fn ? &ps : NULL, err);
    qc_names_free(names);
    if (ps.fn) pthread_mutex_destroy(&ps.lock);
    for (size_t i = 0; i < r->ncells; i++) {  /* the plans are of reading only */
        qc_ingest_keep_free(r->cells[i].keep);
        r->cells[i].keep = NULL;
    }
    if (!st && strcmp(study->replicates, "mean") == 0) st = qc_ingest_merge_replicates(r, err);
    if (st) { qc_results_free(r); return st; }
    *out = r;
    return QC_OK;
}

void qc_results_free(qc_results *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->ncells; i++) {
        qc_cell *c = &r->cells[i];
        column t[NCOLUMNS];
        columns(c, r->nctx, t);
        for (size_t k = 0; k < NCOLUMNS; k++) free(*t[k].p);
        qc_ingest_keep_free(c->keep);
    }
    for (size_t i = 0; i < r->nfiles; i++) {
        free(r->files[i].path); free(r->files[i].columns); free(r->files[i].sheet);
    }
    qc_intern_free(r->origins);
    index_map *m = r->index;
    if (m) { free(m->slot); free(m); }
    free(r->cells); free(r->files); free(r->rejections); free(r->ctx_columns);
    qc_intern_free(r->strings);
    free(r);
}

const char *qc_cell_context(const qc_results *r, const qc_cell *c, size_t i, size_t k)
{
    return qc_intern_str(r->strings, qc_cell_ctx(c, i, k, r->nctx));
}

int qc_results_context_index(const qc_results *r, const char *column)
{
    for (size_t k = 0; k < r->nctx; k++)
        if (strcmp(r->ctx_columns[k], column) == 0) return (int)k;
    return -1;
}
