/* dictionary.c — rules/indicators.json, rules/products.json and rules/units.json: the
 * vocabulary that matches results and standards indicator by indicator. Validates each entry
 * (field tables below) and rejects duplicate ids and aliases. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/names.h"
#include "rules_internal.h"

static const qc_json_field text_fields[] = {
    {"en", QC_JT_STRING, 1}, {"zh", QC_JT_STRING, 1}, {NULL, 0, 0}};

static const qc_json_field indicator_fields[] = {
    {"id", QC_JT_STRING, 1}, {"name", QC_JT_OBJECT, 1}, {"unit", QC_JT_STRING, 1},
    {"direction", QC_JT_STRING, 1}, {"aliases", QC_JT_ARRAY, 0}, {"note", QC_JT_STRING, 0},
    {NULL, 0, 0}};

static const qc_json_field product_fields[] = {
    {"id", QC_JT_STRING, 1}, {"name", QC_JT_OBJECT, 1}, {"industry", QC_JT_STRING, 1},
    {"aliases", QC_JT_ARRAY, 0}, {"note", QC_JT_STRING, 0}, {NULL, 0, 0}};

static const qc_json_field units_fields[] = {
    {"aliases", QC_JT_OBJECT, 0}, {"literal", QC_JT_ARRAY, 0}, {"note", QC_JT_STRING, 0},
    {NULL, 0, 0}};

static const char *const industries[] = {
    "advanced-materials", "advanced-equipment", "modern-light-industry", "biomedicine",
    "electronic-information", "big-data-software", NULL};

static const struct { const char *name; qc_direction d; } directions[] = {
    {"higher_is_better", QC_DIR_HIGHER}, {"lower_is_better", QC_DIR_LOWER},
    {"nominal_is_best", QC_DIR_NOMINAL}};

int qc_rules_is_industry(const char *id)
{
    for (size_t k = 0; industries[k]; k++)
        if (strcmp(industries[k], id) == 0) return 1;
    return 0;
}

const char *qc_direction_name(qc_direction d)
{
    return directions[d].name;
}

static qc_status parse_text(const cJSON *obj, const char *file, const char *path, qc_text *t,
                            qc_error *err)
{
    qc_status s = qc_json_check(obj, text_fields, file, path, err);
    if (s) return s;
    t->en = (char *)qc_json_str(obj, "en", "");
    t->zh = (char *)qc_json_str(obj, "zh", "");
    return QC_OK;
}

/* The "aliases" array of an entry at path: strings, kept as they are written. */
static qc_status aliases(const cJSON *e, const char *path, const char *p, char ***out, size_t *n,
                         qc_error *err)
{
    const cJSON *al = cJSON_GetObjectItemCaseSensitive(e, "aliases");
    char qa[512], q[512];
    int j = 0;
    qc_json_path_key(qa, sizeof qa, p, "aliases");
    for (const cJSON *a = al ? al->child : NULL; a; a = a->next, j++) {
        qc_json_path_index(q, sizeof q, qa, j);
        qc_status s = qc_json_check_type(a, QC_JT_STRING, path, q, err);
        if (s) return s;
        char **slot = qc_rules_push(out, n, sizeof *slot);
        if (!slot) return qc_error_set(err, QC_ENOMEM, "out of memory");
        *slot = a->valuestring;
    }
    return QC_OK;
}

