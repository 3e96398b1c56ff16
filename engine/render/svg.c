/* svg.c — the few SVG primitives the charts use, all written with fixed number formatting so
 * that a chart is the same bytes on every run: the document frame, lines, rectangles, text,
 * marker shapes, a linear scale and "nice" axis ticks (1, 2, 5 × 10^k). Each element that a
 * test (or a reader of the SVG) may want to find carries data- attributes with its value. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "svg.h"

void svg_begin(qc_sb *b, double w, double h, const char *label, const char *attrs)
{
    sb_put(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" ");
    if (attrs) { sb_put(b, attrs); sb_put(b, " "); }
    sb_put(b, "viewBox=\"0 0 ");
    qc_coord(b, w); sb_put(b, " "); qc_coord(b, h);
    sb_put(b, "\" width=\""); qc_coord(b, w);
    sb_put(b, "\" height=\""); qc_coord(b, h);
    sb_put(b, "\" font-family=\"'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',"
              "'PingFang SC',sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"");
    sb_xml(b, label);
    sb_put(b, "\"><title>");
    sb_xml(b, label);
    sb_put(b, "</title><rect x=\"0\" y=\"0\" width=\"");
    qc_coord(b, w); sb_put(b, "\" height=\""); qc_coord(b, h);
    sb_put(b, "\" fill=\"#ffffff\"/>\n");
}

void svg_end(qc_sb *b) { sb_put(b, "</svg>\n"); }

void svg_line(qc_sb *b, double x1, double y1, double x2, double y2, const char *style,
              const char *data)
{
    sb_put(b, "<line x1=\""); qc_coord(b, x1);
    sb_put(b, "\" y1=\""); qc_coord(b, y1);
    sb_put(b, "\" x2=\""); qc_coord(b, x2);
    sb_put(b, "\" y2=\""); qc_coord(b, y2);
    sb_printf(b, "\" %s%s%s/>\n", style ? style : "stroke=\"#000\"", data ? " " : "", data ? data : "");
}

void svg_rect(qc_sb *b, double x, double y, double w, double h, const char *style,
              const char *data)
{
    if (w < 0) { x += w; w = -w; }
    if (h < 0) { y += h; h = -h; }
    sb_put(b, "<rect x=\""); qc_coord(b, x);
    sb_put(b, "\" y=\""); qc_coord(b, y);
    sb_put(b, "\" width=\""); qc_coord(b, w);
    sb_put(b, "\" height=\""); qc_coord(b, h);
    sb_printf(b, "\" %s%s%s/>\n", style ? style : "", data ? " " : "", data ? data : "");
}

void svg_text(qc_sb *b, double x, double y, const char *anchor, const char *style,
              const char *text)
{
    sb_put(b, "<text x=\""); qc_coord(b, x);
    sb_put(b, "\" y=\""); qc_coord(b, y);
    sb_printf(b, "\" text-anchor=\"%s\"%s%s>", anchor ? anchor : "start", style ? " " : "",
              style ? style : "");
    sb_xml(b, text);
    sb_put(b, "</text>\n");
}

void svg_marker(qc_sb *b, int shape, double x, double y, double r, const char *colour,
                const char *data)
{
    char style[96];
    int hollow = shape == SHAPE_DIAMOND_OPEN || shape == SHAPE_SQUARE_OPEN;
    snprintf(style, sizeof style, "fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"",
             hollow ? "#ffffff" : colour, colour);
    switch (shape) {
    case SHAPE_CIRCLE:
        sb_put(b, "<circle cx=\""); qc_coord(b, x);
        sb_put(b, "\" cy=\""); qc_coord(b, y);
        sb_put(b, "\" r=\""); qc_coord(b, r);
        sb_printf(b, "\" %s %s/>\n", style, data ? data : "");
        return;
    case SHAPE_SQUARE_OPEN:
        svg_rect(b, x - r, y - r, 2 * r, 2 * r, style, data);
        return;
    case SHAPE_CROSS:
        sb_put(b, "<path d=\"M"); qc_coord(b, x - r); sb_put(b, " "); qc_coord(b, y - r);
        sb_put(b, "L"); qc_coord(b, x + r); sb_put(b, " "); qc_coord(b, y + r);
        sb_put(b, "M"); qc_coord(b, x - r); sb_put(b, " "); qc_coord(b, y + r);
        sb_put(b, "L"); qc_coord(b, x + r); sb_put(b, " "); qc_coord(b, y - r);
        sb_printf(b, "\" stroke=\"%s\" stroke-width=\"2\" fill=\"none\" %s/>\n", colour, data ? data : "");
        return;
    default: break;
    }
    /* triangles and the diamond as polygons */
    double px[4], py[4];
    int n = 3;
    if (shape == SHAPE_UP) {
        px[0] = x, py[0] = y - r * 1.2, px[1] = x + r * 1.1, py[1] = y + r * 0.8;
        px[2] = x - r * 1.1, py[2] = y + r * 0.8;
    } else if (shape == SHAPE_DOWN) {
        px[0] = x, py[0] = y + r * 1.2, px[1] = x + r * 1.1, py[1] = y - r * 0.8;
        px[2] = x - r * 1.1, py[2] = y - r * 0.8;
    } else {
        n = 4;
        px[0] = x, py[0] = y - r * 1.3, px[1] = x + r * 1.3, py[1] = y;
        px[2] = x, py[2] = y + r * 1.3, px[3] = x - r * 1.3, py[3] = y;
    }
    sb_put(b, "<polygon points=\"");
    for (int i = 0; i < n; i++) {
        if (i) sb_put(b, " ");
        qc_coord(b, px[i]); sb_put(b, ","); qc_coord(b, py[i]);
    }
    sb_printf(b, "\" %s %s/>\n", style, data ? data : "");
}

