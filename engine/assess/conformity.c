/* conformity.c — a group's results against the limits one standard grade sets for an
 * indicator (assess.h): each limit is used in its own unit (the result, its uncertainty and
 * lod converted to it), the piece of a piecewise limit is chosen from the result's context
 * (`when`), each result is judged under the study's decision rule, and the tally counts every
 * decision, near-limit passes, where each U came from, method mismatches, and lists every
 * result that is not a plain pass (and, under guarded rejection, every pass outside the limit:
 * accepted only because of its uncertainty). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/grow.h"
#include "qcompare/assess.h"
#include "qcompare/jsonfile.h"

/* A piece ready to judge with: bounds in the limit's unit and the map into that unit. */
typedef struct prepared { qc_bounds b; qc_unit_map to_limit; } prepared;

static double rounding_increment(const qc_limit *l)
{
    const cJSON *rd = cJSON_GetObjectItemCaseSensitive((const cJSON *)l->json, "rounding");
    if (!rd) return 0;
    const char *compare = qc_json_str(rd, "compare", "rounded");
    if (strcmp(compare, "rounded") != 0) return 0;  /* "full": the full value is compared */
    double inc = qc_json_num(rd, "increment", NAN);
    if (!isnan(inc)) return inc;
    double digits = qc_json_num(rd, "digits", NAN);
    return isnan(digits) ? 0 : pow(10.0, -digits);
}

qc_status qc_assess_prepare(const qc_limit *l, const qc_indicator *ind, qc_units *units,
                            qc_bounds *b, qc_unit_map *to_limit, qc_error *err)
{
    const char *why = NULL;
    if (qc_units_map(units, ind->unit, l->unit, to_limit, &why) != QC_OK)
        return qc_error_set(err, QC_ERULES, "limit unit \"%s\" does not convert from the "
                            "indicator's unit \"%s\": %s", l->unit, ind->unit, why ? why : "");
    *b = (qc_bounds){l->min, l->max, l->min_exclusive, l->max_exclusive, l->warn_min,
                     l->warn_max, rounding_increment(l)};
    return QC_OK;
}

/* Does result i satisfy every condition of piece p? -1 when a condition's column is empty. */
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

static int push(qc_nonconforming **arr, size_t *n, qc_nonconforming e)
{
    qc_nonconforming *p = qc_grow(*arr, *n, sizeof *p);
    if (!p) return -1;
    *arr = p;
    p[(*n)++] = e;
    return 0;
}

static void tally(qc_conformity *out, const qc_judgement *j, int usrc)
{
    out->count[j->decision]++;
    out->near_limit += (size_t)j->near_limit;
    if (j->decision == QC_DEC_NOT_DECIDABLE) return;
    if (usrc == QC_USRC_ROW) out->u_row++;
    else if (usrc == QC_USRC_DEFAULT) out->u_default++;
    else out->u_none++;
    if (!isnan(j->p_conformance) &&
        (isnan(out->min_p_conformance) || j->p_conformance < out->min_p_conformance))
        out->min_p_conformance = j->p_conformance;
}

/* The piece of set that applies to result i (individual limits only); NULL with *why. */
static const qc_limit *choose(const qc_results *res, const qc_cell *c, size_t i,
                              const qc_limit_set *set, size_t *index, const char **why)
{
    *why = "no piece of the piecewise limit applies to this result";
    for (size_t p = 0; p < set->npieces; p++) {
        if (set->piece[p].applies_to != QC_APPLIES_INDIVIDUAL) continue;
        int s = selects(res, c, i, &set->piece[p]);
        if (s == 1) { *index = p; return &set->piece[p]; }
        if (s < 0) *why = "the context column this limit depends on is empty";
    }
    return NULL;
}

