/* comparison.c — report builder for an indicator's comparison (report.h, DESIGN §6): the gap,
 * Welch, the other two-sample tests, and for censored results (issue 12) the Peto–Prentice test
 * and the detection frequencies; the verdict with its basis. Every null carries a note: the
 * specific reason the pipeline gave (a group mostly censored, constant groups, no target, …)
 * or the generic one. */
#include <math.h>
#include <stdio.h>
#include "qcompare/report.h"

/* key: x, or null with why (NULL: the generic reason). */
static void num(qc_report *rep, cJSON *o, const char *key, double x, const char *w,
                const char *why)
{
    if (why) qc_report_number_why(rep, o, key, x, w, why);
    else qc_report_number(rep, o, key, x, w);
}

static void pair(qc_report *rep, cJSON *o, const char *key, double lo, double hi, const char *w,
                 const char *why)
{
    if (why && !(isfinite(lo) && isfinite(hi))) qc_report_number_why(rep, o, key, NAN, w, why);
    else qc_report_interval(rep, o, key, lo, hi, w);
}

static const char *basis_name(qc_basis b)
{
    static const char *const names[] = {"welch", "peto_prentice", "mann_whitney", "none"};
    return names[b];
}

static void tests(qc_report *rep, cJSON *o, const qc_gap *g, const char *where)
{
    char w[1200];
    const char *wt = g->why_t ? g->why_t : g->why_mean, *wv = g->why_values;
    snprintf(w, sizeof w, "%s.student", where);
    cJSON *st = cJSON_AddObjectToObject(o, "student");
    num(rep, st, "t", g->student.t, w, wt);
    num(rep, st, "df", g->student.df, w, wt);
    num(rep, st, "p_value", g->student.p_value, w, wt);
    snprintf(w, sizeof w, "%s.mann_whitney", where);
    cJSON *mw = cJSON_AddObjectToObject(o, "mann_whitney");
    const char *mw_why = wv ? wv : "every value of both groups is the same (all tied)";
    num(rep, mw, "u", g->mann_whitney.u, w, mw_why);
    num(rep, mw, "p_value", g->mann_whitney.p_value, w, mw_why);
    if (isfinite(g->mann_whitney.u)) cJSON_AddBoolToObject(mw, "exact", g->mann_whitney.exact);
    snprintf(w, sizeof w, "%s", where);
    num(rep, o, "hedges_g", g->hedges_g.g, w, wt);
    pair(rep, o, "hedges_g_ci", g->hedges_g.ci_lo, g->hedges_g.ci_hi, w, wt);
    snprintf(w, sizeof w, "%s.variance", where);
    cJSON *v = cJSON_AddObjectToObject(o, "variance");
    const char *f_why = wt;
    if (isinf(g->variance.f))
        f_why = "F = +Inf: the reference group has zero variance (R var.test gives F = Inf; "
                "p_value is R's, 0)";
    num(rep, v, "f", g->variance.f, w, f_why);
    num(rep, v, "p_value", g->variance.p_value, w, wt);
    cJSON *bf = cJSON_AddObjectToObject(v, "brown_forsythe");
    snprintf(w, sizeof w, "%s.variance.brown_forsythe", where);
    const char *bf_why = wv ? wv : wt ? wt : "no spread about the medians in either group";
    num(rep, bf, "f", g->brown_forsythe.f, w, bf_why);
    num(rep, bf, "p_value", g->brown_forsythe.p_value, w, bf_why);
    snprintf(w, sizeof w, "%s.variance", where);
    num(rep, v, "cv_ratio", g->cv_ratio, w,
        wt ? wt : "a mean is zero, or the reference has no spread");
    snprintf(w, sizeof w, "%s.tost", where);
    cJSON *t = cJSON_AddObjectToObject(o, "tost");
    num(rep, t, "margin", g->margin, w,
        g->why_mean ? g->why_mean
                    : "no margin: the reference mean (or the half-tolerance) is zero or unknown");
    num(rep, t, "p_value", g->tost.p_value, w, wt ? wt : "no margin or no variance");
    if (isfinite(g->tost.p_value)) {
        cJSON_AddNumberToObject(t, "p_lower", g->tost.p_lower);
        cJSON_AddNumberToObject(t, "p_upper", g->tost.p_upper);
    }
}

