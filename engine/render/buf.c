/* buf.c — the render layer's growable string: append, printf, XML escaping, and the display
 * width of UTF-8 text (East Asian wide characters take two columns). Out of memory is sticky:
 * the buffer stops growing and the caller reports QC_ENOMEM once. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/grow.h"
#include "render_internal.h"

static int grow(qc_sb *b, size_t more)
{
    if (b->oom) return -1;
    if (qc_grow_bytes(&b->s, &b->cap, b->n + more + 1, 256)) { b->oom = 1; return -1; }
    return 0;
}

void sb_putn(qc_sb *b, const char *s, size_t n)
{
    if (!s || grow(b, n)) return;
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

void sb_put(qc_sb *b, const char *s)
{
    if (s) sb_putn(b, s, strlen(s));
}

void sb_printf(qc_sb *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) { sb_putn(b, small, (size_t)n); return; }
    if (grow(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

void sb_xml(qc_sb *b, const char *s)
{
    if (!s) return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            /* control characters are not allowed in XML 1.0: shown as a space */
            if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t') rep = " ";
        }
        if (!rep) continue;
        sb_putn(b, run, (size_t)(s - run));
        sb_put(b, rep);
        run = s + 1;
    }
    sb_putn(b, run, (size_t)(s - run));
}

char *sb_take(qc_sb *b)
{
    if (b->oom) return NULL;
    char *s = b->s ? b->s : strdup("");
    *b = (qc_sb){0};
    return s;
}

char *qc_rstrdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

size_t qc_text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        unsigned c = *p;
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        unsigned cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        for (size_t i = 1; i < len && p[i]; i++) cp = (cp << 6) | (p[i] & 0x3F);
        /* wide: Hangul Jamo, CJK radicals to Yi, Hangul syllables, CJK compatibility,
         * full-width forms, CJK extension planes */
        int wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
        for (size_t i = 0; i < len && *p; i++) p++;
    }
    return w;
}
