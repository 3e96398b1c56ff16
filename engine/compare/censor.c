/* censor.c — censored results in the study pipeline (pipeline.h, issue 12; docs/statistics.md
 * "Censored results"): a group's results as numbers and bounds, its summary by Kaplan–Meier or
 * ROS (Helsel) with a reason for every statistic they cannot give, and the comparisons that
 * need no value of a censored result — the Peto–Prentice test and the detection frequencies at
 * a common reporting limit. Right-censored results ("> b") are handled through the mirror
 * image −x; a group with results censored on both sides is not summarised. Owns nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include "pipeline.h"

void qc_pipeline_censample_add(censample *cs, const qc_cell *c)
{
    for (size_t i = 0; i < c->n; i++) {
        qc_value_kind k = (qc_value_kind)qc_cell_kind(c, i);
        if (k == QC_VALUE_MISSING) continue;
        double x = k == QC_VALUE_ND ? qc_cell_lod(c, i) : c->x[i];
        if (!isfinite(x)) continue;
        unsigned char side = k == QC_VALUE_NUMBER ? 0
                             : (k == QC_VALUE_GT || k == QC_VALUE_GE) ? 2 : 1;
        cs->x[cs->n] = x;
        cs->c[cs->n++] = side;
        cs->ncens += side != 0;
        cs->nleft += side == 1;
        cs->nright += side == 2;
    }
}

int qc_pipeline_censored_method(const qc_study *s)
{
    return strcmp(s->censored, "km") == 0 || strcmp(s->censored, "ros") == 0;
}

/* Extremes of the detects and of the bounds on each side. */
typedef struct extremes { double dmin, dmax, lmin, lmax, rmin, rmax; } extremes;

static extremes extremes_of(const censample *cs)
{
    extremes e = {INFINITY, -INFINITY, INFINITY, -INFINITY, INFINITY, -INFINITY};
    for (size_t i = 0; i < cs->n; i++) {
        double x = cs->x[i];
        double *lo = cs->c[i] == 0 ? &e.dmin : cs->c[i] == 1 ? &e.lmin : &e.rmin;
        double *hi = cs->c[i] == 0 ? &e.dmax : cs->c[i] == 1 ? &e.lmax : &e.rmax;
        if (x < *lo) *lo = x;
        if (x > *hi) *hi = x;
    }
    return e;
}

void qc_pipeline_all_censored(const censample *cs, const char *unit, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!cs->n || cs->ncens < cs->n) return;
    extremes e = extremes_of(cs);
    if (!cs->nright) snprintf(buf, size, "all < %.15g %s", e.lmax, unit);
    else if (!cs->nleft) snprintf(buf, size, "all > %.15g %s", e.rmin, unit);
    else snprintf(buf, size, "all censored (< %.15g … > %.15g %s)", e.lmax, e.rmin, unit);
}

static void why_all(qc_group_summary *g, const char *text)
{
    for (int k = 0; k < QC_GW_N; k++) snprintf(g->why[k], sizeof g->why[k], "%s", text);
}

/* min and max of the results: the extreme detect, when no censored result can lie beyond it
 * ("< b" can be anything below b, "> b" anything above). */
static void extremes_into(const censample *cs, const char *unit, qc_group_summary *g)
{
    extremes e = extremes_of(cs);
    g->d.min = g->d.max = NAN;
    if (cs->nleft)
        snprintf(g->why[QC_GW_MIN], sizeof g->why[0], "a censored result (< %.15g %s) may be "
                 "the smallest", e.lmin, unit);
    else if (e.dmin <= e.rmin)
        g->d.min = e.dmin;
    else
        snprintf(g->why[QC_GW_MIN], sizeof g->why[0], "a censored result (> %.15g %s) may be "
                 "the smallest", e.rmin, unit);
    if (cs->nright)
        snprintf(g->why[QC_GW_MAX], sizeof g->why[0], "a censored result (> %.15g %s) may be "
                 "the largest", e.rmax, unit);
    else if (e.dmax >= e.lmax)
        g->d.max = e.dmax;
    else
        snprintf(g->why[QC_GW_MAX], sizeof g->why[0], "a censored result (< %.15g %s) may be "
                 "the largest", e.lmax, unit);
}

