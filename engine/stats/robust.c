/* robust.c — robust location and scale of one column of doubles (DESIGN §5: outliers).
 *
 * Owns the robust part of the SHAPE section of stats.h: the interquartile range (R's IQR, type-7
 * quantiles), the scaled median absolute deviation (R's mad) and ISO 13528 Algorithm A (robust
 * mean x* and robust sd s* by iterated winsorisation). Pure numerics: no I/O, no allocation (the
 * caller passes a work array of n doubles), no qc_error. Non-finite data give QC_EDOM and NaN
 * outputs. Oracles: tests/oracles/r/shape.R (R's IQR and mad; Algorithm A written out in R) and
 * the ISO 5725-5 creosote example (tests/unit/test_shape.c). */
#include <math.h>
#include <stddef.h>

#include "qcompare/stats.h"

/* ISO 13528:2015 C.3.1 constants and our convergence rule (DESIGN §5). */
#define ALG_A_START 1.483
#define ALG_A_DELTA 1.5
#define ALG_A_SCALE 1.134
#define ALG_A_TOL 1e-12
#define ALG_A_MAX_STEPS 1000u


/* Median |x − med| of the values in work, sorted ascending (left unchanged). The deviations
 * of sorted values are two sorted runs meeting at med (those below it, walked downwards, and
 * those at or above it, walked upwards), so merging the runs from med outwards visits them in
 * ascending order: the two order statistics the type-7 median needs are found in n/2 steps,
 * with no sort and no copy. */
static double raw_mad_sorted(const double *work, size_t n, double med) {
    size_t ilo, ihi;
    double h = qc_stats_quantile_position(n, 0.5, &ilo, &ihi);
    size_t up = 0;
    while (up < n && work[up] < med) up++;
    size_t down = up; /* next below: work[down − 1] */
    double dlo = NAN, dhi = NAN;
    for (size_t k = 0; k <= ihi; k++) {
        double d;
        if (down > 0 && (up == n || med - work[down - 1] <= work[up] - med))
            d = med - work[--down];
        else
            d = work[up++] - med;
        if (k == ilo) dlo = d;
        if (k == ihi) dhi = d;
    }
    return qc_stats_quantile_interpolate(dlo, dhi, h);
}

/* IQR(x) = Q(0.75) − Q(0.25), both type 7 (R's IQR, whose default type is 7). QC_EDOM and NaN
 * when n == 0 or x holds a non-finite value. */
qc_status qc_stats_iqr(const double *x, size_t stride, size_t n, double *work, double *iqr) {
    *iqr = NAN;
    if (n == 0 || !qc_stats_sorted_copy(x, stride, n, work)) return QC_EDOM;
    *iqr = qc_stats_quantile_sorted(work, 1, n, 0.75) - qc_stats_quantile_sorted(work, 1, n, 0.25);
    return QC_OK;
}

/* mad = constant × median(|x − median(x)|), medians type 7 (the usual median), as R's
 * mad(x, center = median(x), constant). QC_MAD_NORMAL (1.4826) makes it a consistent estimate of
 * σ at the normal; ISO 13528 uses 1.483 (Algorithm A below). QC_EDOM and NaN when n == 0, a
 * value is not finite, or constant is not finite or negative. */
qc_status qc_stats_mad(const double *x, size_t stride, size_t n, double constant, double *work,
                       double *mad) {
    *mad = NAN;
    if (n == 0 || !(isfinite(constant) && constant >= 0.0)) return QC_EDOM;
    if (!qc_stats_sorted_copy(x, stride, n, work)) return QC_EDOM;
    double med = qc_stats_quantile_sorted(work, 1, n, 0.5);
    *mad = constant * raw_mad_sorted(work, n, med);
    return QC_OK;
}

/* Mean and n−1 sd of x winsorised to [lo, hi]: the mean with one correction pass (as R's mean),
 * the sd two-pass about it. */
static void winsorised_moments(const double *x, size_t stride, size_t n, double lo, double hi,
                               double *mean, double *sd) {
    double s = 0.0;
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        s += v < lo ? lo : (v > hi ? hi : v);
    }
    double m = s / (double)n, c = 0.0;
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        c += (v < lo ? lo : (v > hi ? hi : v)) - m;
    }
    m += c / (double)n;
    double ss = 0.0;
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        double d = (v < lo ? lo : (v > hi ? hi : v)) - m;
        ss += d * d;
    }
    *mean = m;
    *sd = sqrt(ss / (double)(n - 1));
}

