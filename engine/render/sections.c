/* sections.c — the report's sections outside the products, in the order of issue 11: the
 * study header (identity, decision rule, inputs with SHA-256 and counts, rejected rows), the
 * executive summary (scorecards, the quality index and what it means, product verdicts per
 * standard, the largest gaps), then after the products the standards comparison, the
 * standards portfolio and the notes. qc_build_doc assembles the whole report. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render_internal.h"

#define MAX_REJECTIONS_SHOWN 200
#define WORST_GAPS 10

unsigned qc_tone(const char *ns, const char *w)
{
    static const struct { const char *ns, *word; unsigned tone; } tones[] = {
        {"verdict", "leading", RC_GOOD}, {"verdict", "on_par", RC_MID},
        {"verdict", "lagging", RC_BAD}, {"verdict", "inconclusive", 0},
        {"decision", "pass", RC_GOOD}, {"decision", "conditional_pass", RC_MID},
        {"decision", "conditional_fail", RC_BAD}, {"decision", "fail", RC_BAD},
        {"pverdict", "conforms", RC_GOOD}, {"pverdict", "does_not_conform", RC_BAD},
        {"status", "pass", RC_GOOD}, {"status", "fail", RC_BAD}, {"status", "conditional", RC_MID},
        {"cmp", "stricter", RC_GOOD}, {"cmp", "equivalent", RC_MID}, {"cmp", "looser", RC_BAD},
        {"lot", "accept", RC_GOOD}, {"lot", "reject", RC_BAD},
    };
    if (!w) return 0;
    for (size_t i = 0; i < sizeof tones / sizeof tones[0]; i++)
        if (strcmp(tones[i].ns, ns) == 0 && strcmp(tones[i].word, w) == 0) return tones[i].tone;
    return 0;
}

void qc_word_cell(rdoc *d, rtable *t, const char *ns, const char *word)
{
    if (!word) { rt_cell(d, t, 0, QC_ABSENT); return; }
    unsigned tone = qc_tone(ns, word);
    /* a shape beside the colour, so that the tone reads in grey-scale */
    const char *sym = tone == RC_GOOD ? "▲ " : tone == RC_BAD ? "▼ " : tone == RC_MID ? "● " : "";
    if (strcmp(ns, "verdict") == 0 && strcmp(word, "inconclusive") == 0) sym = "○ ";
    rt_cell(d, t, tone | RC_WORD, "%s%s", sym, qc_trw(d->lang, ns, word));
}

static void kv_row(rdoc *d, rtable *t, const char *key, const char *value)
{
    rt_row(d, t);
    rt_cell(d, t, RC_STRONG, "%s", qc_tr(d->lang, key));
    rt_cell(d, t, 0, "%s", value && *value ? value : QC_ABSENT);
}

static void decision_rule_text(qc_sb *s, const cJSON *study, qc_lang lang)
{
    const char *kind = qc_rj_str(study, "decision_rule.kind");
    double r;
    sb_put(s, kind ? qc_trw(lang, "rule", kind) : QC_ABSENT);
    if (qc_rj_num(study, "decision_rule.r", &r)) {
        sb_put(s, " (r = ");
        qc_num(s, r);
        sb_put(s, ")");
    }
    const char *judge = qc_rj_str(study, "judge");
    if (judge) {
        sb_put(s, "; ");
        sb_put(s, qc_trw(lang, "judge", judge));
    }
}

static void groups_text(qc_sb *s, const cJSON *g, qc_lang lang)
{
    static const char *const roles[] = {"subject", "reference"};
    for (int k = 0; k < 2; k++) {
        const cJSON *v = qc_rj(g, roles[k]);
        if (k) sb_put(s, "; ");
        sb_put(s, qc_trw(lang, "role", roles[k]));
        sb_put(s, ": ");
        if (cJSON_IsString(v)) sb_put(s, v->valuestring);
        for (const cJSON *e = cJSON_IsArray(v) ? v->child : NULL; e; e = e->next) {
            if (e != v->child) sb_put(s, ", ");
            if (cJSON_IsString(e)) sb_put(s, e->valuestring);
        }
    }
    const char *cmp = qc_rj_str(g, "compare");
    if (cmp) { sb_put(s, "; "); sb_put(s, qc_trw(lang, "compare", cmp)); }
}

