/* portfolio.c — the standards library as a portfolio at a date (standards.h; DESIGN §5
 * "standards portfolio", §6 `standards_portfolio{}`): which standards are in force, superseded,
 * not yet effective or withdrawn (editions.c), per industry and product; their age and review
 * status (unknown when the publication date is); how many domestic standards adopt an
 * international one, each share with its numerator and denominator; and, given a study, the
 * superseded editions it still cites. Enterprise and example specifications are listed but
 * left out of the shares. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/jsonfile.h"
#include "qcompare/standards.h"

/* ---------- the portfolio ---------- */

typedef struct counts {
    size_t in_force, overdue, superseded, not_yet, withdrawn, domestic, adopting, degree[3], aged;
    size_t review_known, review_unknown, outside;  /* domestic in force; enterprise/example */
    double age_days;     /* sum over the aged standards */
} counts;

typedef struct ctx {
    const qc_rules *r;
    const char *date;
    const qc_study *study;
    qc_std_editions *ed;
    const cJSON **json_of;           /* per product: its entry in the study's JSON */
    uint32_t *std_at, *std_start;    /* per product: the standards naming it, ascending */
    char *counted;       /* standards already in the summary */
    counts total;
    cJSON *cites, *notes;
} ctx;

static const char *const degree_names[] = {"IDT", "MOD", "NEQ"};

static void add_date(cJSON *o, const char *key, const char *date)
{
    if (date) cJSON_AddStringToObject(o, key, date);
    else cJSON_AddNullToObject(o, key);
}

static void add_share(cJSON *o, const char *key, size_t part, size_t whole)
{
    if (whole) cJSON_AddNumberToObject(o, key, (double)part / (double)whole);
    else cJSON_AddNullToObject(o, key);
}

/* Days as years of 365.2425 days, rounded to 0.01. */
static double years(double days) { return round(days / 365.2425 * 100) / 100; }

static void add_fraction(cJSON *o, const char *key, size_t part, size_t whole)
{
    cJSON *f = cJSON_AddObjectToObject(o, key);
    add_share(f, "value", part, whole);
    cJSON_AddNumberToObject(f, "numerator", (double)part);
    cJSON_AddNumberToObject(f, "denominator", (double)whole);
}

static cJSON *counts_json(const counts *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "in_force", (double)c->in_force);
    cJSON_AddNumberToObject(o, "review_overdue", (double)c->overdue);
    cJSON_AddNumberToObject(o, "review_unknown", (double)c->review_unknown);
    cJSON_AddNumberToObject(o, "superseded", (double)c->superseded);
    cJSON_AddNumberToObject(o, "not_yet_effective", (double)c->not_yet);
    cJSON_AddNumberToObject(o, "withdrawn", (double)c->withdrawn);
    cJSON_AddNumberToObject(o, "domestic_in_force", (double)c->domestic);
    cJSON_AddNumberToObject(o, "adopting_international", (double)c->adopting);
    add_share(o, "adoption_share", c->adopting, c->domestic);
    cJSON *deg = cJSON_AddObjectToObject(o, "by_degree");
    for (int k = 0; k < 3; k++) cJSON_AddNumberToObject(deg, degree_names[k], (double)c->degree[k]);
    if (c->aged) cJSON_AddNumberToObject(o, "mean_age_years", years(c->age_days / (double)c->aged));
    else cJSON_AddNullToObject(o, "mean_age_years");
    cJSON_AddNumberToObject(o, "enterprise_or_example_in_force", (double)c->outside);
    cJSON *sh = cJSON_AddObjectToObject(o, "shares");
    add_fraction(sh, "adoption", c->adopting, c->domestic);
    for (int k = 0; k < 3; k++) {
        char key[24];
        snprintf(key, sizeof key, "adoption_%s", degree_names[k]);
        add_fraction(sh, key, c->degree[k], c->domestic);
    }
    add_fraction(sh, "review_overdue", c->overdue, c->review_known);
    cJSON_AddNumberToObject(cJSON_GetObjectItemCaseSensitive(sh, "review_overdue"), "unknown",
                            (double)c->review_unknown);
    return o;
}

