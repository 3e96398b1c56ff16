/* product.c — the sections of one product: lot acceptance (when sampled), the indicator table
 * (subject and reference n, mean ± sd, difference with CI, relative gap, adjusted p, verdict,
 * and the censored-data and many-to-one tests when the analysis has them), the charts,
 * conformity per standard and grade, nonconforming results, grades, market access and the
 * factor analysis. Every value is read through the accessor layer; absent shows as —. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render_internal.h"

#define MAX_NONCONFORMING_SHOWN 500

/* "ID@GRADE" with the product's flags on that standard (superseded …) and an unconfirmed
 * limit, each visibly marked. */
static void standard_cell(rdoc *d, rtable *t, const cJSON *product, const char *id,
                          const char *grade, const cJSON *limit)
{
    qc_sb s = {0};
    unsigned flags = 0;
    sb_put(&s, id ? id : QC_ABSENT);
    if (grade && *grade) sb_printf(&s, "@%s", grade);
    for (const cJSON *st = qc_rj_first(product, "standards"); st && id; st = st->next) {
        const char *sid = qc_rj_str(st, "id"), *sg = qc_rj_str(st, "grade");
        if (!sid || strcmp(sid, id) != 0 || (grade && sg && strcmp(grade, sg) != 0)) continue;
        for (const cJSON *f = qc_rj_first(st, "flags"); f; f = f->next)
            if (cJSON_IsString(f) && qc_edition_flag(f->valuestring)) {
                sb_printf(&s, " ⚠ %s", qc_trw(d->lang, "flag", f->valuestring));
                flags = RC_FLAG;
            }
        break;
    }
    if (limit && qc_limit_unconfirmed(limit)) {
        sb_printf(&s, " ⚠ %s", qc_trw(d->lang, "flag", "unconfirmed_limit"));
        flags = RC_FLAG;
    }
    rt_cell_sb(d, t, flags, &s);
}

static void mean_sd_cells(rdoc *d, rtable *t, const cJSON *ind, const char *role, const char *group)
{
    double n, m, sd;
    if (!qc_rj_pool(ind, role, group, &n, &m, &sd)) {
        /* no mean (e.g. every result censored): the groups' n and what they say instead,
         * such as "all < 2 mg/kg" */
        qc_sb s = {0};
        double gn, total = 0;
        for (const cJSON *g = qc_rj_first(ind, "groups"); g; g = g->next) {
            const char *r = qc_rj_str(g, "role"), *name = qc_rj_str(g, "group");
            if (group ? !name || strcmp(name, group) != 0 : !r || strcmp(r, role) != 0) continue;
            if (qc_rj_num(g, "n", &gn)) total += gn;
            const char *all = qc_rj_str(g, "all_censored");
            if (all) sb_printf(&s, "%s%s", s.n ? "; " : "", all);
        }
        if (total > 0) rt_cell(d, t, RC_NUM, "%.0f", total);
        else rt_cell(d, t, RC_NUM, QC_ABSENT);
        if (!s.n) sb_put(&s, QC_ABSENT);
        rt_cell_sb(d, t, RC_NUM, &s);
        return;
    }
    rt_cell(d, t, RC_NUM, "%.0f", n);
    qc_sb s = {0};
    qc_num(&s, m);
    if (isfinite(sd)) { sb_put(&s, " ± "); qc_num(&s, sd); }
    rt_cell_sb(d, t, RC_NUM, &s);
}