/* The same moments when x is sorted ascending (stride 1): the values below lo are a prefix and
 * those above hi a suffix, so each pass adds lo, then x[a..b), then hi, in the same order and
 * with the same operations as above (the same bits), without a comparison per value. */
static void winsorised_moments_sorted(const double *x, size_t n, double lo, double hi,
                                      double *mean, double *sd) {
    size_t a = 0, b = n;
    while (a < n && x[a] < lo) a++;
    while (b > a && x[b - 1] > hi) b--;
    double s = 0.0;
    for (size_t i = 0; i < a; i++) s += lo;
    for (size_t i = a; i < b; i++) s += x[i];
    for (size_t i = b; i < n; i++) s += hi;
    double m = s / (double)n, c = 0.0;
    for (size_t i = 0; i < a; i++) c += lo - m;
    for (size_t i = a; i < b; i++) c += x[i] - m;
    for (size_t i = b; i < n; i++) c += hi - m;
    m += c / (double)n;
    double ss = 0.0, dlo = lo - m, dhi = hi - m;
    for (size_t i = 0; i < a; i++) ss += dlo * dlo;
    for (size_t i = a; i < b; i++) {
        double d = x[i] - m;
        ss += d * d;
    }
    for (size_t i = b; i < n; i++) ss += dhi * dhi;
    *mean = m;
    *sd = sqrt(ss / (double)(n - 1));
}

/* ISO 13528:2015 Algorithm A (C.3.1), the convergence rule of DESIGN §5.
 *   x* = median(x), s* = 1.483·median|x − x*|;
 *   repeat: δ = 1.5·s*; w_i = min(max(x_i, x* − δ), x* + δ); x*' = mean(w); s*' = 1.134·sd(w)
 *   until |x*' − x*| <= 1e-12·max(|x*'|, s*') and |s*' − s*| <= 1e-12·s*'.
 * The standard stops when x* and s* no longer change in their third significant figure; we
 * iterate to 1e-12 so the result does not depend on where the loop stops. The max(|x*|, s*)
 * keeps the rule meaningful when x* is 0. When no value lies beyond x* ± δ, one step gives
 * x* = mean(x) and the next confirms it (iterations == 2). iterations counts the steps.
 * QC_EDOM (NaN, iterations 0) when n < 2, a value is not finite, the MAD is 0 (about half the
 * values or more tie at the median: s* would start at 0), s* reaches 0, or 1000 steps do not
 * converge. */
qc_status qc_stats_algorithm_a(const double *x, size_t stride, size_t n, double *work,
                               qc_algorithm_a *out) {
    out->x_star = out->s_star = NAN;
    out->iterations = 0;
    if (n < 2 || !qc_stats_sorted_copy(x, stride, n, work)) return QC_EDOM;
    double xs = qc_stats_quantile_sorted(work, 1, n, 0.5);
    double ss = ALG_A_START * raw_mad_sorted(work, n, xs);
    if (!(ss > 0.0)) return QC_EDOM;
    int sorted = stride == 1;  /* the pipeline passes its values sorted */
    for (size_t i = 1; sorted && i < n; i++) sorted = x[i - 1] <= x[i];
    for (unsigned it = 1; it <= ALG_A_MAX_STEPS; it++) {
        double d = ALG_A_DELTA * ss, xn, sd;
        if (sorted) winsorised_moments_sorted(x, n, xs - d, xs + d, &xn, &sd);
        else winsorised_moments(x, stride, n, xs - d, xs + d, &xn, &sd);
        double sn = ALG_A_SCALE * sd;
        if (!(sn > 0.0) || !isfinite(xn)) return QC_EDOM;
        double scale = fabs(xn) > sn ? fabs(xn) : sn;
        int done = fabs(xn - xs) <= ALG_A_TOL * scale && fabs(sn - ss) <= ALG_A_TOL * sn;
        xs = xn;
        ss = sn;
        if (done) {
            out->x_star = xs;
            out->s_star = ss;
            out->iterations = it;
            return QC_OK;
        }
    }
    return QC_EDOM;
}
