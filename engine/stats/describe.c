/* describe.c — descriptive statistics of one column of doubles (DESIGN §5, §8).
 *
 * Owns qc_stats_init (GSL's error handler) and the descriptive part of stats.h: mean, sd (n−1),
 * type-7 quantiles and the qc_describe summary. Pure numerics: no I/O, no allocation (the
 * caller passes the work array), no qc_error. Arrays are (x, stride, n) as in GSL.
 *
 * Accuracy (DESIGN §8). GSL's running mean (gsl_stats_mean) and its two-pass variance about a
 * given mean (gsl_stats_sd_m) already reach the digits binary64 inputs allow on NIST StRD
 * univariate, so we use them rather than a hand-written compensated sum. LRE measured by
 * tests/unit/test_stats.c (mean / sd, capped at 15): PiDigits 15/15, Lottery 15/15, Lew 15/15,
 * Mavro 15/13.12, Michelso 15/13.85, NumAcc1 15/15, NumAcc2 15/15, NumAcc3 15/9.46, NumAcc4
 * 15/8.25. The sd digits on Mavro, Michelso and NumAcc3–4 are the limit set by rounding the
 * decimal data to binary64: a binary128 two-pass computation on the same doubles reaches the
 * same digits, so a compensated (Neumaier/Kahan) sum has nothing to gain (on synthetic sets of
 * up to 10^7 values GSL also agreed with binary128 to about 1e-16). The test enforces the §8
 * floors (13; 9 on NumAcc3; 8 on NumAcc4). */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "qcompare/stats.h"

#if !defined(__STDC_NO_THREADS__)
#include <threads.h>
#endif

static void stats_init_once(void) {
    gsl_set_error_handler_off();
}

/* Turns GSL's abort-on-error handler off, once per process; GSL functions then return NaN or an
 * error code instead of aborting. Safe to call from several threads and any number of times:
 * every function of this module that calls into GSL's error-reporting code calls it first. */
void qc_stats_init(void) {
#if !defined(__STDC_NO_THREADS__)
    static once_flag once = ONCE_FLAG_INIT;
    call_once(&once, stats_init_once);
#else
    static volatile int done = 0;
    if (!done) {
        stats_init_once();
        done = 1;
    }
#endif
}

/* Arithmetic mean of n values; NaN when n == 0. NaN in x propagates. */
double qc_stats_mean(const double *x, size_t stride, size_t n) {
    if (n == 0) return NAN;
    return gsl_stats_mean(x, stride, n);
}

/* Sample standard deviation (divisor n−1) about the given mean, which should be
 * qc_stats_mean(x, stride, n); NaN when n < 2 or mean is not finite. */
double qc_stats_sd(const double *x, size_t stride, size_t n, double mean) {
    if (n < 2 || !isfinite(mean)) return NAN;
    return gsl_stats_sd_m(x, stride, n, mean);
}

/* Hyndman–Fan type-7 quantile (R's default) of sorted[0..n) ascending at probability p.
 * NaN when n == 0 or p is outside [0, 1] or NaN.
 *
 * Written out rather than calling gsl_stats_quantile_from_sorted_data (same definition) so that
 * it follows R's quantile.default step for step: index = 1 + (n−1)p, lo = floor(index),
 * h = index − lo, and interpolation (1−h)·x[lo] + h·x[hi] only when h > 0 and x[hi] != x[lo].
 * The guard returns tied values exactly (GSL's (1−h)a + h·a can be off by one ulp) and keeps
 * ±Inf data from producing Inf·0 = NaN; the R oracle (tests/oracles/r/quantile.R) then agrees
 * to the last bit. */
double qc_stats_quantile_position(size_t n, double p, size_t *ilo, size_t *ihi) {
    double index = 1.0 + (double)(n - 1) * p;  /* 1-based, as in R */
    double lo = floor(index);
    *ilo = (size_t)lo - 1;
    if (*ilo >= n) *ilo = n - 1;                /* cannot happen for p <= 1; defensive */
    *ihi = (size_t)ceil(index) - 1;
    if (*ihi >= n) *ihi = n - 1;
    return index - lo;
}

