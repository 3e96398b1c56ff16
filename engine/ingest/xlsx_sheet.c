/* xlsx_sheet.c — the rows of an xlsx sheet as the records the long and wide layouts read
 * (qc_xlsx_read, ingest.h): the sheet XML streamed through expat from the archive in blocks,
 * each cell's text (shared string, inline string, number as written, boolean, a formula's
 * cached value, a date-formatted number as an ISO date), merged ranges filled with their first
 * cell's value (a first pass reads the <mergeCells>, which Excel writes after the data), and
 * one record per row that holds a value, its line the sheet's row number. Owns the row being
 * built. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xlsx_internal.h"

#define MAX_COLUMNS 16384  /* XFD, Excel's last column */

typedef struct merge { size_t r1, c1, r2, c2; char *val; } merge;

typedef struct sheet {
    qc_xlsx *x;
    qc_csv_record_fn fn;
    void *ctx;
    merge *m;
    size_t nm;
    qc_xlsx_text *cols;      /* the current row's cells, per column */
    size_t ncols;            /* columns allocated */
    size_t width;            /* 1 + the last column with a cell in the row */
    size_t row, header_width;
    int header_done, any, oom, in_data;
    /* the current cell */
    size_t col;
    char type[16];
    int style, in_v, in_t, in_is;
    qc_xlsx_text v;
    char **field;
    size_t *len, nfield;
} sheet;

/* "C17" -> column 2, row 17; 0 when it is no cell reference. */
static int cell_ref(const char *s, size_t *col, size_t *row)
{
    size_t c = 0, r = 0, i = 0;
    for (; s[i] >= 'A' && s[i] <= 'Z'; i++) c = c * 26 + (size_t)(s[i] - 'A' + 1);
    if (i == 0 || c > MAX_COLUMNS) return 0;
    size_t j = i;
    for (; s[j] >= '0' && s[j] <= '9' && r < 100000000; j++) r = r * 10 + (size_t)(s[j] - '0');
    if (j == i || r == 0) return 0;
    *col = c - 1;
    *row = r;
    return 1;
}

static void XMLCALL merge_start(void *ud, const char *el, const char **atts)
{
    sheet *s = ud;
    if (strcmp(qc_xlsx_local(el), "mergeCell") != 0) return;
    const char *ref = qc_xlsx_attr(atts, "ref"), *colon = ref ? strchr(ref, ':') : NULL;
    merge g = {0};
    if (!colon || !cell_ref(ref, &g.c1, &g.r1) || !cell_ref(colon + 1, &g.c2, &g.r2)) return;
    if (g.r2 < g.r1 || g.c2 < g.c1) return;
    merge *m = realloc(s->m, (s->nm + 1) * sizeof *m);
    if (!m) { s->oom = 1; return; }
    s->m = m;
    m[s->nm++] = g;
}

static void XMLCALL no_end(void *ud, const char *el) { (void)ud; (void)el; }

static int days_to_civil(long long z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;  /* H. Hinnant's civil_from_days: days since 1970-01-01 */
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long yy = (long long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (*m <= 2));
    return 0;
}

int qc_xlsx_serial_date(double serial, int date1904, char out[32])
{
    if (!isfinite(serial) || serial < (date1904 ? 0 : 1) || serial >= 2958466) return -1;
    double whole = floor(serial);
    long long days = (long long)whole, secs = llround((serial - whole) * 86400.0);
    if (secs >= 86400) days++, secs = 0;
    if (!date1904 && days == 60) return -1;   /* 1900-02-29, which Excel counts and never was */
    /* 1900 system: serial 1 is 1900-01-01 (epoch 1899-12-31) up to the false leap day, then
     * 1899-12-30; 1904 system: serial 0 is 1904-01-01 */
    long long epoch = date1904 ? -24107 : days < 60 ? -25568 : -25569;
    int y;
    unsigned m, d;
    days_to_civil(epoch + days, &y, &m, &d);
    if (y < 1900 || y > 9999 || secs < 0) return -1;
    unsigned hh = (unsigned)(secs / 3600) % 24, mm = (unsigned)(secs / 60 % 60), ss = (unsigned)(secs % 60);
    if (secs)
        snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02u", (unsigned)y % 10000, m % 13, d % 32,
                 hh, mm, ss);
    else
        snprintf(out, 32, "%04u-%02u-%02u", (unsigned)y % 10000, m % 13, d % 32);
    return 0;
}

