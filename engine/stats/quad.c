/* quad.c — the quadrature of stats_internal.h: QNG pieces refined by bisection, and the
 * expectation of a function of S = √(χ²_ν/ν) (the denominator of a t-type statistic), used by
 * the studentised range (srange.c) and Dunnett's distribution (dunnett.c). Owns nothing;
 * allocates nothing. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_math.h> /* M_PI, M_LN2 */
#include <gsl/gsl_sf_gamma.h>

#include "stats_internal.h"

#define MAX_DEPTH 12

static double panel(const gsl_function *f, double a, double b, double epsabs, double epsrel,
                    int depth) {
    double r, err;
    size_t neval;
    int st = gsl_integration_qng(f, a, b, epsabs, epsrel, &r, &err, &neval);
    if (st == 0 || depth <= 0) return r;
    double m = 0.5 * (a + b);
    return panel(f, a, m, 0.5 * epsabs, epsrel, depth - 1) +
           panel(f, m, b, 0.5 * epsabs, epsrel, depth - 1);
}

double qc_quad_pieces(const gsl_function *f, const double *cut, int n, double epsabs,
                      double epsrel) {
    double width = cut[n - 1] - cut[0], sum = 0.0;
    if (!(width > 0.0)) return 0.0;
    for (int i = 0; i + 1 < n; i++)
        if (cut[i + 1] > cut[i])
            sum += panel(f, cut[i], cut[i + 1], epsabs * (cut[i + 1] - cut[i]) / width, epsrel,
                         MAX_DEPTH);
    return sum;
}

/* c(h) = h ln h − h − lnΓ(h) = ½ ln(h/2π) − ε(h), ε the Stirling remainder of lnΓ(h). */
double qc_quad_chi_c(double h) {
    if (h < 20.0) return h * log(h) - h - gsl_sf_lngamma(h);
    double r = 1.0 / h, r2 = r * r;
    double eps = r * (1.0 / 12.0 - r2 * (1.0 / 360.0 - r2 * (1.0 / 1260.0 - r2 / 1680.0)));
    return 0.5 * log(h / (2.0 * M_PI)) - eps;
}

typedef struct {
    double (*g)(double, void *);
    void *p;
    double h, c;
} chi_params;

/* g(s) f_ν(s); ln f = ln 2 + c(h) − ln s + h (ln s² − u), u = s² − 1, h = ν/2. */
static double chi_integrand(double s, void *vp) {
    const chi_params *cp = vp;
    if (!(s > 0.0)) return 0.0;
    /* ln s² − u: log1p near s = 1 (where the two terms cancel), 2 ln s away from it (where
     * s² − 1 would lose the low digits of a small s²) */
    double u = s * s - 1.0, ls2 = fabs(u) < 0.5 ? log1p(u) : 2.0 * log(s);
    double lf = M_LN2 + cp->c - log(s) + cp->h * (ls2 - u);
    if (lf < -745.0) return 0.0;
    return cp->g(s, cp->p) * exp(lf);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double qc_quad_chi_mean(double (*g)(double s, void *p), void *p, double df, double mid,
                        double epsabs, double epsrel) {
    if (!(df < 1e12)) return g(1.0, p);
    chi_params cp = {g, p, 0.5 * df, qc_quad_chi_c(0.5 * df)};
    gsl_function f = {chi_integrand, &cp};
    double sigma = 1.0 / sqrt(2.0 * df), lo = 1.0 - 38.0 * sigma, hi = 1.0 + 38.0 * sigma;
    if (lo < 0.0) lo = 0.0;
    /* the density's own scale, and a geometric ladder about mid (g's turn, which for small
     * df may sit far out in the tail, where a wide panel could step over it) */
    double cand[] = {1.0 - 3.0 * sigma, 1.0, 1.0 + 3.0 * sigma, mid};
    double cut[16];
    int n = 0;
    cut[n++] = lo;
    for (size_t i = 0; i < sizeof cand / sizeof *cand; i++)
        if (cand[i] > lo && cand[i] < hi) cut[n++] = cand[i];
    cut[n++] = hi;
    qsort(cut, (size_t)n, sizeof *cut, cmp_double);
    return qc_quad_pieces(&f, cut, n, epsabs, epsrel);
}
