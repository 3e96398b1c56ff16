/* standard.c — one standard file (rules/standards/<industry>/<file>.json, DESIGN §4.2):
 * identity, dates, grades with `inherits`, and limits (min/max, exclusive bounds, target ±
 * tolerance, warn bounds, applies_to, piecewise `when`, the decimals each bound is written
 * to, `not_encoded` requirements and `derived` requirements on another indicator). Every value
 * is validated here, with its JSON path, so later stages can trust the structs. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "rules_internal.h"

static const qc_json_field standard_fields[] = {
    {"id", QC_JT_STRING, 1}, {"kind", QC_JT_STRING, 1}, {"body", QC_JT_STRING, 0},
    {"title", QC_JT_OBJECT, 1}, {"published", QC_JT_STRING, 0},
    {"effective", QC_JT_STRING, 0}, {"status", QC_JT_STRING, 0},
    {"superseded_by", QC_JT_STRING, 0}, {"adoption", QC_JT_OBJECT, 0},
    {"withdrawn", QC_JT_STRING, 0},
    {"industry", QC_JT_STRING, 1}, {"products", QC_JT_ARRAY, 1}, {"market", QC_JT_STRING, 0},
    {"grade_order", QC_JT_ARRAY, 0}, {"grades", QC_JT_OBJECT, 0}, {"limits", QC_JT_OBJECT, 0},
    {"source", QC_JT_STRING, 0}, {"note", QC_JT_STRING, 0}, {NULL, 0, 0}};

static const qc_json_field title_fields[] = {
    {"en", QC_JT_STRING, 0}, {"zh", QC_JT_STRING, 0}, {NULL, 0, 0}};

static const qc_json_field adoption_fields[] = {
    {"of", QC_JT_STRING, 1}, {"degree", QC_JT_STRING, 1}, {"note", QC_JT_STRING, 0},
    {NULL, 0, 0}};

static const qc_json_field grade_fields[] = {
    {"inherits", QC_JT_STRING, 0}, {"limits", QC_JT_OBJECT, 1}, {"note", QC_JT_STRING, 0},
    {NULL, 0, 0}};

static const qc_json_field limit_fields[] = {
    {"min", QC_JT_NUMBER, 0}, {"max", QC_JT_NUMBER, 0}, {"min_exclusive", QC_JT_BOOL, 0},
    {"max_exclusive", QC_JT_BOOL, 0}, {"target", QC_JT_NUMBER, 0},
    {"tolerance", QC_JT_NUMBER, 0}, {"tolerance_minus", QC_JT_NUMBER, 0},
    {"tolerance_plus", QC_JT_NUMBER, 0}, {"warn_min", QC_JT_NUMBER, 0},
    {"warn_max", QC_JT_NUMBER, 0}, {"unit", QC_JT_STRING, 0}, {"applies_to", QC_JT_STRING, 0},
    {"when", QC_JT_OBJECT | QC_JT_ARRAY, 0}, {"rounding", QC_JT_OBJECT, 0},
    {"method", QC_JT_STRING, 0}, {"clause", QC_JT_STRING, 0}, {"source", QC_JT_STRING, 0},
    {"confirmed", QC_JT_BOOL, 1}, {"note", QC_JT_STRING, 0},
    {"not_encoded", QC_JT_STRING, 0}, {"derived", QC_JT_OBJECT, 0}, {NULL, 0, 0}};

static const qc_json_field derived_fields[] = {
    {"indicator", QC_JT_STRING, 1}, {"factor", QC_JT_NUMBER, 0}, {"min", QC_JT_NUMBER, 0},
    {"max", QC_JT_NUMBER, 0}, {"min_exclusive", QC_JT_BOOL, 0}, {"max_exclusive", QC_JT_BOOL, 0},
    {"unit", QC_JT_STRING, 0}, {"from", QC_JT_STRING, 0}, {"note", QC_JT_STRING, 0},
    {NULL, 0, 0}};

static const qc_json_field when_fields[] = {
    {"column", QC_JT_STRING, 1}, {"min", QC_JT_NUMBER, 0}, {"max", QC_JT_NUMBER, 0},
    {"equals", QC_JT_STRING, 0}, {NULL, 0, 0}};

static const qc_json_field rounding_fields[] = {
    {"increment", QC_JT_NUMBER, 0}, {"digits", QC_JT_NUMBER, 0}, {"compare", QC_JT_STRING, 0},
    {NULL, 0, 0}};

static const char *const kinds[] = {"national", "industry", "group", "enterprise",
                                    "international", "foreign", "regulation", "example", NULL};
static const char *const statuses[] = {"in_force", "superseded", "withdrawn", NULL};
static const char *const degrees[] = {"IDT", "MOD", "NEQ", NULL};

static int one_of(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(*set, s) == 0) return 1;
    return 0;
}


static qc_status parse_when(const cJSON *w, const char *file, const char *path,
                            qc_condition *c, qc_error *err)
{
    qc_status s = qc_json_check(w, when_fields, file, path, err);
    if (s) return s;
    c->column = (char *)qc_json_str(w, "column", "");
    c->min = qc_json_num(w, "min", NAN);
    c->max = qc_json_num(w, "max", NAN);
    c->equals = (char *)qc_json_str(w, "equals", NULL);
    if (!c->equals && isnan(c->min) && isnan(c->max))
        return qc_error_set(err, QC_ERULES, "%s: %s: needs min, max or equals", file, path);
    if (c->min > c->max)
        return qc_error_set(err, QC_ERULES, "%s: %s: min is greater than max", file, path);
    return QC_OK;
}

/* rounding: {"increment": > 0} or {"digits": integer >= 0}, "compare": rounded | full. */
static qc_status check_rounding(const cJSON *rd, const char *file, const char *path,
                                qc_error *err)
{
    qc_status s = qc_json_check(rd, rounding_fields, file, path, err);
    if (s) return s;
    double inc = qc_json_num(rd, "increment", NAN), digits = qc_json_num(rd, "digits", NAN);
    const char *compare = qc_json_str(rd, "compare", "rounded");
    if (strcmp(compare, "rounded") != 0 && strcmp(compare, "full") != 0)
        return qc_error_set(err, QC_ERULES, "%s: %s.compare: must be \"rounded\" or \"full\"",
                            file, path);
    if (isnan(inc) == isnan(digits))
        return qc_error_set(err, QC_ERULES, "%s: %s: needs exactly one of \"increment\" and "
                            "\"digits\"", file, path);
    if (!isnan(inc) && !(inc > 0 && isfinite(inc)))
        return qc_error_set(err, QC_ERULES, "%s: %s.increment: must be positive", file, path);
    if (!isnan(digits) && !(digits >= 0 && digits <= 15 && digits == floor(digits)))
        return qc_error_set(err, QC_ERULES, "%s: %s.digits: must be a whole number from 0 to 15",
                            file, path);
    return QC_OK;
}

