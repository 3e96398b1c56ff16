/* grade.c — grading (DESIGN §5 "grading", issue 4): the highest grade in a standard's
 * grade_order whose every limit, inherited ones included, passes for every result of a group:
 * the grade's decisions, tallied as every section tallies them (outcome.c), have outcome pass.
 * A limit without results, a conditional or undecidable result, or a failure means the grade is
 * not met. Owns nothing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/assess.h"

static const qc_cell *find_cell(const qc_results *res, const qc_product *p,
                                const char *indicator, uint32_t group)
{
    for (size_t i = 0; i < res->ncells; i++) {
        const qc_cell *c = &res->cells[i];
        if (c->product == p && c->group == group && strcmp(c->indicator->id, indicator) == 0)
            return c;
    }
    return NULL;
}

/* 1 when every limit of grade g (inherited included) passes for every result of the group. */
static qc_status meets(const qc_results *res, const qc_standard *st, const qc_grade *g,
                       const qc_product *p, uint32_t group, qc_units *units,
                       const qc_assess_options *opt, int *met, qc_error *err)
{
    qc_tally t = {{0}, 0};
    for (const qc_grade *h = g; h; h = h->inherits ? qc_standard_grade(st, h->inherits) : NULL) {
        for (size_t k = 0; k < h->nsets; k++) {
            const qc_limit_set *set = qc_standard_limits(st, g, h->sets[k].indicator);
            if (set != &h->sets[k]) continue;  /* overridden by a grade nearer g */
            const qc_cell *c = find_cell(res, p, set->indicator, group);
            if (!c || c->n == c->n_missing) {
                t.untested++;
                continue;
            }
            double mean, median;
            qc_assess_centre(opt, c, &mean, &median);
            qc_conformity conf;
            qc_status s = qc_assess_cell(res, c, set, units, opt, mean, median, &conf, err);
            if (s) return s;
            qc_tally_add(&t, &conf);
            qc_conformity_free(&conf);
        }
    }
    *met = qc_assess_outcome(&t) == QC_OUTCOME_PASS;
    return QC_OK;
}

qc_status qc_assess_grade(const qc_results *res, const qc_standard *st, const qc_product *p,
                          uint32_t group, qc_units *units, const qc_assess_options *opt,
                          const qc_grade **out, qc_error *err)
{
    *out = NULL;
    for (size_t i = 0; i < st->ngrade_order; i++) {
        const qc_grade *g = qc_standard_grade(st, st->grade_order[i]);
        int met;
        qc_status s = meets(res, st, g, p, group, units, opt, &met, err);
        if (s) return s;
        if (met) { *out = g; return QC_OK; }
    }
    return QC_OK;
}
