/* document.c — builders of the gap analysis document (report.h, DESIGN §6). Each builder takes
 * numbers already computed elsewhere and only names them; a number that is not finite becomes
 * null with a note saying where and why. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "qcompare/report.h"
#include "qcompare/version.h"

void qc_report_note(qc_report *rep, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    cJSON_AddItemToArray(rep->notes, cJSON_CreateString(buf));
}

void qc_report_number(qc_report *rep, cJSON *obj, const char *key, double x, const char *where)
{
    if (isfinite(x)) {
        cJSON_AddNumberToObject(obj, key, x);
        return;
    }
    cJSON_AddNullToObject(obj, key);
    qc_report_note(rep, "%s.%s: null: not computable for these data", where, key);
}

void qc_report_number_why(qc_report *rep, cJSON *obj, const char *key, double x,
                          const char *where, const char *why)
{
    if (isfinite(x)) {
        cJSON_AddNumberToObject(obj, key, x);
        return;
    }
    cJSON_AddNullToObject(obj, key);
    qc_report_note(rep, "%s.%s: null: %s", where, key, why);
}

void qc_report_interval(qc_report *rep, cJSON *obj, const char *key, double lo, double hi,
                        const char *where)
{
    if (!isfinite(lo) || !isfinite(hi)) {
        cJSON_AddNullToObject(obj, key);
        qc_report_note(rep, "%s.%s: null: not computable for these data", where, key);
        return;
    }
    cJSON *a = cJSON_AddArrayToObject(obj, key);
    cJSON_AddItemToArray(a, cJSON_CreateNumber(lo));
    cJSON_AddItemToArray(a, cJSON_CreateNumber(hi));
}

static cJSON *text(const qc_text *t)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "en", t->en);
    cJSON_AddStringToObject(o, "zh", t->zh);
    return o;
}

static cJSON *inputs(const qc_study *s, const qc_rules *rules, const qc_results *res)
{
    cJSON *in = cJSON_CreateObject(), *files = cJSON_AddArrayToObject(in, "files");
    for (size_t i = 0; i < res->nfiles; i++) {
        const qc_file_counts *f = &res->files[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "path", f->path);
        cJSON_AddStringToObject(o, "role", "results");
        cJSON_AddStringToObject(o, "sha256", f->sha256);
        cJSON_AddNumberToObject(o, "records", (double)f->records);
        cJSON_AddNumberToObject(o, "results", (double)f->results);
        cJSON_AddNumberToObject(o, "accepted", (double)f->accepted);
        cJSON_AddNumberToObject(o, "rejected", (double)f->rejected);
        cJSON_AddNumberToObject(o, "excluded", (double)f->excluded);
        cJSON_AddNumberToObject(o, "blank", (double)f->blank);
        cJSON_AddItemToArray(files, o);
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "path", s->path);
    cJSON_AddStringToObject(o, "role", "study");
    cJSON_AddStringToObject(o, "sha256", s->sha256);
    cJSON_AddItemToArray(files, o);
    for (size_t i = 0; i < rules->nfiles; i++) {
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "path", rules->files[i].path);
        cJSON_AddStringToObject(o, "role", rules->files[i].role);
        cJSON_AddStringToObject(o, "sha256", rules->files[i].sha256);
        cJSON_AddItemToArray(files, o);
    }
    cJSON *rej = cJSON_AddArrayToObject(in, "rejections");
    for (size_t i = 0; i < res->nrejections; i++) {
        const qc_rejection *r = &res->rejections[i];
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "path", qc_results_path(res, r->file));
        cJSON_AddNumberToObject(o, "line", r->line);
        char cell[24];
        if (r->cell) cJSON_AddStringToObject(o, "cell", qc_results_cell(r, cell));
        cJSON_AddStringToObject(o, "column", r->column);
        cJSON_AddStringToObject(o, "reason", r->reason);
        cJSON_AddItemToArray(rej, o);
    }
    return in;
}

qc_status qc_report_begin(qc_report *rep, const qc_study *s, const qc_rules *rules,
                          const qc_results *res, qc_error *err)
{
    memset(rep, 0, sizeof *rep);
    rep->res = res;
    cJSON *root = cJSON_CreateObject();
    if (!root) return qc_error_set(err, QC_ENOMEM, "out of memory");
    cJSON_AddStringToObject(root, "schema", QC_SCHEMA);
    cJSON *eng = cJSON_AddObjectToObject(root, "engine");
    cJSON_AddStringToObject(eng, "name", QC_ENGINE_NAME);
    cJSON_AddStringToObject(eng, "version", QC_VERSION);
    cJSON_AddItemToObject(root, "study", qc_study_effective_json(s));
    cJSON_AddItemToObject(root, "inputs", inputs(s, rules, res));
    rep->products = cJSON_AddArrayToObject(root, "products");
    rep->notes = cJSON_CreateArray();  /* attached last, so it prints at the end */
    rep->root = root;
    if (!rep->products || !rep->notes) {
        cJSON_Delete(root);
        cJSON_Delete(rep->notes);
        return qc_error_set(err, QC_ENOMEM, "out of memory");
    }
    return QC_OK;
}

