/* number.c — a number of an analysis as cJSON 1.7.15 prints it (report.h,
 * qc_report_format_number), without printf or sscanf. cJSON prints a finite double with
 * "%1.15g", and when that text does not read back within a relative DBL_EPSILON of the double,
 * with "%1.17g"; NaN and ±Inf as null (so 42.0 prints 42, and −0.0 prints -0). The document's
 * contract is those bytes (goldens, diff, merge), so this file produces exactly them.
 *
 * How: a finite normal double is m·2^e (m < 2^53). Its P significant digits are
 * round(m·2^e·10^k) for k = P − 1 − (decimal exponent), computed exactly in 128-bit integers as
 * m·5^k shifted by e + k bits, with the remainder deciding the rounding (to nearest, ties to
 * even, as glibc's printf rounds in the default mode). Reading back the 15 digits D·10^q is
 * one correctly rounded multiplication or division when |q| <= 22 (D < 2^53, 10^q exact:
 * Clinger's fast path), which is what strtod returns. Doubles outside that exact range
 * (k < 0 or k > 32: above ~1e15 or below ~1e-16, subnormals) fall back to printf and strtod, so
 * every double prints as cJSON would. Owns nothing; tests/unit/test_number.c checks it against
 * snprintf on millions of doubles. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcompare/report.h"

__extension__ typedef unsigned __int128 u128;

static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static const uint64_t pow10_u64[18] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
    100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
    10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
    100000000000000000ULL};

static const uint64_t pow5_u64[28] = {
    1ULL, 5ULL, 25ULL, 125ULL, 625ULL, 3125ULL, 15625ULL, 78125ULL, 390625ULL, 1953125ULL,
    9765625ULL, 48828125ULL, 244140625ULL, 1220703125ULL, 6103515625ULL, 30517578125ULL,
    152587890625ULL, 762939453125ULL, 3814697265625ULL, 19073486328125ULL, 95367431640625ULL,
    476837158203125ULL, 2384185791015625ULL, 11920928955078125ULL, 59604644775390625ULL,
    298023223876953125ULL, 1490116119384765625ULL, 7450580596923828125ULL};

/* 5^k for 0 <= k <= 32 (5^32 < 2^75, so m·5^k < 2^128; 5^27 < 2^63) */
static u128 pow5(int k)
{
    return k <= 27 ? (u128)pow5_u64[k] : (u128)pow5_u64[27] * pow5_u64[k - 27];
}

/* The P significant digits of d > 0 (P = 15 or 17), rounded to nearest with ties to even:
 * *digits in [10^(P−1), 10^P), *exp10 the decimal exponent of the first digit. 0 when d is
 * outside the range computed exactly here (the caller falls back to printf). */
static int round_digits(double d, int P, uint64_t *digits, int *exp10)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    int be = (int)((bits >> 52) & 0x7ff);
    if (be == 0 || be == 0x7ff) return 0;  /* subnormal, Inf, NaN */
    uint64_t m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
    int e2 = be - 1075;  /* d = m·2^e2 */
    /* floor(log10 d) is this or one more: log10 d ∈ [eb·log10 2, (eb + 1)·log10 2) */
    int x = (int)floor((double)(e2 + 52) * 0.30102999566398120);
    const uint64_t lo = pow10_u64[P - 1], hi = pow10_u64[P];
    for (int tries = 0; tries < 4; tries++) {
        int k = P - 1 - x;
        if (k < 0 || k > 32) return 0;
        u128 num = (u128)m * pow5(k);
        int t = k + e2;  /* d·10^k = num·2^t */
        u128 q, rem = 0, half = 0;
        if (t >= 0) {
            if (t >= 64 || (num >> (64 - t)) != 0) { x++; continue; }  /* >= 2^64 > hi */
            q = num << t;
        } else {
            int s = -t;
            if (s >= 128) { x--; continue; }
            q = num >> s;
            rem = num & ((((u128)1) << s) - 1);
            half = ((u128)1) << (s - 1);
        }
        if (q >= hi) { x++; continue; }
        if (q < lo) { x--; continue; }
        if (rem > half || (rem == half && rem != 0 && (q & 1))) q++;
        if (q == hi) { q = lo; x++; }
        *digits = (uint64_t)q;
        *exp10 = x;
        return 1;
    }
    return 0;
}

