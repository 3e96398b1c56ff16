/* merge.c — qcompare merge (merge.h): reads the gap analyses of a study's product partitions,
 * checks that they join (engine, study, rules, disjoint products and results files), and writes
 * the whole study's document: the parts' products by id, each as its part printed it; the
 * study-wide standards sections recomputed for the whole study; inputs and notes joined
 * (merge_parts.c). Owns the parts' pieces while it runs. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/analyze.h"
#include "qcompare/diff.h"
#include "qcompare/jsonfile.h"
#include "qcompare/merge.h"
#include "qcompare/report.h"
#include "qcompare/version.h"
#include "merge_internal.h"

#define FAIL(...) return qc_error_set(err, QC_ERULES, __VA_ARGS__)

/* A JSON value, short, for a message. */
static const char *brief(const cJSON *v, char *buf, size_t size)
{
    char *t = v ? cJSON_PrintUnformatted(v) : NULL;
    snprintf(buf, size, "%s%.60s%s", t ? "" : "(absent)", t ? t : "",
             t && strlen(t) > 60 ? "…" : "");
    free(t);
    return buf;
}

static int partition_key(const char *key)
{
    return strcmp(key, "results") == 0 || strcmp(key, "products") == 0;
}

/* b's study against a's (the first part's, or the whole study): every key but results and
 * products the same. */
static qc_status same_study(const cJSON *a, const char *aname, const cJSON *b,
                            const char *bname, qc_error *err)
{
    char x[128], y[128];
    for (const cJSON *k = a->child; k; k = k->next) {
        if (partition_key(k->string)) continue;
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(b, k->string);
        if (!o || !cJSON_Compare(k, o, 1))
            FAIL("%s: $.study.%s: %s, but %s has %s (the parts of one study share every key but "
                 "results and products)", bname, k->string, brief(o, x, sizeof x), aname,
                 brief(k, y, sizeof y));
    }
    for (const cJSON *k = b->child; k; k = k->next)
        if (!partition_key(k->string) && !cJSON_GetObjectItemCaseSensitive(a, k->string))
            FAIL("%s: $.study.%s: %s has no such key (the parts of one study share every key "
                 "but results and products)", bname, k->string, aname);
    return QC_OK;
}

/* The part's pieces taken out of its document, its products printed. */
static qc_status read_part(merge *m, size_t pi, qc_error *err)
{
    part *p = &m->parts[pi];
    cJSON *doc = NULL;
    qc_status s = qc_diff_load(p->path, &doc, err);
    if (s) return s;
    const cJSON *eng = cJSON_GetObjectItemCaseSensitive(doc, "engine");
    const char *name = qc_json_str(eng, "name", ""), *version = qc_json_str(eng, "version", "");
    if (strcmp(name, QC_ENGINE_NAME) != 0 || strcmp(version, QC_VERSION) != 0) {
        qc_error_set(err, QC_ERULES, "%s: $.engine: %.100s %.100s, but this is %s %s (analyse "
                     "the parts and merge them with one version)", p->path, name, version,
                     QC_ENGINE_NAME, QC_VERSION);
        cJSON_Delete(doc);
        return QC_ERULES;
    }
    cJSON *inputs = cJSON_GetObjectItemCaseSensitive(doc, "inputs");
    p->study = cJSON_DetachItemFromObjectCaseSensitive(doc, "study");
    p->files = cJSON_DetachItemFromObjectCaseSensitive(inputs, "files");
    p->rejections = cJSON_DetachItemFromObjectCaseSensitive(inputs, "rejections");
    p->notes = cJSON_DetachItemFromObjectCaseSensitive(doc, "notes");
    cJSON *products = cJSON_GetObjectItemCaseSensitive(doc, "products");
    const char *missing = !cJSON_IsObject(p->study) ? "$.study" : !cJSON_IsArray(p->files) ? "$.inputs.files"
                          : !cJSON_IsArray(p->rejections) ? "$.inputs.rejections"
                          : !cJSON_IsArray(p->notes) ? "$.notes" : !cJSON_IsArray(products) ? "$.products" : NULL;
    if (missing) {
        cJSON_Delete(doc);
        FAIL("%s: %s: missing or of the wrong type: not a complete gap analysis", p->path, missing);
    }
    size_t j = 0;
    for (const cJSON *e = products->child; !s && e; e = e->next, j++) {
        const char *id = qc_json_str(e, "product", NULL);
        if (!id) {
            s = qc_error_set(err, QC_ERULES, "%s: $.products[%zu].product: missing: not a gap "
                             "analysis", p->path, j);
            break;
        }
        item *it = qc_merge_push(&m->items, &m->nitems, &m->capitems, sizeof *it);
        if (!it || !(it->id = strdup(id)) || !(it->text = qc_report_print_item(e, NULL, &it->len)))
            s = qc_error_set(err, QC_ENOMEM, "out of memory");
        else
            it->part = pi, it->index = j;
    }
    cJSON_Delete(doc);
    return s ? s : qc_merge_segment_notes(m, pi, err);
}

