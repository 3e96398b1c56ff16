/* each.c — groups.compare = each (pipeline.h, DESIGN §9 "several subjects"): every subject value
 * (each manufacturer) against the pooled reference (the benchmark), indicator by indicator, with
 * the same tests and verdict rule as the pooled comparison (comparison.c; p-values adjusted
 * across the product's indicators within each subject, verdicts.c); Dunnett's many-to-one test across the subject
 * values of an indicator (pooled variance of the reference and every subject; stats/dunnett.c);
 * a ranking of the subjects per indicator; and one scorecard per subject. Owns its per-product
 * state. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pipeline.h"

struct each_state {
    size_t nind, nsub, n;        /* capacity in indicators, subject values, indicators seen */
    pending *pend;               /* [g·nind + i]: subject g on indicator i */
    qc_pairwise *dunnett;        /* [g·nind + i]; NaN when not in Dunnett's family */
    char (*dwhy)[200];           /* [i]: why Dunnett is null for indicator i ("" when it is not) */
    cJSON **json;                /* [i]: the indicator's object */
};

each_state *qc_pipeline_each_begin(size_t nindicators, size_t nsubject)
{
    each_state *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    size_t cells = (nindicators + 1) * (nsubject + 1);
    e->nind = nindicators + 1;
    e->nsub = nsubject;
    e->pend = calloc(cells, sizeof *e->pend);
    e->dunnett = calloc(cells, sizeof *e->dunnett);
    e->dwhy = calloc(e->nind, sizeof *e->dwhy);
    e->json = calloc(e->nind, sizeof *e->json);
    if (!e->pend || !e->dunnett || !e->dwhy || !e->json) {
        qc_pipeline_each_free(e);
        return NULL;
    }
    return e;
}

void qc_pipeline_each_free(each_state *e)
{
    if (!e) return;
    free(e->pend); free(e->dunnett); free(e->dwhy); free(e->json);
    free(e);
}

/* The subject values' ranking on one indicator: best first by the indicator's direction (mean
 * highest, lowest, or closest to the nominal target), ties sharing a rank. */
typedef struct ranked { size_t g; double score; } ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score) return x->score < y->score ? -1 : 1;
    return (x->g > y->g) - (x->g < y->g);
}

static void ranking(ctx *cx, each_state *e, const qc_study_product *sp, const qc_indicator *ind,
                    size_t i, cJSON *ij, const char *where)
{
    double t = NAN, h = NAN;
    qc_pipeline_nominal(sp, ind, &t, &h);
    cJSON *arr = cJSON_AddArrayToObject(ij, "ranking");
    if (ind->direction == QC_DIR_NOMINAL && isnan(t)) {
        qc_report_note(cx->rep, "%s.ranking: empty: nominal-is-best, and no listed standard "
                       "gives a target", where);
        return;
    }
    ranked r[512];
    size_t n = 0;
    for (size_t g = 0; g < e->nsub && n < 512; g++) {
        const pending *pe = &e->pend[g * e->nind + i];
        if (!(pe->ds.n > 0) || !isfinite(pe->ds.mean)) continue;
        double m = pe->ds.mean;
        r[n++] = (ranked){g, ind->direction == QC_DIR_HIGHER  ? -m
                             : ind->direction == QC_DIR_LOWER ? m
                                                              : fabs(m - t)};
    }
    qsort(r, n, sizeof *r, cmp_ranked);
    for (size_t k = 0, rank = 1; k < n; k++) {
        if (k && r[k].score != r[k - 1].score) rank = k + 1;
        const pending *pe = &e->pend[r[k].g * e->nind + i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "group", cx->study->subject[r[k].g]);
        cJSON_AddNumberToObject(o, "rank", (double)rank);
        cJSON_AddNumberToObject(o, "mean", pe->ds.mean);
        cJSON_AddNumberToObject(o, "n", (double)pe->ds.n);
        cJSON_AddItemToArray(arr, o);
    }
}

/* Dunnett across the subject values that have values, against the pooled reference: the
 * layout is the reference's values, then each such subject's (x grows as they are added). */
typedef struct layout { double *x; size_t n, cap, sizes[513], k, who[513]; } layout;

static int add_group(layout *l, const double *v, size_t n, size_t g)
{
    if (l->n + n > l->cap) {
        size_t cap = 2 * (l->n + n) + 16;
        double *p = realloc(l->x, cap * sizeof *p);
        if (!p) return -1;
        l->x = p;
        l->cap = cap;
    }
    memcpy(l->x + l->n, v, n * sizeof *v);
    l->n += n;
    l->sizes[l->k] = n;
    l->who[l->k++] = g;
    return 0;
}

