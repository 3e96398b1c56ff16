/* market.c — market access (DESIGN §5, issues 5 and 12): for one product's group and one
 * market, the regulations of that market that apply to the product, each judged on every limit
 * with the study's decision rule; the decisions are tallied and mapped to one outcome exactly as
 * the product's verdict per standard is (outcome.c): pass / fail / conditional / not_decidable /
 * not_tested.
 * A regulation with several grades (product variants: AC-DC vs low-voltage supplies, HWPW vs
 * MDF panels) applies through the grade the study lists for the product; without one it is
 * not tested, with the reason. Owns the arrays of qc_market_access. */
#include <stdlib.h>
#include <string.h>
#include "qcompare/grow.h"
#include "qcompare/assess.h"

static int push(qc_market_item **arr, size_t *n, qc_market_item it)
{
    qc_market_item *p = qc_grow(*arr, *n, sizeof *p);
    if (!p) return -1;
    *arr = p;
    p[(*n)++] = it;
    return 0;
}

static const qc_cell *find_cell(const qc_results *res, const qc_product *p, const char *ind,
                                uint32_t group)
{
    for (size_t i = 0; i < res->ncells; i++) {
        const qc_cell *c = &res->cells[i];
        if (c->product == p && c->group == group && strcmp(c->indicator->id, ind) == 0) return c;
    }
    return NULL;
}

/* The grade of regulation st that applies to the product in this study, or NULL. */
static const qc_grade *applicable_grade(const qc_standard *st, const qc_study_product *sp)
{
    for (size_t k = 0; k < sp->nstandards; k++)
        if (sp->standards[k].standard == st) return sp->standards[k].grade;
    return st->ngrades == 1 ? &st->grades[0] : NULL;
}

static int lists_product(const qc_standard *st, const qc_product *p)
{
    for (size_t i = 0; i < st->nproducts; i++)
        if (strcmp(st->products[i], p->id) == 0) return 1;
    return 0;
}

/* In force at date: not withdrawn, effective (when given) on or before it. */
static int in_force(const qc_standard *st, const char *date)
{
    return strcmp(st->status, "withdrawn") != 0 &&
           (!st->effective || strcmp(st->effective, date) <= 0);
}

qc_status qc_assess_market(const qc_results *res, const qc_rules *rules,
                           const qc_study_product *sp, uint32_t group, const char *market,
                           const char *date, const qc_assess_options *opt,
                           qc_market_access *out, qc_error *err)
{
    memset(out, 0, sizeof *out);
    out->market = market;
    size_t nreg;
    const uint32_t *reg = qc_rules_regulations(rules, &nreg);
    for (size_t r = 0; r < nreg; r++) {
        const qc_standard *st = &rules->standards[reg[r]];
        if (strcmp(st->kind, "regulation") != 0 || !st->market || strcmp(st->market, market) != 0 ||
            !lists_product(st, sp->product) || !in_force(st, date))
            continue;
        out->nregulations++;
        const qc_grade *g = applicable_grade(st, sp);
        qc_market_item whole = {st, g, NULL, {{0}, 1}, NULL};
        if (!g) {
            whole.what = "the regulation has several product variants (grades): list the one "
                         "that applies in the product's standards";
        } else {
            size_t nlimits = 0;
            for (const qc_grade *h = g; h; h = h->inherits ? qc_standard_grade(st, h->inherits) : NULL)
                nlimits += h->nsets;
            if (!nlimits)
                whole.what = "the regulation sets no limit the engine can judge (reporting "
                             "duties, formulas): check it by hand";
        }
        if (whole.what) {
            out->total.untested++;
            if (push(&out->items, &out->nitems, whole))
                return qc_error_set(err, QC_ENOMEM, "out of memory");
            continue;
        }
        for (const qc_grade *h = g; h; h = h->inherits ? qc_standard_grade(st, h->inherits) : NULL)
            for (size_t k = 0; k < h->nsets; k++) {
                const qc_limit_set *set = qc_standard_limits(st, g, h->sets[k].indicator);
                if (set != &h->sets[k]) continue;
                const qc_cell *c = find_cell(res, sp->product, set->indicator, group);
                qc_market_item it = {st, g, set->indicator, {{0}, 0}, NULL};
                if (!c || c->n == c->n_missing) {
                    it.tally.untested = 1;
                    it.what = "no results";
                } else {
                    double mean, median;
                    qc_assess_centre(opt, c, &mean, &median);
                    qc_conformity conf;
                    qc_status s = qc_assess_cell(res, c, set, rules->units, opt, mean, median,
                                                 &conf, err);
                    if (s) return s;
                    qc_tally_add(&it.tally, &conf);
                    qc_conformity_free(&conf);
                }
                qc_tally_merge(&out->total, &it.tally);
                if ((it.what || qc_assess_outcome(&it.tally) != QC_OUTCOME_PASS) &&
                    push(&out->items, &out->nitems, it))
                    return qc_error_set(err, QC_ENOMEM, "out of memory");
            }
    }
    out->status = qc_assess_outcome(&out->total);
    return QC_OK;
}

void qc_market_access_free(qc_market_access *m)
{
    free(m->items);
    m->items = NULL;
    m->nitems = 0;
}