/* Decimals of obj[key] as written; for a bound from a target and a tolerance, the finer. */
static int dp_of(const qc_decimals *dp, const cJSON *obj, const char *key)
{
    return qc_decimals_of(dp, cJSON_GetObjectItemCaseSensitive(obj, key));
}

static int finer(int a, int b)
{
    return a == QC_DP_UNKNOWN || b == QC_DP_UNKNOWN ? QC_DP_UNKNOWN : a > b ? a : b;
}

/* min = max with an exclusive bound: no value could conform, every result would fail. */
static qc_status empty_interval(const char *file, const char *path, qc_error *err)
{
    return qc_error_set(err, QC_ERULES, "%s: %s: the acceptance interval is empty (min = max "
                        "with an exclusive bound): no result could conform", file, path);
}

/* `derived`: exactly one of factor, min/max (stated bounds) and from ("ID@GRADE"). */
static qc_status parse_derived(const qc_rules *r, const cJSON *d, const char *file,
                               const char *path, const qc_decimals *dp, qc_limit *lim,
                               qc_error *err)
{
    qc_status s = qc_json_check(d, derived_fields, file, path, err);
    if (s) return s;
    qc_derived *x = calloc(1, sizeof *x);
    if (!x) return qc_error_set(err, QC_ENOMEM, "out of memory");
    lim->derived = x;
    x->indicator = (char *)qc_json_str(d, "indicator", "");
    x->factor = qc_json_num(d, "factor", NAN);
    x->min = qc_json_num(d, "min", NAN);
    x->max = qc_json_num(d, "max", NAN);
    x->min_exclusive = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "min_exclusive"));
    x->max_exclusive = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "max_exclusive"));
    x->min_dp = dp_of(dp, d, "min");
    x->max_dp = dp_of(dp, d, "max");
    x->unit = (char *)qc_json_str(d, "unit", NULL);
    x->from = (char *)qc_json_str(d, "from", NULL);
    x->note = (char *)qc_json_str(d, "note", NULL);
    int kinds = !isnan(x->factor) + (!isnan(x->min) || !isnan(x->max)) + (x->from != NULL);
    if (kinds != 1)
        return qc_error_set(err, QC_ERULES, "%s: %s: needs exactly one of \"factor\", "
                            "\"min\"/\"max\" and \"from\"", file, path);
    if (!x->from && !x->unit)
        return qc_error_set(err, QC_ERULES, "%s: %s.unit: a derived factor or bound needs its "
                            "unit", file, path);
    if (x->from && x->unit)
        return qc_error_set(err, QC_ERULES, "%s: %s.unit: \"from\" takes the units of the "
                            "grade it names", file, path);
    if (!isnan(x->factor) && !(x->factor > 0 && isfinite(x->factor)))
        return qc_error_set(err, QC_ERULES, "%s: %s.factor: must be positive", file, path);
    if (x->min > x->max)
        return qc_error_set(err, QC_ERULES, "%s: %s: min is greater than max", file, path);
    if (x->min == x->max && (x->min_exclusive || x->max_exclusive))
        return empty_interval(file, path, err);
    if (x->unit && r->units && !qc_units_known(r->units, x->unit))
        return qc_error_set(err, QC_ERULES, "%s: %s.unit: unit \"%s\" not recognised (add it to "
                            "units.json)", file, path, x->unit);
    const qc_indicator *ind = qc_rules_indicator(r, x->indicator);
    if (!ind || strcmp(ind->id, x->indicator) != 0)
        return qc_error_set(err, QC_ERULES, "%s: %s.indicator: unknown indicator id \"%s\"", file,
                            path, x->indicator);
    qc_unit_map m;
    const char *why = NULL;
    if (x->unit && r->units && qc_units_map(r->units, x->unit, ind->unit, &m, &why))
        return qc_error_set(err, QC_ERULES, "%s: %s.unit: \"%s\" does not convert to the unit "
                            "\"%s\" of %s", file, path, x->unit, ind->unit, ind->id);
    return QC_OK;
}

