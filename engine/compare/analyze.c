/* analyze.c — the study pipeline (analyze.h): for each product × indicator × group it summarises
 * the results (stats), judges them against every listed standard (assess), compares the subject
 * with the reference (compare), adjusts the p-values across the product's indicators, and hands
 * every number to the report builders. Owns only scratch buffers. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/analyze.h"
#include "qcompare/report.h"
#include "qcompare/standards.h"

#include "pipeline.h"

/* The group values of a role joined with "+" (the comparison pools them). */
static const char *join(char *buf, size_t size, const char **names, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? "+" : "", names[i]);
    return buf;
}

static qc_status grades(ctx *cx, const qc_study_product *sp, cJSON *pj);

static qc_status product(ctx *cx, const qc_study_product *sp)
{
    const qc_results *res = cx->res;
    cJSON *pj = qc_report_product(cx->rep, sp->product);
    cellref *cr = calloc(cx->npc + 1, sizeof *cr);
    const qc_indicator **inds = calloc(cx->rules->nindicators + 1, sizeof *inds);
    /* the pooled subject's tallies, then (compare each) each subject group's */
    size_t nlots = 1 + (cx->study->compare_each ? cx->study->nsubject : 0);
    qc_tally *tallies = calloc(nlots * sp->nstandards + 1, sizeof *tallies);
    cx->centres = calloc(cx->npc + 1, sizeof *cx->centres);
    cx->ncentres = 0;
    each_state *each = cx->study->compare_each ? qc_pipeline_each_begin(cx->rules->nindicators,
                                                                        cx->study->nsubject) : NULL;
    qc_status st = (!cr || !inds || !tallies || !cx->centres ||
                    (cx->study->compare_each && !each))
                       ? qc_error_set(cx->err, QC_ENOMEM, "out of memory") : QC_OK;
    size_t ni = 0, npend = 0;
    /* indicators of this product with results, in id order */
    char *has = st ? NULL : calloc(cx->rules->nindicators + 1, 1);
    if (!st && !has) st = qc_error_set(cx->err, QC_ENOMEM, "out of memory");
    for (size_t k = 0; has && k < cx->npc; k++)
        has[res->cells[cx->pc[k]].indicator - cx->rules->indicators] = 1;
    for (size_t i = 0; has && i < cx->rules->nindicators; i++)
        if (has[i]) inds[ni++] = &cx->rules->indicators[i];
    free(has);
    for (size_t a = 1; a < ni; a++)
        for (size_t b = a; b > 0 && strcmp(inds[b - 1]->id, inds[b]->id) > 0; b--) {
            const qc_indicator *t = inds[b]; inds[b] = inds[b - 1]; inds[b - 1] = t;
        }
    /* one pending comparison per indicator of the product (~1.4 KB each, zeroed when taken),
     * the array kept from product to product and grown by doubling: sized for the dictionary's
     * every indicator it was ~100 KB, whose free at the worker's end made glibc consolidate
     * the freed JSON trees' small chunks */
    if (!st && cx->pend_cap < ni + 1) {
        size_t cap = cx->pend_cap * 2 > ni + 1 ? cx->pend_cap * 2 : ni + 1;
        free(cx->pend);
        cx->pend = malloc(cap * sizeof *cx->pend);
        cx->pend_cap = cx->pend ? cap : 0;
        if (!cx->pend) st = qc_error_set(cx->err, QC_ENOMEM, "out of memory");
    }
    pending *pend = cx->pend;
    for (size_t i = 0; !st && i < ni; i++) {
        const qc_indicator *ind = inds[i];
        char where[512];
        snprintf(where, sizeof where, "%s/%s", sp->product->id, ind->id);
        size_t ncr = 0;
        for (size_t k = 0; k < cx->npc; k++) {
            const qc_cell *c = &res->cells[cx->pc[k]];
            if (c->indicator != ind) continue;
            const char *name = qc_intern_str(res->strings, c->group);
            cr[ncr++] = (cellref){c, qc_study_role(cx->study, name), name};
        }
        qsort(cr, ncr, sizeof *cr, qc_pipeline_cmp_cellref);
        size_t total = 1;
        for (size_t g = 0; g < ncr; g++) total += cr[g].c->n;
        qc_pipeline_sorted_begin(&cx->s, ncr, total);
        cJSON *ij = qc_report_indicator(pj, ind);
        for (size_t g = 0; !st && g < ncr; g++)
            st = qc_pipeline_group(cx, sp, ij, &cr[g], where, tallies);
        if (!st) st = qc_pipeline_factor(cx, cr, ncr, ij, where);
        if (!st && qc_pipeline_reserve(&cx->s, total))
            st = qc_error_set(cx->err, QC_ENOMEM, "out of memory");
        if (st) break;
        if (each) {  /* groups.compare = each: every subject value on its own (each.c) */
            st = qc_pipeline_each_indicator(cx, each, sp, ind, cr, ncr, ij, where);
            continue;
        }
        pending *pe = &pend[npend++];
        memset(pe, 0, sizeof *pe);
        pe->json = ij;
        pe->ind = ind;
        if ((st = qc_pipeline_compare(cx, sp, cr, ncr, pe))) break;
        if (!pe->ok) {
            cJSON_AddNullToObject(ij, "comparison");
            qc_report_note(cx->rep, "%s: comparison: null: %s", where, pe->why);
        }
    }
    /* multiple testing across the product's indicators, then verdicts */
    if (!st && !each) st = qc_pipeline_verdicts(cx, pend, npend);
    for (size_t i = 0; !st && !each && i < npend; i++) {
        if (!pend[i].ok) continue;
        char where[512];
        snprintf(where, sizeof where, "%s/%s", sp->product->id, pend[i].ind->id);
        char subj[512], ref[512];
        qc_report_comparison(cx->rep, pend[i].json,
                             join(subj, sizeof subj, cx->study->subject, cx->study->nsubject),
                             join(ref, sizeof ref, cx->study->reference, cx->study->nreference),
                             &pend[i].gap, where);
    }
    if (!st) {
        if (each) st = qc_pipeline_each_finish(cx, each, sp, pj);
        else qc_pipeline_scorecard(cx, sp, pj, pend, npend);
    }
    if (!st) st = qc_pipeline_standards(cx, sp, pj, tallies);
    if (!st) st = grades(cx, sp, pj);
    qc_pipeline_each_free(each);
    free(cr); free(inds); free(tallies); free(cx->centres);
    cx->centres = NULL;
    cx->ncentres = 0;
    return st;
}

