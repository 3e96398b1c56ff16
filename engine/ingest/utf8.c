/* utf8.c — UTF-8 checks for text read from results files: validity (so that a GB18030 file is
 * refused with a hint instead of written into the JSON as broken bytes), an incremental scan
 * over blocks (so that a UTF-8 file declared GB18030 is refused instead of decoded into
 * mojibake), and cutting a string on a character boundary for messages. Owns nothing. */
#include <stdint.h>
#include <string.h>
#include "qcompare/ingest.h"

/* Length of the well-formed sequence starting at s (at most n bytes), or 0 when ill-formed
 * (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF). */
static size_t sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || c > 0xF4 || len > n) return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
        (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
        return 0;
    return len;
}

size_t qc_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* ASCII eight bytes at a time (most fields are ASCII throughout) */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (w & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        if (u[i] < 0x80) { i++; continue; }
        size_t len = sequence(u + i, n - i);
        if (!len) return i;
        i += len;
    }
    return n;
}

size_t qc_utf8_cut(const char *s, size_t n, size_t max)
{
    if (n <= max) return n;
    size_t i = max;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

/* Expected length of the sequence a lead byte starts (0: not a lead byte). */
static size_t lead_length(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c <= 0xF4 ? 4 : 0;
}

/* 1 when some byte of u (n bytes) is not ASCII: eight bytes at a time. */
static int any_high(const unsigned char *u, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        if (w & 0x8080808080808080ULL) return 1;
    }
    for (; i < n; i++)
        if (u[i] >= 0x80) return 1;
    return 0;
}

void qc_utf8_scan(qc_utf8_state *st, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (st->invalid) return;
    /* complete the sequence the last call's block cut */
    while (st->npend && n) {
        st->pend[st->npend++] = *u++;
        n--;
        if (st->npend < lead_length(st->pend[0])) continue;
        if (sequence(st->pend, st->npend) != st->npend) { st->invalid = 1; return; }
        st->multibyte = 1;
        st->npend = 0;
    }
    if (!n) return;
    size_t ok = qc_utf8_valid_prefix((const char *)u, n);
    if (!st->multibyte) st->multibyte = any_high(u, ok);
    if (ok == n) return;
    size_t rest = n - ok, need = lead_length(u[ok]);
    if (need <= rest || need == 0) { st->invalid = 1; return; }
    memcpy(st->pend, u + ok, rest);  /* a sequence cut by the end: checked when complete */
    st->npend = rest;
}
