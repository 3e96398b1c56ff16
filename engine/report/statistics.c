/* statistics.c — report builders for the statistics beyond the summary (report.h): a group's
 * normality, outliers and robust scale; a conformity entry's capability; a factor's
 * several-group tests. Each null carries a note saying why (n too small, zero variance, …). */
#include <math.h>
#include <stdio.h>
#include "qcompare/report.h"
#include "report_internal.h"

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
    const char *all = sh->why;  /* one reason for every null (censored results) */
    const char *ad_why = all ? all : n < 8 ? "needs n >= 8" : "zero variance or a non-finite value";
    qc_report_number_why(rep, ad, "statistic", sh->ad.a2, w, ad_why);
    if (isfinite(sh->ad.a2)) cJSON_AddNumberToObject(ad, "statistic_adjusted", sh->ad.a2_adjusted);
    if (isfinite(sh->ad.p_value)) cJSON_AddNumberToObject(ad, "p_value", sh->ad.p_value);
    else cJSON_AddNullToObject(ad, "p_value");
    cJSON *sw = cJSON_AddObjectToObject(norm, "shapiro_wilk");
    snprintf(w, sizeof w, "%s.normality.shapiro_wilk", where);
    const char *sw_why = all ? all : n < 3 ? "needs n >= 3" : n > 5000 ? "defined for n <= 5000"
                                                           : "zero variance or a non-finite value";
    qc_report_number_why(rep, sw, "statistic", sh->sw_w, w, sw_why);
    if (isfinite(sh->sw_p)) cJSON_AddNumberToObject(sw, "p_value", sh->sw_p);
    else cJSON_AddNullToObject(sw, "p_value");

    cJSON *out = cJSON_AddObjectToObject(group, "outliers");
    cJSON *gr = cJSON_AddObjectToObject(out, "grubbs");
    snprintf(w, sizeof w, "%s.outliers.grubbs", where);
    qc_report_number_why(rep, gr, "statistic", sh->grubbs.g, w,
                         all ? all : n < 3 ? "needs n >= 3" : "zero variance or a non-finite value");
    if (isfinite(sh->grubbs.g)) {
        cJSON_AddNumberToObject(gr, "p_value", sh->grubbs.p_value);
        cJSON_AddNumberToObject(gr, "value", sh->grubbs.value);
        if (sh->suspect) cJSON_AddStringToObject(gr, "sample_id", sh->suspect);
        else cJSON_AddNullToObject(gr, "sample_id");
        if (sh->suspect_file) cJSON_AddStringToObject(gr, "file", sh->suspect_file);
        else cJSON_AddNullToObject(gr, "file");
        cJSON_AddNumberToObject(gr, "line", sh->suspect_line);
    } else {
        cJSON_AddNullToObject(gr, "p_value");
        cJSON_AddNullToObject(gr, "sample_id");
    }

    cJSON *rb = cJSON_AddObjectToObject(group, "robust");
    snprintf(w, sizeof w, "%s.robust", where);
    qc_report_number_why(rep, rb, "iqr", sh->iqr, w, all ? all : "needs n >= 1 finite values");
    qc_report_number_why(rep, rb, "mad", sh->mad, w, all ? all : "needs n >= 1 finite values");
    cJSON *aa = cJSON_AddObjectToObject(rb, "algorithm_a");
    snprintf(w, sizeof w, "%s.robust.algorithm_a", where);
    qc_report_number_why(rep, aa, "x_star", sh->alg_a.x_star, w,
                         all ? all : "needs n >= 2 values with a non-zero MAD");
    if (isfinite(sh->alg_a.x_star)) {
        cJSON_AddNumberToObject(aa, "s_star", sh->alg_a.s_star);
        cJSON_AddNumberToObject(aa, "iterations", sh->alg_a.iterations);
    } else {
        cJSON_AddNullToObject(aa, "s_star");
    }
}

