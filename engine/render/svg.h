/* svg.h — SVG primitives for the charts (svg.c). Not installed. */
#ifndef QC_RENDER_SVG_H
#define QC_RENDER_SVG_H

#include "render_internal.h"

enum { SHAPE_CIRCLE, SHAPE_UP, SHAPE_DOWN, SHAPE_DIAMOND_OPEN, SHAPE_SQUARE_OPEN, SHAPE_CROSS };

/* A linear map from data [d0, d1] to pixels [p0, p1]. */
typedef struct svg_scale { double d0, d1, p0, p1; } svg_scale;
double svg_map(const svg_scale *s, double v);

/* attrs: more attributes of the svg element (data-chart=…), or NULL. */
void svg_begin(qc_sb *b, double w, double h, const char *label, const char *attrs);
void svg_end(qc_sb *b);
/* style: attributes ("stroke=\"#000\" stroke-dasharray=\"4 2\""); data: more attributes. */
void svg_line(qc_sb *b, double x1, double y1, double x2, double y2, const char *style,
              const char *data);
void svg_rect(qc_sb *b, double x, double y, double w, double h, const char *style,
              const char *data);
void svg_text(qc_sb *b, double x, double y, const char *anchor, const char *style,
              const char *text);
void svg_marker(qc_sb *b, int shape, double x, double y, double r, const char *colour,
                const char *data);
/* Widens [lo, hi] to nice tick bounds and writes up to max ticks; returns their number. */
int svg_ticks(double *lo, double *hi, int want, double *ticks, int max);
/* Appends ` data-NAME="v"` with v in its round-trip form. */
void svg_data(qc_sb *b, const char *name, double v);

/* Estimated width in pixels of text at the charts' 11 px font (wide characters count double). */
double svg_text_px(const char *s);
/* s, or s cut with "…" into out so that it fits max_px. */
const char *svg_fit(const char *s, double max_px, char *out, size_t size);

#endif
