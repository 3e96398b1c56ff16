/* num.c — how numbers and limits read in a report: 4 significant digits for statistics,
 * p-values as statisticians print them ("< 0.001", "0.034"), gaps and rates as percentages,
 * fixed coordinates for SVG (deterministic), and the shortest round-trip form for the tidy
 * tables (full precision stays in CSV and xlsx). All in the C locale's notation. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render_internal.h"

/* Drops trailing zeros of a fraction ("1.500" -> "1.5", "2.000" -> "2"); "-0" -> "0". */
static void trim(char *s)
{
    char *e = strchr(s, 'e');
    char exp[16] = "";
    if (e) { snprintf(exp, sizeof exp, "%s", e); *e = '\0'; }
    if (strchr(s, '.')) {
        size_t n = strlen(s);
        while (n && s[n - 1] == '0') s[--n] = '\0';
        if (n && s[n - 1] == '.') s[--n] = '\0';
    }
    if (strcmp(s, "-0") == 0) strcpy(s, "0");
    strcat(s, exp);
}

void qc_num_sig(qc_sb *b, double x, int sig)
{
    char s[64];
    if (!isfinite(x)) { sb_put(b, QC_ABSENT); return; }
    double ax = fabs(x);
    if (ax == 0) { sb_put(b, "0"); return; }
    if (ax >= 1e-4 && ax < 1e6) {
        int mag = (int)floor(log10(ax));
        int dec = sig - 1 - mag;
        if (dec < 0) dec = 0;
        if (dec > 12) dec = 12;
        snprintf(s, sizeof s, "%.*f", dec, x);
    } else {
        snprintf(s, sizeof s, "%.*e", sig - 1, x);
    }
    trim(s);
    sb_put(b, s);
}

void qc_num(qc_sb *b, double x) { qc_num_sig(b, x, 4); }

void qc_pval(qc_sb *b, double p)
{
    if (!isfinite(p)) { sb_put(b, QC_ABSENT); return; }
    if (p < 0.001) { sb_put(b, "< 0.001"); return; }
    qc_num_sig(b, p, 2);
}

void qc_pct(qc_sb *b, double frac, int signed_)
{
    if (!isfinite(frac)) { sb_put(b, QC_ABSENT); return; }
    double v = frac * 100;
    if (signed_ && v > 0) sb_put(b, "+");
    qc_num_sig(b, v, 3);
    sb_put(b, "%");
}

void qc_num_exact(char out[32], double x)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, 32, "%.*g", prec, x);
        if (strtod(out, NULL) == x) return;
    }
}

void qc_coord(qc_sb *b, double x)
{
    char s[48];
    if (!isfinite(x)) x = 0;
    snprintf(s, sizeof s, "%.2f", x);
    trim(s);
    sb_put(b, s);
}

/* "≥ 400", "> 400", "≤ 0.1", "400–500", "74 ± 0.05", "74 −0.02/+0.05" of one piece. */
static void piece_text(qc_sb *b, const cJSON *l, qc_lang lang)
{
    double lo, hi, t, tol, tm, tp;
    int has_lo = qc_rj_num(l, "min", &lo), has_hi = qc_rj_num(l, "max", &hi);
    int lo_x = qc_rj_bool(l, "min_exclusive") == 1, hi_x = qc_rj_bool(l, "max_exclusive") == 1;
    const char *applies = qc_rj_str(l, "applies_to");
    if (applies && strcmp(applies, "individual") != 0) {
        sb_put(b, qc_trw(lang, "applies", applies));
        sb_put(b, " ");
    }
    if (qc_rj_num(l, "target", &t)) {
        qc_num_sig(b, t, 6);
        if (qc_rj_num(l, "tolerance", &tol)) {
            sb_put(b, " ± ");
            qc_num_sig(b, tol, 6);
        } else if (qc_rj_num(l, "tolerance_minus", &tm) && qc_rj_num(l, "tolerance_plus", &tp)) {
            sb_put(b, " −");
            qc_num_sig(b, tm, 6);
            sb_put(b, "/+");
            qc_num_sig(b, tp, 6);
        }
    } else if (has_lo && has_hi) {
        sb_put(b, lo_x ? "(" : "[");
        qc_num_sig(b, lo, 6);
        sb_put(b, ", ");
        qc_num_sig(b, hi, 6);
        sb_put(b, hi_x ? ")" : "]");
    } else if (has_lo) {
        sb_put(b, lo_x ? "> " : "≥ ");
        qc_num_sig(b, lo, 6);
    } else if (has_hi) {
        sb_put(b, hi_x ? "< " : "≤ ");
        qc_num_sig(b, hi, 6);
    } else {
        sb_put(b, QC_ABSENT);
    }
    const char *unit = qc_rj_str(l, "unit");
    if (unit && *unit && strcmp(unit, "1") != 0) {
        sb_put(b, " ");
        sb_put(b, unit);
    }
    const cJSON *when = qc_rj(l, "when");
    if (when && (cJSON_IsObject(when) || cJSON_IsArray(when))) {
        sb_put(b, " (");
        int first = 1;
        for (const cJSON *w = cJSON_IsArray(when) ? when->child : when; w;
             w = cJSON_IsArray(when) ? w->next : NULL) {
            double a, z;
            int ha = qc_rj_num(w, "min", &a), hz = qc_rj_num(w, "max", &z);
            const char *col = qc_rj_str(w, "column");
            if (!first) sb_put(b, ", ");
            first = 0;
            sb_put(b, col ? col : "?");
            sb_put(b, " ");
            if (ha && hz && a == z) qc_num_sig(b, a, 6);
            else if (ha && hz) { qc_num_sig(b, a, 6); sb_put(b, "–"); qc_num_sig(b, z, 6); }
            else if (ha) { sb_put(b, "≥ "); qc_num_sig(b, a, 6); }
            else if (hz) { sb_put(b, "≤ "); qc_num_sig(b, z, 6); }
            else if (qc_rj_str(w, "equals")) sb_put(b, qc_rj_str(w, "equals"));
        }
        sb_put(b, ")");
    }
}

void qc_limit_text(qc_sb *b, const cJSON *limit, qc_lang lang)
{
    if (cJSON_IsArray(limit)) {
        int first = 1;
        for (const cJSON *p = limit->child; p; p = p->next) {
            if (!first) sb_put(b, "; ");
            first = 0;
            piece_text(b, p, lang);
        }
        if (first) sb_put(b, QC_ABSENT);
    } else if (cJSON_IsObject(limit)) {
        piece_text(b, limit, lang);
    } else {
        sb_put(b, QC_ABSENT);
    }
}

int qc_limit_unconfirmed(const cJSON *limit)
{
    if (cJSON_IsArray(limit)) {
        for (const cJSON *p = limit->child; p; p = p->next)
            if (qc_rj_bool(p, "confirmed") == 0) return 1;
        return 0;
    }
    return qc_rj_bool(limit, "confirmed") == 0;
}

int qc_edition_flag(const char *flag)
{
    return strcmp(flag, "superseded") == 0 || strcmp(flag, "withdrawn") == 0 ||
           strcmp(flag, "not_yet_effective") == 0;
}
