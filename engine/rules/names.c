/* names.c — names as a lab writes them (names.h). Owns the one folding every name comparison
 * goes through (case of Latin letters, full-width forms, blanks), the edit distance behind
 * every "did you mean" of a rejection, and the folded index of the rules' product and
 * indicator names (id, name.en, name.zh, aliases), built on the first name that is not an
 * exact id, under a lock, so parallel readers share it. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/intern.h"
#include "qcompare/names.h"

/* The code point at s[*i] (advancing *i); a byte that starts no UTF-8 sequence is itself
 * (as 0x110000 + byte, so it never equals a character). */
static unsigned next_cp(const unsigned char *s, size_t n, size_t *i)
{
    unsigned c = s[*i];
    size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (k == 0 || *i + k > n) { (*i)++; return 0x110000u + c; }
    if (k == 1) { (*i)++; return c; }
    unsigned cp = c & (0x7Fu >> k);
    for (size_t j = 1; j < k; j++) {
        if ((s[*i + j] & 0xC0) != 0x80) { (*i)++; return 0x110000u + c; }
        cp = cp << 6 | (s[*i + j] & 0x3Fu);
    }
    *i += k;
    return cp;
}

static int is_space_cp(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x3000;
}

/* Writes code point c (or the raw byte of an invalid one) as UTF-8 at out[*o] when it fits. */
static void put_cp(unsigned c, char *out, size_t cap, size_t *o)
{
    unsigned char b[4];
    size_t k;
    if (c >= 0x110000u) b[0] = (unsigned char)(c - 0x110000u), k = 1;
    else if (c < 0x80) b[0] = (unsigned char)c, k = 1;
    else if (c < 0x800) b[0] = (unsigned char)(0xC0 | c >> 6), b[1] = (unsigned char)(0x80 | (c & 0x3F)), k = 2;
    else if (c < 0x10000)
        b[0] = (unsigned char)(0xE0 | c >> 12), b[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F)),
        b[2] = (unsigned char)(0x80 | (c & 0x3F)), k = 3;
    else
        b[0] = (unsigned char)(0xF0 | c >> 18), b[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F)),
        b[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F)), b[3] = (unsigned char)(0x80 | (c & 0x3F)), k = 4;
    for (size_t j = 0; j < k; j++, (*o)++)
        if (*o + 1 < cap) out[*o] = (char)b[j];
}

static unsigned fold_cp(unsigned c)
{
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  /* full-width ASCII forms */
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    return c;
}

size_t qc_name_fold(const char *s, size_t n, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    int space = 0;
    while (i < n) {
        unsigned c = next_cp(u, n, &i);
        if (is_space_cp(c)) { space = o > 0; continue; }
        if (space) put_cp(' ', out, cap, &o);
        space = 0;
        put_cp(fold_cp(c), out, cap, &o);
    }
    if (cap) out[o < cap ? o : cap - 1] = '\0';
    return o;
}

int qc_name_same(const char *a, const char *b)
{
    char fa[512], fb[512];
    size_t la = qc_name_fold(a, strlen(a), fa, sizeof fa), lb = qc_name_fold(b, strlen(b), fb, sizeof fb);
    return la == lb && la < sizeof fa && strcmp(fa, fb) == 0;
}

#define MAXCP 128

static size_t code_points(const char *s, unsigned *cp)
{
    size_t i = 0, n = strlen(s), k = 0;
    while (i < n && k < MAXCP) cp[k++] = next_cp((const unsigned char *)s, n, &i);
    return k;
}

/* Distance of two code point arrays, stopping once every path exceeds limit. */
static int distance_cp(const unsigned *a, size_t na, const unsigned *b, size_t nb, int limit)
{
    int row[MAXCP + 1];
    if ((int)(na > nb ? na - nb : nb - na) > limit) return limit + 1;
    for (size_t j = 0; j <= nb; j++) row[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int diag = row[0], best;
        row[0] = best = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int up = row[j], v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v) v = up + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            diag = up;
            row[j] = v;
            if (v < best) best = v;
        }
        if (best > limit) return limit + 1;
    }
    return row[nb] > limit ? limit + 1 : row[nb];
}