static qc_xlsx_text *column(sheet *s, size_t c)
{
    if (c >= s->ncols) {
        size_t n = s->ncols ? s->ncols : 16;
        while (n <= c) n *= 2;
        qc_xlsx_text *t = realloc(s->cols, n * sizeof *t);
        if (!t) return NULL;
        memset(t + s->ncols, 0, (n - s->ncols) * sizeof *t);
        s->cols = t;
        s->ncols = n;
    }
    return &s->cols[c];
}

static void set_cell(sheet *s, size_t c, const char *text, size_t n)
{
    qc_xlsx_text *t = column(s, c);
    if (!t) { s->oom = 1; return; }
    t->len = 0;
    if (qc_xlsx_text_add(t, text, n)) { s->oom = 1; return; }
    if (c + 1 > s->width) s->width = c + 1;
    if (n) s->any = 1;
}

static void stop(sheet *s, qc_status st)
{
    s->x->stop = st;
    XML_StopParser(s->x->parser, XML_FALSE);
}

static void XMLCALL row_start(void *ud, const char *el, const char **atts)
{
    sheet *s = ud;
    const char *l = qc_xlsx_local(el);
    if (strcmp(l, "sheetData") == 0) s->in_data = 1;
    if (!s->in_data) return;
    if (strcmp(l, "row") == 0) {
        const char *r = qc_xlsx_attr(atts, "r");
        s->row = r ? (size_t)strtoul(r, NULL, 10) : s->row + 1;
        for (size_t c = 0; c < s->width; c++) s->cols[c].len = 0;
        s->width = 0;
        s->any = 0;
        s->col = (size_t)-1;
    } else if (strcmp(l, "c") == 0) {
        const char *r = qc_xlsx_attr(atts, "r"), *t = qc_xlsx_attr(atts, "t"),
                   *st = qc_xlsx_attr(atts, "s");
        size_t c, rr;
        s->col = r && cell_ref(r, &c, &rr) ? c : s->col + 1;
        snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
        s->style = st ? atoi(st) : 0;
        s->v.len = 0;
        if (s->v.s) s->v.s[0] = '\0';
    } else if (strcmp(l, "v") == 0) {
        s->in_v = 1;
    } else if (strcmp(l, "is") == 0) {
        s->in_is = 1;
    } else if (strcmp(l, "t") == 0 && s->in_is) {
        s->in_t = 1;
    }
}

static void XMLCALL row_text(void *ud, const char *t, int n)
{
    sheet *s = ud;
    if ((s->in_v || s->in_t) && qc_xlsx_text_add(&s->v, t, (size_t)n)) s->oom = 1;
}

/* The text of the cell just closed. */
static void end_cell(sheet *s, int had_value)
{
    if (!had_value || s->col >= MAX_COLUMNS) return;
    const char *v = s->v.s ? s->v.s : "";
    char date[32];
    if (strcmp(s->type, "s") == 0) {
        size_t k = (size_t)strtoul(v, NULL, 10);
        v = k < s->x->nstrings ? s->x->strings[k] : "";
    } else if (strcmp(s->type, "b") == 0) {
        v = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
    } else if (strcmp(s->type, "n") == 0 && s->style >= 0 && (size_t)s->style < s->x->nstyles &&
               s->x->date_style[s->style] && *v) {
        char *end;
        double serial = strtod(v, &end);
        if (*end == '\0' && qc_xlsx_serial_date(serial, s->x->date1904, date) == 0) v = date;
    }
    set_cell(s, s->col, v, strlen(v));
}

