/* standards.c — one standard (grade) against another, indicator by indicator (standards.h;
 * DESIGN §5 "standards comparison", §6 `standards_comparison[]`): matching indicators by
 * canonical id, converting B's limits into A's unit, the direction-aware verdicts, coverage and
 * stricter_or_equal, and the JSON entry. Owns the qc_std_comparison it fills; also re-reads a
 * standard's file for the fields the rule structs do not keep (qc_standard_document). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/jsonfile.h"
#include "qcompare/standards.h"

static const char *const verdict_names[] = {"stricter", "equivalent", "looser",
                                            "only_in_a", "only_in_b", "not_comparable"};

const char *qc_std_verdict_name(qc_std_verdict v)
{
    return (unsigned)v < 6 ? verdict_names[v] : "unknown";
}


/* ---------- pieces ---------- */
static int close_to(double x, double y)
{
    return x == y || fabs(x - y) <= QC_STD_EQUIVALENT_RTOL * fmax(fabs(x), fabs(y));
}

static int same_cond(const qc_condition *x, const qc_condition *y)
{
    return strcmp(x->column, y->column) == 0 && isnan(x->min) == isnan(y->min) &&
           isnan(x->max) == isnan(y->max) && (isnan(x->min) || close_to(x->min, y->min)) &&
           (isnan(x->max) || close_to(x->max, y->max)) && !x->equals == !y->equals &&
           (!x->equals || strcmp(x->equals, y->equals) == 0);
}

/* Same (applies_to, when): the pieces select the same results. */
static int same_key(const qc_limit *x, const qc_limit *y)
{
    if (x->applies_to != y->applies_to || x->nwhen != y->nwhen) return 0;
    for (size_t i = 0; i < x->nwhen; i++) {
        size_t j = 0;
        while (j < y->nwhen && !same_cond(&x->when[i], &y->when[j])) j++;
        if (j == y->nwhen) return 0;
    }
    return 1;
}

static const char *applies_name(qc_applies a)
{
    return a == QC_APPLIES_MEAN ? "mean" : a == QC_APPLIES_MEDIAN ? "median" : "individual";
}

/* Appends the pieces' keys, "nominal_diameter 6–25; nominal_diameter 28–40", to buf. */
static void describe_keys(const qc_limit_set *set, char *buf, size_t size)
{
    for (size_t i = 0; i < set->npieces; i++) {
        const qc_limit *p = &set->piece[i];
        qc_message_append(buf, size, "%s%s", i ? "; " : "", p->nwhen ? "" : "all results");
        for (size_t k = 0; k < p->nwhen; k++) {
            const qc_condition *c = &p->when[k];
            if (c->equals) qc_message_append(buf, size, "%s%s = %s", k ? ", " : "", c->column, c->equals);
            else if (isnan(c->min)) qc_message_append(buf, size, "%s%s ≤ %g", k ? ", " : "", c->column, c->max);
            else if (isnan(c->max)) qc_message_append(buf, size, "%s%s ≥ %g", k ? ", " : "", c->column, c->min);
            else qc_message_append(buf, size, "%s%s %g–%g", k ? ", " : "", c->column, c->min, c->max);
        }
        if (p->applies_to != QC_APPLIES_INDIVIDUAL)
            qc_message_append(buf, size, " (%s)", applies_name(p->applies_to));
    }
}

/* +1 A stricter, 0 same, −1 A looser on one bound; lower: a higher bound is stricter. */
static int cmp_bound(double a, int ax, double b, int bx, int lower)
{
    if (isnan(a) && isnan(b)) return 0;
    if (isnan(b)) return 1;   /* a missing bound is the loosest */
    if (isnan(a)) return -1;
    if (close_to(a, b)) return ax == bx ? 0 : ax ? 1 : -1;
    return (lower ? a > b : a < b) ? 1 : -1;
}

