/* catalog.c — which standard files of a rules directory a study needs (catalog.h, rules.h
 * qc_rules_load_study; docs/design.md "Rules a study uses"), and the load of only those: the
 * catalog of what every file declares comes from the cache of a run that loaded and validated
 * the whole library (catalog_cache.c), else the whole library is loaded, validated, written to
 * the cache and cut down to what the study needs. Either way the same files are kept, so the
 * analysis is the same with and without the cache. Owns the catalog's lookup tables.
 *
 * A study needs the files of: every standard naming one of its products (portfolio, market
 * access); every standard it names by id in products[].standards[] and compare_standards, or
 * by an id without its year (every edition "ID-YYYY", so the edition in force is found among
 * all); and, again for every file kept, the standard its superseded_by names, the other
 * editions of its id (editions.c: in force, successor) and the standards its derived limits'
 * `from` names (bands.c). */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "qcompare/grow.h"
#include "qcompare/intern.h"

/* ---------- entries ---------- */

static int push_str(qc_catalog *c, const char *s)
{
    const char **g = qc_grow(c->str, c->nstr, sizeof *g);
    if (!g) return -1;
    c->str = g;
    c->str[c->nstr++] = s;
    return 0;
}

qc_status qc_catalog_add(qc_catalog *c, const qc_standard *s)
{
    qc_cat_entry *e = qc_grow(c->e, c->n, sizeof *e);
    if (!e) return QC_ENOMEM;
    c->e = e;
    e = &c->e[c->n++];
    *e = (qc_cat_entry){s->id, s->superseded_by, c->nstr, s->nproducts, 0};
    for (size_t k = 0; k < s->nproducts; k++)
        if (push_str(c, s->products[k])) return QC_ENOMEM;
    for (size_t g = 0; g < s->ngrades; g++)
        for (size_t k = 0; k < s->grades[g].nsets; k++)
            for (size_t p = 0; p < s->grades[g].sets[k].npieces; p++) {
                const qc_derived *d = s->grades[g].sets[k].piece[p].derived;
                if (!d || !d->from) continue;
                if (push_str(c, d->from)) return QC_ENOMEM;
                e->nfroms++;
            }
    return QC_OK;
}

static int same_str(const char *a, const char *b)
{
    return (!a || !*a) ? (!b || !*b) : (b && strcmp(a, b) == 0);
}

int qc_catalog_same(const qc_catalog *a, size_t i, const qc_catalog *b, size_t j)
{
    const qc_cat_entry *x = &a->e[i], *y = &b->e[j];
    if (strcmp(x->id, y->id) != 0 || !same_str(x->superseded_by, y->superseded_by) ||
        x->nproducts != y->nproducts || x->nfroms != y->nfroms)
        return 0;
    for (size_t k = 0; k < x->nproducts + x->nfroms; k++)
        if (strcmp(a->str[x->first + k], b->str[y->first + k]) != 0) return 0;
    return 1;
}

void qc_catalog_free(qc_catalog *c)
{
    free(c->e);
    free(c->str);
    free(c->text);
    memset(c, 0, sizeof *c);
}

/* ---------- lookups: a name to the entries it names ---------- */

typedef struct multimap {
    qc_intern *keys;
    uint32_t *head;        /* key id -> its first link, UINT32_MAX when none */
    uint32_t *entry, *next;  /* links */
    size_t nlinks;
} multimap;

static int mm_add(multimap *m, const char *key, size_t len, uint32_t e)
{
    size_t before = qc_intern_count(m->keys);
    uint32_t k = qc_intern_add(m->keys, key, len);
    if (k == QC_INTERN_NONE) return -1;
    if (qc_intern_count(m->keys) > before) {
        uint32_t *h = qc_grow(m->head, before, sizeof *h);
        if (!h) return -1;
        m->head = h;
        h[k] = UINT32_MAX;
    }
    uint32_t *en = qc_grow(m->entry, m->nlinks, sizeof *en);
    if (en) m->entry = en;
    uint32_t *nx = en ? qc_grow(m->next, m->nlinks, sizeof *nx) : NULL;
    if (!nx) return -1;
    m->next = nx;
    m->entry[m->nlinks] = e;
    m->next[m->nlinks] = m->head[k];
    m->head[k] = (uint32_t)m->nlinks++;
    return 0;
}

static uint32_t mm_first(const multimap *m, const char *key, size_t len)
{
    uint32_t k = qc_intern_find(m->keys, key, len);
    return k == QC_INTERN_NONE ? UINT32_MAX : m->head[k];
}

static void mm_free(multimap *m)
{
    qc_intern_free(m->keys);
    free(m->head); free(m->entry); free(m->next);
}