qc_status qc_limit_parse(const qc_rules *r, const cJSON *obj, const char *file,
                         const char *path, const qc_decimals *dp, qc_limit *lim, qc_error *err)
{
    char p[512];
    qc_status s = qc_json_check(obj, limit_fields, file, path, err);
    if (s) return s;
    memset(lim, 0, sizeof *lim);
    lim->json = obj;
    lim->not_encoded = (char *)qc_json_str(obj, "not_encoded", NULL);
    lim->min = qc_json_num(obj, "min", NAN);
    lim->max = qc_json_num(obj, "max", NAN);
    lim->min_exclusive = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "min_exclusive"));
    lim->max_exclusive = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "max_exclusive"));
    lim->target = qc_json_num(obj, "target", NAN);
    lim->warn_min = qc_json_num(obj, "warn_min", NAN);
    lim->warn_max = qc_json_num(obj, "warn_max", NAN);
    lim->unit = (char *)qc_json_str(obj, "unit", "");
    lim->method = (char *)qc_json_str(obj, "method", NULL);
    lim->clause = (char *)qc_json_str(obj, "clause", NULL);
    lim->source = (char *)qc_json_str(obj, "source", NULL);
    lim->confirmed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "confirmed"));
    lim->min_dp = dp_of(dp, obj, "min");
    lim->max_dp = dp_of(dp, obj, "max");
    if (lim->not_encoded) {
        static const char *const valued[] = {"min", "max", "target", "tolerance",
            "tolerance_minus", "tolerance_plus", "warn_min", "warn_max", "rounding", "derived"};
        if (!lim->not_encoded[0])
            return qc_error_set(err, QC_ERULES, "%s: %s.not_encoded: say why the value is not "
                                "encoded", file, path);
        for (size_t k = 0; k < sizeof valued / sizeof *valued; k++)
            if (cJSON_GetObjectItemCaseSensitive(obj, valued[k]))
                return qc_error_set(err, QC_ERULES, "%s: %s.%s: a limit whose value is not "
                                    "encoded has no %s", file, path, valued[k], valued[k]);
        lim->min = lim->max = lim->target = NAN;
        if (!lim->unit[0] && !cJSON_GetObjectItemCaseSensitive(obj, "unit")) lim->unit = NULL;
    } else if (!cJSON_GetObjectItemCaseSensitive(obj, "unit")) {
        return qc_error_set(err, QC_ERULES, "%s: %s: missing required key \"unit\"", file, path);
    }

    double tol = qc_json_num(obj, "tolerance", NAN);
    double tm = qc_json_num(obj, "tolerance_minus", tol), tp = qc_json_num(obj, "tolerance_plus", tol);
    if (lim->not_encoded) {
        /* no value: nothing to check below but applies_to, when, unit */
    } else if (!isnan(lim->target)) {
        if (!isnan(lim->min) || !isnan(lim->max))
            return qc_error_set(err, QC_ERULES, "%s: %s: target excludes min and max", file, path);
        if (isnan(tm) || isnan(tp) || tm < 0 || tp < 0)
            return qc_error_set(err, QC_ERULES, "%s: %s: target needs a non-negative tolerance "
                                "(or tolerance_minus and tolerance_plus)", file, path);
        lim->min = lim->target - tm;
        lim->max = lim->target + tp;
        int td = dp_of(dp, obj, "target");
        lim->min_dp = finer(td, dp_of(dp, obj, cJSON_GetObjectItemCaseSensitive(obj, "tolerance_minus")
                                              ? "tolerance_minus" : "tolerance"));
        lim->max_dp = finer(td, dp_of(dp, obj, cJSON_GetObjectItemCaseSensitive(obj, "tolerance_plus")
                                              ? "tolerance_plus" : "tolerance"));
    } else if (!isnan(tol) || !isnan(tm) || !isnan(tp)) {
        return qc_error_set(err, QC_ERULES, "%s: %s: a tolerance needs a target", file, path);
    }
    if (!lim->not_encoded && isnan(lim->min) && isnan(lim->max))
        return qc_error_set(err, QC_ERULES, "%s: %s: needs min, max or target (or not_encoded)", file,
                            path);
    if (lim->min > lim->max)
        return qc_error_set(err, QC_ERULES, "%s: %s: min is greater than max", file, path);
    if (lim->min == lim->max && (lim->min_exclusive || lim->max_exclusive))
        return empty_interval(file, path, err);
    if (lim->unit && r->units && !qc_units_known(r->units, lim->unit))
        return qc_error_set(err, QC_ERULES, "%s: %s.unit: unit \"%s\" not recognised (add it to "
                            "units.json)", file, path, lim->unit);

    const char *ap = qc_json_str(obj, "applies_to", "individual");
    static const char *const applies[] = {"individual", "mean", "median", NULL};
    if (!one_of(ap, applies))
        return qc_error_set(err, QC_ERULES, "%s: %s.applies_to: must be individual, mean or "
                            "median", file, path);
    lim->applies_to = strcmp(ap, "mean") == 0     ? QC_APPLIES_MEAN
                      : strcmp(ap, "median") == 0 ? QC_APPLIES_MEDIAN
                                                  : QC_APPLIES_INDIVIDUAL;

    if (lim->applies_to != QC_APPLIES_INDIVIDUAL && cJSON_GetObjectItemCaseSensitive(obj, "when"))
        return qc_error_set(err, QC_ERULES, "%s: %s.when: a limit on the %s judges the whole group "
                            "and cannot take \"when\"", file, path, ap);
    const cJSON *rd = cJSON_GetObjectItemCaseSensitive(obj, "rounding");
    if (rd && (s = check_rounding(rd, file, qc_json_path_key(p, sizeof p, path, "rounding"), err)))
        return s;

    const cJSON *dv = cJSON_GetObjectItemCaseSensitive(obj, "derived");
    if (dv && (s = parse_derived(r, dv, file, qc_json_path_key(p, sizeof p, path, "derived"), dp,
                                 lim, err)))
        return s;

    const cJSON *w = cJSON_GetObjectItemCaseSensitive(obj, "when");
    if (w) {
        int n = cJSON_IsArray(w) ? cJSON_GetArraySize(w) : 1;
        lim->when = calloc((size_t)n, sizeof *lim->when);
        if (!lim->when) return qc_error_set(err, QC_ENOMEM, "out of memory");
        lim->nwhen = (size_t)n;
        char wp[512];
        qc_json_path_key(wp, sizeof wp, path, "when");
        if (!cJSON_IsArray(w)) return parse_when(w, file, wp, &lim->when[0], err);
        int i = 0;
        for (const cJSON *c = w->child; c; c = c->next, i++)
            if ((s = parse_when(c, file, qc_json_path_index(p, sizeof p, wp, i), &lim->when[i], err)))
                return s;
    }
    return QC_OK;
}

