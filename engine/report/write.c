/* write.c — the only writer of analyses (report.h): serialises the document as cJSON_Print
 * would (print.c; each number as %.15g when that reads back within DBL_EPSILON, else %.17g) and
 * writes it. What a target gets depends on what it is (README "Command line", -o):
 *   - absent, or a regular file: a temporary file beside it (TARGET.tmp.XXXXXX), flushed, then
 *     renamed over it, so a failed or killed run leaves the old file intact and no half file;
 *   - a symbolic link: followed to the file it names, which is replaced as above (the link
 *     stays a link; a dangling link's target is created);
 *   - a FIFO or character device (/dev/null, a terminal): written in place, never replaced;
 *   - a directory, block device or socket: refused (QC_EIO), nothing written;
 *   - "-" or NULL: standard output.
 * It owns the table of temporary files being written, which a SIGTERM, SIGHUP or SIGINT
 * removes (async-signal-safe: fixed buffers, unlink, then the signal's default action).
 * The output can also be written in pieces (qc_report_out_*), which the streaming analysis uses
 * so that a study of many products never holds its whole document. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
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

/* --- temporary files removed on SIGTERM, SIGHUP, SIGINT ------------------------------------ */

#define NTMP 8
static char tmp_path[NTMP][PATH_MAX];
static volatile sig_atomic_t tmp_used[NTMP];
static const int cleanup_signals[] = {SIGTERM, SIGHUP, SIGINT};

static void on_signal(int sig)
{
    int saved = errno;
    for (int i = 0; i < NTMP; i++)
        if (tmp_used[i]) unlink(tmp_path[i]);
    errno = saved;
    /* SA_RESETHAND restored the default action: the process ends as the signal says */
    raise(sig);
}

/* Handlers are installed once, for signals whose action is still the default (an application
 * that handles or ignores them keeps its choice). */
