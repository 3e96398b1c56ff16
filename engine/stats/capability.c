/* capability.c — process capability against a specification (DESIGN §5: capability).
 *
 * Owns the capability part of the SHAPE section of stats.h: the control-chart constants d2 and
 * c4, the within-subgroup σ (pooled sd, R̄/d2, s̄/c4), and the capability indices Cp/Pp, Cpl,
 * Cpu, Cpk/Ppk and Cpm/Ppm with confidence intervals (Chou et al. 1990 for Cp, Bissell 1990 for
 * Cpl/Cpu/Cpk, Boyles 1991 for Cpm), expected (normal) and observed ppm outside the limits.
 * Pure numerics: no I/O, no allocation, no qc_error (d2(m) is remembered once integrated).
 * Oracles: qcc's printed pistonrings analysis, SAS/QC's cans example, and R (tests/oracles/r/capability.R). */
#include <math.h>
#include <pthread.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>

#include "qcompare/stats.h"

/* ---- constants ---- */

static double d2_integrand(double x, void *vp) {
    double m = *(const double *)vp;
    double q = gsl_cdf_ugaussian_Q(x);               /* 1 − Φ(x), x >= 0 */
    return -expm1(m * log1p(-q)) - pow(q, m);       /* 1 − Φ^m − (1 − Φ)^m */
}

/* ∫ by QNG over a panel, bisected when QNG misses the tolerance (no GSL workspace needed). */
static double d2_panel(const gsl_function *f, double a, double b, int depth) {
    double r, err;
    size_t neval;
    if (gsl_integration_qng(f, a, b, 1e-17, 1e-14, &r, &err, &neval) == GSL_SUCCESS ||
        depth == 0)
        return r;
    double mid = 0.5 * (a + b);
    return d2_panel(f, a, mid, depth - 1) + d2_panel(f, mid, b, depth - 1);
}

/* d2(m) = E(max − min) of m independent standard normals
 *       = ∫_{−∞}^{∞} (1 − Φ(x)^m − (1 − Φ(x))^m) dx = 2 ∫_0^∞ (same) dx by symmetry,
 * integrated over [0, 14] in 7 panels (the integrand is below m·Q(14) < 1e-42 beyond).
 * d2(2) = 2/√π and d2(3) = 3/√π exactly; the 3-decimal tables (2: 1.128, 5: 2.326, 25: 3.931)
 * are these values rounded. NaN unless 2 <= m <= 25. */
static double d2_integrate(size_t m) {
    double dm = (double)m, sum = 0.0;
    gsl_function f = {d2_integrand, &dm};
    for (int k = 0; k < 7; k++) sum += d2_panel(&f, 2.0 * k, 2.0 * (k + 1), 20);
    return 2.0 * sum;
}

/* Each d2(m) is integrated once per process (a few ms each; R̄/d2 asks per subgroup) and
 * remembered; the lock makes the memo safe for the analysis threads. */
double qc_stats_d2(size_t m) {
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static double memo[26];
    if (m < 2 || m > 25) return NAN;
    qc_stats_init();
    pthread_mutex_lock(&lock);
    if (memo[m] == 0.0) memo[m] = d2_integrate(m);
    double d = memo[m];
    pthread_mutex_unlock(&lock);
    return d;
}

/* c4(m) = √(2/(m − 1)) · Γ(m/2) / Γ((m − 1)/2), by log-gamma (no overflow for large m).
 * NaN when m < 2. */
double qc_stats_c4(size_t m) {
    if (m < 2) return NAN;
    qc_stats_init();
    double dm = (double)m;
    double lg = gsl_sf_lngamma(dm / 2.0) - gsl_sf_lngamma((dm - 1.0) / 2.0);
    return sqrt(2.0 / (dm - 1.0)) * exp(lg);
}

/* ---- within-subgroup sigma ---- */

/* Pooled:  √(Σ (n_i − 1) s_i² / Σ (n_i − 1)), no c4 correction; sizes >= 1, Σ(n_i − 1) > 0.
 * R̄/d2:   (1/k) Σ R_i / d2(n_i), 2 <= n_i <= 25 (R̄/d2(m) when all sizes are m).
 * s̄/c4:   (1/k) Σ s_i / c4(n_i), n_i >= 2 (s̄/c4(m) when all sizes are m).
 * For unequal sizes R̄ and s̄ are thus unweighted means of per-subgroup unbiased estimates
 * (qcc weights them; Montgomery pools instead). s_i with n_i − 1, two-pass about the subgroup
 * mean. QC_EDOM (NaN) when k == 0, a size is out of range, a value is not finite, the method
 * is unknown, or σ == 0. */