/* Is standard s cited by the study for product p (standards[] or compare_standards)? */
static const char *cited_grade(const ctx *c, const qc_product *p, const qc_standard *s)
{
    const qc_study_product *sp = qc_study_product_of(c->study, c->r, p);
    if (!sp) return NULL;
    for (size_t k = 0; k < sp->nstandards; k++)
        if (sp->standards[k].standard == s) return sp->standards[k].grade->name;
    const cJSON *e = c->json_of[p - c->r->products];
    const cJSON *pairs = e ? cJSON_GetObjectItemCaseSensitive(e, "compare_standards") : NULL;
    for (const cJSON *pr = pairs ? pairs->child : NULL; pr; pr = pr->next)
        for (const cJSON *side = pr->child; side; side = side->next) {
            char id[512];  /* "ID@GRADE", as the study loader checked it */
            snprintf(id, sizeof id, "%s", cJSON_IsString(side) ? side->valuestring : "");
            char *at = strrchr(id, '@');
            if (at) *at++ = '\0';
            const qc_grade *g = qc_standard_grade(s, at);
            if (qc_rules_standard(c->r, id, c->date) == s && g) return g->name;
        }
    return NULL;
}

/* One standard's entry in a product's lists; counts it once in the summary. */
static qc_status entry(ctx *c, const qc_product *p, size_t idx, cJSON *lists[4], counts *pc)
{
    const qc_standard *s = &c->r->standards[idx];
    qc_std_state st;
    qc_std_state_at(c->ed, s, c->date, &st);
    int first = !c->counted[idx];
    c->counted[idx] = 1;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToArray(lists[st.kind], o);
    cJSON_AddStringToObject(o, "id", s->id);
    cJSON_AddStringToObject(o, "kind", s->kind);
    cJSON_AddStringToObject(o, "status", qc_std_state_name(st.kind));
    if (strcmp(s->status, qc_std_state_name(st.kind)) != 0)
        cJSON_AddStringToObject(o, "recorded_status", s->status);
    add_date(o, "published", s->published);
    add_date(o, "effective", s->effective);
    cJSON *notes = cJSON_CreateArray();
    if (st.note[0]) cJSON_AddItemToArray(notes, cJSON_CreateString(st.note));
    counts *both[2] = {pc, first ? &c->total : NULL};
    if (st.by) cJSON_AddStringToObject(o, "superseded_by", st.by->id);
    else if (s->superseded_by) cJSON_AddStringToObject(o, "superseded_by", s->superseded_by);
    if (st.successor)
        cJSON_AddStringToObject(o, "successor", st.successor->id);
    if (st.kind == QC_STD_STATE_SUPERSEDED) {
        if (c->study) {
            const char *g = cited_grade(c, p, s);
            cJSON_AddBoolToObject(o, "cited_by_study", g != NULL);
            if (g) {
                cJSON *e = cJSON_CreateObject();
                cJSON_AddStringToObject(e, "product", p->id);
                cJSON_AddStringToObject(e, "id", s->id);
                cJSON_AddStringToObject(e, "grade", g);
                add_date(e, "superseded_by", st.by ? st.by->id : NULL);
                cJSON_AddItemToArray(c->cites, e);
            }
        }
    }
    for (int k = 0; k < 2; k++)
        if (both[k]) {
            size_t *n[4] = {&both[k]->in_force, &both[k]->superseded, &both[k]->not_yet,
                            &both[k]->withdrawn};
            (*n[st.kind])++;
        }
    if (st.kind != QC_STD_STATE_IN_FORCE) {
        if (cJSON_GetArraySize(notes)) cJSON_AddItemToObject(o, "notes", notes);
        else cJSON_Delete(notes);
        return QC_OK;
    }
    double days = NAN;
    int overdue = -1;
    if (s->published) {
        char due[16];
        days = (double)(qc_std_days(c->date) - qc_std_days(s->published));
        snprintf(due, sizeof due, "%04d%s", atoi(s->published) + QC_STD_REVIEW_YEARS,
                 s->published + 4);  /* the anniversary; a date after it is overdue */
        overdue = strcmp(c->date, due) > 0;
    } else {
        cJSON_AddItemToArray(notes, cJSON_CreateString("no published date: age and review "
                                                       "status unknown"));
    }
    if (isnan(days)) cJSON_AddNullToObject(o, "age_years");
    else cJSON_AddNumberToObject(o, "age_years", years(days));
    if (overdue < 0) cJSON_AddNullToObject(o, "review_overdue");
    else cJSON_AddBoolToObject(o, "review_overdue", overdue);
    /* the adoption is not in the rule structs: from the standard's document */
    const cJSON *ad = cJSON_GetObjectItemCaseSensitive(s->json, "adoption");
    cJSON_AddItemToObject(o, "adoption", ad ? cJSON_Duplicate(ad, 1) : cJSON_CreateNull());
    int deg = -1;
    for (int k = 0; ad && k < 3; k++)
        if (strcmp(qc_json_str(ad, "degree", ""), degree_names[k]) == 0) deg = k;
    cJSON_AddBoolToObject(o, "domestic", qc_std_domestic(s));
    cJSON_AddStringToObject(o, "kind_in_shares", qc_std_domestic(s) ? "domestic"
                            : strcmp(s->kind, "enterprise") == 0 || strcmp(s->kind, "example") == 0
                                ? "left_out" : "foreign_or_regulation");
    for (int k = 0; k < 2; k++) {
        counts *t = both[k];
        if (!t) continue;
        if (!isnan(days)) { t->aged++; t->age_days += days; }
        if (qc_std_domestic(s)) {
            t->domestic++;
            t->overdue += overdue == 1;
            if (overdue < 0) t->review_unknown++;
            else t->review_known++;
            if (deg >= 0) { t->adopting++; t->degree[deg]++; }
        } else if (strcmp(s->kind, "enterprise") == 0 || strcmp(s->kind, "example") == 0) {
            t->outside++;
        }
    }
    if (cJSON_GetArraySize(notes)) cJSON_AddItemToObject(o, "notes", notes);
    else cJSON_Delete(notes);
    return QC_OK;
}

