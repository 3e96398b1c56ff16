/* stats.h — pure numerics on arrays of doubles (DESIGN §5). No I/O, no JSON, no allocation
 * unless a work array is asked for. Arrays are (x, stride, n) as in GSL. Every function returns
 * QC_OK, or QC_EDOM when the statistic is undefined for its input (outputs then NaN). */
#ifndef QCOMPARE_STATS_H
#define QCOMPARE_STATS_H

#include <stddef.h>
#include "status.h"

/* Turns GSL's abort-on-error handler off (idempotent; the library calls it on first use). */
void qc_stats_init(void);

/* ---- descriptive (describe.c) ---- */
typedef struct qc_describe {
    size_t n;
    double mean, sd, var, cv;  /* sd, var with n-1; cv = sd/|mean| (NaN when mean == 0) */
    double min, max;
    double median, q1, q3;     /* Hyndman–Fan type 7 (R's default) */
} qc_describe;

/* Mean and sd accurate to the digits of DESIGN §8 (NIST StRD univariate). */
double qc_stats_mean(const double *x, size_t stride, size_t n);
double qc_stats_sd(const double *x, size_t stride, size_t n, double mean);
/* Type-7 quantile of data already sorted ascending; 0 <= p <= 1. */
double qc_stats_quantile_sorted(const double *sorted, size_t stride, size_t n, double p);
/* Its two steps, for callers that find the order statistics another way: the 0-based
 * positions ilo <= ihi of the two order statistics the type-7 quantile at p of n >= 1 values
 * interpolates, and the weight h of the upper one (returned); then the quantile itself from
 * those two values, exactly as qc_stats_quantile_sorted computes it. */
double qc_stats_quantile_position(size_t n, double p, size_t *ilo, size_t *ihi);
double qc_stats_quantile_interpolate(double xlo, double xhi, double h);
/* Sorts x (n values, contiguous) ascending; returns at once when it already is. */
void qc_stats_sort(double *x, size_t n);
/* Copies x (n values, stride) into work, sorted; 0 when a value is not finite. */
int qc_stats_sorted_copy(const double *x, size_t stride, size_t n, double *work);

/* Fills out. work must hold n doubles (it receives the sorted copy). n == 0 → QC_EDOM;
 * n == 1 → sd, var, cv NaN and QC_OK. */
qc_status qc_stats_describe(const double *x, size_t stride, size_t n, double *work,
                            qc_describe *out);
/* The same when sorted already holds x's n values sorted ascending (the copy an earlier
 * qc_stats_describe of the same values left in its work): no copy and no sort. */
qc_status qc_stats_describe_sorted(const double *x, size_t stride, size_t n,
                                   const double *sorted, qc_describe *out);

/* ---- intervals (interval.c) ---- */
/* t-based CI of the mean at level conf (0 < conf < 1); needs n >= 2. */
qc_status qc_stats_mean_ci(double mean, double sd, size_t n, double conf, double *lo, double *hi);
/* Clopper–Pearson exact CI of x successes in n trials (n >= 1; 0/n and n/n handled). */
qc_status qc_stats_prop_ci_clopper_pearson(size_t x, size_t n, double conf, double *lo,
                                           double *hi);
/* Wilson score CI, with continuity correction when cc != 0 (as R prop.test). */
qc_status qc_stats_prop_ci_wilson(size_t x, size_t n, double conf, int cc, double *lo,
                                  double *hi);

/* ---- two samples (ttest.c) ---- */
typedef struct qc_ttest {
    double difference;   /* mean1 - mean2 */
    double se;           /* standard error of the difference */
    double t, df, p_value;  /* two-sided */
    double ci_lo, ci_hi;    /* CI of the difference at level conf */
} qc_ttest;

/* Welch's unequal-variance t test from summaries (as R t.test(x1, x2)); needs n1, n2 >= 2 and
 * not both sd zero. */
qc_status qc_stats_ttest_welch(size_t n1, double mean1, double sd1, size_t n2, double mean2,
                               double sd2, double conf, qc_ttest *out);
/* Student's pooled-variance t test (as R t.test(x1, x2, var.equal = TRUE)). */
qc_status qc_stats_ttest_student(size_t n1, double mean1, double sd1, size_t n2, double mean2,
                                 double sd2, double conf, qc_ttest *out);
/* One-sided p of a t statistic with df degrees of freedom: P(T >= t) when upper != 0, else
 * P(T <= t). */
double qc_stats_t_p_one_sided(double t, double df, int upper);

/* Fisher's exact test of the 2 × 2 table [[a, b], [c, d]], two-sided as R fisher.test (the
 * tables no more likely than the observed one, relative tolerance 1e-7) (fisher.c). QC_EDOM
 * (NaN) for an empty table. */
