/* print.c — the document's printer (report.h, qc_report_print): a cJSON tree as cJSON_Print
 * (cJSON 1.7.15, formatted) prints it, byte for byte, but in one pass into one growing buffer,
 * with numbers from qc_report_format_number (number.c) instead of printf and sscanf, and at any
 * starting depth (an element of the root's products[] is printed two tabs deeper without a
 * second pass). cJSON's layout: an object opens with "{\n", each member on its own line
 * indented by the depth, key and value separated by ":\t", members by ",\n", and it closes on
 * a line indented one less; an array's elements follow "[" on the same line separated by ", "
 * (an array adds a depth level for the objects inside it); strings escape '"', '\\', \b, \f,
 * \n, \r, \t by letter and other control bytes as \u00XX (lower-case hex); other bytes are
 * copied. Owns the buffer it returns (qc_report_print), or grows the caller's
 * (qc_report_print_to: the streamed document reuses one buffer for every product, so no
 * large allocation per product makes glibc consolidate the freed tree's chunks). */
#include <stdlib.h>
#include <string.h>

#include "qcompare/grow.h"
#include "qcompare/report.h"

typedef struct jbuf {
    char *p;
    size_t len, cap;
    int fail;
} jbuf;

/* Room for n more bytes and a terminator: the write position, or NULL (b->fail set). */
static char *grow(jbuf *b, size_t n)
{
    if (b->fail) return NULL;
    if (qc_grow_bytes(&b->p, &b->cap, b->len + n + 1, 4096)) { b->fail = 1; return NULL; }
    return b->p + b->len;
}

static inline char *room(jbuf *b, size_t n)
{
    return !b->fail && b->len + n + 1 <= b->cap ? b->p + b->len : grow(b, n);
}

static void put(jbuf *b, const char *s, size_t n)
{
    char *w = room(b, n);
    if (!w) return;
    memcpy(w, s, n);
    b->len += n;
}

static void tabs(jbuf *b, int n)
{
    char *w = room(b, (size_t)n);
    if (!w) return;
    memset(w, '\t', (size_t)n);
    b->len += (size_t)n;
}

static void put_string(jbuf *b, const char *s)
{
    if (!s) { put(b, "\"\"", 2); return; }
    /* the bytes an escape adds: 1 for a letter escape, 5 for \u00XX, 0 for a plain byte */
    static const unsigned char esc[256] = {
        5, 5, 5, 5, 5, 5, 5, 5, 1, 1, 1, 5, 1, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
        5, 5, 0, 0, 1, ['\\'] = 1};
    size_t n = 0, extra = 0;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++, n++) extra += esc[*c];
    char *w = room(b, n + extra + 2);
    if (!w) return;
    *w++ = '"';
    if (!extra) {
        memcpy(w, s, n);
        w += n;
    } else {
        static const char hex[] = "0123456789abcdef";
        for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
            if (*c > 31 && *c != '"' && *c != '\\') { *w++ = (char)*c; continue; }
            *w++ = '\\';
            switch (*c) {
            case '\\': *w++ = '\\'; break;
            case '"': *w++ = '"'; break;
            case '\b': *w++ = 'b'; break;
            case '\f': *w++ = 'f'; break;
            case '\n': *w++ = 'n'; break;
            case '\r': *w++ = 'r'; break;
            case '\t': *w++ = 't'; break;
            default:
                *w++ = 'u'; *w++ = '0'; *w++ = '0';
                *w++ = hex[*c >> 4]; *w++ = hex[*c & 15];
            }
        }
    }
    *w++ = '"';
    b->len = (size_t)(w - b->p);
}

static void put_value(jbuf *b, const cJSON *item, int depth);

static void put_array(jbuf *b, const cJSON *item, int depth)
{
    put(b, "[", 1);
    for (const cJSON *e = item->child; e && !b->fail; e = e->next) {
        put_value(b, e, depth + 1);
        if (e->next) put(b, ", ", 2);
    }
    put(b, "]", 1);
}

static void put_object(jbuf *b, const cJSON *item, int depth)
{
    depth++;
    put(b, "{\n", 2);
    for (const cJSON *e = item->child; e && !b->fail; e = e->next) {
        tabs(b, depth);
        put_string(b, e->string);
        put(b, ":\t", 2);
        put_value(b, e, depth);
        put(b, e->next ? ",\n" : "\n", e->next ? 2 : 1);
    }
    tabs(b, depth - 1);
    put(b, "}", 1);
}

static void put_value(jbuf *b, const cJSON *item, int depth)
{
    switch (item->type & 0xFF) {
    case cJSON_NULL: put(b, "null", 4); break;
    case cJSON_False: put(b, "false", 5); break;
    case cJSON_True: put(b, "true", 4); break;
    case cJSON_Number: {
        char *w = room(b, QC_REPORT_NUMBER_MAX);
        if (w) b->len += (size_t)qc_report_format_number(item->valuedouble, w);
        break;
    }
    case cJSON_Raw:
        if (!item->valuestring) b->fail = 1;
        else put(b, item->valuestring, strlen(item->valuestring));
        break;
    case cJSON_String: put_string(b, item->valuestring); break;
    case cJSON_Array: put_array(b, item, depth); break;
    case cJSON_Object: put_object(b, item, depth); break;
    default: b->fail = 1;  /* cJSON_Print fails on an invalid item too */
    }
}

int qc_report_print_to(char **buf, size_t *cap, const cJSON *item, int depth, const char *sep,
                       size_t *len)
{
    jbuf b = {*buf, 0, *cap, 0};
    if (sep) put(&b, sep, strlen(sep));
    if (item) put_value(&b, item, depth);
    else b.fail = 1;
    if (!b.fail) room(&b, 0);
    *buf = b.p;
    *cap = b.cap;
    if (b.fail) return -1;
    b.p[b.len] = '\0';
    if (len) *len = b.len;
    return 0;
}

char *qc_report_print(const cJSON *item, int depth, const char *sep, size_t *len)
{
    char *buf = NULL;
    size_t cap = 0;
    if (qc_report_print_to(&buf, &cap, item, depth, sep, len) == 0) return buf;
    free(buf);
    return NULL;
}
