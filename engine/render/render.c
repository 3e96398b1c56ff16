/* render.c — the table of report formats (a new format is one row and one file), the check
 * that a document is a gap analysis a report can be made of, and the output of html and md:
 * to stdout, or atomically to a file, md with its SVG figures in NAME-figures/ beside it. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "render_internal.h"
#include "qcompare/diff.h"
#include "qcompare/report.h"

static qc_status write_html(const cJSON *doc, qc_lang L, const char *path, qc_error *err);
static qc_status write_md(const cJSON *doc, qc_lang L, const char *path, qc_error *err);

static const struct renderer {
    const char *name;
    int streams;              /* html/md: one text that may go to stdout */
    qc_status (*write)(const cJSON *doc, qc_lang L, const char *path, qc_error *err);
} renderers[] = {
    {"html", 1, write_html},
    {"md", 1, write_md},
    {"csv", 0, qc_csv_write_dir},
    {"xlsx", 0, qc_xlsx_write},
};
#define NRENDERERS (int)(sizeof renderers / sizeof renderers[0])

int qc_render_format(const char *name)
{
    for (int i = 0; name && i < NRENDERERS; i++)
        if (strcmp(name, renderers[i].name) == 0) return i;
    return -1;
}

int qc_render_streams(int format)
{
    return format >= 0 && format < NRENDERERS && renderers[format].streams;
}

int qc_render_lang(const char *name)
{
    if (name && strcmp(name, "zh") == 0) return QC_LANG_ZH;
    if (name && strcmp(name, "en") == 0) return QC_LANG_EN;
    return -1;
}

qc_status qc_render_check(const cJSON *doc, const char *name, qc_error *err)
{
    qc_status s = qc_diff_check(doc, name, err);
    if (s) return s;
    if (!cJSON_IsArray(qc_rj(doc, "products")))
        return qc_error_set(err, QC_ERULES, "%s: $.products: missing or not an array: not a gap "
                            "analysis a report can be made of", name);
    return QC_OK;
}

static qc_status text_of(const cJSON *doc, int format, qc_lang L, const char *figdir, rdoc *d,
                         qc_sb *out, qc_error *err)
{
    qc_status s = qc_build_doc(doc, L, d, err);
    if (s) return s;
    s = format == 0 ? qc_html_print(d, out) : qc_md_print(d, out, figdir);
    if (s) {
        rd_free(d);
        free(out->s);
        *out = (qc_sb){0};
        return qc_error_set(err, s, "out of memory");
    }
    return QC_OK;
}

static qc_status put_text(const char *path, const qc_sb *text, qc_error *err)
{
    qc_report_out *o;
    qc_status s = qc_report_out_open(path, &o, err);
    if (s) return s;
    s = qc_report_out_put(o, text->s ? text->s : "", text->n, err);
    qc_status c = qc_report_out_close(o, !s, err);  /* adds the final newline */
    return s ? s : c;
}

static qc_status write_html(const cJSON *doc, qc_lang L, const char *path, qc_error *err)
{
    rdoc d;
    qc_sb out = {0};
    qc_status s = text_of(doc, 0, L, NULL, &d, &out, err);
    if (s) return s;
    s = put_text(path, &out, err);
    rd_free(&d);
    free(out.s);
    return s;
}

static int to_stdout(const char *path) { return !path || strcmp(path, "-") == 0; }

static qc_status write_md(const cJSON *doc, qc_lang L, const char *path, qc_error *err)
{
    /* NAME.md -> figures in NAME-figures/ beside it, linked by that relative name */
    qc_sb dir = {0}, rel = {0}, out = {0};
    const char *figdir = NULL;
    if (!to_stdout(path)) {
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        size_t stem = strlen(base);
        if (stem > 3 && strcmp(base + stem - 3, ".md") == 0) stem -= 3;
        sb_putn(&rel, base, stem);
        sb_put(&rel, "-figures");
        sb_putn(&dir, path, (size_t)(base - path));
        sb_put(&dir, rel.s);
        figdir = rel.s;
    }
    rdoc d;
    qc_status s = rel.oom || dir.oom ? qc_error_set(err, QC_ENOMEM, "out of memory")
                                     : text_of(doc, 1, L, figdir, &d, &out, err);
    if (s) { free(dir.s); free(rel.s); return s; }
    if (figdir && d.nfig) {
        struct stat st;
        if (stat(dir.s, &st) == 0 ? !S_ISDIR(st.st_mode) : (errno != ENOENT || mkdir(dir.s, 0777) != 0))
            s = qc_error_set(err, QC_EIO, "%s: cannot create the figures directory: %s", dir.s,
                             errno ? strerror(errno) : "not a directory");
        for (size_t i = 0; i < d.n && !s; i++) {
            if (d.b[i].kind != RB_FIGURE) continue;
            qc_sb p = {0};
            sb_printf(&p, "%s/%s", dir.s, d.b[i].name);
            s = p.oom ? qc_error_set(err, QC_ENOMEM, "out of memory")
                      : qc_report_write_bytes(p.s, d.b[i].svg, strlen(d.b[i].svg), err);
            free(p.s);
        }
    }
    if (!s) s = put_text(path, &out, err);
    rd_free(&d);
    free(out.s), free(dir.s), free(rel.s);
    return s;
}

qc_status qc_render(const cJSON *doc, int format, qc_lang lang, const char *path, qc_error *err)
{
    if (format < 0 || format >= NRENDERERS)
        return qc_error_set(err, QC_EUSAGE, "unknown report format");
    if (!renderers[format].streams && to_stdout(path))
        return qc_error_set(err, QC_EUSAGE, "--format %s needs -o (%s)", renderers[format].name,
                            format == 2 ? "a directory" : "a file");
    qc_status s = qc_render_check(doc, "analysis", err);
    if (s) return s;
    return renderers[format].write(doc, lang, path, err);
}

qc_status qc_render_text(const cJSON *doc, int format, qc_lang lang, char **text, size_t *len,
                         qc_error *err)
{
    if (format != 0 && format != 1)
        return qc_error_set(err, QC_EUSAGE, "only html and md render to text");
    rdoc d;
    qc_sb out = {0};
    qc_status s = text_of(doc, format, lang, NULL, &d, &out, err);
    if (s) return s;
    rd_free(&d);
    if (len) *len = out.n;
    *text = out.s ? out.s : strdup("");
    return *text ? QC_OK : qc_error_set(err, QC_ENOMEM, "out of memory");
}