/* peto_prentice{…} and detection_frequency{…}: comparisons that need no value of a censored
 * result, only its bound. */
static void censored(qc_report *rep, cJSON *o, const qc_gap *g, const char *where)
{
    char w[1200];
    snprintf(w, sizeof w, "%s.peto_prentice", where);
    cJSON *pp = cJSON_AddObjectToObject(o, "peto_prentice");
    const char *why = g->why_peto_prentice;
    num(rep, pp, "chi_square", g->peto_prentice.chi_square, w, why);
    num(rep, pp, "p_value", g->peto_prentice.p_value, w, why);
    if (isfinite(g->peto_prentice.chi_square)) {
        cJSON_AddNumberToObject(pp, "subject_observed", g->peto_prentice.observed);
        cJSON_AddNumberToObject(pp, "subject_expected", g->peto_prentice.expected);
    }
    snprintf(w, sizeof w, "%s.detection_frequency", where);
    cJSON *df = cJSON_AddObjectToObject(o, "detection_frequency");
    const qc_detection *d = &g->detection;
    num(rep, df, "limit", d->limit, w, g->why_detection);
    cJSON_AddNumberToObject(df, "subject_detected", (double)d->subject_detected);
    cJSON_AddNumberToObject(df, "subject_n", (double)d->subject_n);
    cJSON_AddNumberToObject(df, "reference_detected", (double)d->reference_detected);
    cJSON_AddNumberToObject(df, "reference_n", (double)d->reference_n);
    num(rep, df, "p_value", d->p_value, w, g->why_detection);
}

void qc_report_comparison(qc_report *rep, cJSON *indicator, const char *subject,
                          const char *reference, const qc_gap *g, const char *where)
{
    char w[512];
    snprintf(w, sizeof w, "%s.comparison", where);
    const char *wm = g->why_mean, *wt = g->why_t ? g->why_t : g->why_mean;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "subject", subject);
    cJSON_AddStringToObject(o, "reference", reference);
    num(rep, o, "difference", g->difference, w, wm);
    pair(rep, o, "difference_ci", g->difference_lo, g->difference_hi, w, wt);
    num(rep, o, "relative_gap", g->relative_gap, w,
        wm ? wm : "the reference mean (or the half-tolerance) is zero or unknown");
    cJSON *we = cJSON_AddObjectToObject(o, "welch");
    char ww[600];
    snprintf(ww, sizeof ww, "%s.welch", w);
    num(rep, we, "t", g->welch.t, ww, wt);
    num(rep, we, "df", g->welch.df, ww, wt);
    num(rep, we, "p_value", g->welch.p_value, ww, wt);
    num(rep, we, "p_subject_better", g->p_subject_better, ww, g->why_better ? g->why_better : wt);
    if (isfinite(g->e_n)) cJSON_AddNumberToObject(o, "e_n", g->e_n);
    else cJSON_AddNullToObject(o, "e_n");  /* no U on both sides: not an error, no note */
    tests(rep, o, g, w);
    if (g->censored) censored(rep, o, g, w);
    num(rep, o, "p_adjusted", g->p_adjusted, w,
        g->basis == QC_BASIS_NONE ? "no test is defined for these groups (see the notes above)"
                                  : NULL);
    cJSON_AddStringToObject(o, "verdict", qc_verdict_name(g->verdict));
    cJSON_AddStringToObject(o, "verdict_basis", basis_name(g->basis));
    if (g->verdict == QC_VERDICT_INCONCLUSIVE)
        num(rep, o, "min_detectable_difference", g->min_detectable_difference, w,
            wt ? wt : "needs a non-zero pooled sd");
    cJSON_AddItemToObject(indicator, "comparison", o);
}
