/* status.h — status codes and the error record every libqcompare call fills.
 *
 * Library functions never print and never abort: they return a qc_status and, where a caller
 * passed a qc_error, a one-line message already located in the input
 * ("FILE:LINE:COL: message" for text and CSV, "FILE: $.json.path: message" for JSON).
 * The numeric values of the first codes are the command's exit codes (DESIGN §7). */
#ifndef QCOMPARE_STATUS_H
#define QCOMPARE_STATUS_H

#include <stddef.h>

typedef enum {
    QC_OK = 0,
    QC_EUSAGE = 2,  /* bad call or option */
    QC_EDATA = 3,   /* bad results data (strict mode, or nothing usable) */
    QC_ERULES = 4,  /* bad rules, dictionary, product list or study */
    QC_EIO = 5,     /* unreadable input, unwritable output */
    QC_ENOMEM = 6,  /* out of memory (the command exits 5) */
    QC_EDOM = 7     /* a statistic is undefined for these data (n too small, zero variance) */
} qc_status;

typedef struct qc_error {
    qc_status status;
    char message[1024];
} qc_error;

/* Sets err (when not NULL) to status and a printf-formatted message; returns status. */
qc_status qc_error_set(qc_error *err, qc_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Appends printf-formatted text to the NUL-terminated string in buf (truncating at size). */
void qc_message_append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Short English name of a status ("bad rules or study", …). */
const char *qc_status_string(qc_status status);

#endif
