/* tolerance.c — normal tolerance intervals (DESIGN §5: tolerance interval).
 *
 * Owns the tolerance part of the SHAPE section of stats.h: the non-central t distribution
 * (GSL has none) — its CDF by numerical integration over the chi distribution and its quantile
 * by bracketing and bisection — and the normal tolerance factors: two-sided k2 by Howe's method
 * and one-sided exact k1 from the non-central t. Pure numerics: no I/O, no allocation (GSL's
 * non-adaptive QNG rule is made adaptive here by bisecting panels, so no GSL workspace is
 * needed), no qc_error. Oracles: NIST e-Handbook 7.2.6.3 (k2 2.2173, k1 1.8740) and R's pt/qt
 * with ncp (tests/oracles/r/tolerance.R). */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h> /* M_PI, M_LN2, M_SQRT2, M_SQRT1_2 */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>

#include "qcompare/stats.h"

#define NCT_EPSREL 1e-13   /* per panel, relative to the panel's integral */
#define NCT_EPSABS 1e-17   /* per panel, absolute: tails that contribute nothing */
#define NCT_MAX_DEPTH 24   /* panel bisections */
#define NCT_PANELS 16      /* initial panels over the bulk of the chi distribution */

/* ∫_a^b f by GSL's Gauss–Kronrod–Patterson rule (QNG, up to 87 points), bisecting the panel
 * when QNG does not reach max(epsabs, epsrel·|result|). Returns the sum. */
static double integrate_panel(const gsl_function *f, double a, double b, int depth) {
    double r, err;
    size_t neval;
    int st = gsl_integration_qng(f, a, b, NCT_EPSABS, NCT_EPSREL, &r, &err, &neval);
    if (st == GSL_SUCCESS || depth == 0) return r;
    double m = 0.5 * (a + b);
    return integrate_panel(f, a, m, depth - 1) + integrate_panel(f, m, b, depth - 1);
}

/* The chi distribution of S = √(V/ν), V ~ χ²_ν, has density
 *   g(s) = 2 (ν/2)^(ν/2) / Γ(ν/2) · s^(ν−1) · exp(−ν s²/2).
 * With h = ν/2 and u = s² − 1, log g = log 2 + c(h) − log s + h (log1p(u) − u), where
 * c(h) = h log h − h − lnΓ(h) = ½ log(h/2π) − ε(h), ε the Stirling remainder of lnΓ. This form
 * keeps its digits for large ν (no cancellation between terms of size ν log ν). */
typedef struct {
    double t, ncp, h, c;
} nct_params;

static double stirling_c(double h) {
    if (h < 20.0) return h * log(h) - h - gsl_sf_lngamma(h);
    double r = 1.0 / h, r2 = r * r;  /* ε(h) = 1/12h − 1/360h³ + 1/1260h⁵ − 1/1680h⁷ */
    double eps = r * (1.0 / 12.0 - r2 * (1.0 / 360.0 - r2 * (1.0 / 1260.0 - r2 / 1680.0)));
    return 0.5 * log(h / (2.0 * M_PI)) - eps;
}

static double nct_integrand(double s, void *vp) {
    const nct_params *p = vp;
    if (!(s > 0.0)) return 0.0;
    double u = s * s - 1.0;
    double lg = M_LN2 + p->c - log(s) + p->h * (log1p(u) - u);
    return gsl_cdf_ugaussian_P(p->t * s - p->ncp) * exp(lg);
}

/* P(T <= t) for T = (Z + δ)/S, Z standard normal independent of S (above):
 *   F(t; ν, δ) = ∫_0^∞ Φ(t s − δ) g(s) ds,
 * integrated over 1 ± 30/√(2ν) (from 0 when that is negative) in 16 panels: S has mean ≈ 1 and
 * sd ≈ 1/√(2ν), and the mass outside is below 1e-30. δ == 0 uses GSL's central t. Within 1e-15
 * of mpmath at the points checked (R's pnt, AS 243, the oracle, is good to about 1e-12); for
 * 0 < df < 1 the density's singularity at 0 costs digits (tolerance factors have df >= 1).
 * QC_EDOM (NaN) when df <= 0 or not finite, t is NaN, or ncp is not finite. */
qc_status qc_stats_nct_cdf(double t, double df, double ncp, double *p) {
    qc_stats_init();
    *p = NAN;
    if (isnan(t) || !(df > 0.0) || !isfinite(df) || !isfinite(ncp)) return QC_EDOM;
    if (isinf(t)) {
        *p = t > 0.0 ? 1.0 : 0.0;
        return QC_OK;
    }
    if (ncp == 0.0) {
        *p = gsl_cdf_tdist_P(t, df);
        return QC_OK;
    }
    nct_params prm = {t, ncp, 0.5 * df, stirling_c(0.5 * df)};
    gsl_function f = {nct_integrand, &prm};
    double half = 30.0 / sqrt(2.0 * df);
    double a = 1.0 - half, b = 1.0 + half;
    if (a < 0.0) a = 0.0;
    double step = (b - a) / NCT_PANELS, sum = 0.0;
    for (int k = 0; k < NCT_PANELS; k++)
        sum += integrate_panel(&f, a + k * step, k == NCT_PANELS - 1 ? b : a + (k + 1) * step,
                               NCT_MAX_DEPTH);
    *p = sum < 0.0 ? 0.0 : (sum > 1.0 ? 1.0 : sum);
    return QC_OK;
}

