/* units.c — UDUNITS-2 behind units.h. Owns the unit system, the alias and literal lists, and a
 * cache of affine maps per (from, to) pair: every unit string is parsed once (UDUNITS-2's parser
 * is not thread-safe, so all parsing happens here, under the lock). The unit database is read
 * only when an answer is not in the verdict cache of earlier runs (units_cache.c). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <udunits2.h>
#include "qcompare/grow.h"
#include "qcompare/units.h"
#include "units_internal.h"

typedef struct pair { char *from, *to; qc_unit_map map; const char *why; } pair;
typedef struct alias { char *spelling, *expression; } alias;

struct qc_units {
    ut_system *sys;        /* NULL until a verdict is not in the cache */
    int db_failed;
    qc_units_cache verdicts;  /* of earlier runs, and this one's for later ones */
    alias *alias; size_t nalias;
    char **literal; size_t nliteral;
    pair *cache; size_t ncache, capcache;
    pthread_mutex_t lock;  /* the cache and UDUNITS-2's parser are shared by analysis threads */
};

qc_status qc_units_open(qc_units **out, qc_error *err)
{
    ut_set_error_message_handler(ut_ignore);
    qc_units *u = calloc(1, sizeof *u);
    if (!u) return qc_error_set(err, QC_ENOMEM, "out of memory");
    pthread_mutex_init(&u->lock, NULL);
    qc_units_cache_read(&u->verdicts);
    /* without a cache, the database now (a missing one is an error at once) */
    if (!u->verdicts.enabled && !(u->sys = ut_read_xml(NULL))) {
        pthread_mutex_destroy(&u->lock);
        free(u);
        return qc_error_set(err, QC_EIO, "cannot load the UDUNITS-2 unit database "
                            "(apt-get install libudunits2-data)");
    }
    *out = u;
    return QC_OK;
}

/* The unit database, read on first need (under the lock); 0 when it cannot be. */
static int have_db(qc_units *u)
{
    if (!u->sys && !u->db_failed && !(u->sys = ut_read_xml(NULL))) u->db_failed = 1;
    return u->sys != NULL;
}

/* Records a verdict (the strings copied); the cache is an optimisation, so a failure to
 * record is not one. */
static void remember(qc_units *u, int kind, int known, int why, const qc_unit_map *m,
                     const char *from, const char *to)
{
    if (!qc_units_cache_cacheable(from) || (to && !qc_units_cache_cacheable(to))) return;
    qc_units_verdict v = {kind, known, why, {1.0, 0.0}, strdup(from), to ? strdup(to) : NULL};
    if (m) v.map = *m;
    if (!v.from || (to && !v.to) || qc_units_cache_add(&u->verdicts, &v)) { free(v.from); free(v.to); }
}

void qc_units_close(qc_units *u)
{
    if (!u) return;
    for (size_t i = 0; i < u->nalias; i++) { free(u->alias[i].spelling); free(u->alias[i].expression); }
    for (size_t i = 0; i < u->nliteral; i++) free(u->literal[i]);
    for (size_t i = 0; i < u->ncache; i++) { free(u->cache[i].from); free(u->cache[i].to); }
    free(u->alias); free(u->literal); free(u->cache);
    qc_units_cache_close(&u->verdicts);
    if (u->sys) ut_free_system(u->sys);
    pthread_mutex_destroy(&u->lock);
    free(u);
}

qc_status qc_units_add_alias(qc_units *u, const char *spelling, const char *expression)
{
    alias *a = qc_grow(u->alias, u->nalias, sizeof *a);
    if (!a) return QC_ENOMEM;
    u->alias = a;
    a[u->nalias].spelling = strdup(spelling);
    a[u->nalias].expression = strdup(expression);
    if (!a[u->nalias].spelling || !a[u->nalias].expression) return QC_ENOMEM;
    u->nalias++;
    return QC_OK;
}

qc_status qc_units_add_literal(qc_units *u, const char *unit)
{
    char **l = qc_grow(u->literal, u->nliteral, sizeof *l);
    if (!l) return QC_ENOMEM;
    u->literal = l;
    if (!(l[u->nliteral] = strdup(unit))) return QC_ENOMEM;
    u->nliteral++;
    return QC_OK;
}

static int is_literal(const qc_units *u, const char *unit)
{
    for (size_t i = 0; i < u->nliteral; i++)
        if (u->literal[i][0] == unit[0] && strcmp(u->literal[i], unit) == 0) return 1;
    return 0;
}

