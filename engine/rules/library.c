/* library.c — the rules library as a whole (rules.h): loading every file of a rules directory
 * (found by locate.c) in a fixed order, lookups by id, and freeing. Owns the parsed documents that
 * the rule structs point into. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
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
    return qc_rules_read_text(r, path, role, doc, NULL, NULL, err);
}

qc_status qc_rules_read_text(qc_rules *r, const char *path, const char *role, cJSON **doc,
                             char **text, size_t *len, qc_error *err)
{
    docs *d = r->docs;
    qc_rules_file *f = qc_rules_push(&r->files, &r->nfiles, sizeof *f);
    cJSON **slot = f ? qc_rules_push(&d->doc, &d->n, sizeof *slot) : NULL;
    if (!slot || !(f->path = strdup(path))) return qc_error_set(err, QC_ENOMEM, "out of memory");
    f->role = (char *)role;
    qc_status s = qc_json_load_text(path, slot, f->sha256, text, len, err);
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

/* Collects every *.json below dir (dst: what stat said of it, as its parent's walk found it;
 * sorted by the caller, so the load order is the same on every machine), with what stat says
 * of each, entering each directory once. */
static qc_status collect(const char *dir, const struct stat *dst, visited *v, qc_walk *w,
                         qc_error *err)
{
    int seen = seen_before(v, dst);
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
        int found = p && stat(p, &st) == 0;
        if (s || !p) {
            free(p);
        } else if (found && S_ISDIR(st.st_mode)) {
            s = collect(p, &st, v, w, err);
            free(p);
        } else if (nl > 5 && strcmp(p + nl - 5, ".json") == 0) {
            qc_walk_file *slot = qc_rules_push(&w->file, &w->n, sizeof *slot);
            if (!slot) { free(p); s = qc_error_set(err, QC_ENOMEM, "out of memory"); }
            else { slot->path = p; if (found) qc_file_key_of(&st, &slot->key); }
        } else {
            free(p);
        }
    }
    free(ent);
    return s;
}

void qc_file_key_of(const struct stat *st, qc_file_key *k)
{
    k->size = (long long)st->st_size;
    k->mtime_s = (long long)st->st_mtim.tv_sec, k->mtime_ns = st->st_mtim.tv_nsec;
    k->ctime_s = (long long)st->st_ctim.tv_sec, k->ctime_ns = st->st_ctim.tv_nsec;
    k->ino = (unsigned long long)st->st_ino;
    k->known = 1;
}

static int cmp_walked(const void *a, const void *b)
{
    return strcmp(((const qc_walk_file *)a)->path, ((const qc_walk_file *)b)->path);
}

qc_status qc_rules_walk(const char *dir, qc_walk *w, qc_error *err)
{
    char path[4096];
    struct stat st;
    memset(w, 0, sizeof *w);
    snprintf(path, sizeof path, "%s/standards", dir);
    visited seen = {0};
    qc_status s = stat(path, &st) == 0 ? collect(path, &st, &seen, w, err) : QC_OK;
    free(seen.id);
    if (w->n) qsort(w->file, w->n, sizeof *w->file, cmp_walked);
    if (s) qc_rules_walk_free(w);
    return s;
}

void qc_rules_walk_free(qc_walk *w)
{
    for (size_t i = 0; i < w->n; i++) free(w->file[i].path);
    free(w->file);
    memset(w, 0, sizeof *w);
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

const char *const qc_rules_dictionary_files[] = {"units.json", "indicators.json", "products.json",
                                                "methods.json", "columns.json", NULL};

qc_status qc_rules_open_dir(const char *dir, qc_rules **out, qc_error *err)
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
    /* in this order; units.json, methods.json (declared (non-)equivalent test methods) and
     * columns.json (other headers of common columns: 公称直径 for nominal_diameter) are
     * optional */
    static qc_status (*const load[])(qc_rules *, const char *, qc_error *) = {
        qc_rules_load_units, qc_rules_load_indicators, qc_rules_load_products,
        qc_rules_load_methods, qc_rules_load_columns};
    for (size_t i = 0; !s && qc_rules_dictionary_files[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, qc_rules_dictionary_files[i]);
        int optional = i == 0 || i >= 3;
        if (!optional || stat(path, &st) == 0) s = load[i](r, path, err);
    }
    if (s) { qc_rules_free(r); return s; }
    *out = r;
    return QC_OK;
}

qc_status qc_rules_finish(qc_rules *r, qc_error *err)
{
    if (r->nstandards) qsort(r->standards, r->nstandards, sizeof *r->standards, cmp_standard);
    qc_status s = qc_rules_index_standards(r);
    if (s) return qc_error_set(err, s, "out of memory");
    return qc_rules_check_derived(r, err);
}

