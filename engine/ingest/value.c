/* value.c — the value grammar of a results cell (DESIGN §4.1).
 *
 * Owns qc_value_parse, qc_number_parse and qc_value_is_censored. A cell is, after trimming
 * blanks (space, tab): empty (missing), ND / 未检出 (not detected), a censoring sign
 * (<, <=, ≤, >, >=, ≥) and a number, or a plain number. A number is checked against the
 * grammar here first, [+-](digits[.digits] | .digits)[(e|E)[+-]digits], and only then
 * converted, so nothing strtod would also take (hex, inf, nan, "1.", a decimal comma in some
 * locale) slips through: exactly by integer arithmetic when it has at most 19 significant
 * digits worth at most 2^53 and a decimal exponent within +-22 (fast_number: the same double
 * as strtod's, bit for bit), else by strtod. The C locale is assumed: the CLI sets LC_NUMERIC, the
 * library never calls setlocale. Every rejection gets a static English reason. */

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qcompare/ingest.h"

#define NUMBER_MAX 512 /* longest number text we hand to strtod */

static const char R_NAN[] = "not a number";
static const char R_COMMA[] = "not a number: decimal comma?";
static const char R_THOUSANDS[] = "not a number: thousands separator?";
static const char R_HEX[] = "not a number: hexadecimal is not accepted";
static const char R_INFNAN[] = "not a number: inf and nan are not accepted";
static const char R_TRAILING[] = "not a number: text after the number";
static const char R_RANGE[] = "number out of range";
static const char R_LONG[] = "number too long";
static const char R_NOBOUND[] = "censoring sign without a number";
static const char R_EMPTY[] = "empty where a number is required";
static const char R_CENSORED[] = "censored value where a plain number is required";
static const char R_ND[] = "ND where a plain number is required";
static const char R_LOCALE[] = "number not converted: LC_NUMERIC is not \"C\"?";

static const char ND_ZH[] = "\xe6\x9c\xaa\xe6\xa3\x80\xe5\x87\xba"; /* 未检出 */