/* Compares piece pa (A) with pb (B): B's bounds in A's unit, the difference, the verdict. */
static void cmp_piece(const qc_rules *r, const qc_limit *pa, const qc_limit *pb, qc_std_piece *o,
                      char *reason, size_t rsize, char *note, size_t nsize)
{
    qc_unit_map m;
    const char *why = NULL;
    o->b_min = o->b_max = o->difference = NAN;
    o->verdict = QC_STD_NOT_COMPARABLE;
    if (qc_units_map(r->units, pb->unit, pa->unit, &m, &why)) {
        qc_message_append(reason, rsize, "units do not convert: \"%s\" to \"%s\"%s%s", pb->unit, pa->unit,
            why ? ": " : "", why ? why : "");
        return;
    }
    /* scale > 0 for every physical unit pair, so min stays min */
    double lo = m.scale * pb->min + m.offset, hi = m.scale * pb->max + m.offset;
    o->b_min = lo;
    o->b_max = hi;
    int amin = !isnan(pa->min), amax = !isnan(pa->max), bmin = !isnan(lo), bmax = !isnan(hi);
    if (amin != amax && bmin != bmax && amin == bmin)
        o->difference = amin ? pa->min - lo : pa->max - hi;
    int cl = cmp_bound(pa->min, pa->min_exclusive, lo, pb->min_exclusive, 1);
    int ch = cmp_bound(pa->max, pa->max_exclusive, hi, pb->max_exclusive, 0);
    if ((amin && bmin && close_to(pa->min, lo) && cl) ||
        (amax && bmax && close_to(pa->max, hi) && ch))
        qc_message_append(note, nsize, "same value; the exclusive bound (<, >) is the stricter");
    if (cl >= 0 && ch >= 0) o->verdict = cl || ch ? QC_STD_STRICTER : QC_STD_EQUIVALENT;
    else if (cl <= 0 && ch <= 0) o->verdict = QC_STD_LOOSER;
    else if (amin != amax && bmin != bmax)
        qc_message_append(reason, rsize, "bounds on different sides: A sets only a %s, B only a %s",
            amin ? "minimum" : "maximum", bmin ? "minimum" : "maximum");
    else
        qc_message_append(reason, rsize, "ranges cross: A is %s on the minimum%s and %s on the maximum%s",
            cl > 0 ? "stricter" : "looser", amin ? "" : " (A has none)",
            ch > 0 ? "stricter" : "looser", amax ? "" : " (A has none)");
}

static int methods_differ(const qc_limit *x, const qc_limit *y)
{
    return x->method && y->method && strcmp(x->method, y->method) != 0;
}

/* Matches A's pieces with B's by (applies_to, when); 0 when they do not pair up. */
static int match_pieces(const qc_limit_set *a, const qc_limit_set *b, qc_std_piece *p)
{
    if (a->npieces != b->npieces) return 0;
    for (size_t i = 0; i < a->npieces; i++) {
        size_t j = 0;
        while (j < b->npieces && !same_key(&a->piece[i], &b->piece[j])) j++;
        for (size_t k = 0; k < i && j < b->npieces; k++)
            if (p[k].b_piece == j) j = b->npieces;  /* a B piece pairs with one A piece */
        if (j == b->npieces) return 0;
        p[i].b_piece = j;
    }
    return 1;
}