/* A file of the rules library (not the results or the study). */
static int is_rules_file(const cJSON *f)
{
    const char *role = qc_rj_str(f, "role");
    return role && strcmp(role, "results") != 0 && strcmp(role, "study") != 0;
}

void qc_sections_study(rdoc *d, const cJSON *doc)
{
    const cJSON *study = qc_rj(doc, "study");
    qc_lang L = d->lang;
    qc_sb s = {0};
    double x;
    rd_heading(d, 2, "study", "%s", qc_tr(L, "h.study"));
    static const char *const kv[] = {"c.item", "c.value"};
    rtable *t = rd_table(d, 2, kv);
    kv_row(d, t, "l.id", qc_rj_str(study, "id"));
    kv_row(d, t, "l.title", qc_rj_str(study, "title"));
    kv_row(d, t, "l.date", qc_rj_str(study, "date"));
    decision_rule_text(&s, study, L);
    kv_row(d, t, "l.decision_rule", s.s);
    free(s.s), s = (qc_sb){0};
    groups_text(&s, qc_rj(study, "groups"), L);
    kv_row(d, t, "l.groups", s.s);
    free(s.s), s = (qc_sb){0};
    if (qc_rj_str(study, "factor")) kv_row(d, t, "l.factor", qc_rj_str(study, "factor"));
    if (qc_rj_num(study, "alpha", &x)) { qc_num(&s, x); kv_row(d, t, "l.alpha", s.s); }
    free(s.s), s = (qc_sb){0};
    if (qc_rj_num(study, "confidence", &x)) { qc_pct(&s, x, 0); kv_row(d, t, "l.confidence", s.s); }
    free(s.s), s = (qc_sb){0};
    if (qc_rj_num(study, "equivalence_margin", &x)) {
        sb_put(&s, "± "), qc_pct(&s, x, 0);
        kv_row(d, t, "l.equivalence_margin", s.s);
    }
    free(s.s), s = (qc_sb){0};
    const char *mt = qc_rj_str(study, "multiple_testing");
    if (mt) kv_row(d, t, "l.multiple_testing", qc_trw(L, "padjust", mt));
    const char *cens = qc_rj_str(study, "censored");
    if (cens) kv_row(d, t, "l.censored", qc_trw(L, "censored", cens));
    sb_printf(&s, "%s %s", qc_rj_str(doc, "engine.name") ? qc_rj_str(doc, "engine.name") : "",
              qc_rj_str(doc, "engine.version") ? qc_rj_str(doc, "engine.version") : "");
    kv_row(d, t, "l.engine", s.s);
    free(s.s), s = (qc_sb){0};

    rd_heading(d, 3, "inputs", "%s", qc_tr(L, "h.inputs"));
    static const char *const head[] = {"c.path", "c.role", "c.sha256", "c.records", "c.results",
                                       "c.accepted", "c.rejected", "c.excluded"};
    t = rd_table(d, 8, head);
    for (const cJSON *f = qc_rj_first(doc, "inputs.files"); f; f = f->next) {
        if (is_rules_file(f)) continue;  /* listed in the appendix */
        rt_row(d, t);
        rc_str(d, t, f, "path", RC_MONO);
        const char *role = qc_rj_str(f, "role");
        rt_cell(d, t, 0, "%s", role ? qc_trw(L, "filerole", role) : QC_ABSENT);
        rc_str(d, t, f, "sha256", RC_MONO);
        rc_int(d, t, f, "records");
        rc_int(d, t, f, "results");
        rc_int(d, t, f, "accepted");
        rc_int(d, t, f, "rejected");
        rc_int(d, t, f, "excluded");
    }
    rt_drop_empty(t, 3);

    int nrej = qc_rj_len(doc, "inputs.rejections");
    if (nrej) {
        rd_heading(d, 3, "rejections", "%s (%d)", qc_tr(L, "h.rejections"), nrej);
        if (nrej > MAX_REJECTIONS_SHOWN)
            rd_para(d, qc_tr(L, "t.rejections_cut"), MAX_REJECTIONS_SHOWN, nrej);
        static const char *const rh[] = {"c.path", "c.line", "c.column", "c.reason"};
        t = rd_table(d, 4, rh);
        int k = 0;
        for (const cJSON *r = qc_rj_first(doc, "inputs.rejections"); r && k < MAX_REJECTIONS_SHOWN;
             r = r->next, k++) {
            rt_row(d, t);
            rc_str(d, t, r, "path", RC_MONO);
            rc_int(d, t, r, "line");
            rc_str(d, t, r, "column", 0);
            rc_str(d, t, r, "reason", 0);
        }
    }
}