/* The groups of the current product (cx->pc) that have results, subject first, then
 * reference, then others. */
static size_t product_groups(ctx *cx, cellref *groups)
{
    const qc_results *res = cx->res;
    size_t ng = 0;
    for (size_t j = 0; j < cx->npc; j++) {
        const qc_cell *c = &res->cells[cx->pc[j]];
        size_t k = 0;
        while (k < ng && groups[k].c->group != c->group) k++;
        if (k < ng) continue;
        const char *name = qc_intern_str(res->strings, c->group);
        groups[ng++] = (cellref){c, qc_study_role(cx->study, name), name};
    }
    qsort(groups, ng, sizeof *groups, qc_pipeline_cmp_cellref);
    return ng;
}

/* products[].grades[]: per group of the product and per listed standard with a grade_order,
 * the highest grade met (null when none); products[].market_access[]: per group and per market
 * of the study, the verdict of that market's regulations. */
static qc_status grades(ctx *cx, const qc_study_product *sp, cJSON *pj)
{
    const qc_results *res = cx->res;
    cellref *groups = calloc(cx->npc + 1, sizeof *groups);
    if (!groups) return qc_error_set(cx->err, QC_ENOMEM, "out of memory");
    size_t ng = product_groups(cx, groups);
    cJSON *arr = cJSON_AddArrayToObject(pj, "grades");
    qc_assess_options opt = qc_pipeline_options(cx);
    qc_status st = QC_OK;
    for (size_t g = 0; !st && g < ng; g++)
        for (size_t k = 0; !st && k < sp->nstandards; k++) {
            const qc_standard *std = sp->standards[k].standard;
            int seen = 0;  /* a standard listed twice (two grades) is graded once */
            for (size_t j = 0; j < k; j++) seen |= sp->standards[j].standard == std;
            if (seen || !std->ngrade_order) continue;
            const qc_grade *best = NULL;
            st = qc_assess_grade(res, std, sp->product, groups[g].c->group, cx->rules->units,
                                 &opt, &best, cx->err);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "group", groups[g].name);
            cJSON_AddStringToObject(o, "standard", std->id);
            if (best) cJSON_AddStringToObject(o, "grade", best->name);
            else cJSON_AddNullToObject(o, "grade");
            cJSON_AddItemToArray(arr, o);
        }
    cJSON_AddArrayToObject(pj, "market_access");
    const cJSON *markets = cJSON_GetObjectItemCaseSensitive((const cJSON *)cx->study->json, "markets");
    for (size_t g = 0; !st && g < ng; g++)
        for (const cJSON *m = markets ? markets->child : NULL; !st && m; m = m->next) {
            qc_market_access ma;
            st = qc_assess_market(res, cx->rules, sp, groups[g].c->group, m->valuestring,
                                  cx->study->date, &opt, &ma, cx->err);
            if (!st) qc_report_market(pj, groups[g].name, &ma);
            qc_market_access_free(&ma);
        }
    free(groups);
    return st;
}