/* Merged ranges over this row: their first cell's value in every cell of the range. */
static void fill_merges(sheet *s)
{
    for (size_t k = 0; k < s->nm; k++) {
        merge *g = &s->m[k];
        if (s->row < g->r1 || s->row > g->r2) continue;
        if (s->row == g->r1) {
            const char *v = g->c1 < s->width ? s->cols[g->c1].s : NULL;
            free(g->val);
            if (!(g->val = strdup(v ? v : ""))) { s->oom = 1; return; }
        }
        if (!g->val || !g->val[0]) continue;
        for (size_t c = g->c1; c <= g->c2 && c < MAX_COLUMNS; c++)
            if (c >= s->width || s->cols[c].len == 0) set_cell(s, c, g->val, strlen(g->val));
    }
}

static void end_row(sheet *s)
{
    fill_merges(s);
    if (s->oom) { stop(s, QC_ENOMEM); return; }
    if (!s->any) return;  /* only styles: no row */
    size_t w = s->width;
    while (w && s->cols[w - 1].len == 0) w--;   /* trailing empty cells */
    if (!s->header_done) s->header_width = w;
    else if (w < s->header_width) w = s->header_width;
    s->header_done = 1;
    if (w > s->nfield) {
        char **f = realloc(s->field, w * sizeof *f);
        if (f) s->field = f;
        size_t *l = f ? realloc(s->len, w * sizeof *l) : NULL;
        if (!l) { stop(s, QC_ENOMEM); return; }
        s->len = l;
        s->nfield = w;
    }
    for (size_t c = 0; c < w; c++) {
        int set = c < s->width && s->cols[c].s;
        s->field[c] = set ? s->cols[c].s : (char *)"";
        s->len[c] = set ? s->cols[c].len : 0;
    }
    qc_csv_record rec = {s->row, w, s->field, s->len, 0};  /* its fields are checked */
    int rc = s->fn(&rec, s->ctx);
    if (rc) stop(s, (qc_status)rc);
}

static void XMLCALL row_end(void *ud, const char *el)
{
    sheet *s = ud;
    const char *l = qc_xlsx_local(el);
    if (strcmp(l, "sheetData") == 0) s->in_data = 0;
    if (!s->in_data) return;
    if (strcmp(l, "v") == 0) s->in_v = 0;
    else if (strcmp(l, "t") == 0) s->in_t = 0;
    else if (strcmp(l, "is") == 0) s->in_is = 0;
    else if (strcmp(l, "c") == 0) {
        int inline_str = strcmp(s->type, "inlineStr") == 0;
        end_cell(s, s->v.len > 0 || inline_str || strcmp(s->type, "s") == 0 ||
                        strcmp(s->type, "str") == 0);
    } else if (strcmp(l, "row") == 0) {
        end_row(s);
    }
}

qc_status qc_xlsx_read(qc_xlsx *x, qc_csv_record_fn fn, void *ctx, qc_error *err)
{
    sheet s = {.x = x, .fn = fn, .ctx = ctx};
    x->stop = QC_OK;
    qc_status st = qc_xlsx_parse(x, x->part, 0, merge_start, no_end, NULL, &s, err);
    if (!st && s.oom) st = qc_error_set(err, QC_ENOMEM, "out of memory");
    if (!st) st = qc_xlsx_parse(x, x->part, 0, row_start, row_end, row_text, &s, err);
    if (!st && s.oom) st = qc_error_set(err, QC_ENOMEM, "out of memory");
    for (size_t k = 0; k < s.nm; k++) free(s.m[k].val);
    free(s.m);
    for (size_t c = 0; c < s.ncols; c++) free(s.cols[c].s);
    free(s.cols);
    free(s.v.s);
    free(s.field);
    free(s.len);
    return st;
}