typedef struct gap { const cJSON *product, *indicator, *cmp; double rel; } gap;

static int by_gap(const void *a, const void *b)
{
    double x = ((const gap *)a)->rel, y = ((const gap *)b)->rel;
    return x < y ? -1 : x > y ? 1 : 0;
}

/* The comparisons of an indicator: comparisons[] (one per subject) or the single comparison. */
static void each_comparison(const cJSON *ind, void (*fn)(const cJSON *cmp, void *), void *ctx)
{
    const cJSON *arr = qc_rj_arr(ind, "comparisons");
    if (arr) {
        for (const cJSON *c = arr->child; c; c = c->next)
            if (cJSON_IsObject(c)) fn(c, ctx);
    } else if (cJSON_IsObject(qc_rj(ind, "comparison"))) {
        fn(qc_rj(ind, "comparison"), ctx);
    }
}

typedef struct gaps { gap *g; size_t n, cap; const cJSON *p, *i; int oom; } gaps;

static void collect_gap(const cJSON *cmp, void *ctx)
{
    gaps *G = ctx;
    double rel;
    const char *v = qc_rj_str(cmp, "verdict");
    if (!v || strcmp(v, "lagging") != 0 || !qc_rj_num(cmp, "relative_gap", &rel)) return;
    if (G->n == G->cap) {
        size_t cap = G->cap ? G->cap * 2 : 16;
        gap *g = realloc(G->g, cap * sizeof *g);
        if (!g) { G->oom = 1; return; }
        G->g = g, G->cap = cap;
    }
    G->g[G->n++] = (gap){G->p, G->i, cmp, rel};
}

