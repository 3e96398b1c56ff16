/* outliers.c — outlier screening of one column of doubles (DESIGN §5: outliers).
 *
 * Owns the outlier part of the SHAPE section of stats.h: Grubbs' two-sided test for a single
 * outlier (statistic, suspect and its position, p-value from the t distribution as R
 * outliers::grubbs.test type 10 two-sided, without its fold above 1) and robust z-scores about
 * the median scaled by 1.4826·MAD. Robust location and scale themselves (MAD, Algorithm A) live
 * in robust.c. Pure numerics: no I/O, no allocation, no qc_error. Oracles: NIST e-Handbook
 * Tietjen–Moore uranium G = 2.4687 and R (tests/oracles/r/shape.R). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "qcompare/stats.h"

static qc_status grubbs_nan(qc_grubbs *out) {
    out->g = out->t = out->p_value = out->value = NAN;
    out->index = SIZE_MAX;
    return QC_EDOM;
}

/* Grubbs' test, two-sided (H1: the most extreme value is an outlier).
 *   suspect: the minimum when max − mean < mean − min, else the maximum (ties go to the
 *            maximum, as outliers::grubbs.test); index = first position holding it;
 *   g = |suspect − mean| / sd (sd with n − 1);
 *   t = √(g² n (n − 2) / ((n − 1)² − n g²)), the t statistic of the suspect against the other
 *       n − 1 values (t = +Inf when g reaches its bound (n − 1)/√n);
 *   p = min(1, 2n · P(T_{n−2} > t)), the Bonferroni bound that is exact whenever p <= ~0.1
 *       (R outliers: 1 − pgrubbs(g, n, type = 10), doubled for two.sided; where that doubled
 *       value exceeds 1 outliers reports 2 − it, we report 1).
 * QC_EDOM (NaN, index SIZE_MAX) when n < 3, a value is not finite, or sd == 0. */
qc_status qc_stats_grubbs(const double *x, size_t stride, size_t n, qc_grubbs *out) {
    double mean = n ? qc_stats_mean(x, stride, n) : NAN;
    return qc_stats_grubbs_m(x, stride, n, mean, qc_stats_sd(x, stride, n, mean), out);
}

/* The same with x's mean and sd given (qc_stats_mean and qc_stats_sd of x, as a describe of
 * the same values reports them): the two passes over x are not made again. */
qc_status qc_stats_grubbs_m(const double *x, size_t stride, size_t n, double mean, double sd,
                            qc_grubbs *out) {
    qc_stats_init();
    if (n < 3) return grubbs_nan(out);
    size_t imin = 0, imax = 0;
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (!isfinite(v)) return grubbs_nan(out);
        if (v < x[imin * stride]) imin = i;
        if (v > x[imax * stride]) imax = i;
    }
    if (!(sd > 0.0) || !isfinite(sd)) return grubbs_nan(out);
    double lo = x[imin * stride], hi = x[imax * stride];
    size_t idx = (hi - mean) < (mean - lo) ? imin : imax;
    double dn = (double)n;
    double g = fabs(x[idx * stride] - mean) / sd;
    double den = (dn - 1.0) * (dn - 1.0) - dn * g * g;
    double t = den > 0.0 ? sqrt(g * g * dn * (dn - 2.0) / den) : INFINITY;
    double p = isinf(t) ? 0.0 : 2.0 * dn * qc_stats_t_p_one_sided(t, dn - 2.0, 1);
    out->g = g;
    out->t = t;
    out->p_value = p > 1.0 ? 1.0 : p;
    out->value = x[idx * stride];
    out->index = idx;
    return QC_OK;
}

/* z[i] = (x[i] − median(x)) / (1.4826 · median|x − median(x)|) — R's (x − median(x))/mad(x).
 * z is contiguous (n doubles); work holds n doubles. QC_EDOM (z all NaN) when n == 0, a value is
 * not finite, or the MAD is 0 (about half the values or more tie at the median). */
qc_status qc_stats_robust_z(const double *x, size_t stride, size_t n, double *work, double *z) {
    for (size_t i = 0; i < n; i++) z[i] = NAN;
    double mad;
    if (qc_stats_mad(x, stride, n, QC_MAD_NORMAL, work, &mad) != QC_OK || !(mad > 0.0))
        return QC_EDOM;
    /* qc_stats_mad leaves its sorted copy of x in work */
    double med = qc_stats_quantile_sorted(work, 1, n, 0.5);
    for (size_t i = 0; i < n; i++) z[i] = (x[i * stride] - med) / mad;
    return QC_OK;
}