cJSON *qc_report_product(qc_report *rep, const qc_product *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "product", p->id);
    cJSON_AddItemToObject(o, "name", text(&p->name));
    cJSON_AddStringToObject(o, "industry", p->industry);
    cJSON_AddArrayToObject(o, "standards");
    cJSON_AddArrayToObject(o, "indicators");
    cJSON_AddItemToArray(rep->products, o);
    return o;
}

cJSON *qc_report_indicator(cJSON *product, const qc_indicator *ind)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "indicator", ind->id);
    cJSON_AddItemToObject(o, "name", text(&ind->name));
    cJSON_AddStringToObject(o, "unit", ind->unit);
    cJSON_AddStringToObject(o, "direction", qc_direction_name(ind->direction));
    cJSON_AddArrayToObject(o, "groups");
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(product, "indicators"), o);
    return o;
}

cJSON *qc_report_group(qc_report *rep, cJSON *indicator, const qc_group_summary *g,
                       const char *where)
{
    static const char *const roles[] = {"subject", "reference", "other"};
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "group", g->group);
    cJSON_AddStringToObject(o, "role", roles[g->role]);
    cJSON_AddNumberToObject(o, "n", (double)g->d.n);
    cJSON_AddNumberToObject(o, "n_missing", (double)g->n_missing);
    cJSON_AddNumberToObject(o, "n_censored", (double)g->n_censored);
    static const char *const keys[] = {"mean", "sd", "cv", "median", "q1", "q3", "min", "max"};
    const double vals[] = {g->d.mean, g->d.sd, g->d.cv, g->d.median, g->d.q1, g->d.q3,
                           g->d.min, g->d.max};
    for (size_t i = 0; i < 8; i++) {
        if (g->why[i][0]) qc_report_number_why(rep, o, keys[i], vals[i], where, g->why[i]);
        else qc_report_number(rep, o, keys[i], vals[i], where);
    }
    if (g->why[QC_GW_CI][0] && !(isfinite(g->ci_lo) && isfinite(g->ci_hi)))
        qc_report_number_why(rep, o, "mean_ci", NAN, where, g->why[QC_GW_CI]);
    else
        qc_report_interval(rep, o, "mean_ci", g->ci_lo, g->ci_hi, where);
    /* censored results (issue 12): the method in force, the share, what it estimates */
    cJSON_AddStringToObject(o, "censored_method", g->censored_method ? g->censored_method : "none");
    qc_report_number_why(rep, o, "censored_share", g->censored_share, where,
                         "the group has no non-missing result");
    if (isfinite(g->mean_se)) cJSON_AddNumberToObject(o, "mean_se", g->mean_se);
    if (g->all_censored[0]) cJSON_AddStringToObject(o, "all_censored", g->all_censored);
    if (g->flag) {
        cJSON *fl = cJSON_AddArrayToObject(o, "flags");
        cJSON_AddItemToArray(fl, cJSON_CreateString(g->flag));
    }
    cJSON_AddArrayToObject(o, "conformity");
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(indicator, "groups"), o);
    return o;
}

