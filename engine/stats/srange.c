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
 * Both levels use the trapezoid rule, which on these analytic, fast-decaying integrands
 * converges geometrically (about 0.2 ms a value, where adaptive Gauss–Kronrod at both levels
 * took 4 ms): the inner one on a grid symmetric about −w/2, so one normal tail per node, the
 * outer one after a double-exponential map of log S. The function asked for (lower or upper)
 * is the smaller of the two tails when that is cheap to tell, else 1 − the other (absolute
 * error below 1e-14 either way). The quantile solves the smaller tail's log for q by the
 * secant method (4–6 values), GSL's Brent solver on a bracket as the fallback (its only
 * allocation: QC_ENOMEM when it fails). */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_roots.h>

#include "qcompare/posthoc.h"
#include "stats_internal.h"

#define Z_REACH 9.5        /* φ(9.5) < 6e-21: the inner integrand is nothing beyond */

/* The inner integral by the trapezoid rule on a grid symmetric about c = −w/2: z_j = c + jh
 * and z_j + w = −z_(−j), so Φ(z_j + w) = Q(z_(−j)) and one normal tail per node serves both
 * ends of the spread. On these analytic integrands, which fall off like Gaussians on both
 * sides, the trapezoid rule converges geometrically in 1/h² (the error is about
 * exp(−2π²σ²/h²) for features of width σ; the narrowest here are the k-fold products
 * φ(z)·d^(k−1), σ ≈ 1/√k), so h = H_SCALE/√k gives full double precision. */
static double phi(double z) { return exp(-0.5 * z * z) * (M_2_SQRTPI * M_SQRT1_2 * 0.5); }

#define H_SCALE 0.7
#define W_MAX 80.0   /* P(R > w) < k² Q(w/√2) underflows beyond */
#define MAX_NODES 2048
#define SMALL_W 1e-2 /* below: the spread by its series, not a difference of tails */

typedef struct {
    double c, h;
    int j0, n;       /* node index range [j0, j0 + n) */
    double *lo, *hi; /* Φ(z_j) and Q(z_j), each to full relative precision; NAN: not yet */
} range_grid;

static void grid_node(range_grid *g, int j, double *P, double *Q) {
    int i = j - g->j0;
    if (isnan(g->lo[i])) {
        double z = g->c + j * g->h;
        if (z < 0.0) {
            g->lo[i] = gsl_cdf_ugaussian_P(z);
            g->hi[i] = 1.0 - g->lo[i];
        } else {
            g->hi[i] = gsl_cdf_ugaussian_Q(z);
            g->lo[i] = 1.0 - g->hi[i];
        }
    }
    *P = g->lo[i];
    *Q = g->hi[i];
}

