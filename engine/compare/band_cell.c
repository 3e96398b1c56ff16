/* band_cell.c — the verdict of one cell of a standards comparison (std_internal.h;
 * docs/standards.md "Equivalence within the stated precision", "Methods that decide"): what
 * A applies against what B applies, bound by bound, equal within the precision the limits are
 * stated to, an exclusive bound the stricter at the same value, not_encoded when either side's
 * value is unknown, not_comparable when units do not convert or declared methods differ.
 * Owns nothing. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "std_internal.h"

static int close_to(double x, double y)
{
    return x == y || fabs(x - y) <= QC_STD_EQUIVALENT_RTOL * fmax(fabs(x), fabs(y));
}

/* +1 A stricter, 0 same, −1 A looser on one bound; lower: a higher bound is stricter. *within:
 * equal only within the stated precision; *tol: the tolerance used. */
static int cmp_bound(const qc_std_bound *a, const qc_std_bound *b, int lower, int *within,
                     double *tol)
{
    if (isnan(a->v) && isnan(b->v)) return 0;
    if (isnan(b->v)) return 1;  /* a missing bound is the loosest */
    if (isnan(a->v)) return -1;
    int exact = a->exact && b->exact;
    double t = exact ? 0 : fmax(a->tol, b->tol);
    if (t > *tol) *tol = t;
    if (close_to(a->v, b->v)) return a->x == b->x ? 0 : a->x ? 1 : -1;
    if (!exact && fabs(a->v - b->v) <= t * (1 + 1e-9)) { *within = 1; return 0; }
    return (lower ? a->v > b->v : a->v < b->v) ? 1 : -1;
}

void qc_std_cell_compare(const qc_rules *r, const char *indicator, const qc_std_eff *a,
                         const qc_std_eff *b, qc_std_band *o)
{
    o->verdict = QC_STD_NOT_COMPARABLE;
    o->a_min = a->lo.v; o->a_max = a->hi.v; o->b_min = b->lo.v; o->b_max = b->hi.v;
    o->a_min_x = a->lo.x; o->a_max_x = a->hi.x; o->b_min_x = b->lo.x; o->b_max_x = b->hi.x;
    o->difference = NAN;
    if (a->not_encoded || b->not_encoded) {
        o->verdict = QC_STD_NOT_ENCODED;
        o->not_encoded = (a->not_encoded ? 1 : 0) | (b->not_encoded ? 2 : 0);
        if (a->not_encoded)
            qc_message_append(o->reason, sizeof o->reason, "A's value is not encoded: %s",
                              a->why_not_encoded);
        if (b->not_encoded)
            qc_message_append(o->reason, sizeof o->reason, "%sB's value is not encoded: %s",
                              a->not_encoded ? "; " : "", b->why_not_encoded);
        return;
    }
    if (a->bad_units || b->bad_units) {
        snprintf(o->reason, sizeof o->reason, "units do not convert: \"%s\" to \"%s\"",
                 a->bad_units ? a->bad_unit : b->bad_unit, a->bad_units ? a->bad_to : b->bad_to);
        return;
    }
    if (a->method && b->method && strcmp(a->method, b->method) != 0) {
        const char *why = NULL;
        int eq = qc_rules_methods_equivalent(r, indicator, a->method, b->method, &why);
        o->method_differs = 1;
        if (eq == 0) {
            snprintf(o->reason, sizeof o->reason, "methods not equivalent (%s vs %s): %s", a->method,
                     b->method, why ? why : "declared in methods.json");
            return;
        }
        if (eq == 1)
            snprintf(o->reason, sizeof o->reason, "methods differ (%s vs %s), declared equivalent: %s",
                     a->method, b->method, why ? why : "");
        else
            snprintf(o->reason, sizeof o->reason, "methods differ (%s vs %s); their equivalence is "
                     "not declared in methods.json", a->method, b->method);
    }
    int within = 0;
    double tol = 0;
    int cl = cmp_bound(&a->lo, &b->lo, 1, &within, &tol);
    int ch = cmp_bound(&a->hi, &b->hi, 0, &within, &tol);
    o->tolerance = tol;
    int amin = !isnan(a->lo.v), amax = !isnan(a->hi.v), bmin = !isnan(b->lo.v), bmax = !isnan(b->hi.v);
    if (amin != amax && bmin != bmax && amin == bmin) {
        const qc_std_bound *x = amin ? &a->lo : &a->hi, *y = amin ? &b->lo : &b->hi;
        o->difference = x->v - y->v;
        /* both written in the comparison unit: the difference to the decimals they are
         * written to (0.55 − 0.50 is 0.05, not 0.050000000000000044) */
        int d = x->dp > y->dp ? x->dp : y->dp;
        if (x->exact && y->exact && x->dp != QC_DP_UNKNOWN && y->dp != QC_DP_UNKNOWN && d <= 15 &&
            d >= -15)
            o->difference = round(o->difference * pow(10, d)) / pow(10, d);
        else {
            /* a converted bound: the difference to 12 significant digits of the larger bound
             * (49 − 49.03325 is −0.03325, not −0.03325000000000955) */
            double m = fmax(fabs(x->v), fabs(y->v));
            if (m > 0 && isfinite(m)) {
                int dd = 12 - (int)ceil(log10(m));
                if (dd >= -15 && dd <= 15) {
                    double r = round(o->difference * pow(10, dd)) / pow(10, dd);
                    if (isfinite(r)) o->difference = r;
                }
            }
        }
    }
    char note[160] = "";
    if ((amin && bmin && close_to(a->lo.v, b->lo.v) && cl) || (amax && bmax && close_to(a->hi.v, b->hi.v) && ch))
        snprintf(note, sizeof note, "same value; the exclusive bound (<, >) is the stricter");
    else if (within)
        snprintf(note, sizeof note, "equal within the precision the limits are stated to (±%g in "
                 "the comparison unit)", tol);
    if (cl >= 0 && ch >= 0) o->verdict = cl || ch ? QC_STD_STRICTER : QC_STD_EQUIVALENT;
    else if (cl <= 0 && ch <= 0) o->verdict = QC_STD_LOOSER;
    else {
        o->verdict = QC_STD_MIXED;
        if (amin != amax && bmin != bmax)
            snprintf(note, sizeof note, "bounds on different sides: A sets only a %s, B only a %s",
                     amin ? "minimum" : "maximum", bmin ? "minimum" : "maximum");
        else
            snprintf(note, sizeof note, "ranges cross: A is %s on the minimum%s and %s on the "
                     "maximum%s", cl > 0 ? "stricter" : "looser", amin ? "" : " (A has none)",
                     ch > 0 ? "stricter" : "looser", amax ? "" : " (A has none)");
    }
    if (note[0]) qc_message_append(o->reason, sizeof o->reason, "%s%s", o->reason[0] ? "; " : "", note);
}
