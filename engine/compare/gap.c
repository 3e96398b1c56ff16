/* gap.c — subject vs reference for one indicator (compare.h): raw difference with its Welch
 * CI, the direction-aware relative gap, Welch's t test with the one-sided p in the direction
 * that favours the subject, and the verdict rule of DESIGN §5 on its basis (Welch, or, issue
 * 12, Peto–Prentice for mostly censored groups, Mann–Whitney for constant ones). */
#include <math.h>
#include "qcompare/compare.h"

const char *qc_verdict_name(qc_verdict v)
{
    static const char *const names[] = {"leading", "on_par", "lagging", "inconclusive"};
    return names[v];
}

/* Relative gap (DESIGN §5): higher-better (s − r)/|r|; lower-better (r − s)/|r|;
 * nominal (|r − T| − |s − T|)/half-tolerance. Positive means the subject is better. */
static double relative_gap(double s, double r, qc_direction dir, double target, double half_tol)
{
    switch (dir) {
    case QC_DIR_HIGHER: return r != 0 ? (s - r) / fabs(r) : NAN;
    case QC_DIR_LOWER: return r != 0 ? (r - s) / fabs(r) : NAN;
    case QC_DIR_NOMINAL:
        return half_tol > 0 ? (fabs(r - target) - fabs(s - target)) / half_tol : NAN;
    }
    return NAN;
}

qc_status qc_compare_gap(const qc_describe *s, const qc_describe *r, qc_direction dir,
                         double target, double half_tol, double conf, qc_gap *out)
{
    out->difference = s->mean - r->mean;
    out->relative_gap = relative_gap(s->mean, r->mean, dir, target, half_tol);
    out->p_adjusted = NAN;
    out->e_n = NAN;
    out->tost.p_value = NAN;  /* until qc_compare_samples computes it */
    out->min_detectable_difference = NAN;
    out->verdict = QC_VERDICT_INCONCLUSIVE;
    out->basis = QC_BASIS_WELCH;
    out->better = NAN;
    out->why_mean = out->why_t = out->why_values = out->why_better = NULL;
    out->why_peto_prentice = out->why_detection = NULL;
    out->censored = 0;
    double nan = NAN;
    out->peto_prentice = (qc_peto_prentice){nan, 1, nan, nan, nan, nan};
    out->detection = (qc_detection){nan, 0, 0, 0, 0, nan};
    qc_status st = qc_stats_ttest_welch(s->n, s->mean, s->sd, r->n, r->mean, r->sd, conf,
                                        &out->welch);
    out->difference_lo = out->welch.ci_lo;
    out->difference_hi = out->welch.ci_hi;
    out->p_subject_better = NAN;
    if (st) return st;
    if (dir == QC_DIR_HIGHER) out->p_subject_better = qc_stats_t_p_one_sided(out->welch.t, out->welch.df, 1);
    if (dir == QC_DIR_LOWER) out->p_subject_better = qc_stats_t_p_one_sided(out->welch.t, out->welch.df, 0);
    if (dir == QC_DIR_NOMINAL) out->why_better = "no values to test closeness to the target";
    return QC_OK;
}

qc_verdict qc_compare_verdict(const qc_gap *g, qc_direction dir, double alpha)
{
    if (g->basis == QC_BASIS_NONE) return QC_VERDICT_INCONCLUSIVE;
    if (g->basis == QC_BASIS_WELCH && g->tost.p_value < alpha) return QC_VERDICT_ON_PAR;
    if (!(g->p_adjusted < alpha)) return QC_VERDICT_INCONCLUSIVE;
    /* positive: the subject is better */
    double better = g->basis != QC_BASIS_WELCH ? g->better
                    : dir == QC_DIR_HIGHER     ? g->difference
                    : dir == QC_DIR_LOWER      ? -g->difference
                                               : g->relative_gap;
    if (isnan(better)) return QC_VERDICT_INCONCLUSIVE;
    return better > 0 ? QC_VERDICT_LEADING : better < 0 ? QC_VERDICT_LAGGING : QC_VERDICT_INCONCLUSIVE;
}

double qc_compare_en(double x, double Ux, double X, double UX)
{
    double d = sqrt(Ux * Ux + UX * UX);
    return d > 0 ? (x - X) / d : NAN;
}