typedef struct needs {
    const qc_catalog *c;
    multimap ids, editions, products;  /* id; id without its year; product id */
    char *keep;
    uint32_t *queue;
    size_t nqueue;
} needs;

static void take(needs *x, const multimap *m, const char *key, size_t len)
{
    for (uint32_t l = mm_first(m, key, len); l != UINT32_MAX; l = m->next[l]) {
        uint32_t e = m->entry[l];
        if (!x->keep[e]) x->keep[e] = 1, x->queue[x->nqueue++] = e;
    }
}

/* The id of "ID@GRADE" as the study loader and bands.c cut it (512 bytes, the last "@"). */
static const char *spec_id(const char *spec, char buf[512])
{
    snprintf(buf, 512, "%s", spec);
    char *at = strrchr(buf, '@');
    if (at) *at = '\0';
    return buf;
}

/* A standard the study names: that id, and every edition of it when it has none. */
static void named(needs *x, const char *id)
{
    take(x, &x->ids, id, strlen(id));
    take(x, &x->editions, id, strlen(id));
}

static int tables(needs *x)
{
    const qc_catalog *c = x->c;
    if (!(x->ids.keys = qc_intern_new()) || !(x->editions.keys = qc_intern_new()) ||
        !(x->products.keys = qc_intern_new()))
        return -1;
    for (size_t i = 0; i < c->n; i++) {
        const qc_cat_entry *e = &c->e[i];
        if (mm_add(&x->ids, e->id, strlen(e->id), (uint32_t)i)) return -1;
        /* under every id without a year it has: "BS 4449" and "BS 4449:2005+A3" */
        for (size_t k = 0; e->id[k]; k++)
            if (qc_rules_is_edition(e->id + k) && mm_add(&x->editions, e->id, k, (uint32_t)i))
                return -1;
        for (size_t k = 0; k < e->nproducts; k++) {
            const char *p = c->str[e->first + k];
            if (mm_add(&x->products, p, strlen(p), (uint32_t)i)) return -1;
        }
    }
    return 0;
}

qc_status qc_catalog_needs(const qc_catalog *c, const cJSON *study, char *keep)
{
    needs x = {.c = c, .keep = keep, .queue = malloc((c->n + 1) * sizeof *x.queue)};
    memset(keep, 0, c->n);
    qc_status st = x.queue && !tables(&x) ? QC_OK : QC_ENOMEM;
    char buf[512];
    const cJSON *prods = st ? NULL : cJSON_GetObjectItemCaseSensitive(study, "products");
    for (const cJSON *p = cJSON_IsArray(prods) ? prods->child : NULL; p; p = p->next) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(p, "product");
        if (cJSON_IsString(id)) take(&x, &x.products, id->valuestring, strlen(id->valuestring));
        const cJSON *stds = cJSON_GetObjectItemCaseSensitive(p, "standards");
        for (const cJSON *s = cJSON_IsArray(stds) ? stds->child : NULL; s; s = s->next) {
            const cJSON *sid = cJSON_GetObjectItemCaseSensitive(s, "id");
            if (cJSON_IsString(sid)) named(&x, sid->valuestring);
        }
        const cJSON *pairs = cJSON_GetObjectItemCaseSensitive(p, "compare_standards");
        for (const cJSON *pr = cJSON_IsArray(pairs) ? pairs->child : NULL; pr; pr = pr->next)
            for (const cJSON *side = cJSON_IsArray(pr) ? pr->child : NULL; side; side = side->next)
                if (cJSON_IsString(side)) named(&x, spec_id(side->valuestring, buf));
    }
    /* what the files kept name, until nothing more is added */
    for (size_t q = 0; !st && q < x.nqueue; q++) {
        const qc_cat_entry *e = &c->e[x.queue[q]];
        if (e->superseded_by) take(&x, &x.ids, e->superseded_by, strlen(e->superseded_by));
        for (size_t k = 0; e->id[k]; k++)
            if (qc_rules_is_edition(e->id + k)) {
                take(&x, &x.editions, e->id, k);
                break;
            }
        for (size_t k = 0; k < e->nfroms; k++) {
            const char *id = spec_id(c->str[e->first + e->nproducts + k], buf);
            take(&x, &x.ids, id, strlen(id));
        }
    }
    mm_free(&x.ids); mm_free(&x.editions); mm_free(&x.products);
    free(x.queue);
    return st;
}

/* ---------- loading what a study needs ---------- */

/* From the cache: the dictionary files, then the kept files, each checked against what the
 * catalog says of it (a stale entry means the cache is wrong: QC_EIO, load the whole). */
