/* scorecard.c — a product's scorecard (DESIGN §5 "scorecard", issue 12): how many indicators
 * lead, are on par, lag or are inconclusive, which indicators could not be compared and which
 * are inconclusive, each with the reason, and the quality index with the indicators it uses
 * and those it leaves out, each with the reason (docs/statistics.md "Quality index"). Owns
 * nothing. */
#include <math.h>
#include <stdio.h>
#include "qcompare/jsonfile.h"
#include "pipeline.h"

/* Why an indicator is left out of the quality index (NULL: it enters). */
static const char *qi_excluded(const pending *p, char *buf, size_t size)
{
    if (!p->ok) {
        snprintf(buf, size, "not compared: %s", p->why);
        return buf;
    }
    if (p->gap.why_mean) return "censored: a group is mostly censored, so its mean is no estimate";
    if (p->ind->direction == QC_DIR_NOMINAL)
        return "nominal-is-best: better means closer to the target, which no ratio of means "
               "measures (see relative_gap)";
    if (!(p->mean_s > 0) || !(p->mean_r > 0))
        return "a mean is zero or negative: the ratio of means is not defined";
    return NULL;
}

/* Quality index: 100 × the weighted geometric mean of the direction-aware subject/reference
 * ratios of means (s/r when higher is better, r/s when lower is better; 100 = par), over the
 * indicators qi_excluded lets in; weights from the study (1 each by default). */
static void quality_index(const ctx *cx, const qc_study_product *sp, const pending *pend,
                          size_t n, cJSON *sc)
{
    const cJSON *w = cJSON_GetObjectItemCaseSensitive((const cJSON *)cx->study->json, "weights");
    cJSON *used = cJSON_CreateArray(), *excluded = cJSON_CreateArray();
    double sw = 0, swl = 0;
    size_t nused = 0;
    for (size_t i = 0; i < n; i++) {
        const pending *p = &pend[i];
        char buf[400];
        const char *why = qi_excluded(p, buf, sizeof buf);
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "indicator", p->ind->id);
        if (why) {
            cJSON_AddStringToObject(e, "reason", why);
            cJSON_AddItemToArray(excluded, e);
            continue;
        }
        double ratio = p->ind->direction == QC_DIR_HIGHER ? p->mean_s / p->mean_r
                                                          : p->mean_r / p->mean_s;
        double weight = qc_json_num(w, p->ind->id, 1.0);
        cJSON_AddNumberToObject(e, "ratio", ratio);
        cJSON_AddNumberToObject(e, "weight", weight);
        cJSON_AddItemToArray(used, e);
        sw += weight;
        swl += weight * log(ratio);
        nused++;
    }
    char qw[512];
    snprintf(qw, sizeof qw, "%s.scorecard", sp->product->id);
    qc_report_number_why(cx->rep, sc, "quality_index", nused ? 100.0 * exp(swl / sw) : NAN, qw,
                         "no indicator enters the index (see quality_index_excluded)");
    cJSON_AddNumberToObject(sc, "quality_index_indicators", (double)nused);
    cJSON_AddItemToObject(sc, "quality_index_used", used);
    cJSON_AddItemToObject(sc, "quality_index_excluded", excluded);
}

/* Why a comparison is inconclusive, on its basis. */
static void inconclusive_why(const ctx *cx, const qc_gap *g, char *buf, size_t size)
{
    double a = cx->study->alpha;
    switch (g->basis) {
    case QC_BASIS_WELCH:
        if (isfinite(g->tost.p_value))
            snprintf(buf, size, "no difference shown (p_adjusted %.3g >= alpha %g) and no "
                     "equivalence within the margin shown (TOST p %.3g >= alpha)",
                     g->p_adjusted, a, g->tost.p_value);
        else
            snprintf(buf, size, "no difference shown (p_adjusted %.3g >= alpha %g); equivalence "
                     "not testable (no margin, or no variance)", g->p_adjusted, a);
        return;
    case QC_BASIS_PETO_PRENTICE:
        if (g->p_adjusted < a)
            snprintf(buf, size, "censored: Peto-Prentice shows a difference (p_adjusted %.3g) "
                     "but its direction is undetermined", g->p_adjusted);
        else
            snprintf(buf, size, "censored: no difference shown by Peto-Prentice (p_adjusted "
                     "%.3g >= alpha %g); equivalence is not testable without means",
                     g->p_adjusted, a);
        return;
    case QC_BASIS_MANN_WHITNEY:
        snprintf(buf, size, "both groups constant: no difference shown by Mann-Whitney "
                 "(p_adjusted %.3g >= alpha %g)", g->p_adjusted, a);
        return;
    case QC_BASIS_NONE:
        snprintf(buf, size, "no test is defined: %s",
                 g->why_mean && g->why_peto_prentice ? g->why_peto_prentice
                             : "every value of both groups is the same (no spread, no ranks)");
        return;
    }
}

static void add_reason(cJSON *arr, const char *indicator, const char *reason)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "indicator", indicator);
    cJSON_AddStringToObject(e, "reason", reason);
    cJSON_AddItemToArray(arr, e);
}

void qc_pipeline_scorecard(ctx *cx, const qc_study_product *sp, cJSON *product,
                           const pending *pend, size_t n)
{
    cJSON *sc = cJSON_AddObjectToObject(product, "scorecard");
    size_t counts[4] = {0}, not_compared = 0;
    for (size_t i = 0; i < n; i++) {
        if (pend[i].ok) counts[pend[i].gap.verdict]++;
        else not_compared++;
    }
    for (int v = 0; v < 4; v++)
        cJSON_AddNumberToObject(sc, qc_verdict_name((qc_verdict)v), (double)counts[v]);
    cJSON_AddNumberToObject(sc, "not_compared", (double)not_compared);
    cJSON *inc = cJSON_AddArrayToObject(sc, "inconclusive_indicators");
    cJSON *nc = cJSON_AddArrayToObject(sc, "not_compared_indicators");
    for (size_t i = 0; i < n; i++) {
        char why[512];
        if (!pend[i].ok) {
            add_reason(nc, pend[i].ind->id, pend[i].why);
        } else if (pend[i].gap.verdict == QC_VERDICT_INCONCLUSIVE) {
            inconclusive_why(cx, &pend[i].gap, why, sizeof why);
            add_reason(inc, pend[i].ind->id, why);
        }
    }
    quality_index(cx, sp, pend, n, sc);
}
