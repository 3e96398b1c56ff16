/* xlsx.c — writes the report as an Excel workbook through libxlsxwriter (loaded on first use:
 * dynload.h): a summary sheet (study, scorecards, product verdicts per standard), then one
 * sheet per tidy table (tidy.c) with its header row in the chosen language, numbers stored as
 * numbers at full precision with display formats, frozen header rows, autofilter and column
 * widths that fit Chinese text. The creation date is the study's date, so the same analysis
 * gives the same bytes. libxlsxwriter writes to a private temporary file, whose bytes then go
 * through the atomic writer of report/ (the same as `analyze -o`). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "dynload.h"
#include "render_internal.h"
#include "qcompare/report.h"
#include "xlsx_exact.h"

/* The formats, and libxlsxwriter's functions (loaded on first use: dynload.h). */
typedef struct fmts { const qc_xlsxwriter_lib *w; lxw_format *head, *count, *num, *rate, *p, *bold; } fmts;

/* Every number written, to be made exact afterwards (xlsx_exact.c). */
typedef struct numlog { qc_xnum *v; size_t n, cap; int oom; } numlog;

static void put_number(const qc_xlsxwriter_lib *W, lxw_worksheet *ws, uint32_t sheet, lxw_row_t r, lxw_col_t c, double x,
                       lxw_format *f, numlog *log)
{
    W->worksheet_write_number(ws, r, c, x, f);
    if (log->n == log->cap) {
        size_t cap = log->cap ? log->cap * 2 : 256;
        qc_xnum *v = realloc(log->v, cap * sizeof *v);
        if (!v) { log->oom = 1; return; }
        log->v = v, log->cap = cap;
    }
    log->v[log->n++] = (qc_xnum){sheet, r, c, x};
}

static void width(double *w, const char *s)
{
    double x = (double)qc_text_width(s) * 1.1 + 2;
    if (x > *w) *w = x;
}

static void sheet_name(char *out, size_t size, qc_lang L, const char *key)
{
    /* at most 31 characters and none of []:*?/\ (Excel's rules) */
    const char *s = qc_tr(L, key);
    size_t n = 0, chars = 0;
    for (const char *p = s; *p && n + 4 < size && chars < 31; chars++) {
        size_t len = (unsigned char)*p < 0x80 ? 1 : (unsigned char)*p < 0xE0 ? 2 : (unsigned char)*p < 0xF0 ? 3 : 4;
        if (strchr("[]:*?/\\", *p)) { out[n++] = '_'; p++; continue; }
        for (size_t k = 0; k < len && *p; k++) out[n++] = *p++;
    }
    out[n] = '\0';
}

static int table_sheet(lxw_workbook *wb, const ttable *t, const fmts *f, qc_lang L, uint32_t sheet,
                       numlog *log)
{
    const qc_xlsxwriter_lib *W = f->w;
    char name[128], key[64];
    snprintf(key, sizeof key, "sheet.%s", t->name);
    sheet_name(name, sizeof name, L, key);
    lxw_worksheet *ws = W->workbook_add_worksheet(wb, name);
    if (!ws) return -1;
    double *w = calloc(t->ncols + 1, sizeof *w);
    if (!w) return -1;
    for (size_t c = 0; c < t->ncols; c++) {
        char ck[64];
        snprintf(ck, sizeof ck, "col.%s", t->cols[c].name);
        const char *h = qc_tr(L, ck);
        W->worksheet_write_string(ws, 0, (lxw_col_t)c, h, f->head);
        w[c] = 8;
        width(&w[c], h);
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const tval *v = &t->v[r * t->ncols + c];
            lxw_row_t row = (lxw_row_t)(r + 1);
            if (v->t == TV_STR) {
                W->worksheet_write_string(ws, row, (lxw_col_t)c, v->s, NULL);
                width(&w[c], v->s);
            } else if (v->t == TV_NUM) {
                int k = t->cols[c].kind;
                lxw_format *fm = k == TK_COUNT ? f->count : k == TK_RATE ? f->rate : k == TK_P ? f->p : f->num;
                put_number(f->w, ws, sheet, row, (lxw_col_t)c, v->x, fm, log);
                width(&w[c], "0.000000000");
            }
        }
    for (size_t c = 0; c < t->ncols; c++)
        W->worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c] > 60 ? 60 : w[c], NULL);
    free(w);
    W->worksheet_freeze_panes(ws, 1, 0);
    if (t->ncols) W->worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows, (lxw_col_t)(t->ncols - 1));
    return 0;
}

