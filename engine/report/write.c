/* write.c — the only writer of analyses (report.h): serialises the document with cJSON (which
 * prints each number with the shortest of %.15g / %.17g that reads back to the same double) and
 * writes it atomically: a temporary file beside the target, flushed, then renamed over it. */
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

qc_status qc_report_write(const cJSON *doc, const char *path, qc_error *err)
{
    char *text = cJSON_Print(doc);
    if (!text) return qc_error_set(err, QC_ENOMEM, "out of memory");
    size_t len = strlen(text);
    if (!path || strcmp(path, "-") == 0) {
        int bad = fwrite(text, 1, len, stdout) != len || fputc('\n', stdout) == EOF ||
                  fflush(stdout) != 0;
        free(text);
        return bad ? qc_error_set(err, QC_EIO, "<stdout>: write error: %s", strerror(errno))
                   : QC_OK;
    }
    size_t tl = strlen(path) + 16;
    char *tmp = malloc(tl);
    if (!tmp) { free(text); return qc_error_set(err, QC_ENOMEM, "out of memory"); }
    snprintf(tmp, tl, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        qc_status s = qc_error_set(err, QC_EIO, "%s: cannot write: %s", path, strerror(errno));
        free(text); free(tmp);
        return s;
    }
    mode_t mask = umask(0);  /* mkstemp creates 0600; give the file the usual 0666 & ~umask */
    umask(mask);
    qc_status s = fchmod(fd, 0666 & ~mask) == 0 ? QC_OK : QC_EIO;
    if (!s) s = write_all(fd, text, len);
    if (!s) s = write_all(fd, "\n", 1);
    if (!s && fsync(fd) != 0) s = QC_EIO;
    if (close(fd) != 0) s = QC_EIO;
    if (!s && rename(tmp, path) != 0) s = QC_EIO;
    if (s) {
        qc_error_set(err, QC_EIO, "%s: cannot write: %s", path, strerror(errno));
        unlink(tmp);
    }
    free(text);
    free(tmp);
    return s;
}
