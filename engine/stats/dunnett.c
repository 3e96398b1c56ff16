/* dunnett.c — Dunnett's many-to-one comparison (DESIGN §9: each manufacturer against the
 * benchmark): the distribution of the largest |t| of m treatments against one control, its
 * quantile, and the two-sided test with simultaneous intervals. R's multcomp (glht with
 * mcp(g = "Dunnett"), single-step) is the oracle; it integrates the multivariate t by
 * randomised quasi-Monte Carlo (Genz–Bretz), we integrate exactly:
 *
 * With a pooled variance the statistics are T_i = Z_i/S, S = √(χ²_ν/ν), and the Z_i are
 * standard normals with correlations ρ_ij = λ_i λ_j, λ_i = √(n_i/(n_i + n_0)) (they share the
 * control's mean). Such a one-factor structure is Z_i = λ_i Z_0 + σ_i ε_i, σ_i = √(1 − λ_i²),
 * with Z_0, ε_i independent, so given Z_0 = z and S = s the events |Z_i| <= cs are independent:
 *   P(max|T_i| <= c) = E_S ∫ φ(z) Π_i [Φ((cS − λ_i z)/σ_i) − Φ((−cS − λ_i z)/σ_i)] dz,
 *   P(max|T_i| >  c) = E_S ∫ φ(z) (1 − Π_i (1 − r_i(z))) dz,  r_i the two outer tails,
 * the second written −expm1(Σ log1p(−r_i)) so that small p-values keep their digits. The
 * integrand is even in z (integrated over z >= 0, doubled). Quadrature: stats_internal.h.
 * Owns nothing; the quantile's GSL root solver is its only allocation. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_roots.h>

#include "qcompare/posthoc.h"
#include "stats_internal.h"

#define Z_REACH 9.5
#define EPSABS 1e-11
#define EPSREL 1e-13
#define MAX_M 512

typedef struct {
    const double *lambda, *sigma;
    size_t m;
    double u;        /* c·s */
    int upper;
} window_params;

static double phi(double z) { return exp(-0.5 * z * z) * (M_2_SQRTPI * M_SQRT1_2 * 0.5); }

/* Φ(hi) − Φ(lo), hi > lo, from whichever tails keep its digits */
static double between(double lo, double hi) {
    return lo > 0.0 ? gsl_cdf_ugaussian_Q(lo) - gsl_cdf_ugaussian_Q(hi)
                    : gsl_cdf_ugaussian_P(hi) - gsl_cdf_ugaussian_P(lo);
}

