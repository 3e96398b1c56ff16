/* verdicts.c — the verdicts of a product (pipeline.h): per comparison, from its p-value adjusted
 * across a family of comparisons; and products[].standards[], the product's verdict per listed standard
 * and grade from the tallies of its subject's per-result decisions (one decision everywhere,
 * assess/outcome.c), a limit without subject results counted untested (and left out of the
 * verdict when the study judges the tested items only), the standard's flags, and the lot
 * decision when the study gives a sampling plan. With groups.compare = each, one entry per
 * subject value (with its `group`). Owns nothing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/standards.h"
#include "pipeline.h"

/* Has the lot (the subject role, or one subject group) of the current product a non-missing
 * result on this indicator? */
static int tested(const ctx *cx, const char *indicator, const char *group)
{
    for (size_t k = 0; k < cx->npc; k++) {
        const qc_cell *c = &cx->res->cells[cx->pc[k]];
        if (c->n <= c->n_missing || strcmp(c->indicator->id, indicator) != 0) continue;
        const char *name = qc_intern_str(cx->res->strings, c->group);
        if (group ? strcmp(name, group) == 0 : qc_study_role(cx->study, name) == 0) return 1;
    }
    return 0;
}

/* One entry of products[].standards[]: standard k over the subject (group NULL) or one
 * subject group, from its tally t (t->untested is filled here). */
static qc_status entry(ctx *cx, const qc_study_product *sp, size_t k, const char *group,
                       qc_tally *t, cJSON *sa)
{
    const qc_study_standard *ss = &sp->standards[k];
    const char *who = group ? group : "subject";
    cJSON *o = cJSON_CreateObject(), *flags;
    cJSON_AddStringToObject(o, "id", ss->standard->id);
    cJSON_AddStringToObject(o, "grade", ss->grade->name);
    if (group) cJSON_AddStringToObject(o, "group", group);
    cJSON *nt = cJSON_CreateArray();
    size_t nsets = 0;
    for (const qc_grade *g = ss->grade; g; g = g->inherits ? qc_standard_grade(ss->standard, g->inherits) : NULL)
        for (size_t a = 0; a < g->nsets; a++) {
            nsets++;
            const qc_limit_set *eff = qc_standard_limits(ss->standard, ss->grade, g->sets[a].indicator);
            if (eff != &g->sets[a]) continue;  /* overridden by a derived grade */
            if (tested(cx, g->sets[a].indicator, group)) continue;
            t->untested++;
            cJSON_AddItemToArray(nt, cJSON_CreateString(g->sets[a].indicator));
            qc_report_note(cx->rep, "%s: %s@%s sets a limit on %s, which has no %s results: not "
                           "tested", sp->product->id, ss->standard->id, ss->grade->name,
                           g->sets[a].indicator, who);
        }
    if (!nsets) {
        t->untested++;
        qc_report_note(cx->rep, "%s: %s@%s sets no limit the engine can judge (none in the "
                       "rules library): verdict not_tested", sp->product->id,
                       ss->standard->id, ss->grade->name);
    }
    /* judge = tested (仅对所检项目判定): the verdict over the tested limits, the others
     * listed beside it in untested[] (always present) and said in a note */
    qc_tally verdict_tally = *t;
    if (cx->study->judge_tested) {
        verdict_tally.untested = 0;
        if (cJSON_GetArraySize(nt))
            qc_report_note(cx->rep, "%s: %s@%s%s%s: judge = tested: the verdict covers only the "
                           "tested indicators; %d limit(s) untested (untested[])",
                           sp->product->id, ss->standard->id, ss->grade->name,
                           group ? " for " : "", group ? group : "", cJSON_GetArraySize(nt));
    }
    const char *verdict = qc_outcome_verdict(qc_assess_outcome(&verdict_tally));
    cJSON_AddStringToObject(o, "verdict", verdict);
    qc_report_decisions(cJSON_AddObjectToObject(o, "decisions"), t);
    if (cx->study->judge_tested) cJSON_AddStringToObject(o, "judge", "tested");
    cJSON_AddItemToObject(o, "untested", nt);  /* the limits without results, under any judge */
    flags = cJSON_AddArrayToObject(o, "flags");
    qc_std_state state;  /* the edition's state at the study date, not its record */
    char warn[400] = "";
    qc_std_state_at(cx->ed, ss->standard, cx->study->date, &state);
    if (state.kind != QC_STD_STATE_IN_FORCE)
        cJSON_AddItemToArray(flags, cJSON_CreateString(qc_std_state_name(state.kind)));
    else if (state.successor)
        cJSON_AddItemToArray(flags, cJSON_CreateString("successor_issued"));
    int first = !group || strcmp(group, cx->study->subject[0]) == 0;  /* notes said once */
    if (first && qc_std_state_warning(ss->standard, &state, cx->study->date, warn, sizeof warn))
        qc_report_note(cx->rep, "%s: %s", sp->product->id, warn);
    else if (first && state.successor)
        qc_report_note(cx->rep, "%s: %s is in force on %s; its successor %s takes effect %s",
                       sp->product->id, ss->standard->id, cx->study->date, state.successor->id,
                       state.successor->effective ? state.successor->effective
                                                  : "on a date not recorded");
    if (strcmp(ss->requested_id, ss->standard->id) != 0)
        cJSON_AddItemToArray(flags, cJSON_CreateString("edition_resolved_by_date"));
    int listed = 0;
    for (size_t q = 0; q < ss->standard->nproducts; q++)
        if (strcmp(ss->standard->products[q], sp->product->id) == 0) listed = 1;
    if (!listed) {
        cJSON_AddItemToArray(flags, cJSON_CreateString("not_listed_for_product"));
        if (first)
            qc_report_note(cx->rep, "%s: %s does not list this product; applied as the study asks",
                           sp->product->id, ss->standard->id);
    }
    cJSON_AddItemToArray(sa, o);
    return ss->sampling.on ? qc_pipeline_lot(cx, sp, k, group, o) : QC_OK;
}

