/* access.c — report builder for market access (report.h): products[].market_access[] with the
 * failing and untested limits of each market's regulations. */
#include "qcompare/report.h"

void qc_report_market(cJSON *product, const char *group, const qc_market_access *m)
{
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(product, "market_access");
    if (!arr) arr = cJSON_AddArrayToObject(product, "market_access");
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "market", m->market);
    cJSON_AddStringToObject(o, "group", group);
    cJSON_AddStringToObject(o, "status", m->status);
    cJSON_AddNumberToObject(o, "regulations", (double)m->nregulations);
    cJSON *failing = cJSON_AddArrayToObject(o, "failing");
    cJSON *untested = cJSON_AddArrayToObject(o, "not_tested");
    for (size_t i = 0; i < m->nitems; i++) {
        const qc_market_item *it = &m->items[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "regulation", it->regulation->id);
        if (it->grade && it->grade->name[0]) cJSON_AddStringToObject(e, "grade", it->grade->name);
        if (it->indicator) cJSON_AddStringToObject(e, "indicator", it->indicator);
        if (it->failed) {
            cJSON_AddNumberToObject(e, "failed", (double)it->failed);
            cJSON_AddItemToArray(failing, e);
        } else {
            cJSON_AddStringToObject(e, "reason", it->what);
            cJSON_AddItemToArray(untested, e);
        }
    }
    cJSON_AddItemToArray(arr, o);
}
