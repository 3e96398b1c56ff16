/* ttest.c — two-sample t tests from summaries (DESIGN §5: subject vs reference).
 *
 * Owns the two-sample part of stats.h: Welch's unequal-variance test, Student's pooled test and
 * the one-sided p of a t statistic (for p_subject_better). Sample 1 is the subject, so
 * difference = mean1 − mean2. Expressions follow R's t.test.default in order, so the R oracle
 * (tests/oracles/r/ttest.R) agrees to rounding. Pure numerics, no allocation, no qc_error.
 * On QC_EDOM every field of the result is NaN. */
#include <float.h>
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "qcompare/stats.h"

static qc_status ttest_nan(qc_ttest *out) {
    out->difference = out->se = out->t = out->df = out->p_value = NAN;
    out->ci_lo = out->ci_hi = NAN;
    return QC_EDOM;
}

static int summary_ok(size_t n, double mean, double sd) {
    return n >= 2 && isfinite(mean) && isfinite(sd) && sd >= 0.0;
}

/* Fills t, p (two-sided, 2·P(T >= |t|)) and the CI from difference, se and df already set.
 * Like R, refuses (QC_EDOM) an se below 10·eps·max(|mean1|, |mean2|): "data are essentially
 * constant" and t would be rounding noise. The CI is (t ± q)·se as in R. */
static qc_status ttest_finish(double mean1, double mean2, double conf, qc_ttest *out) {
    double scale = fmax(fabs(mean1), fabs(mean2));
    if (!(out->se > 0.0) || !isfinite(out->se) || out->se < 10.0 * DBL_EPSILON * scale ||
        !(out->df > 0.0))
        return ttest_nan(out);
    out->t = out->difference / out->se;
    out->p_value = 2.0 * qc_stats_t_p_one_sided(fabs(out->t), out->df, 1);
    double alpha = 1.0 - conf;
    double q = gsl_cdf_tdist_Pinv(1.0 - alpha / 2.0, out->df);
    out->ci_lo = (out->t - q) * out->se;
    out->ci_hi = (out->t + q) * out->se;
    if (isnan(out->p_value) || isnan(q)) return ttest_nan(out);
    return QC_OK;
}

/* Welch's test, as R t.test(x1, x2, conf.level = conf): se = √(sd1²/n1 + sd2²/n2),
 * Welch–Satterthwaite df = se⁴ / ((sd1²/n1)²/(n1−1) + (sd2²/n2)²/(n2−1)), t = difference/se,
 * CI = difference ± t(1 − α/2; df)·se. QC_EDOM when n1 or n2 < 2, a mean or sd is not finite,
 * an sd is negative, the se is zero or negligible against the means (see ttest_finish), or
 * conf is outside (0, 1). */
qc_status qc_stats_ttest_welch(size_t n1, double mean1, double sd1, size_t n2, double mean2,
                               double sd2, double conf, qc_ttest *out) {
    qc_stats_init();
    if (!summary_ok(n1, mean1, sd1) || !summary_ok(n2, mean2, sd2) ||
        !(conf > 0.0 && conf < 1.0))
        return ttest_nan(out);
    double se1 = sqrt(sd1 * sd1 / (double)n1); /* R: stderrx <- sqrt(vx/nx) */
    double se2 = sqrt(sd2 * sd2 / (double)n2);
    double v1 = se1 * se1, v2 = se2 * se2;
    out->difference = mean1 - mean2;
    out->se = sqrt(v1 + v2);
    double se2sum = out->se * out->se;
    out->df = se2sum * se2sum / (v1 * v1 / (double)(n1 - 1) + v2 * v2 / (double)(n2 - 1));
    return ttest_finish(mean1, mean2, conf, out);
}

/* Student's test, as R t.test(x1, x2, var.equal = TRUE, conf.level = conf):
 * df = n1 + n2 − 2, pooled v = ((n1−1)sd1² + (n2−1)sd2²)/df, se = √(v(1/n1 + 1/n2)).
 * QC_EDOM as for Welch. */
qc_status qc_stats_ttest_student(size_t n1, double mean1, double sd1, size_t n2, double mean2,
                                 double sd2, double conf, qc_ttest *out) {
    qc_stats_init();
    if (!summary_ok(n1, mean1, sd1) || !summary_ok(n2, mean2, sd2) ||
        !(conf > 0.0 && conf < 1.0))
        return ttest_nan(out);
    double dn1 = (double)n1, dn2 = (double)n2;
    out->difference = mean1 - mean2;
    out->df = dn1 + dn2 - 2.0;
    double v = ((dn1 - 1.0) * (sd1 * sd1) + (dn2 - 1.0) * (sd2 * sd2)) / out->df;
    out->se = sqrt(v * (1.0 / dn1 + 1.0 / dn2));
    return ttest_finish(mean1, mean2, conf, out);
}

/* One-sided p of t with df degrees of freedom (df > 0, non-integer allowed): P(T >= t) when
 * upper != 0, else P(T <= t). The far tail comes from the regularised incomplete beta function,
 * P(T >= |t|) = ½·I_{ν/(ν+t²)}(ν/2, ½), which keeps full relative precision where GSL's
 * gsl_cdf_tdist_Q loses digits for ν > 30 (1e-8 relative at p ~ 1e-15); the near tail is 1
 * minus it. NaN when t is NaN or df is not > 0. */
double qc_stats_t_p_one_sided(double t, double df, int upper) {
    qc_stats_init();
    if (isnan(t) || !(df > 0.0)) return NAN;
    if (isinf(t)) return (t > 0) == (upper != 0) ? 0.0 : 1.0;
    double far = 0.5 * gsl_sf_beta_inc(0.5 * df, 0.5, df / (df + t * t));
    int in_far_tail = upper ? t > 0 : t < 0;
    return in_far_tail ? far : 1.0 - far;
}
