/* html.c — prints the report document as one self-contained HTML file: inline CSS (screen
 * and A4 print), inline SVG charts, a table of contents, no script and no reference to
 * anything outside the file (a Content-Security-Policy forbids every fetch). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include "render_internal.h"

static const char css[] =
    ":root{--ink:#1b1b1b;--muted:#5a5a5a;--rule:#c8c8c8;--head:#eef2f6;--good:#1a7f37;"
    "--bad:#c62828;--flag:#8a4b00}\n"
    "body{margin:0;color:var(--ink);background:#fff;font:14px/1.5 'Noto Sans CJK SC','Source Han "
    "Sans SC','Microsoft YaHei','PingFang SC','Helvetica Neue',Arial,sans-serif}\n"
    "main{max-width:1120px;margin:0 auto;padding:24px 28px 60px}\n"
    "h1{font-size:24px;margin:0 0 12px;border-bottom:3px solid #1f4e79;padding-bottom:8px}\n"
    "h2{font-size:20px;margin:36px 0 10px;color:#1f4e79;border-bottom:1px solid var(--rule);"
    "padding-bottom:4px}\n"
    "h3{font-size:16px;margin:22px 0 8px}h4{font-size:14px;margin:16px 0 6px}\n"
    "p{margin:6px 0 10px}\n"
    "nav.toc{background:#f7f9fb;border:1px solid var(--rule);padding:8px 16px;margin:12px 0 20px}\n"
    "nav.toc ol{margin:4px 0;padding-left:22px;columns:2;column-gap:32px}\n"
    "a{color:#1f4e79}\n"
    ".tw{overflow-x:auto;margin:6px 0 14px}\n"
    "table{border-collapse:collapse;font-size:12.5px;min-width:40%}\n"
    "th,td{border:1px solid var(--rule);padding:3px 7px;vertical-align:top;text-align:left}\n"
    "th{background:var(--head);font-weight:600}\n"
    "tbody tr:nth-child(even) td{background:#fafbfc}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.mono{font-family:'DejaVu Sans Mono',Consolas,monospace;font-size:11px;word-break:break-all}\n"
    "td.good{color:var(--good);font-weight:600}td.bad{color:var(--bad);font-weight:600}\n"
    "td.mid{color:#333;font-weight:600}td.flag{color:var(--flag);font-weight:600}\n"
    "td.strong{font-weight:600;min-width:10em}td.word{white-space:nowrap}\n"
    "figure{margin:10px 0 18px;break-inside:avoid}figure svg{max-width:100%;height:auto;"
    "border:1px solid #e2e2e2}\n"
    "figcaption{color:var(--muted);font-size:12.5px;margin-top:4px}\n"
    "ol.notes{font-size:12px;color:#333;padding-left:28px}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{font-size:10.5px}main{max-width:none;padding:0}"
    "h2{break-before:page;break-after:avoid}h3,h4{break-after:avoid}"
    "h2#study{break-before:auto}table{font-size:9px}th,td{padding:2px 4px}"
    "tr,figure{break-inside:avoid}nav.toc ol{columns:2}.tw{overflow:visible}"
    "td.mono{font-size:7.5px}}\n";

static void cell_class(qc_sb *b, unsigned f)
{
    static const struct { unsigned flag; const char *name; } cls[] = {
        {RC_NUM, "num"}, {RC_FLAG, "flag"}, {RC_GOOD, "good"}, {RC_BAD, "bad"},
        {RC_MID, "mid"}, {RC_MONO, "mono"}, {RC_STRONG, "strong"}, {RC_WORD, "word"}};
    int any = 0;
    for (size_t i = 0; i < sizeof cls / sizeof cls[0]; i++)
        if (f & cls[i].flag) {
            sb_put(b, any ? " " : " class=\"");
            sb_put(b, cls[i].name);
            any = 1;
        }
    if (any) sb_put(b, "\"");
}

static void table(qc_sb *b, const rtable *t)
{
    sb_put(b, "<div class=\"tw\"><table>\n<thead><tr>");
    for (size_t c = 0; c < t->ncols; c++) {
        sb_put(b, "<th>");
        sb_xml(b, t->head[c]);
        sb_put(b, "</th>");
    }
    sb_put(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        sb_put(b, "<tr>");
        for (size_t c = 0; c < t->ncols; c++) {
            const rcell *x = &t->cells[r * t->ncols + c];
            sb_put(b, "<td");
            cell_class(b, x->flags);
            sb_put(b, ">");
            sb_xml(b, x->text ? x->text : QC_ABSENT);
            sb_put(b, "</td>");
        }
        sb_put(b, "</tr>\n");
    }
    sb_put(b, "</tbody></table></div>\n");
}

/* The anchor of a level-2 heading: its own, else "s-INDEX". */
static void anchor_of(const rblock *h, size_t index, char *out, size_t size)
{
    if (h->anchor) snprintf(out, size, "%s", h->anchor);
    else snprintf(out, size, "s-%zu", index);
}

qc_status qc_html_print(const rdoc *d, qc_sb *b)
{
    char id[64];
    sb_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
              d->lang == QC_LANG_ZH ? "zh-CN" : "en");
    sb_put(b, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
              "style-src 'unsafe-inline'; img-src data:\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    sb_xml(b, d->title);
    sb_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", css);
    int toc_done = 0;
    for (size_t i = 0; i < d->n; i++) {
        const rblock *x = &d->b[i];
        switch (x->kind) {
        case RB_HEADING:
            if (x->level == 2) anchor_of(x, i, id, sizeof id);
            else if (x->anchor) snprintf(id, sizeof id, "%s", x->anchor);
            else id[0] = '\0';
            sb_printf(b, "<h%d", x->level);
            if (id[0]) sb_printf(b, " id=\"%s\"", id);
            sb_put(b, ">");
            sb_xml(b, x->text);
            sb_printf(b, "</h%d>\n", x->level);
            if (x->level == 1 && !toc_done) {  /* contents: every level-2 heading */
                toc_done = 1;
                sb_printf(b, "<nav class=\"toc\"><strong>%s</strong><ol>\n", qc_tr(d->lang, "h.toc"));
                for (size_t k = 0; k < d->n; k++) {
                    if (d->b[k].kind != RB_HEADING || d->b[k].level != 2) continue;
                    anchor_of(&d->b[k], k, id, sizeof id);
                    sb_printf(b, "<li><a href=\"#%s\">", id);
                    sb_xml(b, d->b[k].text);
                    sb_put(b, "</a></li>\n");
                }
                sb_put(b, "</ol></nav>\n");
            }
            break;
        case RB_PARA:
            sb_put(b, "<p>");
            sb_xml(b, x->text);
            sb_put(b, "</p>\n");
            break;
        case RB_TABLE:
            table(b, x->table);
            break;
        case RB_FIGURE:
            sb_put(b, "<figure>\n");
            sb_put(b, x->svg);
            sb_put(b, "<figcaption>");
            sb_xml(b, x->text);
            sb_put(b, "</figcaption>\n</figure>\n");
            break;
        case RB_LIST:
            sb_put(b, "<ol class=\"notes\">\n");
            for (size_t k = 0; k < x->nitems; k++) {
                sb_put(b, "<li>");
                sb_xml(b, x->items[k]);
                sb_put(b, "</li>\n");
            }
            sb_put(b, "</ol>\n");
            break;
        }
    }
    sb_put(b, "</main>\n</body>\n</html>");
    return b->oom ? QC_ENOMEM : QC_OK;
}
