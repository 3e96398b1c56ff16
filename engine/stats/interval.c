/* interval.c — confidence intervals of one sample (DESIGN §5: CI of the mean, conformity rate).
 *
 * Owns the interval part of stats.h: the t-based CI of a mean from its summary, and the
 * Clopper–Pearson and Wilson (optionally continuity-corrected, as R prop.test) intervals of a
 * binomial proportion. Each formula follows the R function named in its comment expression by
 * expression, so the R oracles agree to rounding. Pure numerics, no allocation, no qc_error.
 * On QC_EDOM both bounds are NaN. */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>

#include "qcompare/stats.h"

static qc_status interval_nan(double *lo, double *hi) {
    *lo = NAN;
    *hi = NAN;
    return QC_EDOM;
}

/* mean ± t(1 − α/2; n−1) · sd/√n with α = 1 − conf, as R t.test(x, conf.level = conf)$conf.int.
 * QC_EDOM when n < 2, mean or sd not finite, sd < 0, or conf outside (0, 1). sd == 0 gives the
 * degenerate interval [mean, mean]. */
qc_status qc_stats_mean_ci(double mean, double sd, size_t n, double conf, double *lo, double *hi) {
    qc_stats_init();
    if (n < 2 || !isfinite(mean) || !isfinite(sd) || sd < 0.0 || !(conf > 0.0 && conf < 1.0))
        return interval_nan(lo, hi);
    double alpha = 1.0 - conf;
    double q = gsl_cdf_tdist_Pinv(1.0 - alpha / 2.0, (double)(n - 1));
    double half = q * (sd / sqrt((double)n));
    if (!isfinite(half)) return interval_nan(lo, hi);
    *lo = mean - half;
    *hi = mean + half;
    return QC_OK;
}

/* Clopper–Pearson ("exact") interval, as R binom.test(x, n, conf.level = conf)$conf.int:
 * lo = Beta quantile α/2 with shapes (x, n−x+1), exactly 0 when x == 0;
 * hi = Beta quantile 1−α/2 with shapes (x+1, n−x), exactly 1 when x == n.
 * The upper bound uses the complementary inverse (Qinv at α/2), which is the same quantile
 * computed without forming 1 − α/2. QC_EDOM when n == 0, x > n or conf outside (0, 1). */
qc_status qc_stats_prop_ci_clopper_pearson(size_t x, size_t n, double conf, double *lo,
                                           double *hi) {
    qc_stats_init();
    if (n == 0 || x > n || !(conf > 0.0 && conf < 1.0)) return interval_nan(lo, hi);
    double alpha = 1.0 - conf;
    double a = (double)x, b = (double)(n - x);
    *lo = (x == 0) ? 0.0 : gsl_cdf_beta_Pinv(alpha / 2.0, a, b + 1.0);
    *hi = (x == n) ? 1.0 : gsl_cdf_beta_Qinv(alpha / 2.0, a + 1.0, b);
    if (isnan(*lo) || isnan(*hi)) return interval_nan(lo, hi);
    return QC_OK;
}

/* Wilson score interval, as R prop.test(x, n, conf.level = conf, correct = cc)$conf.int
 * (binom::binom.confint methods "wilson" for cc == 0 and "prop.test" for cc != 0; statsmodels
 * calls the latter wilson with continuity correction). With z = Φ⁻¹((1 + conf)/2),
 * z22n = z²/(2n) and p̂ = x/n:
 *   lo = 0 if p̂ − c/n <= 0, else (p_c + z22n − z·√(p_c(1−p_c)/n + z22n/(2n))) / (1 + 2·z22n)
 *        with p_c = p̂ − c/n; hi likewise with p_c = p̂ + c/n, + before z, and 1 if p_c >= 1.
 * The correction c is 0 without cc and, with cc, R's YATES = min(0.5, |x − n/2|): R tests
 * against p = 0.5 by default and shrinks the correction when x is within ½ of n/2 (for
 * x == n/2 the corrected interval equals the plain one). We follow R, quirk included.
 * QC_EDOM when n == 0, x > n or conf outside (0, 1). */
qc_status qc_stats_prop_ci_wilson(size_t x, size_t n, double conf, int cc, double *lo,
                                  double *hi) {
    qc_stats_init();
    if (n == 0 || x > n || !(conf > 0.0 && conf < 1.0)) return interval_nan(lo, hi);
    double dn = (double)n;
    double est = (double)x / dn;
    double yates = 0.0;
    if (cc) {
        yates = fabs((double)x - dn * 0.5);
        if (yates > 0.5) yates = 0.5;
    }
    double z = gsl_cdf_ugaussian_Pinv((1.0 + conf) / 2.0);
    double z22n = z * z / (2.0 * dn);
    double pc = est + yates / dn;
    *hi = (pc >= 1.0) ? 1.0
                      : (pc + z22n + z * sqrt(pc * (1.0 - pc) / dn + z22n / (2.0 * dn))) /
                            (1.0 + 2.0 * z22n);
    pc = est - yates / dn;
    *lo = (pc <= 0.0) ? 0.0
                      : (pc + z22n - z * sqrt(pc * (1.0 - pc) / dn + z22n / (2.0 * dn))) /
                            (1.0 + 2.0 * z22n);
    /* R clamps the bounds into [0, 1] afterwards (max(p.l, 0), min(p.u, 1)); a no-op except
     * for rounding, kept for parity. */
    if (*lo < 0.0) *lo = 0.0;
    if (*hi > 1.0) *hi = 1.0;
    return QC_OK;
}