qc_status qc_stats_fisher_2x2(size_t a, size_t b, size_t c, size_t d, double *p_value);

/* ---- multiple testing (padjust.c) ---- */
typedef enum { QC_PADJ_NONE = 0, QC_PADJ_HOLM, QC_PADJ_BH } qc_padjust_method;
/* Adjusted p-values as R p.adjust(p, "holm"|"BH"|"none"). NaN entries are left NaN and not
 * counted (as R p.adjust on the non-NA values). work must hold n size_t. */
qc_status qc_stats_p_adjust(const double *p, size_t n, qc_padjust_method method, double *out,
                            size_t *work);

/* ==== GROUPS: two-group and several-group tests (ranks.c, equivalence.c, dispersion.c,
 * anova.c, power.c) ==== */

/* Several-group layout: x holds the k groups one after another (sizes[0] values of group 1, then
 * sizes[1] of group 2, …), read with stride; N = Σ sizes. Every group must be non-empty. */

/* ---- effect size and equivalence of two means (equivalence.c) ---- */
typedef struct qc_hedges_g {
    double d;            /* Cohen's d = (mean1 − mean2)/sp, sp² = ((n1−1)sd1² + (n2−1)sd2²)/df */
    double j;            /* exact correction J(df) = Γ(df/2)/(√(df/2)·Γ((df−1)/2)), df = n1+n2−2 */
    double g;            /* Hedges g = J·d */
    double se;           /* √((n1+n2)/(n1·n2) + g²/(2(n1+n2))) (Hedges & Olkin 1985) */
    double ci_lo, ci_hi; /* normal approximation g ± z(1 − α/2)·se at level conf */
} qc_hedges_g;
/* Hedges g of sample 1 (subject) against sample 2 from summaries. QC_EDOM (all NaN) when n1 or
 * n2 < 2, a mean or sd is not finite, an sd is negative, sp is 0, or conf is outside (0, 1). */
qc_status qc_stats_hedges_g(size_t n1, double mean1, double sd1, size_t n2, double mean2,
                            double sd2, double conf, qc_hedges_g *out);

typedef struct qc_tost {
    double difference, se, df; /* mean1 − mean2, Welch se and df (as qc_stats_ttest_welch) */
    double t_lower, p_lower;   /* H0 difference <= −margin: t = (difference + margin)/se,
                                * p = P(T >= t) (R t.test(mu = −margin, "greater")) */
    double t_upper, p_upper;   /* H0 difference >= +margin: t = (difference − margin)/se,
                                * p = P(T <= t) (R t.test(mu = +margin, "less")) */
    double p_value;            /* max(p_lower, p_upper): equivalent at level α when < α */
} qc_tost;
/* Two one-sided Welch t tests (TOST) of |mean1 − mean2| < margin; margin is absolute (the
 * caller passes equivalence_margin × |reference mean|) and must be finite and > 0. QC_EDOM (all
 * NaN) for the inputs qc_stats_ttest_welch refuses or a bad margin. */
qc_status qc_stats_tost_welch(size_t n1, double mean1, double sd1, size_t n2, double mean2,
                              double sd2, double margin, qc_tost *out);

/* ---- rank tests (ranks.c) ---- */
typedef enum {
    QC_MW_AUTO = 0,  /* R's default: exact when nx < 50, ny < 50 and no ties, else normal with
                      * tie and continuity correction */
    QC_MW_NORMAL_CC, /* always normal, with continuity correction (R exact = FALSE) */
    QC_MW_NORMAL     /* always normal, no continuity correction (exact = FALSE, correct = FALSE) */
} qc_mw_method;

typedef struct qc_mann_whitney {
    double u;         /* R's W = rank sum of x − nx(nx+1)/2 (midranks for ties) */
    double z;         /* two-sided normal statistic (continuity-corrected toward 0 as R);
                       * NaN when exact */
    double p_value;   /* two-sided, as R wilcox.test(x, y) */
    double p_less;    /* alternative "less": x tends to be smaller than y */
    double p_greater; /* alternative "greater": x tends to be larger than y */
    int exact;        /* 1 when the p-values come from the exact distribution */
    int ties;         /* 1 when the pooled sample has ties */
} qc_mann_whitney;
/* Mann–Whitney (Wilcoxon rank-sum) test of x (subject) against y, as R wilcox.test(x, y,
 * exact, correct). work: nx + ny doubles; iwork: nx + ny size_t. The exact distribution table
 * is allocated ((min(nx,ny)+1)·(nx·ny+1) doubles, at most ~1 MB) and freed: QC_ENOMEM if that
 * fails. QC_EDOM (all NaN) when nx or ny is 0, a value is NaN or ±Inf, or all values are tied. */
