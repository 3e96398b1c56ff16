/* power.c — power of the two-sample t test (DESIGN §5: power, for `inconclusive` verdicts).
 *
 * Owns the non-central t distribution (qc_stats_nct_p), which GSL lacks, and the minimum
 * detectable difference (qc_stats_power_mdd). Allocates only the GSL quadrature workspace and
 * root solver, freed before returning (QC_ENOMEM when they cannot be had).
 *
 * Non-central t: T' = (Z + δ)/S with Z standard normal and S = √(χ²_ν/ν) independent, so
 *   P(T' <= t) = ∫₀^∞ Φ(t·s − δ) f_S(s) ds,   P(T' >= t) = ∫₀^∞ Φ̄(t·s − δ) f_S(s) ds,
 *   f_S(s) = 2 a^a/Γ(a) · s^(2a−1) e^(−a s²),  a = ν/2,
 * each tail integrated directly (no 1 − P) with QAGS over [0 or 1 − 40/√ν, 1 + 40/√ν] (the
 * density beyond is below e^−700 of its peak), split at s = 1 (the peak) and at s = δ/t (where
 * the normal factor switches). The log density is written about s = 1 with the Stirling series
 * for ln Γ(a) when a >= 10, so that a ≈ ν/2-sized terms cancel exactly rather than in rounding
 * (ln Γ of a large a would cost digits). Tested against R's pt(q, df, ncp) (AS 243). */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_math.h> /* M_PI, M_LN2 */
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>

#include "qcompare/stats.h"

#define NCT_LIMIT 200

typedef struct {
    double t, ncp, a, log_norm;
    int upper;
} nct_params;

/* ln(a^a e^−a / Γ(a)): for a >= 10 by Stirling, ln Γ(a) = (a − ½)ln a − a + ½ln 2π + c(a). */
static double log_norm_const(double a) {
    if (a < 10.0) return a * log(a) - a - gsl_sf_lngamma(a);
    double r = 1.0 / a, r2 = r * r;
    double c = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 -
               r2 * (1.0 / 1188 - r2 * (691.0 / 360360 - r2 / 156))))));
    return 0.5 * log(a) - 0.5 * log(2.0 * M_PI) - c;
}

static double nct_integrand(double s, void *vp) {
    const nct_params *p = vp;
    if (s <= 0.0) return 0.0;
    double u = s - 1.0;
    /* ln f_S(s) = ln 2 + ln(a^a e^−a/Γ(a)) + (2a − 1) ln s − a(s² − 1) */
    double lf = M_LN2 + p->log_norm + (2.0 * p->a - 1.0) * log1p(u) - p->a * u * (2.0 + u);
    double z = p->t * s - p->ncp;
    double phi = p->upper ? gsl_cdf_ugaussian_Q(z) : gsl_cdf_ugaussian_P(z);
    return phi * exp(lf);
}

/* The tail probability with a caller's workspace. */
static double nct_tail(double t, double df, double ncp, int upper,
                       gsl_integration_workspace *ws) {
    nct_params p = {t, ncp, df / 2.0, log_norm_const(df / 2.0), upper};
    gsl_function fn = {nct_integrand, &p};
    if (df > 1e20) /* S = 1 to within 1e-10: the normal limit */
        return upper ? gsl_cdf_ugaussian_Q(t - ncp) : gsl_cdf_ugaussian_P(t - ncp);
    double w = 40.0 / sqrt(df);
    double lo = w < 1.0 ? 1.0 - w : 0.0, hi = 1.0 + w;
    double s0 = (t != 0.0) ? ncp / t : -1.0; /* where Φ(t·s − δ) switches */
    double pts[5];
    size_t np = 0;
    pts[np++] = lo;
    if (s0 > lo && s0 < 1.0) pts[np++] = s0;
    pts[np++] = 1.0;
    if (s0 > 1.0 && s0 < hi) pts[np++] = s0;
    pts[np++] = hi;
    double total = 0.0;
    for (size_t i = 0; i + 1 < np; i++) {
        double r = 0.0, err = 0.0;
        /* Status ignored on purpose: a piece whose integral is negligible next to the total
         * cannot meet a relative tolerance of its own and reports GSL_EROUND or GSL_EMAXITER
         * with a result that is still right to the absolute accuracy that matters. */
        (void)gsl_integration_qags(&fn, pts[i], pts[i + 1], 0.0, 1e-13, NCT_LIMIT, ws, &r, &err);
        total += r;
    }
    if (total > 1.0) total = 1.0;
    if (total < 0.0) total = 0.0;
    return total;
}