/* A limit's unit must convert to its indicator's unit. */
static qc_status check_unit(const qc_rules *r, const qc_indicator *ind, const qc_limit *lim,
                            const char *file, const char *path, qc_error *err)
{
    qc_unit_map m;
    const char *why = NULL;
    if (!r->units || !lim->unit) return QC_OK;
    if (lim->derived && strcmp(lim->derived->indicator, ind->id) == 0)
        return qc_error_set(err, QC_ERULES, "%s: %s.derived.indicator: a limit cannot be derived "
                            "into its own indicator", file, path);
    qc_status s = qc_units_map(r->units, lim->unit, ind->unit, &m, &why);
    if (s == QC_ENOMEM) return qc_error_set(err, QC_ENOMEM, "out of memory");
    if (s) return qc_error_set(err, QC_ERULES, "%s: %s.unit: \"%s\" does not convert to the "
                               "indicator's unit \"%s\": %s", file, path, lim->unit, ind->unit, why);
    return QC_OK;
}

/* Parses the `limits` object of a grade (or of the standard) into g->sets. */
static qc_status parse_limits(const qc_rules *r, const cJSON *limits, const char *file,
                              const char *path, const qc_decimals *dp, qc_grade *g, qc_error *err)
{
    char p[512], q[512];
    qc_status s;
    for (const cJSON *e = limits->child; e; e = e->next) {
        qc_json_path_key(p, sizeof p, path, e->string);
        const qc_indicator *ind = qc_rules_indicator(r, e->string);
        if (!ind)
            return qc_error_set(err, QC_ERULES, "%s: %s: unknown indicator \"%s\" (not in "
                                "indicators.json)", file, p, e->string);
        if (strcmp(ind->id, e->string) != 0)
            return qc_error_set(err, QC_ERULES, "%s: %s: use the indicator id \"%s\", not an "
                                "alias", file, p, ind->id);
        if ((s = qc_json_check_type(e, QC_JT_OBJECT | QC_JT_ARRAY, file, p, err))) return s;
        qc_limit_set *set = qc_rules_push(&g->sets, &g->nsets, sizeof *set);
        if (!set) return qc_error_set(err, QC_ENOMEM, "out of memory");
        set->indicator = e->string;
        size_t n = cJSON_IsArray(e) ? (size_t)cJSON_GetArraySize(e) : 1;
        if (n == 0) return qc_error_set(err, QC_ERULES, "%s: %s: empty list of limits", file, p);
        set->piece = calloc(n, sizeof *set->piece);
        if (!set->piece) return qc_error_set(err, QC_ENOMEM, "out of memory");
        set->npieces = n;
        if (!cJSON_IsArray(e)) {
            if ((s = qc_limit_parse(r, e, file, p, dp, &set->piece[0], err))) return s;
            if ((s = check_unit(r, ind, &set->piece[0], file, p, err))) return s;
            continue;
        }
        int i = 0;
        for (const cJSON *c = e->child; c; c = c->next, i++) {
            qc_json_path_index(q, sizeof q, p, i);
            if ((s = qc_limit_parse(r, c, file, q, dp, &set->piece[i], err))) return s;
            if ((s = check_unit(r, ind, &set->piece[i], file, q, err))) return s;
            /* several limits on one indicator: pieces selected by `when`, or limits on
             * different statistics (tiles: mean <= 0.5 % and each result <= 0.6 %) */
            for (int j = 0; j < i; j++)
                if (!set->piece[i].nwhen && !set->piece[j].nwhen &&
                    set->piece[i].applies_to == set->piece[j].applies_to)
                    return qc_error_set(err, QC_ERULES, "%s: %s: two limits apply to the same "
                                        "results: give each a \"when\" or a different "
                                        "\"applies_to\"", file, q);
        }
    }
    return QC_OK;
}

