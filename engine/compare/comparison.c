/* comparison.c — one indicator's comparison in the study pipeline (pipeline.h, DESIGN §5,
 * issue 12): the subject's and the reference's results pooled, and what can be defended of
 * them compared — the mean-based gap and tests when the groups allow it; for censored results
 * also the Peto–Prentice test and the detection frequencies, and, when a group is mostly
 * censored, the verdict on Peto–Prentice and the medians instead of the means; for two
 * constant groups the difference and Mann–Whitney. Owns nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "pipeline.h"

/* Target and half-tolerance of a nominal-is-best indicator: from the first listed standard
 * that sets a two-sided limit on it. */
static void nominal(const qc_study_product *sp, const qc_indicator *ind, double *t, double *h)
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

/* Direction-aware: > 0 when the subject is better, from a location shift (subject −
 * reference) or, for nominal-is-best, from the two locations' distances to the target. */
static double better_of(qc_direction dir, double shift, double ls, double lr, double target)
{
    switch (dir) {
    case QC_DIR_HIGHER: return shift;
    case QC_DIR_LOWER: return -shift;
    case QC_DIR_NOMINAL: return fabs(lr - target) - fabs(ls - target);
    }
    return NAN;
}

/* Every mean-based number of g undefined (a group mostly censored). */
static void no_means(qc_gap *g)
{
    double nan = NAN;
    g->difference = g->difference_lo = g->difference_hi = g->relative_gap = nan;
    g->welch = (qc_ttest){nan, nan, nan, nan, nan, nan, nan};
    g->student = g->welch;
    g->p_subject_better = g->e_n = g->cv_ratio = g->margin = nan;
    g->min_detectable_difference = nan;
    g->mann_whitney = (qc_mann_whitney){nan, nan, nan, nan, nan, 0, 0};
    g->hedges_g = (qc_hedges_g){nan, nan, nan, nan, nan, nan};
    g->variance = (qc_var_test){nan, nan, nan, nan, nan, nan};
    g->brown_forsythe = (qc_levene){nan, nan, nan, nan};
    g->tost = (qc_tost){nan, nan, nan, nan, nan, nan, nan, nan};
}

qc_status qc_pipeline_compare(ctx *cx, const qc_study_product *sp, const cellref *cr, size_t ncr,
                              pending *pe)
{
    const qc_indicator *ind = pe->ind;
    qc_describe ds, dr;
    double Us = NAN, Ur = NAN;
    size_t ns = 0, nr = 0;
    censample css = {cx->s.cxs, cx->s.ccs, 0, 0, 0, 0}, csr = {cx->s.cxr, cx->s.ccr, 0, 0, 0, 0};
    qc_status st = qc_pipeline_pooled(cx, cr, ncr, 0, cx->s.sv, &ns, &ds, &Us, &css);
    if (!st) st = qc_pipeline_pooled(cx, cr, ncr, 1, cx->s.rv, &nr, &dr, &Ur, &csr);
    if (st) return st;
    pe->mean_s = ds.mean;
    pe->mean_r = dr.mean;
    pe->ds = ds;
    pe->dr = dr;
    pe->share_s = css.n ? (double)css.ncens / (double)css.n : 0;
    pe->share_r = csr.n ? (double)csr.ncens / (double)csr.n : 0;
    if (css.n < 2 || csr.n < 2) {
        snprintf(pe->why, sizeof pe->why, "needs at least 2 subject and 2 reference results "
                 "(have %zu and %zu)", css.n, csr.n);
        return QC_OK;
    }
    double target, h;
    nominal(sp, ind, &target, &h);
    qc_gap *g = &pe->gap;
    int welch = qc_compare_gap(&ds, &dr, ind->direction, target, h, cx->study->confidence,
                               g) == QC_OK;
    double shift = NAN;
    if (css.ncens || csr.ncens) qc_pipeline_censored_tests(cx, &css, &csr, g, &shift);
    double max = cx->study->censored_max_share;
    int all_s = css.ncens == css.n, all_r = csr.ncens == csr.n;
    if (all_s || all_r || pe->share_s > max || pe->share_r > max) {
        /* mostly censored: no mean to compare; Peto–Prentice decides, the medians give the
         * direction (else Peto–Prentice's own) */
        const char *who = pe->share_s >= pe->share_r ? "subject" : "reference";
        const censample *c = pe->share_s >= pe->share_r ? &css : &csr;
        snprintf(pe->why_mean, sizeof pe->why_mean, "more than censored_max_share (%g) of the %s "
                 "results are censored (%zu of %zu): a mean-based gap cannot be defended; the "
                 "verdict rests on peto_prentice and the medians", max, who, c->ncens, c->n);
        no_means(g);
        g->why_mean = pe->why_mean;
        if (isfinite(ds.median) && isfinite(dr.median) && ds.median != dr.median)
            shift = ds.median - dr.median;
        g->better = better_of(ind->direction, shift, ds.median, dr.median, target);
        g->basis = isfinite(g->peto_prentice.p_value) ? QC_BASIS_PETO_PRENTICE : QC_BASIS_NONE;
        pe->ok = 1;
        return QC_OK;
    }
    int method = (css.ncens || csr.ncens) && qc_pipeline_censored_method(cx->study);
    int constant = !welch && ds.sd == 0 && dr.sd == 0;
    if (!welch && !constant) {
        snprintf(pe->why, sizeof pe->why, "no mean-based comparison is defined for these groups");
        return QC_OK;
    }
    g->e_n = qc_compare_en(ds.mean, Us, dr.mean, Ur);
    /* TOST margin: a fraction of |reference mean|, or of the half-tolerance (nominal) */
    double margin = cx->study->equivalence_margin *
                    (ind->direction == QC_DIR_NOMINAL ? h : fabs(dr.mean));
    st = qc_compare_samples(cx->s.sv, ns, cx->s.rv, nr, &ds, &dr, margin, cx->study->confidence,
                            cx->study->alpha, cx->s.work, cx->s.iwork, g);
    if (st) return st;
    if (method)
        g->why_values = "censored results under km or ros have no value: the rank and spread "
                        "tests on values are not run (peto_prentice compares the groups)";
    if (ind->direction == QC_DIR_NOMINAL) {
        if (constant) g->why_better = "both groups are constant: closeness to the target is "
                                      "not testable";
        else qc_compare_nominal_better(cx->s.sv, ns, cx->s.rv, nr, target, cx->s.work, g);
    }
    if (constant) {
        /* both constant: the difference is exact, the t-based tests undefined (R refuses
         * them); Mann–Whitney, which R gives, decides */
        g->why_t = "both groups are constant (zero variance): the t-based tests are undefined";
        g->better = better_of(ind->direction, g->difference, ds.mean, dr.mean, target);
        g->basis = isfinite(g->mann_whitney.p_value) ? QC_BASIS_MANN_WHITNEY : QC_BASIS_NONE;
    }
    pe->ok = 1;
    return QC_OK;
}

double qc_pipeline_basis_p(const qc_gap *g)
{
    switch (g->basis) {
    case QC_BASIS_WELCH: return g->welch.p_value;
    case QC_BASIS_PETO_PRENTICE: return g->peto_prentice.p_value;
    case QC_BASIS_MANN_WHITNEY: return g->mann_whitney.p_value;
    case QC_BASIS_NONE: break;
    }
    return NAN;
}
