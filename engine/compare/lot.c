/* lot.c — lot acceptance by attributes for one listed standard (pipeline.h, issue 13): the
 * subject's samples judged against every individual limit the standard grade sets, a sample
 * nonconforming when any of its results fails (counted once per sample id), and the lot
 * accepted or rejected by the GB/T 2828.1 plan the study loader found. The same per-result
 * decisions as every other section (assess/conformity.c, under the study's rule). Owns the
 * sample-id arrays while it runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pipeline.h"

typedef struct ids { uint32_t *v; size_t n, cap; } ids;

static int push(ids *a, uint32_t x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 64;
        uint32_t *p = realloc(a->v, cap * sizeof *p);
        if (!p) return -1;
        a->v = p;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Sorts and removes repeats; returns the count. */
static size_t unique(ids *a)
{
    if (!a->n) return 0;
    qsort(a->v, a->n, sizeof *a->v, cmp_u32);
    size_t k = 1;
    for (size_t i = 1; i < a->n; i++)
        if (a->v[i] != a->v[k - 1]) a->v[k++] = a->v[i];
    return a->n = k;
}

static int contains(const ids *a, uint32_t x)
{
    /* an empty set has no array: bsearch must not be handed NULL (UBSan, the sanitized suite) */
    return a->n && bsearch(&x, a->v, a->n, sizeof x, cmp_u32) != NULL;
}

/* Is result set of cell c part of a lot of standard ss: the lot's role or group, and a limit
 * of the standard grade on the cell's indicator. */
static const qc_limit_set *lot_set(const qc_study *s, const qc_results *res, const qc_cell *c,
                                   const qc_study_standard *ss, const char *group)
{
    const char *name = qc_intern_str(res->strings, c->group);
    int in = group ? strcmp(name, group) == 0 : qc_study_role(s, name) == 0;
    return in ? qc_standard_limits(ss->standard, ss->grade, c->indicator->id) : NULL;
}

/* The where of a lot's messages: the study file and the sampling object's path. */
static void lot_where(char *buf, size_t size, const qc_study *s, const qc_study_product *sp,
                      size_t k)
{
    snprintf(buf, size, "%s: $.products[%zu].standards[%zu].sampling", s->path,
             (size_t)(sp - s->products), k);
}

/* The distinct sample ids of the lot's non-missing results into *all (sorted), and how many
 * results have no sample id. cells: indices into res->cells (NULL: every cell of the
 * product). */
static qc_status lot_samples(const qc_study *s, const qc_results *res, const qc_study_product *sp,
                             const uint32_t *cells, size_t ncells, size_t k, const char *group,
                             ids *all, size_t *no_id)
{
    *no_id = 0;
    size_t n = cells ? ncells : res->ncells;
    for (size_t j = 0; j < n; j++) {
        const qc_cell *c = &res->cells[cells ? cells[j] : j];
        if (c->product != sp->product || !lot_set(s, res, c, &sp->standards[k], group)) continue;
        for (size_t i = 0; i < c->n; i++) {
            if (qc_cell_kind(c, i) == QC_VALUE_MISSING) continue;
            uint32_t id = qc_cell_sample(c, i);
            const char *str = qc_intern_str(res->strings, id);
            if (!str || !*str) (*no_id)++;
            else if (push(all, id)) return QC_ENOMEM;
        }
    }
    unique(all);
    return QC_OK;
}

/* The two errors of a lot that the analysis must not start with: results without a sample id,
 * and fewer samples than the plan's n (both numbers named). */
static qc_status lot_errors(const qc_study *s, const qc_study_product *sp, size_t k,
                            const char *group, size_t samples, size_t no_id, qc_error *err)
{
    char where[600];
    lot_where(where, sizeof where, s, sp, k);
    const char *who = group ? group : "the subject";
    const qc_sampling_plan *plan = &sp->standards[k].sampling.plan;
    if (no_id)
        return qc_error_set(err, QC_EDATA, "%s: lot acceptance counts samples by sample_id; "
                            "%zu result(s) of %s have none", where, no_id, who);
    if (samples < plan->n)
        return qc_error_set(err, QC_EDATA, "%s: the plan (%s, code letter %c) needs a sample "
                            "of %lu, the results of %s have %zu sample%s", where, plan->table,
                            plan->code_letter, plan->n, who, samples, samples == 1 ? "" : "s");
    return QC_OK;
}

