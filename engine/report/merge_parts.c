/* merge_parts.c — the sections qcompare merge joins from its parts (merge_internal.h):
 * inputs.files (results and study files of every part, the rules checked against the merge's
 * own), inputs.rejections (in the whole study's file and line order), and notes (each
 * product's with its product, the study-wide ones once, the replicates note added up).
 * Owns nothing beyond the merge's parts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/jsonfile.h"
#include "qcompare/report.h"
#include "merge_internal.h"

void *qc_merge_push(void *arr, size_t *n, size_t *cap, size_t size)
{
    char **a = arr;
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 16;
        char *g = realloc(*a, c * size);
        if (!g) return NULL;
        *a = g;
        *cap = c;
    }
    char *e = *a + (*n)++ * size;
    memset(e, 0, size);
    return e;
}

void qc_merge_free(merge *m)
{
    for (size_t i = 0; m->parts && i < m->nparts; i++) {
        part *p = &m->parts[i];
        cJSON_Delete(p->study); cJSON_Delete(p->files); cJSON_Delete(p->rejections);
        cJSON_Delete(p->notes);
        free(p->owner);
    }
    for (size_t i = 0; i < m->nitems; i++) { free(m->items[i].id); free(m->items[i].text); }
    free(m->parts);
    free(m->items);
    qc_study_free(m->whole);
}

/* ---------- notes ---------- */

/* The product (index into ids) whose id, followed by '/', ':' or '.', begins the note: the
 * longest such id; -1 for none. Every note of a product is written after `where`, which
 * starts with the product's id. */
static long note_product(const char *note, const char *const *ids, size_t n)
{
    long best = -1;
    size_t bl = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(ids[i]);
        if (l > bl && strncmp(note, ids[i], l) == 0 && note[l] && strchr("/:.", note[l]))
            best = (long)i, bl = l;
    }
    return best;
}

qc_status qc_merge_segment_notes(merge *m, size_t pi, qc_error *err)
{
    part *p = &m->parts[pi];
    size_t np = 0, first = m->nitems;
    while (first > 0 && m->items[first - 1].part == pi) first--, np++;
    const char **ids = calloc(np + 1, sizeof *ids);
    p->nnotes = (size_t)cJSON_GetArraySize(p->notes);
    p->owner = calloc(p->nnotes + 1, sizeof *p->owner);
    if (!ids || !p->owner) { free(ids); return qc_error_set(err, QC_ENOMEM, "out of memory"); }
    for (size_t i = 0; i < np; i++) ids[i] = m->items[first + i].id;
    /* a part prints each product's notes together, in product order, and the study-wide ones
     * last: a note no id begins belongs to the product whose notes surround it */
    long last = -1, j = 0, end = -1;
    for (const cJSON *n = p->notes->child; n; n = n->next, j++) {
        qc_merge_counts c;
        const char *t = cJSON_GetStringValue(n);
        if (!t) return qc_error_set(err, QC_ERULES, "%s: $.notes[%ld]: not a string", p->path, j);
        p->owner[j] = qc_report_replicates_parse(t, &c) ? -1 : note_product(t, ids, np);
        if (p->owner[j] < 0) continue;
        if (p->owner[j] < last) {
            qc_error_set(err, QC_ERULES, "%s: $.notes[%ld]: a note of %s after those of %s: not "
                         "notes in product order as qcompare analyze writes them", p->path, j,
                         ids[p->owner[j]], ids[last]);
            free(ids);
            return QC_ERULES;
        }
        last = p->owner[j];
        end = j;
    }
    long cur = -1;
    j = 0;
    for (const cJSON *n = p->notes->child; n && j <= end; n = n->next, j++) {
        qc_merge_counts c;
        if (qc_report_replicates_parse(n->valuestring, &c)) continue;
        if (p->owner[j] >= 0) { cur = p->owner[j]; continue; }
        if (cur < 0) {  /* before the first attributed note: that note's product */
            long k = j;
            while (k <= end && p->owner[k] < 0) k++;
            cur = p->owner[k];
        }
        p->owner[j] = cur;
    }
    free(ids);
    return QC_OK;
}

/* Adds s to arr unless an equal string is already there. */
static int add_once(cJSON *arr, const char *s)
{
    for (const cJSON *e = arr->child; e; e = e->next)
        if (strcmp(e->valuestring, s) == 0) return 1;
    cJSON *v = cJSON_CreateString(s);
    return v && cJSON_AddItemToArray(arr, v);
}