int qc_name_distance(const char *a, const char *b, int limit)
{
    char fa[512], fb[512];
    unsigned ca[MAXCP], cb[MAXCP];
    qc_name_fold(a, strlen(a), fa, sizeof fa);
    qc_name_fold(b, strlen(b), fb, sizeof fb);
    size_t na = code_points(fa, ca), nb = code_points(fb, cb);
    return distance_cp(ca, na, cb, nb, limit);
}

void qc_near_init(qc_near *nr, const char *query, size_t len)
{
    unsigned cp[MAXCP];
    qc_name_fold(query, len, nr->query, sizeof nr->query);
    size_t n = code_points(nr->query, cp);
    nr->limit = n / 2 > 1 ? (int)(n / 2) : 1;
    nr->best_dist = nr->limit + 1;
    nr->best = NULL;
}

void qc_near_offer(qc_near *nr, const char *candidate)
{
    int d = qc_name_distance(nr->query, candidate, nr->best_dist - 1);
    if (d > 0 && d < nr->best_dist) {
        nr->best_dist = d;
        nr->best = candidate;
    }
}

/* ---------- the folded index of product and indicator names ---------- */

typedef struct entry { uint32_t target, next; } entry;
typedef struct table {
    qc_intern *names;      /* folded names */
    uint32_t *head;        /* per name id: its first entry, UINT32_MAX for none */
    entry *e;
    size_t n, cap, nhead;
} table;

struct qc_names {
    const qc_rules *rules;
    pthread_mutex_t lock;
    int built;             /* 1 built, -1 out of memory */
    table t[2];            /* 0 products, 1 indicators */
};

static int table_add(table *t, const char *name, uint32_t target)
{
    char f[512];
    size_t len = qc_name_fold(name, strlen(name), f, sizeof f);
    if (len == 0) return 0;
    if (len >= sizeof f) len = sizeof f - 1;
    uint32_t id = qc_intern_add(t->names, f, len);
    if (id == QC_INTERN_NONE) return -1;
    if (id >= t->nhead) {
        uint32_t *h = realloc(t->head, (id + 1) * sizeof *h);
        if (!h) return -1;
        for (size_t k = t->nhead; k <= id; k++) h[k] = UINT32_MAX;
        t->head = h;
        t->nhead = id + 1;
    }
    uint32_t *link = &t->head[id];
    for (; *link != UINT32_MAX; link = &t->e[*link].next)
        if (t->e[*link].target == target) return 0;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        entry *e = realloc(t->e, cap * sizeof *e);
        if (!e) return -1;
        t->e = e;
        t->cap = cap;
    }
    t->e[t->n] = (entry){target, UINT32_MAX};
    *link = (uint32_t)t->n++;
    return 0;
}

static int add_all(table *t, uint32_t target, const qc_text *name, const char *id,
                   char *const *aliases, size_t naliases)
{
    if (table_add(t, id, target) || table_add(t, name->en, target) || table_add(t, name->zh, target))
        return -1;
    for (size_t k = 0; k < naliases; k++)
        if (table_add(t, aliases[k], target)) return -1;
    return 0;
}

static int build(qc_names *x)
{
    const qc_rules *r = x->rules;
    for (int k = 0; k < 2; k++)
        if (!(x->t[k].names = qc_intern_new())) return -1;
    for (size_t i = 0; i < r->nproducts; i++) {
        const qc_product *p = &r->products[i];
        if (add_all(&x->t[0], (uint32_t)i, &p->name, p->id, p->aliases, p->naliases)) return -1;
    }
    for (size_t i = 0; i < r->nindicators; i++) {
        const qc_indicator *d = &r->indicators[i];
        if (add_all(&x->t[1], (uint32_t)i, &d->name, d->id, d->aliases, d->naliases)) return -1;
    }
    return 0;
}

qc_status qc_names_new(const qc_rules *rules, qc_names **out)
{
    qc_names *x = calloc(1, sizeof *x);
    if (!x) return QC_ENOMEM;
    x->rules = rules;
    pthread_mutex_init(&x->lock, NULL);
    *out = x;
    return QC_OK;
}

void qc_names_free(qc_names *x)
{
    if (!x) return;
    for (int k = 0; k < 2; k++) {
        qc_intern_free(x->t[k].names);
        free(x->t[k].head);
        free(x->t[k].e);
    }
    pthread_mutex_destroy(&x->lock);
    free(x);
}

