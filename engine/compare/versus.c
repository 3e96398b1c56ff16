/* versus.c — one subject against the reference on one indicator (pipeline.h): the role-0
 * values pooled against the role-1 values, the gap from their summaries, every two-sample test
 * on the values, E_n; then, over a family of such comparisons (a product's indicators for one
 * subject), the multiple-testing adjustment, the verdicts and the minimum detectable
 * differences. Used by the pooled pipeline (analyze.c) and by groups.compare = each (each.c).
 * Owns nothing beyond the adjustment's scratch. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "pipeline.h"

void qc_pipeline_nominal(const qc_study_product *sp, const qc_indicator *ind, double *t,
                         double *h)
{
    *t = *h = NAN;
    for (size_t k = 0; k < sp->nstandards; k++) {
        const qc_limit_set *set = qc_standard_limits(sp->standards[k].standard,
                                                     sp->standards[k].grade, ind->id);
        if (!set || isnan(set->piece[0].min) || isnan(set->piece[0].max)) continue;
        const qc_limit *l = &set->piece[0];
        *t = isnan(l->target) ? (l->min + l->max) / 2 : l->target;
        *h = (l->max - l->min) / 2;
        return;
    }
}

qc_status qc_pipeline_compare(ctx *cx, const qc_study_product *sp, const qc_indicator *ind,
                              const cellref *cr, size_t ncr, pending *pe)
{
    size_t total = 1;
    for (size_t g = 0; g < ncr; g++) total += cr[g].c->n;
    if (qc_pipeline_reserve(&cx->s, total)) return qc_error_set(cx->err, QC_ENOMEM, "out of memory");
    qc_describe ds, dr;
    double Us = NAN, Ur = NAN;
    size_t ns = 0, nr = 0;
    qc_status st = qc_pipeline_pooled(cx, cr, ncr, 0, cx->s.sv, &ns, &ds, &Us);
    if (!st) st = qc_pipeline_pooled(cx, cr, ncr, 1, cx->s.rv, &nr, &dr, &Ur);
    if (st) return st;
    pe->ind = ind;
    pe->ok = 0;
    pe->mean_s = ds.mean;
    pe->mean_r = dr.mean;
    pe->ds = ds;
    pe->dr = dr;
    if (ds.n < 2 || dr.n < 2) {
        snprintf(pe->why, sizeof pe->why, "needs at least 2 subject and 2 reference values "
                 "(have %zu and %zu)", ds.n, dr.n);
        return QC_OK;
    }
    double t, h;
    qc_pipeline_nominal(sp, ind, &t, &h);
    pe->ok = qc_compare_gap(&ds, &dr, ind->direction, t, h, cx->study->confidence,
                            &pe->gap) == QC_OK;
    pe->gap.e_n = qc_compare_en(ds.mean, Us, dr.mean, Ur);
    /* TOST margin: a fraction of |reference mean|, or of the half-tolerance (nominal) */
    double margin = cx->study->equivalence_margin *
                    (ind->direction == QC_DIR_NOMINAL ? h : fabs(dr.mean));
    if (pe->ok &&
        (st = qc_compare_samples(cx->s.sv, ns, cx->s.rv, nr, &ds, &dr, margin,
                                 cx->study->confidence, cx->study->alpha, cx->s.work,
                                 cx->s.iwork, &pe->gap)))
        return st;
    if (!pe->ok) snprintf(pe->why, sizeof pe->why, "both groups have zero variance");
    return QC_OK;
}

qc_status qc_pipeline_verdicts(ctx *cx, pending *pend, size_t n)
{
    double *p = calloc(2 * n + 1, sizeof *p);
    size_t *order = calloc(n + 1, sizeof *order);
    qc_status st = (!p || !order) ? qc_error_set(cx->err, QC_ENOMEM, "out of memory") : QC_OK;
    size_t np = 0;
    for (size_t i = 0; !st && i < n; i++)
        if (pend[i].ok) p[np++] = pend[i].gap.welch.p_value;
    if (!st && np) st = qc_stats_p_adjust(p, np, (qc_padjust_method)cx->study->multiple_testing,
                                          p + np, order);
    for (size_t i = 0, k = 0; !st && i < n; i++) {
        if (!pend[i].ok) continue;
        pend[i].gap.p_adjusted = p[np + k++];
        pend[i].gap.verdict = qc_compare_verdict(&pend[i].gap, pend[i].ind->direction,
                                                 cx->study->alpha);
        if (pend[i].gap.verdict == QC_VERDICT_INCONCLUSIVE)
            qc_compare_mdd(&pend[i].ds, &pend[i].dr, cx->study->alpha, &pend[i].gap);
    }
    free(p);
    free(order);
    return st;
}
