/* lang.c — looks up the words of a report: one table per language (lang_zh.c, lang_en.c),
 * keyed by a dotted id: h. headings, l. labels, c. table columns, t. sentences, col. and sheet.
 * the tidy tables of csv and xlsx, and the value words of the analysis by namespace (verdict.,
 * decision., status., cmp., flag., …). A value word no table has is shown as written, so a word
 * a newer engine adds still reads. docs/reports.md lists the tables. */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include "render_internal.h"

extern const qc_word qc_words_zh[], qc_words_en[];
extern const size_t qc_nwords_zh, qc_nwords_en;

const qc_word *qc_words(qc_lang lang, size_t *n)
{
    *n = lang == QC_LANG_ZH ? qc_nwords_zh : qc_nwords_en;
    return lang == QC_LANG_ZH ? qc_words_zh : qc_words_en;
}

static const char *find(qc_lang lang, const char *key)
{
    size_t n;
    const qc_word *w = qc_words(lang, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(w[i].key, key) == 0) return w[i].text;
    return NULL;
}

const char *qc_tr(qc_lang lang, const char *key)
{
    const char *t = key ? find(lang, key) : NULL;
    return t ? t : key ? key : "";
}

const char *qc_trw(qc_lang lang, const char *ns, const char *word)
{
    char key[128];
    if (!word) return "";
    size_t a = strlen(ns), b = strlen(word);
    if (a + b + 2 > sizeof key) return word;
    memcpy(key, ns, a);
    key[a] = '.';
    memcpy(key + a + 1, word, b + 1);
    const char *t = find(lang, key);
    return t ? t : word;
}
