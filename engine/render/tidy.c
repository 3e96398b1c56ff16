/* tidy.c — the tidy tables of a report (one row per entity, ids in `product`/`indicator`,
 * names in the chosen language after the leading columns, null as an empty value, numbers
 * at full precision): groups, comparisons, conformity, nonconforming results and standards
 * comparison. csv.c and xlsx.c write them; the leading columns are fixed by issue 11 and
 * documented in docs/reports.md. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "render_internal.h"

static const tcol groups_cols[] = {
    {"product", TK_TEXT}, {"indicator", TK_TEXT}, {"group", TK_TEXT}, {"role", TK_TEXT},
    {"n", TK_COUNT}, {"mean", TK_NUM}, {"sd", TK_NUM}, {"median", TK_NUM}, {"q1", TK_NUM},
    {"q3", TK_NUM}, {"min", TK_NUM}, {"max", TK_NUM}, {"mean_ci_low", TK_NUM},
    {"mean_ci_high", TK_NUM}, {"product_name", TK_TEXT}, {"indicator_name", TK_TEXT},
    {"unit", TK_TEXT}, {"n_missing", TK_COUNT}, {"n_censored", TK_COUNT}, {"cv", TK_NUM},
    {"censored_method", TK_TEXT}, {"censored_share", TK_RATE}};
static const tcol comparisons_cols[] = {
    {"product", TK_TEXT}, {"indicator", TK_TEXT}, {"subject_mean", TK_NUM},
    {"reference_mean", TK_NUM}, {"difference", TK_NUM}, {"difference_ci_low", TK_NUM},
    {"difference_ci_high", TK_NUM}, {"relative_gap", TK_RATE}, {"p_value", TK_P},
    {"p_adjusted", TK_P}, {"verdict", TK_TEXT}, {"product_name", TK_TEXT},
    {"indicator_name", TK_TEXT}, {"subject", TK_TEXT}, {"reference", TK_TEXT}, {"unit", TK_TEXT},
    {"welch_t", TK_NUM}, {"welch_df", TK_NUM}, {"p_subject_better", TK_P}, {"student_p", TK_P},
    {"mann_whitney_u", TK_NUM}, {"mann_whitney_p", TK_P}, {"hedges_g", TK_NUM},
    {"variance_f", TK_NUM}, {"variance_p", TK_P}, {"tost_p", TK_P}, {"e_n", TK_NUM},
    {"min_detectable_difference", TK_NUM}, {"peto_prentice_p", TK_P},
    {"detection_frequency_p", TK_P}, {"dunnett_p", TK_P}, {"dunnett_ci_low", TK_NUM},
    {"dunnett_ci_high", TK_NUM}};
static const tcol conformity_cols[] = {
    {"product", TK_TEXT}, {"indicator", TK_TEXT}, {"group", TK_TEXT}, {"standard", TK_TEXT},
    {"grade", TK_TEXT}, {"n", TK_COUNT}, {"pass", TK_COUNT}, {"fail", TK_COUNT},
    {"conditional_pass", TK_COUNT}, {"conditional_fail", TK_COUNT}, {"not_decidable", TK_COUNT},
    {"rate", TK_RATE}, {"rate_ci_low", TK_RATE}, {"rate_ci_high", TK_RATE},
    {"product_name", TK_TEXT}, {"indicator_name", TK_TEXT}, {"role", TK_TEXT}, {"limit", TK_TEXT},
    {"unconfirmed_limit", TK_TEXT}, {"superseded", TK_TEXT}, {"near_limit", TK_COUNT},
    {"rate_with_conditional", TK_RATE}, {"decided", TK_COUNT}, {"rate_of", TK_TEXT},
    {"min_p_conformance", TK_NUM}, {"cp", TK_NUM}, {"cpk", TK_NUM}, {"pp", TK_NUM},
    {"ppk", TK_NUM}, {"cpm", TK_NUM}};
static const tcol nonconforming_cols[] = {
    {"product", TK_TEXT}, {"indicator", TK_TEXT}, {"group", TK_TEXT}, {"standard", TK_TEXT},
    {"grade", TK_TEXT}, {"sample_id", TK_TEXT}, {"file", TK_TEXT}, {"line", TK_COUNT},
    {"value", TK_NUM}, {"unit", TK_TEXT}, {"decision", TK_TEXT}, {"p_conformance", TK_NUM},
    {"product_name", TK_TEXT}, {"indicator_name", TK_TEXT}, {"censored", TK_TEXT},
    {"U", TK_NUM}, {"u_source", TK_TEXT}, {"reason", TK_TEXT}};
static const tcol standards_cols[] = {
    {"a", TK_TEXT}, {"b", TK_TEXT}, {"indicator", TK_TEXT}, {"verdict", TK_TEXT},
    {"a_limit", TK_TEXT}, {"b_limit", TK_TEXT}, {"unit", TK_TEXT}, {"difference", TK_NUM},
    {"relative_difference", TK_RATE}, {"method_differs", TK_TEXT}, {"reason", TK_TEXT}};

#define NCOLS(a) (sizeof a / sizeof a[0])

static void row(ttable *t)
{
    if (t->oom) return;
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        tval *v = realloc(t->v, cap * t->ncols * sizeof *v);
        if (!v) { t->oom = 1; return; }
        t->v = v, t->cap = cap;
    }
    memset(t->v + t->nrows * t->ncols, 0, t->ncols * sizeof *t->v);
    t->nrows++;
}

static tval *slot(ttable *t, const char *col)
{
    if (t->oom || !t->nrows) return NULL;
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->cols[c].name, col) == 0) return &t->v[(t->nrows - 1) * t->ncols + c];
    return NULL;
}

static void put_str(ttable *t, const char *col, const char *s)
{
    tval *v = slot(t, col);
    if (!v || !s) return;
    if (!(v->s = strdup(s))) { t->oom = 1; return; }
    v->t = TV_STR;
}

static void put_num(ttable *t, const char *col, double x)
{
    tval *v = slot(t, col);
    if (v && isfinite(x)) v->t = TV_NUM, v->x = x;
}

/* col := the number at path of o (left empty when absent) */
static void put_at(ttable *t, const char *col, const cJSON *o, const char *path)
{
    double x;
    if (qc_rj_num(o, path, &x)) put_num(t, col, x);
}

