/* gaps.c — `qcompare standards gaps` (standards.h; docs/standards.md "Gaps"): per product,
 * what an analyst must know before trusting its standards comparison at a date — whether a
 * Chinese standard in force carries limits, which international or foreign counterparts are in
 * force, for each Chinese grade the closest grade of each counterpart and whether it is an
 * equivalent, the share of unconfirmed limits, the requirements whose values are not encoded,
 * and successor editions missing from the library. Owns nothing beyond one call. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/jsonfile.h"
#include "std_internal.h"

static int lists(const qc_standard *s, const char *product)
{
    for (size_t i = 0; i < s->nproducts; i++)
        if (strcmp(s->products[i], product) == 0) return 1;
    return 0;
}

/* A Chinese standard: domestic kinds, or a regulation of a Chinese market (CN, CN-BJ, …). */
static int chinese(const qc_standard *s)
{
    if (qc_std_domestic(s)) return 1;
    return strcmp(s->kind, "regulation") == 0 && s->market && strncmp(s->market, "CN", 2) == 0;
}

static int counterpart(const qc_standard *s)
{
    return strcmp(s->kind, "international") == 0 || strcmp(s->kind, "foreign") == 0 ||
           (strcmp(s->kind, "regulation") == 0 && !chinese(s));
}

/* Pieces a standard writes (each grade's own sets): encoded, not encoded, unconfirmed. */
static void count_pieces(const qc_standard *s, size_t *encoded, size_t *not_encoded,
                         size_t *unconfirmed)
{
    *encoded = *not_encoded = *unconfirmed = 0;
    for (size_t g = 0; g < s->ngrades; g++)
        for (size_t k = 0; k < s->grades[g].nsets; k++)
            for (size_t p = 0; p < s->grades[g].sets[k].npieces; p++) {
                const qc_limit *l = &s->grades[g].sets[k].piece[p];
                if (l->not_encoded) (*not_encoded)++;
                else (*encoded)++;
                *unconfirmed += !l->not_encoded && !l->confirmed;
            }
}

static cJSON *std_entry(const qc_standard *s, const qc_std_state *st)
{
    size_t enc, ne, unc;
    count_pieces(s, &enc, &ne, &unc);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", s->id);
    cJSON_AddStringToObject(o, "kind", s->kind);
    if (s->market) cJSON_AddStringToObject(o, "market", s->market);
    cJSON_AddStringToObject(o, "status", qc_std_state_name(st->kind));
    if (st->by) cJSON_AddStringToObject(o, "superseded_by", st->by->id);
    cJSON_AddNumberToObject(o, "limits", (double)enc);
    cJSON_AddNumberToObject(o, "not_encoded", (double)ne);
    cJSON_AddNumberToObject(o, "unconfirmed", (double)unc);
    return o;
}

static void gap(cJSON *gaps, const char *code)
{
    for (const cJSON *g = gaps->child; g; g = g->next)
        if (strcmp(g->valuestring, code) == 0) return;
    cJSON_AddItemToArray(gaps, cJSON_CreateString(code));
}

/* The grades of s in grade_order, then the others. */
static size_t grades_of(const qc_standard *s, const qc_grade **out)
{
    size_t n = 0;
    for (size_t i = 0; i < s->ngrade_order; i++) out[n++] = qc_standard_grade(s, s->grade_order[i]);
    for (size_t i = 0; i < s->ngrades; i++) {
        size_t k = 0;
        while (k < n && out[k] != &s->grades[i]) k++;
        if (k == n) out[n++] = &s->grades[i];
    }
    return n;
}

/* For grade g of cn: the grade of c it is closest to (most equivalent indicators, then most
 * compared), and whether that grade is an equivalent (every compared indicator equivalent). */
static qc_status closest(const qc_rules *r, const qc_standard *cn, const qc_grade *g,
                         const qc_standard *c, cJSON *pairs, int *equivalent, qc_error *err)
{
    const qc_grade **gs = calloc(c->ngrades + c->ngrade_order + 1, sizeof *gs);
    if (!gs) return qc_error_set(err, QC_ENOMEM, "out of memory");
    size_t ng = grades_of(c, gs), best_eq = 0, best_cmp = 0;
    const qc_grade *best = NULL;
    size_t best_count[QC_STD_NVERDICTS] = {0};
    for (size_t i = 0; i < ng; i++) {
        qc_std_comparison cmp;
        qc_status s = qc_standards_compare(r, cn, g, c, gs[i], &cmp, err);
        if (s) { free(gs); return s; }
        size_t eq = cmp.count[QC_STD_EQUIVALENT];
        size_t compared = eq + cmp.count[QC_STD_STRICTER] + cmp.count[QC_STD_LOOSER] +
                          cmp.count[QC_STD_MIXED];
        if (!best || eq > best_eq || (eq == best_eq && compared > best_cmp)) {
            best = gs[i];
            best_eq = eq;
            best_cmp = compared;
            memcpy(best_count, cmp.count, sizeof best_count);
        }
        qc_std_comparison_free(&cmp);
    }
    free(gs);
    *equivalent = best && best_cmp > 0 && best_eq == best_cmp;
    cJSON *o = cJSON_CreateObject();
    char spec[600];
    snprintf(spec, sizeof spec, "%s%s%s", cn->id, g->name[0] ? "@" : "", g->name);
    cJSON_AddStringToObject(o, "cn", spec);
    cJSON_AddStringToObject(o, "counterpart", c->id);
    if (best) cJSON_AddStringToObject(o, "closest_grade", best->name);
    else cJSON_AddNullToObject(o, "closest_grade");
    cJSON_AddBoolToObject(o, "equivalent", *equivalent);
    cJSON_AddNumberToObject(o, "compared", (double)best_cmp);
    cJSON *counts = cJSON_AddObjectToObject(o, "counts");
    for (int v = 0; v < QC_STD_NVERDICTS; v++)
        cJSON_AddNumberToObject(counts, qc_std_verdict_name((qc_std_verdict)v), (double)best_count[v]);
    cJSON_AddItemToArray(pairs, o);
    return QC_OK;
}

