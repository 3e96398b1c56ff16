/* censored.h — statistics of left-censored data (values reported as "< bound"), after Helsel,
 * Statistics for Censored Environmental Data (2nd ed., 2012), and its R tools (NADA, NADA2):
 * Kaplan–Meier on flipped data, robust regression on order statistics (ROS) with Hirsch–
 * Stedinger plotting positions for several detection limits, and the Peto–Prentice generalised
 * Wilcoxon test. Pure numerics on arrays: x[i] is the number, or the bound of a censored value,
 * and cens[i] is non-zero when x[i] is a bound. Right-censored data ("> bound") are handled by
 * the caller through the mirror image −x. Every function returns QC_OK, or QC_EDOM with every
 * output NaN when the statistic is undefined for its input. */
#ifndef QCOMPARE_CENSORED_H
#define QCOMPARE_CENSORED_H

#include <stddef.h>
#include "status.h"

/* ---- Kaplan–Meier (censored.c) ---- */
typedef struct qc_km {
    size_t n, n_censored, n_detected;
    /* The mean of the KM distribution, restricted at the smallest detected value: the
     * probability below it (censored values smaller than every detect) is placed on it, which
     * is survival::survfit's restricted mean on flipped data with the upper limit at the last
     * event (Helsel's KM mean, as NADA2 and EnvStats print it). */
    double mean;
    double se;        /* its standard error (survfit's se(rmean)) × √(m/(m − 1)), m detects
                       * (EnvStats' bias correction, Helsel's NADA2 default) */
    double sd;        /* √(Σ p_i (x_i − mean)²) over the KM distribution (plug-in, as EnvStats
                       * enparCensored and NADA2 report KMsd) */
    double median, q1, q3;  /* survfit's quantiles on flipped data (midpoint where the curve is
                             * flat at the probability); NaN below the smallest detect */
    int restricted;   /* 1 when a censored value lies below the smallest detect */
    double smallest_detect;
} qc_km;
/* Kaplan–Meier estimate of the distribution of n left-censored values (Helsel's flipping:
 * t = M − x turns them right-censored; a censored bound equal to a detect counts as below it).
 * work: 5n doubles; iwork: n size_t. QC_EDOM (NaN) when n is 0, a value is not finite, or no
 * value is detected; mean and sd need 1 detect, se needs 2. O(n log n). */
qc_status qc_stats_km(const double *x, const unsigned char *cens, size_t n, double *work,
                      size_t *iwork, qc_km *out);

/* ---- robust regression on order statistics (censored.c) ---- */
typedef struct qc_ros {
    size_t n, n_censored;
    int lognormal;              /* 1: the fit is of log(x) */
    double intercept, slope;    /* (log) x = intercept + slope · Φ⁻¹(plotting position) */
    double mean, sd;            /* of the detected values and the imputed censored ones */
    double median, q1, q3;      /* type 7 quantiles of the same values (as NADA's quantile) */
} qc_ros;
/* Helsel's robust ROS (NADA's ros): Hirsch–Stedinger plotting positions in the Helsel–Cohn
 * form for multiple detection limits, least-squares fit of the detected values (their logs
 * when lognormal) on the normal scores of their plotting positions, each censored value
 * imputed from the fit at its own plotting position; then the ordinary statistics of the
 * detected and imputed values. modeled (n doubles, may be NULL) receives the values in
 * ascending order of (x, cens) with the imputed ones in place. work: 2n doubles; iwork: n
 * size_t. QC_EDOM when fewer than 3 values are detected, a value is not finite, lognormal
 * with a detected value <= 0, or every detect has the same normal score. O(n log n). */
qc_status qc_stats_ros(const double *x, const unsigned char *cens, size_t n, int lognormal,
                       double *modeled, double *work, size_t *iwork, qc_ros *out);

/* ---- Peto–Prentice generalised Wilcoxon test (survdiff.c) ---- */
typedef struct qc_peto_prentice {
    double chi_square, df, p_value;
    double observed, expected;  /* sample 1's weighted detects and their expectation on the
                                 * flipped scale: observed > expected means sample 1 tends to
                                 * the larger values */
    double variance;
} qc_peto_prentice;
/* Two-sample test of left-censored samples 1 and 2 with weights S(t−)^rho, S the pooled
 * Kaplan–Meier on the flipped scale: rho = 1 is the Peto–Prentice (Peto & Peto) test, R
 * survival::survdiff(Surv(M − x, !cens) ~ g, rho = 1); rho = 0 the log-rank test. work: 2(n1 +
 * n2) doubles; iwork: n1 + n2 size_t. QC_EDOM when a sample is empty, a value is not finite,
 * or nothing is detected (no event, zero variance). */
qc_status qc_stats_peto_prentice(const double *x1, const unsigned char *c1, size_t n1,
                                 const double *x2, const unsigned char *c2, size_t n2,
                                 double rho, double *work, size_t *iwork,
                                 qc_peto_prentice *out);

#endif
