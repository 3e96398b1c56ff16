/* xlsx.c — an Excel workbook as results (README "Results CSV", xlsx): the archive (libzip,
 * loaded on first use: dynload.h), the sheet chosen by name or 1-based index (xl/workbook.xml and its relationships), the
 * shared strings and which cell styles are dates (xl/styles.xml), all parsed with expat; the
 * sheet itself is streamed by xlsx_sheet.c. Owns the qc_xlsx handle: the open archive, the
 * shared strings and the date flags of the styles. */
#define _POSIX_C_SOURCE 200809L
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "qcompare/grow.h"
#include "xlsx_internal.h"

const char *qc_xlsx_local(const char *name)
{
    const char *sp = strrchr(name, ' ');
    return sp ? sp + 1 : name;
}

const char *qc_xlsx_attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(qc_xlsx_local(atts[i]), local) == 0) return atts[i + 1];
    return NULL;
}

int qc_xlsx_text_add(qc_xlsx_text *t, const char *s, size_t n)
{
    if (qc_grow_bytes(&t->s, &t->cap, t->len + n + 1, 64)) return -1;
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
    return 0;
}

/* Parses archive entry `name` with the handlers; -1 when absent (when optional), else 0 or
 * an error status in err. */
qc_status qc_xlsx_parse(qc_xlsx *x, const char *name, int optional, XML_StartElementHandler start,
                        XML_EndElementHandler end, XML_CharacterDataHandler text, void *ud,
                        qc_error *err)
{
    zip_file_t *zf = x->z->zip_fopen(x->zip, name, 0);
    if (!zf) {
        if (optional) return QC_OK;
        return qc_error_set(err, QC_EDATA, "%s: not an xlsx workbook (no %s in the archive)",
                            x->path, name);
    }
    XML_Parser p = XML_ParserCreateNS("UTF-8", ' ');
    if (!p) { x->z->zip_fclose(zf); return qc_error_set(err, QC_ENOMEM, "out of memory"); }
    XML_SetUserData(p, ud);
    x->parser = p;
    XML_SetElementHandler(p, start, end);
    if (text) XML_SetCharacterDataHandler(p, text);
    char buf[65536];
    qc_status st = QC_OK;
    for (;;) {
        zip_int64_t n = x->z->zip_fread(zf, buf, sizeof buf);
        if (n < 0) { st = qc_error_set(err, QC_EIO, "%s: %s: cannot read from the archive", x->path, name); break; }
        if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (x->stop) { st = x->stop; break; }
            st = qc_error_set(err, QC_EDATA, "%s: %s:%lu: XML error: %s", x->path, name,
                              (unsigned long)XML_GetCurrentLineNumber(p),
                              XML_ErrorString(XML_GetErrorCode(p)));
            break;
        }
        if (n == 0) break;
    }
    XML_ParserFree(p);
    x->z->zip_fclose(zf);
    return st;
}

/* ---------- workbook: sheets and their parts ---------- */

typedef struct book { qc_xlsx *x; char **names, **rids, **targets, **ids; size_t n, nrel; int oom; } book;

static char *dup(book *b, const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d) b->oom = 1;
    return d;
}

static int push(book *b, char ***arr, size_t n)
{
    char **a = qc_grow(*arr, n, sizeof *a);
    if (!a) { b->oom = 1; return -1; }
    *arr = a;
    return 0;
}

