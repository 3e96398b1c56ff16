/* subset.c — regression check of an analysis against an independent oracle.
 *
 * usage: subset EXPECTED.json ACTUAL.json [RTOL [ATOL]]
 * Every value in EXPECTED must be in ACTUAL (ACTUAL may hold more keys): objects by key, arrays
 * element by element, with arrays of objects matched by their identity fields (product,
 * indicator, group, standard, grade, sample_id, line) so order never matters, and equal
 * lengths required. Numbers agree when |e − a| <= ATOL + RTOL·|e| (defaults 1e-11, 1e-12).
 * Prints each difference as a JSON path with both values; exit 0 when none, 1 otherwise,
 * 2 on bad usage or unreadable input. The expected files are written by R scripts beside the
 * datasets (e.g. datasets/rebar/expected.R), never by qcompare. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

static double rel_tol = 1e-11, abs_tol = 1e-12;
static int ndiff;

static cJSON *load(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cJSON *doc = NULL;
    if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        doc = cJSON_Parse(buf);
    }
    free(buf);
    fclose(f);
    return doc;
}

static void differ(const char *path, const cJSON *e, const cJSON *a)
{
    char *es = e ? cJSON_PrintUnformatted(e) : NULL, *as = a ? cJSON_PrintUnformatted(a) : NULL;
    printf("%s: expected %s, actual %s\n", path, es ? es : "(absent)", as ? as : "(absent)");
    free(es);
    free(as);
    ndiff++;
}

/* Identity of an array element: its identity fields joined. */
static void identity(const cJSON *o, char *buf, size_t size)
{
    static const char *const keys[] = {"product", "indicator", "group", "standard", "grade",
                                       "sample_id", "line", NULL};
    buf[0] = '\0';
    for (size_t i = 0; keys[i]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, keys[i]);
        if (!v) continue;
        char *s = cJSON_PrintUnformatted(v);
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s=%s;", keys[i], s ? s : "");
        free(s);
    }
}

static void compare(const cJSON *e, const cJSON *a, const char *path);

static void compare_arrays(const cJSON *e, const cJSON *a, const char *path)
{
    char sub[2048], id[1024], id2[1024];
    if (cJSON_GetArraySize(e) != cJSON_GetArraySize(a)) {
        snprintf(sub, sizeof sub, "%s.length", path);
        printf("%s: expected %d, actual %d\n", sub, cJSON_GetArraySize(e), cJSON_GetArraySize(a));
        ndiff++;
    }
    int i = 0;
    for (const cJSON *x = e->child; x; x = x->next, i++) {
        const cJSON *match = NULL;
        if (cJSON_IsObject(x)) {
            identity(x, id, sizeof id);
            if (id[0]) {
                for (const cJSON *y = a->child; y && !match; y = y->next) {
                    identity(y, id2, sizeof id2);
                    if (strcmp(id, id2) == 0) match = y;
                }
                snprintf(sub, sizeof sub, "%s[%s]", path, id);
                if (!match) { differ(sub, x, NULL); continue; }
                compare(x, match, sub);
                continue;
            }
        }
        snprintf(sub, sizeof sub, "%s[%d]", path, i);
        compare(x, cJSON_GetArrayItem(a, i), sub);
    }
}

static void compare(const cJSON *e, const cJSON *a, const char *path)
{
    char sub[2048];
    if (!a) { differ(path, e, NULL); return; }
    if (cJSON_IsNumber(e)) {
        if (!cJSON_IsNumber(a) || !(fabs(e->valuedouble - a->valuedouble) <=
                                    abs_tol + rel_tol * fabs(e->valuedouble)))
            differ(path, e, a);
    } else if (cJSON_IsObject(e)) {
        if (!cJSON_IsObject(a)) { differ(path, e, a); return; }
        for (const cJSON *c = e->child; c; c = c->next) {
            snprintf(sub, sizeof sub, "%s.%s", path, c->string);
            compare(c, cJSON_GetObjectItemCaseSensitive(a, c->string), sub);
        }
    } else if (cJSON_IsArray(e)) {
        if (!cJSON_IsArray(a)) { differ(path, e, a); return; }
        compare_arrays(e, a, path);
    } else if (!cJSON_Compare(e, a, 1)) {
        differ(path, e, a);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 5) {
        fprintf(stderr, "usage: subset EXPECTED.json ACTUAL.json [RTOL [ATOL]]\n");
        return 2;
    }
    if (argc > 3) rel_tol = strtod(argv[3], NULL);
    if (argc > 4) abs_tol = strtod(argv[4], NULL);
    cJSON *e = load(argv[1]), *a = load(argv[2]);
    if (!e || !a) {
        fprintf(stderr, "subset: cannot read %s\n", !e ? argv[1] : argv[2]);
        return 2;
    }
    compare(e, a, "$");
    cJSON_Delete(e);
    cJSON_Delete(a);
    printf("%s: %d difference(s)\n", ndiff ? "FAIL" : "ok", ndiff);
    return ndiff ? 1 : 0;
}