/* P(R <= w) (upper == 0) or P(R > w) for the range of k standard normals, w >= 0. */
static double range_tail(double w, double k, int upper) {
    if (!(w > 0.0)) return upper ? 1.0 : 0.0;
    if (w > W_MAX) return upper ? 0.0 : 1.0;
    double m = k - 1.0, c = -0.5 * w, h = H_SCALE / sqrt(k);
    double zlo = upper ? c - Z_REACH : -Z_REACH, zhi = Z_REACH;
    int jlo = (int)floor((zlo - c) / h), jhi = (int)ceil((zhi - c) / h);
    int j0 = jlo < -jhi ? jlo : -jhi, j1 = jhi > -jlo ? jhi : -jlo;
    if (j1 - j0 + 1 > MAX_NODES) { /* only for k beyond any table: a coarser grid */
        h *= (double)(j1 - j0 + 1) / (MAX_NODES - 1);
        jlo = (int)floor((zlo - c) / h), jhi = (int)ceil((zhi - c) / h);
        j0 = jlo < -jhi ? jlo : -jhi, j1 = jhi > -jlo ? jhi : -jlo;
    }
    double lo[MAX_NODES], hi[MAX_NODES];
    range_grid g = {c, h, j0, j1 - j0 + 1, lo, hi};
    for (int i = 0; i < g.n; i++) lo[i] = NAN;
    double sum = 0.0;
    for (int j = jlo; j <= jhi; j++) {
        double z = c + j * h, Pz, Qz, Pm, Qm;
        grid_node(&g, j, &Pz, &Qz);
        grid_node(&g, -j, &Pm, &Qm); /* Φ(z + w) = Q(z_(−j)), Q(z + w) = Φ(z_(−j)) */
        double Pw = Qm, Qw = Pm;
        /* d = Φ(z + w) − Φ(z) from whichever tails keep its digits; for a small w, where the
         * two are close, its Taylor series about the midpoint m (φ″ = (m² − 1)φ, φ⁗ =
         * (m⁴ − 6m² + 3)φ; the next term is below 1e-14 of d) */
        double d, v;
        if (w < SMALL_W) {
            double mid = z + 0.5 * w, m2 = mid * mid, w2 = w * w;
            d = w * phi(mid) *
                (1.0 + (m2 - 1.0) * w2 / 24.0 + (m2 * m2 - 6.0 * m2 + 3.0) * w2 * w2 / 1920.0);
        } else {
            d = z > 0.0 ? Qz - Qw : Pw - Pz;
        }
        if (!upper) {
            v = d > 0.0 ? pow(d, m) : 0.0;
        } else {
            /* a^m − d^m, a = Q(z), b = Q(z + w); a^m (1 − (1 − b/a)^m) when b is small */
            if (!(Qz > 0.0)) continue;
            if (Qw < 0.5 * Qz)
                v = -pow(Qz, m) * expm1(m * log1p(-Qw / Qz));
            else
                v = pow(Qz, m) - (d > 0.0 ? pow(d, m) : 0.0);
        }
        sum += phi(z) * v;
    }
    double r = k * h * sum;
    return r < 0.0 ? 0.0 : (r > 1.0 ? 1.0 : r);
}

/* The outer integral, E[g(S)] with g(s) = P(R <= qs) or P(R > qs), by the trapezoid rule too,
 * in x with log s = x − e^(−x) (a double-exponential map: as x → −∞ the density's s^(ν−1)
 * tail and the s^ν of a tail probability near s = 0 fall off like exp(−ν e^(−x)), so the
 * small df whose S has a long left tail cost a few nodes more, not hundreds). The step is
 * set by the narrowest feature in log s: the density's 1/√(2ν), and g's about 1/(qs) (the
 * range's tail is Gaussian in w = qs). Nodes are visited outwards from s = 1 and a side is
 * left once a bound on everything beyond it (the density there times the last g where g
 * falls outwards, times 1 where it rises) is below OUT_EPS of the sum. */
#define H_OUT 0.7
#define H_CAP 0.07
#define OUT_EPS 1e-18
#define OUT_MAX_NODES 20000
#define X_AT_1 0.56714329040978387 /* x − e^(−x) = 0 */

/* P(R > w), or P(R <= w); the first is 1 to double precision when the second is below
 * k (w φ(0))^(k−1) < 1e-20 (the other k − 1 values within w of the first) */
static double g_at(double w, double k, int upper) {
    if (upper && k * pow(w * (0.5 * M_2_SQRTPI * M_SQRT1_2), k - 1.0) < 1e-20) return 1.0;
    return range_tail(w, k, upper);
}

