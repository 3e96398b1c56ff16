/* diff.c — structural comparison of two gap analyses (diff.h): tolerances on numbers, volatile
 * fields (engine version, path basenames), arrays of objects matched by identity fields, subset
 * mode; reports each difference with a readable JSON path through a callback. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/diff.h"
#include "qcompare/grow.h"
#include "qcompare/jsonfile.h"
#include "qcompare/report.h"

/* A growing string: the readable path ($.products[steel-rebar]…) or the shape ($.products[]…),
 * the path without identities, which selects the volatile fields. */
typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf;

typedef struct diff_ctx {
    const qc_diff_options *opt;
    qc_diff_callback cb;
    void *cb_ctx;
    size_t n;
    int stop, nomem;
    strbuf path, shape;
} diff_ctx;

/* How a field is compared, by its shape (array elements written "[]"). */
enum { FIELD_PLAIN, FIELD_IGNORED, FIELD_BASENAME };
static const struct {
    const char *shape;
    int kind;
} volatile_fields[] = {
    {"$.engine.version", FIELD_IGNORED},
    {"$.inputs.files[].path", FIELD_BASENAME},
    {"$.inputs.rejections[].path", FIELD_BASENAME},
    {"$.products[].indicators[].groups[].conformity[].nonconforming[].file", FIELD_BASENAME},
    {"$.products[].indicators[].groups[].conformity[].accepted_in_guard_band[].file", FIELD_BASENAME},
    {"$.products[].indicators[].groups[].outliers.grubbs.file", FIELD_BASENAME},
};

/* Identity fields, in the order they are written in a path, each with the separator written
 * before it when it is not the first. */
static const struct {
    const char *key, *sep;
} identity_fields[] = {
    {"product", ", "}, {"indicator", ", "}, {"group", ", "}, {"market", ", "},
    {"standard", ", "}, {"id", ", "}, {"grade", "@"}, {"sample_id", ", "}, {"path", ", "},
    {"line", ":"}, {"a", ", "}, {"b", " vs "}, {"level", ", "},
};
#define NIDENTITY (sizeof identity_fields / sizeof identity_fields[0])