qc_status qc_rules_load(const char *dir, qc_rules **out, qc_error *err)
{
    qc_rules *r = NULL;
    qc_walk w;
    qc_status s = qc_rules_open_dir(dir, &r, err);
    if (s) return s;
    if ((s = qc_rules_walk(dir, &w, err))) { qc_rules_free(r); return s; }
    for (size_t i = 0; !s && i < w.n; i++) s = qc_rules_add_standard_file(r, w.file[i].path, err);
    qc_rules_walk_free(&w);
    if (!s) s = qc_rules_finish(r, err);
    if (s) { qc_rules_free(r); return s; }
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

static void free_standard(qc_standard *st)
{
    for (size_t j = 0; j < st->ngrades; j++) free_grade(&st->grades[j]);
    free(st->grades);
    free(st->products);
    free(st->grade_order);
}

typedef struct { const char *path; size_t i; } at_path;

static int cmp_at_path(const void *a, const void *b)
{
    return strcmp(((const at_path *)a)->path, ((const at_path *)b)->path);
}

qc_status qc_rules_file_standards(const qc_rules *r, size_t *std_of)
{
    /* the standards in path order pair with the standard files, read in path order */
    at_path *by_path = malloc((r->nstandards + 1) * sizeof *by_path);
    if (!by_path) return QC_ENOMEM;
    for (size_t i = 0; i < r->nstandards; i++) by_path[i] = (at_path){r->standards[i].path, i};
    if (r->nstandards) qsort(by_path, r->nstandards, sizeof *by_path, cmp_at_path);
    size_t j = 0;
    for (size_t k = 0; k < r->nfiles; k++)
        std_of[k] = j < r->nstandards && r->files[k].path == by_path[j].path ? by_path[j++].i
                                                                             : SIZE_MAX;
    free(by_path);
    return QC_OK;
}

qc_status qc_rules_keep(qc_rules *r, const char *keep)
{
    docs *d = r->docs;
    size_t *std_of = malloc((r->nfiles + 1) * sizeof *std_of);
    char *drop = calloc(r->nfiles + r->nstandards + 1, 1), *gone = drop + r->nfiles;
    if (!std_of || !drop || qc_rules_file_standards(r, std_of)) {
        free(std_of); free(drop);
        return QC_ENOMEM;
    }
    size_t nskip = 0, j = 0;
    for (size_t k = 0; k < r->nfiles; k++)
        if (std_of[k] != SIZE_MAX && !keep[j++]) drop[k] = gone[std_of[k]] = 1, nskip++;
    free(std_of);
    if (j != r->nstandards) {  /* not a whole library's files: keep them all */
        free(drop);
        return QC_OK;
    }
    char **skipped = realloc(r->skipped, (r->nskipped + nskip + 1) * sizeof *skipped);
    if (!skipped) { free(drop); return QC_ENOMEM; }
    r->skipped = skipped;
    free(r->skipped_ino);  /* inodes not known for these */
    r->skipped_ino = NULL;
    size_t n = 0;
    for (size_t k = 0; k < r->nfiles; k++) {
        if (drop[k]) {
            r->skipped[r->nskipped++] = r->files[k].path;
            cJSON_Delete(d->doc[k]);
            continue;
        }
        r->files[n] = r->files[k];
        d->doc[n++] = d->doc[k];
    }
    r->nfiles = d->n = n;
    n = 0;
    for (size_t i = 0; i < r->nstandards; i++) {
        if (!gone[i]) r->standards[n++] = r->standards[i];
        else free_standard(&r->standards[i]);
    }
    r->nstandards = n;
    free(drop);
    return qc_rules_index_standards(r);
}

void qc_rules_free(qc_rules *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->nindicators; i++) free(r->indicators[i].aliases);
    for (size_t i = 0; i < r->nproducts; i++) free(r->products[i].aliases);
    for (size_t i = 0; i < r->nstandards; i++) free_standard(&r->standards[i]);
    for (size_t i = 0; i < r->nfiles; i++) free(r->files[i].path);
    for (size_t i = 0; i < r->nskipped; i++) free(r->skipped[i]);
    free(r->skipped_ino);
    docs *d = r->docs;
    for (size_t i = 0; d && i < d->n; i++) cJSON_Delete(d->doc[i]);
    if (d) free(d->doc);
    free(d);
    qc_rules_index_free(r);
    qc_methods_free(r->methods);
    free(r->indicators); free(r->products); free(r->standards); free(r->files); free(r->skipped);
    qc_units_close(r->units);
    free(r->dir);
    free(r);
}

int qc_rules_is_edition(const char *s)
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
        if (date && strncmp(s->id, id, len) == 0 && qc_rules_is_edition(s->id + len) &&
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
