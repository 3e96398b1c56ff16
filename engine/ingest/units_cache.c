/* units_cache.c — UDUNITS-2's verdicts kept between runs (units_internal.h), so that a run whose
 * units were all seen before never reads the unit database (its XML, ~3 ms, was a quarter of
 * a reference study's start-up). Owns the cache file's format and its validity check (the
 * directory and the atomic rewrite are cache.h's). The file, $QCOMPARE_CACHE (else
 * $XDG_CACHE_HOME/qcompare, else ~/.cache/qcompare) + "/udunits.v1", holds one line naming the database (every file of its
 * directory: name, size, modification time, inode), then one verdict a line:
 *   K <tab> 0|1 <tab> expression                  ut_parse succeeded or not
 *   M <tab> scale <tab> offset <tab> why <tab> from <tab> to   the conversion (%.17g: exact)
 * A file naming another database, or unreadable, is ignored (and replaced); QCOMPARE_CACHE=off
 * turns the cache off. Strings with a tab or newline are never cached. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <udunits2.h>

#include "qcompare/cache.h"
#include "qcompare/grow.h"
#include "units_internal.h"

#define MAX_ENTRIES 4096

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "path|name:size:mtime:ino|…" over the database's directory, sorted; NULL when it cannot be
 * listed (no cache then). */
static char *db_identity(void) {
    ut_status st;
    const char *xml = ut_get_path_xml(NULL, &st);
    if (!xml) return NULL;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", xml);
    char *slash = strrchr(dir, '/');
    if (!slash) return NULL;
    *slash = '\0';
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char *names[64], *out = NULL;
    size_t n = 0, len = strlen(xml) + 2;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64)
        if (e->d_name[0] != '.' && (names[n] = strdup(e->d_name))) n++;
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    char part[512];
    for (size_t i = 0; i < n; i++) len += strlen(names[i]) + 80;
    if ((out = malloc(len))) {
        snprintf(out, len, "%s", xml);
        for (size_t i = 0; i < n; i++) {
            struct stat sb;
            char p[4600];
            snprintf(p, sizeof p, "%s/%s", dir, names[i]);
            if (stat(p, &sb) != 0) continue;
            snprintf(part, sizeof part, "|%s:%lld:%lld.%09ld:%llu", names[i], (long long)sb.st_size,
                     (long long)sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec, (unsigned long long)sb.st_ino);
            strcat(out, part);
        }
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    return out;
}

int qc_units_cache_cacheable(const char *s) { return !strpbrk(s, "\t\n\r"); }

void qc_units_cache_read(qc_units_cache *c) {
    memset(c, 0, sizeof *c);
    if (!(c->path = qc_cache_path("udunits.v1"))) return;
    if (!(c->identity = db_identity())) return;
    c->enabled = 1;
    FILE *f = fopen(c->path, "r");
    if (!f) return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got = getline(&line, &cap, f);
    if (got > 0 && line[got - 1] == '\n') line[--got] = '\0';
    if (got > 0 && strcmp(line, c->identity) == 0) {
        while ((got = getline(&line, &cap, f)) > 0 && c->n < MAX_ENTRIES) {
            if (line[got - 1] != '\n') break; /* a torn last line */
            line[--got] = '\0';
            char *f1 = strtok(line, "\t"), *f2 = strtok(NULL, "\t"), *f3 = strtok(NULL, "\t");
            qc_units_verdict v = {0};
            if (f1 && f2 && f3 && strcmp(f1, "K") == 0 && !strtok(NULL, "\t")) {
                v.kind = 'K';
                v.known = strcmp(f2, "1") == 0;
                v.from = strdup(f3);
            } else if (f1 && f2 && f3 && strcmp(f1, "M") == 0) {
                char *why = strtok(NULL, "\t"), *from = strtok(NULL, "\t"), *to = strtok(NULL, "\t");
                if (!why || !from || !to) continue;
                v.kind = 'M';
                v.map.scale = strtod(f2, NULL);
                v.map.offset = strtod(f3, NULL);
                v.why = atoi(why);
                if (v.why < 0 || v.why > 2) continue;
                v.from = strdup(from);
                v.to = strdup(to);
            } else {
                continue;
            }
            if (!v.from || (v.kind == 'M' && !v.to) || qc_units_cache_add(c, &v)) {
                free(v.from);
                free(v.to);
                break;
            }
        }
        c->dirty = 0;
    } else {
        c->dirty = 1; /* another database, or no cache yet: rewrite */
    }
    free(line);
    fclose(f);
}

const qc_units_verdict *qc_units_cache_find(const qc_units_cache *c, int kind, const char *from,
                                            const char *to) {
    for (size_t i = 0; i < c->n; i++) {
        const qc_units_verdict *v = &c->v[i];
        if (v->kind == kind && strcmp(v->from, from) == 0 && (kind == 'K' || strcmp(v->to, to) == 0))
            return v;
    }
    return NULL;
}

int qc_units_cache_add(qc_units_cache *c, const qc_units_verdict *v) {
    if (c->n >= MAX_ENTRIES) return 1;
    qc_units_verdict *g = qc_grow(c->v, c->n, sizeof *g);
    if (!g) return -1;
    c->v = g;
    c->v[c->n++] = *v;
    c->dirty = 1;
    return 0;
}

void qc_units_cache_close(qc_units_cache *c) {
    if (c->enabled && c->dirty) {
        char *tmp;
        FILE *f = qc_cache_begin(c->path, &tmp);
        if (f) {
            int bad = fprintf(f, "%s\n", c->identity) < 0;
            for (size_t i = 0; i < c->n && !bad; i++) {
                const qc_units_verdict *v = &c->v[i];
                if (v->kind == 'K')
                    bad = fprintf(f, "K\t%d\t%s\n", v->known, v->from) < 0;
                else
                    bad = fprintf(f, "M\t%.17g\t%.17g\t%d\t%s\t%s\n", v->map.scale, v->map.offset,
                                  v->why, v->from, v->to) < 0;
            }
            qc_cache_commit(f, tmp, c->path, bad);
        }
    }
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].from);
        free(c->v[i].to);
    }
    free(c->v);
    free(c->path);
    free(c->identity);
    memset(c, 0, sizeof *c);
}
