/* status.c — the error record of status.h: formatting a located message and naming statuses.
 * Owns nothing else; every module reports through qc_error_set. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "qcompare/status.h"

qc_status qc_error_set(qc_error *err, qc_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->status = status;
    }
    return status;
}

const char *qc_status_string(qc_status status)
{
    switch (status) {
    case QC_OK: return "success";
    case QC_EUSAGE: return "usage error";
    case QC_EDATA: return "bad results data";
    case QC_ERULES: return "bad rules or study";
    case QC_EIO: return "input/output error";
    case QC_ENOMEM: return "out of memory";
    case QC_EDOM: return "statistic undefined for these data";
    }
    return "unknown status";
}

void qc_message_append(char *buf, size_t size, const char *fmt, ...)
{
    size_t len = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    if (len + 1 < size) vsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
}
