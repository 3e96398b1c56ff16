/* access.c — the render layer's only reader of the analysis JSON: values by dotted path, each
 * typed getter answering "absent" for a missing key, a null or a value of another type, so
 * that a document from an older or newer engine (or a damaged one) renders with gaps, never a
 * crash. Fields other issues add (censored_method, sampling, comparisons[] …) are read the
 * same way and shown only when present. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <string.h>
#include "render_internal.h"

const cJSON *qc_rj(const cJSON *o, const char *path)
{
    if (!path || !*path) return o;
    while (o && *path) {
        const char *dot = strchr(path, '.');
        size_t n = dot ? (size_t)(dot - path) : strlen(path);
        if (!cJSON_IsObject(o)) return NULL;
        const cJSON *c = o->child;
        while (c && !(c->string && strlen(c->string) == n && memcmp(c->string, path, n) == 0))
            c = c->next;
        o = c;
        path += n + (dot ? 1 : 0);
        if (!dot) break;
    }
    return o;
}

int qc_rj_num(const cJSON *o, const char *path, double *x)
{
    const cJSON *v = qc_rj(o, path);
    if (!cJSON_IsNumber(v)) return 0;
    if (!(v->valuedouble == v->valuedouble) || v->valuedouble > 1.7976931348623157e308 ||
        v->valuedouble < -1.7976931348623157e308)
        return 0;
    *x = v->valuedouble;
    return 1;
}

const char *qc_rj_str(const cJSON *o, const char *path)
{
    const cJSON *v = qc_rj(o, path);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

const cJSON *qc_rj_arr(const cJSON *o, const char *path)
{
    const cJSON *v = qc_rj(o, path);
    return cJSON_IsArray(v) ? v : NULL;
}

const cJSON *qc_rj_first(const cJSON *o, const char *path)
{
    const cJSON *a = qc_rj_arr(o, path);
    return a ? a->child : NULL;
}

int qc_rj_len(const cJSON *o, const char *path)
{
    const cJSON *a = qc_rj_arr(o, path);
    return a ? cJSON_GetArraySize(a) : 0;
}

int qc_rj_bool(const cJSON *o, const char *path)
{
    const cJSON *v = qc_rj(o, path);
    if (cJSON_IsTrue(v)) return 1;
    if (cJSON_IsFalse(v)) return 0;
    return -1;
}

const char *qc_rj_name(const cJSON *o, qc_lang lang, const char *id_key)
{
    const char *a = qc_rj_str(o, lang == QC_LANG_ZH ? "name.zh" : "name.en");
    const char *b = qc_rj_str(o, lang == QC_LANG_ZH ? "name.en" : "name.zh");
    const char *id = id_key ? qc_rj_str(o, id_key) : NULL;
    if (a && *a) return a;
    if (b && *b) return b;
    return id ? id : "";
}

const cJSON *qc_rj_find(const cJSON *arr, const char *key, const char *value)
{
    if (!cJSON_IsArray(arr) || !value) return NULL;
    for (const cJSON *e = arr->child; e; e = e->next) {
        const char *s = qc_rj_str(e, key);
        if (s && strcmp(s, value) == 0) return e;
    }
    return NULL;
}

/* Pools group summaries: N = Σn, mean = Σ n·m / N, and the total variance
 * [Σ(n−1)s² + Σ n(m − mean)²] / (N − 1). Only groups with n and mean count; sd is NaN when
 * some group lacks one (or N < 2). */
int qc_rj_pool(const cJSON *indicator, const char *role, const char *group, double *n,
               double *mean, double *sd)
{
    double N = 0, S = 0, ss = 0;
    int k = 0, sd_ok = 1;
    const cJSON *first = qc_rj_first(indicator, "groups");
    for (const cJSON *g = first; g; g = g->next) {
        const char *r = qc_rj_str(g, "role"), *name = qc_rj_str(g, "group");
        if (group ? !name || strcmp(name, group) != 0 : !r || strcmp(r, role) != 0) continue;
        double gn, gm;
        if (!qc_rj_num(g, "n", &gn) || !qc_rj_num(g, "mean", &gm) || gn <= 0) continue;
        N += gn, S += gn * gm, k++;
    }
    if (!k) return 0;
    double m = S / N;
    for (const cJSON *g = first; g; g = g->next) {
        const char *r = qc_rj_str(g, "role"), *name = qc_rj_str(g, "group");
        if (group ? !name || strcmp(name, group) != 0 : !r || strcmp(r, role) != 0) continue;
        double gn, gm, gs;
        if (!qc_rj_num(g, "n", &gn) || !qc_rj_num(g, "mean", &gm) || gn <= 0) continue;
        if (!qc_rj_num(g, "sd", &gs)) { if (gn > 1) sd_ok = 0; gs = 0; }
        ss += (gn - 1) * gs * gs + gn * (gm - m) * (gm - m);
    }
    *n = N;
    *mean = k == 1 ? S / N : m;
    *sd = sd_ok && N > 1 ? (k == 1 ? NAN : sqrt(ss / (N - 1))) : NAN;
    if (k == 1) {  /* one group: its own numbers, not recomputed */
        for (const cJSON *g = first; g; g = g->next) {
            const char *r = qc_rj_str(g, "role"), *name = qc_rj_str(g, "group");
            if (group ? !name || strcmp(name, group) != 0 : !r || strcmp(r, role) != 0) continue;
            double gm;
            if (!qc_rj_num(g, "n", n) || !qc_rj_num(g, "mean", &gm)) continue;
            *mean = gm;
            if (!qc_rj_num(g, "sd", sd)) *sd = NAN;
            break;
        }
    }
    return 1;
}