static void not_encoded_list(const qc_standard *s, cJSON *out)
{
    for (size_t g = 0; g < s->ngrades; g++)
        for (size_t k = 0; k < s->grades[g].nsets; k++) {
            const qc_limit_set *set = &s->grades[g].sets[k];
            for (size_t p = 0; p < set->npieces; p++) {
                if (!set->piece[p].not_encoded) continue;
                cJSON *o = cJSON_CreateObject();
                cJSON_AddStringToObject(o, "standard", s->id);
                cJSON_AddStringToObject(o, "grade", s->grades[g].name);
                cJSON_AddStringToObject(o, "indicator", set->indicator);
                cJSON_AddStringToObject(o, "reason", set->piece[p].not_encoded);
                cJSON_AddItemToArray(out, o);
                break;  /* once per set */
            }
        }
}

static qc_status product_gaps(const qc_rules *r, const qc_std_editions *ed, const qc_product *p,
                              const char *date, cJSON *out, qc_error *err)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToArray(out, o);
    cJSON_AddStringToObject(o, "product", p->id);
    cJSON *name = cJSON_AddObjectToObject(o, "name");
    cJSON_AddStringToObject(name, "en", p->name.en ? p->name.en : "");
    cJSON_AddStringToObject(name, "zh", p->name.zh ? p->name.zh : "");
    cJSON *cn = cJSON_AddArrayToObject(o, "cn_standards");
    cJSON *fc = cJSON_AddArrayToObject(o, "counterparts");
    cJSON *pairs = cJSON_AddArrayToObject(o, "grade_pairs");
    cJSON *ne = cJSON_CreateArray(), *missing = cJSON_CreateArray(), *gaps = cJSON_CreateArray();
    const qc_standard *cn_use = NULL, *cn_old = NULL;
    size_t n_cn = 0, n_fc = 0, enc_total = 0, unc_total = 0;
    const qc_standard **fcs = calloc(r->nstandards + 1, sizeof *fcs);
    if (!fcs) { cJSON_Delete(ne); cJSON_Delete(missing); cJSON_Delete(gaps);
                return qc_error_set(err, QC_ENOMEM, "out of memory"); }
    size_t nfcs = 0;
    for (size_t i = 0; i < r->nstandards; i++) {
        const qc_standard *s = &r->standards[i];
        if (!lists(s, p->id)) continue;
        qc_std_state st;
        qc_std_state_at(ed, s, date, &st);
        size_t enc, nen, unc;
        count_pieces(s, &enc, &nen, &unc);
        if (s->superseded_by && !qc_rules_standard_exact(r, s->superseded_by)) {
            cJSON *m = cJSON_CreateObject();
            cJSON_AddStringToObject(m, "id", s->id);
            cJSON_AddStringToObject(m, "superseded_by", s->superseded_by);
            cJSON_AddStringToObject(m, "why", "the successor edition is not in the rules library");
            cJSON_AddItemToArray(missing, m);
        }
        if (st.kind == QC_STD_STATE_SUPERSEDED && st.by) {
            size_t e2, n2, u2;
            count_pieces(st.by, &e2, &n2, &u2);
            if (!e2) {
                cJSON *m = cJSON_CreateObject();
                cJSON_AddStringToObject(m, "id", s->id);
                cJSON_AddStringToObject(m, "superseded_by", st.by->id);
                cJSON_AddStringToObject(m, "why", "the edition in force carries no encoded limit");
                cJSON_AddItemToArray(missing, m);
            }
        }
        if (st.kind != QC_STD_STATE_IN_FORCE) {
            if (chinese(s) && enc && st.kind == QC_STD_STATE_SUPERSEDED &&
                (!cn_old || strcmp(s->effective ? s->effective : "", cn_old->effective ?
                                   cn_old->effective : "") > 0))
                cn_old = s;
            continue;
        }
        enc_total += enc;
        unc_total += unc;
        not_encoded_list(s, ne);
        if (chinese(s)) {
            n_cn++;
            cJSON_AddItemToArray(cn, std_entry(s, &st));
            if (enc && !cn_use) cn_use = s;
        } else if (counterpart(s)) {
            n_fc++;
            cJSON_AddItemToArray(fc, std_entry(s, &st));
            if (enc) fcs[nfcs++] = s;
        }
    }
    if (!n_cn) gap(gaps, "no_cn_standard_in_force");
    else if (!cn_use) gap(gaps, "no_cn_standard_with_limits");
    if (!cn_use && cn_old) gap(gaps, "cn_limits_only_in_superseded_edition");
    if (!n_fc) gap(gaps, "no_counterpart");
    const qc_standard *cmp_cn = cn_use ? cn_use : cn_old;
    qc_status st = QC_OK;
    if (cmp_cn) {
        cJSON_AddStringToObject(o, "compared_cn_standard", cmp_cn->id);
        const qc_grade **gs = calloc(cmp_cn->ngrades + cmp_cn->ngrade_order + 1, sizeof *gs);
        size_t ng = gs ? grades_of(cmp_cn, gs) : 0;
        if (!gs) st = qc_error_set(err, QC_ENOMEM, "out of memory");
        for (size_t g = 0; !st && g < ng; g++)
            for (size_t k = 0; !st && k < nfcs; k++) {
                int eq = 0;
                st = closest(r, cmp_cn, gs[g], fcs[k], pairs, &eq, err);
                if (!st && !eq) gap(gaps, "no_equivalent_counterpart_grade");
            }
        free(gs);
    }
    free(fcs);
    cJSON *u = cJSON_AddObjectToObject(o, "unconfirmed");
    if (enc_total) cJSON_AddNumberToObject(u, "value", (double)unc_total / (double)enc_total);
    else cJSON_AddNullToObject(u, "value");
    cJSON_AddNumberToObject(u, "numerator", (double)unc_total);
    cJSON_AddNumberToObject(u, "denominator", (double)enc_total);
    if (unc_total) gap(gaps, "unconfirmed_limits");
    if (cJSON_GetArraySize(ne)) gap(gaps, "not_encoded_requirements");
    if (cJSON_GetArraySize(missing)) gap(gaps, "missing_successor_edition");
    cJSON_AddItemToObject(o, "not_encoded", ne);
    cJSON_AddItemToObject(o, "missing_successors", missing);
    cJSON_AddItemToObject(o, "gaps", gaps);
    return st;
}

