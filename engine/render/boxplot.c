/* boxplot.c — per indicator, box plots of each group from the five-number summary in the
 * analysis (min, q1, median, q3, max as whiskers and box; the mean as a cross), with every
 * listed standard's limits as horizontal lines labelled with the standard id, one dash
 * pattern per standard. A limit far outside the data is not allowed to squash the boxes: it
 * is named at the plot's edge with an arrow instead. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "svg.h"

#define W 760.0
#define H 300.0
#define MAX_LIMITS 48
#define MAX_GROUPS 24

static const char *const dash[] = {"", " stroke-dasharray=\"7 3\"", " stroke-dasharray=\"2 3\"",
                                   " stroke-dasharray=\"9 3 2 3\"", " stroke-dasharray=\"12 4\""};
static const char *const colour[] = {"#b2182b", "#2166ac", "#5e3c99", "#1b7837", "#8c510a"};

typedef struct lim { double v; char label[200]; const char *bound; int style; double y; } lim;

static void add_limit(lim *L, size_t *n, double v, const char *std, const char *grade,
                      const char *bound, const char *when, int style)
{
    for (size_t k = 0; k < *n; k++)
        if (L[k].v == v && L[k].style == style) return;  /* the same line of the same standard */
    if (*n >= MAX_LIMITS) return;
    lim *l = &L[(*n)++];
    char num[32];
    qc_sb s = {0};
    qc_num_sig(&s, v, 6);
    snprintf(num, sizeof num, "%s", s.s ? s.s : "");
    free(s.s);
    snprintf(l->label, sizeof l->label, "%s%s%s %s %s%s%s", std, grade && *grade ? "@" : "", grade ? grade : "",
             strcmp(bound, "min") == 0 ? "≥" : "≤", num, when ? " " : "", when ? when : "");
    l->v = v, l->bound = bound, l->style = style;
}

/* The limit lines of every conformity entry of the indicator's groups. */
static size_t collect_limits(const cJSON *ind, lim *L, size_t *other_unit)
{
    const char *iu = qc_rj_str(ind, "unit");
    size_t n = 0, nstd = 0;
    const char *stds[8] = {0};
    for (const cJSON *g = qc_rj_first(ind, "groups"); g; g = g->next)
        for (const cJSON *c = qc_rj_first(g, "conformity"); c; c = c->next) {
            const char *std = qc_rj_str(c, "standard"), *grade = qc_rj_str(c, "grade");
            if (!std) continue;
            int style = 0;
            while (style < (int)nstd && strcmp(stds[style], std) != 0) style++;
            if (style == (int)nstd && nstd < 8) stds[nstd++] = std;
            style %= 5;
            const cJSON *lim = qc_rj(c, "limit");
            for (const cJSON *p = cJSON_IsArray(lim) ? lim->child : lim; p;
                 p = cJSON_IsArray(lim) ? p->next : NULL) {
                double v, t, tol, tm, tp;
                char when[96] = "";
                const cJSON *w = qc_rj(p, "when");
                double a, z;
                const char *col = qc_rj_str(w, "column");
                if (col && qc_rj_num(w, "min", &a) && qc_rj_num(w, "max", &z))
                    snprintf(when, sizeof when, "(%s %g–%g)", col, a, z);
                else if (col && qc_rj_num(w, "min", &a)) snprintf(when, sizeof when, "(%s ≥ %g)", col, a);
                else if (col && qc_rj_num(w, "max", &z)) snprintf(when, sizeof when, "(%s ≤ %g)", col, z);
                const char *wp = *when ? when : NULL, *lu = qc_rj_str(p, "unit");
                if (lu && iu && strcmp(lu, iu) != 0) {  /* not converted here: not drawn */
                    (*other_unit)++;
                    continue;
                }
                if (qc_rj_num(p, "min", &v)) add_limit(L, &n, v, std, grade, "min", wp, style);
                if (qc_rj_num(p, "max", &v)) add_limit(L, &n, v, std, grade, "max", wp, style);
                if (qc_rj_num(p, "target", &t)) {
                    if (qc_rj_num(p, "tolerance", &tol)) tm = tp = tol;
                    else if (!qc_rj_num(p, "tolerance_minus", &tm) || !qc_rj_num(p, "tolerance_plus", &tp))
                        continue;
                    add_limit(L, &n, t - tm, std, grade, "min", wp, style);
                    add_limit(L, &n, t + tp, std, grade, "max", wp, style);
                }
            }
        }
    return n;
}

static int by_y(const void *a, const void *b)
{
    double x = ((const lim *)a)->y, y = ((const lim *)b)->y;
    return x < y ? -1 : x > y ? 1 : 0;
}

typedef struct box { const cJSON *g; double min, q1, med, q3, max, mean; int has_mean; } box;