static void put_ci(ttable *t, const char *lo, const char *hi, const cJSON *ci)
{
    if (!cJSON_IsArray(ci) || !cJSON_IsNumber(ci->child) || !cJSON_IsNumber(ci->child->next)) return;
    put_num(t, lo, ci->child->valuedouble);
    put_num(t, hi, ci->child->next->valuedouble);
}

static void ids(ttable *t, const cJSON *p, const cJSON *i, qc_lang L)
{
    put_str(t, "product", qc_rj_str(p, "product"));
    put_str(t, "product_name", qc_rj_name(p, L, "product"));
    if (!i) return;
    put_str(t, "indicator", qc_rj_str(i, "indicator"));
    put_str(t, "indicator_name", qc_rj_name(i, L, "indicator"));
}

static void comparison(ttable *t, const cJSON *p, const cJSON *i, const cJSON *c, int each, qc_lang L)
{
    double n, m, sd;
    row(t);
    ids(t, p, i, L);
    const char *sg = each ? (qc_rj_str(c, "group") ? qc_rj_str(c, "group") : qc_rj_str(c, "subject")) : NULL;
    if (qc_rj_pool(i, "subject", sg, &n, &m, &sd)) put_num(t, "subject_mean", m);
    if (qc_rj_pool(i, "reference", NULL, &n, &m, &sd)) put_num(t, "reference_mean", m);
    put_at(t, "difference", c, "difference");
    put_ci(t, "difference_ci_low", "difference_ci_high", qc_rj(c, "difference_ci"));
    put_at(t, "relative_gap", c, "relative_gap");
    put_at(t, "p_value", c, "welch.p_value");
    put_at(t, "p_adjusted", c, "p_adjusted");
    put_str(t, "verdict", qc_rj_str(c, "verdict"));
    put_str(t, "subject", sg ? sg : qc_rj_str(c, "subject"));
    put_str(t, "reference", qc_rj_str(c, "reference"));
    put_str(t, "unit", qc_rj_str(i, "unit"));
    static const char *const map[][2] = {
        {"welch_t", "welch.t"}, {"welch_df", "welch.df"}, {"p_subject_better", "welch.p_subject_better"},
        {"student_p", "student.p_value"}, {"mann_whitney_u", "mann_whitney.u"},
        {"mann_whitney_p", "mann_whitney.p_value"}, {"hedges_g", "hedges_g"},
        {"variance_f", "variance.f"}, {"variance_p", "variance.p_value"}, {"tost_p", "tost.p_value"},
        {"e_n", "e_n"}, {"min_detectable_difference", "min_detectable_difference"},
        {"peto_prentice_p", "peto_prentice.p_value"},
        {"detection_frequency_p", "detection_frequency.p_value"}, {"dunnett_p", "dunnett.p_value"},
        {"dunnett_ci_low", "dunnett.ci_low"}, {"dunnett_ci_high", "dunnett.ci_high"}};
    for (size_t k = 0; k < NCOLS(map); k++) put_at(t, map[k][0], c, map[k][1]);
}