static int cmp_products(const void *a, const void *b)
{
    return strcmp((*(const qc_study_product *const *)a)->product->id,
                  (*(const qc_study_product *const *)b)->product->id);
}

/* One side of a compare_standards pair, "ID[@GRADE]" (the study loader has checked both). */
static qc_status pair_side(const qc_rules *rules, const qc_study *s, const char *text,
                           const qc_standard **st, const qc_grade **g, qc_error *err)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    char *at = strrchr(buf, '@');
    if (at) *at++ = '\0';
    *st = qc_rules_standard(rules, buf, s->date);
    *g = *st ? qc_standard_grade(*st, at) : NULL;
    if (!*st || !*g)
        return qc_error_set(err, QC_ERULES, "%s: compare_standards: cannot resolve \"%s\"",
                            s->path, text);
    return QC_OK;
}

/* standards_comparison[] and standards_portfolio (analyze.h). */
qc_status qc_analyze_standards_sections(const qc_study *s, const qc_rules *rules, cJSON *root,
                                        qc_error *err)
{
    cJSON *cmp = cJSON_AddArrayToObject(root, "standards_comparison");
    const cJSON *prods = cJSON_GetObjectItemCaseSensitive((const cJSON *)s->json, "products");
    for (const cJSON *p = prods ? prods->child : NULL; p; p = p->next) {
        const cJSON *pairs = cJSON_GetObjectItemCaseSensitive(p, "compare_standards");
        for (const cJSON *pr = pairs ? pairs->child : NULL; pr; pr = pr->next) {
            const qc_standard *a, *b;
            const qc_grade *ga, *gb;
            qc_status st = pair_side(rules, s, cJSON_GetArrayItem(pr, 0)->valuestring, &a, &ga, err);
            if (!st) st = pair_side(rules, s, cJSON_GetArrayItem(pr, 1)->valuestring, &b, &gb, err);
            if (st) return st;
            cJSON *c = qc_standards_compare_json(rules, a, ga, b, gb, s->date, err);
            if (!c) return err && err->status ? err->status : QC_ENOMEM;
            cJSON_AddItemToArray(cmp, c);
        }
    }
    cJSON *portfolio = qc_standards_portfolio_json(rules, NULL, NULL, s, err);
    if (!portfolio) return err && err->status ? err->status : QC_ENOMEM;
    cJSON_AddItemToObject(root, "standards_portfolio", portfolio);
    return QC_OK;
}