char *qc_chart_box(const cJSON *ind, qc_lang Lg)
{
    box bx[MAX_GROUPS];
    size_t nb = 0;
    for (const cJSON *g = qc_rj_first(ind, "groups"); g && nb < MAX_GROUPS; g = g->next) {
        box *x = &bx[nb];
        x->g = g;
        if (!qc_rj_num(g, "min", &x->min) || !qc_rj_num(g, "q1", &x->q1) ||
            !qc_rj_num(g, "median", &x->med) || !qc_rj_num(g, "q3", &x->q3) ||
            !qc_rj_num(g, "max", &x->max))
            continue;
        x->has_mean = qc_rj_num(g, "mean", &x->mean);
        nb++;
    }
    if (!nb) return NULL;
    lim L[MAX_LIMITS];
    size_t other_unit = 0, nl = collect_limits(ind, L, &other_unit);
    double lo = bx[0].min, hi = bx[0].max;
    for (size_t k = 0; k < nb; k++) lo = fmin(lo, bx[k].min), hi = fmax(hi, bx[k].max);
    double span = hi - lo > 0 ? hi - lo : (fabs(hi) > 0 ? fabs(hi) * 0.1 : 1);
    for (size_t k = 0; k < nl; k++)  /* limits near the data widen the axis; far ones do not */
        if (L[k].v >= lo - 1.5 * span && L[k].v <= hi + 1.5 * span)
            lo = fmin(lo, L[k].v), hi = fmax(hi, L[k].v);
    double dlo = lo - 0.06 * span, dhi = hi + 0.06 * span, ticks[24];
    int nt = svg_ticks(&dlo, &dhi, 6, ticks, 24);
    double left = 78, right = W - 320, top = 18, bottom = H - 50;
    svg_scale y = {dlo, dhi, bottom, top};
    const char *unit = qc_rj_str(ind, "unit");
    const char *name = qc_rj_name(ind, Lg, "indicator");
    qc_sb b = {0}, t = {0};
    sb_printf(&t, "%s: %s", qc_tr(Lg, "t.fig_box"), name);
    qc_sb at = {0};
    sb_put(&at, "data-chart=\"box\" data-indicator=\"");
    sb_xml(&at, qc_rj_str(ind, "indicator"));
    sb_put(&at, "\"");
    svg_begin(&b, W, H, t.s ? t.s : "", at.s);
    free(at.s);
    free(t.s), t = (qc_sb){0};
    svg_rect(&b, left, top, right - left, bottom - top, "fill=\"none\" stroke=\"#000\"", NULL);
    for (int k = 0; k < nt; k++) {
        qc_sb data = {0}, lab = {0};
        double py = svg_map(&y, ticks[k]);
        sb_put(&data, "data-role=\"ytick\"");
        svg_data(&data, "value", ticks[k]);
        svg_line(&b, left, py, right, py, "stroke=\"#e0e0e0\"", NULL);
        svg_line(&b, left - 5, py, left, py, "stroke=\"#000\"", data.s);
        qc_num_sig(&lab, ticks[k], 6);
        svg_text(&b, left - 8, py + 4, "end", NULL, lab.s);
        free(data.s), free(lab.s);
    }
    sb_printf(&t, "%s%s%s%s", name, unit && *unit && strcmp(unit, "1") ? " (" : "",
              unit && *unit && strcmp(unit, "1") ? unit : "", unit && *unit && strcmp(unit, "1") ? ")" : "");
    sb_put(&b, "<text transform=\"translate(16 ");
    qc_coord(&b, (top + bottom) / 2);
    sb_put(&b, ") rotate(-90)\" text-anchor=\"middle\" font-weight=\"bold\">");
    char cut[200];
    sb_xml(&b, svg_fit(t.s, bottom - top + 20, cut, sizeof cut));
    sb_put(&b, "</text>\n");
    free(t.s);
    double slot = (right - left) / (double)nb, bw = fmin(56, slot * 0.5);
    for (size_t k = 0; k < nb; k++) {
        const box *x = &bx[k];
        const char *role = qc_rj_str(x->g, "role"), *gname = qc_rj_str(x->g, "group");
        int subj = role && strcmp(role, "subject") == 0, ref = role && strcmp(role, "reference") == 0;
        double cx = left + slot * ((double)k + 0.5);
        qc_sb d = {0};
        sb_put(&d, "data-group=\"");
        sb_xml(&d, gname);
        sb_put(&d, "\"");
        char *gattr = d.s;
        d = (qc_sb){0};
        const char *fill = subj ? "#9ecae1" : ref ? "#ffffff" : "#d9d9d9";
        /* whiskers from the box to min and max, with caps */
        const struct { const char *role; double v, from; } wh[] = {{"whisker-min", x->min, x->q1},
                                                                    {"whisker-max", x->max, x->q3}};
        for (int w = 0; w < 2; w++) {
            sb_printf(&d, "data-role=\"%s\" %s", wh[w].role, gattr ? gattr : "");
            svg_data(&d, "value", wh[w].v);
            svg_line(&b, cx, svg_map(&y, wh[w].from), cx, svg_map(&y, wh[w].v), "stroke=\"#000\"", NULL);
            svg_line(&b, cx - bw / 4, svg_map(&y, wh[w].v), cx + bw / 4, svg_map(&y, wh[w].v),
                     "stroke=\"#000\" stroke-width=\"1.5\"", d.s);
            free(d.s), d = (qc_sb){0};
        }
        sb_printf(&d, "data-role=\"box\" %s", gattr ? gattr : "");
        svg_data(&d, "q1", x->q1), svg_data(&d, "q3", x->q3);
        qc_sb st = {0};
        sb_printf(&st, "fill=\"%s\" stroke=\"#000\" stroke-width=\"%s\"", fill, ref ? "2" : "1");
        svg_rect(&b, cx - bw / 2, svg_map(&y, x->q3), bw, svg_map(&y, x->q1) - svg_map(&y, x->q3), st.s, d.s);
        free(st.s), free(d.s), d = (qc_sb){0};
        sb_printf(&d, "data-role=\"median\" %s", gattr ? gattr : "");
        svg_data(&d, "value", x->med);
        svg_line(&b, cx - bw / 2, svg_map(&y, x->med), cx + bw / 2, svg_map(&y, x->med),
                 "stroke=\"#000\" stroke-width=\"2.5\"", d.s);
        free(d.s), d = (qc_sb){0};
        if (x->has_mean) {
            sb_printf(&d, "data-role=\"mean\" %s", gattr ? gattr : "");
            svg_data(&d, "value", x->mean);
            svg_marker(&b, SHAPE_CROSS, cx, svg_map(&y, x->mean), 3.5, "#000000", d.s);
            free(d.s), d = (qc_sb){0};
        }
        double n = 0;
        qc_rj_num(x->g, "n", &n);
        sb_printf(&d, "%s (%s)", gname ? gname : "", role ? qc_trw(Lg, "role", role) : "");
        svg_text(&b, cx, bottom + 16, "middle", NULL, d.s);
        free(d.s), d = (qc_sb){0};
        sb_printf(&d, "n = %.0f", n);
        svg_text(&b, cx, bottom + 30, "middle", "fill=\"#555\"", d.s);
        free(d.s);
        free(gattr);
    }
    /* limit lines: on scale across the plot, labels moved apart; off scale named at the edge */
    for (size_t k = 0; k < nl; k++) L[k].y = svg_map(&y, L[k].v);
    qsort(L, nl, sizeof *L, by_y);
    double last_label = -1e9, off_top = top + 12, off_bottom = bottom - 6;
    for (size_t k = 0; k < nl; k++) {
        lim *l = &L[k];
        qc_sb data = {0}, st = {0}, lab = {0};
        sb_printf(&st, "stroke=\"%s\" stroke-width=\"1.6\"%s", colour[l->style], dash[l->style]);
        sb_put(&data, "data-role=\"limit\" data-standard=\"");
        sb_xml(&data, l->label);
        sb_printf(&data, "\" data-bound=\"%s\"", l->bound);
        svg_data(&data, "value", l->v);
        if (l->v >= dlo && l->v <= dhi) {
            svg_line(&b, left, l->y, right, l->y, st.s, data.s);
            double ly = fmax(l->y + 4, last_label + 12);
            last_label = ly;
            svg_line(&b, right, l->y, right + 8, ly - 4, st.s, NULL);
            sb_printf(&lab, "fill=\"%s\"", colour[l->style]);
            sb_put(&lab, " font-size=\"10\"");
            svg_text(&b, right + 10, ly, "start", lab.s, l->label);
        } else {
            int above = l->v > dhi;
            sb_printf(&lab, "fill=\"%s\" font-size=\"10\" data-role=\"limit-offscale\"", colour[l->style]);
            qc_sb txt = {0};
            sb_printf(&txt, "%s %s (%s)", above ? "↑" : "↓", l->label, qc_tr(Lg, "t.off_scale"));
            svg_text(&b, right + 10, above ? off_top : off_bottom, "start", lab.s, txt.s);
            if (above) off_top += 12; else off_bottom -= 12;
            free(txt.s);
        }
        free(data.s), free(st.s), free(lab.s);
    }
    if (other_unit) {
        qc_sb txt = {0};
        sb_printf(&txt, qc_tr(Lg, "t.other_unit"), other_unit);
        svg_text(&b, right + 10, bottom + 30, "start", "font-size=\"10\" fill=\"#555\" data-role=\"limit-other-unit\"", txt.s);
        free(txt.s);
    }
    svg_end(&b);
    return sb_take(&b);
}
