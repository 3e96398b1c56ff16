/* xlsx_exact.c — gives an xlsx file written by libxlsxwriter full-precision numbers. The
 * library prints a number with %.16G, one digit short of what reads back to the same double
 * (21.766666666666666 is stored as 21.76666666666667), so after it has written the workbook
 * the numeric cells of each worksheet are rewritten, through libzip (dynload.h), with the
 * shortest text that reads back exactly, looked up by sheet and cell from the values the
 * writer recorded. Every entry gets the same modification time, so the same analysis gives the same bytes. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynload.h"
#include "render_internal.h"
#include "xlsx_exact.h"

static int by_cell(const void *a, const void *b)
{
    const qc_xnum *x = a, *y = b;
    if (x->sheet != y->sheet) return x->sheet < y->sheet ? -1 : 1;
    if (x->row != y->row) return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* "AB12" -> row 11, column 27 (0-based); 0 when it is no cell reference. */
static int parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
    uint32_t c = 0, r = 0;
    int nl = 0, nd = 0;
    for (; *s >= 'A' && *s <= 'Z'; s++, nl++) c = c * 26 + (uint32_t)(*s - 'A' + 1);
    for (; *s >= '0' && *s <= '9'; s++, nd++) r = r * 10 + (uint32_t)(*s - '0');
    if (!nl || !nd || *s != '"') return 0;
    *row = r - 1, *col = c - 1;
    return 1;
}

/* The first needle in [p, end), or NULL: bounded by the sheet's length (the XML read back is
 * no C string, and strstr would scan to its end on every call: quadratic under ASan). */
static const char *find(const char *p, const char *end, const char *needle)
{
    return p < end ? memmem(p, (size_t)(end - p), needle, strlen(needle)) : NULL;
}

/* The sheet's XML with the recorded cells' <v> texts exact. */
static char *fix_sheet(const char *xml, size_t len, uint32_t sheet, const qc_xnum *nums,
                       size_t n, size_t *out_len)
{
    qc_sb b = {0};
    const char *p = xml, *end = xml + len;
    while (p < end) {
        const char *c = find(p, end, "<c r=\"");
        if (!c) break;
        const char *close = memchr(c, '>', (size_t)(end - c));
        const char *v = close ? find(close, end, "<v>") : NULL;
        const char *ve = v ? find(v, end, "</v>") : NULL, *ce = close ? find(close, end, "</c>") : NULL;
        qc_xnum key = {sheet, 0, 0, 0};
        int numeric = close && close[-1] != '/' && v && ve && ce && v < ce && ve < ce &&
                      !memmem(c, (size_t)(close - c), " t=\"", 4) &&
                      parse_ref(c + 6, &key.row, &key.col);
        const qc_xnum *hit = numeric && n ? bsearch(&key, nums, n, sizeof *nums, by_cell) : NULL;
        if (!hit) {
            const char *next = close ? close + 1 : end;
            sb_putn(&b, p, (size_t)(next - p));
            p = next;
            continue;
        }
        char exact[32];
        qc_num_exact(exact, hit->x);
        sb_putn(&b, p, (size_t)(v + 3 - p));
        sb_put(&b, exact);
        p = ve;
    }
    sb_putn(&b, p, (size_t)(end - p));
    if (b.oom) { free(b.s); return NULL; }
    *out_len = b.n;
    return b.s;
}

qc_status qc_xlsx_exact(const char *path, qc_xnum *nums, size_t n, time_t mtime, qc_error *err)
{
    int ze = 0;
    const qc_zip_lib *z;
    qc_status ls = qc_dynload_zip(path, &z, err);
    if (ls) return ls;
    zip_t *za = z->zip_open(path, 0, &ze);
    if (!za) return qc_error_set(err, QC_EIO, "%s: cannot reopen the workbook (libzip error %d)", path, ze);
    if (n) qsort(nums, n, sizeof *nums, by_cell);  /* nums is NULL when there are none */
    qc_status s = QC_OK;
    zip_int64_t entries = z->zip_get_num_entries(za, 0);
    for (uint32_t sheet = 1; !s; sheet++) {
        char name[64];
        snprintf(name, sizeof name, "xl/worksheets/sheet%u.xml", sheet);
        zip_int64_t idx = z->zip_name_locate(za, name, 0);
        if (idx < 0) break;
        zip_stat_t st;
        zip_file_t *f = NULL;
        char *xml = NULL, *fixed = NULL;
        size_t flen = 0;
        /* calloc: a NUL after the sheet, where parse_ref stops at the latest */
        if (z->zip_stat_index(za, (zip_uint64_t)idx, 0, &st) != 0 || !(xml = calloc(1, st.size + 1)) ||
            !(f = z->zip_fopen_index(za, (zip_uint64_t)idx, 0)) ||
            z->zip_fread(f, xml, st.size) != (zip_int64_t)st.size) {
            s = qc_error_set(err, QC_EIO, "%s: cannot read %s back", path, name);
        } else if (!(fixed = fix_sheet(xml, st.size, sheet, nums, n, &flen))) {
            s = qc_error_set(err, QC_ENOMEM, "out of memory");
        } else {
            zip_source_t *src = z->zip_source_buffer(za, fixed, flen, 1);
            if (!src || z->zip_file_replace(za, (zip_uint64_t)idx, src, 0) != 0) {
                if (src) z->zip_source_free(src); else free(fixed);
                s = qc_error_set(err, QC_EIO, "%s: cannot rewrite %s", path, name);
            }
        }
        if (f) z->zip_fclose(f);
        free(xml);
    }
    for (zip_int64_t i = 0; !s && i < entries; i++)
        if (z->zip_file_set_mtime(za, (zip_uint64_t)i, mtime, 0) != 0)
            s = qc_error_set(err, QC_EIO, "%s: cannot set the time of an entry", path);
    if (s) {
        z->zip_discard(za);
        return s;
    }
    if (z->zip_close(za) != 0) {
        s = qc_error_set(err, QC_EIO, "%s: cannot write the workbook: %s", path, z->zip_strerror(za));
        z->zip_discard(za);
    }
    return s;
}
