/* equivalence.c — effect size and equivalence of two means (DESIGN §5: subject vs reference,
 * equivalence).
 *
 * Owns qc_stats_hedges_g (bias-corrected standardized mean difference with its CI) and
 * qc_stats_tost_welch (two one-sided Welch t tests against ±margin). Sample 1 is the subject,
 * so differences are mean1 − mean2. Works on summaries (n, mean, sd) like ttest.c, whose Welch
 * test supplies the se and df of TOST. Pure numerics, no allocation; on QC_EDOM every output
 * field is NaN. */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "qcompare/stats.h"

/* c(x) = ln Γ(x) − ((x − ½)ln x − x + ½ ln 2π), the Stirling remainder, for x >= 10 (seven
 * terms of its asymptotic series: the next is below 1e-16 there). */
static double stirling_rem(double x) {
    double r = 1.0 / x, r2 = r * r;
    return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 -
           r2 * (1.0 / 1188 - r2 * (691.0 / 360360 - r2 / 156))))));
}

/* ln J(df) = ln Γ(a + ½) − ln Γ(a) − ½ ln(a + ½) with a = (df − 1)/2 > 0. For a >= 10 it is
 * rewritten with Stirling's formula as (a − ½)·log1p(1/(2a)) − ½ + c(a + ½) − c(a), whose terms
 * are O(1) and O(1/a): no ln Γ-sized cancellation, so J keeps full relative precision for any
 * df (differencing ln Γ, or GSL's gsl_sf_poch, loses up to 1e-9 at df ~ 1e7). */
static double log_hedges_j(double df) {
    double a = (df - 1.0) / 2.0;
    if (a < 10.0) return gsl_sf_lngamma(a + 0.5) - gsl_sf_lngamma(a) - 0.5 * log(a + 0.5);
    return (a - 0.5) * log1p(0.5 / a) - 0.5 + stirling_rem(a + 0.5) - stirling_rem(a);
}

static qc_status hedges_nan(qc_hedges_g *out) {
    out->d = out->j = out->g = out->se = out->ci_lo = out->ci_hi = NAN;
    return QC_EDOM;
}

/* Hedges g, with df = n1 + n2 − 2 and pooled sp² = ((n1−1)sd1² + (n2−1)sd2²)/df:
 *   d = (mean1 − mean2)/sp;
 *   J = Γ(df/2)/(√(df/2)·Γ((df−1)/2)), the exact unbiasing factor (Hedges 1981), not the
 *       approximation 1 − 3/(4df − 1) (which it matches to O(df⁻²)); see log_hedges_j;
 *   g = J·d;
 *   se = √((n1 + n2)/(n1·n2) + g²/(2(n1 + n2))), the large-sample variance of Hedges & Olkin
 *       (1985, ch. 5) with g in place of the true effect;
 *   CI = g ± z(1 − (1 − conf)/2)·se (normal approximation).
 * QC_EDOM when n1 or n2 < 2, a mean or sd is not finite, an sd is negative, sp is 0, or conf is
 * outside (0, 1). */
qc_status qc_stats_hedges_g(size_t n1, double mean1, double sd1, size_t n2, double mean2,
                            double sd2, double conf, qc_hedges_g *out) {
    qc_stats_init();
    if (n1 < 2 || n2 < 2 || !isfinite(mean1) || !isfinite(mean2) || !isfinite(sd1) ||
        !isfinite(sd2) || sd1 < 0.0 || sd2 < 0.0 || !(conf > 0.0 && conf < 1.0))
        return hedges_nan(out);
    double dn1 = (double)n1, dn2 = (double)n2, df = dn1 + dn2 - 2.0;
    double sp = sqrt(((dn1 - 1.0) * sd1 * sd1 + (dn2 - 1.0) * sd2 * sd2) / df);
    if (!(sp > 0.0) || !isfinite(sp)) return hedges_nan(out);
    out->d = (mean1 - mean2) / sp;
    out->j = exp(log_hedges_j(df));
    out->g = out->j * out->d;
    out->se = sqrt((dn1 + dn2) / (dn1 * dn2) + out->g * out->g / (2.0 * (dn1 + dn2)));
    double z = gsl_cdf_ugaussian_Pinv(1.0 - (1.0 - conf) / 2.0);
    out->ci_lo = out->g - z * out->se;
    out->ci_hi = out->g + z * out->se;
    if (!isfinite(out->g) || !isfinite(out->ci_lo) || !isfinite(out->ci_hi))
        return hedges_nan(out);
    return QC_OK;
}

static qc_status tost_nan(qc_tost *out) {
    out->difference = out->se = out->df = NAN;
    out->t_lower = out->p_lower = out->t_upper = out->p_upper = out->p_value = NAN;
    return QC_EDOM;
}

/* TOST: with the Welch se and df of qc_stats_ttest_welch,
 *   lower test, H0 difference <= −margin: t_lower = (difference + margin)/se,
 *     p_lower = P(T >= t_lower) (R t.test(x, y, mu = −margin, alternative = "greater"));
 *   upper test, H0 difference >= +margin: t_upper = (difference − margin)/se,
 *     p_upper = P(T <= t_upper) (R t.test(x, y, mu = margin, alternative = "less"));
 *   p_value = max(p_lower, p_upper); the means are equivalent at level α when p_value < α.
 * margin is absolute and must be finite and > 0. QC_EDOM for a bad margin or any input
 * qc_stats_ttest_welch refuses (n < 2, non-finite summaries, zero or negligible se). */
qc_status qc_stats_tost_welch(size_t n1, double mean1, double sd1, size_t n2, double mean2,
                              double sd2, double margin, qc_tost *out) {
    qc_stats_init();
    qc_ttest w;
    if (!(margin > 0.0) || !isfinite(margin) ||
        qc_stats_ttest_welch(n1, mean1, sd1, n2, mean2, sd2, 0.95, &w) != QC_OK)
        return tost_nan(out);
    out->difference = w.difference;
    out->se = w.se;
    out->df = w.df;
    out->t_lower = (w.difference + margin) / w.se;
    out->t_upper = (w.difference - margin) / w.se;
    out->p_lower = qc_stats_t_p_one_sided(out->t_lower, w.df, 1);
    out->p_upper = qc_stats_t_p_one_sided(out->t_upper, w.df, 0);
    out->p_value = fmax(out->p_lower, out->p_upper);
    if (isnan(out->p_value)) return tost_nan(out);
    return QC_OK;
}
