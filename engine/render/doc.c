/* doc.c — the format-neutral document the section builders fill (headings, paragraphs,
 * tables of text cells with flags, figures, lists) and html.c / md.c print, plus the cell
 * helpers that read one value through the accessor layer and show QC_ABSENT when it is not
 * there. Out of memory is remembered in the document and reported once. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/grow.h"
#include "render_internal.h"

static rblock *add(rdoc *d, int kind)
{
    if (d->oom) return NULL;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        rblock *b = realloc(d->b, cap * sizeof *b);
        if (!b) { d->oom = 1; return NULL; }
        d->b = b;
        d->cap = cap;
    }
    rblock *b = &d->b[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

static char *vformat(rdoc *d, const char *fmt, va_list ap)
{
    qc_sb sb = {0};
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s) { d->oom = 1; return NULL; }
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    (void)sb;
    return s;
}

void rd_heading(rdoc *d, int level, const char *anchor, const char *fmt, ...)
{
    rblock *b = add(d, RB_HEADING);
    if (!b) return;
    va_list ap;
    va_start(ap, fmt);
    b->text = vformat(d, fmt, ap);
    va_end(ap);
    b->level = level;
    if (anchor && !(b->anchor = strdup(anchor))) d->oom = 1;
}

void rd_para(rdoc *d, const char *fmt, ...)
{
    rblock *b = add(d, RB_PARA);
    if (!b) return;
    va_list ap;
    va_start(ap, fmt);
    b->text = vformat(d, fmt, ap);
    va_end(ap);
}

rtable *rd_table(rdoc *d, size_t ncols, const char *const *head_keys)
{
    rblock *b = add(d, RB_TABLE);
    if (!b) return NULL;
    rtable *t = calloc(1, sizeof *t);
    if (!t || !(t->head = calloc(ncols + 1, sizeof *t->head))) {
        free(t);
        d->oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < ncols && head_keys[i]; i++, t->ncols++)
        if (!(t->head[i] = strdup(qc_tr(d->lang, head_keys[i])))) d->oom = 1;
    b->table = t;
    return t;
}

void rt_row(rdoc *d, rtable *t)
{
    if (!t || d->oom) return;
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        rcell *c = realloc(t->cells, cap * t->ncols * sizeof *c);
        if (!c) { d->oom = 1; return; }
        t->cells = c;
        t->cap = cap;
    }
    memset(t->cells + t->nrows * t->ncols, 0, t->ncols * sizeof *t->cells);
    t->nrows++;
}

static rcell *next_cell(rdoc *d, rtable *t)
{
    if (!t || d->oom || !t->nrows) return NULL;
    rcell *row = t->cells + (t->nrows - 1) * t->ncols;
    for (size_t i = 0; i < t->ncols; i++)
        if (!row[i].text) return &row[i];
    return NULL;  /* a full row: the extra cell is a builder's bug, dropped */
}

void rt_cell(rdoc *d, rtable *t, unsigned flags, const char *fmt, ...)
{
    rcell *c = next_cell(d, t);
    if (!c) return;
    va_list ap;
    va_start(ap, fmt);
    c->text = vformat(d, fmt, ap);
    va_end(ap);
    c->flags = flags;
}

void rt_cell_sb(rdoc *d, rtable *t, unsigned flags, qc_sb *text)
{
    if (text->oom) d->oom = 1;
    rt_cell(d, t, flags, "%s", text->s && text->n ? text->s : QC_ABSENT);
    free(text->s);
    *text = (qc_sb){0};
}

void rt_drop_empty(rtable *t, size_t from_col)
{
    if (!t) return;
    for (size_t c = t->ncols; c-- > from_col;) {
        int empty = 1;
        for (size_t r = 0; r < t->nrows && empty; r++) {
            const char *s = t->cells[r * t->ncols + c].text;
            if (s && strcmp(s, QC_ABSENT) != 0) empty = 0;
        }
        if (!empty || t->nrows == 0) continue;
        free(t->head[c]);
        memmove(t->head + c, t->head + c + 1, (t->ncols - c - 1) * sizeof *t->head);
        for (size_t r = 0; r < t->nrows; r++) {
            rcell *row = t->cells + r * t->ncols;
            free(row[c].text);
            memmove(row + c, row + c + 1, (t->ncols - c - 1) * sizeof *row);
        }
        /* compact the rows to the new width */
        for (size_t r = 1; r < t->nrows; r++)
            memmove(t->cells + r * (t->ncols - 1), t->cells + r * t->ncols,
                    (t->ncols - 1) * sizeof *t->cells);
        t->ncols--;
        t->cap = t->cap * (t->ncols + 1) / (t->ncols ? t->ncols : 1);  /* same bytes, more rows */
    }
}