/* P(T' <= t) (upper == 0) or P(T' >= t) of the non-central t with df > 0 and ncp, both
 * finite. QC_EDOM (*p NaN) on a NaN t, a df not finite and > 0, or a non-finite ncp;
 * t = ±Inf gives 0 or 1. QC_ENOMEM when the workspace cannot be allocated. */
qc_status qc_stats_nct_p(double t, double df, double ncp, int upper, double *p) {
    qc_stats_init();
    *p = NAN;
    if (isnan(t) || !(df > 0.0) || !isfinite(df) || !isfinite(ncp)) return QC_EDOM;
    if (isinf(t)) {
        *p = ((t > 0) == (upper != 0)) ? 0.0 : 1.0;
        return QC_OK;
    }
    gsl_integration_workspace *ws = gsl_integration_workspace_alloc(NCT_LIMIT);
    if (ws == NULL) return QC_ENOMEM;
    *p = nct_tail(t, df, ncp, upper, ws);
    gsl_integration_workspace_free(ws);
    return QC_OK;
}

typedef struct {
    double tcrit, df, power;
    gsl_integration_workspace *ws;
} power_params;

/* Power at non-centrality ncp minus the target. */
static double power_gap(double ncp, void *vp) {
    const power_params *p = vp;
    return nct_tail(p->tcrit, p->df, ncp, 1, p->ws) - p->power;
}

/* Minimum detectable difference (see stats.h): df = n1 + n2 − 2, t_c = t(1 − alpha/2; df); the
 * non-centrality λ with P(T'(df, λ) >= t_c) = power is found by Brent's method (bracket
 * [0, λ_hi], λ_hi doubled from the normal approximation t_c + z(power) + 1 until the power
 * exceeds the target; relative tolerance 1e-13), and delta = λ·sd·√(1/n1 + 1/n2). As in R
 * power.t.test(strict = FALSE) the power counts only rejections in the direction of the
 * difference. For n1 == n2 == n, ncp = √(n/2)·delta/sd and df = 2(n − 1): R's exactly. */
qc_status qc_stats_power_mdd(size_t n1, size_t n2, double sd, double alpha, double power,
                             double *delta) {
    qc_stats_init();
    *delta = NAN;
    if (n1 < 2 || n2 < 2 || !isfinite(sd) || !(sd > 0.0) || !(alpha > 0.0 && alpha < 1.0) ||
        !(power > alpha / 2.0 && power < 1.0))
        return QC_EDOM;
    double dn1 = (double)n1, dn2 = (double)n2;
    power_params p = {0.0, dn1 + dn2 - 2.0, power, NULL};
    p.tcrit = gsl_cdf_tdist_Qinv(alpha / 2.0, p.df);
    if (!isfinite(p.tcrit)) return QC_EDOM;
    p.ws = gsl_integration_workspace_alloc(NCT_LIMIT);
    gsl_root_fsolver *solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (p.ws == NULL || solver == NULL) {
        if (p.ws) gsl_integration_workspace_free(p.ws);
        if (solver) gsl_root_fsolver_free(solver);
        return QC_ENOMEM;
    }
    qc_status st = QC_EDOM;
    double lo = 0.0, hi = p.tcrit + gsl_cdf_ugaussian_Pinv(power) + 1.0;
    if (!(hi > 0.0)) hi = 1.0;
    int k = 0;
    while (power_gap(hi, &p) < 0.0 && k++ < 60) {
        lo = hi;
        hi *= 2.0;
    }
    gsl_function fn = {power_gap, &p};
    if (k <= 60 && gsl_root_fsolver_set(solver, &fn, lo, hi) == GSL_SUCCESS) {
        for (int it = 0; it < 200; it++) {
            if (gsl_root_fsolver_iterate(solver) != GSL_SUCCESS) break;
            lo = gsl_root_fsolver_x_lower(solver);
            hi = gsl_root_fsolver_x_upper(solver);
            if (gsl_root_test_interval(lo, hi, 0.0, 1e-13) == GSL_SUCCESS) {
                double lambda = gsl_root_fsolver_root(solver);
                *delta = lambda * sd * sqrt(1.0 / dn1 + 1.0 / dn2);
                st = isfinite(*delta) ? QC_OK : QC_EDOM;
                if (st != QC_OK) *delta = NAN;
                break;
            }
        }
    }
    gsl_integration_workspace_free(p.ws);
    gsl_root_fsolver_free(solver);
    return st;
}