qc_status qc_merge_notes(merge *m, cJSON *root, qc_error *err)
{
    cJSON *notes = cJSON_AddArrayToObject(root, "notes");
    int ok = notes != NULL;
    /* each product's notes, products by id (m->items is sorted) */
    for (size_t i = 0; ok && i < m->nitems; i++) {
        const part *p = &m->parts[m->items[i].part];
        long j = 0;
        for (const cJSON *n = p->notes->child; ok && n; n = n->next, j++) {
            if (p->owner[j] != (long)m->items[i].index) continue;
            cJSON *v = cJSON_CreateString(n->valuestring);
            ok = v && cJSON_AddItemToArray(notes, v);
        }
    }
    /* the study-wide notes, once each; the replicates note last, its counts added up */
    qc_merge_counts sum = {0};
    for (size_t pi = 0; ok && pi < m->nparts; pi++) {
        const part *p = &m->parts[pi];
        long j = 0;
        for (const cJSON *n = p->notes->child; ok && n; n = n->next, j++) {
            qc_merge_counts c;
            if (p->owner[j] >= 0) continue;
            if (!qc_report_replicates_parse(n->valuestring, &c)) { ok = add_once(notes, n->valuestring); continue; }
            sum.applied = 1;
            sum.results += c.results;
            sum.samples += c.samples;
            sum.censored_set_aside += c.censored_set_aside;
            sum.indeterminate += c.indeterminate;
        }
    }
    char buf[1024];
    if (ok && qc_report_replicates_note(&sum, buf, sizeof buf)) ok = add_once(notes, buf);
    return ok ? QC_OK : qc_error_set(err, QC_ENOMEM, "out of memory");
}

/* ---------- inputs ---------- */

static const char *role_of(const cJSON *f) { return qc_json_str(f, "role", ""); }
static int is_rules(const cJSON *f)
{
    return strcmp(role_of(f), "results") != 0 && strcmp(role_of(f), "study") != 0;
}

/* A rules file's path below its rules directory. A part's directory is its dictionary's
 * ("DIR/indicators.json"), so parts analysed on machines that keep the rules elsewhere join. */
static const char *below(const char *path, const char *dir, size_t dl)
{
    return dl && strncmp(path, dir, dl) == 0 && path[dl] == '/' ? path + dl + 1 : path;
}

static size_t part_rules_dir(const cJSON *files, const char **dir)
{
    static const char tail[] = "/indicators.json";
    for (const cJSON *f = files->child; f; f = f->next) {
        const char *p = qc_json_str(f, "path", "");
        size_t l = strlen(p);
        if (strcmp(role_of(f), "dictionary") == 0 && l >= sizeof tail - 1 &&
            strcmp(p + l - (sizeof tail - 1), tail) == 0) {
            *dir = p;
            return l - (sizeof tail - 1);
        }
    }
    *dir = "";
    return 0;
}

qc_status qc_merge_check_files(merge *m, qc_error *err)
{
    const qc_rules *r = m->rules;
    size_t rdl = r->dir ? strlen(r->dir) : 0;
    for (size_t pi = 0; pi < m->nparts; pi++) {
        const part *p = &m->parts[pi];
        const char *dir;
        size_t dl = part_rules_dir(p->files, &dir), j = 0;
        for (const cJSON *f = p->files->child; f; f = f->next, j++) {
            const char *path = qc_json_str(f, "path", NULL), *sha = qc_json_str(f, "sha256", "");
            if (!path) return qc_error_set(err, QC_ERULES, "%s: $.inputs.files[%zu].path: missing",
                                           p->path, j);
            if (strcmp(role_of(f), "results") == 0) {
                for (size_t qi = 0; qi < pi; qi++)
                    for (const cJSON *g = m->parts[qi].files->child; g; g = g->next)
                        if (strcmp(role_of(g), "results") == 0 && strcmp(qc_json_str(g, "path", ""), path) == 0)
                            return qc_error_set(err, QC_ERULES, "%s: $.inputs.files[%zu]: results file "
                                                "%s is also read by %s (partitions split the "
                                                "rows: each file belongs to one part)", p->path, j,
                                                path, m->parts[qi].path);
                continue;
            }
            if (!is_rules(f)) continue;
            const char *rel = below(path, dir, dl);
            size_t k = 0;
            while (k < r->nfiles && strcmp(below(r->files[k].path, r->dir, rdl), rel) != 0) k++;
            if (k == r->nfiles)
                return qc_error_set(err, QC_ERULES, "%s: $.inputs.files[%zu]: rules file %s is "
                                    "not in the rules read from %s (merge with the rules the "
                                    "parts were analysed with: --rules)", p->path, j, path,
                                    r->dir ? r->dir : "?");
            if (strcmp(r->files[k].sha256, sha) != 0 || strcmp(r->files[k].role, role_of(f)) != 0)
                return qc_error_set(err, QC_ERULES, "%s: $.inputs.files[%zu]: %s (%s) has SHA-256 "
                                    "%.12s…, but %s has %.12s… (the parts and the merge must use "
                                    "the same rules)", p->path, j, path, role_of(f), sha,
                                    r->files[k].path, r->files[k].sha256);
        }
    }
    return QC_OK;
}