qc_status qc_rules_load_indicators(qc_rules *r, const char *path, qc_error *err)
{
    cJSON *doc;
    char p[512], q[512];
    qc_status s = qc_rules_read(r, path, "dictionary", &doc, err);
    if (s) return s;
    if ((s = qc_json_check_type(doc, QC_JT_ARRAY, path, "$", err))) return s;
    int i = 0;
    for (const cJSON *e = doc->child; e; e = e->next, i++) {
        qc_json_path_index(p, sizeof p, "$", i);
        if ((s = qc_json_check(e, indicator_fields, path, p, err))) return s;
        qc_indicator *ind = qc_rules_push(&r->indicators, &r->nindicators, sizeof *ind);
        if (!ind) return qc_error_set(err, QC_ENOMEM, "out of memory");
        ind->id = (char *)qc_json_str(e, "id", "");
        ind->unit = (char *)qc_json_str(e, "unit", "");
        if ((s = parse_text(cJSON_GetObjectItemCaseSensitive(e, "name"), path,
                            qc_json_path_key(q, sizeof q, p, "name"), &ind->name, err)))
            return s;
        const char *dir = qc_json_str(e, "direction", "");
        size_t k = 0;
        while (k < 3 && strcmp(directions[k].name, dir) != 0) k++;
        if (k == 3)
            return qc_error_set(err, QC_ERULES, "%s: %s.direction: must be higher_is_better, "
                                "lower_is_better or nominal_is_best", path, p);
        ind->direction = directions[k].d;
        if (r->units && !qc_units_known(r->units, ind->unit))
            return qc_error_set(err, QC_ERULES, "%s: %s.unit: unit \"%s\" not recognised (add "
                                "it to units.json)", path, p, ind->unit);
        if ((s = aliases(e, path, p, &ind->aliases, &ind->naliases, err))) return s;
    }
    /* every id and alias names one indicator: through the index (ids first, then aliases in
     * order, the first naming wins), a name that resolves elsewhere is a clash */
    if (qc_rules_index_indicators(r)) return qc_error_set(err, QC_ENOMEM, "out of memory");
    for (size_t b = 0; b < r->nindicators; b++) {
        const qc_indicator *y = &r->indicators[b];
        if (qc_rules_indicator(r, y->id) != y)
            return qc_error_set(err, QC_ERULES, "%s: $[%zu].id: duplicate indicator id "
                                "\"%s\"", path, b, y->id);
    }
    for (size_t b = 0; b < r->nindicators; b++) {
        const qc_indicator *y = &r->indicators[b];
        for (size_t k = 0; k < y->naliases; k++)
            if (qc_rules_indicator(r, y->aliases[k]) != y)
                return qc_error_set(err, QC_ERULES, "%s: $[%zu].aliases[%zu]: \"%s\" already "
                                    "names another indicator", path, b, k, y->aliases[k]);
    }
    return QC_OK;
}

qc_status qc_rules_load_products(qc_rules *r, const char *path, qc_error *err)
{
    cJSON *doc;
    char p[512], q[512];
    qc_status s = qc_rules_read(r, path, "products", &doc, err);
    if (s) return s;
    if ((s = qc_json_check_type(doc, QC_JT_ARRAY, path, "$", err))) return s;
    int i = 0;
    for (const cJSON *e = doc->child; e; e = e->next, i++) {
        qc_json_path_index(p, sizeof p, "$", i);
        if ((s = qc_json_check(e, product_fields, path, p, err))) return s;
        const char *id = qc_json_str(e, "id", "");
        qc_product *pr = qc_rules_push(&r->products, &r->nproducts, sizeof *pr);
        if (!pr) return qc_error_set(err, QC_ENOMEM, "out of memory");
        pr->id = (char *)id;
        long dup = qc_rules_index_add_product(r, r->nproducts - 1);
        if (dup == -2) return qc_error_set(err, QC_ENOMEM, "out of memory");
        if (dup >= 0) {
            r->nproducts--;  /* not kept: the index maps the id to the first */
            return qc_error_set(err, QC_ERULES, "%s: %s.id: duplicate product id \"%s\"", path,
                                p, id);
        }
        pr->industry = (char *)qc_json_str(e, "industry", "");
        if ((s = parse_text(cJSON_GetObjectItemCaseSensitive(e, "name"), path,
                            qc_json_path_key(q, sizeof q, p, "name"), &pr->name, err)))
            return s;
        if (!qc_rules_is_industry(pr->industry))
            return qc_error_set(err, QC_ERULES, "%s: %s.industry: unknown industry \"%s\"", path,
                                p, pr->industry);
        if ((s = aliases(e, path, p, &pr->aliases, &pr->naliases, err))) return s;
    }
    return QC_OK;
}