/* Checks `inherits` targets exist and form no cycle, and grade_order names known grades. */
static qc_status check_grades(const qc_standard *st, const cJSON *doc, const char *file,
                              qc_error *err)
{
    for (size_t i = 0; i < st->ngrades; i++) {
        const qc_grade *g = &st->grades[i];
        size_t steps = 0;
        for (const qc_grade *h = g; h && h->inherits; steps++) {
            const qc_grade *next = qc_standard_grade(st, h->inherits);
            char p[512];
            if (!next)
                return qc_error_set(err, QC_ERULES, "%s: %s.inherits: unknown grade \"%s\"", file,
                                    qc_json_path_key(p, sizeof p, "$.grades", h->name), h->inherits);
            if (steps > st->ngrades)
                return qc_error_set(err, QC_ERULES, "%s: %s.inherits: inheritance cycle", file,
                                    qc_json_path_key(p, sizeof p, "$.grades", g->name));
            h = next;
        }
    }
    const cJSON *order = cJSON_GetObjectItemCaseSensitive(doc, "grade_order");
    int i = 0;
    for (const cJSON *o = order ? order->child : NULL; o; o = o->next, i++) {
        if (!cJSON_IsString(o) || !qc_standard_grade(st, o->valuestring))
            return qc_error_set(err, QC_ERULES, "%s: $.grade_order[%d]: not a grade of this "
                                "standard", file, i);
    }
    return QC_OK;
}