static int superseded(const cJSON *p, const char *id)
{
    for (const cJSON *s = qc_rj_first(p, "standards"); s && id; s = s->next) {
        const char *sid = qc_rj_str(s, "id");
        if (!sid || strcmp(sid, id) != 0) continue;
        for (const cJSON *f = qc_rj_first(s, "flags"); f; f = f->next)
            if (cJSON_IsString(f) && qc_edition_flag(f->valuestring)) return 1;
    }
    return 0;
}

static void conformity(ttable *t, ttable *nc, const cJSON *p, const cJSON *i, const cJSON *g,
                       const cJSON *c, qc_lang L)
{
    static const char *const counts[] = {"pass", "fail", "conditional_pass", "conditional_fail",
                                         "not_decidable"};
    const char *std = qc_rj_str(c, "standard"), *grade = qc_rj_str(c, "grade");
    double x, n = 0;
    row(t);
    ids(t, p, i, L);
    put_str(t, "group", qc_rj_str(g, "group"));
    put_str(t, "role", qc_rj_str(g, "role"));
    put_str(t, "standard", std);
    put_str(t, "grade", grade);
    for (int k = 0; k < 5; k++)
        if (qc_rj_num(c, counts[k], &x)) n += x, put_num(t, counts[k], x);
    put_num(t, "n", qc_rj_num(c, "n", &x) ? x : n);
    put_at(t, "rate", c, "rate");
    put_ci(t, "rate_ci_low", "rate_ci_high", qc_rj(c, "rate_ci"));
    qc_sb s = {0};
    qc_limit_text(&s, qc_rj(c, "limit"), L);
    put_str(t, "limit", s.s);
    free(s.s);
    put_str(t, "unconfirmed_limit", qc_limit_unconfirmed(qc_rj(c, "limit")) ? "true" : "false");
    put_str(t, "superseded", superseded(p, std) ? "true" : "false");
    static const char *const more[] = {"near_limit", "rate_with_conditional", "decided",
                                       "min_p_conformance"};
    for (int k = 0; k < 4; k++) put_at(t, more[k], c, more[k]);
    put_str(t, "rate_of", qc_rj_str(c, "rate_of"));
    static const char *const cap[] = {"cp", "cpk", "pp", "ppk", "cpm"};
    const cJSON *capab = qc_rj(c, "capability");
    for (int k = 0; k < 5; k++) put_at(t, cap[k], capab, cap[k]);
    for (const cJSON *r = qc_rj_first(c, "nonconforming"); r; r = r->next) {
        row(nc);
        ids(nc, p, i, L);
        put_str(nc, "group", qc_rj_str(g, "group"));
        put_str(nc, "standard", std);
        put_str(nc, "grade", grade);
        static const char *const sk[] = {"sample_id", "file", "unit", "decision", "censored",
                                         "u_source", "reason"};
        for (int k = 0; k < 7; k++) put_str(nc, sk[k], qc_rj_str(r, sk[k]));
        static const char *const nk[] = {"line", "value", "p_conformance", "U"};
        for (int k = 0; k < 4; k++) put_at(nc, nk[k], r, nk[k]);
    }
}

static void side(qc_sb *s, const cJSON *x)
{
    const char *id = cJSON_IsString(x) ? x->valuestring : qc_rj_str(x, "id");
    const char *grade = qc_rj_str(x, "grade");
    sb_put(s, id ? id : "");
    if (grade && *grade) { sb_put(s, "@"); sb_put(s, grade); }
}