void rd_figure(rdoc *d, char *svg, const char *caption)
{
    if (!svg) return;
    rblock *b = add(d, RB_FIGURE);
    if (!b) { free(svg); return; }
    char name[32];
    snprintf(name, sizeof name, "figure-%d.svg", ++d->nfig);
    b->svg = svg;
    if (!(b->name = strdup(name)) || !(b->text = strdup(caption ? caption : ""))) d->oom = 1;
}

void rd_list_item(rdoc *d, const char *text)
{
    rblock *b = d->n && d->b[d->n - 1].kind == RB_LIST ? &d->b[d->n - 1] : add(d, RB_LIST);
    if (!b) return;
    char **it = qc_grow(b->items, b->nitems, sizeof *it);
    if (!it) { d->oom = 1; return; }
    b->items = it;
    if (!(it[b->nitems] = strdup(text ? text : ""))) { d->oom = 1; return; }
    b->nitems++;
}

void rd_free(rdoc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        rblock *b = &d->b[i];
        free(b->text); free(b->anchor); free(b->svg); free(b->name);
        for (size_t k = 0; k < b->nitems; k++) free(b->items[k]);
        free(b->items);
        if (b->table) {
            rtable *t = b->table;
            for (size_t c = 0; c < t->ncols; c++) free(t->head[c]);
            for (size_t k = 0; k < t->nrows * t->ncols; k++) free(t->cells[k].text);
            free(t->head); free(t->cells); free(t->caption); free(t);
        }
    }
    free(d->b);
    free(d->title);
    *d = (rdoc){0};
}

/* ---- cells read from the JSON ---- */

void rc_num(rdoc *d, rtable *t, const cJSON *o, const char *path)
{
    double x;
    qc_sb s = {0};
    if (qc_rj_num(o, path, &x)) qc_num(&s, x);
    rt_cell_sb(d, t, RC_NUM, &s);
}

void rc_int(rdoc *d, rtable *t, const cJSON *o, const char *path)
{
    double x;
    if (qc_rj_num(o, path, &x)) rt_cell(d, t, RC_NUM, "%.0f", x);
    else rt_cell(d, t, RC_NUM, QC_ABSENT);
}

void rc_p(rdoc *d, rtable *t, const cJSON *o, const char *path)
{
    double x;
    qc_sb s = {0};
    if (qc_rj_num(o, path, &x)) qc_pval(&s, x);
    rt_cell_sb(d, t, RC_NUM, &s);
}

void rc_pct(rdoc *d, rtable *t, const cJSON *o, const char *path, int signed_)
{
    double x;
    qc_sb s = {0};
    if (qc_rj_num(o, path, &x)) qc_pct(&s, x, signed_);
    rt_cell_sb(d, t, RC_NUM, &s);
}

void rc_str(rdoc *d, rtable *t, const cJSON *o, const char *path, unsigned flags)
{
    const char *s = qc_rj_str(o, path);
    rt_cell(d, t, flags, "%s", s && *s ? s : QC_ABSENT);
}

void qc_ci(qc_sb *s, const cJSON *ci, int pct)
{
    const cJSON *lo = cJSON_IsArray(ci) ? ci->child : NULL, *hi = lo ? lo->next : NULL;
    if (!cJSON_IsNumber(lo) || !cJSON_IsNumber(hi)) return;
    sb_put(s, "[");
    if (pct) qc_pct(s, lo->valuedouble, 0); else qc_num(s, lo->valuedouble);
    sb_put(s, ", ");
    if (pct) qc_pct(s, hi->valuedouble, 0); else qc_num(s, hi->valuedouble);
    sb_put(s, "]");
}
