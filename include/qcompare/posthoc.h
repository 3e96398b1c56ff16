/* posthoc.h — multiple comparisons of group means (DESIGN §5 "several groups"; §9 "several
 * subjects"): the studentised range distribution (srange.c), Tukey's HSD and the Games–Howell
 * test for every pair of a factor's levels (posthoc.c), and Dunnett's many-to-one test with
 * its simultaneous intervals (dunnett.c). Part of the stats module: arrays in, structs out, no
 * I/O; QC_EDOM (outputs NaN) when a statistic is undefined for its input. Groups use the
 * several-group layout of stats.h: x holds the k groups one after another, sizes[g] values
 * each. */
#ifndef QCOMPARE_POSTHOC_H
#define QCOMPARE_POSTHOC_H

#include <stddef.h>
#include "stats.h"

/* ---- studentised range (srange.c) ---- */
/* Q = R/S, R the range of k >= 2 independent standard normals, S = √(χ²_df/df) independent,
 * df >= 1 (+Inf: the normal range). *p = P(Q <= q) when upper == 0, else P(Q > q), each tail
 * integrated directly (absolute error below 1e-12; a small upper tail keeps its relative
 * precision): R's ptukey(q, k, df, lower.tail = !upper). QC_EDOM (NaN) when k < 2 or not
 * finite, df < 1 or NaN, q NaN. */
qc_status qc_stats_ptukey(double q, double k, double df, int upper, double *p);
/* The q with P(Q <= q) = p, 0 < p < 1 (R's qtukey(p, k, df), which stops at 4 decimals;
 * this one is solved to 4 ulp of q on the CDF above). QC_ENOMEM when GSL's root solver cannot
 * be allocated. */
qc_status qc_stats_qtukey(double p, double k, double df, double *q);

/* ---- all pairs of k groups (posthoc.c) ---- */
/* One pair (a, b) of groups, a > b in the layout's order (R's "a-b" row names):
 * difference = mean_a − mean_b, its standard error, the statistic, the degrees of freedom,
 * the simultaneous interval at level conf and the adjusted two-sided p-value. */
typedef struct qc_pairwise {
    size_t a, b;
    double difference, se, statistic, df;
    double ci_lo, ci_hi, p_value;
} qc_pairwise;

/* k(k−1)/2 pairs, written in R's order: (1,0), (2,0), …, (k−1,0), (2,1), …, (k−1,k−2). */
#define QC_NPAIRS(k) ((k) * ((k) - 1) / 2)

/* Tukey's honestly significant difference (Tukey–Kramer for unequal sizes), as R
 * TukeyHSD(aov(y ~ g), conf.level = conf): MSE the one-way ANOVA's residual mean square,
 * df = N − k, se = √(MSE/2 · (1/n_a + 1/n_b)), statistic q = |difference|/se, p = P(Q > q)
 * for k means, interval difference ± qtukey(conf, k, df)·se. out: QC_NPAIRS(k) entries.
 * QC_EDOM (NaN entries) when k < 2, a group is empty, N <= k, a value is not finite or MSE is
 * 0; QC_ENOMEM from qc_stats_qtukey. */
qc_status qc_stats_tukey_hsd(const double *x, size_t stride, const size_t *sizes, size_t k,
                             double conf, qc_pairwise *out);

/* Games–Howell (unequal variances): per pair se = √(s_a²/n_a + s_b²/n_b), Welch df,
 * statistic t = difference/se, p = P(Q > √2·|t|) for k means at that df, interval
 * difference ± qtukey(conf, k, df)/√2 · se (Games & Howell 1976; the formula of R's
 * rstatix::games_howell_test). A pair whose groups have fewer than 2 values or no variance at
 * all gets NaN entries (QC_EDOM returned when any pair does). */
qc_status qc_stats_games_howell(const double *x, size_t stride, const size_t *sizes, size_t k,
                                double conf, qc_pairwise *out);

/* ---- many to one (dunnett.c) ---- */
/* The maximum of |T_1|, …, |T_m| for a central multivariate t with df degrees of freedom and
 * correlations ρ_ij = λ_i λ_j (0 <= λ_i < 1), the structure of m treatments compared with one
 * control (λ_i = √(n_i/(n_i + n_0))): with Z_i = λ_i Z_0 + √(1 − λ_i²) ε_i,
 *   P(max|T_i| <= c) = E_S ∫ φ(z) Π_i [Φ((cS − λ_i z)/σ_i) − Φ((−cS − λ_i z)/σ_i)] dz,
 * σ_i = √(1 − λ_i²): a one-dimensional integral inside the expectation over S (exact, no
 * Monte Carlo). *p = P(max <= c) when upper == 0, else P(max > c) (integrated directly), to
 * better than 1e-10 absolute. df >= 1 (+Inf: normal). QC_EDOM (NaN) on bad arguments. */
qc_status qc_stats_pmaxt(double c, const double *lambda, size_t m, double df, int upper,
                         double *p);
/* The c with P(max <= c) = p (two-sided simultaneous critical value), 0 < p < 1. */
qc_status qc_stats_qmaxt(double p, const double *lambda, size_t m, double df, double *c);

/* Dunnett's two-sided many-to-one comparison of groups 1 … k−1 (treatments) with group 0
 * (the control), as R multcomp::glht(lm(y ~ g), mcp(g = "Dunnett")) with the single-step
 * adjustment and confint(): pooled variance of all k groups (MSE, df = N − k),
 * se_i = √(MSE (1/n_i + 1/n_0)), t_i = (mean_i − mean_0)/se_i, p_i = P(max|T| > |t_i|), and
 * the simultaneous interval (mean_i − mean_0) ± c·se_i with c = qmaxt(conf). out: k − 1
 * entries (a = i, b = 0; statistic = t_i). QC_EDOM as qc_stats_tukey_hsd; QC_ENOMEM as
 * qc_stats_qtukey. */
qc_status qc_stats_dunnett(const double *x, size_t stride, const size_t *sizes, size_t k,
                           double conf, qc_pairwise *out);

#endif