static int sb_add(diff_ctx *c, strbuf *b, const char *s, size_t n)
{
    if (c->nomem) return -1;
    if (qc_grow_bytes(&b->s, &b->cap, b->len + n + 1, 256)) {
        c->nomem = c->stop = 1;
        return -1;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

static int sb_puts(diff_ctx *c, strbuf *b, const char *s) { return sb_add(c, b, s, strlen(s)); }

static void sb_cut(strbuf *b, size_t len)
{
    b->len = len;
    if (b->s) b->s[len] = '\0';
}

static const char *basename_of(const char *p)
{
    for (const char *q = p; *q; q++)
        if (*q == '/' || *q == '\\') p = q + 1;
    return p;
}

static void report(diff_ctx *c, const cJSON *e, const cJSON *a)
{
    if (c->stop) return;
    qc_difference d = {c->path.s ? c->path.s : "$", e, a};
    c->n++;
    if (c->cb && c->cb(&d, c->cb_ctx)) c->stop = 1;
}

static int field_kind(const diff_ctx *c)
{
    for (size_t i = 0; i < sizeof volatile_fields / sizeof volatile_fields[0]; i++)
        if (strcmp(c->shape.s, volatile_fields[i].shape) == 0) return volatile_fields[i].kind;
    return FIELD_PLAIN;
}

/* Appends ".key" (or ["key"] when key is not an identifier) to the path and the shape. */
static void push_key(diff_ctx *c, const char *key)
{
    int ident = key[0] != '\0' && !(key[0] >= '0' && key[0] <= '9');
    for (const char *k = key; ident && *k; k++)
        if (!(*k == '_' || (*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
              (*k >= '0' && *k <= '9')))
            ident = 0;
    strbuf *bufs[2] = {&c->path, &c->shape};
    for (int i = 0; i < 2; i++) {
        if (ident) {
            sb_puts(c, bufs[i], ".");
            sb_puts(c, bufs[i], key);
        } else {
            sb_puts(c, bufs[i], "[\"");
            sb_puts(c, bufs[i], key);
            sb_puts(c, bufs[i], "\"]");
        }
    }
}

static int is_identity_key(const char *key)
{
    for (size_t i = 0; i < NIDENTITY; i++)
        if (strcmp(key, identity_fields[i].key) == 0) return 1;
    return 0;
}

static int has_identity(const cJSON *v)
{
    if (!cJSON_IsObject(v)) return 0;
    for (const cJSON *k = v->child; k; k = k->next)
        if (k->string && is_identity_key(k->string)) return 1;
    return 0;
}

/* Two values of identity field key are the same identity (paths by basename; numbers, such
 * as lines, exactly: they are hashed by value below). */
static int same_identity_value(const char *key, const cJSON *x, const cJSON *y)
{
    if (strcmp(key, "path") == 0 && cJSON_IsString(x) && cJSON_IsString(y))
        return strcmp(basename_of(x->valuestring), basename_of(y->valuestring)) == 0;
    if (cJSON_IsNumber(x) && cJSON_IsNumber(y)) return x->valuedouble == y->valuedouble;
    return cJSON_Compare(x, y, 1);
}

/* Every identity field of x is in y with the same value. */
static int identity_matches(const cJSON *x, const cJSON *y)
{
    for (size_t i = 0; i < NIDENTITY; i++) {
        const char *key = identity_fields[i].key;
        const cJSON *vx = cJSON_GetObjectItemCaseSensitive(x, key);
        if (!vx) continue;
        const cJSON *vy = cJSON_GetObjectItemCaseSensitive(y, key);
        if (!vy || !same_identity_value(key, vx, vy)) return 0;
    }
    return 1;
}

/* Appends "[IDENTITY]" to the path and "[]" to the shape. */
static void push_identity(diff_ctx *c, const cJSON *v)
{
    int first = 1;
    sb_puts(c, &c->path, "[");
    for (size_t i = 0; i < NIDENTITY; i++) {
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(v, identity_fields[i].key);
        if (!f) continue;
        if (!first) sb_puts(c, &c->path, identity_fields[i].sep);
        first = 0;
        if (cJSON_IsString(f)) {
            const char *s = f->valuestring;
            sb_puts(c, &c->path, strcmp(identity_fields[i].key, "path") == 0 ? basename_of(s) : s);
        } else {
            char *s = cJSON_PrintUnformatted(f);
            if (!s) { c->nomem = c->stop = 1; return; }
            sb_puts(c, &c->path, s);
            free(s);
        }
    }
    sb_puts(c, &c->path, "]");
    sb_puts(c, &c->shape, "[]");
}

static void push_index(diff_ctx *c, int i)
{
    char buf[32];
    snprintf(buf, sizeof buf, "[%d]", i);
    sb_puts(c, &c->path, buf);
    sb_puts(c, &c->shape, "[]");
}

static void compare(diff_ctx *c, const cJSON *e, const cJSON *a);

static void compare_objects(diff_ctx *c, const cJSON *e, const cJSON *a)
{
    size_t plen = c->path.len, slen = c->shape.len;
    for (const cJSON *x = e->child; x && !c->stop; x = x->next) {
        push_key(c, x->string);
        if (!c->stop && field_kind(c) != FIELD_IGNORED) {
            const cJSON *y = cJSON_GetObjectItemCaseSensitive(a, x->string);
            if (y) compare(c, x, y);
            else report(c, x, NULL);
        }
        sb_cut(&c->path, plen);
        sb_cut(&c->shape, slen);
    }
    if (c->opt->subset) return;
    for (const cJSON *y = a->child; y && !c->stop; y = y->next) {
        if (cJSON_GetObjectItemCaseSensitive(e, y->string)) continue;
        push_key(c, y->string);
        if (!c->stop && field_kind(c) != FIELD_IGNORED) report(c, NULL, y);
        sb_cut(&c->path, plen);
        sb_cut(&c->shape, slen);
    }
}

/* --- the index of an actual array by identity ------------------------------------------------
 * An expected element x matches the first unused actual element y that has each identity
 * field of x with the same value (y may have more). The actual elements are hashed once on
 * the set of identity fields x has (its mask; an array's elements nearly always share one),
 * so matching a reordered array of n elements costs O(n), not O(n^2) (D13). */
#define NMASKS 8

typedef struct {
    unsigned mask;
    uint64_t *hash;   /* per actual element: its hash on mask's fields */
    int *head, *next; /* chains of actual elements in ascending order; -1 ends one */
    size_t nbucket;   /* a power of two */
} id_index;

static unsigned identity_mask(const cJSON *v)
{
    unsigned m = 0;
    for (size_t i = 0; i < NIDENTITY; i++)
        if (cJSON_GetObjectItemCaseSensitive(v, identity_fields[i].key)) m |= 1u << i;
    return m;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211u;
    return h;
}

/* The hash of v's identity fields in mask, consistent with same_identity_value. */
static uint64_t identity_hash(const cJSON *v, unsigned mask)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < NIDENTITY; i++) {
        if (!(mask & (1u << i))) continue;
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(v, identity_fields[i].key);
        unsigned char tag = (unsigned char)(f->type & 0xFF);
        h = fnv(h, &i, sizeof i);
        h = fnv(h, &tag, 1);
        if (cJSON_IsString(f)) {
            const char *s = strcmp(identity_fields[i].key, "path") == 0 ? basename_of(f->valuestring)
                                                                        : f->valuestring;
            h = fnv(h, s, strlen(s) + 1);
        } else if (cJSON_IsNumber(f)) {
            double d = f->valuedouble == 0 ? 0 : f->valuedouble;  /* -0 == 0 */
            h = fnv(h, &d, sizeof d);
        }  /* true/false/null: the tag; objects, arrays: left to identity_matches */
    }
    return h;
}

static int index_build(id_index *ix, unsigned mask, const cJSON **ay, const unsigned *amask, int na)
{
    ix->mask = mask;
    ix->nbucket = 16;
    while (ix->nbucket < 2 * (size_t)na) ix->nbucket *= 2;
    ix->hash = malloc(((size_t)na + 1) * sizeof *ix->hash);
    ix->next = malloc(((size_t)na + 1) * sizeof *ix->next);
    ix->head = malloc(ix->nbucket * sizeof *ix->head);
    if (!ix->hash || !ix->next || !ix->head) return -1;
    for (size_t b = 0; b < ix->nbucket; b++) ix->head[b] = -1;
    for (int j = na - 1; j >= 0; j--) {  /* pushed from the back: chains run in array order */
        ix->next[j] = -1;
        if ((amask[j] & mask) != mask) continue;  /* lacks a field x has: never a match */
        ix->hash[j] = identity_hash(ay[j], mask);
        size_t b = ix->hash[j] & (ix->nbucket - 1);
        ix->next[j] = ix->head[b];
        ix->head[b] = j;
    }
    return 0;
}

/* The first unused actual element matching x, or -1. */
static int index_find(const id_index *ix, const cJSON *x, const cJSON **ay, const char *used)
{
    uint64_t h = identity_hash(x, ix->mask);
    for (int j = ix->head[h & (ix->nbucket - 1)]; j >= 0; j = ix->next[j])
        if (!used[j] && ix->hash[j] == h && identity_matches(x, ay[j])) return j;
    return -1;
}

/* Arrays whose elements are all objects with identity fields: matched by identity. */
static void compare_by_identity(diff_ctx *c, const cJSON *e, const cJSON *a, int na)
{
    size_t plen = c->path.len, slen = c->shape.len;
    const cJSON **ay = malloc(((size_t)na + 1) * sizeof *ay);
    unsigned *amask = malloc(((size_t)na + 1) * sizeof *amask);
    char *used = calloc((size_t)na + 1, 1);
    id_index ix[NMASKS];
    int nix = 0;
    if (!ay || !amask || !used) {
        c->nomem = c->stop = 1;
        free(ay), free(amask), free(used);
        return;
    }
    int j = 0;
    for (const cJSON *y = a->child; y; y = y->next, j++) {
        ay[j] = y;
        amask[j] = identity_mask(y);
    }
    int i = 0;
    for (const cJSON *x = e->child; x && !c->stop; x = x->next, i++) {
        int m = -1;
        if (i < na && !used[i] && identity_matches(x, ay[i])) m = i;  /* same order: O(n) */
        if (m < 0) {
            unsigned xm = identity_mask(x);
            int k = 0;
            while (k < nix && ix[k].mask != xm) k++;
            if (k == nix && nix < NMASKS) {
                memset(&ix[nix], 0, sizeof ix[nix]);
                if (index_build(&ix[nix++], xm, ay, amask, na)) { c->nomem = c->stop = 1; break; }
            }
            if (k < nix) m = index_find(&ix[k], x, ay, used);
            else  /* more than NMASKS field sets in one array: the plain scan */
                for (j = 0; m < 0 && j < na; j++)
                    if (!used[j] && identity_matches(x, ay[j])) m = j;
        }
        push_identity(c, x);
        if (m >= 0) {
            used[m] = 1;
            compare(c, x, ay[m]);
        } else {
            report(c, x, NULL);
        }
        sb_cut(&c->path, plen);
        sb_cut(&c->shape, slen);
    }
    for (j = 0; j < na && !c->stop; j++) {
        if (used[j]) continue;
        push_identity(c, ay[j]);
        report(c, NULL, ay[j]);
        sb_cut(&c->path, plen);
        sb_cut(&c->shape, slen);
    }
    for (int k = 0; k < nix; k++) free(ix[k].hash), free(ix[k].head), free(ix[k].next);
    free(ay), free(amask), free(used);
}

static void compare_arrays(diff_ctx *c, const cJSON *e, const cJSON *a)
{
    int ne = cJSON_GetArraySize(e), na = cJSON_GetArraySize(a), identity = ne + na > 0;
    for (const cJSON *x = e->child; x && identity; x = x->next) identity = has_identity(x);
    for (const cJSON *y = a->child; y && identity; y = y->next) identity = has_identity(y);
    if (identity) {
        compare_by_identity(c, e, a, na);
        return;
    }
    size_t plen = c->path.len, slen = c->shape.len;
    const cJSON *x = e->child, *y = a->child;
    for (int i = 0; (x || y) && !c->stop; i++) {
        push_index(c, i);
        if (x && y) compare(c, x, y);
        else report(c, x, y);
        sb_cut(&c->path, plen);
        sb_cut(&c->shape, slen);
        if (x) x = x->next;
        if (y) y = y->next;
    }
}

static void compare(diff_ctx *c, const cJSON *e, const cJSON *a)
{
    if (c->stop) return;
    int kind = field_kind(c);
    if (kind == FIELD_IGNORED) return;
    if (kind == FIELD_BASENAME && cJSON_IsString(e) && cJSON_IsString(a)) {
        if (strcmp(basename_of(e->valuestring), basename_of(a->valuestring)) != 0)
            report(c, e, a);
    } else if (cJSON_IsNumber(e) && cJSON_IsNumber(a)) {
        double x = e->valuedouble, y = a->valuedouble;
        /* x == y first: equal infinities (1e999 reads as inf) differ by NaN, not by nothing */
        if (!(x == y || fabs(x - y) <= c->opt->atol + c->opt->rtol * fabs(x))) report(c, e, a);
    } else if (cJSON_IsObject(e) && cJSON_IsObject(a)) {
        compare_objects(c, e, a);
    } else if (cJSON_IsArray(e) && cJSON_IsArray(a)) {
        compare_arrays(c, e, a);
    } else if (cJSON_IsObject(e) || cJSON_IsArray(e) || !cJSON_Compare(e, a, 1)) {
        report(c, e, a);  /* a scalar that differs, or values of different types */
    }
}

qc_diff_options qc_diff_defaults(void)
{
    qc_diff_options o = {QC_DIFF_RTOL, QC_DIFF_ATOL, 0};
    return o;
}

qc_status qc_diff_check(const cJSON *doc, const char *name, qc_error *err)
{
    if (!cJSON_IsObject(doc))
        return qc_error_set(err, QC_ERULES, "%s: not a gap analysis (not a JSON object)", name);
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(doc, "schema");
    if (!s)
        return qc_error_set(err, QC_ERULES, "%s: $.schema: missing: not a gap analysis", name);
    if (!cJSON_IsString(s))
        return qc_error_set(err, QC_ERULES, "%s: $.schema: not a string: not a gap analysis",
                            name);
    if (strcmp(s->valuestring, QC_SCHEMA) != 0)
        return qc_error_set(err, QC_ERULES, "%s: $.schema: \"%.200s\" is not %s", name,
                            s->valuestring, QC_SCHEMA);
    return QC_OK;
}

qc_status qc_diff_load(const char *path, cJSON **doc, qc_error *err)
{
    cJSON *d = NULL;
    qc_status s = qc_json_load(path, &d, NULL, err);
    if (s == QC_ERULES && err) {  /* not JSON (syntax, duplicate key): not an analysis */
        char why[sizeof err->message];
        snprintf(why, sizeof why, "%s", err->message);
        return qc_error_set(err, QC_ERULES, "%.900s (not a gap analysis)", why);
    }
    if (s) return s;
    if ((s = qc_diff_check(d, path, err))) {
        cJSON_Delete(d);
        return s;
    }
    *doc = d;
    return QC_OK;
}

qc_status qc_diff(const cJSON *expected, const cJSON *actual, const qc_diff_options *opt,
                  qc_diff_callback cb, void *ctx, size_t *ndiff, qc_error *err)
{
    qc_diff_options def = qc_diff_defaults();
    if (!opt) opt = &def;
    if (ndiff) *ndiff = 0;
    if (!(opt->rtol >= 0 && isfinite(opt->rtol) && opt->atol >= 0 && isfinite(opt->atol)))
        return qc_error_set(err, QC_EUSAGE, "diff: tolerances must be finite and >= 0");
    qc_status s = qc_diff_check(expected, "expected", err);
    if (!s) s = qc_diff_check(actual, "actual", err);
    if (s) return s;
    diff_ctx c = {.opt = opt, .cb = cb, .cb_ctx = ctx};
    sb_puts(&c, &c.path, "$");
    sb_puts(&c, &c.shape, "$");
    compare(&c, expected, actual);
    free(c.path.s);
    free(c.shape.s);
    if (ndiff) *ndiff = c.n;
    if (c.nomem) return qc_error_set(err, QC_ENOMEM, "out of memory");
    return QC_OK;
}