static qc_status parse_standard(qc_rules *r, const cJSON *doc, const char *file,
                                const qc_decimals *dp, qc_standard *st, qc_error *err)
{
    char p[512];
    qc_status s = qc_json_check(doc, standard_fields, file, "$", err);
    if (s) return s;
    st->id = (char *)qc_json_str(doc, "id", "");
    st->kind = (char *)qc_json_str(doc, "kind", "");
    st->status = (char *)qc_json_str(doc, "status", "in_force");
    st->published = (char *)qc_json_str(doc, "published", NULL);
    st->effective = (char *)qc_json_str(doc, "effective", NULL);
    st->superseded_by = (char *)qc_json_str(doc, "superseded_by", NULL);
    st->withdrawn = (char *)qc_json_str(doc, "withdrawn", NULL);
    st->industry = (char *)qc_json_str(doc, "industry", "");
    st->market = (char *)qc_json_str(doc, "market", NULL);
    const cJSON *title = cJSON_GetObjectItemCaseSensitive(doc, "title");
    if ((s = qc_json_check(title, title_fields, file, "$.title", err))) return s;
    st->title.en = (char *)qc_json_str(title, "en", "");
    st->title.zh = (char *)qc_json_str(title, "zh", "");
    if (!qc_rules_is_industry(st->industry))
        return qc_error_set(err, QC_ERULES, "%s: $.industry: unknown industry \"%s\"", file,
                            st->industry);
    if (!one_of(st->kind, kinds))
        return qc_error_set(err, QC_ERULES, "%s: $.kind: unknown kind \"%s\"", file, st->kind);
    if (!one_of(st->status, statuses))
        return qc_error_set(err, QC_ERULES, "%s: $.status: must be in_force, superseded or "
                            "withdrawn", file);
    if (st->published && !qc_json_is_date(st->published))
        return qc_error_set(err, QC_ERULES, "%s: $.published: not a YYYY-MM-DD date", file);
    if (st->effective && !qc_json_is_date(st->effective))
        return qc_error_set(err, QC_ERULES, "%s: $.effective: not a YYYY-MM-DD date", file);
    if (st->withdrawn && !qc_json_is_date(st->withdrawn))
        return qc_error_set(err, QC_ERULES, "%s: $.withdrawn: not a YYYY-MM-DD date", file);
    if (st->withdrawn && st->effective && strcmp(st->withdrawn, st->effective) < 0)
        return qc_error_set(err, QC_ERULES, "%s: $.withdrawn: before the effective date", file);
    if (strcmp(st->kind, "regulation") == 0 && !st->market)
        return qc_error_set(err, QC_ERULES, "%s: $.market: a regulation names its market", file);
    const cJSON *ad = cJSON_GetObjectItemCaseSensitive(doc, "adoption");
    if (ad) {
        if ((s = qc_json_check(ad, adoption_fields, file, "$.adoption", err))) return s;
        if (!one_of(qc_json_str(ad, "degree", ""), degrees))
            return qc_error_set(err, QC_ERULES, "%s: $.adoption.degree: must be IDT, MOD or NEQ",
                                file);
    }
    const cJSON *prods = cJSON_GetObjectItemCaseSensitive(doc, "products");
    int i = 0;
    for (const cJSON *e = prods->child; e; e = e->next, i++) {
        qc_json_path_index(p, sizeof p, "$.products", i);
        if ((s = qc_json_check_type(e, QC_JT_STRING, file, p, err))) return s;
        if (!qc_rules_product(r, e->valuestring))
            return qc_error_set(err, QC_ERULES, "%s: %s: unknown product \"%s\"", file, p,
                                e->valuestring);
        char **slot = qc_rules_push(&st->products, &st->nproducts, sizeof *slot);
        if (!slot) return qc_error_set(err, QC_ENOMEM, "out of memory");
        *slot = e->valuestring;
    }
    const cJSON *grades = cJSON_GetObjectItemCaseSensitive(doc, "grades");
    const cJSON *limits = cJSON_GetObjectItemCaseSensitive(doc, "limits");
    if (!grades == !limits)
        return qc_error_set(err, QC_ERULES, "%s: $: needs exactly one of \"grades\" and "
                            "\"limits\"", file);
    if (limits) {
        qc_grade *g = qc_rules_push(&st->grades, &st->ngrades, sizeof *g);
        if (!g) return qc_error_set(err, QC_ENOMEM, "out of memory");
        g->name = "";
        return parse_limits(r, limits, file, "$.limits", dp, g, err);
    }
    for (const cJSON *e = grades->child; e; e = e->next) {
        char lp[512];
        qc_json_path_key(p, sizeof p, "$.grades", e->string);
        if ((s = qc_json_check(e, grade_fields, file, p, err))) return s;
        qc_grade *g = qc_rules_push(&st->grades, &st->ngrades, sizeof *g);
        if (!g) return qc_error_set(err, QC_ENOMEM, "out of memory");
        g->name = e->string;
        g->inherits = (char *)qc_json_str(e, "inherits", NULL);
        if ((s = parse_limits(r, cJSON_GetObjectItemCaseSensitive(e, "limits"), file,
                              qc_json_path_key(lp, sizeof lp, p, "limits"), dp, g, err)))
            return s;
    }
    return check_grades(st, doc, file, err);
}

