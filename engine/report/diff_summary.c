/* diff_summary.c — the differences of two gap analyses collected for CI (diff_ci.h): each
 * difference kept with its path, kind and relative change, assigned to a section of the
 * document (top-level key; per product and its keys; per indicator), the ignore patterns
 * applied, ranked largest first, and exported as JSON. Owns the collected paths and section
 * names; the values point into the documents compared. */
#define _DEFAULT_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diff_internal.h"
#include "qcompare/diff_ci.h"

typedef struct collector {
    qc_diff_result *r;
    const char *const *ignore;
    size_t nignore, cap_changes, cap_sections;
    size_t last;   /* the section found last: differences come in document order */
    int nomem;
} collector;

static int grow(void *arr_ptr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) return 0;
    size_t c = *cap ? 2 * *cap : 16;
    void **arr = arr_ptr;
    void *p = realloc(*arr, c * size);
    if (!p) return -1;
    *arr = p;
    *cap = c;
    return 0;
}

/* The index of section name[0..len), added when new; (size_t)-1 when out of memory. */
static size_t section_index(collector *c, const char *name, size_t len)
{
    qc_diff_result *r = c->r;
    if (c->last < r->nsections && strlen(r->sections[c->last].name) == len &&
        memcmp(r->sections[c->last].name, name, len) == 0)
        return c->last;
    for (size_t i = r->nsections; i-- > 0;)
        if (strlen(r->sections[i].name) == len && memcmp(r->sections[i].name, name, len) == 0)
            return c->last = i;
    char *copy = malloc(len + 1);
    if (!copy || grow(&r->sections, &c->cap_sections, r->nsections, sizeof *r->sections)) {
        free(copy);
        c->nomem = 1;
        return (size_t)-1;
    }
    memcpy(copy, name, len);
    copy[len] = '\0';
    r->sections[r->nsections].name = copy;
    r->sections[r->nsections].changes = 0;
    return c->last = r->nsections++;
}

/* The section of a path: its first segment, with products[P] and one more key, and
 * indicators[I] below it. *len receives the length of the section's name written into buf. */
static size_t section_of_path(const char *path, char *buf, size_t cap)
{
    const char *p = path;
    qc_diff_segment seg[4];
    int n = 0;
    while (n < 4 && qc_diff_segment_next(&p, &seg[n]) == 1) n++;
    int keep = n < 1 ? 0 : 1;
    if (keep && seg[0].len == 8 && memcmp(seg[0].text, "products", 8) == 0) {
        keep = n;   /* products[P].key[I] at most */
        if (n == 4 && !(seg[2].len == 10 && memcmp(seg[2].text, "indicators", 10) == 0)) keep = 3;
    }
    size_t len = 0;
    for (int i = 0; i < keep; i++) {
        const char *fmt = i == 0 || i == 2 ? (i ? ".%.*s" : "%.*s") : "[%.*s]";
        int w = snprintf(buf + len, cap - len, fmt, (int)seg[i].len, seg[i].text);
        if (w < 0 || (size_t)w >= cap - len) break;
        len += (size_t)w;
    }
    if (len == 0) len = (size_t)snprintf(buf, cap, "$");
    return len;
}

static const char *id_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Every section of one document, in its order. */
static void list_sections(collector *c, const cJSON *doc)
{
    char name[1024];
    for (const cJSON *k = cJSON_IsObject(doc) ? doc->child : NULL; k && !c->nomem; k = k->next) {
        if (strcmp(k->string, "products") != 0 || !cJSON_IsArray(k)) {
            section_index(c, k->string, strlen(k->string));
            continue;
        }
        for (const cJSON *p = k->child; p && !c->nomem; p = p->next) {
            const char *pid = cJSON_IsObject(p) ? id_of(p, "product") : NULL;
            if (!pid) continue;
            for (const cJSON *f = p->child; f && !c->nomem; f = f->next) {
                if (strcmp(f->string, "product") == 0) continue;
                int is_ind = strcmp(f->string, "indicators") == 0 && cJSON_IsArray(f);
                for (const cJSON *i = is_ind ? f->child : NULL; i && !c->nomem; i = i->next) {
                    const char *iid = cJSON_IsObject(i) ? id_of(i, "indicator") : NULL;
                    int w = iid ? snprintf(name, sizeof name, "products[%s].indicators[%s]",
                                           pid, iid) : -1;
                    if (w > 0 && (size_t)w < sizeof name) section_index(c, name, (size_t)w);
                }
                int w = is_ind ? -1 : snprintf(name, sizeof name, "products[%s].%s", pid,
                                               f->string);
                if (w > 0 && (size_t)w < sizeof name) section_index(c, name, (size_t)w);
            }
        }
    }
}

static int collect_one(const qc_difference *d, void *ctx)
{
    collector *c = ctx;
    qc_diff_result *r = c->r;
    for (size_t i = 0; i < c->nignore; i++)
        if (qc_diff_pattern_match(c->ignore[i], d->path)) {
            r->ignored++;
            return 0;
        }
    char name[1024];
    size_t len = section_of_path(d->path, name, sizeof name);
    size_t sec = section_index(c, name, len);
    char *path = strdup(d->path);
    if (sec == (size_t)-1 || !path ||
        grow(&r->changes, &c->cap_changes, r->nchanges, sizeof *r->changes)) {
        free(path);
        c->nomem = 1;
        return 1;
    }
    qc_diff_change *ch = &r->changes[r->nchanges];
    ch->path = path;
    ch->section = sec;
    ch->expected = d->expected;
    ch->actual = d->actual;
    ch->order = r->nchanges++;
    ch->relative = NAN;
    if (!d->actual) ch->kind = QC_CHANGE_REMOVED;
    else if (!d->expected) ch->kind = QC_CHANGE_ADDED;
    else if (cJSON_IsNumber(d->expected) && cJSON_IsNumber(d->actual)) {
        double e = d->expected->valuedouble, a = d->actual->valuedouble;
        ch->kind = QC_CHANGE_NUMBER;
        ch->relative = e != 0 ? (a - e) / fabs(e) : (a > e ? INFINITY : -INFINITY);
    } else {
        ch->kind = QC_CHANGE_VALUE;
    }
    r->sections[sec].changes++;
    return 0;
}

