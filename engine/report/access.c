/* access.c — report builder for market access (report.h): products[].market_access[] with its
 * status (the outcome of every decision, as the verdicts per standard use it), the decisions
 * counted by class, each tested limit that is not a pass with its own status and counts, and
 * the untested limits with the reason. */
#include "qcompare/report.h"

/* pass, conditional_pass, conditional_fail, fail, not_decidable: the counts of t into o. */
void qc_report_decisions(cJSON *o, const qc_tally *t)
{
    for (int d = 0; d < QC_NDECISIONS; d++)
        cJSON_AddNumberToObject(o, qc_decision_name((qc_decision)d), (double)t->count[d]);
}

void qc_report_market(cJSON *product, const char *group, const qc_market_access *m)
{
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(product, "market_access");
    if (!arr) arr = cJSON_AddArrayToObject(product, "market_access");
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "market", m->market);
    cJSON_AddStringToObject(o, "group", group);
    cJSON_AddStringToObject(o, "status", qc_outcome_name(m->status));
    cJSON_AddNumberToObject(o, "regulations", (double)m->nregulations);
    qc_report_decisions(cJSON_AddObjectToObject(o, "decisions"), &m->total);
    cJSON *failing = cJSON_AddArrayToObject(o, "failing");
    cJSON *untested = cJSON_AddArrayToObject(o, "not_tested");
    for (size_t i = 0; i < m->nitems; i++) {
        const qc_market_item *it = &m->items[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "regulation", it->regulation->id);
        if (it->grade && it->grade->name[0]) cJSON_AddStringToObject(e, "grade", it->grade->name);
        if (it->indicator) cJSON_AddStringToObject(e, "indicator", it->indicator);
        if (!it->what) {
            cJSON_AddStringToObject(e, "status", qc_outcome_name(qc_assess_outcome(&it->tally)));
            qc_report_decisions(e, &it->tally);
            cJSON_AddItemToArray(failing, e);
        } else {
            cJSON_AddStringToObject(e, "reason", it->what);
            cJSON_AddItemToArray(untested, e);
        }
    }
    cJSON_AddItemToArray(arr, o);
}
