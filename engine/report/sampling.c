/* sampling.c — the report builder of lot acceptance (report.h): a listed standard's
 * `sampling` object — the plan as GB/T 2828.1 gives it, the samples and nonconforming items
 * found, the lot decision and the operating characteristic for the report's chart. */
#include <math.h>
#include <stdio.h>
#include "qcompare/report.h"

void qc_report_sampling(qc_report *rep, cJSON *entry, const qc_study_sampling *s,
                        const qc_lot *lot, const char *where)
{
    const qc_sampling_plan *p = &s->plan;
    cJSON *o = cJSON_AddObjectToObject(entry, "sampling");
    char letter[2] = {p->code_letter, 0}, plan_letter[2] = {p->plan_letter, 0};
    cJSON_AddNumberToObject(o, "lot_size", (double)s->lot_size);
    cJSON_AddStringToObject(o, "inspection_level", qc_sampling_level_name(s->level));
    cJSON_AddNumberToObject(o, "aql", s->aql);
    cJSON_AddStringToObject(o, "severity", qc_sampling_severity_name(s->severity));
    cJSON_AddStringToObject(o, "table", p->table);
    cJSON_AddStringToObject(o, "code_letter", letter);
    cJSON_AddStringToObject(o, "plan_code_letter", plan_letter);
    cJSON_AddNumberToObject(o, "n", (double)p->n);
    cJSON_AddNumberToObject(o, "ac", p->ac);
    cJSON_AddNumberToObject(o, "re", p->re);
    cJSON_AddBoolToObject(o, "hundred_percent", p->hundred_percent);
    cJSON_AddNumberToObject(o, "samples", (double)lot->samples);
    cJSON_AddNumberToObject(o, "nonconforming", (double)lot->nonconforming);
    cJSON_AddNumberToObject(o, "undecided", (double)lot->undecided);
    cJSON *ids = cJSON_AddArrayToObject(o, "nonconforming_samples");
    for (size_t i = 0; i < lot->nids; i++)
        cJSON_AddItemToArray(ids, cJSON_CreateString(qc_intern_str(rep->res->strings,
                                                                   lot->nonconforming_ids[i])));
    const char *decision = lot->nonconforming + lot->undecided <= p->ac ? "accept"
                           : lot->nonconforming >= p->re              ? "reject"
                                                                      : "not_decidable";
    cJSON_AddStringToObject(o, "lot_decision", decision);
    if (decision[0] == 'n')
        qc_report_note(rep, "%s: lot_decision not_decidable: %zu nonconforming and %zu sample(s) "
                       "with undecided results against Ac %u, Re %u", where, lot->nonconforming,
                       lot->undecided, p->ac, p->re);
    cJSON *oc = cJSON_AddArrayToObject(o, "oc_curve");
    qc_oc_point pts[QC_OC_POINTS];
    if (p->hundred_percent) {
        qc_report_note(rep, "%s: 100 %% inspection (the plan's sample reaches the lot size): no "
                       "sampling risk, oc_curve empty", where);
    } else if (qc_sampling_oc_curve(p->n, p->ac, s->aql, pts) == QC_OK) {
        for (size_t i = 0; i < QC_OC_POINTS; i++) {
            cJSON *e = cJSON_CreateObject();
            cJSON_AddNumberToObject(e, "fraction_nonconforming", pts[i].fraction_nonconforming);
            cJSON_AddNumberToObject(e, "p_accept", pts[i].p_accept);
            cJSON_AddItemToArray(oc, e);
        }
    }
}
