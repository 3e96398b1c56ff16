/* md.c — prints the report document as GitHub-flavoured Markdown: the same sections and
 * tables as the HTML, a table of contents, figures as links to the SVG files written beside
 * the report (NAME-figures/), or left out when the report goes to stdout. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include "render_internal.h"

/* Cell text: no line breaks, | escaped, < as an entity (no raw HTML). */
static void cell(qc_sb *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '|') sb_put(b, "\\|");
        else if (*s == '\n' || *s == '\r') sb_put(b, " ");
        else if (*s == '<') sb_put(b, "&lt;");
        else sb_putn(b, s, 1);
    }
}

static void anchor_of(const rblock *h, size_t index, char *out, size_t size)
{
    if (h->anchor) snprintf(out, size, "%s", h->anchor);
    else snprintf(out, size, "s-%zu", index);
}

qc_status qc_md_print(const rdoc *d, qc_sb *b, const char *figdir)
{
    char id[64];
    int toc_done = 0;
    for (size_t i = 0; i < d->n; i++) {
        const rblock *x = &d->b[i];
        switch (x->kind) {
        case RB_HEADING:
            if (x->level == 2) {
                anchor_of(x, i, id, sizeof id);
                sb_printf(b, "<a id=\"%s\"></a>\n\n", id);
            }
            for (int k = 0; k < x->level; k++) sb_put(b, "#");
            sb_put(b, " ");
            cell(b, x->text);
            sb_put(b, "\n\n");
            if (x->level == 1 && !toc_done) {
                toc_done = 1;
                sb_printf(b, "**%s**\n\n", qc_tr(d->lang, "h.toc"));
                int n = 0;
                for (size_t k = 0; k < d->n; k++) {
                    if (d->b[k].kind != RB_HEADING || d->b[k].level != 2) continue;
                    anchor_of(&d->b[k], k, id, sizeof id);
                    sb_printf(b, "%d. [", ++n);
                    cell(b, d->b[k].text);
                    sb_printf(b, "](#%s)\n", id);
                }
                sb_put(b, "\n");
            }
            break;
        case RB_PARA:
            cell(b, x->text);
            sb_put(b, "\n\n");
            break;
        case RB_TABLE: {
            const rtable *t = x->table;
            if (!t->ncols) break;
            sb_put(b, "|");
            for (size_t c = 0; c < t->ncols; c++) { sb_put(b, " "); cell(b, t->head[c]); sb_put(b, " |"); }
            sb_put(b, "\n|");
            for (size_t c = 0; c < t->ncols; c++) {
                int num = t->nrows && (t->cells[c].flags & RC_NUM);
                sb_put(b, num ? " ---: |" : " --- |");
            }
            sb_put(b, "\n");
            for (size_t r = 0; r < t->nrows; r++) {
                sb_put(b, "|");
                for (size_t c = 0; c < t->ncols; c++) {
                    const rcell *y = &t->cells[r * t->ncols + c];
                    sb_put(b, " ");
                    if (y->flags & (RC_FLAG | RC_STRONG)) sb_put(b, "**");
                    cell(b, y->text ? y->text : QC_ABSENT);
                    if (y->flags & (RC_FLAG | RC_STRONG)) sb_put(b, "**");
                    sb_put(b, " |");
                }
                sb_put(b, "\n");
            }
            sb_put(b, "\n");
            break;
        }
        case RB_FIGURE:
            if (!figdir) break;
            sb_put(b, "![");
            cell(b, x->text);
            sb_printf(b, "](%s/%s)\n\n*", figdir, x->name);
            cell(b, x->text);
            sb_put(b, "*\n\n");
            break;
        case RB_LIST:
            for (size_t k = 0; k < x->nitems; k++) {
                sb_printf(b, "%zu. ", k + 1);
                cell(b, x->items[k]);
                sb_put(b, "\n");
            }
            sb_put(b, "\n");
            break;
        }
    }
    /* one final newline is added by the writer */
    while (b->n && b->s[b->n - 1] == '\n') b->s[--b->n] = '\0';
    return b->oom ? QC_ENOMEM : QC_OK;
}
