/* stream.c — the pieces of a document written in parts (report.h): where products[] opens in
 * a printed root, and one product printed as it reads inside that array. The streamed analysis
 * (compare/analyze.c) and the merge of partitions (merge.c) both write their documents from
 * these pieces, so either prints byte for byte what cJSON_Print of the whole tree would (the
 * printing itself: print.c).
 * Owns nothing. */
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
    /* an element of the root's array is two levels deep: one for the root, one for the array */
    return qc_report_print(item, 2, sep && *sep ? sep : NULL, len);
}
