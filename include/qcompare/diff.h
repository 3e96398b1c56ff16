/* diff.h — structural comparison of two gap analyses (DESIGN §6, `qcompare diff`, §7) with
 * numeric tolerances, for regression tests and for checking a re-run against a saved analysis.
 *
 * Rules (the same for the library and the command):
 *  - numbers agree when |e − a| <= atol + rtol·|e| (e expected, a actual); every other scalar
 *    (string, boolean, null) must be equal, and a value of another type is a difference;
 *  - volatile fields: $.engine.version is ignored; $.inputs.files[].path,
 *    $.inputs.rejections[].path, $.products[].indicators[].groups[].conformity[]
 *    .nonconforming[].file (and .accepted_in_guard_band[].file) and
 *    $.products[].indicators[].groups[].outliers.grubbs.file are compared by their basename
 *    only (absolute vs relative paths);
 *  - objects are compared key by key: a key on one side only is a difference, except that in
 *    subset mode EXPECTED may omit keys (ACTUAL may have more);
 *  - arrays whose elements are all objects with identity fields (product, indicator, group,
 *    standard, id, grade, market, sample_id, path (basename), line, a, b) are matched by
 *    identity, whatever their order: an element of EXPECTED with no match is "missing"
 *    (actual absent), an element of ACTUAL with no match is "extra" (expected absent), in both
 *    modes. An element matches when every identity field of the EXPECTED element is in the
 *    ACTUAL one with the same value; the first unmatched such element is taken;
 *  - other arrays (scalars, objects without identity) are compared index by index, and the
 *    surplus elements of the longer one are differences.
 * Paths name array elements by identity: $.products[steel-rebar].indicators[yield_strength]
 * .groups[local].mean; several identity fields are joined as ID@GRADE (standard or id, then
 * grade), SAMPLE:LINE (sample_id, line), PATH:LINE (path, line), A vs B (standards_comparison),
 * and otherwise with ", ". */
#ifndef QCOMPARE_DIFF_H
#define QCOMPARE_DIFF_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "status.h"

/* Default tolerances: far above the last-digit noise of printing a double (relative 1e-15 to
 * 1e-17), far below a relative change of 1e-3 (or of 1e-6). */
#define QC_DIFF_RTOL 1e-9
#define QC_DIFF_ATOL 1e-12

typedef struct qc_diff_options {
    double rtol, atol;  /* >= 0; see QC_DIFF_RTOL, QC_DIFF_ATOL */
    int subset;         /* 1: EXPECTED may omit object keys */
} qc_diff_options;

/* One difference. expected or actual is NULL when that side has no such value (a missing key,
 * a missing or extra array element). The pointers are valid only during the callback. */
typedef struct qc_difference {
    const char *path;       /* "$.products[steel-rebar].indicators[yield_strength]…" */
    const cJSON *expected;
    const cJSON *actual;
} qc_difference;

/* Called once per difference, in document order of EXPECTED, then ACTUAL's extra keys and
 * elements. Return 0 to go on, non-zero to stop the comparison. */
typedef int (*qc_diff_callback)(const qc_difference *d, void *ctx);

/* Options with the default tolerances, subset off. */
qc_diff_options qc_diff_defaults(void);

/* Checks that doc is a gap analysis this engine can compare: an object whose "schema" is
 * QC_SCHEMA ("qcompare/gap-analysis/1"). QC_ERULES otherwise, with a message
 * "NAME: $.schema: …" (name: a file name, or "expected"/"actual"). */
qc_status qc_diff_check(const cJSON *doc, const char *name, qc_error *err);

/* Reads and parses a gap analysis file and checks it (qc_diff_check). QC_EIO when the file
 * cannot be opened or read; QC_ERULES when it is not JSON ("FILE:LINE:COL: JSON syntax error")
 * or not a gap analysis. On success *doc owns the document (cJSON_Delete). */
qc_status qc_diff_load(const char *path, cJSON **doc, qc_error *err);

/* Compares two analyses (both checked first with qc_diff_check; opt NULL = defaults) and calls
 * cb (may be NULL) for each difference; *ndiff (may be NULL) receives the number reported.
 * QC_OK when the comparison ran, whether or not there were differences; QC_ERULES when either
 * is not a gap analysis; QC_EUSAGE for a negative or non-finite tolerance; QC_ENOMEM. */
qc_status qc_diff(const cJSON *expected, const cJSON *actual, const qc_diff_options *opt,
                  qc_diff_callback cb, void *ctx, size_t *ndiff, qc_error *err);

#endif