void qc_report_capability(qc_report *rep, cJSON *conformity, const qc_capability *overall,
                          const qc_capability *within, const char *why, const char *where)
{
    char w[1300];
    snprintf(w, sizeof w, "%s.capability", where);
    if (!overall) {
        cJSON_AddNullToObject(conformity, "capability");
        qc_report_note(rep, "%s: null: %s", w, why);
        return;
    }
    cJSON *o = cJSON_AddObjectToObject(conformity, "capability");
    if (overall->sigma == 0) {  /* constant values: the observed ppm is all there is */
        const char *flat = "sd = 0 (every value the same): the indices are infinite or "
                           "undefined; observed_ppm counts the values outside the limits";
        cJSON_AddStringToObject(o, "basis", "none: sd = 0");
        static const char *const keys[] = {"cp", "cpk", "pp", "ppk", "cpm"};
        for (size_t i = 0; i < 5; i++) qc_report_number_why(rep, o, keys[i], NAN, w, flat);
        cJSON_AddNumberToObject(o, "sigma_overall", 0);
        qc_report_number_why(rep, o, "expected_ppm", NAN, w,
                             "sd = 0: the normal model of the expected ppm is undefined");
        qc_report_number(rep, o, "observed_ppm", overall->obs_ppm_total, w);
        return;
    }
    /* our names: Cp/Cpk from the within-batch σ, Pp/Ppk from the overall sd */
    cJSON_AddStringToObject(o, "basis", within ? "within-batch sigma for cp/cpk, overall sd for pp/ppk"
                                               : "overall sd (no batch column)");
    const char *miss = "Cp and Cpk need the within-batch sigma (a batch column with 2 or more batches)";
    qc_report_number_why(rep, o, "cp", within ? within->cp.value : NAN, w,
                         within ? "needs both limits" : miss);
    qc_report_number_why(rep, o, "cpk", within ? within->cpk.value : NAN, w, within ? "not computable" : miss);
    qc_report_number_why(rep, o, "pp", overall->cp.value, w, "needs both limits");
    qc_report_number_why(rep, o, "ppk", overall->cpk.value, w, "not computable");
    /* Cpm on the same σ as Cp: within-batch when there are batches (as qcc), else the overall
     * sd (as SAS's PROC CAPABILITY) */
    const qc_capability *cpm = within ? within : overall;
    qc_report_number_why(rep, o, "cpm", cpm->cpm.value, w, "needs a target and both limits");
    pair(o, "cp_ci", within ? within->cp.lo : NAN, within ? within->cp.hi : NAN);
    pair(o, "cpk_ci", within ? within->cpk.lo : NAN, within ? within->cpk.hi : NAN);
    pair(o, "pp_ci", overall->cp.lo, overall->cp.hi);
    pair(o, "ppk_ci", overall->cpk.lo, overall->cpk.hi);
    pair(o, "cpm_ci", cpm->cpm.lo, cpm->cpm.hi);
    if (within) cJSON_AddNumberToObject(o, "sigma_within", within->sigma);
    cJSON_AddNumberToObject(o, "sigma_overall", overall->sigma);
    qc_report_number(rep, o, "expected_ppm", overall->exp_ppm_total, w);
    qc_report_number(rep, o, "observed_ppm", overall->obs_ppm_total, w);
}

void qc_report_factor(qc_report *rep, cJSON *indicator, const qc_factor_result *f,
                      int column_found, const char *where)
{
    char w[1200];
    snprintf(w, sizeof w, "%s.factor", where);
    if (!column_found || f->nlevels < 2) {
        cJSON_AddNullToObject(indicator, "factor");
        qc_report_note(rep, "%s: null: %s", w,
                       !column_found ? "the results have no such column"
                       : f->why      ? f->why
                                     : "needs plain values at 2 or more levels of the factor");
        return;
    }
    cJSON *o = cJSON_AddObjectToObject(indicator, "factor");
    cJSON_AddStringToObject(o, "column", f->column);
    cJSON *lv = cJSON_AddArrayToObject(o, "levels");
    for (size_t j = 0, start = 0; j < f->nlevels; start += f->sizes[j++]) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "level", qc_intern_str(f->strings, f->level_ids[j]));
        cJSON_AddNumberToObject(e, "n", (double)f->sizes[j]);
        double sum = 0;
        for (size_t i = 0; i < f->sizes[j]; i++) sum += f->values[start + i];
        cJSON_AddNumberToObject(e, "mean", sum / (double)f->sizes[j]);
        cJSON_AddItemToArray(lv, e);
    }
    cJSON *a = cJSON_AddObjectToObject(o, "anova");
    static const char *const ak[] = {"ss_between", "ss_within", "df_between", "df_within",
                                     "ms_between", "ms_within", "f", "p_value", "r_squared"};
    const double av[] = {f->anova.ss_between, f->anova.ss_within, f->anova.df_between,
                         f->anova.df_within, f->anova.ms_between, f->anova.ms_within,
                         f->anova.f, f->anova.p_value, f->anova.r_squared};
    snprintf(w, sizeof w, "%s.factor.anova", where);
    for (size_t i = 0; i < 9; i++) qc_report_number(rep, a, ak[i], av[i], w);
    cJSON *wa = cJSON_AddObjectToObject(o, "welch_anova");
    snprintf(w, sizeof w, "%s.factor.welch_anova", where);
    qc_report_number(rep, wa, "f", f->welch.f, w);
    qc_report_number(rep, wa, "df1", f->welch.df1, w);
    qc_report_number(rep, wa, "df2", f->welch.df2, w);
    qc_report_number(rep, wa, "p_value", f->welch.p_value, w);
    cJSON *kw = cJSON_AddObjectToObject(o, "kruskal_wallis");
    snprintf(w, sizeof w, "%s.factor.kruskal_wallis", where);
    qc_report_number(rep, kw, "h", f->kruskal.h, w);
    qc_report_number(rep, kw, "df", f->kruskal.df, w);
    qc_report_number(rep, kw, "p_value", f->kruskal.p_value, w);
    qc_report_factor_posthoc(rep, o, f, where);
}