static int is_blank(char c) { return c == ' ' || c == '\t'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int lower(char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

static qc_status fail(const char **why, const char *reason) {
    if (why) *why = reason;
    return QC_EDATA;
}

static void trim(const char **s, size_t *n) {
    while (*n && is_blank((*s)[0])) (*s)++, (*n)--;
    while (*n && is_blank((*s)[*n - 1])) (*n)--;
}

static int is_nd(const char *s, size_t n) {
    if (n == 2) return lower(s[0]) == 'n' && lower(s[1]) == 'd';
    return n == sizeof ND_ZH - 1 && memcmp(s, ND_ZH, n) == 0;
}

/* Reads a censoring sign at the start of s and the blanks after it; NUMBER when none. */
static qc_value_kind censor_sign(const char **s, size_t *n) {
    const unsigned char *p = (const unsigned char *)*s;
    qc_value_kind kind = QC_VALUE_NUMBER;
    size_t w = 0;

    if (*n >= 2 && (p[0] == '<' || p[0] == '>') && p[1] == '=')
        kind = p[0] == '<' ? QC_VALUE_LE : QC_VALUE_GE, w = 2;
    else if (*n >= 1 && (p[0] == '<' || p[0] == '>'))
        kind = p[0] == '<' ? QC_VALUE_LT : QC_VALUE_GT, w = 1;
    else if (*n >= 3 && p[0] == 0xE2 && p[1] == 0x89 && (p[2] == 0xA4 || p[2] == 0xA5))
        kind = p[2] == 0xA4 ? QC_VALUE_LE : QC_VALUE_GE, w = 3; /* ≤ ≥ */
    *s += w, *n -= w;
    if (kind != QC_VALUE_NUMBER) trim(s, n);
    return kind;
}

/* Length of the longest prefix of s that the number grammar accepts; 0 when none. */
static size_t number_prefix(const char *s, size_t n) {
    size_t i = 0, digits = 0, k;

    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    while (i < n && is_digit(s[i])) i++, digits++;
    if (i + 1 < n && s[i] == '.' && is_digit(s[i + 1]))
        for (i++; i < n && is_digit(s[i]); i++) digits++;
    if (digits == 0) return 0;
    k = i;
    if (k < n && (s[k] == 'e' || s[k] == 'E')) {
        k++;
        if (k < n && (s[k] == '+' || s[k] == '-')) k++;
        if (k < n && is_digit(s[k])) {
            while (k < n && is_digit(s[k])) k++;
            i = k;
        }
    }
    return i;
}

/* 1 when s starts with the lowercase word w, in any case. */
static int starts_ci(const char *s, size_t n, const char *w) {
    size_t i;
    for (i = 0; w[i]; i++)
        if (i >= n || lower(s[i]) != w[i]) return 0;
    return 1;
}

/* Why s (ok bytes of which form a number) is not a number. */
static const char *diagnose(const char *s, size_t n, size_t ok) {
    size_t i = (n && (s[0] == '+' || s[0] == '-')) ? 1 : 0;

    if (n - i >= 2 && s[i] == '0' && lower(s[i + 1]) == 'x') return R_HEX;
    if (starts_ci(s + i, n - i, "inf") || starts_ci(s + i, n - i, "nan")) return R_INFNAN;
    if (ok == 0) return R_NAN;
    if (s[ok] == ',')
        return memchr(s + ok, '.', n - ok) ? R_THOUSANDS : R_COMMA;
    if (is_blank(s[ok])) {
        size_t j = ok;
        while (j < n && is_blank(s[j])) j++;
        return is_digit(s[j]) ? R_THOUSANDS : R_TRAILING; /* j < n: s is trimmed */
    }
    if ((lower(s[ok]) >= 'a' && lower(s[ok]) <= 'z' && lower(s[ok]) != 'e') || s[ok] == '%' ||
        (unsigned char)s[ok] >= 0x80)
        return R_TRAILING;
    return R_NAN;
}

/* The digits of s (a number of the grammar, n bytes) as w x 10^e: 0 when they do not fit
 * (more than 19 significant digits, an exponent past +-10^6). */
static int decimal(const char *s, size_t n, int *neg, uint64_t *w, long *e) {
    size_t i = 0;
    int nd = 0, frac = 0;
    long x = 0, ex = 0;

    *neg = s[0] == '-';
    if (s[0] == '+' || s[0] == '-') i++;
    for (*w = 0; i < n && (is_digit(s[i]) || (s[i] == '.' && !frac)); i++) {
        if (s[i] == '.') { frac = 1; continue; }
        if ((nd || s[i] != '0') && ++nd > 19) return 0;
        *w = *w * 10 + (uint64_t)(s[i] - '0');
        x -= frac;
    }
    if (i < n) {  /* the exponent: e or E, a sign, digits (the grammar has checked them) */
        int eneg = s[++i] == '-';
        if (s[i] == '+' || s[i] == '-') i++;
        for (; i < n; i++) {
            if (ex > 1000000) return 0;
            ex = ex * 10 + (s[i] - '0');
        }
        x += eneg ? -ex : ex;
    }
    *e = x;
    return 1;
}

/* Clinger's fast path: a number of at most 2^53 (exact as a double) times or over 10^e with
 * |e| <= 22 (each power exact as a double) is one IEEE operation on two exact operands,
 * rounded once to nearest: the very double strtod returns. 0 when s lies outside it (then
 * strtod converts it). Most lab values (a few significant digits) lie inside. */
static int fast_number(const char *s, size_t n, double *out) {
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    uint64_t w;
    long e;
    int neg;

    if (!decimal(s, n, &neg, &w, &e) || w > (UINT64_C(1) << 53) || e < -22 || e > 22) return 0;
    double x = (double)w;
    x = e < 0 ? x / p10[-e] : x * p10[e];
    *out = neg ? -x : x;
    return 1;
}

/* Converts the trimmed text s, which must be a number and nothing else. */
static qc_status number(const char *s, size_t n, double *out, const char **why) {
    char buf[NUMBER_MAX], *end;
    size_t ok = number_prefix(s, n);
    double x;

    if (ok == 0 || ok < n) return fail(why, diagnose(s, n, ok));
    if (n >= sizeof buf) return fail(why, R_LONG);
    if (fast_number(s, n, out)) return QC_OK;
    memcpy(buf, s, n);
    buf[n] = '\0';
    x = strtod(buf, &end); /* underflow (ERANGE, finite) is accepted: a tiny value */
    if (end != buf + n) return fail(why, R_LOCALE);
    if (!isfinite(x)) return fail(why, R_RANGE);
    *out = x;
    return QC_OK;
}

qc_status qc_value_parse(const char *s, size_t len, qc_value *out, const char **why) {
    qc_value_kind kind;
    double x;

    trim(&s, &len);
    if (len == 0 || is_nd(s, len)) {
        out->kind = len == 0 ? QC_VALUE_MISSING : QC_VALUE_ND;
        out->x = NAN;
        return QC_OK;
    }
    kind = censor_sign(&s, &len);
    if (kind != QC_VALUE_NUMBER && len == 0) return fail(why, R_NOBOUND);
    if (number(s, len, &x, why) != QC_OK) return QC_EDATA;
    out->kind = kind;
    out->x = x;
    return QC_OK;
}

qc_status qc_number_parse(const char *s, size_t len, double *out, const char **why) {
    trim(&s, &len);
    if (len == 0) return fail(why, R_EMPTY);
    if (is_nd(s, len)) return fail(why, R_ND);
    if (censor_sign(&s, &len) != QC_VALUE_NUMBER) return fail(why, R_CENSORED);
    return number(s, len, out, why);
}

int qc_value_is_censored(qc_value_kind kind) {
    return kind == QC_VALUE_LT || kind == QC_VALUE_LE || kind == QC_VALUE_GT ||
           kind == QC_VALUE_GE || kind == QC_VALUE_ND;
}