double qc_stats_quantile_interpolate(double xlo, double xhi, double h) {
    return h > 0.0 && xhi != xlo ? (1.0 - h) * xlo + h * xhi : xlo;
}

double qc_stats_quantile_sorted(const double *sorted, size_t stride, size_t n, double p) {
    if (n == 0 || !(p >= 0.0 && p <= 1.0)) return NAN;
    size_t ilo, ihi;
    double h = qc_stats_quantile_position(n, p, &ilo, &ihi);
    return qc_stats_quantile_interpolate(sorted[ilo * stride], sorted[ihi * stride], h);
}

static void describe_nan(qc_describe *out, size_t n) {
    out->n = n;
    out->mean = out->sd = out->var = out->cv = NAN;
    out->min = out->max = NAN;
    out->median = out->q1 = out->q3 = NAN;
}

/* The summary of x from its values in order (mean, var, sd, cv) and sorted (the rest). */
static void summary(const double *x, size_t stride, size_t n, const double *sorted,
                    qc_describe *out) {
    out->mean = qc_stats_mean(x, stride, n);
    if (n >= 2 && isfinite(out->mean)) {
        /* One pass: gsl_stats_sd_m (qc_stats_sd) is sqrt(gsl_stats_variance_m), so sd here is
         * bit-identical to qc_stats_sd and var is not a squared square root. */
        out->var = gsl_stats_variance_m(x, stride, n, out->mean);
        out->sd = sqrt(out->var);
    }
    out->cv = (out->mean == 0.0) ? NAN : out->sd / fabs(out->mean);
    out->min = sorted[0];
    out->max = sorted[n - 1];
    out->median = qc_stats_quantile_sorted(sorted, 1, n, 0.5);
    out->q1 = qc_stats_quantile_sorted(sorted, 1, n, 0.25);
    out->q3 = qc_stats_quantile_sorted(sorted, 1, n, 0.75);
}

/* Fills out with the summary of x (see qc_describe). work must hold n doubles; it receives the
 * sorted copy of x. Returns QC_EDOM (all statistics NaN, out->n = n) when n == 0 or x holds a
 * NaN; with n == 1, sd, var and cv are NaN and the status is QC_OK. ±Inf follow IEEE rules. */
qc_status qc_stats_describe(const double *x, size_t stride, size_t n, double *work,
                            qc_describe *out) {
    describe_nan(out, n);
    if (n == 0) return QC_EDOM;
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (isnan(v)) {
            describe_nan(out, n);
            return QC_EDOM;
        }
        work[i] = v;
    }
    qc_stats_sort(work, n);
    summary(x, stride, n, work, out);
    return QC_OK;
}

/* The same with x's values already sorted in sorted (a copy describe left earlier): no copy,
 * no sort, the same numbers. */
qc_status qc_stats_describe_sorted(const double *x, size_t stride, size_t n,
                                   const double *sorted, qc_describe *out) {
    describe_nan(out, n);
    if (n == 0) return QC_EDOM;
    for (size_t i = 0; i < n; i++)
        if (isnan(x[i * stride])) return QC_EDOM;
    summary(x, stride, n, sorted, out);
    return QC_OK;
}

/* Sorts x ascending with GSL, unless it is sorted already (one pass): the pipeline hands the
 * statistics of a group its values sorted once, so the normality, robust and outlier functions,
 * which each sort a copy, do not sort again. */
void qc_stats_sort(double *x, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (x[i] < x[i - 1]) {
            gsl_sort(x, 1, n);
            return;
        }
}

int qc_stats_sorted_copy(const double *x, size_t stride, size_t n, double *work)
{
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (!isfinite(v)) return 0;
        work[i] = v;
    }
    qc_stats_sort(work, n);
    return 1;
}