/* The limit as the standard states it: one object, or the array of its pieces. */
static cJSON *limit_json(const qc_limit_set *set)
{
    if (set->npieces == 1) return cJSON_Duplicate(set->piece[0].json, 1);
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < set->npieces; i++)
        cJSON_AddItemToArray(a, cJSON_Duplicate(set->piece[i].json, 1));
    return a;
}

static const char *qualifier(qc_value_kind k)
{
    static const char *const q[] = {NULL, NULL, "<", "<=", ">", ">=", "ND"};
    return q[k];
}

static const char *u_source_name(int s)
{
    static const char *const names[] = {"none", "row", "study_default"};
    return names[s];
}

/* One listed result (nonconforming[], accepted_in_guard_band[]). A large study lists many, so
 * the entries are built lean: keys are literals (cJSON_AddItemToObjectCS does not copy them)
 * and so are the decision, qualifier, source and reason texts (references); texts of the
 * inputs are copied. Under guarded rejection each entry also gives its guard band r·U. */
static cJSON *result_entry(qc_report *rep, const qc_nonconforming *r, const char *unit,
                           const qc_study *s)
{
    cJSON *e = cJSON_CreateObject();
    const char *sid = qc_intern_str(rep->res->strings, r->sample);
    cJSON_AddItemToObjectCS(e, "sample_id", sid && *sid ? cJSON_CreateString(sid) : cJSON_CreateNull());
    cJSON_AddItemToObjectCS(e, "file", cJSON_CreateString(qc_results_path(rep->res, r->file)));
    cJSON_AddItemToObjectCS(e, "line", cJSON_CreateNumber(r->line));
    cJSON_AddItemToObjectCS(e, "value", isfinite(r->x) ? cJSON_CreateNumber(r->x) : cJSON_CreateNull());
    if (qualifier((qc_value_kind)r->kind))
        cJSON_AddItemToObjectCS(e, "censored", cJSON_CreateStringReference(qualifier((qc_value_kind)r->kind)));
    cJSON_AddItemToObjectCS(e, "unit", cJSON_CreateString(unit));
    if (isfinite(r->U)) {
        cJSON_AddItemToObjectCS(e, "U", cJSON_CreateNumber(r->U));
        cJSON_AddItemToObjectCS(e, "u_source", cJSON_CreateStringReference(u_source_name(r->usrc)));
        if (s->rule == QC_RULE_GUARDED_REJECTION && r->kind == QC_VALUE_NUMBER)
            cJSON_AddItemToObjectCS(e, "guard_band", cJSON_CreateNumber(s->rule_r * r->U));
    }
    cJSON_AddItemToObjectCS(e, "decision", cJSON_CreateStringReference(qc_decision_name(r->decision)));
    if (isfinite(r->p_conformance))
        cJSON_AddItemToObjectCS(e, "p_conformance", cJSON_CreateNumber(r->p_conformance));
    if (r->why) cJSON_AddItemToObjectCS(e, "reason", cJSON_CreateStringReference(r->why));
    return e;
}

