/* stream.c — the pieces of a document written in parts (report.h): where products[] opens in
 * a printed root, and one product printed as it reads inside that array. The streamed analysis
 * (compare/analyze.c) and the merge of partitions (merge.c) both write their documents from
 * these pieces, so either prints byte for byte what cJSON_Print of the whole tree would.
 * Owns nothing. */
#include <stdlib.h>
#include <string.h>
#include "qcompare/report.h"

const char *qc_report_products_open(const char *text)
{
    /* "\n\t\"products\":\t[" at the root's depth (a portfolio's products[] is deeper) */
    static const char key[] = "\n\t\"products\":\t[";
    const char *p = text ? strstr(text, key) : NULL;
    return p ? p + sizeof key - 1 : NULL;
}

char *qc_report_print_item(const cJSON *item, const char *sep, size_t *len)
{
    char *text = cJSON_Print(item);
    if (!text) return NULL;
    size_t n = strlen(text), lines = 0, ls = sep ? strlen(sep) : 0;
    for (const char *a = text; (a = strchr(a, '\n')); a++) lines++;
    /* cJSON indents an element of the root's array two tabs deeper than on its own: one for
     * the root, one for the array */
    char *buf = malloc(ls + n + 2 * lines + 1), *w = buf;
    if (buf) {
        memcpy(w, sep ? sep : "", ls);
        w += ls;
        for (const char *a = text; *a; a++) {
            *w++ = *a;
            if (*a == '\n') { *w++ = '\t'; *w++ = '\t'; }
        }
        *w = '\0';
        *len = (size_t)(w - buf);
    }
    free(text);
    return buf;
}
