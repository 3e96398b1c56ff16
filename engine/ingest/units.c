/* units.c — UDUNITS-2 behind units.h. Owns the unit system, the alias and literal lists, and a
 * cache of affine maps per (from, to) pair: every unit string is parsed once (UDUNITS-2's parser
 * is not thread-safe, so all parsing happens here, before any parallel work). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <udunits2.h>
#include "qcompare/grow.h"
#include "qcompare/units.h"

typedef struct pair { char *from, *to; qc_unit_map map; const char *why; } pair;
typedef struct alias { char *spelling, *expression; } alias;

struct qc_units {
    ut_system *sys;
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
    u->sys = ut_read_xml(NULL);
    if (!u->sys) {
        free(u);
        return qc_error_set(err, QC_EIO, "cannot load the UDUNITS-2 unit database "
                            "(apt-get install libudunits2-data)");
    }
    *out = u;
    return QC_OK;
}

void qc_units_close(qc_units *u)
{
    if (!u) return;
    for (size_t i = 0; i < u->nalias; i++) { free(u->alias[i].spelling); free(u->alias[i].expression); }
    for (size_t i = 0; i < u->nliteral; i++) free(u->literal[i]);
    for (size_t i = 0; i < u->ncache; i++) { free(u->cache[i].from); free(u->cache[i].to); }
    free(u->alias); free(u->literal); free(u->cache);
    ut_free_system(u->sys);
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
        if (strcmp(u->literal[i], unit) == 0) return 1;
    return 0;
}

static int is_dimensionless(const char *unit) { return unit[0] == '\0' || strcmp(unit, "1") == 0; }

/* Parses unit (through its alias when it has one); NULL when UDUNITS-2 cannot. */
static ut_unit *parse(const qc_units *u, const char *unit)
{
    for (size_t i = 0; i < u->nalias; i++)
        if (strcmp(u->alias[i].spelling, unit) == 0) { unit = u->alias[i].expression; break; }
    if (is_dimensionless(unit)) return ut_get_dimensionless_unit_one(u->sys);
    return ut_parse(u->sys, unit, UT_UTF8);
}

int qc_units_known(qc_units *u, const char *unit)
{
    if (is_literal(u, unit)) return 1;
    pthread_mutex_lock(&u->lock);
    ut_unit *x = parse(u, unit);
    ut_free(x);
    pthread_mutex_unlock(&u->lock);
    return x != NULL;
}

/* Computes the map without the cache. */
static const char *compute(const qc_units *u, const char *from, const char *to, qc_unit_map *m)
{
    int lf = is_literal(u, from), lt = is_literal(u, to);
    if (lf || lt) {
        if (strcmp(from, to) != 0) return "unit converts only to itself (literal unit)";
        m->scale = 1.0; m->offset = 0.0;
        return NULL;
    }
    ut_unit *a = parse(u, from), *b = parse(u, to);
    const char *why = NULL;
    if (!a || !b) {
        why = "unit not recognised (add it to rules/units.json)";
    } else {
        cv_converter *cv = ut_get_converter(a, b);
        if (!cv) {
            why = "units are not convertible";
        } else {
            m->offset = cv_convert_double(cv, 0.0);
            m->scale = cv_convert_double(cv, 1.0) - m->offset;
            cv_free(cv);
            if (!isfinite(m->scale) || !isfinite(m->offset)) why = "units are not convertible";
        }
    }
    ut_free(a);
    ut_free(b);
    return why;
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
