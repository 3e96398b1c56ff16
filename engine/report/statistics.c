/* statistics.c — report builders for the statistics beyond the summary (report.h): a group's
 * normality, outliers and robust scale; a conformity entry's capability; a comparison's further
 * tests. Each null carries a note saying why (n too small, zero variance, …). */
#include <math.h>
#include <stdio.h>
#include "qcompare/report.h"

static void pair(cJSON *o, const char *key, double lo, double hi)
{
    if (!isfinite(lo) || !isfinite(hi)) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    cJSON *a = cJSON_AddArrayToObject(o, key);
    cJSON_AddItemToArray(a, cJSON_CreateNumber(lo));
    cJSON_AddItemToArray(a, cJSON_CreateNumber(hi));
}

void qc_report_shape(qc_report *rep, cJSON *group, const qc_group_shape *sh, size_t n,
                     const char *where)
{
    char w[1200];
    cJSON *norm = cJSON_AddObjectToObject(group, "normality");
    cJSON *ad = cJSON_AddObjectToObject(norm, "anderson_darling");
    snprintf(w, sizeof w, "%s.normality.anderson_darling", where);
    const char *ad_why = n < 8 ? "needs n >= 8" : "zero variance or a non-finite value";
    qc_report_number_why(rep, ad, "statistic", sh->ad.a2, w, ad_why);
    if (isfinite(sh->ad.a2)) cJSON_AddNumberToObject(ad, "statistic_adjusted", sh->ad.a2_adjusted);
    if (isfinite(sh->ad.p_value)) cJSON_AddNumberToObject(ad, "p_value", sh->ad.p_value);
    else cJSON_AddNullToObject(ad, "p_value");
    cJSON *sw = cJSON_AddObjectToObject(norm, "shapiro_wilk");
    snprintf(w, sizeof w, "%s.normality.shapiro_wilk", where);
    const char *sw_why = n < 3 ? "needs n >= 3" : n > 5000 ? "defined for n <= 5000"
                                                           : "zero variance or a non-finite value";
    qc_report_number_why(rep, sw, "statistic", sh->sw_w, w, sw_why);
    if (isfinite(sh->sw_p)) cJSON_AddNumberToObject(sw, "p_value", sh->sw_p);
    else cJSON_AddNullToObject(sw, "p_value");

    cJSON *out = cJSON_AddObjectToObject(group, "outliers");
    cJSON *gr = cJSON_AddObjectToObject(out, "grubbs");
    snprintf(w, sizeof w, "%s.outliers.grubbs", where);
    qc_report_number_why(rep, gr, "statistic", sh->grubbs.g, w,
                         n < 3 ? "needs n >= 3" : "zero variance or a non-finite value");
    if (isfinite(sh->grubbs.g)) {
        cJSON_AddNumberToObject(gr, "p_value", sh->grubbs.p_value);
        cJSON_AddNumberToObject(gr, "value", sh->grubbs.value);
        if (sh->suspect) cJSON_AddStringToObject(gr, "sample_id", sh->suspect);
        else cJSON_AddNullToObject(gr, "sample_id");
        cJSON_AddNumberToObject(gr, "line", sh->suspect_line);
    } else {
        cJSON_AddNullToObject(gr, "p_value");
        cJSON_AddNullToObject(gr, "sample_id");
    }

    cJSON *rb = cJSON_AddObjectToObject(group, "robust");
    snprintf(w, sizeof w, "%s.robust", where);
    qc_report_number_why(rep, rb, "iqr", sh->iqr, w, "needs n >= 1 finite values");
    qc_report_number_why(rep, rb, "mad", sh->mad, w, "needs n >= 1 finite values");
    cJSON *aa = cJSON_AddObjectToObject(rb, "algorithm_a");
    snprintf(w, sizeof w, "%s.robust.algorithm_a", where);
    qc_report_number_why(rep, aa, "x_star", sh->alg_a.x_star, w,
                         "needs n >= 2 values with a non-zero MAD");
    if (isfinite(sh->alg_a.x_star)) {
        cJSON_AddNumberToObject(aa, "s_star", sh->alg_a.s_star);
        cJSON_AddNumberToObject(aa, "iterations", sh->alg_a.iterations);
    } else {
        cJSON_AddNullToObject(aa, "s_star");
    }
}

