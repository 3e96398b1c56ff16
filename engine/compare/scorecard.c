/* scorecard.c — a product's scorecard (DESIGN §5 "scorecard"): how many indicators lead, are on
 * par, lag or are inconclusive, which indicators could not be compared and which are
 * inconclusive, each with the reason, and the quality index. Owns nothing. */
#include <math.h>
#include <stdio.h>
#include "qcompare/jsonfile.h"
#include "pipeline.h"

/* Quality index (DESIGN §5 scorecard): 100 × the weighted geometric mean of the direction-aware
 * subject/reference ratios (s/r when higher is better, r/s when lower is better; 100 = par),
 * over the compared indicators with positive means; nominal-is-best indicators have no ratio. */
static double quality_index(const ctx *cx, const pending *pend, size_t n, size_t *used)
{
    const cJSON *w = cJSON_GetObjectItemCaseSensitive((const cJSON *)cx->study->json, "weights");
    double sw = 0, swl = 0;
    *used = 0;
    for (size_t i = 0; i < n; i++) {
        const pending *p = &pend[i];
        if (!p->ok || p->ind->direction == QC_DIR_NOMINAL || !(p->mean_s > 0) || !(p->mean_r > 0))
            continue;
        double ratio = p->ind->direction == QC_DIR_HIGHER ? p->mean_s / p->mean_r
                                                          : p->mean_r / p->mean_s;
        double weight = qc_json_num(w, p->ind->id, 1.0);
        sw += weight;
        swl += weight * log(ratio);
        (*used)++;
    }
    return *used ? 100.0 * exp(swl / sw) : NAN;
}

/* Why a comparison is inconclusive: neither a difference nor equivalence is shown. */
static void inconclusive_why(const ctx *cx, const qc_gap *g, char *buf, size_t size)
{
    double a = cx->study->alpha;
    if (isfinite(g->tost.p_value))
        snprintf(buf, size, "no difference shown (p_adjusted %.3g >= alpha %g) and no "
                 "equivalence within the margin shown (TOST p %.3g >= alpha)",
                 g->p_adjusted, a, g->tost.p_value);
    else
        snprintf(buf, size, "no difference shown (p_adjusted %.3g >= alpha %g); equivalence "
                 "not testable (no margin, or no variance)", g->p_adjusted, a);
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
    size_t used;
    char qw[512];
    snprintf(qw, sizeof qw, "%s.scorecard", sp->product->id);
    qc_report_number_why(cx->rep, sc, "quality_index", quality_index(cx, pend, n, &used), qw,
                         "no compared indicator with positive means and a direction");
    cJSON_AddNumberToObject(sc, "quality_index_indicators", (double)used);
}