/* The t with F(t; ν, δ) = p. The bracket starts at δ ± (1 + |δ|/√(2ν)) and doubles its reach
 * until it holds p; bisection then runs until the bracket is within 4 ulp of its ends (F is
 * continuous and increasing in t). QC_EDOM (NaN) when p is outside (0, 1) or the CDF is
 * undefined. */
qc_status qc_stats_nct_quantile(double p, double df, double ncp, double *t) {
    *t = NAN;
    double f;
    if (!(p > 0.0 && p < 1.0) || qc_stats_nct_cdf(ncp, df, ncp, &f) != QC_OK) return QC_EDOM;
    double reach = 1.0 + fabs(ncp) / sqrt(2.0 * df), lo = ncp, hi = ncp;
    if (f > p) {
        for (int i = 0; f > p; i++) {
            if (i > 1100) return QC_EDOM;
            hi = lo;
            lo = ncp - reach;
            reach *= 2.0;
            qc_stats_nct_cdf(lo, df, ncp, &f);
        }
    } else {
        for (int i = 0; f < p; i++) {
            if (i > 1100) return QC_EDOM;
            lo = hi;
            hi = ncp + reach;
            reach *= 2.0;
            qc_stats_nct_cdf(hi, df, ncp, &f);
        }
    }
    for (int i = 0; i < 2000; i++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) break;
        if (hi - lo <= 4.0 * 2.220446049250313e-16 * fmax(fabs(lo), fabs(hi))) break;
        qc_stats_nct_cdf(mid, df, ncp, &f);
        if (f < p)
            lo = mid;
        else
            hi = mid;
    }
    *t = 0.5 * (lo + hi);
    return QC_OK;
}

static int tolerance_args_ok(size_t n, double coverage, double conf) {
    return n >= 2 && coverage > 0.0 && coverage < 1.0 && conf > 0.0 && conf < 1.0;
}

/* Howe (1969) two-sided factor, NIST e-Handbook 7.2.6.3:
 *   k2 = √((n − 1)(1 + 1/n) z²_{(1+P)/2} / χ²_{1−γ; n−1})
 * with χ²_{1−γ; n−1} the lower 1 − γ quantile. QC_EDOM (NaN) when n < 2 or P, γ outside (0, 1). */
qc_status qc_stats_tolerance_k2_howe(size_t n, double coverage, double conf, double *k) {
    qc_stats_init();
    *k = NAN;
    if (!tolerance_args_ok(n, coverage, conf)) return QC_EDOM;
    double dn = (double)n;
    double z = gsl_cdf_ugaussian_Pinv((1.0 + coverage) / 2.0);
    double chi = gsl_cdf_chisq_Pinv(1.0 - conf, dn - 1.0);
    if (!(chi > 0.0)) return QC_EDOM;
    *k = sqrt((dn - 1.0) * (1.0 + 1.0 / dn) * z * z / chi);
    return QC_OK;
}

/* Exact one-sided factor: k1 = t'_{γ; n−1, δ} / √n with δ = z_P √n, t' the non-central t
 * quantile (NIST e-Handbook 7.2.6.3). QC_EDOM (NaN) when n < 2 or P, γ outside (0, 1). */
qc_status qc_stats_tolerance_k1_exact(size_t n, double coverage, double conf, double *k) {
    qc_stats_init();
    *k = NAN;
    if (!tolerance_args_ok(n, coverage, conf)) return QC_EDOM;
    double rn = sqrt((double)n), t;
    double delta = gsl_cdf_ugaussian_Pinv(coverage) * rn;
    if (qc_stats_nct_quantile(conf, (double)n - 1.0, delta, &t) != QC_OK) return QC_EDOM;
    *k = t / rn;
    return QC_OK;
}

/* Two-sided (two_sided != 0): [mean − k2·sd, mean + k2·sd] covers a fraction coverage of the
 * population with confidence conf. One-sided: lo = mean − k1·sd is a lower bound and
 * hi = mean + k1·sd an upper bound, each on its own at that coverage and confidence.
 * QC_EDOM (NaN) when mean or sd is not finite, sd < 0, or the factor is undefined. */
qc_status qc_stats_tolerance_interval(double mean, double sd, size_t n, double coverage,
                                      double conf, int two_sided, double *lo, double *hi) {
    *lo = *hi = NAN;
    if (!isfinite(mean) || !isfinite(sd) || sd < 0.0) return QC_EDOM;
    double k;
    qc_status st = two_sided ? qc_stats_tolerance_k2_howe(n, coverage, conf, &k)
                             : qc_stats_tolerance_k1_exact(n, coverage, conf, &k);
    if (st != QC_OK) return st;
    *lo = mean - k * sd;
    *hi = mean + k * sd;
    return QC_OK;
}