qc_status qc_pipeline_each_indicator(ctx *cx, each_state *e, const qc_study_product *sp,
                                     const qc_indicator *ind, const cellref *cr, size_t ncr,
                                     cJSON *ij, const char *where)
{
    size_t i = e->n++;
    e->json[i] = ij;
    cellref *sub = malloc((ncr + 1) * sizeof *sub);
    layout l = {0};
    qc_status st = sub ? QC_OK : qc_error_set(cx->err, QC_ENOMEM, "out of memory");
    cJSON_AddArrayToObject(ij, "comparisons");  /* filled by qc_pipeline_each_finish */
    for (size_t g = 0; !st && g < e->nsub && g < 512; g++) {
        /* subject g's cells (as the subject role) and the reference's */
        size_t m = 0;
        for (size_t c = 0; c < ncr; c++) {
            if (cr[c].role == 1) sub[m++] = cr[c];
            else if (cr[c].role == 0 && strcmp(cr[c].name, cx->study->subject[g]) == 0)
                sub[m++] = (cellref){cr[c].c, 0, cr[c].name};
        }
        pending *pe = &e->pend[g * e->nind + i];
        pe->json = ij;
        pe->ind = ind;
        if ((st = qc_pipeline_compare(cx, sp, sub, m, pe))) break;
        /* the values the comparison pooled are still in the scratch buffers */
        size_t nr = pe->nv_r, ns = pe->nv_s;
        if (g == 0 && nr && add_group(&l, cx->s.rv, nr, (size_t)-1))
            st = qc_error_set(cx->err, QC_ENOMEM, "out of memory");
        if (!st && l.k && ns && add_group(&l, cx->s.sv, ns, g))
            st = qc_error_set(cx->err, QC_ENOMEM, "out of memory");
    }
    for (size_t g = 0; g < e->nsub; g++)
        e->dunnett[g * e->nind + i] = (qc_pairwise){0, 0, NAN, NAN, NAN, NAN, NAN, NAN, NAN};
    if (!st && l.k >= 2) {
        qc_pairwise out[512];
        qc_status ds = qc_stats_dunnett(l.x, 1, l.sizes, l.k, cx->study->confidence, out);
        if (ds == QC_ENOMEM) st = qc_error_set(cx->err, QC_ENOMEM, "out of memory");
        else if (ds != QC_OK)
            snprintf(e->dwhy[i], sizeof e->dwhy[i], "needs a pooled variance: more values than "
                     "groups, and not every group constant");
        for (size_t j = 1; !st && ds == QC_OK && j < l.k; j++)
            e->dunnett[l.who[j] * e->nind + i] = out[j - 1];
    } else if (!st) {
        snprintf(e->dwhy[i], sizeof e->dwhy[i], "needs measured reference values and a subject "
                 "with measured values (censored results under km or ros have none)");
    }
    if (!st) ranking(cx, e, sp, ind, i, ij, where);
    free(sub);
    free(l.x);
    return st;
}

qc_status qc_pipeline_each_finish(ctx *cx, each_state *e, const qc_study_product *sp,
                                  cJSON *product)
{
    qc_status st = QC_OK;
    for (size_t g = 0; !st && g < e->nsub; g++)
        st = qc_pipeline_verdicts(cx, e->pend + g * e->nind, e->n);
    char ref[512];
    size_t used = 0;
    ref[0] = '\0';
    for (size_t r = 0; r < cx->study->nreference && used < sizeof ref; r++)
        used += (size_t)snprintf(ref + used, sizeof ref - used, "%s%s", r ? "+" : "",
                                 cx->study->reference[r]);
    for (size_t i = 0; !st && i < e->n; i++) {
        cJSON *arr = cJSON_GetObjectItemCaseSensitive(e->json[i], "comparisons");
        for (size_t g = 0; g < e->nsub; g++) {
            const pending *pe = &e->pend[g * e->nind + i];
            const char *name = cx->study->subject[g];
            char w[1024];
            snprintf(w, sizeof w, "%s/%s.comparisons[%s]", sp->product->id, pe->ind->id, name);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "group", name);
            cJSON_AddItemToArray(arr, o);
            if (!pe->ok) {
                cJSON_AddStringToObject(o, "reason", pe->why);
                qc_report_note(cx->rep, "%s: not compared: %s", w, pe->why);
                continue;
            }
            qc_report_comparison_fill(cx->rep, o, name, ref, &pe->gap, w);
            const qc_pairwise *d = &e->dunnett[g * e->nind + i];
            if (!isfinite(d->p_value)) {
                cJSON_AddNullToObject(o, "dunnett");
                qc_report_note(cx->rep, "%s.dunnett: null: %s", w,
                               e->dwhy[i][0] ? e->dwhy[i]
                               : "the subject has no measured values (censored results under "
                                 "km or ros have none)");
                continue;
            }
            cJSON *dj = cJSON_AddObjectToObject(o, "dunnett");
            cJSON_AddNumberToObject(dj, "difference", d->difference);
            cJSON_AddNumberToObject(dj, "t", d->statistic);
            cJSON_AddNumberToObject(dj, "df", d->df);
            cJSON_AddNumberToObject(dj, "p_value", d->p_value);
            cJSON_AddNumberToObject(dj, "ci_low", d->ci_lo);
            cJSON_AddNumberToObject(dj, "ci_high", d->ci_hi);
        }
    }
    cJSON *scs = cJSON_AddArrayToObject(product, "scorecards");
    for (size_t g = 0; !st && g < e->nsub; g++) {
        cJSON *sc = cJSON_CreateObject();
        cJSON_AddStringToObject(sc, "group", cx->study->subject[g]);
        cJSON_AddItemToArray(scs, sc);
        qc_pipeline_scorecard_fill(cx, sp, sc, e->pend + g * e->nind, e->n, cx->study->subject[g]);
    }
    return st;
}