static int is_dimensionless(const char *unit) { return unit[0] == '\0' || strcmp(unit, "1") == 0; }

/* The expression UDUNITS-2 parses for unit: its alias's when it has one. */
static const char *resolve(const qc_units *u, const char *unit)
{
    for (size_t i = 0; i < u->nalias; i++)
        if (u->alias[i].spelling[0] == unit[0] && strcmp(u->alias[i].spelling, unit) == 0)
            return u->alias[i].expression;
    return unit;
}

/* Parses an expression; NULL when UDUNITS-2 cannot (or its database cannot be read). */
static ut_unit *parse(qc_units *u, const char *expr)
{
    if (!have_db(u)) return NULL;
    if (is_dimensionless(expr)) return ut_get_dimensionless_unit_one(u->sys);
    return ut_parse(u->sys, expr, UT_UTF8);
}

int qc_units_known(qc_units *u, const char *unit)
{
    if (is_literal(u, unit)) return 1;
    pthread_mutex_lock(&u->lock);
    const char *expr = resolve(u, unit);
    const qc_units_verdict *v = qc_units_cache_find(&u->verdicts, 'K', expr, NULL);
    int known;
    if (v) {
        known = v->known;
    } else {
        ut_unit *x = parse(u, expr);
        known = x != NULL;
        ut_free(x);
        if (u->sys) remember(u, 'K', known, 0, NULL, expr, NULL);
    }
    pthread_mutex_unlock(&u->lock);
    return known;
}

static const char *const whys[] = {NULL, "unit not recognised (add it to rules/units.json)",
                                   "units are not convertible"};

/* Computes the map without the per-run cache (from the verdicts of earlier runs when they
 * have it). */
static const char *compute(qc_units *u, const char *from, const char *to, qc_unit_map *m)
{
    int lf = is_literal(u, from), lt = is_literal(u, to);
    if (lf || lt) {
        if (strcmp(from, to) != 0) return "unit converts only to itself (literal unit)";
        m->scale = 1.0; m->offset = 0.0;
        return NULL;
    }
    const char *ef = resolve(u, from), *et = resolve(u, to);
    const qc_units_verdict *v = qc_units_cache_find(&u->verdicts, 'M', ef, et);
    if (v) {
        *m = v->map;
        return whys[v->why];
    }
    ut_unit *a = parse(u, ef), *b = parse(u, et);
    int why = 0;
    if (!a || !b) {
        why = 1;
    } else {
        cv_converter *cv = ut_get_converter(a, b);
        if (!cv) {
            why = 2;
        } else {
            m->offset = cv_convert_double(cv, 0.0);
            m->scale = cv_convert_double(cv, 1.0) - m->offset;
            cv_free(cv);
            if (!isfinite(m->scale) || !isfinite(m->offset)) why = 2;
        }
    }
    ut_free(a);
    ut_free(b);
    if (u->sys) remember(u, 'M', 0, why, m, ef, et);
    return whys[why];
}

static qc_status map_locked(qc_units *u, const char *from, const char *to, qc_unit_map *out,
                            const char **why);

qc_status qc_units_map(qc_units *u, const char *from, const char *to, qc_unit_map *out,
                       const char **why)
{
    pthread_mutex_lock(&u->lock);
    qc_status s = map_locked(u, from, to, out, why);
    pthread_mutex_unlock(&u->lock);
    return s;
}

static qc_status map_locked(qc_units *u, const char *from, const char *to, qc_unit_map *out,
                            const char **why)
{
    for (size_t i = 0; i < u->ncache; i++) {
        pair *p = &u->cache[i];
        if (strcmp(p->from, from) == 0 && strcmp(p->to, to) == 0) {
            *out = p->map;
            if (why) *why = p->why;
            return p->why ? QC_EDATA : QC_OK;
        }
    }
    if (u->ncache == u->capcache) {
        size_t cap = u->capcache ? 2 * u->capcache : 16;
        pair *c = realloc(u->cache, cap * sizeof *c);
        if (!c) return QC_ENOMEM;
        u->cache = c;
        u->capcache = cap;
    }
    pair *p = &u->cache[u->ncache];
    p->map.scale = 1.0;
    p->map.offset = 0.0;
    p->why = compute(u, from, to, &p->map);
    p->from = strdup(from);
    p->to = strdup(to);
    if (!p->from || !p->to) { free(p->from); free(p->to); return QC_ENOMEM; }
    u->ncache++;
    *out = p->map;
    if (why) *why = p->why;
    return p->why ? QC_EDATA : QC_OK;
}
