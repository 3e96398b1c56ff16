/* occhart.c — the operating characteristic chart of a product's lot decisions: for every
 * products[].standards[] entry with a GB/T 2828.1 sampling plan, the probability of accepting
 * a lot against its fraction nonconforming, from the oc_curve[] points the analysis computed
 * (binomial, the plan's n and Ac), with the AQL marked. One curve per distinct plan (n, Ac),
 * labelled with the standards that use it; curves differ by dash pattern and marker so the chart reads in grey-scale. Owns nothing it returns but the
 * SVG text. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "svg.h"

#define W 720.0
#define H 340.0
#define MAX_PLANS 8
#define MAX_TICKS 24

static const char *const dash[MAX_PLANS] = {"", " stroke-dasharray=\"6 3\"", " stroke-dasharray=\"2 2\"",
                                            " stroke-dasharray=\"8 3 2 3\"", "", " stroke-dasharray=\"6 3\"",
                                            " stroke-dasharray=\"2 2\"", " stroke-dasharray=\"8 3 2 3\""};
static const char *const colour[MAX_PLANS] = {"#1f4e79", "#000000", "#c62828", "#1a7f37",
                                              "#777777", "#1f4e79", "#000000", "#c62828"};

/* The label of a curve: its plan and the standards whose entries use it (each once). */
static void plan_label(const cJSON *product, const cJSON *sp, char *out, size_t size)
{
    double n = 0, ac = 0;
    qc_rj_num(sp, "n", &n), qc_rj_num(sp, "ac", &ac);
    qc_sb b = {0};
    sb_printf(&b, "n = %.0f, Ac = %.0f:", n, ac);
    const char *seen[64];
    size_t nseen = 0;
    for (const cJSON *s = qc_rj_first(product, "standards"); s; s = s->next) {
        const cJSON *o = qc_rj(s, "sampling");
        double n2 = -1, ac2 = -1;
        if (!cJSON_IsObject(o) || !qc_rj_num(o, "n", &n2) || !qc_rj_num(o, "ac", &ac2) || n2 != n || ac2 != ac)
            continue;
        char one[200];
        const char *id = qc_rj_str(s, "id"), *grade = qc_rj_str(s, "grade");
        snprintf(one, sizeof one, "%s%s%s", id ? id : "", grade && *grade ? "@" : "", grade ? grade : "");
        size_t k = 0;
        while (k < nseen && strcmp(seen[k], id ? id : "") != 0) k++;
        if (k < nseen || nseen == 64) continue;
        seen[nseen++] = id ? id : "";
        sb_printf(&b, "%s %s", nseen > 1 ? "," : "", one);
    }
    const char *fit = svg_fit(b.s ? b.s : "", W - 140, out, size);
    if (fit != out) snprintf(out, size, "%s", fit);
    free(b.s);
}

