/* charts.c — two of the report's charts, drawn from the summaries in the analysis: the gap
 * chart of a product (a forest plot: relative gap with its CI per indicator, the zero line
 * and the equivalence band, marker shape and colour by verdict) and the conformity rates per
 * standard with their intervals (subject filled circle, reference hollow square). Shapes and
 * dash patterns carry the meaning, so the charts read in grey-scale. boxplot.c draws the
 * third. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "svg.h"

#define W 720.0
#define MAX_TICKS 24

static const struct { const char *verdict, *colour; int shape; } verdict_style[] = {
    {"leading", "#1a7f37", SHAPE_UP}, {"lagging", "#c62828", SHAPE_DOWN},
    {"on_par", "#444444", SHAPE_CIRCLE}, {"inconclusive", "#777777", SHAPE_DIAMOND_OPEN}};

static int style_of(const char *v)
{
    for (int i = 0; i < 4; i++)
        if (v && strcmp(v, verdict_style[i].verdict) == 0) return i;
    return 3;
}

typedef struct gap_row {
    char label[160];
    double rel, lo, hi;       /* percent; lo/hi NaN when the CI cannot be derived */
    int style;
} gap_row;

#define label_px svg_text_px

/* The relative gap's CI from the difference's: relative_gap / difference is the scale
 * (±1/|reference mean|) for higher- and lower-is-better; none for nominal-is-best. */
static void gap_ci(const cJSON *ind, const cJSON *cmp, double rel, double *lo, double *hi)
{
    double diff;
    const cJSON *ci = qc_rj_arr(cmp, "difference_ci");
    const char *dir = qc_rj_str(ind, "direction");
    *lo = *hi = NAN;
    if (!ci || !cJSON_IsNumber(ci->child) || !ci->child->next || !cJSON_IsNumber(ci->child->next) ||
        !qc_rj_num(cmp, "difference", &diff) || diff == 0 || (dir && strcmp(dir, "nominal_is_best") == 0))
        return;
    double k = rel / diff, a = k * ci->child->valuedouble, b = k * ci->child->next->valuedouble;
    *lo = 100 * fmin(a, b), *hi = 100 * fmax(a, b);
}

static int add_row(gap_row **rows, size_t *n, size_t *cap, const cJSON *ind, const cJSON *cmp,
                   const char *group, qc_lang L)
{
    double rel;
    if (!cJSON_IsObject(cmp) || !qc_rj_num(cmp, "relative_gap", &rel)) return 0;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        gap_row *r = realloc(*rows, c * sizeof *r);
        if (!r) return -1;
        *rows = r, *cap = c;
    }
    gap_row *r = &(*rows)[(*n)++];
    snprintf(r->label, sizeof r->label, "%s%s%s", qc_rj_name(ind, L, "indicator"),
             group ? " — " : "", group ? group : "");
    r->rel = 100 * rel;
    gap_ci(ind, cmp, rel, &r->lo, &r->hi);
    r->style = style_of(qc_rj_str(cmp, "verdict"));
    return 0;
}