/* Compares the limits of one indicator both standards set. */
static qc_status cmp_sets(const qc_rules *r, qc_std_item *it)
{
    const qc_limit_set *a = it->a, *b = it->b;
    size_t n = a->npieces;
    qc_std_piece *p = calloc(n, sizeof *p);
    if (!p) return QC_ENOMEM;
    int matched = match_pieces(a, b, p);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < b->npieces; j++)
            if ((!matched || p[i].b_piece == j) && methods_differ(&a->piece[i], &b->piece[j]))
                it->method_differs = 1;
    it->verdict = QC_STD_NOT_COMPARABLE;
    if (!matched) {
        free(p);
        if (n == 1 && b->npieces == 1 && !a->piece[0].nwhen && !b->piece[0].nwhen) {
            qc_message_append(it->reason, sizeof it->reason, "different applies_to: A limits the %s, B the %s",
                applies_name(a->piece[0].applies_to), applies_name(b->piece[0].applies_to));
            return QC_OK;
        }
        qc_message_append(it->reason, sizeof it->reason, "piecewise limits with different conditions: A: ");
        describe_keys(a, it->reason, sizeof it->reason);
        qc_message_append(it->reason, sizeof it->reason, "; B: ");
        describe_keys(b, it->reason, sizeof it->reason);
        return QC_OK;
    }
    it->pieces = p;
    it->npieces = n;
    int seen[6] = {0};
    char why[sizeof it->reason] = "", note[160] = "";
    for (size_t i = 0; i < n; i++) {
        char rs[256] = "";
        cmp_piece(r, &a->piece[i], &b->piece[p[i].b_piece], &p[i], rs, sizeof rs, note,
                  sizeof note);
        seen[p[i].verdict] = 1;
        if (rs[0] && !why[0] && n > 1) qc_message_append(why, sizeof why, "piece %zu: %s", i + 1, rs);
        else if (rs[0] && !why[0]) qc_message_append(why, sizeof why, "%s", rs);
    }
    if (n == 1) {
        it->difference = p[0].difference;
        double bb = !isnan(p[0].b_min) ? p[0].b_min : p[0].b_max;
        if (!isnan(it->difference) && bb != 0) it->relative_difference = it->difference / fabs(bb);
    }
    if (why[0]) qc_message_append(it->reason, sizeof it->reason, "%s", why);
    else if (seen[QC_STD_STRICTER] && seen[QC_STD_LOOSER])
        qc_message_append(it->reason, sizeof it->reason, "stricter in some pieces, looser in others");
    else {
        it->verdict = seen[QC_STD_STRICTER] ? QC_STD_STRICTER
                      : seen[QC_STD_LOOSER] ? QC_STD_LOOSER : QC_STD_EQUIVALENT;
        qc_message_append(it->reason, sizeof it->reason, "%s", note);
    }
    return QC_OK;
}

/* ---------- the comparison ---------- */