qc_status qc_tidy_build(const cJSON *doc, qc_lang L, ttable t[QC_TIDY_N], qc_error *err)
{
    static const struct { const char *name; const tcol *cols; size_t n; } spec[QC_TIDY_N] = {
        {"groups", groups_cols, NCOLS(groups_cols)},
        {"comparisons", comparisons_cols, NCOLS(comparisons_cols)},
        {"conformity", conformity_cols, NCOLS(conformity_cols)},
        {"nonconforming", nonconforming_cols, NCOLS(nonconforming_cols)},
        {"standards_comparison", standards_cols, NCOLS(standards_cols)}};
    for (int k = 0; k < QC_TIDY_N; k++)
        t[k] = (ttable){.name = spec[k].name, .cols = spec[k].cols, .ncols = spec[k].n};
    for (const cJSON *p = qc_rj_first(doc, "products"); p; p = p->next)
        for (const cJSON *i = qc_rj_first(p, "indicators"); i; i = i->next) {
            for (const cJSON *g = qc_rj_first(i, "groups"); g; g = g->next) {
                ttable *G = &t[QC_TIDY_GROUPS];
                row(G);
                ids(G, p, i, L);
                static const char *const sk[] = {"group", "role", "censored_method"};
                for (int k = 0; k < 3; k++) put_str(G, sk[k], qc_rj_str(g, sk[k]));
                put_str(G, "unit", qc_rj_str(i, "unit"));
                static const char *const nk[] = {"n", "mean", "sd", "median", "q1", "q3", "min",
                                                 "max", "n_missing", "n_censored", "cv",
                                                 "censored_share"};
                for (size_t k = 0; k < NCOLS(nk); k++) put_at(G, nk[k], g, nk[k]);
                put_ci(G, "mean_ci_low", "mean_ci_high", qc_rj(g, "mean_ci"));
                for (const cJSON *c = qc_rj_first(g, "conformity"); c; c = c->next)
                    conformity(&t[QC_TIDY_CONFORMITY], &t[QC_TIDY_NONCONFORMING], p, i, g, c, L);
            }
            const cJSON *arr = qc_rj_arr(i, "comparisons");
            if (arr && arr->child) {
                for (const cJSON *c = arr->child; c; c = c->next)
                    if (cJSON_IsObject(c)) comparison(&t[QC_TIDY_COMPARISONS], p, i, c, 1, L);
            } else if (cJSON_IsObject(qc_rj(i, "comparison"))) {
                comparison(&t[QC_TIDY_COMPARISONS], p, i, qc_rj(i, "comparison"), 0, L);
            }
        }
    ttable *S = &t[QC_TIDY_STANDARDS];
    for (const cJSON *c = qc_rj_first(doc, "standards_comparison"); c; c = c->next)
        for (const cJSON *i = qc_rj_first(c, "indicators"); i; i = i->next) {
            qc_sb a = {0}, b = {0}, la = {0}, lb = {0};
            row(S);
            side(&a, qc_rj(c, "a")), side(&b, qc_rj(c, "b"));
            put_str(S, "a", a.s), put_str(S, "b", b.s);
            put_str(S, "indicator", qc_rj_str(i, "indicator"));
            put_str(S, "verdict", qc_rj_str(i, "verdict"));
            if (qc_rj(i, "a_limit") && !cJSON_IsNull(qc_rj(i, "a_limit"))) {
                qc_limit_text(&la, qc_rj(i, "a_limit"), L);
                put_str(S, "a_limit", la.s);
            }
            if (qc_rj(i, "b_limit") && !cJSON_IsNull(qc_rj(i, "b_limit"))) {
                qc_limit_text(&lb, qc_rj(i, "b_limit"), L);
                put_str(S, "b_limit", lb.s);
            }
            put_str(S, "unit", qc_rj_str(i, "unit"));
            put_at(S, "difference", i, "difference");
            put_at(S, "relative_difference", i, "relative_difference");
            int md = qc_rj_bool(i, "method_differs");
            if (md >= 0) put_str(S, "method_differs", md ? "true" : "false");
            put_str(S, "reason", qc_rj_str(i, "reason"));
            free(a.s), free(b.s), free(la.s), free(lb.s);
        }
    for (int k = 0; k < QC_TIDY_N; k++)
        if (t[k].oom) {
            qc_tidy_free(t);
            return qc_error_set(err, QC_ENOMEM, "out of memory");
        }
    return QC_OK;
}

void qc_tidy_free(ttable t[QC_TIDY_N])
{
    for (int k = 0; k < QC_TIDY_N; k++) {
        for (size_t i = 0; i < t[k].nrows * t[k].ncols; i++) free(t[k].v[i].s);
        free(t[k].v);
        t[k].v = NULL, t[k].nrows = t[k].cap = 0;
    }
}
