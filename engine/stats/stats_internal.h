/* stats_internal.h — what the files of engine/stats share but do not export: the layout check
 * of k groups stored back to back (anova.c, posthoc.c), and the quadrature shared by the
 * distributions of the multiple-comparison files
 * (srange.c: studentised range; dunnett.c: the maximum of correlated |t|), not part of the
 * public API. Both are expectations over S = √(χ²_ν/ν), the scale of a t-type statistic,
 *
 *   E[g(S)] = ∫₀^∞ g(s) f_ν(s) ds,   f_ν(s) = 2 (ν/2)^(ν/2)/Γ(ν/2) · s^(ν−1) e^(−ν s²/2),
 *
 * of an inner integral g that is itself one-dimensional and smooth. dunnett.c uses GSL's
 * non-adaptive Gauss–Kronrod–Patterson rule (QNG: 21, 43, then 87 points) on pieces cut where
 * the integrand turns, a piece bisected when QNG misses its tolerance: on these analytic
 * integrands QNG's error estimate (the 21-point rule against the 43-point one) is pessimistic
 * by orders of magnitude, so a few dozen points per piece give 1e-14 (srange.c has its own
 * trapezoid rules, and shares the density's constant). Nothing is allocated. */
#ifndef QC_STATS_INTERNAL_H
#define QC_STATS_INTERNAL_H

#include <gsl/gsl_integration.h>

/* The layout of k groups stored back to back in x (stride): k >= 2, x and sizes given, every
 * group non-empty, every value finite; *total gets N (anova.c, shared with posthoc.c). */
int qc_groups_layout_ok(const double *x, size_t stride, const size_t *sizes, size_t k,
                        size_t *total);

/* ∫ f from cut[0] to cut[n−1] (ascending; empty pieces skipped), each piece to
 * max(epsabs·share, epsrel·|piece|), share its fraction of the whole width, bisected at most
 * 12 times. */
double qc_quad_pieces(const gsl_function *f, const double *cut, int n, double epsabs,
                      double epsrel);

/* E[g(S)] for S = √(χ²_ν/ν), df = ν >= 1 (ν above 1e12: g(1)). The density is written about
 * s = 1 (no cancellation between terms of size ν log ν); the range is 1 ± 38/√(2ν) (from 0
 * when that is negative: the mass outside is below e^−700 of the peak), cut at 1 and 1 ± 3σ
 * (σ = 1/√(2ν)) and at mid (where g turns), where they fall inside. */
/* c(h) = h ln h − h − lnΓ(h), h = ν/2: ln f_ν(s) = ln 2 + c(h) − ln s + h (ln s² − (s² − 1)). */
double qc_quad_chi_c(double h);

double qc_quad_chi_mean(double (*g)(double s, void *p), void *p, double df, double mid,
                        double epsabs, double epsrel);

#endif