static int cmp_name(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Adds the indicators grade g of s limits (following `inherits`) to names, without repeats;
 * with names NULL, counts the sets. */
static size_t add_names(const qc_standard *s, const qc_grade *g, const char **names, size_t n)
{
    for (size_t hops = 0; g && hops <= s->ngrades; hops++) {
        for (size_t k = 0; k < g->nsets; k++) {
            size_t i = 0;
            while (names && i < n && strcmp(names[i], g->sets[k].indicator) != 0) i++;
            if (names && i < n) continue;  /* already there */
            if (names) names[n] = g->sets[k].indicator;
            n++;
        }
        g = g->inherits ? qc_standard_grade(s, g->inherits) : NULL;
    }
    return n;
}

static int unconfirmed(const qc_limit_set *set)
{
    for (size_t i = 0; set && i < set->npieces; i++)
        if (!set->piece[i].confirmed) return 1;
    return 0;
}

qc_status qc_standards_compare(const qc_rules *r, const qc_standard *a, const qc_grade *ga,
                               const qc_standard *b, const qc_grade *gb, qc_std_comparison *out,
                               qc_error *err)
{
    memset(out, 0, sizeof *out);
    if (!ga && a->ngrades == 1) ga = &a->grades[0];
    if (!gb && b->ngrades == 1) gb = &b->grades[0];
    if (!ga || !gb)
        return qc_error_set(err, QC_EUSAGE, "standard \"%s\" has grades: name one",
                            (!ga ? a : b)->id);
    out->a = a; out->b = b; out->ga = ga; out->gb = gb;
    size_t n = add_names(a, ga, NULL, 0) + add_names(b, gb, NULL, 0);
    const char **names = calloc(n + 1, sizeof *names);
    out->items = calloc(n + 1, sizeof *out->items);
    if (!names || !out->items) {
        free(names);
        qc_std_comparison_free(out);
        return qc_error_set(err, QC_ENOMEM, "out of memory");
    }
    n = add_names(b, gb, names, add_names(a, ga, names, 0));
    qsort(names, n, sizeof *names, cmp_name);
    size_t in_b = 0, both = 0;
    for (size_t i = 0; i < n; i++) {
        qc_std_item *it = &out->items[out->nitems++];
        it->indicator = names[i];
        it->a = qc_standard_limits(a, ga, names[i]);
        it->b = qc_standard_limits(b, gb, names[i]);
        it->difference = it->relative_difference = NAN;
        it->unconfirmed_a = unconfirmed(it->a);
        it->unconfirmed_b = unconfirmed(it->b);
        in_b += it->b != NULL;
        if (!it->b) it->verdict = QC_STD_ONLY_IN_A;
        else if (!it->a) it->verdict = QC_STD_ONLY_IN_B;
        else {
            both++;
            if (cmp_sets(r, it)) {
                free(names);
                qc_std_comparison_free(out);
                return qc_error_set(err, QC_ENOMEM, "out of memory");
            }
        }
        out->count[it->verdict]++;
    }
    free(names);
    size_t compared = out->count[QC_STD_STRICTER] + out->count[QC_STD_EQUIVALENT] +
                      out->count[QC_STD_LOOSER];
    out->coverage = in_b ? (double)both / (double)in_b : NAN;
    out->stricter_or_equal = compared ? (double)(out->count[QC_STD_STRICTER] +
                                                 out->count[QC_STD_EQUIVALENT]) / (double)compared
                                      : NAN;
    return QC_OK;
}

void qc_std_comparison_free(qc_std_comparison *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->nitems; i++) free(c->items[i].pieces);
    free(c->items);
    memset(c, 0, sizeof *c);
}

/* ---------- JSON ---------- */
static void add_num(cJSON *o, const char *key, double x)
{
    if (isfinite(x)) cJSON_AddNumberToObject(o, key, x);
    else cJSON_AddNullToObject(o, key);
}

/* The limit as the standard states it: one object, or the array of its pieces; null if none. */
static cJSON *limit_json(const qc_limit_set *set)
{
    if (!set) return cJSON_CreateNull();
    if (set->npieces == 1) return cJSON_Duplicate(set->piece[0].json, 1);
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < set->npieces; i++)
        cJSON_AddItemToArray(arr, cJSON_Duplicate(set->piece[i].json, 1));
    return arr;
}

