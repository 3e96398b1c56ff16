/* portfolio.c — the standards library as a portfolio at a date (standards.h; DESIGN §5
 * "standards portfolio", §6 `standards_portfolio{}`): which standards are in force, superseded,
 * not yet effective or withdrawn, per industry and product; their age and review status; how many
 * domestic standards adopt an international one; and, given a study, the superseded editions it
 * still cites. Owns date arithmetic (qc_std_days) and the state of a standard at a date. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/intern.h"
#include "qcompare/jsonfile.h"
#include "qcompare/standards.h"

long qc_std_days(const char *s)
{
    int y, m, d;
    if (!s || !qc_json_is_date(s) || sscanf(s, "%d-%d-%d", &y, &m, &d) != 3) return 0;
    y -= m <= 2;  /* days from civil (H. Hinnant), era of 400 years */
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400, doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

typedef enum { ST_IN_FORCE = 0, ST_SUPERSEDED, ST_NOT_YET, ST_WITHDRAWN } state_kind;

typedef struct state {
    state_kind kind;
    const char *by;      /* the edition that supersedes it, or superseded_by */
    char note[256];
} state;

/* Length of id up to its edition ("-2018", ":2015"), or 0 when it names none. */
static size_t edition_base(const char *id)
{
    for (size_t i = 0; id[i]; i++) {
        const char *s = id + i;
        int digits = (s[0] == '-' || s[0] == ':');
        for (int k = 1; digits && k <= 4; k++) digits = s[k] >= '0' && s[k] <= '9';
        if (digits && (s[5] < '0' || s[5] > '9')) return i;
    }
    return 0;
}

static int in_force_at(const qc_standard *s, const char *date)
{
    return strcmp(s->status, "withdrawn") != 0 && s->effective && strcmp(s->effective, date) <= 0;
}

/* The state of s at date: withdrawn; not yet effective; superseded by an edition in force at
 * the date (along superseded_by, or a later edition of the same id); else in force. */
/* The editions of each id: standards whose ids share the part before the edition year, in
 * library order (built once per portfolio, so finding a later edition is not a scan). */
typedef struct editions {
    uint32_t *group;     /* per standard: its group, UINT32_MAX when its id names no edition */
    uint32_t *first;     /* per group: its first standard */
    uint32_t *next;      /* per standard: the next of its group, UINT32_MAX at the end */
} editions;

static qc_status editions_build(const qc_rules *r, editions *e)
{
    size_t n = r->nstandards;
    e->group = malloc((n + 1) * sizeof *e->group);
    e->first = malloc((n + 1) * sizeof *e->first);
    e->next = malloc((n + 1) * sizeof *e->next);
    qc_intern *bases = qc_intern_new();
    uint32_t *last = malloc((n + 1) * sizeof *last);
    qc_status st = e->group && e->first && e->next && bases && last ? QC_OK : QC_ENOMEM;
    for (size_t i = 0; !st && i < n; i++) {
        e->next[i] = e->group[i] = UINT32_MAX;
        size_t base = edition_base(r->standards[i].id);
        if (!base) continue;
        size_t before = qc_intern_count(bases);
        uint32_t g = qc_intern_add(bases, r->standards[i].id, base);
        if (g == QC_INTERN_NONE) { st = QC_ENOMEM; break; }
        e->group[i] = g;
        if (qc_intern_count(bases) > before) e->first[g] = (uint32_t)i;
        else e->next[last[g]] = (uint32_t)i;
        last[g] = (uint32_t)i;
    }
    qc_intern_free(bases);
    free(last);
    return st;
}

static void editions_free(editions *e)
{
    free(e->group); free(e->first); free(e->next);
}

static state state_at(const qc_rules *r, const editions *ed, const qc_standard *s,
                      const char *date)
{
    state st = {ST_IN_FORCE, NULL, ""};
    if (strcmp(s->status, "withdrawn") == 0) { st.kind = ST_WITHDRAWN; return st; }
    if (s->effective && strcmp(s->effective, date) > 0) { st.kind = ST_NOT_YET; return st; }
    const char *next = s->superseded_by;
    for (size_t hops = 0; next && hops < r->nstandards; hops++) {
        const qc_standard *t = qc_rules_standard_exact(r, next);
        if (!t) break;
        if (in_force_at(t, date)) { st.kind = ST_SUPERSEDED; st.by = t->id; return st; }
        next = t->superseded_by;
    }
    uint32_t g = ed->group[s - r->standards];
    for (uint32_t i = g == UINT32_MAX ? g : ed->first[g]; s->effective && i != UINT32_MAX;
         i = ed->next[i]) {
        const qc_standard *o = &r->standards[i];
        if (o != s && in_force_at(o, date) && strcmp(o->effective, s->effective) > 0) {
            st.kind = ST_SUPERSEDED;
            st.by = o->id;
            return st;
        }
    }
    /* recorded as superseded, but no successor in force on the date is in the library: in
     * force by the rule above, with a note saying why (the data, not the engine, can decide) */
    const qc_standard *succ = qc_rules_standard_exact(r, s->superseded_by);
    if (succ)
        snprintf(st.note, sizeof st.note, "its successor %s is not in force on %s (effective "
                 "%s, status %s)", succ->id, date, succ->effective ? succ->effective : "unknown",
                 succ->status);
    else if (strcmp(s->status, "superseded") == 0 && s->superseded_by)
        snprintf(st.note, sizeof st.note, "recorded as superseded by %s, which is not in the "
                 "rules library: taken as in force on %s", s->superseded_by, date);
    else if (strcmp(s->status, "superseded") == 0)
        snprintf(st.note, sizeof st.note, "recorded as superseded, but no successor is named: "
                 "taken as in force on %s", date);
    if (succ || strcmp(s->status, "superseded") == 0) {
        st.by = s->superseded_by;
        return st;
    }
    if (!s->effective)
        snprintf(st.note, sizeof st.note, "no effective date: taken as in force (status %s)",
                 s->status);
    return st;
}