static void comparison_row(rdoc *d, rtable *t, const cJSON *ind, const cJSON *cmp, int each)
{
    qc_lang L = d->lang;
    const char *unit = qc_rj_str(ind, "unit");
    rt_row(d, t);
    rt_cell(d, t, RC_STRONG, "%s", qc_rj_name(ind, L, "indicator"));
    rt_cell(d, t, 0, "%s", unit && *unit && strcmp(unit, "1") ? unit : QC_ABSENT);
    const char *sg = each ? qc_rj_str(cmp, "group") : NULL;
    if (each && !sg) sg = qc_rj_str(cmp, "subject");
    rt_cell(d, t, 0, "%s", sg ? sg : qc_trw(L, "role", "subject"));
    mean_sd_cells(d, t, ind, "subject", sg);
    mean_sd_cells(d, t, ind, "reference", NULL);
    qc_sb s = {0};
    double x;
    if (cmp && qc_rj_num(cmp, "difference", &x)) {
        qc_num(&s, x);
        if (qc_rj_arr(cmp, "difference_ci")) { sb_put(&s, " "); qc_ci(&s, qc_rj(cmp, "difference_ci"), 0); }
    }
    rt_cell_sb(d, t, RC_NUM, &s);
    if (cmp) {
        rc_pct(d, t, cmp, "relative_gap", 1);
        rc_p(d, t, cmp, "p_adjusted");
        qc_word_cell(d, t, "verdict", qc_rj_str(cmp, "verdict"));
        rc_p(d, t, cmp, "dunnett.p_value");
        rc_p(d, t, cmp, "peto_prentice.p_value");
        double a, an, b, bn;
        if (qc_rj_num(cmp, "detection_frequency.subject_detected", &a) &&
            qc_rj_num(cmp, "detection_frequency.subject_n", &an) &&
            qc_rj_num(cmp, "detection_frequency.reference_detected", &b) &&
            qc_rj_num(cmp, "detection_frequency.reference_n", &bn)) {
            sb_printf(&s, "%.0f/%.0f : %.0f/%.0f", a, an, b, bn);
            if (qc_rj_num(cmp, "detection_frequency.p_value", &x)) { sb_put(&s, ", p "); qc_pval(&s, x); }
        }
        rt_cell_sb(d, t, RC_NUM, &s);
    } else {
        for (int k = 0; k < 2; k++) rt_cell(d, t, RC_NUM, QC_ABSENT);
        rt_cell(d, t, 0, "%s", qc_tr(L, "t.no_comparison"));
        for (int k = 0; k < 3; k++) rt_cell(d, t, RC_NUM, QC_ABSENT);
    }
    /* censored share of the groups compared (subject : reference), when the analysis
     * reports it; the method is the study's, shown in its header */
    int any = 0;
    for (int side = 0; side < 2; side++) {
        double share = 0, cs, gn, total = 0;
        for (const cJSON *g = qc_rj_first(ind, "groups"); g; g = g->next) {
            const char *r = qc_rj_str(g, "role"), *name = qc_rj_str(g, "group");
            int in = side == 0 ? (sg ? name && strcmp(name, sg) == 0 : r && !strcmp(r, "subject"))
                               : r && strcmp(r, "reference") == 0;
            if (!in || !qc_rj_num(g, "censored_share", &cs) || !qc_rj_num(g, "n", &gn)) continue;
            share += cs * gn, total += gn;
            any |= cs > 0;
        }
        if (side) sb_put(&s, " : ");
        if (total > 0) qc_pct(&s, share / total, 0);
        else sb_put(&s, QC_ABSENT);
    }
    if (!any) { free(s.s); s = (qc_sb){0}; }
    rt_cell_sb(d, t, RC_NUM, &s);
}

static void indicator_table(rdoc *d, const cJSON *p)
{
    static const char *const h[] = {"c.indicator", "c.unit", "c.subject", "c.subject_n",
                                    "c.subject_mean_sd", "c.reference_n", "c.reference_mean_sd",
                                    "c.difference_ci", "c.relative_gap", "c.p_adjusted",
                                    "c.verdict", "c.dunnett_p", "c.peto_prentice_p",
                                    "c.detection_frequency", "c.censored_share"};
    rtable *t = rd_table(d, 15, h);
    int each = 0;
    for (const cJSON *i = qc_rj_first(p, "indicators"); i; i = i->next) {
        const cJSON *arr = qc_rj_arr(i, "comparisons");
        if (arr && arr->child) {
            each = 1;
            for (const cJSON *c = arr->child; c; c = c->next) comparison_row(d, t, i, c, 1);
        } else {
            const cJSON *c = qc_rj(i, "comparison");
            comparison_row(d, t, i, cJSON_IsObject(c) ? c : NULL, 0);
        }
    }
    rt_drop_empty(t, 11);
    if (!each && t) {  /* one (pooled) subject: the subject column says nothing */
        for (size_t r = 0; r < t->nrows; r++) {
            free(t->cells[r * t->ncols + 2].text);
            t->cells[r * t->ncols + 2].text = strdup(QC_ABSENT);
        }
        rt_drop_empty(t, 2);
    }
}