static int cmp_items(const void *a, const void *b)
{
    const item *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c) return c;
    return x->part != y->part ? (x->part < y->part ? -1 : 1) : (x->index < y->index ? -1 : 1);
}

/* No product in two parts (the products sorted by id on the way). */
static qc_status check_twice(merge *m, qc_error *err)
{
    if (m->nitems) qsort(m->items, m->nitems, sizeof *m->items, cmp_items);
    for (size_t i = 1; i < m->nitems; i++)
        if (strcmp(m->items[i].id, m->items[i - 1].id) == 0)
            FAIL("%s: $.products[%zu]: product \"%s\" is also in %s (a product belongs to one "
                 "part)", m->parts[m->items[i].part].path, m->items[i].index, m->items[i].id,
                 m->parts[m->items[i - 1].part].path);
    return QC_OK;
}

/* With the whole study given, the parts hold exactly its products. */
static qc_status check_products(merge *m, qc_error *err)
{
    if (!m->given) return QC_OK;
    for (size_t i = 0; i < m->nitems; i++) {
        const qc_product *p = qc_rules_product(m->rules, m->items[i].id);
        if (!p || !qc_study_product_of(m->whole, m->rules, p))
            FAIL("%s: $.products[%zu]: product \"%s\" is not in the study %s",
                 m->parts[m->items[i].part].path, m->items[i].index, m->items[i].id,
                 m->whole->path);
    }
    for (size_t k = 0; k < m->whole->nproducts; k++) {
        const char *id = m->whole->products[k].product->id;
        item key = {.id = (char *)id};
        size_t lo = 0, hi = m->nitems;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(m->items[mid].id, key.id) < 0) lo = mid + 1; else hi = mid;
        }
        if (lo == m->nitems || strcmp(m->items[lo].id, id) != 0)
            FAIL("%s: $.products[%zu].product: \"%s\" is in none of the %zu part(s)",
                 m->whole->path, k, id, m->nparts);
    }
    return QC_OK;
}

/* The whole study: loaded from its file, or the first part's with the parts' results and
 * products in part order. */
static qc_status whole_study(merge *m, const char *study_path, qc_error *err)
{
    if (study_path) {
        qc_status s = qc_study_load(study_path, m->rules, &m->whole, err);
        if (s) return s;
        m->given = 1;
        cJSON *eff = qc_study_effective_json(m->whole);
        if (!eff) return qc_error_set(err, QC_ENOMEM, "out of memory");
        for (size_t i = 0; !s && i < m->nparts; i++)
            s = same_study(eff, m->whole->path, m->parts[i].study, m->parts[i].path, err);
        cJSON_Delete(eff);
        return s;
    }
    for (size_t i = 1; i < m->nparts; i++) {
        qc_status s = same_study(m->parts[0].study, m->parts[0].path, m->parts[i].study,
                                 m->parts[i].path, err);
        if (s) return s;
    }
    cJSON *json = cJSON_Duplicate(m->parts[0].study, 1);
    cJSON *res = cJSON_CreateArray(), *prods = cJSON_CreateArray();
    int ok = json && res && prods;
    for (size_t i = 0; ok && i < m->nparts; i++) {
        static const char *const keys[] = {"results", "products"};
        cJSON *to[] = {res, prods};
        for (int k = 0; ok && k < 2; k++) {
            const cJSON *a = cJSON_GetObjectItemCaseSensitive(m->parts[i].study, keys[k]);
            for (const cJSON *e = cJSON_IsArray(a) ? a->child : NULL; ok && e; e = e->next) {
                cJSON *d = cJSON_Duplicate(e, 1);
                ok = d && cJSON_AddItemToArray(to[k], d);
                if (!ok) cJSON_Delete(d);
            }
        }
    }
    if (!ok || !cJSON_ReplaceItemInObjectCaseSensitive(json, "results", res)) {
        cJSON_Delete(json); cJSON_Delete(res); cJSON_Delete(prods);
        return qc_error_set(err, QC_ENOMEM, "out of memory (or $.study.results missing)");
    }
    if (!cJSON_ReplaceItemInObjectCaseSensitive(json, "products", prods)) {
        cJSON_Delete(json); cJSON_Delete(prods);
        FAIL("%s: $.study.products: missing", m->parts[0].path);
    }
    /* the whole study as its parts state it; its path names the first part */
    return qc_study_from_json(json, m->parts[0].path, "", m->rules, &m->whole, err);
}

