/* oracle_check.h — what every Check suite that compares numbers with an oracle file needs
 * (test_stats.c, test_compare.c, test_shape.c, test_capability.c, and groups_oracle.h's two):
 * finding and reading oracle files, and recording mismatches without stopping, so one run
 * shows them all. Header-only, static functions.
 *
 *   open_oracle / read_line   a file under $QC_ORACLES (default tests/oracles), line by line
 *   expect_close              |got − want| <= rtol·|want| + atol (NaN agrees only with NaN);
 *                             a mismatch is printed and counted in `failures`; worst_rel keeps
 *                             the largest relative error that passed
 *   expect_decimals           a value printed with n decimals: within half a unit of its last place
 *   lre                       the NIST StRD log relative error (digits), 15 when exact */
#ifndef QC_TEST_ORACLE_CHECK_H
#define QC_TEST_ORACLE_CHECK_H

#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline const char *oracle_dir(void) {
    const char *d = getenv("QC_ORACLES");
    return (d && *d) ? d : "tests/oracles";
}

static inline FILE *open_oracle(const char *rel) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", oracle_dir(), rel);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open oracle %s (set QC_ORACLES)", path);
    return f;
}

/* Reads one line without its CR/LF; returns 0 at end of file. */
static inline int read_line(FILE *f, char *buf, size_t size) {
    if (!fgets(buf, (int)size, f)) return 0;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 1;
}

static int failures;

static inline void fail_note(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("  MISMATCH: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    failures++;
}

/* |got − want| <= rtol·|want| + atol; two NaNs agree, a NaN and a number do not. */
static inline int close_to(double got, double want, double rtol, double atol) {
    if (isnan(want) || isnan(got)) return isnan(want) && isnan(got);
    return fabs(got - want) <= rtol * fabs(want) + atol;
}

static double worst_rel; /* largest relative error seen by expect_close since the last reset */

static inline void expect_close(const char *what, double got, double want, double rtol,
                                double atol) {
    double rel = want != 0 ? fabs(got - want) / fabs(want) : fabs(got - want);
    if (!close_to(got, want, rtol, atol))
        fail_note("%s: got %.17g, want %.17g (rel err %.3g, rtol %g, atol %g)", what, got, want,
                  rel, rtol, atol);
    else if (rel > worst_rel && isfinite(rel))
        worst_rel = rel;
}

/* A published value printed with `decimals` decimals: within half a unit of the last place. */
static inline void expect_decimals(const char *what, double got, double printed, int decimals) {
    expect_close(what, got, printed, 0, 0.5 * pow(10.0, -decimals) * (1 + 1e-9));
}

/* Log relative error, the NIST StRD digit count: −log10(|x − c|/|c|), 15 when exact. */
static inline double lre(double x, double c) {
    if (x == c) return 15.0;
    if (isnan(x)) return 0.0;
    double r = -log10(fabs(x - c) / fabs(c));
    return r > 15.0 ? 15.0 : r;
}

#endif
