/* conformity.c — a group's results against the limits one standard grade sets for an
 * indicator (assess.h): converts each limit to the results' unit, selects the piece of a
 * piecewise limit from the result's context (`when`), decides, and tallies pass / fail /
 * not decidable with the list of every result that is not a plain pass. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/assess.h"

/* Converts a limit's bounds with map m. */
static qc_bounds convert(const qc_limit *l, const qc_unit_map *m)
{
    qc_bounds b = {m->scale * l->min + m->offset, m->scale * l->max + m->offset,
                   l->min_exclusive, l->max_exclusive};
    if (m->scale < 0) {  /* a decreasing map swaps the ends */
        double t = b.min; b.min = b.max; b.max = t;
        int e = b.min_exclusive; b.min_exclusive = b.max_exclusive; b.max_exclusive = e;
    }
    return b;
}

/* Does result i satisfy every condition of piece p? -1 when a condition's column is absent. */
static int selects(const qc_results *res, const qc_cell *c, size_t i, const qc_limit *p)
{
    for (size_t w = 0; w < p->nwhen; w++) {
        const qc_condition *cond = &p->when[w];
        int k = qc_results_context_index(res, cond->column);
        const char *v = k >= 0 ? qc_cell_context(res, c, i, (size_t)k) : "";
        if (v[0] == '\0') return -1;
        if (cond->equals && strcmp(v, cond->equals) != 0) return 0;
        if (!isnan(cond->min) || !isnan(cond->max)) {
            double x;
            if (qc_number_parse(v, strlen(v), &x, NULL) != QC_OK) return 0;
            if ((!isnan(cond->min) && x < cond->min) || (!isnan(cond->max) && x > cond->max))
                return 0;
        }
    }
    return 1;
}

static int push_nc(qc_conformity *out, qc_nonconforming nc)
{
    qc_nonconforming *p = realloc(out->nc, (out->nnc + 1) * sizeof *p);
    if (!p) return -1;
    out->nc = p;
    p[out->nnc++] = nc;
    return 0;
}

static void count(qc_conformity *out, qc_decision d)
{
    if (d == QC_DEC_PASS) out->pass++;
    else if (d == QC_DEC_FAIL) out->fail++;
    else out->not_decidable++;
}

qc_status qc_assess_cell(const qc_results *res, const qc_cell *c, const qc_limit_set *set,
                         qc_units *units, double mean, double median, qc_conformity *out,
                         qc_error *err)
{
    memset(out, 0, sizeof *out);
    qc_bounds *b = calloc(set->npieces, sizeof *b);
    if (!b) return qc_error_set(err, QC_ENOMEM, "out of memory");
    for (size_t p = 0; p < set->npieces; p++) {
        qc_unit_map m;
        const char *why = NULL;
        if (qc_units_map(units, set->piece[p].unit, c->indicator->unit, &m, &why) != QC_OK) {
            free(b);
            return qc_error_set(err, QC_ERULES, "limit unit \"%s\" of %s does not convert to "
                                "the indicator's unit \"%s\": %s", set->piece[p].unit,
                                set->indicator, c->indicator->unit, why ? why : "");
        }
        b[p] = convert(&set->piece[p], &m);
    }
    const qc_limit *used = NULL;
    int several = 0, individual = 0;
    for (size_t p = 0; p < set->npieces; p++)
        if (set->piece[p].applies_to == QC_APPLIES_INDIVIDUAL) individual = 1;
    for (size_t i = 0; individual && i < c->n; i++) {
        if (c->kind[i] == QC_VALUE_MISSING) continue;
        const char *why = NULL;
        qc_decision d = QC_DEC_NOT_DECIDABLE;
        const qc_limit *piece = NULL;
        size_t p = 0;
        for (; p < set->npieces; p++) {
            if (set->piece[p].applies_to != QC_APPLIES_INDIVIDUAL) continue;
            int s = selects(res, c, i, &set->piece[p]);
            if (s == 1) { piece = &set->piece[p]; break; }
            if (s < 0) why = "the context column this limit depends on is empty or absent";
        }
        if (!piece) {
            if (!why) why = "no piece of the piecewise limit applies to this result";
        } else {
            d = qc_assess_decide(&b[p], (qc_value_kind)c->kind[i], c->x[i], c->lod[i], &why);
            if (used && used != piece) several = 1;
            used = piece;
            if (!piece->confirmed) out->unconfirmed++;
        }
        count(out, d);
        if (d != QC_DEC_PASS &&
            push_nc(out, (qc_nonconforming){c->sample[i], c->line[i], c->file[i], c->kind[i],
                                            c->x[i], d, d == QC_DEC_NOT_DECIDABLE ? why : NULL})) {
            free(b);
            return qc_error_set(err, QC_ENOMEM, "out of memory");
        }
    }
    /* limits on the group's mean or median (never with `when`: they judge the whole group) */
    for (size_t p = 0; p < set->npieces; p++) {
        const qc_limit *l = &set->piece[p];
        if (l->applies_to == QC_APPLIES_INDIVIDUAL) continue;
        double x = l->applies_to == QC_APPLIES_MEAN ? mean : median;
        const char *why = "no value to judge";
        qc_decision d = isnan(x) ? QC_DEC_NOT_DECIDABLE
                                 : qc_assess_decide(&b[p], QC_VALUE_NUMBER, x, NAN, &why);
        count(out, d);
        if (used && used != l) several = 1;
        used = l;
        if (!l->confirmed) out->unconfirmed++;
    }
    out->piece_used = several ? NULL : used;
    free(b);
    return QC_OK;
}

void qc_conformity_free(qc_conformity *c)
{
    free(c->nc);
    c->nc = NULL;
    c->nnc = 0;
}
