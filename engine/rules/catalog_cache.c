/* catalog_cache.c — a rules directory's catalog kept between runs (catalog.h), so that a run on
 * an unchanged library reads only the standard files its study needs. Owns the file's format
 * and its validity check. The file, CACHEDIR/rules-HASH.v1 (cache.h; HASH names the
 * directory's real path), is written only by a run that loaded and validated the whole library:
 *   qcompare-rules-catalog <tab> 1 <tab> engine version <tab> the program's key
 *   dir <tab> real path of the directory
 *   d <tab> dictionary file <tab> key          (one line each, in load order; "-": absent)
 *   F <tab> path below dir <tab> key <tab> id <tab> superseded_by <tab> nproducts <tab> nfroms
 *   P <tab> product                            (its products, then its derived limits' "from")
 *   sum <tab> SHA-256 of every byte before this line
 * A key is what stat says of a file (size, modification and change times in ns, inode), so an
 * edit, a touch, a copy over it or a new file makes another key; superseded_by is "-" when
 * absent, else "+" and the id. The cache is used only when everything matches the directory as
 * it is now and the running program is the one that wrote it; anything else (another state,
 * a damaged or truncated file, a bad sum) means no cache: the whole library is loaded again
 * and the file replaced. A library whose strings hold a tab or line end, or of more than
 * QC_CATALOG_MAX_FILES standard files, is not cached. */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "catalog.h"
#include "qcompare/cache.h"
#include "qcompare/grow.h"
#include "qcompare/version.h"

#define QC_CATALOG_MAX_FILES 20000
#define QC_CATALOG_MAX_BYTES (64u << 20)

/* v in decimal at w, at least width digits (zeros before), a '-' before a negative one; the
 * end. */
static char *put_num(char *w, long long v, int width)
{
    char d[24], *p = d + sizeof d;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do *--p = (char)('0' + u % 10), width--;
    while ((u /= 10) || width > 0);
    if (v < 0) *w++ = '-';
    memcpy(w, p, (size_t)(d + sizeof d - p));
    return w + (d + sizeof d - p);
}

/* size:mtime_s.mtime_ns:ctime_s.ctime_ns:ino ("-" when unknown), as
 * "%lld:%lld.%09lld:%lld.%09lld:%llu" writes it, without printf: one per standard file of the
 * library, every run (at most 125 bytes and the NUL). */
static void key_text(const qc_file_key *k, char buf[static 128])
{
    if (!k->known) { memcpy(buf, "-", 2); return; }
    char *w = put_num(buf, k->size, 1);
    *w++ = ':';
    w = put_num(w, k->mtime_s, 1);
    *w++ = '.';
    w = put_num(w, k->mtime_ns, 9);
    *w++ = ':';
    w = put_num(w, k->ctime_s, 1);
    *w++ = '.';
    w = put_num(w, k->ctime_ns, 9);
    *w++ = ':';
    char d[24], *p = d + sizeof d;
    unsigned long long u = k->ino;
    do *--p = (char)('0' + u % 10);
    while (u /= 10);
    memcpy(w, p, (size_t)(d + sizeof d - p));
    w[d + sizeof d - p] = '\0';
}

static void key_of_path(const char *path, char buf[static 128])
{
    struct stat st;
    qc_file_key k = {0};
    if (stat(path, &st) == 0) qc_file_key_of(&st, &k);
    key_text(&k, buf);
}

/* The first lines (header, dir, dictionary files) as this directory and program make them
 * now, into a malloc'd string; and the cache file's path. NULL when there is no cache. */
static char *identity(const char *dir, char **path)
{
    char real[PATH_MAX], key[128], p[4200], sha[65], name[64];
    *path = NULL;
    if (!realpath(dir, real)) return NULL;
    qc_sha256 *h = qc_sha256_new();
    if (!h) return NULL;
    qc_sha256_update(h, real, strlen(real));
    qc_sha256_end(h, sha);
    snprintf(name, sizeof name, "rules-%.16s.v1", sha);
    if (!(*path = qc_cache_path(name))) return NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) { free(*path); *path = NULL; return NULL; }
    key_of_path("/proc/self/exe", key);
    fprintf(f, "qcompare-rules-catalog\t1\t%s\t%s\ndir\t%s\n", QC_VERSION, key, real);
    for (size_t i = 0; qc_rules_dictionary_files[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, qc_rules_dictionary_files[i]);
        key_of_path(p, key);
        fprintf(f, "d\t%s\t%s\n", qc_rules_dictionary_files[i], key);
    }
    if (fclose(f) != 0 || !text) { free(text); free(*path); *path = NULL; return NULL; }
    return text;
}

