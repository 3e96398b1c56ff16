/* tokens.c — the spellings of a missing and of a not-detected value (README "Results CSV"):
 * the study's "missing" and "not_detected" lists (a results entry's own first), by default
 * empty, NA, N/A, n/a, —, / and ND, N.D., nd, n.d., 未检出, <LOD, compared as names.h folds
 * them. Owns the reading of one value cell through the lists and the value grammar (value.c),
 * and the message of a rejected value: what was expected and the nearest accepted spelling
 * ("did you mean"). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ingest_internal.h"

static const char *const default_missing[] = {"", "NA", "N/A", "n/a", "\xe2\x80\x94", "/", NULL};
static const char *const default_nd[] = {"ND", "N.D.", "nd", "n.d.",
                                         "\xe6\x9c\xaa\xe6\xa3\x80\xe5\x87\xba", "<LOD", NULL};

/* The list of kind k (0 missing, 1 not detected): the entry's, else the study's, else NULL
 * (the default). */
static const cJSON *list_of(const reader *rd, int k)
{
    static const char *const key[2] = {"missing", "not_detected"};
    const cJSON *doc = rd->study->json;
    const cJSON *entry = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "results"),
                                            (int)rd->file);
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(entry, key[k]);
    return l ? l : cJSON_GetObjectItemCaseSensitive(doc, key[k]);
}

/* Token i of list k ("" past its end is never returned: NULL). */
static const char *token(const reader *rd, int k, size_t i)
{
    const cJSON *l = rd->tokens[k];
    if (!l) return (k ? default_nd : default_missing)[i];
    const cJSON *e = cJSON_GetArrayItem(l, (int)i);
    return e ? e->valuestring : NULL;
}

void qc_ingest_tokens_init(reader *rd)
{
    for (int k = 0; k < 2; k++) rd->tokens[k] = list_of(rd, k);
}

static int blank(char c) { return c == ' ' || c == '\t'; }

/* 1 when the cell (trimmed) is a token of list k. */
static int is_token(const reader *rd, int k, const char *s, size_t n)
{
    char f[128], g[128];
    while (n && blank(*s)) s++, n--;
    while (n && blank(s[n - 1])) n--;
    size_t fl = qc_name_fold(s, n, f, sizeof f);
    if (fl >= sizeof f) return 0;
    for (size_t i = 0; token(rd, k, i); i++) {
        const char *t = token(rd, k, i);
        if (qc_name_fold(t, strlen(t), g, sizeof g) == fl && strcmp(f, g) == 0) return 1;
    }
    return 0;
}

/* The first non-empty token of list k, or "empty" when the list has only "". */
static const char *first_token(const reader *rd, int k)
{
    for (size_t i = 0; token(rd, k, i); i++)
        if (token(rd, k, i)[0]) return token(rd, k, i);
    return "empty";
}

/* A rejected cell's message: the nearest token when one is near, else what was expected. */
static void explain(const reader *rd, const char *s, size_t n, const char *why, char *msg,
                    size_t size)
{
    qc_near nr;
    int kind = 0;
    qc_near_init(&nr, s, n);
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; token(rd, k, i); i++) {
            const char *was = nr.best;
            if (token(rd, k, i)[0]) qc_near_offer(&nr, token(rd, k, i));
            if (nr.best != was) kind = k;
        }
    if (nr.best) {
        snprintf(msg, size, "%s (\"%.*s\"); did you mean \"%s\" (%s)?", why, CUT(s, n, 80), s,
                 nr.best, kind ? "not detected" : "missing");
        return;
    }
    snprintf(msg, size, "%s (\"%.*s\"; expected a number, <x or >x, %s (not detected) or %s "
             "(missing))", why, CUT(s, n, 80), s, first_token(rd, 1), first_token(rd, 0));
}

int qc_ingest_value(const reader *rd, const char *s, size_t n, qc_value *v, char *msg,
                    size_t size)
{
    const char *why = NULL;
    if (qc_value_parse(s, n, v, &why) == QC_OK) {
        /* the grammar's own empty and ND spellings count only when the study's lists have them */
        if (v->kind == QC_VALUE_MISSING && !is_token(rd, 0, s, n)) {
            snprintf(msg, size, "empty: not a missing value of the study (\"missing\": %s, …)",
                     first_token(rd, 0));
            return -1;
        }
        if (v->kind == QC_VALUE_ND && !is_token(rd, 1, s, n)) {
            explain(rd, s, n, "not a not-detected token of the study", msg, size);
            return -1;
        }
        return 0;
    }
    for (int k = 0; k < 2; k++)
        if (is_token(rd, k, s, n)) {
            *v = (qc_value){k ? QC_VALUE_ND : QC_VALUE_MISSING, NAN};
            return 0;
        }
    explain(rd, s, n, why, msg, size);
    return -1;
}

int qc_ingest_blank_row(const reader *rd, const qc_csv_record *rec)
{
    for (size_t i = rd->nset; i < rec->nfields; i++)
        for (size_t j = 0; j < rec->len[i]; j++)
            if (!blank(rec->field[i][j])) return 0;
    return 1;
}