char *qc_chart_gap(const cJSON *doc, const cJSON *product, qc_lang L)
{
    gap_row *rows = NULL;
    size_t n = 0, cap = 0;
    for (const cJSON *i = qc_rj_first(product, "indicators"); i; i = i->next) {
        const cJSON *arr = qc_rj_arr(i, "comparisons");
        int rc = 0;
        if (arr && arr->child)
            for (const cJSON *c = arr->child; c && !rc; c = c->next)
                rc = add_row(&rows, &n, &cap, i, c, qc_rj_str(c, "group"), L);
        else rc = add_row(&rows, &n, &cap, i, qc_rj(i, "comparison"), NULL, L);
        if (rc) { free(rows); return NULL; }
    }
    if (!n) { free(rows); return NULL; }
    double margin = 0;
    qc_rj_num(doc, "study.equivalence_margin", &margin);
    margin *= 100;
    double lo = -margin, hi = margin, label_w = 80;
    for (size_t k = 0; k < n; k++) {
        lo = fmin(lo, rows[k].rel), hi = fmax(hi, rows[k].rel);
        if (isfinite(rows[k].lo)) lo = fmin(lo, rows[k].lo), hi = fmax(hi, rows[k].hi);
        label_w = fmax(label_w, label_px(rows[k].label) + 12);
    }
    label_w = fmin(label_w, 280);
    double ticks[MAX_TICKS];
    int nt = svg_ticks(&lo, &hi, 7, ticks, MAX_TICKS);
    double top = 44, row_h = 24, H = top + row_h * (double)n + 52;
    svg_scale x = {lo, hi, label_w + 10, W - 24};
    qc_sb b = {0};
    svg_begin(&b, W, H, qc_tr(L, "t.fig_gap"), "data-chart=\"gap\"");
    /* legend */
    double lx = label_w + 10;
    for (int s = 0; s < 4; s++) {
        char data[48];
        snprintf(data, sizeof data, "data-role=\"legend\"");
        svg_marker(&b, verdict_style[s].shape, lx + 5, 16, 5, verdict_style[s].colour, data);
        const char *word = qc_trw(L, "verdict", verdict_style[s].verdict);
        svg_text(&b, lx + 14, 20, "start", NULL, word);
        lx += 24 + label_px(word);
    }
    svg_rect(&b, lx, 10, 18, 12, "fill=\"#e6e6e6\" stroke=\"#888\" stroke-dasharray=\"3 2\"", NULL);
    svg_text(&b, lx + 24, 20, "start", NULL, qc_tr(L, "t.equivalence_band"));
    /* band, grid, zero */
    double y0 = top - 6, y1 = top + row_h * (double)n + 2;
    if (margin > 0) {
        qc_sb data = {0};
        sb_put(&data, "data-role=\"equivalence-band\"");
        svg_data(&data, "lo", -margin), svg_data(&data, "hi", margin);
        svg_rect(&b, svg_map(&x, -margin), y0, svg_map(&x, margin) - svg_map(&x, -margin), y1 - y0,
                 "fill=\"#e6e6e6\" stroke=\"#888\" stroke-dasharray=\"3 2\"", data.s);
        free(data.s);
    }
    for (int t = 0; t < nt; t++) {
        qc_sb data = {0}, lab = {0};
        double px = svg_map(&x, ticks[t]);
        sb_put(&data, "data-role=\"xtick\"");
        svg_data(&data, "value", ticks[t]);
        svg_line(&b, px, y1, px, y1 + 5, "stroke=\"#000\"", data.s);
        qc_num_sig(&lab, ticks[t], 6);
        svg_text(&b, px, y1 + 17, "middle", NULL, lab.s);
        free(data.s), free(lab.s);
    }
    svg_line(&b, x.p0, y1, x.p1, y1, "stroke=\"#000\"", NULL);
    svg_line(&b, svg_map(&x, 0), y0, svg_map(&x, 0), y1, "stroke=\"#000\" stroke-width=\"1.2\"",
             "data-role=\"zero\"");
    svg_text(&b, (x.p0 + x.p1) / 2, H - 10, "middle", "font-weight=\"bold\"", qc_tr(L, "t.axis_gap"));
    for (size_t k = 0; k < n; k++) {
        const gap_row *r = &rows[k];
        double py = top + row_h * ((double)k + 0.5);
        const char *col = verdict_style[r->style].colour;
        char cut[200];
        svg_text(&b, label_w, py + 4, "end", NULL, svg_fit(r->label, label_w - 4, cut, sizeof cut));
        if (isfinite(r->lo)) {
            qc_sb data = {0}, st = {0};
            sb_put(&data, "data-role=\"gap-ci\"");
            svg_data(&data, "lo", r->lo), svg_data(&data, "hi", r->hi);
            sb_printf(&st, "stroke=\"%s\" stroke-width=\"2\"", col);
            svg_line(&b, svg_map(&x, r->lo), py, svg_map(&x, r->hi), py, st.s, data.s);
            svg_line(&b, svg_map(&x, r->lo), py - 4, svg_map(&x, r->lo), py + 4, st.s, NULL);
            svg_line(&b, svg_map(&x, r->hi), py - 4, svg_map(&x, r->hi), py + 4, st.s, NULL);
            free(data.s), free(st.s);
        }
        qc_sb data = {0};
        sb_printf(&data, "data-role=\"gap\" data-verdict=\"%s\"", verdict_style[r->style].verdict);
        svg_data(&data, "value", r->rel);
        svg_marker(&b, verdict_style[r->style].shape, svg_map(&x, r->rel), py, 5, col, data.s);
        free(data.s);
    }
    svg_end(&b);
    free(rows);
    return sb_take(&b);
}