static void install_handlers(void)
{
    static int installed;
    if (installed) return;
    installed = 1;
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals; i++) {
        struct sigaction old, sa;
        if (sigaction(cleanup_signals[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL) continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        for (size_t j = 0; j < sizeof cleanup_signals / sizeof *cleanup_signals; j++)
            sigaddset(&sa.sa_mask, cleanup_signals[j]);
        sa.sa_flags = SA_RESETHAND;
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

/* Records a temporary file; its slot, or -1 when the table is full or the path too long (the
 * file is then only removed by the ordinary paths). */
static int tmp_register(const char *path)
{
    size_t n = strlen(path);
    if (n >= PATH_MAX) return -1;
    install_handlers();
    for (int i = 0; i < NTMP; i++)
        if (!tmp_used[i]) {
            memcpy(tmp_path[i], path, n + 1);
            tmp_used[i] = 1;
            return i;
        }
    return -1;
}

static void tmp_forget(int slot)
{
    if (slot >= 0) tmp_used[slot] = 0;
}

/* --- what the target is ------------------------------------------------------------------ */

/* The file a symbolic link chain ends at (existing or not): malloc'd, or NULL with errno set
 * (ELOOP past 40 links). path itself when it is no link. */
static char *follow_links(const char *path)
{
    char *cur = strdup(path);
    for (int hops = 0; cur; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) return cur;
        if (hops == 40) { free(cur); errno = ELOOP; return NULL; }
        char link[PATH_MAX];
        ssize_t n = readlink(cur, link, sizeof link - 1);
        if (n < 0) { free(cur); return NULL; }
        link[n] = '\0';
        const char *slash = strrchr(cur, '/');
        size_t dl = link[0] != '/' && slash ? (size_t)(slash - cur) + 1 : 0;
        char *next = malloc(dl + (size_t)n + 1);
        if (next) { memcpy(next, cur, dl); memcpy(next + dl, link, (size_t)n + 1); }
        free(cur);
        cur = next;
    }
    errno = ENOMEM;
    return NULL;
}

static const char *kind_of(mode_t m)
{
    return S_ISDIR(m) ? "a directory" : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket"
           : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device" : "not a regular file";
}

/* An output being written: stdout, a device or FIFO written in place, or a temporary file
 * beside the target. */
struct qc_report_out {
    const char *path;     /* the target as given; NULL: stdout */
    char *real;           /* the file replaced (links followed); NULL: written in place */
    char *tmp;
    int fd;
    int slot;             /* in the signal table, or -1 */
    int raw;              /* the bytes as given: no final newline (qc_report_write_bytes) */
};

static qc_status open_error(qc_report_out *o, const char *path, const char *why, qc_error *err)
{
    qc_status s = qc_error_set(err, QC_EIO, "%s: cannot write: %s", path, why);
    free(o->real);
    free(o->tmp);
    free(o);
    return s;
}

/* Opens an existing FIFO or character device for writing in place (no truncation, no
 * replacement; a FIFO waits for its reader, as a shell redirection does): 1 when done, 0 when
 * path turned out to be a regular file after all, -1 with errno on failure. */
static int open_in_place(qc_report_out *o, const char *path)
{
    o->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (o->fd < 0) return -1;
    struct stat st;
    if (fstat(o->fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) return 1;
    close(o->fd);  /* replaced by a regular file in between: write it the atomic way */
    o->fd = -1;
    return 0;
}

qc_status qc_report_out_open(const char *path, qc_report_out **out, qc_error *err)
{
    qc_report_out *o = calloc(1, sizeof *o);
    if (!o) return qc_error_set(err, QC_ENOMEM, "out of memory");
    o->fd = STDOUT_FILENO;
    o->slot = -1;
    if (!path || strcmp(path, "-") == 0) {
        *out = o;
        return QC_OK;
    }
    o->path = path;
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return open_error(o, path, "Is a directory: name a file in it (-o DIR/out.json)", err);
        if (S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode)) {
            char why[96];
            snprintf(why, sizeof why, "it is %s: refused", kind_of(st.st_mode));
            return open_error(o, path, why, err);
        }
        if (!S_ISREG(st.st_mode)) {
            int r = open_in_place(o, path);
            if (r < 0) return open_error(o, path, strerror(errno), err);
            if (r > 0) { *out = o; return QC_OK; }
        }
    }
    if (!(o->real = follow_links(path)))
        return open_error(o, path, strerror(errno), err);
    size_t tl = strlen(o->real) + 16;
    if (!(o->tmp = malloc(tl))) return open_error(o, path, "out of memory", err);
    snprintf(o->tmp, tl, "%s.tmp.XXXXXX", o->real);
    o->fd = mkstemp(o->tmp);
    if (o->fd < 0) return open_error(o, path, strerror(errno), err);
    o->slot = tmp_register(o->tmp);
    mode_t mask = umask(0);  /* mkstemp creates 0600; give the file the usual 0666 & ~umask */
    umask(mask);
    if (fchmod(o->fd, 0666 & ~mask) != 0) {
        qc_status s = qc_error_set(err, QC_EIO, "%s: cannot write: %s", path, strerror(errno));
        qc_report_out_close(o, 0, NULL);
        return s;
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
    if (commit && !o->raw && write_all(o->fd, "\n", 1) != QC_OK) s = QC_EIO;
    if (o->tmp) {
        if (commit && !s && fsync(o->fd) != 0) s = QC_EIO;
        if (close(o->fd) != 0) s = QC_EIO;
        if (commit && !s && rename(o->tmp, o->real) != 0) s = QC_EIO;
        if (!commit || s) unlink(o->tmp);  /* no partial file is left */
        tmp_forget(o->slot);
    } else if (o->path && close(o->fd) != 0) {
        s = QC_EIO;
    }
    if (s && commit) qc_error_set(err, QC_EIO, "%s: cannot write: %s",
                                  o->path ? o->path : "<stdout>", strerror(errno));
    free(o->real);
    free(o->tmp);
    free(o);
    return s;
}

qc_status qc_report_write(const cJSON *doc, const char *path, qc_error *err)
{
    size_t len;
    char *text = qc_report_print(doc, 0, NULL, &len);
    if (!text) return qc_error_set(err, QC_ENOMEM, "out of memory");
    qc_report_out *o;
    qc_status s = qc_report_out_open(path, &o, err);
    if (!s) {
        s = qc_report_out_put(o, text, len, err);
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