static int domestic(const qc_standard *s)
{
    static const char *const kinds[] = {"national", "industry", "group", "enterprise"};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(s->kind, kinds[i]) == 0) return 1;
    return 0;
}

/* ---------- the portfolio ---------- */

typedef struct counts {
    size_t in_force, overdue, superseded, not_yet, withdrawn, domestic, adopting, degree[3], aged;
    double age_days;     /* sum over the aged standards */
} counts;

typedef struct ctx {
    const qc_rules *r;
    const char *date;
    const qc_study *study;
    editions ed;
    const cJSON **json_of;           /* per product: its entry in the study's JSON */
    uint32_t *std_at, *std_start;    /* per product: the standards naming it, ascending */
    cJSON **docs;        /* each standard's file, read once when needed */
    char *counted;       /* standards already in the summary */
    counts total;
    cJSON *cites, *notes;
    qc_error *err;
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

static cJSON *counts_json(const counts *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "in_force", (double)c->in_force);
    cJSON_AddNumberToObject(o, "review_overdue", (double)c->overdue);
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
    state st = state_at(c->r, &c->ed, s, c->date);
    int first = !c->counted[idx];
    c->counted[idx] = 1;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToArray(lists[st.kind], o);
    cJSON_AddStringToObject(o, "id", s->id);
    cJSON_AddStringToObject(o, "kind", s->kind);
    cJSON_AddStringToObject(o, "status", s->status);
    add_date(o, "published", s->published);
    add_date(o, "effective", s->effective);
    cJSON *notes = cJSON_CreateArray();
    if (st.note[0]) cJSON_AddItemToArray(notes, cJSON_CreateString(st.note));
    counts *both[2] = {pc, first ? &c->total : NULL};
    if (st.by) cJSON_AddStringToObject(o, "superseded_by", st.by);  /* also a recorded one */
    if (st.kind == ST_SUPERSEDED) {
        if (c->study) {
            const char *g = cited_grade(c, p, s);
            cJSON_AddBoolToObject(o, "cited_by_study", g != NULL);
            if (g) {
                cJSON *e = cJSON_CreateObject();
                cJSON_AddStringToObject(e, "product", p->id);
                cJSON_AddStringToObject(e, "id", s->id);
                cJSON_AddStringToObject(e, "grade", g);
                add_date(e, "superseded_by", st.by);
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
    if (st.kind != ST_IN_FORCE) {
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
    if (!c->docs[idx]) {
        qc_status e = qc_standard_document(s, &c->docs[idx], c->err);
        if (e) { cJSON_Delete(notes); return e; }
    }
    const cJSON *ad = cJSON_GetObjectItemCaseSensitive(c->docs[idx], "adoption");
    cJSON_AddItemToObject(o, "adoption", ad ? cJSON_Duplicate(ad, 1) : cJSON_CreateNull());
    int deg = -1;
    for (int k = 0; ad && k < 3; k++)
        if (strcmp(qc_json_str(ad, "degree", ""), degree_names[k]) == 0) deg = k;
    cJSON_AddBoolToObject(o, "domestic", domestic(s));
    for (int k = 0; k < 2; k++) {
        counts *t = both[k];
        if (!t) continue;
        t->overdue += overdue == 1;
        if (!isnan(days)) { t->aged++; t->age_days += days; }
        if (domestic(s)) {
            t->domestic++;
            if (deg >= 0) { t->adopting++; t->degree[deg]++; }
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
    ctx c = {.r = r, .date = date, .study = study, .docs = calloc(r->nstandards + 1, sizeof(cJSON *)),
             .counted = calloc(r->nstandards + 1, 1), .err = err};
    const qc_product **prods = calloc(r->nproducts + 1, sizeof *prods);
    cJSON *o = cJSON_CreateObject(), *inds;
    qc_status st = (!c.docs || !c.counted || !prods || !o) ? QC_ENOMEM : QC_OK;
    if (!st) st = editions_build(r, &c.ed);
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
    for (size_t i = 0; c.docs && i < r->nstandards; i++) cJSON_Delete(c.docs[i]);
    free(c.docs); free(c.counted); free(prods);
    editions_free(&c.ed);
    free(c.json_of); free(c.std_at); free(c.std_start);
    cJSON_Delete(c.cites); cJSON_Delete(c.notes);
    if (st) {
        if (st == QC_ENOMEM) qc_error_set(err, QC_ENOMEM, "out of memory");
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}