double svg_map(const svg_scale *s, double v)
{
    if (s->d1 == s->d0) return (s->p0 + s->p1) / 2;
    return s->p0 + (v - s->d0) / (s->d1 - s->d0) * (s->p1 - s->p0);
}

static double nice(double x, int round_)
{
    double e = floor(log10(x)), f = x / pow(10, e), nf;
    if (round_) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nf * pow(10, e);
}

int svg_ticks(double *lo, double *hi, int want, double *ticks, int max)
{
    if (!isfinite(*lo) || !isfinite(*hi)) { *lo = 0; *hi = 1; }
    if (*hi < *lo) { double t = *lo; *lo = *hi; *hi = t; }
    if (*hi == *lo) {
        double pad = *lo == 0 ? 1 : fabs(*lo) * 0.1;
        *lo -= pad, *hi += pad;
    }
    double step = nice(nice(*hi - *lo, 0) / (want > 1 ? want - 1 : 1), 1);
    double first = floor(*lo / step) * step, last = ceil(*hi / step) * step;
    int n = 0;
    for (double v = first; v <= last + step * 1e-9 && n < max; v += step) {
        double r = round(v / step) * step;  /* no 0.30000000000000004 */
        ticks[n++] = fabs(r) < step * 1e-9 ? 0 : r;
    }
    *lo = first, *hi = last;
    return n;
}

void svg_data(qc_sb *b, const char *name, double v)
{
    char s[32];
    qc_num_exact(s, v);
    sb_printf(b, " data-%s=\"%s\"", name, s);
}

double svg_text_px(const char *s) { return (double)qc_text_width(s) * 6.2; }

const char *svg_fit(const char *s, double max_px, char *out, size_t size)
{
    if (!s) return "";
    if (svg_text_px(s) <= max_px || size < 8) return s;
    size_t n = 0, w = 0, room = max_px > 12 ? (size_t)((max_px - 12) / 6.2) : 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        char one[5] = {0};
        for (size_t k = 0; k < len && p[k]; k++) one[k] = (char)p[k];
        size_t cw = qc_text_width(one);
        if (w + cw > room || n + len + 4 >= size) break;
        memcpy(out + n, p, len);
        n += len, w += cw, p += len;
    }
    memcpy(out + n, "…", 4);  /* "…" is 3 bytes and the NUL */
    return out;
}