/* A rejection and where it sorts. */
typedef struct rej { const cJSON *obj; size_t rank, part, index; double line; } rej;

static int cmp_rej(const void *a, const void *b)
{
    const rej *x = a, *y = b;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->part != y->part) return x->part < y->part ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static qc_status rejections(merge *m, cJSON *in, qc_error *err)
{
    size_t n = 0, cap = 0;
    rej *all = NULL;
    const qc_study *w = m->whole;
    for (size_t pi = 0; pi < m->nparts; pi++) {
        size_t j = 0;
        for (const cJSON *e = m->parts[pi].rejections->child; e; e = e->next, j++) {
            rej *r = qc_merge_push(&all, &n, &cap, sizeof *r);
            if (!r) { free(all); return qc_error_set(err, QC_ENOMEM, "out of memory"); }
            *r = (rej){e, 0, pi, j, 0};
            /* a file of the whole study sorts by its place and the line; any other (a part's
             * own file, or no study given) after them, in part order */
            const char *path = qc_json_str(e, "path", "");
            size_t k = 0;
            while (k < w->nresults && strcmp(w->results[k].path, path) != 0) k++;
            if (m->given && k < w->nresults)
                r->rank = k, r->line = qc_json_num(e, "line", 0);
            else
                r->rank = w->nresults + pi;
        }
    }
    if (n) qsort(all, n, sizeof *all, cmp_rej);
    cJSON *arr = cJSON_AddArrayToObject(in, "rejections");
    int ok = arr != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        cJSON *d = cJSON_Duplicate(all[i].obj, 1);
        ok = d && cJSON_AddItemToArray(arr, d);
    }
    free(all);
    return ok ? QC_OK : qc_error_set(err, QC_ENOMEM, "out of memory");
}

static int add_copy(cJSON *arr, const cJSON *e)
{
    cJSON *d = cJSON_Duplicate(e, 1);
    if (d && cJSON_AddItemToArray(arr, d)) return 1;
    cJSON_Delete(d);
    return 0;
}

qc_status qc_merge_inputs(merge *m, cJSON *root, qc_error *err)
{
    cJSON *in = cJSON_AddObjectToObject(root, "inputs");
    cJSON *files = in ? cJSON_AddArrayToObject(in, "files") : NULL;
    int ok = files != NULL;
    for (size_t pi = 0; ok && pi < m->nparts; pi++)
        for (const cJSON *f = m->parts[pi].files->child; ok && f; f = f->next)
            if (strcmp(role_of(f), "results") == 0) ok = add_copy(files, f);
    const qc_study *w = m->whole;
    int given = m->given;
    if (ok && given) {
        cJSON *o = cJSON_CreateObject();
        ok = o && cJSON_AddItemToArray(files, o) && cJSON_AddStringToObject(o, "path", w->path) &&
             cJSON_AddStringToObject(o, "role", "study") && cJSON_AddStringToObject(o, "sha256", w->sha256);
    }
    for (size_t pi = 0; ok && pi < m->nparts; pi++)
        for (const cJSON *f = m->parts[pi].files->child; ok && f; f = f->next)
            if (strcmp(role_of(f), "study") == 0 &&
                !(given && strcmp(qc_json_str(f, "path", ""), w->path) == 0 &&
                  strcmp(qc_json_str(f, "sha256", ""), w->sha256) == 0))
                ok = add_copy(files, f);
    /* the rules files one run of the whole study lists: those it uses (rules.h) */
    char *used = ok ? malloc(m->rules->nfiles + 1) : NULL;
    ok = used && qc_rules_study_files(m->rules, w->json, used) == QC_OK;
    for (size_t i = 0; ok && i < m->rules->nfiles; i++) {
        const qc_rules_file *f = &m->rules->files[i];
        if (!used[i]) continue;
        cJSON *o = cJSON_CreateObject();
        ok = o && cJSON_AddItemToArray(files, o) && cJSON_AddStringToObject(o, "path", f->path) &&
             cJSON_AddStringToObject(o, "role", f->role) && cJSON_AddStringToObject(o, "sha256", f->sha256);
    }
    free(used);
    if (!ok) return qc_error_set(err, QC_ENOMEM, "out of memory");
    return rejections(m, in, err);
}