void qc_pipeline_censored_summary(ctx *cx, const censample *cs, const char *unit,
                                  qc_group_summary *g, const char *where)
{
    scratch *s = &cx->s;
    double nan = NAN;
    size_t n = cs->n;
    g->d = (qc_describe){n, nan, nan, nan, nan, nan, nan, nan, nan, nan};
    g->ci_lo = g->ci_hi = g->mean_se = nan;
    qc_pipeline_all_censored(cs, unit, g->all_censored, sizeof g->all_censored);
    if (g->all_censored[0]) {
        char t[160];
        snprintf(t, sizeof t, "every result is censored (%.100s)", g->all_censored);
        why_all(g, t);
        return;
    }
    if (cs->nleft && cs->nright) {
        why_all(g, "results censored on both sides (< and >) are not supported by km or ros: "
                   "use a substitution policy");
        return;
    }
    int mirror = cs->nright > 0, km = strcmp(cx->study->censored, "km") == 0;
    double *x = s->cwork + 5 * s->cap;
    unsigned char *c = s->cflag;
    int positive = 1;
    for (size_t i = 0; i < n; i++) {
        x[i] = mirror ? -cs->x[i] : cs->x[i];
        c[i] = cs->c[i] != 0;
        if (!c[i] && !(x[i] > 0)) positive = 0;
    }
    double mean, sd, med, q1, q3, se = nan;
    const char *qwhy = mirror ? "above the largest detected result: the Kaplan-Meier curve does "
                                "not reach this quantile"
                              : "below the smallest detected result: the Kaplan-Meier curve "
                                "does not reach this quantile";
    if (km) {
        qc_km k;
        qc_stats_km(x, c, n, s->cwork, s->iwork, &k);
        mean = k.mean; sd = k.sd; se = k.se; med = k.median; q1 = k.q1; q3 = k.q3;
        if (k.restricted && where)
            qc_report_note(cx->rep, "%s: Kaplan-Meier mean restricted at the %s detected result "
                           "(%.15g %s): the censored results %s it count at it (Helsel), so the "
                           "mean is %s bound of the true one", where,
                           mirror ? "largest" : "smallest", mirror ? -k.smallest_detect
                                                                   : k.smallest_detect, unit,
                           mirror ? "above" : "below", mirror ? "a lower" : "an upper");
        if (!isfinite(se))
            snprintf(g->why[QC_GW_CI], sizeof g->why[0], "the Kaplan-Meier standard error needs "
                     "at least 2 detected results");
    } else {
        int lognormal = positive && !mirror;
        qc_ros r;
        if (qc_stats_ros(x, c, n, lognormal, NULL, s->cwork, s->iwork, &r) != QC_OK) {
            char t[160];
            snprintf(t, sizeof t, "ROS needs at least 3 detected results with different values "
                     "(have %zu detected)", n - cs->ncens);
            why_all(g, t);
            extremes_into(cs, unit, g);
            return;
        }
        mean = r.mean; sd = r.sd; med = r.median; q1 = r.q1; q3 = r.q3;
        if (n >= 2) se = sd / sqrt((double)n);
        if (where) qc_report_note(cx->rep, "%s: ROS: %s fitted to the %zu detected results on their normal "
                       "scores, the %zu censored ones imputed from the fit%s", where,
                       lognormal ? "log(x) = a + b z" : "x = a + b z", n - cs->ncens, cs->ncens,
                       lognormal ? "" : (mirror ? " (normal fit: mirrored right-censored data)"
                                                : " (normal fit: a detected result is <= 0)"));
    }
    if (mirror) {
        double t = q1;
        mean = -mean; med = -med; q1 = -q3; q3 = -t;
    }
    g->d.mean = mean;
    g->d.sd = sd;
    g->d.var = sd * sd;
    g->d.cv = mean != 0 ? sd / fabs(mean) : nan;
    g->d.median = med;
    g->d.q1 = q1;
    g->d.q3 = q3;
    for (int k = QC_GW_MEDIAN; k <= QC_GW_Q3; k++) {
        double v = k == QC_GW_MEDIAN ? med : k == QC_GW_Q1 ? q1 : q3;
        if (!isfinite(v)) snprintf(g->why[k], sizeof g->why[0], "%s", qwhy);
    }
    if (km) g->mean_se = se;
    if (isfinite(se) && n >= 2) {
        double t = gsl_cdf_tdist_Pinv((1 + cx->study->confidence) / 2, (double)n - 1);
        g->ci_lo = mean - t * se;
        g->ci_hi = mean + t * se;
    }
    extremes_into(cs, unit, g);
}

void qc_pipeline_censored_tests(ctx *cx, const censample *s, const censample *r, qc_gap *g,
                                double *shift)
{
    scratch *sc = &cx->s;
    g->censored = 1;
    *shift = NAN;
    size_t nl = s->nleft + r->nleft, nr = s->nright + r->nright;
    if (nl && nr) {
        g->why_peto_prentice = g->why_detection =
            "results censored on both sides (< and >) are not supported";
        return;
    }
    int mirror = nr > 0;
    double *xs = sc->cwork + 4 * sc->cap, *xr = sc->cwork + 5 * sc->cap;
    unsigned char *cs = sc->cflag, *cr = sc->cflag + sc->cap;
    for (size_t i = 0; i < s->n; i++) { xs[i] = mirror ? -s->x[i] : s->x[i]; cs[i] = s->c[i] != 0; }
    for (size_t i = 0; i < r->n; i++) { xr[i] = mirror ? -r->x[i] : r->x[i]; cr[i] = r->c[i] != 0; }
    qc_peto_prentice *pp = &g->peto_prentice;
    if (qc_stats_peto_prentice(xs, cs, s->n, xr, cr, r->n, 1, sc->cwork, sc->iwork, pp) != QC_OK)
        g->why_peto_prentice = !s->n || !r->n ? "a group has no result"
                               : "no detected result in either group: nothing to rank";
    else if (pp->observed != pp->expected)  /* more early detects: larger (mirrored) values */
        *shift = (pp->observed > pp->expected) == !mirror ? 1 : -1;
    if (mirror) {
        g->why_detection = "right-censored results (> bound) are not non-detects: detection "
                           "frequency is for results below a detection limit";
        return;
    }
    /* Helsel: recensor at the highest detection limit of both groups */
    qc_detection *d = &g->detection;
    d->limit = -INFINITY;
    for (size_t i = 0; i < s->n; i++) if (s->c[i] && s->x[i] > d->limit) d->limit = s->x[i];
    for (size_t i = 0; i < r->n; i++) if (r->c[i] && r->x[i] > d->limit) d->limit = r->x[i];
    d->subject_n = s->n;
    d->reference_n = r->n;
    for (size_t i = 0; i < s->n; i++) d->subject_detected += !s->c[i] && s->x[i] >= d->limit;
    for (size_t i = 0; i < r->n; i++) d->reference_detected += !r->c[i] && r->x[i] >= d->limit;
    if (qc_stats_fisher_2x2(d->subject_detected, s->n - d->subject_detected, d->reference_detected,
                            r->n - d->reference_detected, &d->p_value) != QC_OK)
        g->why_detection = "a group has no result";
}