void qc_diff_result_free(qc_diff_result *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->nchanges; i++) free(r->changes[i].path);
    for (size_t i = 0; i < r->nsections; i++) free(r->sections[i].name);
    free(r->changes);
    free(r->sections);
    free(r);
}

qc_status qc_diff_collect(const cJSON *expected, const cJSON *actual, const qc_diff_options *opt,
                          const char *const *ignore, size_t nignore, qc_diff_result **out,
                          qc_error *err)
{
    *out = NULL;
    collector c = {.r = calloc(1, sizeof *c.r), .ignore = ignore, .nignore = nignore};
    if (!c.r) return qc_error_set(err, QC_ENOMEM, "out of memory");
    list_sections(&c, expected);
    list_sections(&c, actual);
    qc_status s = c.nomem ? QC_ENOMEM : qc_diff(expected, actual, opt, collect_one, &c, NULL, err);
    if (!s && c.nomem) s = qc_error_set(err, QC_ENOMEM, "out of memory");
    if (s) {
        qc_diff_result_free(c.r);
        return s;
    }
    *out = c.r;
    return QC_OK;
}

/* Sort key: non-numbers first (they change a meaning), then |relative| descending. */
static int rank_cmp(const void *x, const void *y)
{
    const qc_diff_change *a = x, *b = y;
    int na = a->kind == QC_CHANGE_NUMBER, nb = b->kind == QC_CHANGE_NUMBER;
    if (na != nb) return na - nb;
    if (na) {
        double ra = fabs(a->relative), rb = fabs(b->relative);
        if (ra != rb) return ra > rb ? -1 : 1;
    }
    return a->order < b->order ? -1 : a->order > b->order;
}

void qc_diff_rank(qc_diff_result *r)
{
    if (r->nchanges > 1) qsort(r->changes, r->nchanges, sizeof *r->changes, rank_cmp);
}

size_t *qc_diff_sections_changed(const qc_diff_result *r, size_t *n)
{
    *n = 0;
    size_t *idx = malloc((r->nsections + 1) * sizeof *idx);
    if (!idx) return NULL;
    for (size_t i = 0; i < r->nsections; i++)
        if (r->sections[i].changes) idx[(*n)++] = i;
    if (*n == 0) {
        free(idx);
        return NULL;
    }
    /* insertion sort (stable, no global state for qsort): one entry per section changed */
    for (size_t i = 1; i < *n; i++) {
        size_t v = idx[i], j = i;
        while (j > 0 && r->sections[idx[j - 1]].changes < r->sections[v].changes) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
    return idx;
}

static const char *const kind_names[] = {"number", "value", "removed", "added"};

cJSON *qc_diff_result_json(const qc_diff_result *r, const qc_diff_options *opt)
{
    cJSON *doc = cJSON_CreateObject(), *secs = cJSON_CreateArray(), *chs = cJSON_CreateArray();
    if (!doc || !secs || !chs) goto fail;
    int ok = cJSON_AddBoolToObject(doc, "same", r->nchanges == 0) &&
             cJSON_AddNumberToObject(doc, "differences", (double)r->nchanges) &&
             cJSON_AddNumberToObject(doc, "ignored", (double)r->ignored) &&
             cJSON_AddNumberToObject(doc, "rtol", opt->rtol) &&
             cJSON_AddNumberToObject(doc, "atol", opt->atol) &&
             cJSON_AddBoolToObject(doc, "subset", opt->subset);
    cJSON_AddItemToObject(doc, "sections", secs);
    cJSON_AddItemToObject(doc, "changes", chs);
    for (size_t i = 0; ok && i < r->nsections; i++) {
        cJSON *s = cJSON_CreateObject();
        ok = s && cJSON_AddItemToArray(secs, s) &&
             cJSON_AddStringToObject(s, "section", r->sections[i].name) &&
             cJSON_AddNumberToObject(s, "differences", (double)r->sections[i].changes);
    }
    for (size_t i = 0; ok && i < r->nchanges; i++) {
        const qc_diff_change *c = &r->changes[i];
        cJSON *o = cJSON_CreateObject();
        cJSON *e = c->expected ? cJSON_Duplicate(c->expected, 1) : cJSON_CreateNull();
        cJSON *a = c->actual ? cJSON_Duplicate(c->actual, 1) : cJSON_CreateNull();
        cJSON *rel = c->kind == QC_CHANGE_NUMBER && isfinite(c->relative)
                         ? cJSON_CreateNumber(c->relative) : cJSON_CreateNull();
        ok = o && e && a && rel;
        if (!ok) {
            cJSON_Delete(o);
            cJSON_Delete(e);
            cJSON_Delete(a);
            cJSON_Delete(rel);
            break;
        }
        cJSON_AddItemToArray(chs, o);
        ok = cJSON_AddStringToObject(o, "path", c->path) &&
             cJSON_AddStringToObject(o, "section", r->sections[c->section].name) &&
             cJSON_AddStringToObject(o, "change", kind_names[c->kind]);
        cJSON_AddItemToObject(o, "expected", e);
        cJSON_AddItemToObject(o, "actual", a);
        cJSON_AddItemToObject(o, "relative_change", rel);
    }
    if (ok) return doc;
fail:
    cJSON_Delete(doc);
    return NULL;
}
