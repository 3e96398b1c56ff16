/* posthoc.c — every pair of a factor's levels (DESIGN §9: post-hoc tests for `factor`):
 * Tukey's honestly significant difference (Tukey–Kramer for unequal sizes, equal variances:
 * R's TukeyHSD) and the Games–Howell test (unequal variances; Games & Howell 1976), both on
 * the studentised range distribution of srange.c. Pairs come in R's order (posthoc.h). Group
 * means and variances are two-pass about the group's first value; Tukey's mean square is the
 * one-way ANOVA's (anova.c), accurate to the digits of DESIGN §8. Owns nothing. */
#include <math.h>

#include <gsl/gsl_math.h>

#include "qcompare/posthoc.h"
#include "stats_internal.h"

/* Mean and unbiased variance of one group (NaN variance for n = 1). */
static void group_moments(const double *x, size_t stride, size_t n, double *mean, double *var) {
    double c = x[0], s = 0.0;
    for (size_t i = 0; i < n; i++) s += x[i * stride] - c;
    double m = s / (double)n, r = 0.0, q = 0.0;
    for (size_t i = 0; i < n; i++) {
        double e = (x[i * stride] - c) - m;
        r += e;
        q += e * e;
    }
    *mean = c + (m + r / (double)n);
    *var = n > 1 ? (q - r * r / (double)n) / (double)(n - 1) : NAN;
    if (*var < 0.0) *var = 0.0;
}

static void pairs_nan(size_t k, qc_pairwise *out) {
    size_t i = 0;
    for (size_t b = 0; b + 1 < k; b++)
        for (size_t a = b + 1; a < k; a++, i++)
            out[i] = (qc_pairwise){a, b, NAN, NAN, NAN, NAN, NAN, NAN, NAN};
}

/* k >= 2 non-empty groups of finite values (anova.c) and a level in (0, 1). */
static int layout_ok(const double *x, size_t stride, const size_t *sizes, size_t k,
                     double conf) {
    size_t n;
    return conf > 0.0 && conf < 1.0 && qc_groups_layout_ok(x, stride, sizes, k, &n);
}

/* Group means and variances into m[] and v[] (k each). */
static void all_moments(const double *x, size_t stride, const size_t *sizes, size_t k,
                        double *m, double *v) {
    for (size_t g = 0, start = 0; g < k; start += sizes[g++])
        group_moments(x + start * stride, stride, sizes[g], &m[g], &v[g]);
}

#define MAX_GROUPS 512

qc_status qc_stats_tukey_hsd(const double *x, size_t stride, const size_t *sizes, size_t k,
                             double conf, qc_pairwise *out) {
    qc_stats_init();
    if (k >= 2 && k <= MAX_GROUPS) pairs_nan(k, out);
    if (!layout_ok(x, stride, sizes, k, conf) || k > MAX_GROUPS) return QC_EDOM;
    qc_anova a;
    if (qc_stats_anova_oneway(x, stride, sizes, k, &a) != QC_OK || !(a.ms_within > 0.0))
        return QC_EDOM;
    double m[MAX_GROUPS], v[MAX_GROUPS], crit;
    all_moments(x, stride, sizes, k, m, v);
    qc_status st = qc_stats_qtukey(conf, (double)k, a.df_within, &crit);
    if (st != QC_OK) return st;
    size_t i = 0;
    for (size_t b = 0; b + 1 < k; b++)
        for (size_t c = b + 1; c < k; c++, i++) {
            qc_pairwise *p = &out[i];
            p->a = c;
            p->b = b;
            p->difference = m[c] - m[b];
            p->se = sqrt(a.ms_within / 2.0 * (1.0 / (double)sizes[c] + 1.0 / (double)sizes[b]));
            p->statistic = fabs(p->difference) / p->se;
            p->df = a.df_within;
            p->ci_lo = p->difference - crit * p->se;
            p->ci_hi = p->difference + crit * p->se;
            if ((st = qc_stats_ptukey(p->statistic, (double)k, p->df, 1, &p->p_value)))
                return st;
        }
    return QC_OK;
}

qc_status qc_stats_games_howell(const double *x, size_t stride, const size_t *sizes, size_t k,
                                double conf, qc_pairwise *out) {
    qc_stats_init();
    if (k >= 2 && k <= MAX_GROUPS) pairs_nan(k, out);
    if (!layout_ok(x, stride, sizes, k, conf) || k > MAX_GROUPS) return QC_EDOM;
    double m[MAX_GROUPS], v[MAX_GROUPS];
    all_moments(x, stride, sizes, k, m, v);
    qc_status result = QC_OK;
    size_t i = 0;
    for (size_t b = 0; b + 1 < k; b++)
        for (size_t c = b + 1; c < k; c++, i++) {
            qc_pairwise *p = &out[i];
            double wa = v[c] / (double)sizes[c], wb = v[b] / (double)sizes[b];
            if (sizes[c] < 2 || sizes[b] < 2 || !(wa + wb > 0.0)) {
                result = QC_EDOM;  /* this pair stays NaN */
                continue;
            }
            double df = (wa + wb) * (wa + wb) /
                        (wa * wa / (double)(sizes[c] - 1) + wb * wb / (double)(sizes[b] - 1));
            double crit;
            qc_status st = qc_stats_qtukey(conf, (double)k, df, &crit);
            if (st == QC_ENOMEM) return st;
            if (st != QC_OK) {  /* df < 1: the studentised range is not defined here */
                result = QC_EDOM;
                continue;
            }
            p->difference = m[c] - m[b];
            p->se = sqrt(wa + wb);
            p->statistic = p->difference / p->se;
            p->df = df;
            p->ci_lo = p->difference - crit / M_SQRT2 * p->se;
            p->ci_hi = p->difference + crit / M_SQRT2 * p->se;
            if ((st = qc_stats_ptukey(M_SQRT2 * fabs(p->statistic), (double)k, df, 1,
                                      &p->p_value)))
                return st;
        }
    return result;
}