static double q_tail(double q, double k, double df, int upper) {
    if (!(df < 1e12)) return range_tail(q, k, upper);
    double hh = 0.5 * df, c = qc_quad_chi_c(hh);
    /* The map is centred on s0, about where the integrand peaks: for an upper tail
     * f(s)·exp(−(qs)²/4) peaks at s² = ν/(ν + q²/2); a small lower tail f(s)·s^(k−1) at
     * s² = (ν + k − 1)/ν. The step resolves log s to the width there. */
    double s0 = upper ? sqrt(df / (df + 0.5 * q * q)) : (q < 1.0 ? sqrt((df + k - 1.0) / df) : 1.0);
    if (upper && s0 > 1.0) s0 = 1.0;
    double w0 = q * s0, ls0 = log(s0);
    double h = H_OUT / sqrt(2.0 * (df + k) + w0 * w0) / (1.0 + exp(-X_AT_1));
    if (h > H_CAP) h = H_CAP;
    double sum = 0.0;
    /* side −1: s < 1 (g falls towards 0 for the lower tail, rises to 1 for the upper);
     * side +1: s > 1 */
    for (int side = -1; side <= 1; side += 2) {
        double prev_bound = INFINITY;
        for (int j = side < 0 ? 0 : 1; j < OUT_MAX_NODES; j++) {
            double x = X_AT_1 + side * j * h, ex = exp(-x), ls = ls0 + x - ex, s = exp(ls);
            double u = s * s - 1.0, ls2 = fabs(u) < 0.5 ? log1p(u) : 2.0 * ls;
            /* f(s)·s·ds/dx, the density written about s = 1 (quad.c) */
            double lf = M_LN2 + c + hh * (ls2 - u) + log1p(ex);
            double dens = lf < -745.0 ? 0.0 : exp(lf);
            double g = dens > 0.0 ? g_at(q * s, k, upper) : 0.0;
            sum += dens * g;
            int falls = (side < 0) != (upper != 0); /* g falls outwards on this side */
            double bound = dens * (falls ? g : 1.0);
            if (bound <= OUT_EPS * sum && bound <= prev_bound) break;
            if (dens == 0.0 && j > 0 && prev_bound == 0.0) break;
            prev_bound = bound;
        }
    }
    double r = h * sum;
    return r < 0.0 ? 0.0 : (r > 1.0 ? 1.0 : r);
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
    int small = range_tail(q, k, 0) < 0.5 ? 0 : 1;
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
    return range_tail(q, p->k, 0) - p->target;
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

/* The secant iteration on log P(tail) − log(target tail), the tail being the smaller of the
 * two (so a p near 1 keeps its digits): log tails are nearly linear in q (quadratic in the
 * Gaussian upper tail, logarithmic in the lower), so from the start below it converges in
 * 4–6 steps. Returns −1 (the caller falls back to the bracketed Brent) when a step leaves
 * the positive axis or it does not settle. */
static int secant(double prob, double k, double df, double q0, double *q) {
    int upper = prob > 0.5;
    double target = log(upper ? 1.0 - prob : prob);
    double x0 = q0, x1 = q0 * 1.01;
    double f0 = log(q_tail(x0, k, df, upper)) - target;
    double f1 = log(q_tail(x1, k, df, upper)) - target;
    for (int it = 0; it < 40; it++) {
        if (!isfinite(f0) || !isfinite(f1) || f1 == f0) return -1;
        double x2 = x1 - f1 * (x1 - x0) / (f1 - f0);
        if (!(x2 > 0.0) || !isfinite(x2)) return -1;
        if (fabs(x2 - x1) <= 1e-13 * x2) {
            *q = x2;
            return 0;
        }
        x0 = x1, f0 = f1;
        x1 = x2, f1 = log(q_tail(x1, k, df, upper)) - target;
    }
    return -1;
}

qc_status qc_stats_qtukey(double prob, double k, double df, double *q) {
    qc_stats_init();
    *q = NAN;
    if (!(prob > 0.0 && prob < 1.0) || !args_ok(k, df)) return QC_EDOM;
    quantile_params p = {k, df, prob};
    /* a start from the normal range's quantile (one cheap integral per step), moved by the
     * first Cornish–Fisher term of t for finite df (exact in form for k = 2: Q = √2·|T|);
     * then the secant iteration, or the full distribution's root on a bracket about it */
    gsl_function fr = {range_quantile_fn, &p}, f = {quantile_fn, &p};
    double lo = 1.0, hi = 2.0 + log(k), q0;
    if (bracket(&fr, &lo, &hi)) return QC_EDOM;
    qc_status st = brent(&fr, lo, hi, &q0);
    if (st != QC_OK) return st;
    if (df < 1e12) q0 += (0.5 * q0 * q0 * q0 + q0) / (4.0 * df);
    if (secant(prob, k, df, q0, q) == 0) return QC_OK;
    double d = 0.005 + 0.5 / df;
    lo = q0 * (1.0 - d);
    hi = q0 * (1.0 + d);
    if (bracket(&f, &lo, &hi)) return QC_EDOM;
    return brent(&f, lo, hi, q);
}
