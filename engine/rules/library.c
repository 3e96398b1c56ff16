/* library.c — the rules library as a whole (rules.h): loading every file of a rules directory
 * (found by locate.c) in a fixed order, lookups by id, and freeing. Owns the parsed documents that
 * the rule structs point into. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "qcompare/grow.h"
#include "rules_internal.h"

typedef struct docs { cJSON **doc; size_t n; } docs;

void *qc_rules_push(void *arr_ptr, size_t *n, size_t sz)
{
    void **arr = arr_ptr;
    /* geometric (grow.h): a library of 10^5 standards does not reallocate 10^5 times */
    char *grown = qc_grow(*arr, *n, sz);
    if (!grown) return NULL;
    *arr = grown;
    memset(grown + *n * sz, 0, sz);
    return grown + (*n)++ * sz;
}

qc_status qc_rules_read(qc_rules *r, const char *path, const char *role, cJSON **doc,
                        qc_error *err)
{
    docs *d = r->docs;
    qc_rules_file *f = qc_rules_push(&r->files, &r->nfiles, sizeof *f);
    cJSON **slot = f ? qc_rules_push(&d->doc, &d->n, sizeof *slot) : NULL;
    if (!slot || !(f->path = strdup(path))) return qc_error_set(err, QC_ENOMEM, "out of memory");
    f->role = (char *)role;
    qc_status s = qc_json_load(path, slot, f->sha256, err);
    if (s) { d->n--; return s; }
    *doc = *slot;
    return QC_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories the walk has entered, by (device, inode): a symbolic link back up the tree (or
 * two links to each other) is walked once, never around the loop. */
typedef struct { dev_t dev; ino_t ino; } dir_id;
typedef struct { dir_id *id; size_t n; } visited;

/* 1 when dir (already stat'ed as st) was entered before, else records it: 0, or -1 (memory). */
static int seen_before(visited *v, const struct stat *st)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->id[i].dev == st->st_dev && v->id[i].ino == st->st_ino) return 1;
    dir_id *slot = qc_rules_push(&v->id, &v->n, sizeof *slot);
    if (!slot) return -1;
    slot->dev = st->st_dev, slot->ino = st->st_ino;
    return 0;
}

/* Collects every *.json below dir (sorted by the caller, so the load order is the same on
 * every machine), entering each directory once. */