void qc_sections_summary(rdoc *d, const cJSON *doc)
{
    qc_lang L = d->lang;
    rd_heading(d, 2, "summary", "%s", qc_tr(L, "h.summary"));
    rd_heading(d, 3, "scorecard", "%s", qc_tr(L, "h.scorecard"));
    static const char *const sh[] = {"c.product", "verdict.leading", "verdict.on_par",
                                     "verdict.lagging", "verdict.inconclusive", "c.quality_index"};
    rtable *t = rd_table(d, 6, sh);
    for (const cJSON *p = qc_rj_first(doc, "products"); p; p = p->next) {
        rt_row(d, t);
        rt_cell(d, t, RC_STRONG, "%s", qc_rj_name(p, L, "product"));
        rc_int(d, t, p, "scorecard.leading");
        rc_int(d, t, p, "scorecard.on_par");
        rc_int(d, t, p, "scorecard.lagging");
        rc_int(d, t, p, "scorecard.inconclusive");
        rc_num(d, t, p, "scorecard.quality_index");
    }
    rd_para(d, "%s", qc_tr(L, "t.qi_meaning"));

    rd_heading(d, 3, "verdicts", "%s", qc_tr(L, "h.verdicts"));
    static const char *const vh[] = {"c.product", "c.standard", "c.grade", "c.verdict", "c.flags",
                                     "c.untested", "c.lot_decision"};
    t = rd_table(d, 7, vh);
    for (const cJSON *p = qc_rj_first(doc, "products"); p; p = p->next)
        for (const cJSON *s = qc_rj_first(p, "standards"); s; s = s->next) {
            rt_row(d, t);
            rt_cell(d, t, 0, "%s", qc_rj_name(p, L, "product"));
            rc_str(d, t, s, "id", 0);
            rc_str(d, t, s, "grade", 0);
            qc_word_cell(d, t, "pverdict", qc_rj_str(s, "verdict"));
            qc_sb f = {0};
            for (const cJSON *fl = qc_rj_first(s, "flags"); fl; fl = fl->next)
                if (cJSON_IsString(fl)) {
                    if (f.n) sb_put(&f, "; ");
                    sb_printf(&f, "⚠ %s", qc_trw(L, "flag", fl->valuestring));
                }
            rt_cell_sb(d, t, f.n ? RC_FLAG : 0, &f);
            for (const cJSON *u = qc_rj_first(s, "untested"); u; u = u->next) {
                const char *id = cJSON_IsString(u) ? u->valuestring : qc_rj_str(u, "indicator");
                if (!id) continue;
                if (f.n) sb_put(&f, ", ");
                sb_put(&f, id);
            }
            rt_cell_sb(d, t, 0, &f);
            const char *lot = qc_rj_str(s, "sampling.lot_decision");
            if (lot) qc_word_cell(d, t, "lot", lot);
            else rt_cell(d, t, 0, QC_ABSENT);
        }
    rt_drop_empty(t, 4);

    gaps G = {0};
    for (const cJSON *p = qc_rj_first(doc, "products"); p; p = p->next)
        for (const cJSON *i = qc_rj_first(p, "indicators"); i; i = i->next) {
            G.p = p, G.i = i;
            each_comparison(i, collect_gap, &G);
        }
    if (G.oom) d->oom = 1;
    rd_heading(d, 3, "worst", "%s", qc_tr(L, "h.worst"));
    if (!G.n) {
        rd_para(d, "%s", qc_tr(L, "t.no_lagging"));
    } else {
        qsort(G.g, G.n, sizeof *G.g, by_gap);
        static const char *const gh[] = {"c.product", "c.indicator", "c.subject", "c.relative_gap",
                                         "c.p_adjusted", "c.verdict"};
        t = rd_table(d, 6, gh);
        for (size_t k = 0; k < G.n && k < WORST_GAPS; k++) {
            rt_row(d, t);
            rt_cell(d, t, 0, "%s", qc_rj_name(G.g[k].product, L, "product"));
            rt_cell(d, t, 0, "%s", qc_rj_name(G.g[k].indicator, L, "indicator"));
            rc_str(d, t, G.g[k].cmp, qc_rj_str(G.g[k].cmp, "group") ? "group" : "subject", 0);
            rc_pct(d, t, G.g[k].cmp, "relative_gap", 1);
            rc_p(d, t, G.g[k].cmp, "p_adjusted");
            qc_word_cell(d, t, "verdict", qc_rj_str(G.g[k].cmp, "verdict"));
        }
    }
    free(G.g);
}

/* The name of an indicator id from any product that has it (the comparison lists ids only). */
static const char *indicator_name(const cJSON *doc, const char *id, qc_lang L)
{
    for (const cJSON *p = qc_rj_first(doc, "products"); p && id; p = p->next) {
        const cJSON *i = qc_rj_find(qc_rj_arr(p, "indicators"), "indicator", id);
        if (i) return qc_rj_name(i, L, "indicator");
    }
    return id ? id : QC_ABSENT;
}

static void side_text(qc_sb *s, const cJSON *side)
{
    const char *id = qc_rj_str(side, "id"), *grade = qc_rj_str(side, "grade");
    if (cJSON_IsString(side)) id = side->valuestring;
    sb_put(s, id ? id : QC_ABSENT);
    if (grade && *grade) { sb_put(s, "@"); sb_put(s, grade); }
}