static const char *below(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

static int cacheable(const char *s) { return s && !strpbrk(s, "\t\n\r"); }

void qc_catalog_write(const char *dir, const qc_walk *w, const qc_catalog *c)
{
    if (w->n != c->n || w->n > QC_CATALOG_MAX_FILES) return;
    char *path, *head = identity(dir, &path), key[128], *text = NULL, sha[65];
    size_t len = 0;
    FILE *m = head ? open_memstream(&text, &len) : NULL;
    int ok = m != NULL;
    if (ok) fputs(head, m);
    for (size_t i = 0; ok && i < c->n; i++) {
        const qc_cat_entry *e = &c->e[i];
        const char *rel = below(dir, w->file[i].path);
        ok = cacheable(rel) && cacheable(e->id) && (!e->superseded_by || cacheable(e->superseded_by));
        key_text(&w->file[i].key, key);
        if (ok) fprintf(m, "F\t%s\t%s\t%s\t%s%s\t%zu\t%zu\n", rel, key, e->id,
                        e->superseded_by ? "+" : "-", e->superseded_by ? e->superseded_by : "",
                        e->nproducts, e->nfroms);
        for (size_t k = 0; ok && k < e->nproducts + e->nfroms; k++)
            if ((ok = cacheable(c->str[e->first + k]))) fprintf(m, "P\t%s\n", c->str[e->first + k]);
    }
    if (m && fclose(m) != 0) ok = 0;
    qc_sha256 *h = ok && text ? qc_sha256_new() : NULL;
    if (h) {
        qc_sha256_update(h, text, len);
        qc_sha256_end(h, sha);
        char *tmp;
        FILE *f = qc_cache_begin(path, &tmp);
        if (f) qc_cache_commit(f, tmp, path, fwrite(text, 1, len, f) != len ||
                               fprintf(f, "sum\t%s\n", sha) < 0);
    }
    free(text);
    free(head);
    free(path);
}

/* The next line of *cur (its end made a NUL), split at tabs into at most nf fields; the
 * number of fields, or -1 at the end of the text. */
static int fields(char **cur, char *end, char **f, int nf)
{
    if (*cur >= end) return -1;
    char *line = *cur, *nl = memchr(line, '\n', (size_t)(end - line));
    if (!nl) return -1;
    *nl = '\0';
    *cur = nl + 1;
    int n = 0;
    for (char *p = line; n < nf;) {
        f[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

/* A count written by qc_catalog_write: digits only. */
static int count(const char *s, size_t *out)
{
    char *end;
    if (*s < '0' || *s > '9') return 0;
    unsigned long long v = strtoull(s, &end, 10);
    *out = (size_t)v;
    return *end == '\0' && v <= QC_CATALOG_MAX_BYTES;
}

/* Reads the whole cache file at path (NUL-terminated), NULL when absent or too large. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *text = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n == cap) {
            char *g = cap < QC_CATALOG_MAX_BYTES ? realloc(text, (cap = cap ? 2 * cap : 16384) + 1)
                                                 : NULL;
            if (!g) { free(text); fclose(f); return NULL; }
            text = g;
        }
        got = fread(text + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    int bad = ferror(f);
    fclose(f);
    if (bad) { free(text); return NULL; }
    text[n] = '\0';
    *len = n;
    return text;
}

qc_status qc_catalog_read(const char *dir, const qc_walk *w, qc_catalog *c)
{
    memset(c, 0, sizeof *c);
    char *path, *head = identity(dir, &path), key[128], sha[65];
    size_t len = 0, hl = head ? strlen(head) : 0;
    char *text = head ? slurp(path, &len) : NULL;
    free(path);
    /* the sum first: a damaged or cut file is not read further */
    const char *sum = NULL;
    qc_sha256 *h = NULL;
    if (text && len > 69 && text[len - 1] == '\n') {
        sum = text + len - 69;
        if (strncmp(sum, "sum\t", 4) != 0 || (sum > text && sum[-1] != '\n')) sum = NULL;
    }
    if (sum && !(h = qc_sha256_new())) sum = NULL;
    if (sum) {
        qc_sha256_update(h, text, (size_t)(sum - text));
        qc_sha256_end(h, sha);
        if (strncmp(sum + 4, sha, 64) != 0) sum = NULL;
    }
    int ok = sum && (size_t)(sum - text) >= hl && memcmp(text, head, hl) == 0;
    free(head);
    char *cur = ok ? text + hl : NULL, *end = (char *)sum, *f[8];
    for (size_t i = 0; ok && i < w->n; i++) {
        size_t np, nd;
        ok = fields(&cur, end, f, 8) == 7 && strcmp(f[0], "F") == 0 &&
             strcmp(f[1], below(dir, w->file[i].path)) == 0 && count(f[5], &np) && count(f[6], &nd) &&
             (f[4][0] == '-' ? f[4][1] == '\0' : f[4][0] == '+');
        key_text(&w->file[i].key, key);
        ok = ok && w->file[i].key.known && strcmp(f[2], key) == 0;
        qc_cat_entry *e = ok ? qc_grow(c->e, c->n, sizeof *e) : NULL;
        if (!(ok = e != NULL)) break;
        c->e = e;
        c->e[c->n++] = (qc_cat_entry){f[3], f[4][0] == '+' ? f[4] + 1 : NULL, c->nstr, np, nd};
        for (size_t k = 0; ok && k < np + nd; k++) {
            const char **g = fields(&cur, end, f, 8) == 2 && strcmp(f[0], "P") == 0
                                 ? qc_grow(c->str, c->nstr, sizeof *g) : NULL;
            if ((ok = g != NULL)) { c->str = g; c->str[c->nstr++] = f[1]; }
        }
    }
    c->text = text;
    if (!ok || cur != end) { qc_catalog_free(c); return QC_EIO; }
    return QC_OK;
}
