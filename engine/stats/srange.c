/* srange.c — the studentised range distribution (DESIGN §5: several groups; the distribution
 * behind Tukey's HSD and the Games–Howell test, posthoc.c). GSL has none; R's ptukey/qtukey
 * (Copenhaver & Holland's AS 190 with 16-point Gauss–Legendre rules) are the oracle.
 *
 * Q = R/S with R the range of k independent standard normals and S = √(χ²_ν/ν) independent:
 *   P(R <= w)  = k ∫ φ(z) [Φ(z + w) − Φ(z)]^(k−1) dz,
 *   P(R > w)   = k ∫ φ(z) {Q(z)^(k−1) − [Q(z) − Q(z + w)]^(k−1)} dz,     Q = 1 − Φ,
 *   P(Q <= q)  = E[P(R <= qS)],  P(Q > q) = E[P(R > qS)]   (stats_internal.h).
 * Each tail is integrated directly, never as 1 − the other, so a small p-value keeps its
 * relative precision: the braces are written a^m(1 − (1 − b/a)^m) = −a^m expm1(m log1p(−b/a)).
 * The function asked for (lower or upper) is the smaller of the two tails when that is cheap to
 * tell, else 1 − the other (absolute error below 1e-14 either way). The quantile solves
 * P(Q <= q) = p by GSL's Brent solver (its only allocation: QC_ENOMEM when it fails). */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_roots.h>

#include "qcompare/posthoc.h"
#include "stats_internal.h"

#define Z_REACH 9.5        /* φ(9.5) < 6e-21: the inner integrand is nothing beyond */
#define EPSABS 1e-10       /* lower tails, and upper tails above 1e-3 */
#define EPSREL 1e-13

typedef struct {
    double w, m, k;   /* range w; m = k − 1 */
} range_params;

static double phi(double z) { return exp(-0.5 * z * z) * (M_2_SQRTPI * M_SQRT1_2 * 0.5); }

/* Φ(z + w) − Φ(z), from whichever tails keep its digits */
static double spread(double z, double w) {
    return z > 0.0 ? gsl_cdf_ugaussian_Q(z) - gsl_cdf_ugaussian_Q(z + w)
                   : gsl_cdf_ugaussian_P(z + w) - gsl_cdf_ugaussian_P(z);
}

/* k φ(z) d^m, d = Φ(z + w) − Φ(z) */
static double lower_integrand(double z, void *vp) {
    const range_params *p = vp;
    double d = spread(z, p->w);
    if (!(d > 0.0)) return 0.0;
    return p->k * phi(z) * pow(d, p->m);
}

/* k φ(z) {a^m − d^m}, a = Q(z), d = a − Q(z + w) = Φ(z + w) − Φ(z); when Q(z + w) is small
 * next to a, a^m (1 − (1 − b/a)^m) = −a^m expm1(m log1p(−b/a)) keeps the digits. */
static double upper_integrand(double z, void *vp) {
    const range_params *p = vp;
    double a = gsl_cdf_ugaussian_Q(z);
    if (!(a > 0.0)) return 0.0;
    double b = gsl_cdf_ugaussian_Q(z + p->w), braces;
    if (b < 0.5 * a)
        braces = -pow(a, p->m) * expm1(p->m * log1p(-b / a));
    else
        braces = pow(a, p->m) - pow(spread(z, p->w), p->m);
    return p->k * phi(z) * braces;
}

/* P(R <= w) (upper == 0) or P(R > w) for the range of k standard normals, w >= 0, to
 * max(epsabs, EPSREL·value). */
static double range_tail(double w, double k, int upper, double epsabs) {
    if (!(w > 0.0)) return upper ? 1.0 : 0.0;
    if (isinf(w)) return upper ? 0.0 : 1.0;
    range_params p = {w, k - 1.0, k};
    gsl_function f = {upper ? upper_integrand : lower_integrand, &p};
    /* the mass lies about z = −w/2 (both tails) and about 0 (where φ is large) */
    double c = -0.5 * w;
    double cut[] = {c - Z_REACH, c, 0.0, Z_REACH};
    double r = qc_quad_pieces(&f, cut, 4, epsabs, EPSREL);
    return r < 0.0 ? 0.0 : (r > 1.0 ? 1.0 : r);
}

typedef struct {
    double q, k, epsabs;
    int upper;
} studentized_params;

static double range_at(double s, void *vp) {
    const studentized_params *p = vp;
    return range_tail(p->q * s, p->k, p->upper, p->epsabs);
}

static double q_tail_to(double q, double k, double df, int upper, double epsabs) {
    studentized_params p = {q, k, epsabs, upper};
    /* R <= q·S switches about the median of the range (0.954 for k = 2, growing like ln k) */
    double mid = (0.954 + 0.75 * log(k / 2.0)) / q;
    double r = qc_quad_chi_mean(range_at, &p, df, mid, epsabs, EPSREL);
    return r < 0.0 ? 0.0 : (r > 1.0 ? 1.0 : r);
}