/* Products are independent: workers take them in turn, each building its product and notes
 * into its own part; the parts are handed on (emitted) strictly in product order, so the
 * document is byte for byte the same for any number of threads. A part is emitted as soon as
 * it and every part before it are done, by whichever worker finds it so, and then freed: a
 * streamed document holds only the products in flight. */
typedef qc_status (*emit_fn)(void *sink, qc_report *part, qc_error *err);

typedef struct job {
    const qc_study *study;
    const qc_rules *rules;
    const qc_results *res;
    qc_std_editions *ed;         /* the editions index every worker reads (qc_std_state_at) */
    const qc_study_product **sorted;
    size_t n, next;
    qc_report *parts;
    qc_status *status;
    qc_error *errs;
    char *done;
    uint32_t *cells;             /* cell indices grouped by product (index in the rules) */
    size_t *start;               /* product i's cells: cells[start[i] .. start[i + 1]) */
    pthread_mutex_t lock;        /* next, done */
    pthread_mutex_t emitting;    /* one emitter at a time; the fields below */
    size_t emitted;
    emit_fn emit;
    void *sink;
    qc_status emit_status;
    qc_error emit_err;
} job;

static void free_part(qc_report *p)
{
    cJSON_Delete(p->products);
    cJSON_Delete(p->notes);
    p->products = p->notes = NULL;
}

/* Emits the done parts that follow the last emitted one, in order, stopping at the first
 * that failed (its error is reported by products()). Call with j->emitting held. */
static void emit_ready(job *j)
{
    for (;;) {
        pthread_mutex_lock(&j->lock);
        int ready = j->emitted < j->n && j->done[j->emitted];
        pthread_mutex_unlock(&j->lock);
        if (!ready || j->emit_status || j->status[j->emitted]) return;
        size_t i = j->emitted++;
        j->emit_status = j->emit(j->sink, &j->parts[i], &j->emit_err);
        free_part(&j->parts[i]);
    }
}

static void *worker(void *arg)
{
    job *j = arg;
    ctx cx = {.study = j->study, .rules = j->rules, .res = j->res, .ed = j->ed};
    for (;;) {
        pthread_mutex_lock(&j->lock);
        size_t i = j->next++;
        pthread_mutex_unlock(&j->lock);
        if (i >= j->n) break;
        cx.rep = &j->parts[i];
        cx.err = &j->errs[i];
        size_t pi = (size_t)(j->sorted[i]->product - j->rules->products);
        cx.pc = j->cells + j->start[pi];
        cx.npc = j->start[pi + 1] - j->start[pi];
        j->status[i] = product(&cx, j->sorted[i]);
        pthread_mutex_lock(&j->lock);
        j->done[i] = 1;
        pthread_mutex_unlock(&j->lock);
        if (pthread_mutex_trylock(&j->emitting) == 0) {
            emit_ready(j);
            pthread_mutex_unlock(&j->emitting);
        }
    }
    qc_pipeline_free(&cx.s);
    free(cx.pend);
    return NULL;
}

/* Moves every item of from to the end of to. */
static void move_items(cJSON *to, cJSON *from)
{
    cJSON *e;
    while ((e = cJSON_DetachItemFromArray(from, 0))) cJSON_AddItemToArray(to, e);
}

/* The document's emitter: the product into products[], its notes into notes[]. */
static qc_status emit_into(void *sink, qc_report *part, qc_error *err)
{
    qc_report *rep = sink;
    (void)err;
    move_items(rep->products, part->products);
    move_items(rep->notes, part->notes);
    return QC_OK;
}

