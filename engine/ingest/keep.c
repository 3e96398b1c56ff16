/* keep.c — which results keep their sample id and line (results.h, "lean memory"). As each
 * result is stored the reader asks whether the analysis could ever name it: a censored or
 * missing result, a running extreme of its cell (the Grubbs suspect is one of the group's
 * extremes), or a plain value the caller's judge (qc_load_options.judge: the assess layer's
 * qc_assess_keep_judge) says a nonconforming list may name. Every other result (almost all of
 * a large study) is kept as its value alone. A cell whose every result must keep them is
 * dense: replicates "mean" (averaged by sample id), a cell the judge cannot plan ahead, and
 * every cell when no judge is given. Owns the plans; the store frees them once the files are
 * read. */
#include <stdlib.h>
#include <string.h>
#include "ingest_internal.h"

struct keep_plan {
    const qc_keep_judge *judge;
    void *judged;          /* the judge's plan of the cell */
    int seen;              /* a plain value has been stored: lo and hi hold */
    double lo, hi;         /* the running minimum and maximum of the plain values */
};

int qc_ingest_keep_plan(const reader *rd, qc_cell *c)
{
    const qc_study *s = rd->study;
    int dense = strcmp(s->replicates, "mean") == 0 || !rd->judge;
    void *judged = NULL;
    if (!dense && rd->judge->plan(s, rd->rules, c->product, c->indicator, &judged, &dense))
        return -1;
    if (dense) {
        c->dense = 1;
        return 0;
    }
    keep_plan *k = calloc(1, sizeof *k);
    if (!k) {
        rd->judge->free_plan(judged);
        return -1;
    }
    k->judge = rd->judge;
    k->judged = judged;
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
    return extreme || k->judge->named(k->judged, s, v->x, v->U, v->u, method, mlen);
}

void qc_ingest_keep_free(keep_plan *k)
{
    if (!k) return;
    k->judge->free_plan(k->judged);
    free(k);
}