/* One tail of Q, integrated directly: to EPSABS, and once more to a tolerance relative to
 * the value when it is below 1e-3 (small p-values keep their digits). */
static double q_tail(double q, double k, double df, int upper) {
    double r = q_tail_to(q, k, df, upper, EPSABS);
    if (r > 0.0 && r < 1e-3) r = q_tail_to(q, k, df, upper, 1e-9 * r);
    return r;
}

static int args_ok(double k, double df) {
    return k >= 2.0 && isfinite(k) && df >= 1.0 && !isnan(df);
}

qc_status qc_stats_ptukey(double q, double k, double df, int upper, double *p) {
    qc_stats_init();
    *p = NAN;
    if (isnan(q) || !args_ok(k, df)) return QC_EDOM;
    if (q <= 0.0) {
        *p = upper ? 1.0 : 0.0;
        return QC_OK;
    }
    if (isinf(q)) {
        *p = upper ? 0.0 : 1.0;
        return QC_OK;
    }
    /* the smaller tail directly, the other as its complement: which one is smaller is
     * guessed from the normal range at q (cheap), and checked */
    int small = range_tail(q, k, 0, 1e-6) < 0.5 ? 0 : 1;
    double t = q_tail(q, k, df, small);
    if (t > 0.5) {
        small = !small;
        t = q_tail(q, k, df, small);
    }
    *p = small == upper ? t : 1.0 - t;
    return QC_OK;
}

/* P(Q <= q) − target (df finite or not), and P(R <= q) − target for the normal range. */
typedef struct {
    double k, df, target;
} quantile_params;

static double quantile_fn(double q, void *vp) {
    const quantile_params *p = vp;
    double v;
    qc_stats_ptukey(q, p->k, p->df, 0, &v);
    return v - p->target;
}

static double range_quantile_fn(double q, void *vp) {
    const quantile_params *p = vp;
    return range_tail(q, p->k, 0, 1e-13) - p->target;
}

/* The root of f in [lo, hi] (f(lo) < 0 < f(hi)) by GSL's Brent solver, to 1e-12 relative. */
static qc_status brent(gsl_function *f, double lo, double hi, double *x) {
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s) return QC_ENOMEM;
    gsl_root_fsolver_set(s, f, lo, hi);
    for (int it = 0; it < 200; it++) {
        if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS) break;
        lo = gsl_root_fsolver_x_lower(s);
        hi = gsl_root_fsolver_x_upper(s);
        if (gsl_root_test_interval(lo, hi, 0.0, 1e-12) == GSL_SUCCESS) break;
    }
    *x = gsl_root_fsolver_root(s);
    gsl_root_fsolver_free(s);
    return QC_OK;
}

/* Moves [*lo, *hi] outwards (by factors of (1 + step)) until f changes sign across it. */
static int bracket(gsl_function *f, double *lo, double *hi) {
    double step = *hi / *lo - 1.0;
    for (int i = 0; GSL_FN_EVAL(f, *lo) > 0.0; i++) {
        if (i > 200) return -1;
        *hi = *lo;
        *lo /= 1.0 + step;
        step *= 2.0;
    }
    for (int i = 0; GSL_FN_EVAL(f, *hi) < 0.0; i++) {
        if (i > 200) return -1;
        *lo = *hi;
        *hi *= 1.0 + step;
        step *= 2.0;
    }
    return 0;
}

qc_status qc_stats_qtukey(double prob, double k, double df, double *q) {
    qc_stats_init();
    *q = NAN;
    if (!(prob > 0.0 && prob < 1.0) || !args_ok(k, df)) return QC_EDOM;
    quantile_params p = {k, df, prob};
    /* a start from the normal range's quantile (one cheap integral per step), moved by the
     * first Cornish–Fisher term of t for finite df (exact in form for k = 2: Q = √2·|T|);
     * then the full distribution's root on a narrow bracket about it */
    gsl_function fr = {range_quantile_fn, &p}, f = {quantile_fn, &p};
    double lo = 1.0, hi = 2.0 + log(k), q0;
    if (bracket(&fr, &lo, &hi)) return QC_EDOM;
    qc_status st = brent(&fr, lo, hi, &q0);
    if (st != QC_OK) return st;
    if (df < 1e12) q0 += (0.5 * q0 * q0 * q0 + q0) / (4.0 * df);
    double d = 0.005 + 0.5 / df;
    lo = q0 * (1.0 - d);
    hi = q0 * (1.0 + d);
    if (bracket(&f, &lo, &hi)) return QC_EDOM;
    return brent(&f, lo, hi, q);
}