static int ensure_built(qc_names *x)
{
    pthread_mutex_lock(&x->lock);
    if (!x->built) x->built = build(x) ? -1 : 1;
    int ok = x->built == 1;
    pthread_mutex_unlock(&x->lock);
    return ok;
}

static const char *target_id(const qc_names *x, int kind, uint32_t t)
{
    return kind == 0 ? x->rules->products[t].id : x->rules->indicators[t].id;
}

static const char *const kind_word[2] = {"product", "indicator"};
static const char *const kind_file[2] = {"(not in products.json)",
                                         "(not an id or alias in indicators.json)"};

/* Appends to msg (at *o of size) without overflowing. */
static void append(char *msg, size_t size, size_t *o, const char *fmt, const char *a, const char *b)
{
    if (*o >= size) return;
    int w = snprintf(msg + *o, size - *o, fmt, a, b);
    if (w > 0) *o += (size_t)w;
}

/* The written text, cut for a message. */
static void shown(const char *s, size_t len, char *buf, size_t size)
{
    size_t n = len < size - 1 ? len : size - 1;
    while (n > 0 && n < len && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    memcpy(buf, s, n);
    buf[n] = '\0';
}

static int lookup(qc_names *x, int kind, const char *s, size_t len, uint32_t *found, char *msg,
                  size_t size)
{
    char text[128], f[512];
    shown(s, len, text, sizeof text);
    if (!ensure_built(x)) return QC_NAME_NOMEM;
    const table *t = &x->t[kind];
    size_t fl = qc_name_fold(s, len, f, sizeof f);
    uint32_t id = fl && fl < sizeof f ? qc_intern_find(t->names, f, fl) : QC_INTERN_NONE;
    size_t o = 0;
    if (id != QC_INTERN_NONE && id < t->nhead && t->head[id] != UINT32_MAX) {
        uint32_t e = t->head[id];
        if (t->e[e].next == UINT32_MAX) { *found = t->e[e].target; return QC_NAME_FOUND; }
        append(msg, size, &o, "%s \"%s\" is ambiguous: it names", kind_word[kind], text);
        for (int first = 1; e != UINT32_MAX; e = t->e[e].next, first = 0)
            append(msg, size, &o, "%s \"%s\"", first ? "" : ",", target_id(x, kind, t->e[e].target));
        append(msg, size, &o, "%s%s", " (write one of these ids)", "");
        return QC_NAME_AMBIGUOUS;
    }
    append(msg, size, &o, "unknown %s \"%s\" ", kind_word[kind], text);
    append(msg, size, &o, "%s%s", kind_file[kind], "");
    qc_near nr;
    qc_near_init(&nr, s, len);
    uint32_t best = UINT32_MAX;
    for (uint32_t k = 0; k < (uint32_t)t->nhead; k++) {
        const char *was = nr.best;
        qc_near_offer(&nr, qc_intern_str(t->names, k));
        if (nr.best != was) best = k;
    }
    if (best != UINT32_MAX)
        append(msg, size, &o, "; did you mean \"%s\"?%s", target_id(x, kind, t->e[t->head[best]].target), "");
    return QC_NAME_UNKNOWN;
}

/* A NUL-terminated copy of a cell for the exact lookups (cells may hold no NUL). */
static int exact_key(const char *s, size_t len, char *buf, size_t size)
{
    if (len >= size || memchr(s, '\0', len)) return 0;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return 1;
}

int qc_names_product(qc_names *x, const char *s, size_t len, const qc_product **out, char *msg,
                     size_t size)
{
    char key[512];
    uint32_t t;
    if (exact_key(s, len, key, sizeof key) && (*out = qc_rules_product(x->rules, key)))
        return QC_NAME_FOUND;
    *out = NULL;
    int st = lookup(x, 0, s, len, &t, msg, size);
    if (st == QC_NAME_FOUND) *out = &x->rules->products[t];
    return st;
}

int qc_names_indicator(qc_names *x, const char *s, size_t len, const qc_indicator **out,
                       char *msg, size_t size)
{
    char key[512];
    uint32_t t;
    if (exact_key(s, len, key, sizeof key) && (*out = qc_rules_indicator(x->rules, key)))
        return QC_NAME_FOUND;
    *out = NULL;
    int st = lookup(x, 1, s, len, &t, msg, size);
    if (st == QC_NAME_FOUND) *out = &x->rules->indicators[t];
    return st;
}