static qc_status collect(const char *dir, visited *v, char ***paths, size_t *n, qc_error *err)
{
    struct stat dst;
    int seen = stat(dir, &dst) == 0 ? seen_before(v, &dst) : 0;
    if (seen < 0) return qc_error_set(err, QC_ENOMEM, "out of memory");
    if (seen) return QC_OK;
    DIR *d = opendir(dir);
    if (!d) return qc_error_set(err, QC_EIO, "%s: cannot open directory", dir);
    /* the entries in name order: which of two names of one directory is walked does not
     * depend on the file system's order */
    char **ent = NULL;
    size_t ne = 0;
    struct dirent *e;
    qc_status s = QC_OK;
    while (!s && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char **slot = qc_rules_push(&ent, &ne, sizeof *slot);
        if (!slot || !(*slot = malloc(len))) { s = qc_error_set(err, QC_ENOMEM, "out of memory"); break; }
        snprintf(*slot, len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (ne) qsort(ent, ne, sizeof *ent, cmp_str);
    for (size_t i = 0; i < ne; i++) {
        char *p = ent[i];
        struct stat st;
        size_t nl = p ? strlen(p) : 0;
        if (s || !p) {
            free(p);
        } else if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            s = collect(p, v, paths, n, err);
            free(p);
        } else if (nl > 5 && strcmp(p + nl - 5, ".json") == 0) {
            char **slot = qc_rules_push(paths, n, sizeof *slot);
            if (!slot) { free(p); s = qc_error_set(err, QC_ENOMEM, "out of memory"); }
            else *slot = p;
        } else {
            free(p);
        }
    }
    free(ent);
    return s;
}

static int cmp_standard(const void *a, const void *b)
{
    return strcmp(((const qc_standard *)a)->id, ((const qc_standard *)b)->id);
}

qc_status qc_rules_new(qc_rules **out, qc_error *err)
{
    qc_rules *r = calloc(1, sizeof *r);
    docs *d = calloc(1, sizeof *d);
    if (!r || !d) {
        free(r); free(d);
        return qc_error_set(err, QC_ENOMEM, "out of memory");
    }
    r->docs = d;
    qc_status s = qc_units_open(&r->units, err);
    if (s) { qc_rules_free(r); return s; }
    *out = r;
    return QC_OK;
}

qc_status qc_rules_add_file(qc_rules *r, const char *path, const char *kind, qc_error *err)
{
    if (strcmp(kind, "units") == 0) return qc_rules_load_units(r, path, err);
    if (strcmp(kind, "dictionary") == 0) return qc_rules_load_indicators(r, path, err);
    if (strcmp(kind, "products") == 0) return qc_rules_load_products(r, path, err);
    if (strcmp(kind, "standard") == 0) return qc_rules_add_standard_file(r, path, err);
    if (strcmp(kind, "methods") == 0) return qc_rules_load_methods(r, path, err);
    if (strcmp(kind, "columns") == 0) return qc_rules_load_columns(r, path, err);
    return qc_error_set(err, QC_EUSAGE, "%s: unknown kind of rules file \"%s\"", path, kind);
}

qc_status qc_rules_load(const char *dir, qc_rules **out, qc_error *err)
{
    char path[4096];
    struct stat st;
    qc_rules *r = NULL;
    qc_status s = qc_rules_new(&r, err);
    if (s) return s;
    if (!(r->dir = strdup(dir))) s = qc_error_set(err, QC_ENOMEM, "out of memory");
    if (!s && stat(dir, &st) != 0)
        s = qc_error_set(err, QC_EIO, "%s: rules directory not found (use --rules DIR or "
                         "QCOMPARE_RULES)", dir);
    if (!s) {
        snprintf(path, sizeof path, "%s/units.json", dir);
        if (stat(path, &st) == 0) s = qc_rules_load_units(r, path, err);
    }
    if (!s) {
        snprintf(path, sizeof path, "%s/indicators.json", dir);
        s = qc_rules_load_indicators(r, path, err);
    }
    if (!s) {
        snprintf(path, sizeof path, "%s/products.json", dir);
        s = qc_rules_load_products(r, path, err);
    }
    if (!s) {  /* optional: declared (non-)equivalent test methods */
        snprintf(path, sizeof path, "%s/methods.json", dir);
        if (stat(path, &st) == 0) s = qc_rules_load_methods(r, path, err);
    }
    if (!s) {  /* optional: other headers of common columns (公称直径 for nominal_diameter) */
        snprintf(path, sizeof path, "%s/columns.json", dir);
        if (stat(path, &st) == 0) s = qc_rules_load_columns(r, path, err);
    }
    char **paths = NULL;
    size_t n = 0;
    snprintf(path, sizeof path, "%s/standards", dir);
    visited seen = {0};
    if (!s && stat(path, &st) == 0) s = collect(path, &seen, &paths, &n, err);
    free(seen.id);
    if (paths) qsort(paths, n, sizeof *paths, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (!s) s = qc_rules_add_standard_file(r, paths[i], err);
        free(paths[i]);
    }
    free(paths);
    if (s) { qc_rules_free(r); return s; }
    if (r->nstandards) qsort(r->standards, r->nstandards, sizeof *r->standards, cmp_standard);
    if ((s = qc_rules_index_standards(r))) {
        qc_rules_free(r);
        return qc_error_set(err, s, "out of memory");
    }
    if ((s = qc_rules_check_derived(r, err))) { qc_rules_free(r); return s; }
    *out = r;
    return QC_OK;
}

static void free_grade(qc_grade *g)
{
    for (size_t k = 0; k < g->nsets; k++) {
        for (size_t m = 0; m < g->sets[k].npieces; m++) {
            free(g->sets[k].piece[m].when);
            free(g->sets[k].piece[m].derived);
        }
        free(g->sets[k].piece);
    }
    free(g->sets);
}

void qc_rules_free(qc_rules *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->nindicators; i++) free(r->indicators[i].aliases);
    for (size_t i = 0; i < r->nproducts; i++) free(r->products[i].aliases);
    for (size_t i = 0; i < r->nstandards; i++) {
        qc_standard *st = &r->standards[i];
        for (size_t j = 0; j < st->ngrades; j++) free_grade(&st->grades[j]);
        free(st->grades);
        free(st->products);
        free(st->grade_order);
    }
    for (size_t i = 0; i < r->nfiles; i++) free(r->files[i].path);
    docs *d = r->docs;
    for (size_t i = 0; d && i < d->n; i++) cJSON_Delete(d->doc[i]);
    if (d) free(d->doc);
    free(d);
    qc_rules_index_free(r);
    qc_methods_free(r->methods);
    free(r->indicators); free(r->products); free(r->standards); free(r->files);
    qc_units_close(r->units);
    free(r->dir);
    free(r);
}

/* "-2018", ":2015", ":2005+A3:2016": a year (after "-" as GB writes it, ":" as ISO and BS
 * do) that ends the id or is followed by something other than a digit. */
static int is_edition_suffix(const char *s)
{
    if (*s != '-' && *s != ':') return 0;
    for (int i = 1; i <= 4; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return s[5] < '0' || s[5] > '9';
}

const qc_standard *qc_rules_standard(const qc_rules *r, const char *id, const char *date)
{
    const qc_standard *best = qc_rules_standard_exact(r, id);
    if (best) return best;
    size_t len = strlen(id);
    for (size_t i = 0; date && i < r->nstandards; i++) {
        const qc_standard *s = &r->standards[i];
        /* an id without a year: an edition "ID-YYYY" in force at the date */
        if (date && strncmp(s->id, id, len) == 0 && is_edition_suffix(s->id + len) &&
            strcmp(s->status, "withdrawn") != 0 && s->effective &&
            strcmp(s->effective, date) <= 0 &&
            (!best || strcmp(s->effective, best->effective) > 0))
            best = s;
    }
    return best;
}

const qc_grade *qc_standard_grade(const qc_standard *s, const char *grade)
{
    for (size_t i = 0; i < s->ngrades; i++)
        if (strcmp(s->grades[i].name, grade ? grade : "") == 0) return &s->grades[i];
    return NULL;
}

const qc_limit_set *qc_standard_limits(const qc_standard *s, const qc_grade *g,
                                       const char *indicator)
{
    for (size_t hops = 0; g && hops <= s->ngrades; hops++) {
        for (size_t k = 0; k < g->nsets; k++)
            if (strcmp(g->sets[k].indicator, indicator) == 0) return &g->sets[k];
        g = g->inherits ? qc_standard_grade(s, g->inherits) : NULL;
    }
    return NULL;
}