qc_status qc_pipeline_check_lots(const qc_study *s, const qc_rules *rules,
                                 const qc_results *res, qc_error *err)
{
    (void)rules;
    for (size_t p = 0; p < s->nproducts; p++) {
        const qc_study_product *sp = &s->products[p];
        for (size_t k = 0; k < sp->nstandards; k++) {
            if (!sp->standards[k].sampling.on) continue;
            size_t nlots = s->compare_each ? s->nsubject : 1;
            for (size_t g = 0; g < nlots; g++) {
                const char *group = s->compare_each ? s->subject[g] : NULL;
                ids all = {0};
                size_t no_id;
                qc_status st = lot_samples(s, res, sp, NULL, 0, k, group, &all, &no_id);
                free(all.v);
                if (st) return qc_error_set(err, st, "out of memory");
                if ((st = lot_errors(s, sp, k, group, all.n, no_id, err))) return st;
            }
        }
    }
    return QC_OK;
}

qc_status qc_pipeline_lot(ctx *cx, const qc_study_product *sp, size_t k, const char *group,
                          cJSON *entry)
{
    const qc_study_standard *ss = &sp->standards[k];
    const qc_study_sampling *smp = &ss->sampling;
    ids all = {0}, bad = {0}, open = {0};
    qc_assess_options opt = qc_pipeline_options(cx);
    size_t no_id = 0, group_limits = 0;
    qc_status st = lot_samples(cx->study, cx->res, sp, cx->pc, cx->npc, k, group, &all, &no_id);
    if (st) st = qc_error_set(cx->err, st, "out of memory");
    if (!st) st = lot_errors(cx->study, sp, k, group, all.n, no_id, cx->err);  /* checked first */
    for (size_t j = 0; !st && j < cx->npc; j++) {
        const qc_cell *c = &cx->res->cells[cx->pc[j]];
        const qc_limit_set *set = lot_set(cx->study, cx->res, c, ss, group);
        if (!set) continue;
        for (size_t p = 0; p < set->npieces; p++)
            group_limits += set->piece[p].applies_to != QC_APPLIES_INDIVIDUAL;
        double mean, median;
        qc_assess_centre(&opt, c, &mean, &median);
        qc_conformity conf;
        if ((st = qc_assess_cell(cx->res, c, set, cx->rules->units, &opt, mean, median, &conf,
                                 cx->err)))
            break;
        /* a fail makes its sample nonconforming; anything else undecided leaves it open */
        for (size_t i = 0; !st && i < conf.nnc; i++) {
            const qc_nonconforming *r = &conf.nc[i];
            const char *str = qc_intern_str(cx->res->strings, r->sample);
            if (!str || !*str) continue;
            if (push(r->decision == QC_DEC_FAIL ? &bad : &open, r->sample))
                st = qc_error_set(cx->err, QC_ENOMEM, "out of memory");
        }
        qc_conformity_free(&conf);
    }
    size_t nonconforming = unique(&bad), undecided = 0;
    unique(&open);
    for (size_t i = 0; i < open.n; i++) undecided += !contains(&bad, open.v[i]);
    if (!st) {
        char where[600];
        lot_where(where, sizeof where, cx->study, sp, k);
        const char *who = group ? group : "the subject";
        qc_lot lot = {all.n, nonconforming, undecided, bad.v, bad.n};
        if (all.n > smp->plan.n)
            qc_report_note(cx->rep, "%s: %s has %zu samples, more than the plan's %lu: the lot "
                           "decision counts the nonconforming among all of them", where, who,
                           all.n, smp->plan.n);
        if (group_limits)
            qc_report_note(cx->rep, "%s: limits on the group mean or median are not attributes "
                           "of an item: the lot decision counts individual results only", where);
        qc_report_sampling(cx->rep, entry, smp, &lot, where);
    }
    free(all.v); free(bad.v); free(open.v);
    return st;
}