qc_status qc_pipeline_standards(ctx *cx, const qc_study_product *sp, cJSON *product,
                                qc_tally *tallies)
{
    cJSON *sa = cJSON_GetObjectItemCaseSensitive(product, "standards");
    qc_status st = QC_OK;
    size_t ns = sp->nstandards;
    for (size_t k = 0; !st && k < ns; k++) {
        if (!cx->study->compare_each) {
            st = entry(cx, sp, k, NULL, &tallies[k], sa);
            continue;
        }
        for (size_t g = 0; !st && g < cx->study->nsubject; g++)
            st = entry(cx, sp, k, cx->study->subject[g], &tallies[(1 + g) * ns + k], sa);
    }
    return st;
}

qc_status qc_pipeline_verdicts(ctx *cx, pending *pend, size_t n)
{
    double *p = calloc(2 * n + 1, sizeof *p);
    size_t *order = calloc(n + 1, sizeof *order);
    qc_status st = (!p || !order) ? qc_error_set(cx->err, QC_ENOMEM, "out of memory") : QC_OK;
    /* each comparison's p on its basis (Welch, Peto–Prentice, Mann–Whitney) */
    size_t np = 0;
    for (size_t i = 0; !st && i < n; i++)
        if (pend[i].ok && pend[i].gap.basis != QC_BASIS_NONE)
            p[np++] = qc_pipeline_basis_p(&pend[i].gap);
    if (!st && np) st = qc_stats_p_adjust(p, np, (qc_padjust_method)cx->study->multiple_testing,
                                          p + np, order);
    for (size_t i = 0, k = 0; !st && i < n; i++) {
        if (!pend[i].ok) continue;
        qc_gap *g = &pend[i].gap;
        g->p_adjusted = g->basis != QC_BASIS_NONE ? p[np + k++] : NAN;
        g->verdict = qc_compare_verdict(g, pend[i].ind->direction, cx->study->alpha);
        if (g->verdict == QC_VERDICT_INCONCLUSIVE && g->basis == QC_BASIS_WELCH)
            qc_compare_mdd(&pend[i].ds, &pend[i].dr, cx->study->alpha, g);
    }
    free(p);
    free(order);
    return st;
}
