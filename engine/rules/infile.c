/* infile.c — opening input files (infile.h): regular files only, or standard input for "-";
 * the cap on JSON files. Owns no state. The lowest layer, so that rules, studies, results and
 * analyses are all opened the same way. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "qcompare/infile.h"

static const char *kind_of(mode_t m)
{
    return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
           : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

static qc_status not_regular(const char *path, mode_t m, qc_error *err)
{
    if (S_ISDIR(m)) return qc_error_set(err, QC_EIO, "%s: cannot read: it is a directory", path);
    return qc_error_set(err, QC_EIO, "%s: cannot read: it is %s, not a regular file (give - to "
                        "read standard input on purpose)", path, kind_of(m));
}

qc_status qc_input_open_fd(const char *path, int *fdp, long long *size, qc_error *err)
{
    if (size) *size = -1;
    if (strcmp(path, "-") == 0) {
        int fd = dup(STDIN_FILENO);
        if (fd < 0)
            return qc_error_set(err, QC_EIO, "-: cannot read standard input: %s", strerror(errno));
        *fdp = fd;
        return QC_OK;
    }
    struct stat st;
    /* refused before open: opening a FIFO waits for a writer, a device may act on open */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) return not_regular(path, st.st_mode, err);
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return qc_error_set(err, QC_EIO, "%s: cannot open: %s", path, strerror(errno));
    int rc = fstat(fd, &st), e = errno;
    if (rc != 0 || !S_ISREG(st.st_mode)) {  /* replaced since the stat */
        close(fd);
        if (rc != 0) return qc_error_set(err, QC_EIO, "%s: cannot open: %s", path, strerror(e));
        return not_regular(path, st.st_mode, err);
    }
    /* O_NONBLOCK off again; the other status flags are the ones open was given */
    if (fcntl(fd, F_SETFL, O_RDONLY) < 0) {
        e = errno;
        close(fd);
        return qc_error_set(err, QC_EIO, "%s: cannot open: %s", path, strerror(e));
    }
    if (size) *size = (long long)st.st_size;
    *fdp = fd;
    return QC_OK;
}

qc_status qc_input_open(const char *path, FILE **f, long long *size, qc_error *err)
{
    int fd;
    qc_status s = qc_input_open_fd(path, &fd, size, err);
    if (s) return s;
    if (!(*f = fdopen(fd, "rb"))) {
        int e = errno;
        close(fd);
        return qc_error_set(err, QC_EIO, "%s: cannot open: %s", path, strerror(e));
    }
    return QC_OK;
}

size_t qc_input_max_json(void)
{
    const char *v = getenv("QCOMPARE_MAX_JSON_BYTES");
    char *end;
    errno = 0;
    unsigned long long n = v && *v ? strtoull(v, &end, 10) : 0;
    if (!v || !*v || *end || errno || n == 0 || v[0] == '-') return QC_MAX_JSON_BYTES;
    return (size_t)n;
}