qc_status qc_rules_load_units(qc_rules *r, const char *path, qc_error *err)
{
    cJSON *doc;
    char p[512];
    qc_status s = qc_rules_read(r, path, "units", &doc, err);
    if (s) return s;
    if ((s = qc_json_check(doc, units_fields, path, "$", err))) return s;
    const cJSON *lit = cJSON_GetObjectItemCaseSensitive(doc, "literal");
    int i = 0;
    for (const cJSON *e = lit ? lit->child : NULL; e; e = e->next, i++) {
        qc_json_path_index(p, sizeof p, "$.literal", i);
        if ((s = qc_json_check_type(e, QC_JT_STRING, path, p, err))) return s;
        if (qc_units_add_literal(r->units, e->valuestring))
            return qc_error_set(err, QC_ENOMEM, "out of memory");
    }
    const cJSON *al = cJSON_GetObjectItemCaseSensitive(doc, "aliases");
    for (const cJSON *e = al ? al->child : NULL; e; e = e->next) {
        qc_json_path_key(p, sizeof p, "$.aliases", e->string);
        if ((s = qc_json_check_type(e, QC_JT_STRING, path, p, err))) return s;
        if (qc_units_add_alias(r->units, e->string, e->valuestring))
            return qc_error_set(err, QC_ENOMEM, "out of memory");
        if (!qc_units_known(r->units, e->string))
            return qc_error_set(err, QC_ERULES, "%s: %s: UDUNITS-2 cannot parse \"%s\"", path, p,
                                e->valuestring);
    }
    return QC_OK;
}

static const qc_json_field columns_fields[] = {
    {"columns", QC_JT_OBJECT, 1}, {"note", QC_JT_STRING, 0}, {NULL, 0, 0}};

/* columns.json: {"columns": {"nominal_diameter": ["公称直径", …], …}}; a header (folded, as
 * names.h compares them) names one column only. */
/* One name of columns.json, folded once (qc_name_same's folding, so two names collide exactly
 * when qc_name_same says so); NULL when it folds to 512 bytes or more (never the same). */
static char *folded(const char *name)
{
    char f[512];
    size_t n = qc_name_fold(name, strlen(name), f, sizeof f);
    return n < sizeof f ? strdup(f) : NULL;
}

static int same_folded(const char *a, const char *b)
{
    return a && b && a[0] == b[0] && strcmp(a, b) == 0;  /* most differ at once: no call */
}

qc_status qc_rules_load_columns(qc_rules *r, const char *path, qc_error *err)
{
    cJSON *doc;
    char p[512], q[512];
    qc_status s = qc_rules_read(r, path, "columns", &doc, err);
    if (s) return s;
    if ((s = qc_json_check(doc, columns_fields, path, "$", err))) return s;
    const cJSON *cols = cJSON_GetObjectItemCaseSensitive(doc, "columns");
    /* every name folded once, in file order: per column its key, then its aliases */
    size_t n = 0, k = 0;
    for (const cJSON *c = cols->child; c; c = c->next) n += 1 + (size_t)cJSON_GetArraySize(c);
    char **f = calloc(n + 1, sizeof *f);
    if (!f) return qc_error_set(err, QC_ENOMEM, "out of memory");
    for (const cJSON *c = cols->child; c; c = c->next) {
        f[k++] = folded(c->string);
        for (const cJSON *a = c->child; a; a = a->next)
            f[k++] = cJSON_IsString(a) ? folded(a->valuestring) : NULL;
    }
    size_t ci = 0;  /* the position of c's key in f */
    for (const cJSON *c = cols->child; !s && c; ci += 1 + (size_t)cJSON_GetArraySize(c), c = c->next) {
        qc_json_path_key(p, sizeof p, "$.columns", c->string);
        if ((s = qc_json_check_type(c, QC_JT_ARRAY, path, p, err))) break;
        int i = 0;
        for (const cJSON *a = c->child; !s && a; a = a->next, i++) {
            qc_json_path_index(q, sizeof q, p, i);
            if ((s = qc_json_check_type(a, QC_JT_STRING, path, q, err))) break;
            const char *fa = f[ci + 1 + (size_t)i];
            /* a against every alias of the other columns and the earlier ones of its own, and
             * against the other columns' names */
            size_t oi = 0;
            for (const cJSON *o = cols->child; !s && o; oi += 1 + (size_t)cJSON_GetArraySize(o), o = o->next) {
                size_t j = 0;
                for (const cJSON *b = o->child; b && (o != c || b != a); b = b->next, j++)
                    if (same_folded(fa, f[oi + 1 + j]) || (o != c && same_folded(fa, f[oi]))) {
                        s = qc_error_set(err, QC_ERULES, "%s: %s: \"%s\" already names column "
                                         "\"%s\"", path, q, a->valuestring, o->string);
                        break;
                    }
            }
        }
    }
    for (size_t j = 0; j < n; j++) free(f[j]);
    free(f);
    if (s) return s;
    r->column_aliases = (void *)cols;
    return QC_OK;
}
