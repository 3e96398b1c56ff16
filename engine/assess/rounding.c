/* rounding.c — GB/T 8170-2008 rounding of a result before it is compared with a limit
 * ("rounded-value comparison"): to a multiple of an increment, round half to even
 * (四舍六入五成双), done in decimal, never on the binary double. The decimal of a result is the
 * shortest decimal string that reads back to its double — for anything a lab writes (up to 15
 * significant digits) that is the string as written: 0.15 stays 0.15, and rounds to 0.2 at an
 * increment of 0.1, where the double 0.1499999… would give 0.1. Owns nothing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/assess.h"

/* The shortest %.Ng form of x that reads back to x. */
static void shortest(double x, char *buf, size_t size)
{
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, size, "%.*g", p, x);
        if (strtod(buf, NULL) == x) return;
    }
}

/* x as mantissa × 10^exp (mantissa up to 17 digits), from its shortest decimal form. */
static void decimal(double x, long long *mant, int *exp)
{
    char buf[64], digits[32];
    shortest(x, buf, sizeof buf);
    const char *s = buf;
    int neg = *s == '-', nd = 0, frac = 0, seen_point = 0, e = 0;
    if (neg || *s == '+') s++;
    for (; *s && *s != 'e' && *s != 'E'; s++) {
        if (*s == '.') { seen_point = 1; continue; }
        if (nd < 31) digits[nd++] = *s;
        if (seen_point) frac++;
    }
    if (*s == 'e' || *s == 'E') e = atoi(s + 1);
    digits[nd] = '\0';
    *mant = strtoll(digits, NULL, 10) * (neg ? -1 : 1);
    *exp = e - frac;
}

static __int128 pow10i(int n)
{
    __int128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

double qc_assess_round(double x, double increment)
{
    if (!isfinite(x) || !(increment > 0) || !isfinite(increment)) return x;
    long long a, b;
    int ea, eb;
    decimal(x, &a, &ea);
    decimal(increment, &b, &eb);
    if (a == 0) return x;
    int e = ea < eb ? ea : eb;
    if (ea - e > 30) return x;          /* x is a huge multiple of the increment already */
    if (eb - e > 30) return 0.0 * x;    /* x is far below half the increment: rounds to 0 */
    __int128 A = (__int128)a * pow10i(ea - e), B = (__int128)b * pow10i(eb - e);
    __int128 q = A / B, r = A % B;      /* truncation toward zero; |r| < B */
    __int128 twice = 2 * (r < 0 ? -r : r);
    if (twice > B || (twice == B && (q % 2 != 0))) q += A < 0 ? -1 : 1;
    /* back to a double through its decimal string: q × B × 10^e */
    __int128 m = q * B;
    char buf[64];
    int neg = m < 0;
    unsigned __int128 um = neg ? (unsigned __int128)(-m) : (unsigned __int128)m;
    char digits[48];
    int nd = 0;
    do { digits[nd++] = (char)('0' + (int)(um % 10)); um /= 10; } while (um && nd < 47);
    int pos = 0;
    if (neg) buf[pos++] = '-';
    while (nd > 0 && pos < 60) buf[pos++] = digits[--nd];
    snprintf(buf + pos, sizeof buf - (size_t)pos, "e%d", e);
    return strtod(buf, NULL);
}
