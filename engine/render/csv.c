/* csv.c — writes the tidy tables (tidy.c) as CSV files in a directory: UTF-8 with a BOM (so
 * that Excel on Windows reads Chinese correctly), CRLF line ends (RFC 4180), numbers in their
 * shortest round-trip form, an empty cell for null. A text cell starting with =, +, @, a tab
 * or a CR gets a leading apostrophe, so that a spreadsheet never runs a sample id as a
 * formula. Each file is written atomically. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "render_internal.h"
#include "qcompare/report.h"

static void field(qc_sb *b, const char *s)
{
    int quote = strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' || (*s && s[strlen(s) - 1] == ' ');
    int guard = s[0] == '=' || s[0] == '+' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
    if (quote || guard) sb_put(b, "\"");
    if (guard) sb_put(b, "'");
    for (const char *p = s; *p; p++) {
        if (*p == '"') sb_put(b, "\"");
        sb_putn(b, p, 1);
    }
    if (quote || guard) sb_put(b, "\"");
}

static void table_text(qc_sb *b, const ttable *t)
{
    sb_put(b, "\xEF\xBB\xBF");
    for (size_t c = 0; c < t->ncols; c++) {
        if (c) sb_put(b, ",");
        field(b, t->cols[c].name);
    }
    sb_put(b, "\r\n");
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const tval *v = &t->v[r * t->ncols + c];
            char num[32];
            if (c) sb_put(b, ",");
            if (v->t == TV_NUM) { qc_num_exact(num, v->x); sb_put(b, num); }
            else if (v->t == TV_STR) field(b, v->s);
        }
        sb_put(b, "\r\n");
    }
}

qc_status qc_csv_write_dir(const cJSON *doc, qc_lang lang, const char *dir, qc_error *err)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return qc_error_set(err, QC_EIO, "%s: not a directory (csv writes one file per table "
                                "into a directory)", dir);
    } else if (errno != ENOENT || mkdir(dir, 0777) != 0) {
        return qc_error_set(err, QC_EIO, "%s: cannot create the directory: %s", dir, strerror(errno));
    }
    ttable t[QC_TIDY_N];
    qc_status s = qc_tidy_build(doc, lang, t, err);
    if (s) return s;
    for (int k = 0; k < QC_TIDY_N && !s; k++) {
        qc_sb b = {0}, path = {0};
        table_text(&b, &t[k]);
        sb_printf(&path, "%s/%s.csv", dir, t[k].name);
        if (b.oom || path.oom) s = qc_error_set(err, QC_ENOMEM, "out of memory");
        else s = qc_report_write_bytes(path.s, b.s, b.n, err);
        free(b.s), free(path.s);
    }
    qc_tidy_free(t);
    return s;
}