qc_status qc_rules_add_standard_file(qc_rules *r, const char *path, qc_error *err)
{
    cJSON *doc;
    char *text;
    size_t len;
    qc_status s = qc_rules_read_text(r, path, "standard", &doc, &text, &len, err);
    if (s) return s;
    qc_standard *st = qc_rules_push(&r->standards, &r->nstandards, sizeof *st);
    if (!st) { free(text); return qc_error_set(err, QC_ENOMEM, "out of memory"); }
    st->path = r->files[r->nfiles - 1].path;
    st->json = doc;
    memcpy(st->sha256, r->files[r->nfiles - 1].sha256, sizeof st->sha256);
    const cJSON *order = cJSON_GetObjectItemCaseSensitive(doc, "grade_order");
    qc_decimals *dp = NULL;
    s = qc_decimals_read(path, text, len, doc, &dp, err);
    free(text);
    if (s) return s;
    s = parse_standard(r, doc, path, dp, st, err);
    qc_decimals_free(dp);
    if (s) return s;
    for (const cJSON *o = order ? order->child : NULL; o; o = o->next) {
        char **slot = qc_rules_push(&st->grade_order, &st->ngrade_order, sizeof *slot);
        if (!slot) return qc_error_set(err, QC_ENOMEM, "out of memory");
        *slot = o->valuestring;
    }
    long dup = qc_rules_index_add_standard(r, r->nstandards - 1);
    if (dup == -2) return qc_error_set(err, QC_ENOMEM, "out of memory");
    if (dup >= 0)
        return qc_error_set(err, QC_ERULES, "%s: $.id: duplicate standard id \"%s\" (also in "
                            "%s)", path, st->id, r->standards[dup].path);
    return QC_OK;
}

