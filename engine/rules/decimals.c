/* decimals.c — the decimal places of every number of a rules file as written (rules_internal.h):
 * cJSON keeps only the double, so "5.0" and "5" would look alike, yet a standard that writes
 * 5.0 mm H2O/cm2 states a precision of 0.1. The file's text as the JSON loader read and parsed
 * it (jsonfile.h, qc_json_load_text: the file is read once) is scanned, its number tokens taken
 * in order and matched with the document's number items in the same (document) order; a token
 * that does not read as its item's number is an error. Owns the lookup it builds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rules_internal.h"

typedef struct entry { const cJSON *item; int dp; } entry;
struct qc_decimals { entry *e; size_t n, cap; };

static int cmp_entry(const void *a, const void *b)
{
    const cJSON *x = ((const entry *)a)->item, *y = ((const entry *)b)->item;
    return x < y ? -1 : x > y;
}

/* Decimal places of the number token [s, e): fraction digits minus the exponent. */
static int token_dp(const char *s, const char *e)
{
    int frac = 0, in_frac = 0;
    long ex = 0;
    for (const char *p = s; p < e; p++) {
        if (*p == '.') in_frac = 1;
        else if (*p == 'e' || *p == 'E') { ex = strtol(p + 1, NULL, 10); break; }
        else if (in_frac && *p >= '0' && *p <= '9') frac++;
    }
    if (ex > 300) ex = 300;
    if (ex < -300) ex = -300;
    return frac - (int)ex;
}

static int push(qc_decimals *d, const cJSON *item, int dp)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 64;
        entry *g = realloc(d->e, cap * sizeof *g);
        if (!g) return -1;
        d->e = g;
        d->cap = cap;
    }
    d->e[d->n++] = (entry){item, dp};
    return 0;
}

/* The number items of doc in document order, each given the next token's decimals. */
static qc_status walk(const cJSON *node, const char **cur, const char *end, qc_decimals *d,
                      const char *path, qc_error *err)
{
    for (const cJSON *c = node; c; c = c->next) {
        if (cJSON_IsNumber(c)) {
            const char *p = *cur;
            int in_str = 0;
            for (; p < end; p++) {  /* the next number token outside strings */
                if (in_str) {
                    if (*p == '\\' && p + 1 < end) p++;
                    else if (*p == '"') in_str = 0;
                } else if (*p == '"') {
                    in_str = 1;
                } else if (*p == '-' || (*p >= '0' && *p <= '9')) {
                    break;
                }
            }
            const char *q = p;
            while (q < end && strchr("0123456789+-.eE", *q)) q++;
            if (p >= end || strtod(p, NULL) != c->valuedouble)
                return qc_error_set(err, QC_ERULES, "%s: cannot read its numbers as written", path);
            if (push(d, c, token_dp(p, q))) return qc_error_set(err, QC_ENOMEM, "out of memory");
            *cur = q;
        }
        if (c->child) {
            qc_status s = walk(c->child, cur, end, d, path, err);
            if (s) return s;
        }
    }
    return QC_OK;
}

qc_status qc_decimals_read(const char *path, const char *text, size_t len, const cJSON *doc,
                           qc_decimals **out, qc_error *err)
{
    *out = NULL;
    qc_decimals *d = calloc(1, sizeof *d);
    const char *cur = text;
    qc_status s = d ? walk(doc, &cur, text + len, d, path, err)
                    : qc_error_set(err, QC_ENOMEM, "out of memory");
    if (s) { qc_decimals_free(d); return s; }
    if (d->n) qsort(d->e, d->n, sizeof *d->e, cmp_entry);
    *out = d;
    return QC_OK;
}

int qc_decimals_of(const qc_decimals *d, const cJSON *item)
{
    if (!d || !item || !d->n) return QC_DP_UNKNOWN;
    entry key = {item, 0};
    const entry *e = bsearch(&key, d->e, d->n, sizeof *d->e, cmp_entry);
    return e ? e->dp : QC_DP_UNKNOWN;
}

void qc_decimals_free(qc_decimals *d)
{
    if (!d) return;
    free(d->e);
    free(d);
}