static void conformity_tables(rdoc *d, const cJSON *p)
{
    qc_lang L = d->lang;
    static const char *const h[] = {"c.indicator", "c.group", "c.standard", "c.limit", "c.n",
                                    "decision.pass", "decision.fail", "decision.conditional_pass",
                                    "decision.conditional_fail", "decision.not_decidable",
                                    "c.rate_ci", "c.decided", "c.near_limit", "c.ppk"};
    rtable *t = rd_table(d, 14, h);
    size_t nbad = 0, shown = 0;
    for (const cJSON *i = qc_rj_first(p, "indicators"); i; i = i->next)
        for (const cJSON *g = qc_rj_first(i, "groups"); g; g = g->next)
            for (const cJSON *c = qc_rj_first(g, "conformity"); c; c = c->next) {
                rt_row(d, t);
                rt_cell(d, t, 0, "%s", qc_rj_name(i, L, "indicator"));
                rc_str(d, t, g, "group", 0);
                standard_cell(d, t, p, qc_rj_str(c, "standard"), qc_rj_str(c, "grade"), qc_rj(c, "limit"));
                qc_sb s = {0};
                qc_limit_text(&s, qc_rj(c, "limit"), L);
                rt_cell_sb(d, t, 0, &s);
                double n = 0, x;
                static const char *const k[] = {"pass", "fail", "conditional_pass",
                                                "conditional_fail", "not_decidable"};
                for (int j = 0; j < 5; j++) if (qc_rj_num(c, k[j], &x)) n += x;
                if (qc_rj_num(c, "n", &x)) n = x;
                rt_cell(d, t, RC_NUM, "%.0f", n);
                for (int j = 0; j < 5; j++) rc_int(d, t, c, k[j]);
                if (qc_rj_num(c, "rate", &x)) {
                    qc_pct(&s, x, 0);
                    sb_put(&s, " ");
                    qc_ci(&s, qc_rj(c, "rate_ci"), 1);
                }
                rt_cell_sb(d, t, RC_NUM, &s);
                rc_int(d, t, c, "decided");
                rc_int(d, t, c, "near_limit");
                rc_num(d, t, c, "capability.ppk");
                nbad += (size_t)qc_rj_len(c, "nonconforming");
            }
    rt_drop_empty(t, 11);
    if (!nbad) return;
    rd_heading(d, 3, NULL, "%s (%zu)", qc_tr(L, "h.nonconforming"), nbad);
    if (nbad > MAX_NONCONFORMING_SHOWN)
        rd_para(d, qc_tr(L, "t.nonconforming_cut"), MAX_NONCONFORMING_SHOWN, nbad);
    static const char *const nh[] = {"c.indicator", "c.group", "c.standard", "c.sample_id",
                                     "c.file_line", "c.value", "c.unit", "c.decision",
                                     "c.p_conformance", "c.reason"};
    t = rd_table(d, 10, nh);
    for (const cJSON *i = qc_rj_first(p, "indicators"); i; i = i->next)
        for (const cJSON *g = qc_rj_first(i, "groups"); g; g = g->next)
            for (const cJSON *c = qc_rj_first(g, "conformity"); c; c = c->next)
                for (const cJSON *r = qc_rj_first(c, "nonconforming"); r && shown < MAX_NONCONFORMING_SHOWN;
                     r = r->next, shown++) {
                    rt_row(d, t);
                    rt_cell(d, t, 0, "%s", qc_rj_name(i, L, "indicator"));
                    rc_str(d, t, g, "group", 0);
                    standard_cell(d, t, p, qc_rj_str(c, "standard"), qc_rj_str(c, "grade"), NULL);
                    rc_str(d, t, r, "sample_id", 0);
                    const char *file = qc_rj_str(r, "file");
                    const char *base = file ? strrchr(file, '/') : NULL;
                    double line;
                    if (file && qc_rj_num(r, "line", &line))
                        rt_cell(d, t, RC_MONO, "%s:%.0f", base ? base + 1 : file, line);
                    else rt_cell(d, t, RC_MONO, QC_ABSENT);
                    double v;
                    const char *cens = qc_rj_str(r, "censored");
                    qc_sb vs = {0};
                    if (qc_rj_num(r, "value", &v)) {
                        sb_put(&vs, cens ? cens : "");
                        qc_num_sig(&vs, v, 6);
                    } else if (cens) sb_put(&vs, cens);  /* ND */
                    rt_cell_sb(d, t, RC_NUM, &vs);
                    rc_str(d, t, r, "unit", 0);
                    qc_word_cell(d, t, "decision", qc_rj_str(r, "decision"));
                    rc_num(d, t, r, "p_conformance");
                    rc_str(d, t, r, "reason", 0);
                }
    rt_drop_empty(t, 8);
}

