/* decide.c — one result against one limit under the simple decision rule (assess.h).
 * A result is a set of possible true values: a number is a point; "<x" is (−∞, x); "≤x" is
 * (−∞, x]; ">x" is (x, ∞); "≥x" is [x, ∞); ND is (−∞, lod). The acceptance set of the limit is
 * [min, max] with exclusive ends where the limit says so. Pass when the result set lies in the
 * acceptance set, fail when they do not meet, otherwise not decidable. */
#include <math.h>
#include "qcompare/assess.h"

typedef struct span { double lo, hi; int lo_closed, hi_closed; } span;

const char *qc_decision_name(qc_decision d)
{
    static const char *const names[] = {"pass", "fail", "not_decidable"};
    return names[d];
}

/* Every value of s is at or above the limit's lower end (a missing end is no constraint). */
static int above_min(const span *s, const qc_bounds *b)
{
    if (isnan(b->min)) return 1;
    return s->lo > b->min || (s->lo == b->min && (!b->min_exclusive || !s->lo_closed));
}

static int below_max(const span *s, const qc_bounds *b)
{
    if (isnan(b->max)) return 1;
    return s->hi < b->max || (s->hi == b->max && (!b->max_exclusive || !s->hi_closed));
}

/* No value of s reaches the acceptance set. */
static int disjoint(const span *s, const qc_bounds *b)
{
    if (!isnan(b->min) && (s->hi < b->min || (s->hi == b->min && (b->min_exclusive || !s->hi_closed))))
        return 1;
    if (!isnan(b->max) && (s->lo > b->max || (s->lo == b->max && (b->max_exclusive || !s->lo_closed))))
        return 1;
    return 0;
}

qc_decision qc_assess_decide(const qc_bounds *b, qc_value_kind kind, double x, double lod,
                             const char **why)
{
    span s = {x, x, 1, 1};
    switch (kind) {
    case QC_VALUE_NUMBER: break;
    case QC_VALUE_LT: s = (span){-INFINITY, x, 0, 0}; break;
    case QC_VALUE_LE: s = (span){-INFINITY, x, 0, 1}; break;
    case QC_VALUE_GT: s = (span){x, INFINITY, 0, 0}; break;
    case QC_VALUE_GE: s = (span){x, INFINITY, 1, 0}; break;
    case QC_VALUE_ND:
        if (isnan(lod)) {
            if (why) *why = "not detected, and the row gives no lod";
            return QC_DEC_NOT_DECIDABLE;
        }
        s = (span){-INFINITY, lod, 0, 0};
        break;
    case QC_VALUE_MISSING:
        if (why) *why = "missing value";
        return QC_DEC_NOT_DECIDABLE;
    }
    if (above_min(&s, b) && below_max(&s, b)) return QC_DEC_PASS;
    if (disjoint(&s, b)) return QC_DEC_FAIL;
    if (why) *why = "the censored value straddles the limit";
    return QC_DEC_NOT_DECIDABLE;
}