/* "%1.<P>g" of the P digits D·10^(x − P + 1) (sign added by the caller): trailing zeros of the
 * fraction dropped, exponent form when x < −4 or x >= P. Returns the length. */
static int format_g(uint64_t D, int x, int P, char *out)
{
    char dig[20];
    int nd = P;
    while (nd > 1 && D % 10 == 0) { D /= 10; nd--; }
    for (int i = nd - 1; i >= 0; i--) { dig[i] = (char)('0' + D % 10); D /= 10; }
    char *w = out;
    if (x < -4 || x >= P) {
        *w++ = dig[0];
        if (nd > 1) { *w++ = '.'; memcpy(w, dig + 1, (size_t)nd - 1); w += nd - 1; }
        *w++ = 'e';
        *w++ = x < 0 ? '-' : '+';
        int ax = x < 0 ? -x : x;
        if (ax >= 100) *w++ = (char)('0' + ax / 100);
        *w++ = (char)('0' + ax / 10 % 10);
        *w++ = (char)('0' + ax % 10);
    } else if (x >= 0) {
        int ip = x + 1;  /* digits before the point */
        for (int i = 0; i < ip; i++) *w++ = i < nd ? dig[i] : '0';
        if (nd > ip) { *w++ = '.'; memcpy(w, dig + ip, (size_t)(nd - ip)); w += nd - ip; }
    } else {
        *w++ = '0';
        *w++ = '.';
        for (int i = -1; i > x; i--) *w++ = '0';
        memcpy(w, dig, (size_t)nd);
        w += nd;
    }
    *w = '\0';
    return (int)(w - out);
}

/* cJSON's read-back test: |a − b| <= max(|a|, |b|)·DBL_EPSILON */
static int close_enough(double a, double b)
{
    double maxv = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= maxv * DBL_EPSILON;
}

/* The printf way, for the doubles round_digits does not cover. */
static int number_printf(double d, char *buf)
{
    int len = snprintf(buf, QC_REPORT_NUMBER_MAX, "%1.15g", d);
    char *end;
    double test = strtod(buf, &end);
    if (end == buf || !close_enough(test, d)) len = snprintf(buf, QC_REPORT_NUMBER_MAX, "%1.17g", d);
    return len;
}

static int print_int(int v, char *buf)
{
    char tmp[12];
    int n = 0;
    /* as unsigned, so INT_MIN negates without overflow */
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    do { tmp[n++] = (char)('0' + u % 10); u /= 10; } while (u);
    char *w = buf;
    if (v < 0) *w++ = '-';
    while (n) *w++ = tmp[--n];
    *w = '\0';
    return (int)(w - buf);
}

int qc_report_format_number(double d, char *buf)
{
    if (isnan(d) || isinf(d)) { memcpy(buf, "null", 5); return 4; }
    /* an integer of int's range: "%1.15g" prints its digits (no more than 10); −0.0 is left to
     * printf ("-0") */
    if (d == 0.0) return signbit(d) ? (memcpy(buf, "-0", 3), 2) : (memcpy(buf, "0", 2), 1);
    if (d >= -2147483647.0 && d <= 2147483647.0 && d == (double)(int)d)
        return print_int((int)d, buf);
    uint64_t D;
    int x;
    double a = fabs(d);
    char *w = buf + (d < 0);
    if (!round_digits(a, 15, &D, &x)) return number_printf(d, buf);
    buf[0] = '-';
    int q = x - 14, len;
    if (q < -22 || q > 22) {  /* the read-back is no single operation: strtod */
        len = format_g(D, x, 15, w);
        char *end;
        double test = strtod(w, &end);
        if (close_enough(test, a)) return len + (d < 0);
    } else {
        double test = q < 0 ? (double)D / pow10_exact[-q] : (double)D * pow10_exact[q];
        if (close_enough(test, a)) return format_g(D, x, 15, w) + (d < 0);
    }
    if (!round_digits(a, 17, &D, &x)) return number_printf(d, buf);
    return format_g(D, x, 17, w) + (d < 0);
}
