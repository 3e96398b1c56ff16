/* outcome.c — one decision, reported the same everywhere (assess.h): the tally of per-result
 * decisions that a product's verdict per standard, its grades and its market access each sum
 * up, the one mapping from a tally to an outcome, and the outcome's names in the output. Also
 * the lookup of a group's centre for limits on its mean or median. Owns nothing. */
#include <math.h>
#include "qcompare/assess.h"

void qc_tally_add(qc_tally *t, const qc_conformity *c)
{
    for (int d = 0; d < QC_NDECISIONS; d++) t->count[d] += c->count[d];
}

void qc_tally_merge(qc_tally *a, const qc_tally *b)
{
    for (int d = 0; d < QC_NDECISIONS; d++) a->count[d] += b->count[d];
    a->untested += b->untested;
}

size_t qc_tally_judged(const qc_tally *t)
{
    size_t n = 0;
    for (int d = 0; d < QC_NDECISIONS; d++) n += t->count[d];
    return n;
}

qc_outcome qc_assess_outcome(const qc_tally *t)
{
    if (t->count[QC_DEC_FAIL]) return QC_OUTCOME_FAIL;
    if (t->count[QC_DEC_CONDITIONAL_FAIL]) return QC_OUTCOME_CONDITIONAL;
    if (t->untested || !qc_tally_judged(t)) return QC_OUTCOME_NOT_TESTED;
    if (t->count[QC_DEC_NOT_DECIDABLE]) return QC_OUTCOME_NOT_DECIDABLE;
    if (t->count[QC_DEC_CONDITIONAL_PASS]) return QC_OUTCOME_CONDITIONAL;
    return QC_OUTCOME_PASS;
}

const char *qc_outcome_name(qc_outcome o)
{
    static const char *const names[] = {"pass", "conditional", "not_decidable", "not_tested",
                                        "fail"};
    return names[o];
}

const char *qc_outcome_verdict(qc_outcome o)
{
    static const char *const names[] = {"conforms", "conditional", "not_decidable",
                                        "not_tested", "does_not_conform"};
    return names[o];
}

void qc_assess_centre(const qc_assess_options *opt, const qc_cell *c, double *mean,
                      double *median)
{
    *mean = *median = NAN;
    for (size_t i = 0; opt && i < opt->ncentres; i++)
        if (opt->centres[i].cell == c) {
            *mean = opt->centres[i].mean;
            *median = opt->centres[i].median;
            return;
        }
}