static int cmp_product(const void *x, const void *y)
{
    return strcmp((*(const qc_product *const *)x)->id, (*(const qc_product *const *)y)->id);
}

/* The per-product tables of c: each product's entry in the study's JSON and the standards
 * naming each product (CSR, ascending, each standard once), so the portfolio is linear in the size
 * of the library and the study. */
static qc_status product_tables(ctx *c)
{
    const qc_rules *r = c->r;
    size_t np = r->nproducts;
    c->json_of = calloc(np + 1, sizeof *c->json_of);
    c->std_start = calloc(np + 2, sizeof *c->std_start);
    if (!c->json_of || !c->std_start) return QC_ENOMEM;
    const cJSON *prods = c->study ? cJSON_GetObjectItemCaseSensitive(c->study->json, "products") : NULL;
    for (const cJSON *e = prods ? prods->child : NULL; e; e = e->next) {
        const qc_product *p = qc_rules_product(r, qc_json_str(e, "product", ""));
        if (p && !c->json_of[p - r->products]) c->json_of[p - r->products] = e;
    }
    /* two passes over (standard, product) pairs: count, then place */
    for (int pass = 0; pass < 2; pass++) {
        uint32_t *fill = NULL;
        if (pass == 1) {
            for (size_t i = 0; i < np; i++) c->std_start[i + 1] += c->std_start[i];
            c->std_at = malloc((c->std_start[np] + 1) * sizeof *c->std_at);
            fill = calloc(np + 1, sizeof *fill);
            if (!c->std_at || !fill) { free(fill); return QC_ENOMEM; }
        }
        for (size_t s = 0; s < r->nstandards; s++)
            for (size_t k = 0; k < r->standards[s].nproducts; k++) {
                const qc_product *p = qc_rules_product(r, r->standards[s].products[k]);
                if (!p) continue;
                size_t pi = (size_t)(p - r->products);
                int twice = 0;  /* a product named twice by one standard is listed once */
                for (size_t j = 0; j < k; j++)
                    twice |= strcmp(r->standards[s].products[j], p->id) == 0;
                if (twice) continue;
                if (pass == 0) c->std_start[pi + 1]++;
                else c->std_at[c->std_start[pi] + fill[pi]++] = (uint32_t)s;
            }
        free(fill);
    }
    return QC_OK;
}

static const char *const industries[] = {"advanced-equipment", "advanced-materials",
                                         "big-data-software", "biomedicine",
                                         "electronic-information", "modern-light-industry"};