static void sampling_table(rdoc *d, const cJSON *p)
{
    int any = 0;
    for (const cJSON *s = qc_rj_first(p, "standards"); s; s = s->next)
        if (cJSON_IsObject(qc_rj(s, "sampling"))) any = 1;
    if (!any) return;
    rd_heading(d, 3, NULL, "%s", qc_tr(d->lang, "h.sampling"));
    static const char *const h[] = {"c.standard", "c.group", "c.code_letter", "c.sample_n", "c.ac",
                                    "c.re", "c.nonconforming_items", "c.lot_decision"};
    rtable *t = rd_table(d, 8, h);
    for (const cJSON *s = qc_rj_first(p, "standards"); s; s = s->next) {
        const cJSON *sp = qc_rj(s, "sampling");
        if (!cJSON_IsObject(sp)) continue;
        rt_row(d, t);
        standard_cell(d, t, p, qc_rj_str(s, "id"), qc_rj_str(s, "grade"), NULL);
        rc_str(d, t, s, "group", 0);  /* with compare: each, one lot per subject group */
        rc_str(d, t, sp, "code_letter", 0);
        rc_int(d, t, sp, "n");
        rc_int(d, t, sp, "ac");
        rc_int(d, t, sp, "re");
        rc_int(d, t, sp, "nonconforming");
        qc_word_cell(d, t, "lot", qc_rj_str(sp, "lot_decision"));
    }
}

static void grades_table(rdoc *d, const cJSON *p)
{
    if (!qc_rj_first(p, "grades")) return;
    rd_heading(d, 3, NULL, "%s", qc_tr(d->lang, "h.grades"));
    static const char *const h[] = {"c.group", "c.standard", "c.grade_met"};
    rtable *t = rd_table(d, 3, h);
    for (const cJSON *g = qc_rj_first(p, "grades"); g; g = g->next) {
        rt_row(d, t);
        rc_str(d, t, g, "group", 0);
        standard_cell(d, t, p, qc_rj_str(g, "standard"), NULL, NULL);
        const char *grade = qc_rj_str(g, "grade");
        rt_cell(d, t, grade ? RC_GOOD : RC_BAD, "%s", grade ? grade : qc_tr(d->lang, "w.none_met"));
    }
}

static void market_table(rdoc *d, const cJSON *p)
{
    if (!qc_rj_first(p, "market_access")) return;
    qc_lang L = d->lang;
    rd_heading(d, 3, NULL, "%s", qc_tr(L, "h.market"));
    static const char *const h[] = {"c.market", "c.group", "c.status", "c.regulations",
                                    "c.failing", "c.not_tested"};
    rtable *t = rd_table(d, 6, h);
    for (const cJSON *m = qc_rj_first(p, "market_access"); m; m = m->next) {
        rt_row(d, t);
        rc_str(d, t, m, "market", RC_STRONG);
        rc_str(d, t, m, "group", 0);
        qc_word_cell(d, t, "status", qc_rj_str(m, "status"));
        rc_int(d, t, m, "regulations");
        static const char *const lists[] = {"failing", "not_tested"};
        for (int k = 0; k < 2; k++) {
            qc_sb s = {0};
            for (const cJSON *f = qc_rj_first(m, lists[k]); f; f = f->next) {
                double n;
                if (s.n) sb_put(&s, "; ");
                sb_printf(&s, "%s", qc_rj_str(f, "regulation") ? qc_rj_str(f, "regulation") : "");
                if (qc_rj_str(f, "indicator")) sb_printf(&s, ": %s", qc_rj_str(f, "indicator"));
                if (qc_rj_num(f, "failed", &n)) sb_printf(&s, " (%.0f)", n);
                if (qc_rj_str(f, "reason")) sb_printf(&s, " — %s", qc_rj_str(f, "reason"));
            }
            rt_cell_sb(d, t, 0, &s);
        }
    }
}

static void posthoc_table(rdoc *d, const cJSON *f, const char *key)
{
    if (!qc_rj_first(f, key)) return;
    rd_para(d, "%s", qc_tr(d->lang, strcmp(key, "tukey") == 0 ? "l.tukey" : "l.games_howell"));
    static const char *const h[] = {"c.level_a", "c.level_b", "c.difference_ab", "c.ci",
                                    "c.p_value"};
    rtable *t = rd_table(d, 5, h);
    for (const cJSON *r = qc_rj_first(f, key); r; r = r->next) {
        rt_row(d, t);
        rc_str(d, t, r, "a", 0);
        rc_str(d, t, r, "b", 0);
        rc_num(d, t, r, "difference");
        qc_sb s = {0};
        double lo, hi;
        if (qc_rj_num(r, "ci_low", &lo) && qc_rj_num(r, "ci_high", &hi)) {
            sb_put(&s, "["); qc_num(&s, lo); sb_put(&s, ", "); qc_num(&s, hi); sb_put(&s, "]");
        }
        rt_cell_sb(d, t, RC_NUM, &s);
        rc_p(d, t, r, "p_value");
    }
}

