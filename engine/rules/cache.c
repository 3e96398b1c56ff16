/* cache.c — the cache directory and the atomic replacement of a cache file (cache.h), shared by
 * the UDUNITS-2 verdicts (ingest/units_cache.c) and the rules catalog (catalog_cache.c). Owns
 * no state. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "qcompare/cache.h"

char *qc_cache_path(const char *name)
{
    const char *env = getenv("QCOMPARE_CACHE");
    if (env && strcmp(env, "off") == 0) return NULL;
    char buf[4096];
    int n;
    if (env && *env) n = snprintf(buf, sizeof buf, "%s/%s", env, name);
    else if ((env = getenv("XDG_CACHE_HOME")) && *env)
        n = snprintf(buf, sizeof buf, "%s/qcompare/%s", env, name);
    else if ((env = getenv("HOME")) && *env)
        n = snprintf(buf, sizeof buf, "%s/.cache/qcompare/%s", env, name);
    else return NULL;
    return n > 0 && (size_t)n < sizeof buf ? strdup(buf) : NULL;
}

/* mkdir -p for the cache file's directory (two levels at most below an existing one) */
static void make_dirs(const char *path)
{
    char d[4096];
    snprintf(d, sizeof d, "%s", path);
    char *slash = strrchr(d, '/');
    if (!slash) return;
    *slash = '\0';
    if (mkdir(d, 0700) == 0) return;
    char *up = strrchr(d, '/');
    if (up) {
        *up = '\0';
        mkdir(d, 0700);
        *up = '/';
        mkdir(d, 0700);
    }
}

FILE *qc_cache_begin(const char *path, char **tmp)
{
    make_dirs(path);
    size_t len = strlen(path) + 32;
    FILE *f = NULL;
    if ((*tmp = malloc(len))) {
        snprintf(*tmp, len, "%s.%ld.tmp", path, (long)getpid());
        f = fopen(*tmp, "w");
    }
    if (!f) { free(*tmp); *tmp = NULL; }
    return f;
}

void qc_cache_commit(FILE *f, char *tmp, const char *path, int bad)
{
    if (fclose(f) != 0) bad = 1;
    if (bad || rename(tmp, path) != 0) remove(tmp);
    free(tmp);
}
