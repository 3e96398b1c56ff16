/* standards.c — one standard (grade) against another, indicator by indicator (standards.h;
 * DESIGN §5 "standards comparison", §6 `standards_comparison[]`, §9): which indicators each side
 * limits (its own and the ones its limits are derived into, one id per quantity), the verdict
 * of each over the common domain (bands.c), coverage and stricter_or_equal, and the JSON entry
 * with each side's status at the date. Owns the qc_std_comparison it fills; also re-reads a
 * standard's file for the fields the rule structs do not keep (qc_standard_document). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/jsonfile.h"
#include "std_internal.h"

static const char *const verdict_names[QC_STD_NVERDICTS] = {
    "stricter", "equivalent", "looser", "only_in_a", "only_in_b", "not_comparable", "mixed",
    "not_encoded"};

const char *qc_std_verdict_name(qc_std_verdict v)
{
    return (unsigned)v < QC_STD_NVERDICTS ? verdict_names[v] : "unknown";
}

/* ---------- what each side limits ---------- */

static int cmp_name(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Calls fn for every limit set grade g of s applies (following `inherits`; a set overridden
 * by a derived grade is skipped). */
static size_t each_set(const qc_standard *s, const qc_grade *g, const qc_limit_set **out, size_t n)
{
    const qc_grade *h = g;
    for (size_t hops = 0; h && hops <= s->ngrades; hops++) {
        for (size_t k = 0; k < h->nsets; k++)
            if (qc_standard_limits(s, g, h->sets[k].indicator) == &h->sets[k]) {
                if (out) out[n] = &h->sets[k];
                n++;
            }
        h = h->inherits ? qc_standard_grade(s, h->inherits) : NULL;
    }
    return n;
}

/* Does every piece of set derive into one other indicator? Its target, or NULL. */
static const char *folds_into(const qc_limit_set *set)
{
    const char *t = NULL;
    for (size_t p = 0; p < set->npieces; p++) {
        const qc_derived *d = set->piece[p].derived;
        if (!d || (t && strcmp(t, d->indicator) != 0)) return NULL;
        t = d->indicator;
    }
    return t;
}

void qc_std_side_of(const qc_standard *s, const qc_grade *g, const char *indicator,
                    qc_std_side *side)
{
    const qc_limit_set *sets[256];
    size_t n = each_set(s, g, NULL, 0);
    if (n > 256) n = 256;
    each_set(s, g, sets, 0);
    memset(side, 0, sizeof *side);
    const qc_limit_set *own = qc_standard_limits(s, g, indicator);
    if (own) side->src[side->n++] = (qc_std_source){own, 0};
    for (size_t k = 0; k < n && side->n < QC_STD_MAX_SOURCES; k++) {
        int into = 0;
        for (size_t p = 0; p < sets[k]->npieces; p++)
            into |= sets[k]->piece[p].derived &&
                    strcmp(sets[k]->piece[p].derived->indicator, indicator) == 0;
        if (into) side->src[side->n++] = (qc_std_source){sets[k], 1};
    }
}

/* The indicators a side limits: its own, and those its limits are derived into. */
static size_t add_names(const qc_standard *s, const qc_grade *g, const char **names, size_t n)
{
    const qc_limit_set *sets[256];
    size_t ns = each_set(s, g, NULL, 0);
    if (ns > 256) ns = 256;
    each_set(s, g, sets, 0);
    for (size_t k = 0; k < ns; k++)
        for (size_t p = 0; p <= sets[k]->npieces; p++) {
            const char *id = p == sets[k]->npieces ? sets[k]->indicator
                             : sets[k]->piece[p].derived ? sets[k]->piece[p].derived->indicator
                                                         : NULL;
            if (!id) continue;
            size_t i = 0;
            while (names && i < n && strcmp(names[i], id) != 0) i++;
            if (names && i < n) continue;
            if (names) names[n] = id;
            n++;
        }
    return n;
}

static int unconfirmed(const qc_limit_set *set)
{
    for (size_t i = 0; set && i < set->npieces; i++)
        if (!set->piece[i].confirmed) return 1;
    return 0;
}

static int all_not_encoded(const qc_limit_set *set)
{
    for (size_t i = 0; set && i < set->npieces; i++)
        if (!set->piece[i].not_encoded) return 0;
    return set != NULL;
}

static const qc_limit_set *first_derived(const qc_std_side *s)
{
    for (size_t k = 0; k < s->n; k++)
        if (s->src[k].derived) return s->src[k].set;
    return NULL;
}

/* The comparison unit: A's first unit, else B's, else the indicator's. */
static const char *unit_of(const qc_rules *r, const char *ind, const qc_limit_set *a,
                           const qc_limit_set *b)
{
    for (int k = 0; k < 2; k++) {
        const qc_limit_set *s = k ? b : a;
        for (size_t p = 0; s && p < s->npieces; p++)
            if (s->piece[p].unit) return s->piece[p].unit;
    }
    const qc_indicator *i = qc_rules_indicator(r, ind);
    return i ? i->unit : "";
}

/* ---------- the comparison ---------- */

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
        const qc_limit_set *da = qc_standard_limits(a, ga, names[i]);
        const qc_limit_set *db = qc_standard_limits(b, gb, names[i]);
        /* one id per quantity: a limit stated on one side only and wholly derived into another
         * indicator is compared there, not listed on its own */
        if ((da && !db && folds_into(da)) || (db && !da && folds_into(db))) continue;
        qc_std_side sa, sb;
        qc_std_side_of(a, ga, names[i], &sa);
        qc_std_side_of(b, gb, names[i], &sb);
        qc_std_item *it = &out->items[out->nitems++];
        it->indicator = names[i];
        it->a = da;
        it->b = db;
        it->a_from = first_derived(&sa);
        it->b_from = first_derived(&sb);
        it->unit = unit_of(r, names[i], da, db);
        it->difference = it->relative_difference = NAN;
        it->unconfirmed_a = unconfirmed(da) || unconfirmed(it->a_from);
        it->unconfirmed_b = unconfirmed(db) || unconfirmed(it->b_from);
        in_b += sb.n > 0;
        if (!sb.n || !sa.n) {
            it->verdict = sb.n ? QC_STD_ONLY_IN_B : QC_STD_ONLY_IN_A;
            if (all_not_encoded(sb.n ? db : da)) {
                it->not_encoded = sb.n ? 2 : 1;
                snprintf(it->reason, sizeof it->reason, "%s states the requirement; its value is "
                         "not encoded: %s", sb.n ? "B" : "A", (sb.n ? db : da)->piece[0].not_encoded);
            }
        } else {
            both++;
            if (qc_std_bands(r, &sa, &sb, it)) {
                free(names);
                qc_std_comparison_free(out);
                return qc_error_set(err, QC_ENOMEM, "out of memory");
            }
        }
        out->count[it->verdict]++;
    }
    free(names);
    size_t compared = out->count[QC_STD_STRICTER] + out->count[QC_STD_EQUIVALENT] +
                      out->count[QC_STD_LOOSER] + out->count[QC_STD_MIXED];
    out->coverage = in_b ? (double)both / (double)in_b : NAN;
    out->stricter_or_equal = compared ? (double)(out->count[QC_STD_STRICTER] +
                                                 out->count[QC_STD_EQUIVALENT]) / (double)compared
                                      : NAN;
    return QC_OK;
}