static qc_status load_kept(const char *dir, const qc_walk *w, const qc_catalog *c,
                           const char *keep, qc_rules **out)
{
    qc_error err = {0};
    qc_rules *r = NULL;
    qc_catalog seen = {0};
    qc_status s = qc_rules_open_dir(dir, &r, &err);
    for (size_t i = 0; !s && i < w->n; i++) {
        if (!keep[i]) continue;
        s = qc_rules_add_standard_file(r, w->file[i].path, &err);
        if (!s) s = qc_catalog_add(&seen, &r->standards[r->nstandards - 1]);
        if (!s && !qc_catalog_same(c, i, &seen, seen.n - 1)) s = QC_EIO;
    }
    qc_catalog_free(&seen);
    if (!s) s = qc_rules_finish(r, &err);
    size_t nskip = 0;
    for (size_t i = 0; i < w->n; i++) nskip += !keep[i];
    if (!s && (!(r->skipped = malloc((nskip + 1) * sizeof *r->skipped)) ||
               !(r->skipped_ino = malloc((nskip + 1) * sizeof *r->skipped_ino))))
        s = QC_ENOMEM;
    for (size_t i = 0; !s && i < w->n; i++) {
        if (keep[i]) continue;
        r->skipped_ino[r->nskipped] = w->file[i].key.known ? w->file[i].key.ino : 0;
        if (!(r->skipped[r->nskipped++] = strdup(w->file[i].path))) s = QC_ENOMEM;
    }
    if (s) { qc_rules_free(r); return s; }
    *out = r;
    return QC_OK;
}

/* Without a usable cache: the whole library, validated as qc_rules_load does, written to the
 * cache, then cut down. */
static qc_status load_whole(const char *dir, const qc_walk *w, const cJSON *study, char *keep,
                            qc_rules **out, qc_error *err)
{
    qc_rules *r = NULL;
    qc_catalog c = {0};
    qc_status s = qc_rules_open_dir(dir, &r, err);
    for (size_t i = 0; !s && i < w->n; i++) s = qc_rules_add_standard_file(r, w->file[i].path, err);
    /* before qc_rules_finish sorts them by id: standard i is file i */
    for (size_t i = 0; !s && i < r->nstandards; i++)
        if ((s = qc_catalog_add(&c, &r->standards[i]))) qc_error_set(err, s, "out of memory");
    if (!s) s = qc_rules_finish(r, err);
    if (!s) qc_catalog_write(dir, w, &c);
    if (!s && (s = qc_catalog_needs(&c, study, keep))) qc_error_set(err, s, "out of memory");
    if (!s && (s = qc_rules_keep(r, keep))) qc_error_set(err, s, "out of memory");
    qc_catalog_free(&c);
    if (s) { qc_rules_free(r); return s; }
    *out = r;
    return QC_OK;
}

qc_status qc_rules_load_study(const char *dir, const void *study_json, qc_rules **out,
                              qc_error *err)
{
    qc_walk w;
    qc_catalog c = {0};
    if (qc_rules_walk(dir, &w, err)) return qc_rules_load(dir, out, err);
    char *keep = malloc(w.n + 1);
    qc_status s = keep ? QC_OK : qc_error_set(err, QC_ENOMEM, "out of memory");
    if (!s && qc_catalog_read(dir, &w, &c) == QC_OK && c.n == w.n &&
        qc_catalog_needs(&c, study_json, keep) == QC_OK && load_kept(dir, &w, &c, keep, out) == QC_OK) {
        qc_catalog_free(&c);
    } else if (!s) {
        qc_catalog_free(&c);
        s = load_whole(dir, &w, study_json, keep, out, err);
    }
    free(keep);
    qc_rules_walk_free(&w);
    return s;
}

qc_status qc_rules_study_files(const qc_rules *r, const void *study_json, char *used)
{
    /* the standard files in path order, as the whole load read them */
    qc_catalog c = {0};
    size_t *std_of = malloc((r->nfiles + 1) * sizeof *std_of);
    qc_status s = std_of ? qc_rules_file_standards(r, std_of) : QC_ENOMEM;
    for (size_t k = 0; !s && k < r->nfiles; k++)
        if (std_of[k] != SIZE_MAX) s = qc_catalog_add(&c, &r->standards[std_of[k]]);
    char *keep = s ? NULL : malloc(c.n + 1);
    if (!s && !keep) s = QC_ENOMEM;
    if (!s) s = qc_catalog_needs(&c, study_json, keep);
    for (size_t k = 0, i = 0; !s && k < r->nfiles; k++)
        used[k] = std_of[k] == SIZE_MAX || keep[i++];
    free(keep);
    free(std_of);
    qc_catalog_free(&c);
    return s;
}
