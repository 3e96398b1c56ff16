/* diff_ci.h — `qcompare diff` for CI jobs: ignore patterns over difference paths
 * (diff_ignore.c) and the differences collected, assigned to sections of the document, ranked
 * by relative change and exported as JSON (diff_summary.c). Built on qc_diff (diff.h), whose
 * matching and tolerance rules it keeps.
 *
 * Paths are those of diff.h: $.products[steel-rebar].indicators[yield_strength].groups[local]
 * .mean. A path is a list of segments: .key, ["key"], [identity] or [index].
 *
 * Patterns (--ignore): a path whose segments may be "*" (or contain "*": any run of
 * characters within one segment), e.g. $.products[*].indicators[*].groups[*].normality or
 * $.inputs.files[*].sha256; the leading "$." may be left out. A pattern matches a difference
 * whose path it matches segment by segment, or whose path lies below one it matches (so
 * $.inputs ignores every difference under inputs). Bracket and dot segments are matched by
 * their text alone: [*] and .* are the same segment pattern.
 *
 * Sections: $.KEY for each top-level key, except that products are split per product and
 * per key of the product, and indicators per indicator:
 *   inputs, study, notes, …, products[P], products[P].standards, products[P].scorecard, …,
 *   products[P].indicators[I].
 * Every section of either document is listed (so a CI system can show the ones that agree). */
#ifndef QCOMPARE_DIFF_CI_H
#define QCOMPARE_DIFF_CI_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "diff.h"
#include "status.h"

/* Checks a pattern: not empty, brackets closed, no empty segment. QC_EUSAGE with a message
 * naming the pattern otherwise. */
qc_status qc_diff_pattern_check(const char *pattern, qc_error *err);

/* 1 when the difference at path is ignored by pattern (above), else 0. */
int qc_diff_pattern_match(const char *pattern, const char *path);

/* The patterns --subset ignores by default: the paths and hashes of the inputs (they differ
 * between machines and checkouts, and say nothing about the analysis). NULL-terminated. */
extern const char *const qc_diff_subset_ignores[];

typedef enum {
    QC_CHANGE_NUMBER,   /* two numbers beyond the tolerance */
    QC_CHANGE_VALUE,    /* another value: a string, boolean, null or a value of another type */
    QC_CHANGE_REMOVED,  /* in EXPECTED only */
    QC_CHANGE_ADDED     /* in ACTUAL only */
} qc_change_kind;

typedef struct qc_diff_change {
    char *path;               /* owned */
    size_t section;           /* index into qc_diff_result.sections */
    const cJSON *expected;    /* into the EXPECTED document, or NULL */
    const cJSON *actual;      /* into the ACTUAL document, or NULL */
    qc_change_kind kind;
    double relative;          /* numbers: (actual − expected)/|expected|, ±INFINITY when
                                 expected is 0; other kinds: NAN */
    size_t order;             /* in document order, from 0 */
} qc_diff_change;

typedef struct qc_diff_section {
    char *name;               /* "products[steel-rebar].indicators[yield_strength]" (owned) */
    size_t changes;           /* differences in it, after the ignore patterns */
} qc_diff_section;

typedef struct qc_diff_result {
    qc_diff_change *changes;   size_t nchanges;
    qc_diff_section *sections; size_t nsections;  /* document order: EXPECTED's, then ACTUAL's */
    size_t ignored;            /* differences dropped by the patterns */
} qc_diff_result;

/* Compares expected with actual (qc_diff, opt NULL = defaults) and collects every difference
 * that no pattern of ignore[0..nignore) matches (the patterns already checked). The result
 * points into both documents: keep them until qc_diff_result_free. Statuses as qc_diff. */
qc_status qc_diff_collect(const cJSON *expected, const cJSON *actual, const qc_diff_options *opt,
                          const char *const *ignore, size_t nignore, qc_diff_result **out,
                          qc_error *err);

/* Orders the changes largest first: values that changed, were removed or added (they change a
 * meaning: a verdict, a decision, a nonconforming result), then numbers by |relative|
 * descending; ties in document order. */
void qc_diff_rank(qc_diff_result *r);

/* Sections with at least one change, most changes first (ties in document order): indexes
 * into r->sections, *n of them; NULL with *n 0 when there are none or memory ran out. */
size_t *qc_diff_sections_changed(const qc_diff_result *r, size_t *n);

/* The result as a JSON document (caller frees): {"same", "differences", "ignored", "rtol",
 * "atol", "subset", "sections": [{"section", "differences"}], "changes": [{"path", "section",
 * "change" (number, value, removed, added), "expected", "actual", "relative_change"}]}, the
 * changes in their current order. NULL when out of memory. */
cJSON *qc_diff_result_json(const qc_diff_result *r, const qc_diff_options *opt);

void qc_diff_result_free(qc_diff_result *r);

#endif
