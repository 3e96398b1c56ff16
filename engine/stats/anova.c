/* anova.c — one-way analysis of variance of k groups (DESIGN §5: several groups, `factor`).
 *
 * Owns qc_stats_anova_oneway (classical F test, as R anova(lm(y ~ g)) and
 * oneway.test(var.equal = TRUE)) and qc_stats_anova_welch (Welch's heteroscedastic F test, as R
 * oneway.test(var.equal = FALSE)). The groups are laid out one after another in x (stats.h).
 * Pure numerics: no allocation, no I/O. On QC_EDOM every output field is NaN.
 *
 * Accuracy (DESIGN §8). Every value is first shifted by c = x[0] (x − c is exact when x and c
 * are within a factor 2 of each other, which is the hard case: data with many constant leading
 * digits). Group means of the shifted values are computed in two passes (sum, then the mean of
 * the residuals as a correction), SSW_i = Σ(d − m_i)² − (Σ(d − m_i))²/n_i (the corrected
 * two-pass formula), and SSB = Σ n_i (m_i − m)² with m the weighted grand mean of the shifted
 * group means. LRE reached on NIST StRD ANOVA is printed by tests/unit/test_groups.c. */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>

#include "qcompare/stats.h"
#include "stats_internal.h"

/* Mean and sum of squared deviations of one group's values shifted by c. */
typedef struct {
    double n, mean, ss;
} group_moments;

/* Two-pass moments of x[0..n) (stride) shifted by c; n >= 1. */
static group_moments moments(const double *x, size_t stride, size_t n, double c) {
    group_moments g = {(double)n, 0.0, 0.0};
    double s = 0.0;
    for (size_t i = 0; i < n; i++) s += x[i * stride] - c;
    double m = s / g.n;
    double r = 0.0, q = 0.0;
    for (size_t i = 0; i < n; i++) {
        double e = (x[i * stride] - c) - m;
        r += e;
        q += e * e;
    }
    g.mean = m + r / g.n;
    g.ss = q - r * r / g.n;
    if (g.ss < 0.0) g.ss = 0.0;
    return g;
}

int qc_groups_layout_ok(const double *x, size_t stride, const size_t *sizes, size_t k,
                        size_t *total) {
    if (x == NULL || k < 2 || sizes == NULL) return 0;
    size_t n = 0;
    for (size_t g = 0; g < k; g++) {
        if (sizes[g] == 0) return 0;
        n += sizes[g];
    }
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i * stride])) return 0;
    *total = n;
    return 1;
}

static qc_status anova_nan(qc_anova *out) {
    out->ss_between = out->ss_within = NAN;
    out->df_between = out->df_within = NAN;
    out->ms_between = out->ms_within = NAN;
    out->f = out->p_value = out->r_squared = NAN;
    return QC_EDOM;
}

/* Classical one-way ANOVA: SSB = Σ n_i (ȳ_i − ȳ)², SSW = Σ Σ (y_ij − ȳ_i)², df k − 1 and
 * N − k, MS = SS/df, F = MSB/MSW, p = P(F(k−1, N−k) >= F), R² = SSB/(SSB + SSW).
 * QC_EDOM when k < 2, a group is empty, N <= k, a value is NaN or ±Inf, or SSW == 0 (F would
 * be infinite or undefined). */
qc_status qc_stats_anova_oneway(const double *x, size_t stride, const size_t *sizes, size_t k,
                                qc_anova *out) {
    qc_stats_init();
    size_t n;
    if (!qc_groups_layout_ok(x, stride, sizes, k, &n) || n <= k) return anova_nan(out);
    double c = x[0];
    /* Pass over the groups: shifted means (weighted grand mean) and SSW. */
    double ssw = 0.0, sum_nm = 0.0;
    size_t off = 0;
    for (size_t g = 0; g < k; g++) {
        group_moments gm = moments(x + off * stride, stride, sizes[g], c);
        ssw += gm.ss;
        sum_nm += gm.n * gm.mean;
        off += sizes[g];
    }
    double grand = sum_nm / (double)n;
    double ssb = 0.0;
    off = 0;
    for (size_t g = 0; g < k; g++) {
        group_moments gm = moments(x + off * stride, stride, sizes[g], c);
        double dm = gm.mean - grand;
        ssb += gm.n * dm * dm;
        off += sizes[g];
    }
    if (!(ssw > 0.0) || !isfinite(ssw) || !isfinite(ssb)) return anova_nan(out);
    out->ss_between = ssb;
    out->ss_within = ssw;
    out->df_between = (double)(k - 1);
    out->df_within = (double)(n - k);
    out->ms_between = ssb / out->df_between;
    out->ms_within = ssw / out->df_within;
    out->f = out->ms_between / out->ms_within;
    out->p_value = gsl_cdf_fdist_Q(out->f, out->df_between, out->df_within);
    out->r_squared = ssb / (ssb + ssw);
    return QC_OK;
}

static qc_status welch_nan(qc_welch_anova *out) {
    out->f = out->df1 = out->df2 = out->p_value = NAN;
    return QC_EDOM;
}

/* Welch's ANOVA, R oneway.test(var.equal = FALSE) term by term: w_i = n_i/s_i²,
 * m = Σ w_i ȳ_i / Σ w_i, tmp = Σ (1 − w_i/Σw)²/(n_i − 1) / (k² − 1),
 * F = Σ w_i (ȳ_i − m)² / ((k − 1)(1 + 2(k − 2)·tmp)), df1 = k − 1, df2 = 1/(3·tmp),
 * p = P(F(df1, df2) >= F). QC_EDOM when k < 2, a group has fewer than 2 values or zero
 * variance, or a value is NaN or ±Inf. */
qc_status qc_stats_anova_welch(const double *x, size_t stride, const size_t *sizes, size_t k,
                               qc_welch_anova *out) {
    qc_stats_init();
    size_t n;
    if (!qc_groups_layout_ok(x, stride, sizes, k, &n)) return welch_nan(out);
    double c = x[0];
    double sw = 0.0, swm = 0.0;
    size_t off = 0;
    for (size_t g = 0; g < k; g++) {
        if (sizes[g] < 2) return welch_nan(out);
        group_moments gm = moments(x + off * stride, stride, sizes[g], c);
        double var = gm.ss / (gm.n - 1.0);
        if (!(var > 0.0)) return welch_nan(out);
        double w = gm.n / var;
        sw += w;
        swm += w * gm.mean;
        off += sizes[g];
    }
    double m = swm / sw;
    double num = 0.0, tmp = 0.0;
    off = 0;
    for (size_t g = 0; g < k; g++) {
        group_moments gm = moments(x + off * stride, stride, sizes[g], c);
        double w = gm.n / (gm.ss / (gm.n - 1.0));
        double dm = gm.mean - m;
        num += w * dm * dm;
        double a = 1.0 - w / sw;
        tmp += a * a / (gm.n - 1.0);
        off += sizes[g];
    }
    double dk = (double)k;
    tmp /= dk * dk - 1.0;
    out->f = num / ((dk - 1.0) * (1.0 + 2.0 * (dk - 2.0) * tmp));
    out->df1 = dk - 1.0;
    out->df2 = 1.0 / (3.0 * tmp);
    out->p_value = gsl_cdf_fdist_Q(out->f, out->df1, out->df2);
    if (!isfinite(out->f) || !isfinite(out->df2) || isnan(out->p_value)) return welch_nan(out);
    return QC_OK;
}