/* ---- conformity rates per standard ---- */

typedef struct rate_row {
    const char *standard, *grade;
    const cJSON *ind;
} rate_row;

static const cJSON *entry_for(const cJSON *group, const char *standard, const char *grade)
{
    for (const cJSON *c = qc_rj_first(group, "conformity"); c; c = c->next) {
        const char *s = qc_rj_str(c, "standard"), *g = qc_rj_str(c, "grade");
        if (s && strcmp(s, standard) == 0 && ((!g && !grade) || (g && grade && strcmp(g, grade) == 0)))
            return c;
    }
    return NULL;
}

char *qc_chart_rates(const cJSON *product, qc_lang L)
{
    /* the standards in order of first appearance, then the indicators judged against each */
    rate_row *rows = NULL;
    size_t n = 0, cap = 0, nstd = 0;
    const char *std[64], *grd[64];
    for (const cJSON *i = qc_rj_first(product, "indicators"); i; i = i->next)
        for (const cJSON *g = qc_rj_first(i, "groups"); g; g = g->next)
            for (const cJSON *c = qc_rj_first(g, "conformity"); c; c = c->next) {
                const char *s = qc_rj_str(c, "standard"), *gr = qc_rj_str(c, "grade");
                size_t k = 0;
                if (!s) continue;
                while (k < nstd && !(strcmp(std[k], s) == 0 &&
                                     ((!gr && !grd[k]) || (gr && grd[k] && strcmp(gr, grd[k]) == 0)))) k++;
                if (k == nstd && nstd < 64) std[nstd] = s, grd[nstd++] = gr;
            }
    for (size_t k = 0; k < nstd; k++)
        for (const cJSON *i = qc_rj_first(product, "indicators"); i; i = i->next) {
            int has = 0;
            for (const cJSON *g = qc_rj_first(i, "groups"); g && !has; g = g->next)
                has = entry_for(g, std[k], grd[k]) != NULL;
            if (!has) continue;
            if (n == cap) {
                size_t c = cap ? cap * 2 : 16;
                rate_row *r = realloc(rows, c * sizeof *r);
                if (!r) { free(rows); return NULL; }
                rows = r, cap = c;
            }
            rows[n++] = (rate_row){std[k], grd[k], i};
        }
    if (!n) { free(rows); return NULL; }
    double label_w = 120;
    for (size_t k = 0; k < n; k++) label_w = fmax(label_w, label_px(qc_rj_name(rows[k].ind, L, "indicator")) + 20);
    label_w = fmin(label_w, 260);
    double top = 40, row_h = 20, head_h = 22, y = top;
    double H = top + row_h * (double)n + head_h * (double)nstd + 50;
    svg_scale x = {0, 100, label_w + 10, W - 24};
    qc_sb b = {0};
    svg_begin(&b, W, H, qc_tr(L, "t.fig_rates"), "data-chart=\"rates\"");
    svg_marker(&b, SHAPE_CIRCLE, label_w + 15, 16, 4.5, "#1f4e79", "data-role=\"legend\"");
    svg_text(&b, label_w + 25, 20, "start", NULL, qc_trw(L, "role", "subject"));
    double lx = label_w + 45 + label_px(qc_trw(L, "role", "subject"));
    svg_marker(&b, SHAPE_SQUARE_OPEN, lx, 16, 4.5, "#000000", "data-role=\"legend\"");
    svg_text(&b, lx + 10, 20, "start", NULL, qc_trw(L, "role", "reference"));
    lx += 30 + label_px(qc_trw(L, "role", "reference"));
    svg_marker(&b, SHAPE_CROSS, lx, 16, 4, "#777777", "data-role=\"legend\"");
    svg_text(&b, lx + 10, 20, "start", NULL, qc_trw(L, "role", "other"));
    double y_end = top + row_h * (double)n + head_h * (double)nstd;
    for (int t = 0; t <= 100; t += 20) {
        char lab[16];
        double px = svg_map(&x, t);
        svg_line(&b, px, top, px, y_end, "stroke=\"#d0d0d0\"", NULL);
        qc_sb data = {0};
        sb_put(&data, "data-role=\"xtick\"");
        svg_data(&data, "value", t);
        svg_line(&b, px, y_end, px, y_end + 5, "stroke=\"#000\"", data.s);
        free(data.s);
        snprintf(lab, sizeof lab, "%d%%", t);
        svg_text(&b, px, y_end + 17, "middle", NULL, lab);
    }
    svg_line(&b, x.p0, y_end, x.p1, y_end, "stroke=\"#000\"", NULL);
    svg_text(&b, (x.p0 + x.p1) / 2, H - 10, "middle", "font-weight=\"bold\"", qc_tr(L, "t.axis_rate"));
    const char *cur = NULL, *curg = NULL;
    for (size_t k = 0; k < n; k++) {
        if (!cur || rows[k].standard != cur || rows[k].grade != curg) {
            char head[200];
            cur = rows[k].standard, curg = rows[k].grade;
            snprintf(head, sizeof head, "%s%s%s", cur, curg && *curg ? "@" : "", curg ? curg : "");
            svg_text(&b, 6, y + 15, "start", "font-weight=\"bold\"", head);
            y += head_h;
        }
        double py = y + row_h / 2;
        char cut[200];
        svg_text(&b, label_w, py + 4, "end", NULL,
                 svg_fit(qc_rj_name(rows[k].ind, L, "indicator"), label_w - 4, cut, sizeof cut));
        int slot = 0;
        for (const cJSON *g = qc_rj_first(rows[k].ind, "groups"); g; g = g->next, slot++) {
            const cJSON *c = entry_for(g, rows[k].standard, rows[k].grade);
            const char *role = qc_rj_str(g, "role");
            double rate;
            if (!c || !qc_rj_num(c, "rate", &rate)) continue;
            int subj = role && strcmp(role, "subject") == 0, ref = role && strcmp(role, "reference") == 0;
            const char *col = subj ? "#1f4e79" : ref ? "#000000" : "#777777";
            double oy = py + (slot % 3 - 1) * 5.0;  /* groups side by side within the row */
            const cJSON *ci = qc_rj_arr(c, "rate_ci");
            if (ci && cJSON_IsNumber(ci->child) && ci->child->next && cJSON_IsNumber(ci->child->next)) {
                qc_sb data = {0}, st = {0};
                double a = 100 * ci->child->valuedouble, z = 100 * ci->child->next->valuedouble;
                sb_put(&data, "data-role=\"rate-ci\"");
                svg_data(&data, "lo", a), svg_data(&data, "hi", z);
                sb_printf(&st, "stroke=\"%s\" stroke-width=\"1.5\"%s", col, ref ? " stroke-dasharray=\"4 2\"" : "");
                svg_line(&b, svg_map(&x, a), oy, svg_map(&x, z), oy, st.s, data.s);
                free(data.s), free(st.s);
            }
            qc_sb data = {0};
            sb_put(&data, "data-role=\"rate\" data-group=\"");
            sb_xml(&data, qc_rj_str(g, "group"));
            sb_put(&data, "\"");
            svg_data(&data, "value", 100 * rate);
            svg_marker(&b, subj ? SHAPE_CIRCLE : ref ? SHAPE_SQUARE_OPEN : SHAPE_CROSS,
                       svg_map(&x, 100 * rate), oy, 4.5, col, data.s);
            free(data.s);
        }
        y += row_h;
    }
    svg_end(&b);
    free(rows);
    return sb_take(&b);
}
