/* index.c — lookups of the rules library by id (rules.h: qc_rules_product, qc_rules_indicator,
 * qc_rules_standard, qc_rules_regulations) through hash tables, so a library or study of 10⁶
 * products costs linear time to load and analyse, not quadratic (issue 7, "bad input").
 *
 * Products and standards are indexed as they are added (a duplicate id is found in the same
 * step); the standards' index is rebuilt when the loader sorts them, and the indicators'
 * (ids, then aliases: an id wins over an alias, an earlier alias over a later one, as a scan
 * would find them) once their file is read. Every table maps a name to its position in the
 * rules' array. Owns the tables (qc_rules.index). */
#include <stdlib.h>
#include <string.h>
#include "rules_internal.h"
#include "qcompare/intern.h"

typedef struct table {
    qc_intern *names;
    uint32_t *at;          /* name id -> position */
    size_t n, cap;         /* ids mapped */
} table;

struct qc_rules_index {
    table products, indicators, standards;
    uint32_t *regulations; /* positions of the standards of kind "regulation" */
    size_t nregulations, capregulations;
};

static void table_free(table *t)
{
    qc_intern_free(t->names);
    free(t->at);
    *t = (table){0};
}

/* Appends v to the array *a of *n (capacity *cap), doubling it when full; -1 when out of
 * memory. */
static int append(uint32_t **a, size_t *n, size_t *cap, uint32_t v)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        uint32_t *g = realloc(*a, c * sizeof *g);
        if (!g) return -1;
        *a = g;
        *cap = c;
    }
    (*a)[(*n)++] = v;
    return 0;
}

/* Maps name to pos unless the name is already mapped; *first receives the position it maps
 * to (pos, or the earlier one). -1 when out of memory. */
static int table_add(table *t, const char *name, uint32_t pos, uint32_t *first)
{
    if (!t->names && !(t->names = qc_intern_new())) return -1;
    uint32_t id = qc_intern_add(t->names, name, strlen(name));
    if (id == QC_INTERN_NONE) return -1;
    if (id < t->n) {
        *first = t->at[id];
        return 0;
    }
    if (append(&t->at, &t->n, &t->cap, pos)) return -1;
    *first = pos;
    return 0;
}

static long table_find(const table *t, const char *name)
{
    if (!t->names) return -1;
    uint32_t id = qc_intern_find(t->names, name, strlen(name));
    return id == QC_INTERN_NONE ? -1 : (long)t->at[id];
}

static struct qc_rules_index *index_of(qc_rules *r)
{
    if (!r->index) r->index = calloc(1, sizeof(struct qc_rules_index));
    return r->index;
}

long qc_rules_index_add_product(qc_rules *r, size_t i)
{
    struct qc_rules_index *x = index_of(r);
    uint32_t first;
    if (!x || table_add(&x->products, r->products[i].id, (uint32_t)i, &first)) return -2;
    return first == i ? -1 : (long)first;
}

static int add_regulation(struct qc_rules_index *x, const qc_rules *r, size_t i)
{
    if (strcmp(r->standards[i].kind ? r->standards[i].kind : "", "regulation") != 0) return 0;
    return append(&x->regulations, &x->nregulations, &x->capregulations, (uint32_t)i);
}

long qc_rules_index_add_standard(qc_rules *r, size_t i)
{
    struct qc_rules_index *x = index_of(r);
    uint32_t first;
    if (!x || table_add(&x->standards, r->standards[i].id, (uint32_t)i, &first)) return -2;
    if (first != i) return (long)first;
    return add_regulation(x, r, i) ? -2 : -1;
}

qc_status qc_rules_index_standards(qc_rules *r)
{
    struct qc_rules_index *x = index_of(r);
    if (!x) return QC_ENOMEM;
    table_free(&x->standards);
    x->nregulations = 0;
    for (size_t i = 0; i < r->nstandards; i++)
        if (qc_rules_index_add_standard(r, i) == -2) return QC_ENOMEM;
    return QC_OK;
}

qc_status qc_rules_index_indicators(qc_rules *r)
{
    struct qc_rules_index *x = index_of(r);
    if (!x) return QC_ENOMEM;
    table_free(&x->indicators);
    uint32_t first;
    for (size_t i = 0; i < r->nindicators; i++)
        if (table_add(&x->indicators, r->indicators[i].id, (uint32_t)i, &first)) return QC_ENOMEM;
    for (size_t i = 0; i < r->nindicators; i++)
        for (size_t k = 0; k < r->indicators[i].naliases; k++)
            if (table_add(&x->indicators, r->indicators[i].aliases[k], (uint32_t)i, &first))
                return QC_ENOMEM;
    return QC_OK;
}

void qc_rules_index_free(qc_rules *r)
{
    struct qc_rules_index *x = r->index;
    if (!x) return;
    table_free(&x->products);
    table_free(&x->indicators);
    table_free(&x->standards);
    free(x->regulations);
    free(x);
    r->index = NULL;
}

/* ---------- lookups (rules.h) ---------- */

const qc_indicator *qc_rules_indicator(const qc_rules *r, const char *name)
{
    /* the dictionary loader indexes every file it reads before anything looks a name up */
    const struct qc_rules_index *x = r->index;
    long i = x ? table_find(&x->indicators, name) : -1;
    return i < 0 ? NULL : &r->indicators[i];
}

const qc_product *qc_rules_product(const qc_rules *r, const char *id)
{
    const struct qc_rules_index *x = r->index;
    long i = x ? table_find(&x->products, id) : -1;
    return i < 0 ? NULL : &r->products[i];
}

const qc_standard *qc_rules_standard_exact(const qc_rules *r, const char *id)
{
    const struct qc_rules_index *x = r->index;
    long i = x && id ? table_find(&x->standards, id) : -1;
    return i < 0 ? NULL : &r->standards[i];
}

const uint32_t *qc_rules_regulations(const qc_rules *r, size_t *n)
{
    const struct qc_rules_index *x = r->index;
    *n = x ? x->nregulations : 0;
    return x ? x->regulations : NULL;
}
