/* decide.c — one result against one limit (assess.h): the simple, guarded (acceptance),
 * ILAC non-binary and guarded rejection decision rules with the guard band w = r·U, censored results as sets of values,
 * the probability of conformance, and warn bounds. Owns nothing. */
#include <math.h>
#include <gsl/gsl_cdf.h>
#include "qcompare/assess.h"

typedef struct span { double lo, hi; int lo_closed, hi_closed; } span;

const char *qc_decision_name(qc_decision d)
{
    static const char *const names[] = {"pass", "conditional_pass", "conditional_fail", "fail",
                                        "not_decidable"};
    return names[d];
}

/* Every value of s is at or above the lower end moved by w (a missing end is no constraint). */
static int above_min(const span *s, const qc_bounds *b, double w)
{
    if (isnan(b->min)) return 1;
    double m = b->min + w;
    return s->lo > m || (s->lo == m && (!b->min_exclusive || !s->lo_closed));
}

static int below_max(const span *s, const qc_bounds *b, double w)
{
    if (isnan(b->max)) return 1;
    double m = b->max - w;
    return s->hi < m || (s->hi == m && (!b->max_exclusive || !s->hi_closed));
}

/* No value of s reaches the limits widened by w. */
static int beyond(const span *s, const qc_bounds *b, double w)
{
    if (!isnan(b->min)) {
        double m = b->min - w;
        if (s->hi < m || (s->hi == m && w == 0 && (b->min_exclusive || !s->hi_closed))) return 1;
    }
    if (!isnan(b->max)) {
        double m = b->max + w;
        if (s->lo > m || (s->lo == m && w == 0 && (b->max_exclusive || !s->lo_closed))) return 1;
    }
    return 0;
}

double qc_assess_p_conformance(const qc_bounds *b, double y, double u)
{
    if (!(u > 0) || !isfinite(y)) return NAN;
    double upper = isnan(b->max) ? 1.0 : gsl_cdf_ugaussian_P((b->max - y) / u);
    double below = isnan(b->min) ? 0.0 : gsl_cdf_ugaussian_P((b->min - y) / u);
    if (isnan(b->max)) return gsl_cdf_ugaussian_Q((b->min - y) / u);  /* accurate tail */
    return upper - below;
}

void qc_assess_judge(const qc_bounds *b, qc_rule_kind rule, double r, qc_value_kind kind,
                     double x, double lod, double U, double u, qc_judgement *out)
{
    out->p_conformance = NAN;
    out->near_limit = 0;
    out->in_band = 0;
    out->why = NULL;
    span s;
    int censored = 1;
    switch (kind) {
    case QC_VALUE_NUMBER: {
        double y = b->increment > 0 ? qc_assess_round(x, b->increment) : x;
        s = (span){y, y, 1, 1};
        censored = 0;
        break;
    }
    case QC_VALUE_LT: s = (span){-INFINITY, x, 0, 0}; break;
    case QC_VALUE_LE: s = (span){-INFINITY, x, 0, 1}; break;
    case QC_VALUE_GT: s = (span){x, INFINITY, 0, 0}; break;
    case QC_VALUE_GE: s = (span){x, INFINITY, 1, 0}; break;
    case QC_VALUE_ND:
        if (isnan(lod)) {
            out->decision = QC_DEC_NOT_DECIDABLE;
            out->why = "not detected, and the row gives no lod";
            return;
        }
        s = (span){-INFINITY, lod, 0, 0};
        break;
    default:
        out->decision = QC_DEC_NOT_DECIDABLE;
        out->why = "missing value";
        return;
    }
    /* censored results and results without U: w = 0 under every rule */
    double w = (rule == QC_RULE_SIMPLE || censored || !(U > 0)) ? 0.0 : r * U;
    int inside = above_min(&s, b, 0) && below_max(&s, b, 0);
    int inside_shrunk = above_min(&s, b, w) && below_max(&s, b, w);
    if (!censored && u > 0) out->p_conformance = qc_assess_p_conformance(b, x, u);
    if (censored && !inside && !beyond(&s, b, 0)) {
        out->decision = QC_DEC_NOT_DECIDABLE;
        out->why = "the censored value straddles the limit";
        return;
    }
    switch (rule) {
    case QC_RULE_SIMPLE: out->decision = inside ? QC_DEC_PASS : QC_DEC_FAIL; break;
    case QC_RULE_GUARDED: out->decision = inside_shrunk ? QC_DEC_PASS : QC_DEC_FAIL; break;
    case QC_RULE_GUARDED_REJECTION:
        /* fail only beyond the limit by more than w; a result outside the limit but within w
         * of it passes, and is marked so (the benefit of the doubt goes to the product) */
        out->decision = beyond(&s, b, w) ? QC_DEC_FAIL : QC_DEC_PASS;
        out->in_band = out->decision == QC_DEC_PASS && !inside;
        break;
    case QC_RULE_NONBINARY:
        out->decision = inside_shrunk ? QC_DEC_PASS
                        : inside      ? QC_DEC_CONDITIONAL_PASS
                        : !beyond(&s, b, w) ? QC_DEC_CONDITIONAL_FAIL
                                            : QC_DEC_FAIL;
        break;
    }
    if (out->decision == QC_DEC_PASS && !censored &&
        ((!isnan(b->warn_min) && s.lo < b->warn_min) || (!isnan(b->warn_max) && s.hi > b->warn_max)))
        out->near_limit = 1;
}

qc_decision qc_assess_decide(const qc_bounds *b, qc_value_kind kind, double x, double lod,
                             const char **why)
{
    qc_judgement j;
    qc_assess_judge(b, QC_RULE_SIMPLE, 0, kind, x, lod, NAN, NAN, &j);
    if (why && j.why) *why = j.why;
    return j.decision;
}