static void XMLCALL book_start(void *ud, const char *el, const char **atts)
{
    book *b = ud;
    const char *l = qc_xlsx_local(el);
    if (strcmp(l, "sheet") == 0 && !push(b, &b->names, b->n) && !push(b, &b->rids, b->n)) {
        b->names[b->n] = dup(b, qc_xlsx_attr(atts, "name"));
        b->rids[b->n++] = dup(b, qc_xlsx_attr(atts, "id"));
    } else if (strcmp(l, "workbookPr") == 0) {
        const char *d = qc_xlsx_attr(atts, "date1904");
        b->x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (strcmp(l, "Relationship") == 0 && !push(b, &b->ids, b->nrel) &&
               !push(b, &b->targets, b->nrel)) {
        b->ids[b->nrel] = dup(b, qc_xlsx_attr(atts, "Id"));
        b->targets[b->nrel++] = dup(b, qc_xlsx_attr(atts, "Target"));
    }
}

static void XMLCALL no_end(void *ud, const char *el) { (void)ud; (void)el; }

static void free_list(char **a, size_t n)
{
    for (size_t i = 0; i < n; i++) free(a[i]);
    free(a);
}

/* Resolves the sheet: by name (exact, else folded) or 1-based index; its part's path. */
static qc_status choose_sheet(qc_xlsx *x, const char *name, int index, qc_error *err)
{
    book b = {.x = x};
    qc_status st = qc_xlsx_parse(x, "xl/workbook.xml", 0, book_start, no_end, NULL, &b, err);
    if (!st) st = qc_xlsx_parse(x, "xl/_rels/workbook.xml.rels", 0, book_start, no_end, NULL, &b, err);
    if (!st && b.oom) st = qc_error_set(err, QC_ENOMEM, "out of memory");
    size_t k = b.n;
    if (!st && b.n == 0) st = qc_error_set(err, QC_EDATA, "%s: the workbook has no sheet", x->path);
    if (!st && name) {
        for (k = 0; k < b.n && strcmp(b.names[k], name) != 0; k++) {}
        for (size_t j = 0; k == b.n && j < b.n; j++)
            if (qc_name_same(b.names[j], name)) k = j;
    } else if (!st) {
        k = (size_t)(index > 0 ? index - 1 : 0);
    }
    if (!st && k >= b.n) {
        char list[512] = "";
        for (size_t j = 0, o = 0; j < b.n && o < sizeof list - 80; j++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s\"%.60s\"", j ? ", " : "", b.names[j]);
        char want[300];
        if (name) snprintf(want, sizeof want, "no sheet \"%.200s\"", name);
        else snprintf(want, sizeof want, "no sheet %d", index);
        st = qc_error_set(err, QC_ERULES, "%s: %s (named by the study's sheet; the workbook has %s)",
                          x->path, want, list);
    }
    const char *target = NULL;
    for (size_t r = 0; !st && r < b.nrel; r++)
        if (strcmp(b.ids[r], b.rids[k]) == 0) target = b.targets[r];
    if (!st && !target)
        st = qc_error_set(err, QC_EDATA, "%s: sheet \"%s\" has no part in the archive", x->path, b.names[k]);
    if (!st) {
        size_t n = strlen(target) + 8;
        x->part = malloc(n);
        x->sheet = strdup(b.names[k]);
        if (!x->part || !x->sheet) st = qc_error_set(err, QC_ENOMEM, "out of memory");
        else if (target[0] == '/') snprintf(x->part, n, "%s", target + 1);
        else snprintf(x->part, n, "xl/%s", target);
    }
    free_list(b.names, b.n); free_list(b.rids, b.n);
    free_list(b.ids, b.nrel); free_list(b.targets, b.nrel);
    return st;
}

/* ---------- shared strings ---------- */

typedef struct sst { qc_xlsx *x; qc_xlsx_text cur; int in_si, in_t, in_rph, oom; } sst;

static void XMLCALL sst_start(void *ud, const char *el, const char **atts)
{
    sst *s = ud;
    const char *l = qc_xlsx_local(el);
    (void)atts;
    if (strcmp(l, "si") == 0) { s->in_si = 1; s->cur.len = 0; if (s->cur.s) s->cur.s[0] = '\0'; }
    else if (strcmp(l, "rPh") == 0) s->in_rph = 1;  /* phonetic guide: not the text */
    else if (strcmp(l, "t") == 0 && s->in_si && !s->in_rph) s->in_t = 1;
}

static void XMLCALL sst_end(void *ud, const char *el)
{
    sst *s = ud;
    const char *l = qc_xlsx_local(el);
    if (strcmp(l, "t") == 0) s->in_t = 0;
    else if (strcmp(l, "rPh") == 0) s->in_rph = 0;
    else if (strcmp(l, "si") == 0) {
        qc_xlsx *x = s->x;
        char **a = qc_grow(x->strings, x->nstrings, sizeof *a);
        if (!a) { s->oom = 1; return; }
        x->strings = a;
        if (!(a[x->nstrings] = strdup(s->cur.s ? s->cur.s : ""))) { s->oom = 1; return; }
        x->nstrings++;
        s->in_si = 0;
    }
}

static void XMLCALL sst_text(void *ud, const char *t, int n)
{
    sst *s = ud;
    if (s->in_t && qc_xlsx_text_add(&s->cur, t, (size_t)n)) s->oom = 1;
}

/* ---------- styles: which cell formats are dates ---------- */

/* A built-in number format that shows a date or time (ECMA-376 §18.8.30, and the CJK
 * locales' 27–36, 50–58). */
static int builtin_date(int id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

/* A format code that shows a date: y, d, h or s outside quotes, escapes and [colour]. */
static int code_is_date(const char *c)
{
    for (size_t i = 0; c[i]; i++) {
        if (c[i] == '"') { while (c[i + 1] && c[++i] != '"') {} continue; }
        if (c[i] == '\\' || c[i] == '_' || c[i] == '*') { if (c[i + 1]) i++; continue; }
        if (c[i] == '[') { while (c[i + 1] && c[++i] != ']') {} continue; }
        char l = (char)(c[i] | 0x20);
        if (l == 'y' || l == 'd' || l == 'h' || l == 's') return 1;
    }
    return 0;
}

typedef struct styles { qc_xlsx *x; int *custom_ids, *custom_date; size_t ncustom; int in_xfs, oom; } styles;

static void XMLCALL style_start(void *ud, const char *el, const char **atts)
{
    styles *s = ud;
    const char *l = qc_xlsx_local(el);
    if (strcmp(l, "numFmt") == 0) {
        int *a = qc_grow(s->custom_ids, s->ncustom, sizeof *a);
        if (a) s->custom_ids = a;
        int *b = a ? qc_grow(s->custom_date, s->ncustom, sizeof *b) : NULL;
        if (!b) { s->oom = 1; return; }
        s->custom_date = b;
        const char *id = qc_xlsx_attr(atts, "numFmtId"), *code = qc_xlsx_attr(atts, "formatCode");
        a[s->ncustom] = id ? atoi(id) : -1;
        b[s->ncustom++] = code && code_is_date(code);
    } else if (strcmp(l, "cellXfs") == 0) {
        s->in_xfs = 1;
    } else if (strcmp(l, "xf") == 0 && s->in_xfs) {
        qc_xlsx *x = s->x;
        unsigned char *d = qc_grow(x->date_style, x->nstyles, 1);
        if (!d) { s->oom = 1; return; }
        x->date_style = d;
        const char *idt = qc_xlsx_attr(atts, "numFmtId");
        int id = idt ? atoi(idt) : 0, date = builtin_date(id);
        for (size_t k = 0; k < s->ncustom; k++)
            if (s->custom_ids[k] == id) date = s->custom_date[k];
        d[x->nstyles++] = (unsigned char)date;
    }
}

static void XMLCALL style_end(void *ud, const char *el)
{
    styles *s = ud;
    if (strcmp(qc_xlsx_local(el), "cellXfs") == 0) s->in_xfs = 0;
}

/* ---------- the handle ---------- */

qc_status qc_xlsx_open(const char *path, const char *sheet_name, int sheet_index, qc_xlsx **out,
                       qc_error *err)
{
    int ze = 0;
    qc_xlsx *x = calloc(1, sizeof *x);
    if (!x) return qc_error_set(err, QC_ENOMEM, "out of memory");
    x->path = path;
    qc_status ls = qc_dynload_zip(path, &x->z, err);
    if (ls) { free(x); return ls; }
    if (!(x->zip = x->z->zip_open(path, ZIP_RDONLY, &ze))) {
        free(x);
        if (ze == ZIP_ER_NOENT || ze == ZIP_ER_OPEN || ze == ZIP_ER_READ)
            return qc_error_set(err, QC_EIO, "%s: cannot open", path);
        return qc_error_set(err, QC_EDATA, "%s: not an xlsx workbook (not a zip archive)", path);
    }
    qc_status st = choose_sheet(x, sheet_name, sheet_index, err);
    sst s = {.x = x};
    if (!st) st = qc_xlsx_parse(x, "xl/sharedStrings.xml", 1, sst_start, sst_end, sst_text, &s, err);
    free(s.cur.s);
    styles y = {.x = x};
    if (!st) st = qc_xlsx_parse(x, "xl/styles.xml", 1, style_start, style_end, NULL, &y, err);
    free(y.custom_ids);
    free(y.custom_date);
    if (!st && (s.oom || y.oom)) st = qc_error_set(err, QC_ENOMEM, "out of memory");
    if (st) { qc_xlsx_free(x); return st; }
    *out = x;
    return QC_OK;
}

const char *qc_xlsx_sheet(const qc_xlsx *x) { return x->sheet; }

void qc_xlsx_free(qc_xlsx *x)
{
    if (!x) return;
    if (x->zip) x->z->zip_discard(x->zip);
    free_list(x->strings, x->nstrings);
    free(x->date_style);
    free(x->part);
    free(x->sheet);
    free(x);
}

size_t qc_xlsx_column_name(size_t col, char buf[8])
{
    char t[8];
    size_t n = 0;
    for (col += 1; col && n < 7; col = (col - 1) / 26) t[n++] = (char)('A' + (col - 1) % 26);
    for (size_t i = 0; i < n; i++) buf[i] = t[n - 1 - i];
    buf[n] = '\0';
    return n;
}