char *qc_chart_oc(const cJSON *product, qc_lang L)
{
    const cJSON *plan[MAX_PLANS];
    size_t np = 0;
    double pmax = 0;
    for (const cJSON *s = qc_rj_first(product, "standards"); s && np < MAX_PLANS; s = s->next) {
        const cJSON *sp = qc_rj(s, "sampling");
        if (!cJSON_IsObject(sp) || !qc_rj_first(sp, "oc_curve")) continue;
        int dup = 0;  /* the curve depends on n and Ac only: one per distinct plan */
        double n, ac, n2, ac2;
        qc_rj_num(sp, "n", &n), qc_rj_num(sp, "ac", &ac);
        for (size_t k = 0; k < np; k++)
            dup |= qc_rj_num(plan[k], "n", &n2) && qc_rj_num(plan[k], "ac", &ac2) && n2 == n && ac2 == ac;
        if (dup) continue;
        for (const cJSON *pt = qc_rj_first(sp, "oc_curve"); pt; pt = pt->next) {
            double p;
            if (qc_rj_num(pt, "fraction_nonconforming", &p) && p > pmax) pmax = p;
        }
        plan[np++] = sp;
    }
    if (!np || !(pmax > 0)) return NULL;
    double left = 70, right = W - 20, top = 24 + 16.0 * (double)np, bottom = H - 50;
    double lo = 0, hi = 100 * pmax, xt[MAX_TICKS], yt[MAX_TICKS];
    int nx = svg_ticks(&lo, &hi, 6, xt, MAX_TICKS);
    double ylo = 0, yhi = 1;
    int ny = svg_ticks(&ylo, &yhi, 5, yt, MAX_TICKS);
    svg_scale x = {lo, hi, left, right}, y = {ylo, yhi, bottom, top};
    qc_sb b = {0};
    svg_begin(&b, W, H, qc_tr(L, "t.fig_oc"), "data-chart=\"oc\"");
    for (int k = 0; k < ny; k++) {
        qc_sb data = {0};
        char lab[32];
        double py = svg_map(&y, yt[k]);
        sb_put(&data, "data-role=\"ytick\"");
        svg_data(&data, "value", yt[k]);
        svg_line(&b, left, py, right, py, "stroke=\"#e0e0e0\"", NULL);
        svg_line(&b, left - 5, py, left, py, "stroke=\"#000\"", data.s);
        free(data.s);
        snprintf(lab, sizeof lab, "%g", yt[k]);
        svg_text(&b, left - 8, py + 4, "end", NULL, lab);
    }
    for (int k = 0; k < nx; k++) {
        qc_sb data = {0};
        char lab[32];
        double px = svg_map(&x, xt[k]);
        sb_put(&data, "data-role=\"xtick\"");
        svg_data(&data, "value", xt[k]);
        svg_line(&b, px, bottom, px, bottom + 5, "stroke=\"#000\"", data.s);
        free(data.s);
        snprintf(lab, sizeof lab, "%g", xt[k]);
        svg_text(&b, px, bottom + 17, "middle", NULL, lab);
    }
    svg_line(&b, left, bottom, right, bottom, "stroke=\"#000\"", NULL);
    svg_line(&b, left, top, left, bottom, "stroke=\"#000\"", NULL);
    svg_text(&b, (left + right) / 2, H - 12, "middle", "font-weight=\"bold\"", qc_tr(L, "t.axis_fraction_nc"));
    qc_sb ylab = {0};
    sb_printf(&ylab, "font-weight=\"bold\" transform=\"rotate(-90 16 %.2f)\"", (top + bottom) / 2);
    svg_text(&b, 16, (top + bottom) / 2, "middle", ylab.s, qc_tr(L, "t.axis_p_accept"));
    free(ylab.s);
    double aqls[MAX_PLANS];
    size_t naql = 0;
    for (size_t k = 0; k < np; k++) {
        char label[300];
        qc_sb st = {0};
        double ly = 18 + 16.0 * (double)k, aql;
        plan_label(product, plan[k], label, sizeof label);
        sb_printf(&st, "stroke=\"%s\" stroke-width=\"2\" fill=\"none\"%s", colour[k], dash[k]);
        svg_line(&b, left + 10, ly - 4, left + 40, ly - 4, st.s, "data-role=\"legend\"");
        svg_text(&b, left + 48, ly, "start", NULL, label);
        /* the curve, segment by segment, each point carrying its values for the geometry test */
        double px0 = NAN, py0 = NAN;
        for (const cJSON *pt = qc_rj_first(plan[k], "oc_curve"); pt; pt = pt->next) {
            double p, pa;
            if (!qc_rj_num(pt, "fraction_nonconforming", &p) || !qc_rj_num(pt, "p_accept", &pa)) continue;
            double px = svg_map(&x, 100 * p), py = svg_map(&y, pa);
            if (!isnan(px0)) svg_line(&b, px0, py0, px, py, st.s, NULL);
            qc_sb data = {0};
            sb_put(&data, "data-role=\"oc-point\"");
            svg_data(&data, "p", p), svg_data(&data, "pa", pa);
            svg_marker(&b, SHAPE_CIRCLE, px, py, 2.5, colour[k], data.s);
            free(data.s);
            px0 = px, py0 = py;
        }
        int drawn = 0;
        if (qc_rj_num(plan[k], "aql", &aql))
            for (size_t a = 0; a < naql; a++) drawn |= aqls[a] == aql;
        if (!drawn && qc_rj_num(plan[k], "aql", &aql) && aql <= hi) {
            qc_sb data = {0};
            aqls[naql++] = aql;
            char lab[64];
            double px = svg_map(&x, aql);
            sb_put(&data, "data-role=\"aql\"");
            svg_data(&data, "value", aql);
            svg_line(&b, px, top, px, bottom, "stroke=\"#777\" stroke-dasharray=\"3 3\"", data.s);
            free(data.s);
            snprintf(lab, sizeof lab, "AQL %g", aql);
            svg_text(&b, px + 3, top + 12 + 12.0 * (double)(naql - 1), "start", NULL, lab);
        }
        free(st.s);
    }
    svg_end(&b);
    return sb_take(&b);
}
