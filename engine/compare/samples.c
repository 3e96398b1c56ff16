/* samples.c — the two-sample tests of a comparison that need the values, not only the
 * summaries (compare.h): Student t, Mann–Whitney, Hedges g, variance tests, TOST, the minimum
 * detectable difference, and closeness to the target of a nominal-is-best indicator. Each is computed by engine/stats; this file only decides
 * which inputs each gets and leaves NaN where a test is undefined. Owns nothing. */
#include <math.h>
#include <string.h>
#include "qcompare/compare.h"

static void nan_fill(double *p, size_t n)
{
    for (size_t i = 0; i < n; i++) p[i] = NAN;
}

qc_status qc_compare_samples(const double *s, size_t ns, const double *r, size_t nr,
                             const qc_describe *ds, const qc_describe *dr, double margin,
                             double conf, double alpha, double *work, size_t *iwork, qc_gap *g)
{
    /* every statistic starts undefined */
    nan_fill(&g->student.difference, sizeof g->student / sizeof(double));
    g->mann_whitney = (qc_mann_whitney){NAN, NAN, NAN, NAN, NAN, 0, 0};
    nan_fill(&g->hedges_g.d, sizeof g->hedges_g / sizeof(double));
    nan_fill(&g->variance.f, sizeof g->variance / sizeof(double));
    nan_fill(&g->brown_forsythe.f, sizeof g->brown_forsythe / sizeof(double));
    nan_fill(&g->tost.difference, sizeof g->tost / sizeof(double));
    g->cv_ratio = g->min_detectable_difference = NAN;
    g->margin = margin;

    qc_stats_ttest_student(ds->n, ds->mean, ds->sd, dr->n, dr->mean, dr->sd, conf, &g->student);
    qc_status st = qc_stats_mann_whitney(s, 1, ns, r, 1, nr, QC_MW_AUTO, work, iwork,
                                         &g->mann_whitney);
    if (st == QC_ENOMEM) return st;
    qc_stats_hedges_g(ds->n, ds->mean, ds->sd, dr->n, dr->mean, dr->sd, conf, &g->hedges_g);
    qc_stats_var_test(ds->n, ds->sd, dr->n, dr->sd, conf, &g->variance);
    qc_stats_brown_forsythe2(s, 1, ns, r, 1, nr, work, &g->brown_forsythe);
    qc_stats_cv_ratio(ds->mean, ds->sd, dr->mean, dr->sd, &g->cv_ratio);
    if (margin > 0 && isfinite(margin))
        qc_stats_tost_welch(ds->n, ds->mean, ds->sd, dr->n, dr->mean, dr->sd, margin, &g->tost);
    (void)alpha;
    return QC_OK;
}

void qc_compare_mdd(const qc_describe *ds, const qc_describe *dr, double alpha, qc_gap *g)
{
    /* pooled sd for the detectable difference (as power.t.test's sd) */
    g->min_detectable_difference = NAN;
    double df = (double)(ds->n + dr->n) - 2;
    if (df > 0) {
        double sp = sqrt(((double)(ds->n - 1) * ds->sd * ds->sd +
                          (double)(dr->n - 1) * dr->sd * dr->sd) / df);
        if (sp > 0)
            qc_stats_power_mdd(ds->n, dr->n, sp, alpha, 0.8, &g->min_detectable_difference);
    }
}

void qc_compare_nominal_better(const double *s, size_t ns, const double *r, size_t nr,
                               double target, double *work, qc_gap *g)
{
    g->p_subject_better = NAN;
    if (!isfinite(target)) {
        g->why_better = "nominal-is-best without a target (no listed standard sets a two-sided "
                        "limit): closeness to the target is not defined";
        return;
    }
    if (ns < 2 || nr < 2) {
        g->why_better = "needs the values of both groups (at least 2 each; censored results "
                        "under km or ros give none)";
        return;
    }
    double *ds = work, *dr = work + ns;
    for (size_t i = 0; i < ns; i++) ds[i] = fabs(s[i] - target);
    for (size_t i = 0; i < nr; i++) dr[i] = fabs(r[i] - target);
    double ms = qc_stats_mean(ds, 1, ns), mr = qc_stats_mean(dr, 1, nr);
    qc_ttest t;
    if (qc_stats_ttest_welch(ns, ms, qc_stats_sd(ds, 1, ns, ms), nr, mr, qc_stats_sd(dr, 1, nr, mr),
                             0.95, &t) != QC_OK) {
        g->why_better = "the absolute deviations from the target are constant in both groups";
        return;
    }
    g->p_subject_better = qc_stats_t_p_one_sided(t.t, t.df, 0);  /* subject deviations smaller */
    g->why_better = NULL;
}