static int cmp_product(const void *x, const void *y)
{
    return strcmp((*(const qc_product *const *)x)->id, (*(const qc_product *const *)y)->id);
}

cJSON *qc_standards_gaps_json(const qc_rules *r, const char *industry, const char *date,
                              qc_error *err)
{
    if (!date || !qc_json_is_date(date)) {
        qc_error_set(err, QC_EUSAGE, "gaps need a date as YYYY-MM-DD");
        return NULL;
    }
    if (industry && !qc_rules_is_industry(industry)) {
        qc_error_set(err, QC_EUSAGE, "unknown industry \"%s\"", industry);
        return NULL;
    }
    qc_std_editions *ed = NULL;
    const qc_product **ps = calloc(r->nproducts + 1, sizeof *ps);
    if (!ps || qc_std_editions_new(r, &ed)) {
        free(ps);
        qc_error_set(err, QC_ENOMEM, "out of memory");
        return NULL;
    }
    size_t np = 0;
    for (size_t i = 0; i < r->nproducts; i++)
        if (!industry || strcmp(r->products[i].industry, industry) == 0) ps[np++] = &r->products[i];
    if (np) qsort(ps, np, sizeof *ps, cmp_product);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "date", date);
    if (industry) cJSON_AddStringToObject(o, "industry", industry);
    else cJSON_AddNullToObject(o, "industry");
    cJSON *prods = cJSON_AddArrayToObject(o, "products");
    qc_status st = QC_OK;
    size_t with[16] = {0};
    static const char *const codes[] = {"no_cn_standard_in_force", "no_cn_standard_with_limits",
        "cn_limits_only_in_superseded_edition", "no_counterpart", "no_equivalent_counterpart_grade",
        "unconfirmed_limits", "not_encoded_requirements", "missing_successor_edition"};
    for (size_t i = 0; !st && i < np; i++) {
        st = product_gaps(r, ed, ps[i], date, prods, err);
        const cJSON *gaps = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(prods, (int)i), "gaps");
        for (const cJSON *g = gaps ? gaps->child : NULL; g; g = g->next)
            for (size_t k = 0; k < sizeof codes / sizeof *codes; k++)
                with[k] += strcmp(g->valuestring, codes[k]) == 0;
    }
    cJSON *sum = cJSON_AddObjectToObject(o, "summary");
    cJSON_AddNumberToObject(sum, "products", (double)np);
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++)
        cJSON_AddNumberToObject(sum, codes[k], (double)with[k]);
    free(ps);
    qc_std_editions_free(ed);
    if (st) { cJSON_Delete(o); return NULL; }
    return o;
}
