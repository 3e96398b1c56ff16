/* write.c — the only writer of analyses (report.h): serialises the document with cJSON (which
 * prints each number with the shortest of %.15g / %.17g that reads back to the same double) and
 * writes it atomically: a temporary file beside the target, flushed, then renamed over it. The
 * output can also be written in pieces (qc_report_out_*), which the streaming analysis uses so
 * that a study of many products never holds its whole document. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "qcompare/report.h"

static qc_status write_all(int fd, const char *buf, size_t len)
{
    while (len) {
        ssize_t w = write(fd, buf, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            return QC_EIO;
        }
        buf += w;
        len -= (size_t)w;
    }
    return QC_OK;
}

/* An output being written: stdout, or a temporary file beside the target. */
struct qc_report_out {
    const char *path;     /* the target; NULL: stdout */
    char *tmp;
    int fd;
    int raw;              /* the bytes as given: no final newline (qc_report_write_bytes) */
};

qc_status qc_report_out_open(const char *path, qc_report_out **out, qc_error *err)
{
    qc_report_out *o = calloc(1, sizeof *o);
    if (!o) return qc_error_set(err, QC_ENOMEM, "out of memory");
    o->fd = STDOUT_FILENO;
    if (path && strcmp(path, "-") != 0) {
        size_t tl = strlen(path) + 16;
        o->path = path;
        if (!(o->tmp = malloc(tl))) { free(o); return qc_error_set(err, QC_ENOMEM, "out of memory"); }
        snprintf(o->tmp, tl, "%s.tmp.XXXXXX", path);
        o->fd = mkstemp(o->tmp);
        if (o->fd < 0) {
            qc_status s = qc_error_set(err, QC_EIO, "%s: cannot write: %s", path, strerror(errno));
            free(o->tmp); free(o);
            return s;
        }
        mode_t mask = umask(0);  /* mkstemp creates 0600; give the file the usual 0666 & ~umask */
        umask(mask);
        if (fchmod(o->fd, 0666 & ~mask) != 0) {
            qc_status s = qc_error_set(err, QC_EIO, "%s: cannot write: %s", path, strerror(errno));
            qc_report_out_close(o, 0, NULL);
            return s;
        }
    }
    *out = o;
    return QC_OK;
}

qc_status qc_report_out_put(qc_report_out *o, const char *text, size_t len, qc_error *err)
{
    if (write_all(o->fd, text, len) == QC_OK) return QC_OK;
    return qc_error_set(err, QC_EIO, "%s: write error: %s", o->path ? o->path : "<stdout>",
                        strerror(errno));
}

qc_status qc_report_out_close(qc_report_out *o, int commit, qc_error *err)
{
    if (!o) return QC_OK;
    qc_status s = QC_OK;
    if (!o->path) {
        if (commit && !o->raw && write_all(o->fd, "\n", 1) != QC_OK) s = QC_EIO;
    } else {
        if (commit && ((!o->raw && write_all(o->fd, "\n", 1) != QC_OK) || fsync(o->fd) != 0)) s = QC_EIO;
        if (close(o->fd) != 0) s = QC_EIO;
        if (commit && !s && rename(o->tmp, o->path) != 0) s = QC_EIO;
        if (!commit || s) unlink(o->tmp);  /* no partial file is left */
    }
    if (s && commit) qc_error_set(err, QC_EIO, "%s: cannot write: %s",
                                  o->path ? o->path : "<stdout>", strerror(errno));
    free(o->tmp);
    free(o);
    return s;
}

qc_status qc_report_write(const cJSON *doc, const char *path, qc_error *err)
{
    char *text = cJSON_Print(doc);
    if (!text) return qc_error_set(err, QC_ENOMEM, "out of memory");
    qc_report_out *o;
    qc_status s = qc_report_out_open(path, &o, err);
    if (!s) {
        s = qc_report_out_put(o, text, strlen(text), err);
        qc_status c = qc_report_out_close(o, !s, err);
        if (!s) s = c;
    }
    free(text);
    return s;
}

qc_status qc_report_write_bytes(const char *path, const void *data, size_t len, qc_error *err)
{
    qc_report_out *o;
    qc_status s = qc_report_out_open(path, &o, err);
    if (s) return s;
    o->raw = 1;
    s = qc_report_out_put(o, data, len, err);
    qc_status c = qc_report_out_close(o, !s, err);
    return s ? s : c;
}
