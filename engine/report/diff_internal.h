/* diff_internal.h — shared by diff_ignore.c and diff_summary.c: splitting a difference path
 * (or an ignore pattern) into its segments. */
#ifndef QC_DIFF_INTERNAL_H
#define QC_DIFF_INTERNAL_H

#include <stddef.h>

/* One segment of a path: its text without the punctuation (.key → key, ["key"] → key,
 * [identity] → identity). */
typedef struct qc_diff_segment {
    const char *text;
    size_t len;
} qc_diff_segment;

/* Reads the segment at *p (which points at '.', '[' or, for the first segment of a pattern
 * written without "$.", at its first character) and advances *p past it. Returns 1 with a
 * segment, 0 at the end of the string, -1 when the path is malformed (an unclosed bracket, an
 * empty segment). A leading "$" is skipped. */
int qc_diff_segment_next(const char **p, qc_diff_segment *seg);

#endif