static cJSON *item_json(const qc_std_item *it)
{
    cJSON *o = cJSON_CreateObject();
    const qc_limit_set *u = it->a ? it->a : it->b;
    cJSON_AddStringToObject(o, "indicator", it->indicator);
    cJSON_AddStringToObject(o, "unit", u->piece[0].unit);
    cJSON_AddItemToObject(o, "a_limit", limit_json(it->a));
    cJSON_AddItemToObject(o, "b_limit", limit_json(it->b));
    cJSON_AddStringToObject(o, "verdict", qc_std_verdict_name(it->verdict));
    add_num(o, "difference", it->difference);
    add_num(o, "relative_difference", it->relative_difference);
    cJSON_AddBoolToObject(o, "method_differs", it->method_differs);
    cJSON *flags = cJSON_AddArrayToObject(o, "flags");
    if (it->unconfirmed_a) cJSON_AddItemToArray(flags, cJSON_CreateString("unconfirmed_a_limit"));
    if (it->unconfirmed_b) cJSON_AddItemToArray(flags, cJSON_CreateString("unconfirmed_b_limit"));
    if (it->reason[0])
        cJSON_AddStringToObject(o, it->verdict == QC_STD_NOT_COMPARABLE ? "reason" : "note",
                                it->reason);
    int converted = 0;
    for (size_t i = 0; i < it->npieces; i++)
        converted |= strcmp(it->a->piece[i].unit, it->b->piece[it->pieces[i].b_piece].unit) != 0;
    if (converted && it->npieces == 1) {
        cJSON *c = cJSON_AddObjectToObject(o, "b_limit_in_a_unit");
        add_num(c, "min", it->pieces[0].b_min);
        add_num(c, "max", it->pieces[0].b_max);
        cJSON_AddStringToObject(c, "unit", it->a->piece[0].unit);
    }
    if (it->npieces > 1) {
        cJSON *ps = cJSON_AddArrayToObject(o, "pieces");
        for (size_t i = 0; i < it->npieces; i++) {
            const qc_limit *p = &it->a->piece[i];
            cJSON *e = cJSON_CreateObject(), *w = NULL;
            if (p->json) w = cJSON_GetObjectItemCaseSensitive(p->json, "when");
            cJSON_AddItemToObject(e, "when", w ? cJSON_Duplicate(w, 1) : cJSON_CreateNull());
            cJSON_AddStringToObject(e, "applies_to", applies_name(p->applies_to));
            cJSON_AddStringToObject(e, "verdict", qc_std_verdict_name(it->pieces[i].verdict));
            add_num(e, "difference", it->pieces[i].difference);
            if (converted) {
                add_num(e, "b_min_in_a_unit", it->pieces[i].b_min);
                add_num(e, "b_max_in_a_unit", it->pieces[i].b_max);
            }
            cJSON_AddItemToArray(ps, e);
        }
    }
    return o;
}

cJSON *qc_standards_compare_json(const qc_rules *r, const qc_standard *a, const qc_grade *ga,
                                 const qc_standard *b, const qc_grade *gb, qc_error *err)
{
    qc_std_comparison c;
    if (qc_standards_compare(r, a, ga, b, gb, &c, err)) return NULL;
    cJSON *o = cJSON_CreateObject();
    const qc_standard *sides[2] = {a, b};
    const qc_grade *grades[2] = {c.ga, c.gb};
    for (int k = 0; k < 2; k++) {
        cJSON *side = cJSON_AddObjectToObject(o, k ? "b" : "a");
        cJSON_AddStringToObject(side, "id", sides[k]->id);
        cJSON_AddStringToObject(side, "grade", grades[k]->name);
    }
    cJSON *inds = cJSON_AddArrayToObject(o, "indicators");
    for (size_t i = 0; i < c.nitems; i++) cJSON_AddItemToArray(inds, item_json(&c.items[i]));
    add_num(o, "coverage", c.coverage);
    add_num(o, "stricter_or_equal", c.stricter_or_equal);
    cJSON *counts = cJSON_AddObjectToObject(o, "counts");
    for (int v = 0; v < 6; v++)
        cJSON_AddNumberToObject(counts, verdict_names[v], (double)c.count[v]);
    cJSON *notes = cJSON_AddArrayToObject(o, "notes");
    if (isnan(c.coverage))
        cJSON_AddItemToArray(notes, cJSON_CreateString("coverage: null, B limits no indicator"));
    if (isnan(c.stricter_or_equal))
        cJSON_AddItemToArray(notes, cJSON_CreateString("stricter_or_equal: null, no indicator "
                                                       "could be compared"));
    qc_std_comparison_free(&c);
    return o;
}

qc_status qc_standard_document(const qc_standard *s, cJSON **doc, qc_error *err)
{
    char sha[65];
    qc_status st = qc_json_load(s->path, doc, sha, err);
    if (st) return st;
    if (strcmp(sha, s->sha256) != 0) {
        cJSON_Delete(*doc);
        *doc = NULL;
        return qc_error_set(err, QC_ERULES, "%s: changed since the rules were loaded", s->path);
    }
    return QC_OK;
}