static qc_status products(const qc_study *s, const qc_rules *rules, const qc_results *res,
                          int threads, emit_fn emit, void *sink, qc_error *err)
{
    job j = {.study = s, .rules = rules, .res = res, .n = s->nproducts, .emit = emit, .sink = sink};
    j.sorted = calloc(j.n + 1, sizeof *j.sorted);
    j.parts = calloc(j.n + 1, sizeof *j.parts);
    j.status = calloc(j.n + 1, sizeof *j.status);
    j.errs = calloc(j.n + 1, sizeof *j.errs);
    j.done = calloc(j.n + 1, 1);
    qc_status st = (!j.sorted || !j.parts || !j.status || !j.errs || !j.done)
                       ? qc_error_set(err, QC_ENOMEM, "out of memory") : QC_OK;
    for (size_t i = 0; !st && i < j.n; i++) {
        j.sorted[i] = &s->products[i];
        j.parts[i] = (qc_report){NULL, cJSON_CreateArray(), cJSON_CreateArray(), res};
        if (!j.parts[i].products || !j.parts[i].notes) st = qc_error_set(err, QC_ENOMEM, "out of memory");
    }
    /* the editions indexed once: a standard's state by a scan of the library per verdict cost
     * products × standards (10⁶ products with a standard each: hours) */
    if (!st && qc_std_editions_new(rules, &j.ed)) st = qc_error_set(err, QC_ENOMEM, "out of memory");
    /* each product's cells, found once (a scan per product would cost products × cells) */
    size_t np = rules->nproducts;
    j.start = st ? NULL : calloc(np + 2, sizeof *j.start);
    j.cells = st ? NULL : calloc(res->ncells + 1, sizeof *j.cells);
    if (!st && (!j.start || !j.cells)) st = qc_error_set(err, QC_ENOMEM, "out of memory");
    if (!st) {
        for (size_t c = 0; c < res->ncells; c++) j.start[(size_t)(res->cells[c].product - rules->products) + 2]++;
        for (size_t i = 2; i < np + 2; i++) j.start[i] += j.start[i - 1];
        for (size_t c = 0; c < res->ncells; c++)
            j.cells[j.start[(size_t)(res->cells[c].product - rules->products) + 1]++] = (uint32_t)c;
    }
    if (!st) {
        qsort(j.sorted, j.n, sizeof *j.sorted, cmp_products);
        pthread_mutex_init(&j.lock, NULL);
        pthread_mutex_init(&j.emitting, NULL);
        size_t nt = threads > 1 ? (size_t)threads : 1;
        if (nt > j.n) nt = j.n ? j.n : 1;
        pthread_t *tid = calloc(nt, sizeof *tid);
        size_t started = 0;
        for (size_t t = 1; tid && t < nt; t++)  /* this thread is the first worker */
            if (pthread_create(&tid[t], NULL, worker, &j) == 0) started = t;
            else break;
        worker(&j);
        for (size_t t = 1; t <= started; t++) pthread_join(tid[t], NULL);
        free(tid);
        emit_ready(&j);  /* what was done while another worker was emitting */
        pthread_mutex_destroy(&j.lock);
        pthread_mutex_destroy(&j.emitting);
        for (size_t i = 0; !st && i < j.n; i++)
            if (j.status[i]) {
                st = j.status[i];
                if (err) *err = j.errs[i];
            }
        if (!st && j.emit_status) {
            st = j.emit_status;
            if (err) *err = j.emit_err;
        }
    }
    for (size_t i = 0; j.parts && i < j.n; i++) free_part(&j.parts[i]);
    free(j.sorted); free(j.parts); free(j.status); free(j.errs); free(j.done); free(j.start);
    free(j.cells);
    qc_std_editions_free(j.ed);
    return st;
}

/* What follows the products in the document (both ways of making it): the study-wide
 * standards sections, the notes (attached whatever st, so the root owns them), the results
 * files' layouts and the replicates note. Returns st, or the first new error. */
static qc_status finish(const qc_study *s, const qc_rules *rules, const qc_results *res,
                        qc_report *rep, qc_status st, qc_error *err)
{
    if (!st) st = qc_analyze_standards_sections(s, rules, rep->root, err);
    cJSON_AddItemToObject(rep->root, "notes", rep->notes);
    if (!st && qc_report_results_inputs(res, rep->root))
        st = qc_error_set(err, QC_ENOMEM, "out of memory");
    return st;
}