qc_status qc_stats_mann_whitney(const double *x, size_t xstride, size_t nx, const double *y,
                                size_t ystride, size_t ny, qc_mw_method method, double *work,
                                size_t *iwork, qc_mann_whitney *out);

typedef struct qc_kruskal {
    double h, df, p_value; /* tie-corrected H, k − 1, upper χ² tail (R kruskal.test) */
} qc_kruskal;
/* Kruskal–Wallis test of k >= 2 groups (layout above), as R kruskal.test. work: N doubles;
 * iwork: N size_t. QC_EDOM (all NaN) when k < 2, a group is empty, a value is NaN or ±Inf, or
 * all values are tied. */
qc_status qc_stats_kruskal_wallis(const double *x, size_t stride, const size_t *sizes, size_t k,
                                  double *work, size_t *iwork, qc_kruskal *out);

/* ---- one-way analysis of variance (anova.c) ---- */
typedef struct qc_anova {
    double ss_between, ss_within;   /* about the group means and the grand mean */
    double df_between, df_within;   /* k − 1, N − k */
    double ms_between, ms_within;
    double f, p_value;              /* F = MSB/MSW, upper F tail */
    double r_squared;               /* SSB/(SSB + SSW) */
} qc_anova;
/* Classical one-way ANOVA (R anova(lm(y ~ g)), oneway.test(var.equal = TRUE)). Sums of squares
 * by two passes about a shift, to the digits of DESIGN §8 on NIST StRD. QC_EDOM (all NaN) when
 * k < 2, a group is empty, N <= k, a value is not finite, or SSW is 0. */
qc_status qc_stats_anova_oneway(const double *x, size_t stride, const size_t *sizes, size_t k,
                                qc_anova *out);

typedef struct qc_welch_anova {
    double f, df1, df2, p_value; /* R oneway.test(var.equal = FALSE) */
} qc_welch_anova;
/* Welch's heteroscedastic one-way ANOVA. QC_EDOM (all NaN) when k < 2, a group has fewer than
 * 2 values or zero variance, or a value is not finite. */
qc_status qc_stats_anova_welch(const double *x, size_t stride, const size_t *sizes, size_t k,
                               qc_welch_anova *out);

/* ---- dispersion (dispersion.c) ---- */
typedef struct qc_var_test {
    double f, df1, df2;  /* F = sd1²/sd2², n1 − 1, n2 − 1 */
    double p_value;      /* two-sided 2·min(P(F' <= F), P(F' >= F)) */
    double ci_lo, ci_hi; /* CI of the variance ratio at level conf (R var.test) */
} qc_var_test;
/* F test of equal variances from summaries, as R var.test(x, y); one zero sd gives R's F = 0
 * or +Inf with p = 0. QC_EDOM (all NaN) when n1 or n2 < 2, an sd is not finite or negative,
 * both are 0, or conf is outside (0, 1). */
qc_status qc_stats_var_test(size_t n1, double sd1, size_t n2, double sd2, double conf,
                            qc_var_test *out);

/* Ratio of coefficients of variation (sd1/|mean1|)/(sd2/|mean2|). QC_EDOM (NaN) when a mean is
 * 0 or an input is not finite, an sd is negative, or sd2 is 0. */
qc_status qc_stats_cv_ratio(double mean1, double sd1, double mean2, double sd2, double *ratio);

typedef struct qc_levene {
    double f, df1, df2, p_value; /* ANOVA F of |x − group median| (R car::leveneTest default) */
} qc_levene;
/* Brown–Forsythe test (Levene's test about the group medians) of k groups (layout above).
 * work: N doubles. QC_EDOM (all NaN) as qc_stats_anova_oneway on the absolute deviations. */
qc_status qc_stats_brown_forsythe(const double *x, size_t stride, const size_t *sizes, size_t k,
                                  double *work, qc_levene *out);
/* The same for two samples x and y; work: nx + ny doubles. */
qc_status qc_stats_brown_forsythe2(const double *x, size_t xstride, size_t nx, const double *y,
                                   size_t ystride, size_t ny, double *work, qc_levene *out);

/* ---- power (power.c) ---- */
/* Non-central t distribution with df > 0 degrees of freedom and non-centrality ncp (both
 * finite): *p = P(T <= t) when upper == 0, else P(T >= t), each tail computed directly, by
 * adaptive quadrature over the χ distribution of the denominator (absolute error < 1e-12, and
 * small tails keep their relative precision).
 * QC_EDOM (NaN) on bad arguments, QC_ENOMEM when the quadrature workspace cannot be had. */