/* One industry's products; products must be sorted by id. */
static qc_status industry_json(ctx *c, const char *ind, const qc_product **prods, size_t np,
                               cJSON *out)
{
    static const char *const list_names[] = {"in_force", "superseded", "not_yet_effective",
                                             "withdrawn"};
    cJSON *o = cJSON_CreateObject(), *arr;
    cJSON_AddItemToArray(out, o);
    cJSON_AddStringToObject(o, "industry", ind);
    arr = cJSON_AddArrayToObject(o, "products");
    for (size_t i = 0; i < np; i++) {
        const qc_product *p = prods[i];
        if (strcmp(p->industry, ind) != 0) continue;
        cJSON *po = cJSON_CreateObject(), *lists[4], *name;
        cJSON_AddItemToArray(arr, po);
        cJSON_AddStringToObject(po, "product", p->id);
        name = cJSON_AddObjectToObject(po, "name");
        cJSON_AddStringToObject(name, "en", p->name.en ? p->name.en : "");
        cJSON_AddStringToObject(name, "zh", p->name.zh ? p->name.zh : "");
        for (int k = 0; k < 4; k++) lists[k] = cJSON_AddArrayToObject(po, list_names[k]);
        counts pc = {0};
        size_t pi = (size_t)(p - c->r->products);
        for (uint32_t k = c->std_start[pi]; k < c->std_start[pi + 1]; k++) {
            qc_status e = entry(c, p, c->std_at[k], lists, &pc);
            if (e) return e;
        }
        cJSON_AddItemToObject(po, "counts", counts_json(&pc));
    }
    return QC_OK;
}

cJSON *qc_standards_portfolio_json(const qc_rules *r, const char *industry, const char *date,
                                   const qc_study *study, qc_error *err)
{
    if (!date && study) date = study->date;
    if (!date || !qc_json_is_date(date)) {
        qc_error_set(err, QC_EUSAGE, "the portfolio needs a date as YYYY-MM-DD (got %s%s%s)",
                     date ? "\"" : "", date ? date : "none", date ? "\"" : "");
        return NULL;
    }
    if (industry && !qc_rules_is_industry(industry)) {
        qc_error_set(err, QC_EUSAGE, "unknown industry \"%s\" (one of advanced-materials, "
                     "advanced-equipment, modern-light-industry, biomedicine, "
                     "electronic-information, big-data-software)", industry);
        return NULL;
    }
    ctx c = {.r = r, .date = date, .study = study, .counted = calloc(r->nstandards + 1, 1)};
    const qc_product **prods = calloc(r->nproducts + 1, sizeof *prods);
    cJSON *o = cJSON_CreateObject(), *inds;
    qc_status st = (!c.counted || !prods || !o) ? QC_ENOMEM : QC_OK;
    if (!st) st = qc_std_editions_new(r, &c.ed);
    if (!st) st = product_tables(&c);
    size_t np = 0;
    for (size_t i = 0; !st && i < r->nproducts; i++)  /* the study's products, or all */
        if (!study || qc_study_product_of(study, r, &r->products[i])) prods[np++] = &r->products[i];
    if (np) qsort(prods, np, sizeof *prods, cmp_product);
    if (!st) {
        cJSON_AddStringToObject(o, "date", date);
        if (industry) cJSON_AddStringToObject(o, "industry", industry);
        else cJSON_AddNullToObject(o, "industry");
        cJSON_AddNumberToObject(o, "review_cycle_years", QC_STD_REVIEW_YEARS);
        inds = cJSON_AddArrayToObject(o, "industries");
        c.cites = cJSON_CreateArray();
        c.notes = cJSON_CreateArray();
    }
    for (size_t k = 0; !st && k < 6; k++) {
        size_t has = 0;
        for (size_t i = 0; i < np; i++) has += strcmp(prods[i]->industry, industries[k]) == 0;
        if (industry ? strcmp(industry, industries[k]) == 0 : has > 0)
            st = industry_json(&c, industries[k], prods, np, inds);
    }
    if (!st) {
        cJSON_AddItemToObject(o, "summary", counts_json(&c.total));
        if (study) cJSON_AddItemToObject(o, "study_cites_superseded", c.cites);
        else cJSON_Delete(c.cites);
        if (!c.total.domestic)
            cJSON_AddItemToArray(c.notes, cJSON_CreateString("adoption_share: null, no domestic "
                                                             "standard in force at the date"));
        cJSON_AddItemToObject(o, "notes", c.notes);
        c.cites = c.notes = NULL;
    }
    free(c.counted); free(prods);
    qc_std_editions_free(c.ed);
    free(c.json_of); free(c.std_at); free(c.std_start);
    cJSON_Delete(c.cites); cJSON_Delete(c.notes);
    if (st) {
        if (st == QC_ENOMEM) qc_error_set(err, QC_ENOMEM, "out of memory");
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}