/* The document: the head up to products[], the products by id, then the study-wide tail. */
static qc_status write_doc(merge *m, const char *out, qc_error *err)
{
    cJSON *head = cJSON_CreateObject(), *tail = cJSON_CreateObject(), *eng;
    qc_status s = head && tail ? QC_OK : QC_ENOMEM;
    if (!s) {
        cJSON_AddStringToObject(head, "schema", QC_SCHEMA);
        eng = cJSON_AddObjectToObject(head, "engine");
        cJSON_AddStringToObject(eng, "name", QC_ENGINE_NAME);
        cJSON_AddStringToObject(eng, "version", QC_VERSION);
        cJSON *study = qc_study_effective_json(m->whole);
        if (!study || !cJSON_AddItemToObject(head, "study", study)) s = QC_ENOMEM;
    }
    if (!s) s = qc_merge_inputs(m, head, err);
    if (!s && (!cJSON_AddArrayToObject(head, "products") || !cJSON_AddArrayToObject(tail, "products")))
        s = QC_ENOMEM;
    if (!s) s = qc_analyze_standards_sections(m->whole, m->rules, tail, err);
    if (!s) s = qc_merge_notes(m, tail, err);
    char *ht = s ? NULL : qc_report_print(head, 0, NULL, NULL);
    char *tt = s ? NULL : qc_report_print(tail, 0, NULL, NULL);
    const char *hopen = qc_report_products_open(ht), *topen = qc_report_products_open(tt);
    if (!s && (!hopen || !topen)) s = QC_ENOMEM;
    qc_report_out *o = NULL;
    if (!s) s = qc_report_out_open(out, &o, err);
    if (!s) s = qc_report_out_put(o, ht, (size_t)(hopen - ht), err);
    for (size_t i = 0; !s && i < m->nitems; i++) {
        if (i) s = qc_report_out_put(o, ", ", 2, err);
        if (!s) s = qc_report_out_put(o, m->items[i].text, m->items[i].len, err);
    }
    if (!s) s = qc_report_out_put(o, topen, strlen(topen), err);
    qc_status c = qc_report_out_close(o, !s, err);
    if (!s) s = c;
    if (s == QC_ENOMEM && (!err || err->status != QC_ENOMEM))
        qc_error_set(err, QC_ENOMEM, "out of memory");
    free(ht);
    free(tt);
    cJSON_Delete(head);
    cJSON_Delete(tail);
    return s;
}

qc_status qc_merge_write(const char *const *paths, size_t nparts, const char *study_path,
                         const qc_rules *rules, const char *out, qc_error *err)
{
    if (!nparts) return qc_error_set(err, QC_EUSAGE, "merge: no parts to join");
    merge m = {.rules = rules, .nparts = nparts, .parts = calloc(nparts, sizeof *m.parts)};
    qc_status s = m.parts ? QC_OK : qc_error_set(err, QC_ENOMEM, "out of memory");
    for (size_t i = 0; !s && i < nparts; i++) {
        m.parts[i].path = paths[i];
        s = read_part(&m, i, err);
    }
    if (!s) s = check_twice(&m, err);
    if (!s) s = qc_merge_check_files(&m, err);
    if (!s) s = whole_study(&m, study_path, err);
    if (!s) s = check_products(&m, err);
    if (!s) s = write_doc(&m, out, err);
    qc_merge_free(&m);
    return s;
}
