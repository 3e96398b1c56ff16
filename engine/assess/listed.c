/* listed.c — the judge the results reader keeps sample ids by (results.h, "lean memory";
 * qc_load_options.judge): which plain results the nonconforming lists may name. The study and
 * rules are loaded before the data, so for each cell (a product and indicator of the study) it
 * lists the individual limits the study judges it against (each standard and grade of the
 * study's product, in the limit's unit, prepared as conformity.c prepares them), and judges
 * each plain value with the same qc_assess_judge: the decision is the one the analysis will
 * reach, not an estimate. Anything it cannot see ahead makes the cell dense (every result
 * kept): a piecewise limit (its piece depends on context), a limit whose unit does not convert
 * (the analysis reports it), a product standard with lot acceptance (`sampling` counts every
 * sample id). Under guarded rejection a pass outside the limit is listed too. The reader
 * (engine/ingest/keep.c) adds what is its own to know: replicates and running extremes.
 * Owns the plans. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/assess.h"

typedef struct judged { qc_bounds b; qc_unit_map to_limit; const char *method; } judged;
/* The limits inline, after their count: a stored value reaches them in one step. */
typedef struct plan { size_t n, cap; judged limit[]; } plan;

static int add(plan **k, const judged *j)
{
    if ((*k)->n == (*k)->cap) {
        size_t cap = (*k)->cap ? 2 * (*k)->cap : 2;
        plan *p = realloc(*k, sizeof *p + cap * sizeof p->limit[0]);
        if (!p) return -1;
        *k = p;
        p->cap = cap;
    }
    (*k)->limit[(*k)->n++] = *j;
    return 0;
}

/* Every individual limit of set, or *dense when one cannot be judged ahead. */
static int add_set(plan **k, const qc_limit_set *set, const qc_indicator *ind, qc_units *units,
                   int *dense)
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

static void free_plan(void *p) { free(p); }

static int plan_cell(const qc_study *s, const qc_rules *rules, const qc_product *product,
                     const qc_indicator *ind, void **out, int *dense)
{
    *out = NULL;
    *dense = 0;
    plan *k = calloc(1, sizeof *k);
    if (!k) return -1;
    const qc_study_product *sp = qc_study_product_of(s, rules, product);
    for (size_t q = 0; sp && !*dense && q < sp->nstandards; q++)
        *dense = sp->standards[q].sampling.on;  /* lot acceptance counts every sample id */
    for (size_t q = 0; sp && !*dense && q < sp->nstandards; q++) {
        const qc_study_standard *ss = &sp->standards[q];
        const qc_limit_set *set = qc_standard_limits(ss->standard, ss->grade, ind->id);
        if (set && add_set(&k, set, ind, rules->units, dense)) {
            free_plan(k);
            return -1;
        }
    }
    if (*dense) free_plan(k);
    else *out = k;
    return 0;
}

static int named(const void *p, const qc_study *s, double x, double U, double u,
                 const char *method, size_t mlen)
{
    const plan *k = p;
    for (size_t i = 0; i < k->n; i++) {
        const judged *j = &k->limit[i];
        if (j->method && mlen && (strlen(j->method) != mlen || memcmp(j->method, method, mlen)))
            return 1;  /* method differs: named in the output whatever the rule */
        double sc = fabs(j->to_limit.scale);
        qc_judgement out;
        qc_assess_judge(&j->b, s->rule, s->rule_r, QC_VALUE_NUMBER,
                        j->to_limit.scale * x + j->to_limit.offset, NAN, sc * U, sc * u, &out);
        if (out.decision != QC_DEC_PASS || out.in_band) return 1;  /* in_band: listed too */
    }
    return 0;
}

const qc_keep_judge *qc_assess_keep_judge(void)
{
    static const qc_keep_judge judge = {plan_cell, named, free_plan};
    return &judge;
}