static void factor_tables(rdoc *d, const cJSON *p)
{
    qc_lang L = d->lang;
    int head = 0;
    for (const cJSON *i = qc_rj_first(p, "indicators"); i; i = i->next) {
        const cJSON *f = qc_rj(i, "factor");
        if (!cJSON_IsObject(f)) continue;
        if (!head++) rd_heading(d, 3, NULL, "%s", qc_tr(L, "h.factor"));
        rd_heading(d, 4, NULL, "%s — %s", qc_rj_name(i, L, "indicator"),
                   qc_rj_str(f, "column") ? qc_rj_str(f, "column") : "");
        static const char *const lh[] = {"c.level", "c.n", "c.mean"};
        rtable *t = rd_table(d, 3, lh);
        for (const cJSON *l = qc_rj_first(f, "levels"); l; l = l->next) {
            rt_row(d, t);
            rc_str(d, t, l, "level", 0);
            rc_int(d, t, l, "n");
            rc_num(d, t, l, "mean");
        }
        static const char *const th[] = {"c.test", "c.statistic", "c.df", "c.p_value"};
        t = rd_table(d, 4, th);
        static const struct { const char *key, *stat, *df1, *df2; } tests[] = {
            {"anova", "f", "df_between", "df_within"}, {"welch_anova", "f", "df1", "df2"},
            {"kruskal_wallis", "h", "df", NULL}};
        for (size_t k = 0; k < 3; k++) {
            const cJSON *o = qc_rj(f, tests[k].key);
            if (!cJSON_IsObject(o)) continue;
            rt_row(d, t);
            { char tk[48]; snprintf(tk, sizeof tk, "test.%s", tests[k].key); rt_cell(d, t, 0, "%s", qc_tr(L, tk)); }
            rc_num(d, t, o, tests[k].stat);
            qc_sb s = {0};
            double a, b;
            if (qc_rj_num(o, tests[k].df1, &a)) qc_num(&s, a);
            if (tests[k].df2 && qc_rj_num(o, tests[k].df2, &b)) { sb_put(&s, ", "); qc_num(&s, b); }
            rt_cell_sb(d, t, RC_NUM, &s);
            rc_p(d, t, o, "p_value");
        }
        posthoc_table(d, f, "tukey");
        posthoc_table(d, f, "games_howell");
    }
}

static void charts(rdoc *d, const cJSON *doc, const cJSON *p)
{
    qc_lang L = d->lang;
    rd_heading(d, 3, NULL, "%s", qc_tr(L, "h.charts"));
    char *svg = qc_chart_gap(doc, p, L);
    if (svg) rd_figure(d, svg, qc_tr(L, "t.fig_gap"));
    svg = qc_chart_rates(p, L);
    if (svg) rd_figure(d, svg, qc_tr(L, "t.fig_rates"));
    svg = qc_chart_oc(p, L);
    if (svg) rd_figure(d, svg, qc_tr(L, "t.fig_oc"));
    for (const cJSON *i = qc_rj_first(p, "indicators"); i; i = i->next) {
        svg = qc_chart_box(i, L);
        if (!svg) continue;
        qc_sb cap = {0};
        sb_printf(&cap, "%s: %s", qc_tr(L, "t.fig_box"), qc_rj_name(i, L, "indicator"));
        rd_figure(d, svg, cap.s);
        free(cap.s);
    }
}

void qc_sections_product(rdoc *d, const cJSON *doc, const cJSON *p, int index)
{
    qc_lang L = d->lang;
    char anchor[32];
    snprintf(anchor, sizeof anchor, "product-%d", index);
    const char *id = qc_rj_str(p, "product"), *ind = qc_rj_str(p, "industry");
    rd_heading(d, 2, anchor, "%s %d: %s", qc_tr(L, "h.product"), index, qc_rj_name(p, L, "product"));
    rd_para(d, "%s: %s; %s: %s", qc_tr(L, "l.product_id"), id ? id : QC_ABSENT,
            qc_tr(L, "l.industry"), ind ? qc_trw(L, "industry", ind) : QC_ABSENT);
    sampling_table(d, p);
    rd_heading(d, 3, NULL, "%s", qc_tr(L, "h.indicators"));
    indicator_table(d, p);
    charts(d, doc, p);
    rd_heading(d, 3, NULL, "%s", qc_tr(L, "h.conformity"));
    conformity_tables(d, p);
    grades_table(d, p);
    market_table(d, p);
    factor_tables(d, p);
}