void qc_std_comparison_free(qc_std_comparison *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->nitems; i++) qc_std_item_clear(&c->items[i]);
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

static const char *const applies_names[] = {"individual", "mean", "median"};
static const char *const side_names[] = {NULL, "a", "b", "both"};

static void add_bounds(cJSON *o, const char *key, double lo, int lox, double hi, int hix)
{
    cJSON *b = cJSON_AddObjectToObject(o, key);
    add_num(b, "min", lo);
    add_num(b, "max", hi);
    if (lox) cJSON_AddTrueToObject(b, "min_exclusive");
    if (hix) cJSON_AddTrueToObject(b, "max_exclusive");
}

static cJSON *band_json(const qc_std_band *b)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "applies_to", applies_names[b->applies_to]);
    cJSON_AddItemToObject(e, "when", cJSON_Duplicate(b->when, 1));
    cJSON_AddStringToObject(e, "verdict", qc_std_verdict_name(b->verdict));
    if (b->verdict != QC_STD_NOT_ENCODED) {
        add_bounds(e, "a", b->a_min, b->a_min_x, b->a_max, b->a_max_x);
        add_bounds(e, "b", b->b_min, b->b_min_x, b->b_max, b->b_max_x);
    } else {
        cJSON_AddStringToObject(e, "not_encoded", side_names[b->not_encoded & 3]);
    }
    add_num(e, "difference", b->difference);
    cJSON_AddNumberToObject(e, "tolerance", b->tolerance);
    cJSON_AddBoolToObject(e, "method_differs", b->method_differs);
    if (b->reason[0]) cJSON_AddStringToObject(e, "reason", b->reason);
    return e;
}

static int has_when(const qc_std_item *it)
{
    for (size_t i = 0; i < it->nbands; i++)
        if (cJSON_GetArraySize(it->bands[i].when) || it->bands[i].applies_to) return 1;
    return 0;
}

static cJSON *derived_json(const qc_limit_set *set)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "from_indicator", set->indicator);
    cJSON_AddItemToObject(o, "limit", limit_json(set));
    return o;
}