/* The grade "ID@GRADE" (or "ID" for a standard without grades) names; NULL when none. */
static const qc_grade *named_grade(const qc_rules *r, const char *spec, const qc_standard **st)
{
    char id[512];
    snprintf(id, sizeof id, "%s", spec);
    char *at = strrchr(id, '@');
    if (at) *at++ = '\0';
    *st = qc_rules_standard_exact(r, id);
    return *st ? qc_standard_grade(*st, at) : NULL;
}

qc_status qc_rules_check_derived(const qc_rules *r, qc_error *err)
{
    for (size_t i = 0; i < r->nstandards; i++) {
        const qc_standard *s = &r->standards[i];
        for (size_t g = 0; g < s->ngrades; g++)
            for (size_t k = 0; k < s->grades[g].nsets; k++) {
                const qc_limit_set *set = &s->grades[g].sets[k];
                for (size_t p = 0; p < set->npieces; p++) {
                    const qc_derived *d = set->piece[p].derived;
                    if (!d || !d->from) continue;
                    const qc_standard *t;
                    const qc_grade *tg = named_grade(r, d->from, &t);
                    const char *gname = s->grades[g].name;
                    char gp[512], lp[512], p[512];  /* $.grades.G.limits.IND or $.limits.IND */
                    if (gname[0]) qc_json_path_key(gp, sizeof gp, "$.grades", gname);
                    else snprintf(gp, sizeof gp, "$");
                    qc_json_path_key(p, sizeof p, qc_json_path_key(lp, sizeof lp, gp, "limits"),
                                     set->indicator);
                    if (!tg)
                        return qc_error_set(err, QC_ERULES, "%s: %s: derived.from: no standard and "
                                            "grade \"%s\" in the library", s->path, p, d->from);
                    const qc_limit_set *ts = qc_standard_limits(t, tg, d->indicator);
                    if (!ts)
                        return qc_error_set(err, QC_ERULES, "%s: %s: derived.from: \"%s\" sets no "
                                            "limit on %s", s->path, p, d->from, d->indicator);
                    for (size_t q = 0; q < ts->npieces; q++)
                        if (ts->piece[q].derived && ts->piece[q].derived->from)
                            return qc_error_set(err, QC_ERULES, "%s: %s: derived.from: \"%s\" is "
                                                "itself derived (one step only)", s->path, p,
                                                d->from);
                }
            }
    }
    return QC_OK;
}