static double window_integrand(double z, void *vp) {
    const window_params *p = vp;
    if (!p->upper) {
        double prod = 1.0;
        for (size_t i = 0; i < p->m && prod > 0.0; i++) {
            double mz = p->lambda[i] * z;
            prod *= between((-p->u - mz) / p->sigma[i], (p->u - mz) / p->sigma[i]);
        }
        return 2.0 * phi(z) * prod;
    }
    double logsum = 0.0;
    for (size_t i = 0; i < p->m; i++) {
        double mz = p->lambda[i] * z;
        double r = gsl_cdf_ugaussian_P((-p->u - mz) / p->sigma[i]) +
                   gsl_cdf_ugaussian_Q((p->u - mz) / p->sigma[i]);
        logsum += r < 1.0 ? log1p(-r) : -INFINITY;
    }
    return 2.0 * phi(z) * -expm1(logsum);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The inner integral over z >= 0 at u = c·s, cut where the window's edges and the tail's
 * peaks fall (z = u/λ and z = λu for the largest and smallest λ). */
static double window(double u, const window_params *base, double lmin, double lmax,
                     double epsabs) {
    window_params p = *base;
    p.u = u;
    gsl_function f = {window_integrand, &p};
    double reach = Z_REACH + lmax * u, cut[8];
    double cand[] = {lmin * u, lmax * u, lmax > 0.0 ? u / lmax : reach, 1.0};
    int n = 0;
    cut[n++] = 0.0;
    for (size_t i = 0; i < sizeof cand / sizeof *cand; i++)
        if (cand[i] > 0.0 && cand[i] < reach) cut[n++] = cand[i];
    cut[n++] = reach;
    qsort(cut, (size_t)n, sizeof *cut, cmp_double);
    double r = qc_quad_pieces(&f, cut, n, epsabs, EPSREL);
    return r < 0.0 ? 0.0 : (r > 1.0 ? 1.0 : r);
}

typedef struct {
    window_params w;
    double c, lmin, lmax, epsabs;
} maxt_params;

static double window_at(double s, void *vp) {
    const maxt_params *p = vp;
    return window(p->c * s, &p->w, p->lmin, p->lmax, p->epsabs);
}

static double tail_to(maxt_params *p, double df, double epsabs) {
    p->epsabs = epsabs;
    double r = qc_quad_chi_mean(window_at, p, df, 0.0, epsabs, EPSREL);
    return r < 0.0 ? 0.0 : (r > 1.0 ? 1.0 : r);
}

/* One tail, directly: to EPSABS, again relative to the value when it is below 1e-3. */
static double tail(maxt_params *p, double df) {
    double r = tail_to(p, df, EPSABS);
    if (r > 0.0 && r < 1e-3) r = tail_to(p, df, 1e-9 * r);
    return r;
}

qc_status qc_stats_pmaxt(double c, const double *lambda, size_t m, double df, int upper,
                         double *p) {
    qc_stats_init();
    *p = NAN;
    if (isnan(c) || !lambda || m == 0 || m > MAX_M || !(df >= 1.0)) return QC_EDOM;
    double sigma[MAX_M], lmin = 1.0, lmax = 0.0;
    for (size_t i = 0; i < m; i++) {
        if (!(lambda[i] >= 0.0 && lambda[i] < 1.0)) return QC_EDOM;
        sigma[i] = sqrt((1.0 - lambda[i]) * (1.0 + lambda[i]));
        lmin = fmin(lmin, lambda[i]);
        lmax = fmax(lmax, lambda[i]);
    }
    if (c <= 0.0 || isinf(c)) {
        *p = (c <= 0.0) == (upper != 0) ? 1.0 : 0.0;
        return QC_OK;
    }
    maxt_params prm = {{lambda, sigma, m, 0.0, 1}, c, lmin, lmax, EPSABS};
    /* the upper tail first (what p-values ask for); the lower as its complement above ½ */
    double t = tail(&prm, df);
    int small = 1;
    if (t > 0.5) {
        prm.w.upper = 0;
        small = 0;
        t = tail(&prm, df);
    }
    *p = small == (upper != 0) ? t : 1.0 - t;
    return QC_OK;
}

typedef struct {
    const double *lambda;
    size_t m;
    double df, target;
} quantile_params;

static double quantile_fn(double c, void *vp) {
    const quantile_params *q = vp;
    double v;
    qc_stats_pmaxt(c, q->lambda, q->m, q->df, 0, &v);
    return v - q->target;
}

qc_status qc_stats_qmaxt(double p, const double *lambda, size_t m, double df, double *c) {
    qc_stats_init();
    *c = NAN;
    double probe;
    if (!(p > 0.0 && p < 1.0) || qc_stats_pmaxt(1.0, lambda, m, df, 0, &probe) != QC_OK)
        return QC_EDOM;
    quantile_params q = {lambda, m, df, p};
    gsl_function f = {quantile_fn, &q};
    double lo = 0.0, hi = 2.0;
    for (int i = 0; quantile_fn(hi, &q) < 0.0; i++) {
        if (i > 60) return QC_EDOM;
        lo = hi;
        hi *= 2.0;
    }
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s) return QC_ENOMEM;
    gsl_root_fsolver_set(s, &f, lo, hi);
    for (int it = 0; it < 200; it++) {
        if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS) break;
        lo = gsl_root_fsolver_x_lower(s);
        hi = gsl_root_fsolver_x_upper(s);
        if (gsl_root_test_interval(lo, hi, 0.0, 4.0 * GSL_DBL_EPSILON) == GSL_SUCCESS) break;
    }
    *c = gsl_root_fsolver_root(s);
    gsl_root_fsolver_free(s);
    return QC_OK;
}

qc_status qc_stats_dunnett(const double *x, size_t stride, const size_t *sizes, size_t k,
                           double conf, qc_pairwise *out) {
    qc_stats_init();
    for (size_t i = 1; i < k && i <= MAX_M; i++)
        out[i - 1] = (qc_pairwise){i, 0, NAN, NAN, NAN, NAN, NAN, NAN, NAN};
    if (k < 2 || k > MAX_M || !sizes || !(conf > 0.0 && conf < 1.0)) return QC_EDOM;
    qc_anova a;  /* its checks: every group non-empty, finite values, N > k */
    if (qc_stats_anova_oneway(x, stride, sizes, k, &a) != QC_OK || !(a.ms_within > 0.0))
        return QC_EDOM;
    double lambda[MAX_M], mean[MAX_M];
    for (size_t g = 0, start = 0; g < k; start += sizes[g++]) {
        double s = 0.0, c = x[start * stride], r = 0.0;
        for (size_t i = 0; i < sizes[g]; i++) s += x[(start + i) * stride] - c;
        double m = s / (double)sizes[g];
        for (size_t i = 0; i < sizes[g]; i++) r += (x[(start + i) * stride] - c) - m;
        mean[g] = c + (m + r / (double)sizes[g]);
    }
    double n0 = (double)sizes[0];
    for (size_t i = 1; i < k; i++)
        lambda[i - 1] = sqrt((double)sizes[i] / ((double)sizes[i] + n0));
    double crit;
    qc_status st = qc_stats_qmaxt(conf, lambda, k - 1, a.df_within, &crit);
    if (st != QC_OK) return st;
    for (size_t i = 1; i < k; i++) {
        qc_pairwise *p = &out[i - 1];
        p->difference = mean[i] - mean[0];
        p->se = sqrt(a.ms_within * (1.0 / (double)sizes[i] + 1.0 / n0));
        p->statistic = p->difference / p->se;
        p->df = a.df_within;
        p->ci_lo = p->difference - crit * p->se;
        p->ci_hi = p->difference + crit * p->se;
        if ((st = qc_stats_pmaxt(fabs(p->statistic), lambda, k - 1, p->df, 1, &p->p_value)))
            return st;
    }
    return QC_OK;
}
