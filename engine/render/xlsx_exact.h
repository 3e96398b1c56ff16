/* xlsx_exact.h — full-precision numbers in a workbook libxlsxwriter wrote (xlsx_exact.c).
 * Not installed. */
#ifndef QC_RENDER_XLSX_EXACT_H
#define QC_RENDER_XLSX_EXACT_H

#include <stdint.h>
#include <time.h>
#include "qcompare/status.h"

/* A number written to a cell: sheet 1-based (the order sheets were added), row and column
 * 0-based. */
typedef struct qc_xnum { uint32_t sheet, row, col; double x; } qc_xnum;

/* Rewrites the numeric cells of the xlsx file at path that nums names with the shortest text
 * that reads back to their value (sorts nums), and sets every entry's time to mtime. */
qc_status qc_xlsx_exact(const char *path, qc_xnum *nums, size_t n, time_t mtime, qc_error *err);

#endif
