/* methods.c — rules/methods.json (rules.h): which test methods the library declares equivalent
 * or not equivalent for an indicator, so that a standards comparison can decide whether two
 * limits measured by different methods may be compared at all. A pair not declared either way
 * is "not declared": compared, flagged. Owns the parsed table. */
#include <stdlib.h>
#include <string.h>
#include "rules_internal.h"

static const qc_json_field file_fields[] = {
    {"declarations", QC_JT_ARRAY, 1}, {"note", QC_JT_STRING, 0}, {NULL, 0, 0}};

static const qc_json_field decl_fields[] = {
    {"indicator", QC_JT_STRING, 0}, {"methods", QC_JT_ARRAY, 1},
    {"equivalent", QC_JT_BOOL, 1}, {"reason", QC_JT_STRING, 1}, {"source", QC_JT_STRING, 0},
    {NULL, 0, 0}};

typedef struct decl {
    const char *indicator;     /* NULL: any indicator */
    const char **methods;
    size_t nmethods;
    int equivalent;
    const char *reason;
} decl;

struct qc_methods { decl *d; size_t n; };

void qc_methods_free(struct qc_methods *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->n; i++) free(m->d[i].methods);
    free(m->d);
    free(m);
}

qc_status qc_rules_load_methods(qc_rules *r, const char *path, qc_error *err)
{
    cJSON *doc;
    char p[512], q[512];
    qc_status s = qc_rules_read(r, path, "methods", &doc, err);
    if (s) return s;
    if ((s = qc_json_check_type(doc, QC_JT_OBJECT, path, "$", err))) return s;
    if ((s = qc_json_check(doc, file_fields, path, "$", err))) return s;
    struct qc_methods *m = r->methods;
    if (!m && !(m = r->methods = calloc(1, sizeof *m)))
        return qc_error_set(err, QC_ENOMEM, "out of memory");
    int i = 0;
    for (const cJSON *e = cJSON_GetObjectItemCaseSensitive(doc, "declarations")->child; e;
         e = e->next, i++) {
        qc_json_path_index(p, sizeof p, "$.declarations", i);
        if ((s = qc_json_check_type(e, QC_JT_OBJECT, path, p, err))) return s;
        if ((s = qc_json_check(e, decl_fields, path, p, err))) return s;
        const char *ind = qc_json_str(e, "indicator", NULL);
        if (ind && !qc_rules_indicator(r, ind))
            return qc_error_set(err, QC_ERULES, "%s: %s.indicator: unknown indicator \"%s\"", path,
                                p, ind);
        decl *d = qc_rules_push(&m->d, &m->n, sizeof *d);
        if (!d) return qc_error_set(err, QC_ENOMEM, "out of memory");
        d->indicator = ind;
        d->equivalent = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "equivalent"));
        d->reason = qc_json_str(e, "reason", "");
        const cJSON *ms = cJSON_GetObjectItemCaseSensitive(e, "methods");
        int k = 0, n = cJSON_GetArraySize(ms);
        if (n < 2)
            return qc_error_set(err, QC_ERULES, "%s: %s.methods: needs at least two methods", path, p);
        if (!(d->methods = calloc((size_t)n, sizeof *d->methods)))
            return qc_error_set(err, QC_ENOMEM, "out of memory");
        for (const cJSON *x = ms->child; x; x = x->next, k++) {
            char mp[512];
            qc_json_path_key(mp, sizeof mp, p, "methods");
            if ((s = qc_json_check_type(x, QC_JT_STRING, path, qc_json_path_index(q, sizeof q, mp, k), err)))
                return s;
            d->methods[d->nmethods++] = x->valuestring;
        }
    }
    return QC_OK;
}

static int lists(const decl *d, const char *m)
{
    for (size_t i = 0; i < d->nmethods; i++)
        if (strcmp(d->methods[i], m) == 0) return 1;
    return 0;
}

int qc_rules_methods_equivalent(const qc_rules *r, const char *indicator, const char *m1,
                                const char *m2, const char **why)
{
    if (why) *why = NULL;
    if (!m1 || !m2 || strcmp(m1, m2) == 0) return 1;
    const struct qc_methods *m = r ? r->methods : NULL;
    int found = -1;
    for (size_t i = 0; m && i < m->n; i++) {
        const decl *d = &m->d[i];
        if (d->indicator && (!indicator || strcmp(d->indicator, indicator) != 0)) continue;
        if (!lists(d, m1) || !lists(d, m2)) continue;
        /* an indicator's own declaration wins over a general one */
        if (found < 0 || d->indicator) {
            found = d->equivalent;
            if (why) *why = d->reason;
            if (d->indicator) break;
        }
    }
    return found;
}
