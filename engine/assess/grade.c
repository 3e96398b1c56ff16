/* grade.c — grading (DESIGN §5 "grading", issue 4): the highest grade in a standard's
 * grade_order whose every limit, inherited ones included, passes for every result of a group.
 * A limit without results, a conditional or undecidable result, or a failure means the grade is
 * not met. Owns nothing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/assess.h"
#include "qcompare/stats.h"

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

/* Mean and median of the plain numbers of a cell (for limits on them). */
static qc_status centre(const qc_cell *c, double *mean, double *median)
{
    double *v = malloc((c->n + 1) * 2 * sizeof *v);
    if (!v) return QC_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        if (qc_cell_kind(c, i) == QC_VALUE_NUMBER) v[n++] = c->x[i];
    qc_describe d;
    if (qc_stats_describe(v, 1, n, v + c->n + 1, &d) == QC_OK) {
        *mean = d.mean;
        *median = d.median;
    } else {
        *mean = *median = NAN;
    }
    free(v);
    return QC_OK;
}

/* 1 when every limit of grade g (inherited included) passes for every result of the group. */
static qc_status meets(const qc_results *res, const qc_standard *st, const qc_grade *g,
                       const qc_product *p, uint32_t group, qc_units *units,
                       const qc_assess_options *opt, int *met, qc_error *err)
{
    *met = 0;
    for (const qc_grade *h = g; h; h = h->inherits ? qc_standard_grade(st, h->inherits) : NULL) {
        for (size_t k = 0; k < h->nsets; k++) {
            const qc_limit_set *set = qc_standard_limits(st, g, h->sets[k].indicator);
            if (set != &h->sets[k]) continue;  /* overridden by a grade nearer g */
            const qc_cell *c = find_cell(res, p, set->indicator, group);
            if (!c || c->n == c->n_missing) return QC_OK;  /* untested: not met */
            double mean, median;
            if (centre(c, &mean, &median)) return qc_error_set(err, QC_ENOMEM, "out of memory");
            qc_conformity conf;
            qc_status s = qc_assess_cell(res, c, set, units, opt, mean, median, &conf, err);
            if (s) return s;
            size_t judged = 0;
            for (int d = 0; d < QC_NDECISIONS; d++) judged += conf.count[d];
            int all_pass = judged > 0 && conf.count[QC_DEC_PASS] == judged;
            qc_conformity_free(&conf);
            if (!all_pass) return QC_OK;
        }
    }
    *met = 1;
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