qc_status qc_analyze_threads(const qc_study *s, const qc_rules *rules, const qc_results *res,
                             int threads, cJSON **doc, qc_error *err)
{
    qc_stats_init();
    qc_report rep;
    qc_status st = qc_pipeline_check_lots(s, rules, res, err);
    if (!st) st = qc_report_begin(&rep, s, rules, res, err);
    if (st) return st;
    st = products(s, rules, res, threads, emit_into, &rep, err);
    st = finish(s, rules, res, &rep, st, err);
    if (st) { cJSON_Delete(rep.root); return st; }
    *doc = rep.root;
    return QC_OK;
}

/* ---------- the streamed document ---------- */

typedef struct stream {
    qc_report_out *out;
    qc_report *rep;
    size_t written;
    char *buf;    /* the printed product, reused from product to product */
    size_t cap;
} stream;

/* The streamed document's emitter: each product printed as it reads inside products[], in one
 * write, its notes kept for the end. */
static qc_status emit_stream(void *sink, qc_report *part, qc_error *err)
{
    stream *o = sink;
    move_items(o->rep->notes, part->notes);
    for (cJSON *p = part->products ? part->products->child : NULL; p; p = p->next) {
        size_t len;
        /* an element of the root's products[]: two levels deep (report.h) */
        if (qc_report_print_to(&o->buf, &o->cap, p, 2, o->written++ ? ", " : NULL, &len))
            return qc_error_set(err, QC_ENOMEM, "out of memory");
        qc_status s = qc_report_out_put(o->out, o->buf, len, err);
        if (s) return s;
    }
    return QC_OK;
}

qc_status qc_analyze_write(const qc_study *s, const qc_rules *rules, const qc_results *res,
                           int threads, const char *path, qc_error *err)
{
    qc_stats_init();
    qc_report rep;
    qc_status st = qc_pipeline_check_lots(s, rules, res, err);
    if (!st) st = qc_report_begin(&rep, s, rules, res, err);
    if (st) return st;
    qc_report_out *out = NULL;
    char *head = NULL, *tail = NULL;
    /* the head: everything before the products, inputs complete (the notes come last) */
    if (qc_report_results_inputs(res, rep.root) || !(head = qc_report_print(rep.root, 0, NULL, NULL)))
        st = qc_error_set(err, QC_ENOMEM, "out of memory");
    const char *open = head ? qc_report_products_open(head) : NULL;
    if (!st && !open) st = qc_error_set(err, QC_ENOMEM, "products[] not found in the document");
    if (!st) st = qc_report_out_open(path, &out, err);
    if (!st) st = qc_report_out_put(out, head, (size_t)(open - head), err);
    stream sink = {out, &rep, 0, NULL, 0};
    if (!st) st = products(s, rules, res, threads, emit_stream, &sink, err);
    free(sink.buf);
    /* the tail: products[] closed, then the study-wide sections and the notes; what the head
     * printed is dropped first (the tail's text does not depend on it), so it is printed once */
    static const char *const head_keys[] = {"schema", "engine", "study", "inputs"};
    for (size_t k = 0; k < sizeof head_keys / sizeof *head_keys; k++)
        cJSON_DeleteItemFromObjectCaseSensitive(rep.root, head_keys[k]);
    st = finish(s, rules, res, &rep, st, err);
    if (!st && !(tail = qc_report_print(rep.root, 0, NULL, NULL))) st = qc_error_set(err, QC_ENOMEM, "out of memory");
    const char *close = tail ? qc_report_products_open(tail) : NULL;
    if (!st && !close) st = qc_error_set(err, QC_ENOMEM, "products[] not found in the document");
    if (!st) st = qc_report_out_put(out, close, strlen(close), err);
    qc_status c = qc_report_out_close(out, !st, err);
    if (!st) st = c;
    free(head);
    free(tail);
    cJSON_Delete(rep.root);
    return st;
}

qc_status qc_analyze(const qc_study *s, const qc_rules *rules, const qc_results *res,
                     cJSON **doc, qc_error *err)
{
    return qc_analyze_threads(s, rules, res, 1, doc, err);
}
