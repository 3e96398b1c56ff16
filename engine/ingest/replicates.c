/* replicates.c — replicates "mean" (DESIGN §4.3): after the files are read, the results of each
 * (product, indicator, group) cell that share a sample_id are averaged into one result, before
 * any statistic or decision. The rules for missing and censored replicates are in results.h
 * (qc_results_load); the merged result keeps the first replicate's line, file, sample, method
 * and context, so a nonconforming sample is found where its first determination was written.
 * Owns nothing: rewrites the cells' arrays in place and fills qc_results.merged. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ingest_internal.h"

/* A result of a cell, ordered by sample id, then by position (file order). */
typedef struct ref { uint32_t sample; size_t i; } ref;

static int by_sample(const void *a, const void *b)
{
    const ref *x = a, *y = b;
    if (x->sample != y->sample) return x->sample < y->sample ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int below(uint8_t k) { return k == QC_VALUE_LT || k == QC_VALUE_LE || k == QC_VALUE_ND; }
static int above(uint8_t k) { return k == QC_VALUE_GT || k == QC_VALUE_GE; }

/* Merges the replicates idx[0..n) of cell c into result idx[0] (the first in file order). */
static void merge(qc_cell *c, const ref *idx, size_t n, qc_merge_counts *mc)
{
    size_t first = idx[0].i, nnum = 0, nbelow = 0, nabove = 0, nu = 0, best = SIZE_MAX;
    double sum = 0, comp = 0, sU = 0, su = 0;
    uint8_t usrc = QC_USRC_NONE;
    for (size_t a = 0; a < n; a++) {
        size_t i = idx[a].i;
        uint8_t k = c->kind[i];
        if (k == QC_VALUE_NUMBER) {
            /* Neumaier's compensated sum */
            double t = sum + c->x[i];
            comp += fabs(sum) >= fabs(c->x[i]) ? (sum - t) + c->x[i] : (c->x[i] - t) + sum;
            sum = t;
            nnum++;
            if (!isnan(c->U[i])) { nu++; sU += c->U[i]; su += c->u[i]; }
            if (nnum == 1) usrc = c->usrc[i];
            continue;
        }
        double bound = k == QC_VALUE_ND ? c->lod[i] : c->x[i];
        if (below(k)) {
            nbelow++;
            double bb = best == SIZE_MAX ? -INFINITY : c->kind[best] == QC_VALUE_ND ? c->lod[best] : c->x[best];
            if (best == SIZE_MAX || bound > bb) best = i;
        } else if (above(k)) {
            nabove++;
            double bb = best == SIZE_MAX ? INFINITY : c->x[best];
            if (best == SIZE_MAX || bound < bb) best = i;
        }
    }
    mc->results += n;
    mc->samples++;
    if (nnum) {
        mc->censored_set_aside += nbelow + nabove;
        c->kind[first] = QC_VALUE_NUMBER;
        c->x[first] = (sum + comp) / (double)nnum;
        c->U[first] = nu == nnum ? sU / (double)nnum : NAN;
        c->u[first] = nu == nnum ? su / (double)nnum : NAN;
        c->usrc[first] = nu == nnum ? usrc : QC_USRC_NONE;
        return;
    }
    c->U[first] = c->u[first] = NAN;
    c->usrc[first] = QC_USRC_NONE;
    if ((nbelow && nabove) || (!nbelow && !nabove)) {
        mc->indeterminate += nbelow && nabove;
        c->kind[first] = QC_VALUE_MISSING;
        c->x[first] = NAN;
        return;
    }
    c->kind[first] = c->kind[best];
    c->x[first] = c->x[best];
    c->lod[first] = c->lod[best];
}

static void merge_cell(qc_cell *c, const qc_results *r, qc_merge_counts *mc, ref *idx,
                       char *drop)
{
    uint32_t none = r->empty;
    for (size_t i = 0; i < c->n; i++) idx[i] = (ref){c->sample[i], i}, drop[i] = 0;
    qsort(idx, c->n, sizeof *idx, by_sample);
    for (size_t a = 0; a < c->n;) {
        size_t b = a + 1;
        while (b < c->n && idx[b].sample == idx[a].sample) b++;
        if (b - a > 1 && idx[a].sample != none) {
            merge(c, idx + a, b - a, mc);
            for (size_t k = a + 1; k < b; k++) drop[idx[k].i] = 1;
        }
        a = b;
    }
    /* compact, keeping file order */
    size_t nctx = r->nctx, m = 0;
    c->n_missing = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (drop[i]) continue;
        c->x[m] = c->x[i]; c->lod[m] = c->lod[i]; c->kind[m] = c->kind[i];
        c->line[m] = c->line[i]; c->sample[m] = c->sample[i]; c->file[m] = c->file[i];
        c->U[m] = c->U[i]; c->u[m] = c->u[i]; c->usrc[m] = c->usrc[i];
        c->method[m] = c->method[i];
        if (nctx) memmove(c->ctx + m * nctx, c->ctx + i * nctx, nctx * sizeof *c->ctx);
        c->n_missing += c->kind[m] == QC_VALUE_MISSING;
        m++;
    }
    c->n = m;
}

qc_status qc_ingest_merge_replicates(qc_results *r, qc_error *err)
{
    size_t most = 1;
    r->merged.applied = 1;
    for (size_t i = 0; i < r->ncells; i++) if (r->cells[i].n > most) most = r->cells[i].n;
    ref *idx = malloc(most * sizeof *idx);
    char *drop = malloc(most);
    qc_status st = idx && drop ? QC_OK : qc_ingest_oom(err);
    /* every column is rewritten below: the lazy ones are given their defaults first */
    for (size_t i = 0; !st && i < r->ncells; i++) {
        if (qc_ingest_cell_materialize(&r->cells[i], r->nctx)) st = qc_ingest_oom(err);
        else merge_cell(&r->cells[i], r, &r->merged, idx, drop);
    }
    free(idx);
    free(drop);
    return st;
}