void qc_sections_standards(rdoc *d, const cJSON *doc)
{
    qc_lang L = d->lang;
    const cJSON *sc = qc_rj_arr(doc, "standards_comparison");
    if (sc && sc->child) {
        rd_heading(d, 2, "standards-comparison", "%s", qc_tr(L, "h.standards_comparison"));
        for (const cJSON *c = sc->child; c; c = c->next) {
            qc_sb a = {0}, b = {0};
            side_text(&a, qc_rj(c, "a"));
            side_text(&b, qc_rj(c, "b"));
            rd_heading(d, 3, NULL, "%s ↔ %s", a.s ? a.s : "", b.s ? b.s : "");
            double cov, soe;
            qc_sb p = {0};
            sb_printf(&p, "%s: ", qc_tr(L, "l.coverage"));
            if (qc_rj_num(c, "coverage", &cov)) qc_pct(&p, cov, 0); else sb_put(&p, QC_ABSENT);
            sb_printf(&p, "; %s: ", qc_tr(L, "l.stricter_or_equal"));
            if (qc_rj_num(c, "stricter_or_equal", &soe)) qc_pct(&p, soe, 0); else sb_put(&p, QC_ABSENT);
            rd_para(d, "%s", p.s ? p.s : "");
            free(p.s);
            const char *h[] = {"c.indicator", "c.a_limit", "c.b_limit", "c.verdict", "c.difference_ab",
                               "c.relative_difference", "c.method_differs", "c.reason"};
            rtable *t = rd_table(d, 8, h);
            for (const cJSON *i = qc_rj_first(c, "indicators"); i; i = i->next) {
                qc_sb s = {0};
                rt_row(d, t);
                rt_cell(d, t, 0, "%s", indicator_name(doc, qc_rj_str(i, "indicator"), L));
                qc_limit_text(&s, qc_rj(i, "a_limit"), L);
                if (qc_limit_unconfirmed(qc_rj(i, "a_limit"))) sb_printf(&s, " ⚠ %s", qc_trw(L, "flag", "unconfirmed_limit"));
                rt_cell_sb(d, t, qc_limit_unconfirmed(qc_rj(i, "a_limit")) ? RC_FLAG : 0, &s);
                qc_limit_text(&s, qc_rj(i, "b_limit"), L);
                if (qc_limit_unconfirmed(qc_rj(i, "b_limit"))) sb_printf(&s, " ⚠ %s", qc_trw(L, "flag", "unconfirmed_limit"));
                rt_cell_sb(d, t, qc_limit_unconfirmed(qc_rj(i, "b_limit")) ? RC_FLAG : 0, &s);
                qc_word_cell(d, t, "cmp", qc_rj_str(i, "verdict"));
                rc_num(d, t, i, "difference");
                rc_pct(d, t, i, "relative_difference", 1);
                int md = qc_rj_bool(i, "method_differs");
                rt_cell(d, t, 0, "%s", md < 0 ? QC_ABSENT : qc_tr(L, md ? "w.yes" : "w.no"));
                rc_str(d, t, i, "reason", 0);
            }
            rt_drop_empty(t, 4);
            free(a.s), free(b.s);
        }
    }
    const cJSON *pf = qc_rj(doc, "standards_portfolio");
    if (!cJSON_IsObject(pf)) return;
    rd_heading(d, 2, "portfolio", "%s", qc_tr(L, "h.portfolio"));
    qc_sb p = {0};
    double x;
    sb_printf(&p, "%s: %s; ", qc_tr(L, "l.date"), qc_rj_str(pf, "date") ? qc_rj_str(pf, "date") : QC_ABSENT);
    sb_printf(&p, "%s: ", qc_tr(L, "l.adoption_share"));
    if (qc_rj_num(pf, "summary.adoption_share", &x)) qc_pct(&p, x, 0); else sb_put(&p, QC_ABSENT);
    if (qc_rj_num(pf, "review_cycle_years", &x)) sb_printf(&p, "; %s: %.0f", qc_tr(L, "l.review_cycle"), x);
    rd_para(d, "%s", p.s ? p.s : "");
    free(p.s);
    static const char *const h[] = {"c.product", "c.standard", "c.kind", "c.status", "c.published",
                                    "c.effective", "c.age", "c.review_overdue", "c.adoption",
                                    "c.superseded_by"};
    static const char *const lists[] = {"in_force", "superseded", "not_yet_effective", "withdrawn"};
    rtable *t = rd_table(d, 10, h);
    for (const cJSON *ind = qc_rj_first(pf, "industries"); ind; ind = ind->next)
        for (const cJSON *pr = qc_rj_first(ind, "products"); pr; pr = pr->next)
            for (size_t k = 0; k < 4; k++)
                for (const cJSON *s = qc_rj_first(pr, lists[k]); s; s = s->next) {
                    const char *status = qc_rj_str(s, "status");
                    unsigned flag = status && strcmp(status, "in_force") != 0 ? RC_FLAG : 0;
                    rt_row(d, t);
                    rt_cell(d, t, 0, "%s", qc_rj_name(pr, L, "product"));
                    rt_cell(d, t, flag, "%s%s", flag ? "⚠ " : "", qc_rj_str(s, "id") ? qc_rj_str(s, "id") : QC_ABSENT);
                    const char *kind = qc_rj_str(s, "kind");
                    rt_cell(d, t, 0, "%s", kind ? qc_trw(L, "kind", kind) : QC_ABSENT);
                    rt_cell(d, t, flag, "%s", status ? qc_trw(L, "pstatus", status) : QC_ABSENT);
                    rc_str(d, t, s, "published", 0);
                    rc_str(d, t, s, "effective", 0);
                    rc_num(d, t, s, "age_years");
                    int ro = qc_rj_bool(s, "review_overdue");
                    rt_cell(d, t, ro == 1 ? RC_FLAG : 0, "%s", ro < 0 ? QC_ABSENT : qc_tr(L, ro ? "w.yes" : "w.no"));
                    const char *deg = qc_rj_str(s, "adoption.degree"), *of = qc_rj_str(s, "adoption.of");
                    if (deg || of) rt_cell(d, t, 0, "%s %s", deg ? deg : "", of ? of : "");
                    else rt_cell(d, t, 0, QC_ABSENT);
                    rc_str(d, t, s, "superseded_by", 0);
                }
    rt_drop_empty(t, 4);
}