static cJSON *item_json(const qc_std_item *it)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "indicator", it->indicator);
    cJSON_AddStringToObject(o, "unit", it->unit);
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
    if (it->nbands == 1 && it->bands[0].verdict != QC_STD_NOT_ENCODED && it->b &&
        it->b->piece[0].unit && strcmp(it->b->piece[0].unit, it->unit) != 0) {
        cJSON *c = cJSON_AddObjectToObject(o, "b_limit_in_a_unit");
        add_num(c, "min", it->bands[0].b_min);
        add_num(c, "max", it->bands[0].b_max);
        cJSON_AddStringToObject(c, "unit", it->unit);
    }
    if (it->npieces > 1) {
        cJSON *ps = cJSON_AddArrayToObject(o, "pieces");
        for (size_t i = 0; i < it->npieces; i++) {
            const qc_limit *p = &it->a->piece[i];
            cJSON *e = cJSON_CreateObject(), *w = NULL;
            if (p->json) w = cJSON_GetObjectItemCaseSensitive(p->json, "when");
            cJSON_AddItemToObject(e, "when", w ? cJSON_Duplicate(w, 1) : cJSON_CreateNull());
            cJSON_AddStringToObject(e, "applies_to", applies_names[p->applies_to]);
            cJSON_AddStringToObject(e, "verdict", qc_std_verdict_name(it->pieces[i].verdict));
            add_num(e, "difference", it->pieces[i].difference);
            cJSON_AddItemToArray(ps, e);
        }
    }
    if (it->nbands) cJSON_AddNumberToObject(o, "tolerance", it->tolerance);
    if (it->not_encoded) cJSON_AddStringToObject(o, "not_encoded", side_names[it->not_encoded & 3]);
    if (it->a_from) cJSON_AddItemToObject(o, "a_derived", derived_json(it->a_from));
    if (it->b_from) cJSON_AddItemToObject(o, "b_derived", derived_json(it->b_from));
    if (it->nbands > 1 || has_when(it) || it->a_from || it->b_from) {
        cJSON *bs = cJSON_AddArrayToObject(o, "bands");
        for (size_t i = 0; i < it->nbands; i++) cJSON_AddItemToArray(bs, band_json(&it->bands[i]));
    }
    if (it->nbands || it->verdict == QC_STD_NOT_COMPARABLE) {
        if (it->only_a) cJSON_AddItemToObject(o, "only_in_a_domain", cJSON_Duplicate(it->only_a, 1));
        if (it->only_b) cJSON_AddItemToObject(o, "only_in_b_domain", cJSON_Duplicate(it->only_b, 1));
    }
    return o;
}

cJSON *qc_standards_compare_json(const qc_rules *r, const qc_standard *a, const qc_grade *ga,
                                 const qc_standard *b, const qc_grade *gb, const char *date,
                                 qc_error *err)
{
    qc_std_comparison c;
    if (qc_standards_compare(r, a, ga, b, gb, &c, err)) return NULL;
    cJSON *o = cJSON_CreateObject();
    const qc_standard *sides[2] = {a, b};
    const qc_grade *grades[2] = {c.ga, c.gb};
    cJSON *warnings = cJSON_CreateArray(), *notes = cJSON_CreateArray();
    for (int k = 0; k < 2; k++) {
        cJSON *side = cJSON_AddObjectToObject(o, k ? "b" : "a");
        cJSON_AddStringToObject(side, "id", sides[k]->id);
        cJSON_AddStringToObject(side, "grade", grades[k]->name);
    }
    if (date) cJSON_AddStringToObject(o, "date", date);
    cJSON *status = date ? cJSON_AddObjectToObject(o, "status") : NULL;
    for (int k = 0; date && k < 2; k++) {
        qc_std_state st;
        char w[400] = "";
        qc_std_state_of(r, sides[k], date, &st);
        cJSON_AddStringToObject(status, k ? "b" : "a", qc_std_state_name(st.kind));
        if (qc_std_state_warning(sides[k], &st, date, w, sizeof w))
            cJSON_AddItemToArray(warnings, cJSON_CreateString(w));
        else if (st.successor) {
            snprintf(w, sizeof w, "%s: its successor %s is issued and takes effect %s", sides[k]->id,
                     st.successor->id, st.successor->effective ? st.successor->effective
                                                               : "on a date not recorded");
            cJSON_AddItemToArray(notes, cJSON_CreateString(w));
        }
    }
    cJSON *inds = cJSON_AddArrayToObject(o, "indicators");
    for (size_t i = 0; i < c.nitems; i++) cJSON_AddItemToArray(inds, item_json(&c.items[i]));
    add_num(o, "coverage", c.coverage);
    add_num(o, "stricter_or_equal", c.stricter_or_equal);
    cJSON *counts = cJSON_AddObjectToObject(o, "counts");
    for (int v = 0; v < QC_STD_NVERDICTS; v++)
        cJSON_AddNumberToObject(counts, verdict_names[v], (double)c.count[v]);
    cJSON_AddItemToObject(o, "warnings", warnings);
    if (isnan(c.coverage))
        cJSON_AddItemToArray(notes, cJSON_CreateString("coverage: null, B limits no indicator"));
    if (isnan(c.stricter_or_equal))
        cJSON_AddItemToArray(notes, cJSON_CreateString("stricter_or_equal: null, no indicator "
                                                       "could be compared"));
    cJSON_AddItemToObject(o, "notes", notes);
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
