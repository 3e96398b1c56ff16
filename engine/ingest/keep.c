/* keep.c — which results keep their sample id and line (results.h, "lean memory"). The study
 * and rules are loaded before the data, so as each result is stored the reader can tell whether
 * the analysis could ever name it: the nonconforming lists name every result that is not a
 * plain pass of an individual limit, and the Grubbs suspect is one of the group's extremes.
 * Every other result (almost all of a large study) is kept as its value alone.
 *
 * The plan of a cell lists the individual limits the study judges it against (each standard
 * and grade of the study's product, in the limit's unit, as engine/assess/conformity.c
 * prepares them), and judges each plain result with the same qc_assess_judge: the decision is
 * the one the analysis will reach, not an estimate. Anything the plan cannot see ahead makes
 * the cell dense (every result kept): replicates "mean" (averaged by sample id), a piecewise
 * limit (its piece depends on context), a limit whose unit does not convert (the analysis
 * reports it), a product standard with lot acceptance (`sampling` counts every sample id).
 * Under guarded rejection a pass outside the limit is listed too, so it is kept. Owns the plans; the store frees them once the files are read. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/grow.h"
#include "ingest_internal.h"
#include "qcompare/assess.h"

typedef struct judged { qc_bounds b; qc_unit_map to_limit; const char *method; } judged;

struct keep_plan {
    size_t n;
    judged *limit;
    int seen;              /* a plain value has been stored: lo and hi hold */
    double lo, hi;         /* the running minimum and maximum of the plain values */
};

static int add(keep_plan *k, const judged *j)
{
    judged *p = qc_grow(k->limit, k->n, sizeof *p);
    if (!p) return -1;
    k->limit = p;
    p[k->n++] = *j;
    return 0;
}

/* Every individual limit of set, or *dense when one cannot be judged ahead. */
static int add_set(keep_plan *k, const qc_limit_set *set, const qc_indicator *ind,
                   qc_units *units, int *dense)
{
    for (size_t p = 0; p < set->npieces && !*dense; p++) {
        const qc_limit *l = &set->piece[p];
        if (l->applies_to != QC_APPLIES_INDIVIDUAL) continue;
        if (l->nwhen) { *dense = 1; break; }
        judged j = {.method = l->method};
        qc_error err;
        if (qc_assess_prepare(l, ind, units, &j.b, &j.to_limit, &err) != QC_OK) { *dense = 1; break; }
        if (add(k, &j)) return -1;
    }
    return 0;
}

int qc_ingest_keep_plan(const reader *rd, qc_cell *c)
{
    const qc_study *s = rd->study;
    int dense = strcmp(s->replicates, "mean") == 0;
    keep_plan *k = calloc(1, sizeof *k);
    if (!k) return -1;
    const qc_study_product *sp = qc_study_product_of(s, rd->rules, c->product);
    for (size_t q = 0; sp && !dense && q < sp->nstandards; q++)
        dense = sp->standards[q].sampling.on;  /* lot acceptance counts every sample id */
    for (size_t q = 0; sp && !dense && q < sp->nstandards; q++) {
        const qc_study_standard *ss = &sp->standards[q];
        const qc_limit_set *set = qc_standard_limits(ss->standard, ss->grade, c->indicator->id);
        if (set && add_set(k, set, c->indicator, rd->rules->units, &dense)) {
            qc_ingest_keep_free(k);
            return -1;
        }
    }
    if (dense) {
        qc_ingest_keep_free(k);
        c->dense = 1;
        return 0;
    }
    c->keep = k;
    return 0;
}

int qc_ingest_keep(keep_plan *k, const qc_study *s, const result_row *v, const char *method,
                   size_t mlen)
{
    if (v->kind != QC_VALUE_NUMBER) return 1;  /* censored (and missing): rare, always kept */
    int extreme = !k->seen || v->x <= k->lo || v->x >= k->hi;
    if (!k->seen || v->x < k->lo) k->lo = v->x;
    if (!k->seen || v->x > k->hi) k->hi = v->x;
    k->seen = 1;
    if (extreme) return 1;
    for (size_t i = 0; i < k->n; i++) {
        const judged *j = &k->limit[i];
        if (j->method && mlen && (strlen(j->method) != mlen || memcmp(j->method, method, mlen)))
            return 1;  /* method differs: named in the output whatever the rule */
        double sc = fabs(j->to_limit.scale);
        qc_judgement out;
        qc_assess_judge(&j->b, s->rule, s->rule_r, QC_VALUE_NUMBER,
                        j->to_limit.scale * v->x + j->to_limit.offset, NAN, sc * v->U,
                        sc * v->u, &out);
        if (out.decision != QC_DEC_PASS || out.in_band) return 1;  /* in_band: listed too */
    }
    return 0;
}

void qc_ingest_keep_free(keep_plan *k)
{
    if (!k) return;
    free(k->limit);
    free(k);
}
