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
/* Fills out. work must hold n doubles (it receives the sorted copy). n == 0 → QC_EDOM;
 * n == 1 → sd, var, cv NaN and QC_OK. */
qc_status qc_stats_describe(const double *x, size_t stride, size_t n, double *work,
                            qc_describe *out);

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

/* ---- multiple testing (padjust.c) ---- */
typedef enum { QC_PADJ_NONE = 0, QC_PADJ_HOLM, QC_PADJ_BH } qc_padjust_method;
/* Adjusted p-values as R p.adjust(p, "holm"|"BH"|"none"). NaN entries are left NaN and not
 * counted (as R p.adjust on the non-NA values). work must hold n size_t. */
qc_status qc_stats_p_adjust(const double *p, size_t n, qc_padjust_method method, double *out,
                            size_t *work);

/* ==== GROUPS: two-group and several-group tests (ranks.c, equivalence.c, dispersion.c,
 * anova.c, power.c) ==== */

/* ==== SHAPE: normality, outliers, robust statistics, capability, tolerance intervals
 * (normality.c, outliers.c, robust.c, capability.c, tolerance.c) ==== */

#endif