static void kv(lxw_worksheet *ws, lxw_row_t *r, const fmts *f, qc_lang L, const char *key,
               const char *value, double *w)
{
    const qc_xlsxwriter_lib *W = f->w;
    W->worksheet_write_string(ws, *r, 0, qc_tr(L, key), f->bold);
    width(&w[0], qc_tr(L, key));
    if (value) { W->worksheet_write_string(ws, *r, 1, value, NULL); width(&w[1], value); }
    (*r)++;
}

static int summary_sheet(lxw_workbook *wb, const cJSON *doc, const fmts *f, qc_lang L, numlog *log)
{
    const qc_xlsxwriter_lib *W = f->w;
    char name[128];
    sheet_name(name, sizeof name, L, "sheet.summary");
    lxw_worksheet *ws = W->workbook_add_worksheet(wb, name);
    if (!ws) return -1;
    double w[8] = {12, 12, 12, 12, 12, 12, 12, 12};
    lxw_row_t r = 0;
    const cJSON *study = qc_rj(doc, "study");
    kv(ws, &r, f, L, "l.id", qc_rj_str(study, "id"), w);
    kv(ws, &r, f, L, "l.title", qc_rj_str(study, "title"), w);
    kv(ws, &r, f, L, "l.date", qc_rj_str(study, "date"), w);
    const char *rule = qc_rj_str(study, "decision_rule.kind");
    kv(ws, &r, f, L, "l.decision_rule", rule ? qc_trw(L, "rule", rule) : NULL, w);
    r++;
    static const char *const sh[] = {"c.product", "verdict.leading", "verdict.on_par",
                                     "verdict.lagging", "verdict.inconclusive", "c.quality_index"};
    static const char *const sp[] = {NULL, "scorecard.leading", "scorecard.on_par",
                                     "scorecard.lagging", "scorecard.inconclusive",
                                     "scorecard.quality_index"};
    lxw_row_t first = r;
    for (int c = 0; c < 6; c++) W->worksheet_write_string(ws, r, (lxw_col_t)c, qc_tr(L, sh[c]), f->head);
    r++;
    for (const cJSON *p = qc_rj_first(doc, "products"); p; p = p->next, r++) {
        W->worksheet_write_string(ws, r, 0, qc_rj_name(p, L, "product"), NULL);
        width(&w[0], qc_rj_name(p, L, "product"));
        for (int c = 1; c < 6; c++) {
            double x;
            if (qc_rj_num(p, sp[c], &x)) put_number(f->w, ws, 1, r, (lxw_col_t)c, x, c < 5 ? f->count : f->num, log);
        }
    }
    W->worksheet_autofilter(ws, first, 0, r - 1, 5);
    r++;
    static const char *const vh[] = {"c.product", "c.standard", "c.grade", "c.verdict", "c.flags"};
    for (int c = 0; c < 5; c++) W->worksheet_write_string(ws, r, (lxw_col_t)c, qc_tr(L, vh[c]), f->head);
    r++;
    for (const cJSON *p = qc_rj_first(doc, "products"); p; p = p->next)
        for (const cJSON *s = qc_rj_first(p, "standards"); s; s = s->next, r++) {
            const char *v = qc_rj_str(s, "verdict");
            W->worksheet_write_string(ws, r, 0, qc_rj_name(p, L, "product"), NULL);
            if (qc_rj_str(s, "id")) W->worksheet_write_string(ws, r, 1, qc_rj_str(s, "id"), NULL), width(&w[1], qc_rj_str(s, "id"));
            if (qc_rj_str(s, "grade")) W->worksheet_write_string(ws, r, 2, qc_rj_str(s, "grade"), NULL);
            if (v) W->worksheet_write_string(ws, r, 3, qc_trw(L, "pverdict", v), NULL), width(&w[3], qc_trw(L, "pverdict", v));
            qc_sb fl = {0};
            for (const cJSON *x = qc_rj_first(s, "flags"); x; x = x->next)
                if (cJSON_IsString(x)) sb_printf(&fl, "%s%s", fl.n ? "; " : "", qc_trw(L, "flag", x->valuestring));
            if (fl.s) W->worksheet_write_string(ws, r, 4, fl.s, f->bold), width(&w[4], fl.s);
            free(fl.s);
        }
    for (int c = 0; c < 8; c++) W->worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c] > 60 ? 60 : w[c], NULL);
    return 0;
}