void qc_sections_rules_files(rdoc *d, const cJSON *doc)
{
    int n = 0;
    for (const cJSON *f = qc_rj_first(doc, "inputs.files"); f; f = f->next) n += is_rules_file(f);
    if (!n) return;
    rd_heading(d, 2, "rules-files", "%s (%d)", qc_tr(d->lang, "h.rules_files"), n);
    static const char *const head[] = {"c.path", "c.role", "c.sha256"};
    rtable *t = rd_table(d, 3, head);
    for (const cJSON *f = qc_rj_first(doc, "inputs.files"); f; f = f->next) {
        if (!is_rules_file(f)) continue;
        rt_row(d, t);
        rc_str(d, t, f, "path", RC_MONO);
        const char *role = qc_rj_str(f, "role");
        rt_cell(d, t, 0, "%s", role ? qc_trw(d->lang, "filerole", role) : QC_ABSENT);
        rc_str(d, t, f, "sha256", RC_MONO);
    }
}

void qc_sections_notes(rdoc *d, const cJSON *doc)
{
    const cJSON *notes = qc_rj_arr(doc, "notes");
    if (!notes || !notes->child) return;
    rd_heading(d, 2, "notes", "%s (%d)", qc_tr(d->lang, "h.notes"), cJSON_GetArraySize(notes));
    rd_para(d, "%s", qc_tr(d->lang, "t.notes_intro"));
    for (const cJSON *n = notes->child; n; n = n->next)
        if (cJSON_IsString(n)) rd_list_item(d, n->valuestring);
}

qc_status qc_build_doc(const cJSON *doc, qc_lang lang, rdoc *d, qc_error *err)
{
    *d = (rdoc){.lang = lang};
    const char *title = qc_rj_str(doc, "study.title"), *id = qc_rj_str(doc, "study.id");
    qc_sb t = {0};
    sb_printf(&t, "%s: %s", qc_tr(lang, "h.report"), title && *title ? title : id ? id : "");
    d->title = sb_take(&t);
    rd_heading(d, 1, "top", "%s", d->title ? d->title : "");
    qc_sections_study(d, doc);
    qc_sections_summary(d, doc);
    int k = 0;
    for (const cJSON *p = qc_rj_first(doc, "products"); p; p = p->next)
        if (cJSON_IsObject(p)) qc_sections_product(d, doc, p, ++k);
    qc_sections_standards(d, doc);
    qc_sections_notes(d, doc);
    qc_sections_rules_files(d, doc);
    if (d->oom || !d->title) {
        rd_free(d);
        return qc_error_set(err, QC_ENOMEM, "out of memory");
    }
    return QC_OK;
}