qc_status qc_stats_nct_p(double t, double df, double ncp, int upper, double *p);
/* Minimum difference of means detectable with the given power by a two-sided two-sample t
 * test at level alpha with n1, n2 values and a common sd: the delta solving
 * P(T'(df, ncp) >= t(1 − alpha/2; df)) = power with df = n1 + n2 − 2 and
 * ncp = delta/(sd·√(1/n1 + 1/n2)) (the pooled t test; R power.t.test(n, sd, sig.level = alpha,
 * power)$delta when n1 == n2 == n, where the opposite tail is likewise ignored).
 * QC_EDOM (NaN) when n1 or n2 < 2, sd is not finite or <= 0, alpha is outside (0, 1), or power
 * is outside (alpha/2, 1); QC_ENOMEM as qc_stats_nct_p. */
qc_status qc_stats_power_mdd(size_t n1, size_t n2, double sd, double alpha, double power,
                             double *delta);

/* ==== SHAPE: normality, outliers, robust statistics, capability, tolerance intervals
 * (normality.c, outliers.c, robust.c, capability.c, tolerance.c) ==== */
/* In this section x must be finite: NaN or ±Inf in x gives QC_EDOM with NaN outputs. A work
 * argument must hold n doubles; it receives a sorted copy of x. */

/* ---- robust location and scale (robust.c) ---- */
#define QC_MAD_NORMAL 1.4826 /* R's mad() default: MAD × 1.4826 estimates σ at the normal */
/* Interquartile range q3 − q1 with type-7 quantiles (R's IQR). n == 0 → QC_EDOM. */
qc_status qc_stats_iqr(const double *x, size_t stride, size_t n, double *work, double *iqr);
/* constant × median|x − median(x)| (R's mad(x, constant = constant)); constant finite and
 * >= 0. n == 0 → QC_EDOM; n == 1 → 0. */
qc_status qc_stats_mad(const double *x, size_t stride, size_t n, double constant, double *work,
                       double *mad);

/* ISO 13528 Algorithm A (DESIGN §5): start x* = median, s* = 1.483·MAD; repeat δ = 1.5 s*,
 * winsorise x to [x* − δ, x* + δ], x* = mean, s* = 1.134·sd (n−1) of the winsorised values,
 * until |Δx*| <= 1e-12·max(|x*|, s*) and |Δs*| <= 1e-12·s*. iterations counts the winsorise-
 * and-update steps (>= 1). QC_EDOM when n < 2, MAD == 0, or no convergence in 1000 steps. */
typedef struct qc_algorithm_a {
    double x_star, s_star;
    unsigned iterations;
} qc_algorithm_a;
qc_status qc_stats_algorithm_a(const double *x, size_t stride, size_t n, double *work,
                               qc_algorithm_a *out);

/* ---- normality (normality.c) ---- */
/* Anderson–Darling test of normality with mean and sd (n−1) estimated, as R nortest::ad.test:
 * a2 = A², a2_adjusted = A²(1 + 0.75/n + 2.25/n²) (Stephens), p_value from Stephens'
 * piecewise formula on a2_adjusted (3.7e-24 when a2_adjusted >= 10). n < 8 or sd == 0 →
 * QC_EDOM. */
typedef struct qc_anderson_darling {
    double a2, a2_adjusted, p_value;
} qc_anderson_darling;
qc_status qc_stats_anderson_darling(const double *x, size_t stride, size_t n, double *work,
                                    qc_anderson_darling *out);
/* Shapiro–Wilk W and its p by Royston's algorithm AS R94 (1995), as R shapiro.test: exact p for
 * n == 3, Royston's normalising transformations for 4 <= n <= 5000. n < 3, n > 5000 or all
 * values equal → QC_EDOM; QC_ENOMEM (NaN) when the weights for n cannot be allocated (they are
 * computed once per n and remembered). */
qc_status qc_stats_shapiro_wilk(const double *x, size_t stride, size_t n, double *work,
                                double *w, double *p_value);

/* ---- outliers (outliers.c) ---- */
/* Grubbs' two-sided test for one outlier. The suspect is the lowest value when
 * max − mean < mean − min, else the highest (as R outliers::grubbs.test); index is its
 * 0-based position in x (first occurrence). g = |suspect − mean|/sd (n−1);
 * t = √(g²n(n−2)/((n−1)² − n g²)); p_value = min(1, 2n·P(T_{n−2} > t)). n < 3 or sd == 0 →
 * QC_EDOM (index then SIZE_MAX). */