/* The study date as the workbook's creation time (noon UTC: the same day in every zone). */
static time_t study_time(const cJSON *doc)
{
    const char *d = qc_rj_str(doc, "study.date");
    int y, m, day;
    if (!d || sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3 || y < 1980 || m < 1 || m > 12 || day < 1 || day > 31)
        return (time_t)315576000;  /* 1980-01-01 12:00 UTC */
    /* days from the civil date (Howard Hinnant's algorithm), no timezone involved */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400, doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy, days = era * 146097 + doe - 719468;
    return (time_t)(days * 86400 + 43200);
}

static qc_status read_all(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return QC_EIO;
    qc_sb b = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_putn(&b, buf, n);
    int bad = ferror(f);
    fclose(f);
    if (bad || b.oom) { free(b.s); return bad ? QC_EIO : QC_ENOMEM; }
    *len = b.n;
    *data = b.s;
    return QC_OK;
}

qc_status qc_xlsx_write(const cJSON *doc, qc_lang L, const char *path, qc_error *err)
{
    ttable t[QC_TIDY_N];
    /* both libraries (xlsx_exact.c rewrites the workbook with libzip) before any work */
    const qc_xlsxwriter_lib *W;
    const qc_zip_lib *z;
    qc_status s = qc_dynload_xlsxwriter(path, &W, err);
    if (!s) s = qc_dynload_zip(path, &z, err);
    if (s) return s;
    s = qc_tidy_build(doc, L, t, err);
    if (s) return s;
    const char *tmpdir = getenv("TMPDIR");
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/qcompare-xlsx-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        qc_tidy_free(t);
        return qc_error_set(err, QC_EIO, "%s: cannot create a temporary file: %s", tmp, strerror(errno));
    }
    close(fd);
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    lxw_workbook *wb = W->workbook_new_opt(tmp, &opt);
    if (!wb) {
        unlink(tmp);
        qc_tidy_free(t);
        return qc_error_set(err, QC_ENOMEM, "out of memory");
    }
    lxw_doc_properties props = {.title = (char *)(qc_rj_str(doc, "study.title") ? qc_rj_str(doc, "study.title") : ""),
                                .comments = "qcompare report", .created = study_time(doc)};
    W->workbook_set_properties(wb, &props);
    fmts f = {W, W->workbook_add_format(wb), W->workbook_add_format(wb), W->workbook_add_format(wb),
              W->workbook_add_format(wb), W->workbook_add_format(wb), W->workbook_add_format(wb)};
    W->format_set_bold(f.head);
    W->format_set_bg_color(f.head, 0xDCE6F0);
    W->format_set_border(f.head, LXW_BORDER_THIN);
    W->format_set_text_wrap(f.head);
    W->format_set_num_format(f.count, "0");
    W->format_set_num_format(f.num, "General");
    W->format_set_num_format(f.rate, "0.0%");
    W->format_set_num_format(f.p, "General");
    W->format_set_bold(f.bold);
    numlog log = {0};
    int bad = summary_sheet(wb, doc, &f, L, &log);
    for (int k = 0; k < QC_TIDY_N && !bad; k++) bad = table_sheet(wb, &t[k], &f, L, (uint32_t)k + 2, &log);
    lxw_error e = W->workbook_close(wb);
    qc_tidy_free(t);
    char *data = NULL;
    size_t len = 0;
    if (bad || log.oom || e != LXW_NO_ERROR) {
        unlink(tmp);
        free(log.v);
        return qc_error_set(err, QC_EIO, "%s: the workbook could not be written: %s", path,
                            bad || log.oom ? "out of memory" : W->lxw_strerror(e));
    }
    s = qc_xlsx_exact(tmp, log.v, log.n, props.created, err);
    free(log.v);
    if (s) { unlink(tmp); return s; }
    s = read_all(tmp, &data, &len);
    unlink(tmp);
    if (s) return qc_error_set(err, s, "%s: cannot read back the workbook", tmp);
    s = qc_report_write_bytes(path, data, len, err);
    free(data);
    return s;
}
