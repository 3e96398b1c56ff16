/* dispersion.c — comparison of spreads: quality consistency (DESIGN §5: dispersion).
 *
 * Owns the F test of two variances (qc_stats_var_test, as R var.test), the ratio of
 * coefficients of variation (qc_stats_cv_ratio) and the Brown–Forsythe test
 * (qc_stats_brown_forsythe for k groups, qc_stats_brown_forsythe2 for two samples): Levene's
 * test about the group medians, i.e. the one-way ANOVA F of |x − median of its group| (as R
 * car::leveneTest(center = median), the default there). Medians are type 7 (R median) of a
 * sorted copy in the caller's work array; the ANOVA is qc_stats_anova_oneway (anova.c).
 * Pure numerics, no allocation. On QC_EDOM every output is NaN. */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "qcompare/stats.h"

static qc_status var_test_nan(qc_var_test *out) {
    out->f = out->df1 = out->df2 = out->p_value = out->ci_lo = out->ci_hi = NAN;
    return QC_EDOM;
}

/* F test of sd1² = sd2², as R var.test(x, y, conf.level = conf): F = sd1²/sd2², df n1 − 1 and
 * n2 − 1, p = 2·min(P(F' <= F), P(F' >= F)) (R writes the upper tail as 1 − P(F' <= F); here
 * it is computed directly, which only differs below about 1e-16), CI of the ratio
 * (F/q(1 − β), F/q(β)) with β = (1 − conf)/2 and q the F(df1, df2) quantile. One zero
 * variance gives what R gives: sd1 = 0 → F = 0, CI [0, 0]; sd2 = 0 → F = +∞, CI [∞, ∞]; p = 0
 * either way. QC_EDOM when n1 or n2 < 2, an sd is not finite or negative, both are 0, or conf
 * is outside (0, 1). */
qc_status qc_stats_var_test(size_t n1, double sd1, size_t n2, double sd2, double conf,
                            qc_var_test *out) {
    qc_stats_init();
    if (n1 < 2 || n2 < 2 || !isfinite(sd1) || !isfinite(sd2) || sd1 < 0.0 || sd2 < 0.0 ||
        (sd1 == 0.0 && sd2 == 0.0) || !(conf > 0.0 && conf < 1.0))
        return var_test_nan(out);
    out->df1 = (double)(n1 - 1);
    out->df2 = (double)(n2 - 1);
    if (sd1 == 0.0 || sd2 == 0.0) {  /* R: pf(0) = 0, pf(Inf) = 1, so p = 2·min(…) = 0 */
        out->f = out->ci_lo = out->ci_hi = sd1 == 0.0 ? 0.0 : INFINITY;
        out->p_value = 0.0;
        return QC_OK;
    }
    double v1 = sd1 * sd1, v2 = sd2 * sd2;
    out->f = v1 / v2;
    if (!isfinite(out->f) || !(out->f > 0.0)) return var_test_nan(out);
    double lower = gsl_cdf_fdist_P(out->f, out->df1, out->df2);
    double upper = gsl_cdf_fdist_Q(out->f, out->df1, out->df2);
    out->p_value = fmin(1.0, 2.0 * fmin(lower, upper));
    double beta = (1.0 - conf) / 2.0;
    out->ci_lo = out->f / gsl_cdf_fdist_Pinv(1.0 - beta, out->df1, out->df2);
    out->ci_hi = out->f / gsl_cdf_fdist_Pinv(beta, out->df1, out->df2);
    if (isnan(out->p_value) || isnan(out->ci_lo) || isnan(out->ci_hi)) return var_test_nan(out);
    return QC_OK;
}

/* Ratio of coefficients of variation, (sd1/|mean1|)/(sd2/|mean2|) (subject over reference:
 * above 1 the subject is relatively less consistent). QC_EDOM (*ratio NaN) when an input is
 * not finite, a mean is 0, an sd is negative, or sd2 is 0. */
qc_status qc_stats_cv_ratio(double mean1, double sd1, double mean2, double sd2, double *ratio) {
    *ratio = NAN;
    if (!isfinite(mean1) || !isfinite(sd1) || !isfinite(mean2) || !isfinite(sd2) ||
        mean1 == 0.0 || mean2 == 0.0 || sd1 < 0.0 || !(sd2 > 0.0))
        return QC_EDOM;
    double r = (sd1 / fabs(mean1)) / (sd2 / fabs(mean2));
    if (!isfinite(r)) return QC_EDOM;
    *ratio = r;
    return QC_OK;
}

static qc_status levene_nan(qc_levene *out) {
    out->f = out->df1 = out->df2 = out->p_value = NAN;
    return QC_EDOM;
}

/* Brown–Forsythe on groups already copied into work (stride 1): each group is sorted in place
 * (at the cost of one pass when it is sorted already, as the pipeline's pooled samples are),
 * its median taken, and its entries replaced by |value − median| (the order within a group does
 * not matter to the ANOVA), then the one-way ANOVA of those. */
static qc_status bf_in_place(double *work, const size_t *sizes, size_t k, qc_levene *out) {
    size_t n = 0;
    for (size_t g = 0; g < k; g++) n += sizes[g];
    for (size_t i = 0; i < n; i++)
        if (!isfinite(work[i])) return levene_nan(out);
    size_t off = 0;
    for (size_t g = 0; g < k; g++) {
        double *w = work + off;
        qc_stats_sort(w, sizes[g]);
        double med = qc_stats_quantile_sorted(w, 1, sizes[g], 0.5);
        for (size_t i = 0; i < sizes[g]; i++) w[i] = fabs(w[i] - med);
        off += sizes[g];
    }
    qc_anova a;
    if (qc_stats_anova_oneway(work, 1, sizes, k, &a) != QC_OK) return levene_nan(out);
    out->f = a.f;
    out->df1 = a.df_between;
    out->df2 = a.df_within;
    out->p_value = a.p_value;
    return QC_OK;
}

/* Brown–Forsythe test of k groups (layout in stats.h): F of the one-way ANOVA of
 * z_ij = |x_ij − median_i|, df k − 1 and N − k, p its upper F tail. work: N doubles.
 * QC_EDOM when k < 2, a group is empty, N <= k, a value is NaN or ±Inf, or every z is equal to
 * its group mean (zero within-group variance of the deviations). */
qc_status qc_stats_brown_forsythe(const double *x, size_t stride, const size_t *sizes, size_t k,
                                  double *work, qc_levene *out) {
    qc_stats_init();
    if (x == NULL || sizes == NULL || work == NULL || k < 2) return levene_nan(out);
    size_t n = 0;
    for (size_t g = 0; g < k; g++) {
        if (sizes[g] == 0) return levene_nan(out);
        n += sizes[g];
    }
    for (size_t i = 0; i < n; i++) work[i] = x[i * stride];
    return bf_in_place(work, sizes, k, out);
}

/* Brown–Forsythe test of two samples x and y (as above with k = 2). work: nx + ny doubles. */
qc_status qc_stats_brown_forsythe2(const double *x, size_t xstride, size_t nx, const double *y,
                                   size_t ystride, size_t ny, double *work, qc_levene *out) {
    qc_stats_init();
    if (x == NULL || y == NULL || work == NULL || nx == 0 || ny == 0) return levene_nan(out);
    for (size_t i = 0; i < nx; i++) work[i] = x[i * xstride];
    for (size_t i = 0; i < ny; i++) work[nx + i] = y[i * ystride];
    size_t sizes[2] = {nx, ny};
    return bf_in_place(work, sizes, 2, out);
}