typedef struct qc_grubbs {
    double g, t, p_value;
    double value;  /* the suspect */
    size_t index;
} qc_grubbs;
qc_status qc_stats_grubbs(const double *x, size_t stride, size_t n, qc_grubbs *out);
/* The same with mean and sd given: they must be qc_stats_mean and qc_stats_sd of x (as
 * qc_stats_describe of the same values in the same order reports them), so the answer is. */
qc_status qc_stats_grubbs_m(const double *x, size_t stride, size_t n, double mean, double sd,
                            qc_grubbs *out);
/* Robust z-scores z[i] = (x[i] − median)/(1.4826·MAD), z contiguous (n doubles). MAD == 0 or
 * n == 0 → QC_EDOM (z all NaN). */
qc_status qc_stats_robust_z(const double *x, size_t stride, size_t n, double *work, double *z);

/* ---- capability (capability.c) ---- */
/* d2(m) = E(range of m standard normals), by numerical integration, 2 <= m <= 25 (else NaN). */
double qc_stats_d2(size_t m);
/* c4(m) = E(s)/σ = √(2/(m−1))·Γ(m/2)/Γ((m−1)/2), m >= 2 (else NaN). */
double qc_stats_c4(size_t m);

typedef enum {
    QC_SIGMA_POOLED = 0,  /* √(Σ(n_i − 1)s_i² / Σ(n_i − 1)); subgroups of 1 add nothing */
    QC_SIGMA_RBAR,        /* mean of R_i/d2(n_i) (R̄/d2 for equal sizes); 2 <= n_i <= 25 */
    QC_SIGMA_SBAR         /* mean of s_i/c4(n_i) (s̄/c4 for equal sizes); n_i >= 2 */
} qc_sigma_method;
/* Within-subgroup σ from k subgroups stored back to back in x (subgroup j has sizes[j]
 * values). QC_EDOM when k == 0, a size is out of range for the method, or σ == 0. */
qc_status qc_stats_sigma_within(const double *x, size_t stride, const size_t *sizes, size_t k,
                                qc_sigma_method method, double *sigma);

typedef struct qc_spec {
    double lsl, usl, target;  /* NaN when absent; at least one limit */
} qc_spec;
typedef enum { QC_BASIS_OVERALL = 0, QC_BASIS_WITHIN } qc_sigma_basis;
typedef struct qc_index_ci {
    double value, lo, hi;
} qc_index_ci;
/* With basis OVERALL (σ = sd of x, n−1) the indices are Pp, Ppl, Ppu, Ppk, Ppm in AIAG names;
 * with WITHIN (σ given by the caller) Cp, Cpl, Cpu, Cpk, Cpm. NaN where not defined. */
typedef struct qc_capability {
    qc_sigma_basis basis;
    size_t n;
    double mean, sigma;
    qc_index_ci cp, cpl, cpu, cpk, cpm;
    double exp_ppm_below, exp_ppm_above, exp_ppm_total;  /* normal model, mean and σ */
    double obs_ppm_below, obs_ppm_above, obs_ppm_total;  /* x < lsl, x > usl */
} qc_capability;
/* Capability of x against spec at confidence conf (capability.c documents every formula).
 * sigma_within is used only with basis WITHIN. QC_EDOM when n < 2, no limit, lsl >= usl,
 * σ not finite or <= 0, or conf outside (0, 1). */
qc_status qc_stats_capability(const double *x, size_t stride, size_t n, const qc_spec *spec,
                              qc_sigma_basis basis, double sigma_within, double conf,
                              qc_capability *out);

/* ---- tolerance intervals (tolerance.c) ---- */
/* Non-central t with df > 0 degrees of freedom and non-centrality ncp: lower-tail P(T <= t)
 * and its quantile (0 < p < 1), by numerical integration over the chi distribution. */
qc_status qc_stats_nct_cdf(double t, double df, double ncp, double *p);
qc_status qc_stats_nct_quantile(double p, double df, double ncp, double *t);
/* Normal tolerance factors for a fraction coverage of the population at confidence conf,
 * n >= 2: two-sided by Howe's method, one-sided exact (non-central t). */
qc_status qc_stats_tolerance_k2_howe(size_t n, double coverage, double conf, double *k);
qc_status qc_stats_tolerance_k1_exact(size_t n, double coverage, double conf, double *k);
/* mean ± k·sd with k2 (two_sided != 0) or k1 (then lo and hi are the one-sided bounds). */
qc_status qc_stats_tolerance_interval(double mean, double sd, size_t n, double coverage,
                                      double conf, int two_sided, double *lo, double *hi);

#endif