void qc_report_capability(qc_report *rep, cJSON *conformity, const qc_capability *cap,
                          const char *why, const char *where)
{
    char w[1200];
    snprintf(w, sizeof w, "%s.conformity.capability", where);
    if (!cap) {
        cJSON_AddNullToObject(conformity, "capability");
        qc_report_note(rep, "%s: null: %s", w, why);
        return;
    }
    cJSON *o = cJSON_AddObjectToObject(conformity, "capability");
    cJSON_AddStringToObject(o, "basis", cap->basis == QC_BASIS_WITHIN ? "within" : "overall");
    /* our names: Cp/Cpk from the within-batch σ, Pp/Ppk from the overall sd */
    int within = cap->basis == QC_BASIS_WITHIN;
    const char *miss = "Cp and Cpk need the within-batch sigma (a batch column)";
    if (within) {
        qc_report_number(rep, o, "cp", cap->cp.value, w);
        qc_report_number(rep, o, "cpk", cap->cpk.value, w);
    } else {
        qc_report_number_why(rep, o, "cp", NAN, w, miss);
        qc_report_number_why(rep, o, "cpk", NAN, w, miss);
        qc_report_number_why(rep, o, "pp", cap->cp.value, w, "needs both limits");
        qc_report_number_why(rep, o, "ppk", cap->cpk.value, w, "not computable");
    }
    qc_report_number_why(rep, o, "cpm", cap->cpm.value, w, "needs a target and both limits");
    pair(o, within ? "cp_ci" : "pp_ci", cap->cp.lo, cap->cp.hi);
    pair(o, within ? "cpk_ci" : "ppk_ci", cap->cpk.lo, cap->cpk.hi);
    pair(o, "cpm_ci", cap->cpm.lo, cap->cpm.hi);
    cJSON_AddNumberToObject(o, "sigma", cap->sigma);
    qc_report_number(rep, o, "expected_ppm", cap->exp_ppm_total, w);
    qc_report_number(rep, o, "observed_ppm", cap->obs_ppm_total, w);
}

void qc_report_comparison_tests(qc_report *rep, cJSON *o, const qc_gap *g, const char *where)
{
    char w[1200];
    snprintf(w, sizeof w, "%s.student", where);
    cJSON *st = cJSON_AddObjectToObject(o, "student");
    qc_report_number(rep, st, "t", g->student.t, w);
    qc_report_number(rep, st, "df", g->student.df, w);
    qc_report_number(rep, st, "p_value", g->student.p_value, w);
    snprintf(w, sizeof w, "%s.mann_whitney", where);
    cJSON *mw = cJSON_AddObjectToObject(o, "mann_whitney");
    qc_report_number(rep, mw, "u", g->mann_whitney.u, w);
    qc_report_number(rep, mw, "p_value", g->mann_whitney.p_value, w);
    if (isfinite(g->mann_whitney.u)) cJSON_AddBoolToObject(mw, "exact", g->mann_whitney.exact);
    snprintf(w, sizeof w, "%s", where);
    qc_report_number(rep, o, "hedges_g", g->hedges_g.g, w);
    pair(o, "hedges_g_ci", g->hedges_g.ci_lo, g->hedges_g.ci_hi);
    snprintf(w, sizeof w, "%s.variance", where);
    cJSON *v = cJSON_AddObjectToObject(o, "variance");
    qc_report_number(rep, v, "f", g->variance.f, w);
    qc_report_number(rep, v, "p_value", g->variance.p_value, w);
    cJSON *bf = cJSON_AddObjectToObject(v, "brown_forsythe");
    qc_report_number(rep, bf, "f", g->brown_forsythe.f, w);
    qc_report_number(rep, bf, "p_value", g->brown_forsythe.p_value, w);
    qc_report_number_why(rep, v, "cv_ratio", g->cv_ratio, w, "a mean is zero");
    snprintf(w, sizeof w, "%s.tost", where);
    cJSON *t = cJSON_AddObjectToObject(o, "tost");
    qc_report_number_why(rep, t, "margin", g->margin, w,
                         "no margin: the reference mean (or the half-tolerance) is zero or unknown");
    qc_report_number_why(rep, t, "p_value", g->tost.p_value, w, "no margin or no variance");
    if (isfinite(g->tost.p_value)) {
        cJSON_AddNumberToObject(t, "p_lower", g->tost.p_lower);
        cJSON_AddNumberToObject(t, "p_upper", g->tost.p_upper);
    }
}