qc_status qc_stats_sigma_within(const double *x, size_t stride, const size_t *sizes, size_t k,
                                qc_sigma_method method, double *sigma) {
    *sigma = NAN;
    if (k == 0) return QC_EDOM;
    if (method != QC_SIGMA_POOLED && method != QC_SIGMA_RBAR && method != QC_SIGMA_SBAR)
        return QC_EDOM;
    double acc = 0.0, dof = 0.0;
    size_t off = 0;
    for (size_t j = 0; j < k; j++) {
        size_t m = sizes[j];
        if (m == 0 || (method != QC_SIGMA_POOLED && m < 2) || (method == QC_SIGMA_RBAR && m > 25))
            return QC_EDOM;
        const double *g = x + off * stride;
        double lo = g[0], hi = g[0];
        for (size_t i = 0; i < m; i++) {
            double v = g[i * stride];
            if (!isfinite(v)) return QC_EDOM;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        off += m;
        if (method == QC_SIGMA_RBAR) {
            acc += (hi - lo) / qc_stats_d2(m);
            continue;
        }
        if (m < 2) continue; /* pooled: a single value adds no degree of freedom */
        double mean = qc_stats_mean(g, stride, m);
        double s = qc_stats_sd(g, stride, m, mean);
        if (method == QC_SIGMA_POOLED) {
            acc += (double)(m - 1) * s * s;
            dof += (double)(m - 1);
        } else {
            acc += s / qc_stats_c4(m);
        }
    }
    double r = method == QC_SIGMA_POOLED ? (dof > 0.0 ? sqrt(acc / dof) : NAN) : acc / (double)k;
    if (!(r > 0.0) || !isfinite(r)) return QC_EDOM;
    *sigma = r;
    return QC_OK;
}

/* ---- capability indices ---- */

static void ci_nan(qc_index_ci *c) { c->value = c->lo = c->hi = NAN; }

static void capability_nan(qc_capability *o, qc_sigma_basis basis, size_t n) {
    o->basis = basis;
    o->n = n;
    o->mean = o->sigma = NAN;
    ci_nan(&o->cp);
    ci_nan(&o->cpl);
    ci_nan(&o->cpu);
    ci_nan(&o->cpk);
    ci_nan(&o->cpm);
    o->exp_ppm_below = o->exp_ppm_above = o->exp_ppm_total = NAN;
    o->obs_ppm_below = o->obs_ppm_above = o->obs_ppm_total = NAN;
}

/* Bissell (1990): idx ∓ z √(1/(9n) + idx²/(2(n − 1))), z two-sided. */
static void bissell(qc_index_ci *c, double idx, double z, double dn) {
    double half = z * sqrt(1.0 / (9.0 * dn) + idx * idx / (2.0 * (dn - 1.0)));
    c->value = idx;
    c->lo = idx - half;
    c->hi = idx + half;
}

/* With m = mean(x), σ the basis's sigma (OVERALL: sd of x with n − 1; WITHIN: sigma_within),
 * α = 1 − conf, z = Φ⁻¹(1 − α/2), n the number of values (all of them, also for WITHIN):
 *   Cp  = (USL − LSL)/(6σ); CI Cp·√(χ²_{α/2; n−1}/(n − 1)), Cp·√(χ²_{1−α/2; n−1}/(n − 1))
 *         (Chou, Owen & Borrego 1990; qcc and SAS/QC alike)
 *   Cpl = (m − LSL)/(3σ), Cpu = (USL − m)/(3σ), Cpk = the smaller of those defined; each with
 *         Bissell's CI above. qcc gives Cpl and Cpu one-sided z = Φ⁻¹(conf) and SAS/QC another
 *         method; only the Cpk intervals of the three agree.
 *   Cpm = (USL − LSL)/(6√(σ² + (m − T)²)) (both limits and a target T); Boyles' (1991) CI
 *         Ĉ·√(χ²_{α/2; ν}/ν), Ĉ·√(χ²_{1−α/2; ν}/ν), ν = n(1 + a²)²/(1 + 2a²), a = (m − T)/σ,
 *         where Ĉ = (USL − LSL)/(6τ) with τ² = Σ(x − T)²/n for OVERALL (as SAS/QC) and
 *         τ² = σ² + (m − T)² for WITHIN. (qcc's ν = n(1 + a²)/(1 + 2a²) differs when T is
 *         far from the mean.)
 *   expected ppm: 1e6·Φ((LSL − m)/σ) below, 1e6·(1 − Φ((USL − m)/σ)) above;
 *   observed ppm: 1e6·#(x < LSL)/n below, 1e6·#(x > USL)/n above (a value on a limit is in).
 * An absent limit makes its quantities NaN and counts 0 in the totals. QC_EDOM (all NaN)
 * when n < 2, a value is not finite, no limit is given, LSL >= USL, the target is ±Inf,
 * σ is not finite or <= 0, or conf is outside (0, 1). */
qc_status qc_stats_capability(const double *x, size_t stride, size_t n, const qc_spec *spec,
                              qc_sigma_basis basis, double sigma_within, double conf,
                              qc_capability *out) {
    qc_stats_init();
    capability_nan(out, basis, n);
    double lsl = spec->lsl, usl = spec->usl, tgt = spec->target;
    int has_l = !isnan(lsl), has_u = !isnan(usl), has_t = !isnan(tgt);
    if (n < 2 || !(conf > 0.0 && conf < 1.0) || (!has_l && !has_u)) return QC_EDOM;
    if ((has_l && !isfinite(lsl)) || (has_u && !isfinite(usl)) || (has_t && !isfinite(tgt)))
        return QC_EDOM;
    if (has_l && has_u && !(lsl < usl)) return QC_EDOM;
    if (basis != QC_BASIS_OVERALL && basis != QC_BASIS_WITHIN) return QC_EDOM;
    size_t below = 0, above = 0;
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (!isfinite(v)) return QC_EDOM;
        below += has_l && v < lsl;
        above += has_u && v > usl;
    }
    double dn = (double)n, m = qc_stats_mean(x, stride, n);
    double s = basis == QC_BASIS_OVERALL ? qc_stats_sd(x, stride, n, m) : sigma_within;
    if (!(s > 0.0) || !isfinite(s)) return QC_EDOM;
    out->mean = m;
    out->sigma = s;

    double alpha = 1.0 - conf, z = gsl_cdf_ugaussian_Pinv(1.0 - alpha / 2.0);
    if (has_l) bissell(&out->cpl, (m - lsl) / (3.0 * s), z, dn);
    if (has_u) bissell(&out->cpu, (usl - m) / (3.0 * s), z, dn);
    int upper = !has_l || (has_u && out->cpu.value < out->cpl.value);
    out->cpk = upper ? out->cpu : out->cpl;
    if (has_l && has_u) {
        double cp = (usl - lsl) / (6.0 * s);
        out->cp.value = cp;
        out->cp.lo = cp * sqrt(gsl_cdf_chisq_Pinv(alpha / 2.0, dn - 1.0) / (dn - 1.0));
        out->cp.hi = cp * sqrt(gsl_cdf_chisq_Qinv(alpha / 2.0, dn - 1.0) / (dn - 1.0));
        if (has_t) {
            double dev = m - tgt, tau2;
            out->cpm.value = (usl - lsl) / (6.0 * sqrt(s * s + dev * dev));
            if (basis == QC_BASIS_OVERALL) {
                double acc = 0.0;
                for (size_t i = 0; i < n; i++) {
                    double d = x[i * stride] - tgt;
                    acc += d * d;
                }
                tau2 = acc / dn;
            } else {
                tau2 = s * s + dev * dev;
            }
            double a2 = (dev / s) * (dev / s);
            double nu = dn * (1.0 + a2) * (1.0 + a2) / (1.0 + 2.0 * a2);
            double c = (usl - lsl) / (6.0 * sqrt(tau2));
            out->cpm.lo = c * sqrt(gsl_cdf_chisq_Pinv(alpha / 2.0, nu) / nu);
            out->cpm.hi = c * sqrt(gsl_cdf_chisq_Qinv(alpha / 2.0, nu) / nu);
        }
    }
    out->exp_ppm_below = has_l ? 1e6 * gsl_cdf_ugaussian_P((lsl - m) / s) : NAN;
    out->exp_ppm_above = has_u ? 1e6 * gsl_cdf_ugaussian_Q((usl - m) / s) : NAN;
    out->exp_ppm_total = (has_l ? out->exp_ppm_below : 0.0) + (has_u ? out->exp_ppm_above : 0.0);
    out->obs_ppm_below = has_l ? 1e6 * (double)below / dn : NAN;
    out->obs_ppm_above = has_u ? 1e6 * (double)above / dn : NAN;
    out->obs_ppm_total = 1e6 * (double)(below + above) / dn;
    return QC_OK;
}