cJSON *qc_report_conformity(qc_report *rep, cJSON *group, const qc_study_standard *ss,
                            const qc_limit_set *set, const qc_conformity *c, const char *unit,
                            const qc_study *s, const char *where)
{
    char w[512];
    snprintf(w, sizeof w, "%s.conformity[%s@%s]", where, ss->standard->id, ss->grade->name);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "standard", ss->standard->id);
    cJSON_AddStringToObject(o, "grade", ss->grade->name);
    cJSON_AddItemToObject(o, "limit", limit_json(set));
    cJSON_AddStringToObject(o, "rule", qc_study_rule_name(s->rule));
    for (int d = 0; d < QC_NDECISIONS; d++)
        cJSON_AddNumberToObject(o, qc_decision_name((qc_decision)d), (double)c->count[d]);
    cJSON_AddNumberToObject(o, "near_limit", (double)c->near_limit);
    size_t pass = c->count[QC_DEC_PASS], cpass = c->count[QC_DEC_CONDITIONAL_PASS];
    size_t decidable = pass + cpass + c->count[QC_DEC_CONDITIONAL_FAIL] + c->count[QC_DEC_FAIL];
    size_t judged = decidable + c->count[QC_DEC_NOT_DECIDABLE];
    /* the denominators, named: n judgements, of which `decided`; every rate is over those */
    cJSON_AddNumberToObject(o, "n", (double)judged);
    cJSON_AddNumberToObject(o, "decided", (double)decidable);
    cJSON_AddStringToObject(o, "rate_of", "decided");
    if (c->count[QC_DEC_NOT_DECIDABLE])
        qc_report_note(rep, "%s: %zu of %zu judgements not decidable (see nonconforming[].reason); "
                       "rate, rate_with_conditional and rate_ci are over the %zu decided", w,
                       c->count[QC_DEC_NOT_DECIDABLE], judged, decidable);
    double rate = decidable ? (double)pass / (double)decidable : NAN, lo = NAN, hi = NAN;
    if (decidable) {
        if (s->proportion_ci == QC_CI_WILSON)
            qc_stats_prop_ci_wilson(pass, decidable, s->confidence, 0, &lo, &hi);
        else
            qc_stats_prop_ci_clopper_pearson(pass, decidable, s->confidence, &lo, &hi);
    }
    const char *why = judged ? "no judgement could be decided (denominator 0)"
                             : "no result was judged (denominator 0)";
    qc_report_number_why(rep, o, "rate", rate, w, why);
    qc_report_number_why(rep, o, "rate_with_conditional",
                         decidable ? (double)(pass + cpass) / (double)decidable : NAN, w, why);
    if (decidable) qc_report_interval(rep, o, "rate_ci", lo, hi, w);
    else qc_report_number_why(rep, o, "rate_ci", NAN, w, why);
    if (isnan(c->min_p_conformance)) cJSON_AddNullToObject(o, "min_p_conformance");
    else cJSON_AddNumberToObject(o, "min_p_conformance", c->min_p_conformance);
    cJSON *u = cJSON_AddObjectToObject(o, "uncertainty");
    cJSON_AddNumberToObject(u, "from_row", (double)c->u_row);
    cJSON_AddNumberToObject(u, "from_study_default", (double)c->u_default);
    cJSON_AddNumberToObject(u, "none", (double)c->u_none);
    cJSON_AddNumberToObject(o, "method_differs", (double)c->method_differs);
    cJSON *flags = cJSON_AddArrayToObject(o, "flags");
    if (c->unconfirmed) cJSON_AddItemToArray(flags, cJSON_CreateString("unconfirmed_limit"));
    cJSON *nc = cJSON_AddArrayToObject(o, "nonconforming");
    for (size_t i = 0; i < c->nnc; i++)
        cJSON_AddItemToArray(nc, result_entry(rep, &c->nc[i], unit, s));
    if (s->rule == QC_RULE_GUARDED_REJECTION) {
        /* outside the limit but within r·U of it: accepted, and shown, with its U */
        cJSON *band = cJSON_AddArrayToObject(o, "accepted_in_guard_band");
        for (size_t i = 0; i < c->nband; i++)
            cJSON_AddItemToArray(band, result_entry(rep, &c->band[i], unit, s));
    }
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(group, "conformity"), o);
    return o;
}