qc_status qc_assess_cell(const qc_results *res, const qc_cell *c, const qc_limit_set *set,
                         qc_units *units, const qc_assess_options *opt, double mean,
                         double median, qc_conformity *out, qc_error *err)
{
    memset(out, 0, sizeof *out);
    out->min_p_conformance = NAN;
    prepared *pp = calloc(set->npieces, sizeof *pp);
    if (!pp) return qc_error_set(err, QC_ENOMEM, "out of memory");
    qc_status st = QC_OK;
    for (size_t p = 0; !st && p < set->npieces; p++)
        if (!set->piece[p].not_encoded)  /* a value not encoded is judged not decidable below */
            st = qc_assess_prepare(&set->piece[p], c->indicator, units, &pp[p].b, &pp[p].to_limit, err);
    for (size_t i = 0; !st && i < c->n; i++) {
        if (qc_cell_kind(c, i) == QC_VALUE_MISSING) continue;
        qc_judgement j = {QC_DEC_NOT_DECIDABLE, NAN, 0, NULL, 0};
        size_t p = 0;
        const qc_limit *piece = choose(res, c, i, set, &p, &j.why);
        if (!piece) {
            int any_individual = 0;
            for (size_t q = 0; q < set->npieces; q++)
                any_individual |= set->piece[q].applies_to == QC_APPLIES_INDIVIDUAL;
            if (!any_individual) break;  /* only limits on the mean or median: judged below */
        } else {
            const qc_unit_map *m = &pp[p].to_limit;
            const char *rm = qc_intern_str(res->strings, qc_cell_method(c, i));
            int differs = piece->method && rm && rm[0] && strcmp(piece->method, rm) != 0;
            out->method_differs += (size_t)differs;
            if (piece->not_encoded) {
                j.why = "the limit's value is not encoded in the rules library";
            } else if (differs && opt->method_not_decidable) {
                j.why = "the result's method differs from the limit's";
            } else {
                double s = fabs(m->scale);
                qc_assess_judge(&pp[p].b, opt->rule, opt->r, (qc_value_kind)qc_cell_kind(c, i),
                                m->scale * c->x[i] + m->offset,
                                m->scale * qc_cell_lod(c, i) + m->offset,
                                s * qc_cell_U(c, i), s * qc_cell_u(c, i), &j);
            }
            if (!piece->confirmed) out->unconfirmed++;
        }
        tally(out, &j, qc_cell_usrc(c, i));
        qc_nonconforming e = {qc_cell_sample(c, i), qc_cell_line(c, i), qc_cell_file(c, i),
                              qc_cell_kind(c, i), qc_cell_usrc(c, i), c->x[i], qc_cell_U(c, i),
                              j.p_conformance, j.decision,
                              j.decision == QC_DEC_NOT_DECIDABLE ? j.why : NULL};
        if ((j.decision != QC_DEC_PASS && push(&out->nc, &out->nnc, e)) ||
            (j.in_band && push(&out->band, &out->nband, e)))
            st = qc_error_set(err, QC_ENOMEM, "out of memory");
    }
    /* limits on the group's mean or median judge the whole group once (no uncertainty) */
    for (size_t p = 0; !st && p < set->npieces; p++) {
        const qc_limit *l = &set->piece[p];
        if (l->applies_to == QC_APPLIES_INDIVIDUAL) continue;
        double x = l->applies_to == QC_APPLIES_MEAN ? mean : median;
        qc_judgement j = {QC_DEC_NOT_DECIDABLE, NAN, 0, "no value to judge the group statistic", 0};
        if (l->not_encoded) j.why = "the limit's value is not encoded in the rules library";
        else if (!isnan(x))
            qc_assess_judge(&pp[p].b, QC_RULE_SIMPLE, 0, QC_VALUE_NUMBER,
                            pp[p].to_limit.scale * x + pp[p].to_limit.offset, NAN, NAN, NAN, &j);
        tally(out, &j, QC_USRC_NONE);
        if (!l->confirmed) out->unconfirmed++;
    }
    free(pp);
    return st;
}

void qc_conformity_free(qc_conformity *c)
{
    free(c->nc);
    free(c->band);
    c->nc = c->band = NULL;
    c->nnc = c->nband = 0;
}

int qc_assess_selects(const qc_results *res, const qc_cell *c, size_t i, const qc_limit *p)
{
    return selects(res, c, i, p) == 1;
}
