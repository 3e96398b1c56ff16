/* diff_ignore.c — ignore patterns of `qcompare diff --ignore` (diff_ci.h): splitting a
 * difference path into segments, checking a pattern, and matching a path against it segment
 * by segment with "*" wildcards; and the patterns --subset applies by default. */
#include <string.h>
#include "diff_internal.h"
#include "qcompare/diff_ci.h"

const char *const qc_diff_subset_ignores[] = {
    "$.inputs.files[*].path", "$.inputs.files[*].sha256", "$.inputs.rejections[*].path", NULL,
};

int qc_diff_segment_next(const char **pp, qc_diff_segment *seg)
{
    const char *p = *pp;
    if (*p == '$') p++;
    if (*p == '\0') {
        *pp = p;
        return 0;
    }
    const char *start, *end;
    if (p[0] == '[' && p[1] == '"') {         /* ["key"] */
        start = p + 2;
        end = strstr(start, "\"]");
        if (!end) return -1;
        *pp = end + 2;
    } else if (*p == '[') {                    /* [identity]: up to a ] ending the segment */
        start = p + 1;
        end = start;
        for (;; end++) {
            end = strchr(end, ']');
            if (!end) return -1;
            if (end[1] == '\0' || end[1] == '.' || end[1] == '[') break;
        }
        *pp = end + 1;
    } else {                                   /* .key, or a pattern's first key without "." */
        start = *p == '.' ? p + 1 : p;
        end = start + strcspn(start, ".[");
        *pp = end;
    }
    if (end == start) return -1;
    seg->text = start;
    seg->len = (size_t)(end - start);
    return 1;
}

qc_status qc_diff_pattern_check(const char *pattern, qc_error *err)
{
    const char *p = pattern;
    qc_diff_segment seg;
    int r, n = 0;
    while ((r = qc_diff_segment_next(&p, &seg)) == 1) n++;
    if (r < 0 || n == 0)
        return qc_error_set(err, QC_EUSAGE,
                            "diff: --ignore \"%.200s\": not a path pattern (e.g. "
                            "$.products[*].indicators[*].groups[*].normality)", pattern);
    return QC_OK;
}

/* Glob of one segment: '*' matches any run of characters, everything else itself. */
static int glob(const char *pat, size_t plen, const char *s, size_t slen)
{
    size_t pi = 0, si = 0, star = (size_t)-1, mark = 0;
    while (si < slen) {
        if (pi < plen && pat[pi] == '*') {
            star = pi++;
            mark = si;
        } else if (pi < plen && pat[pi] == s[si]) {
            pi++;
            si++;
        } else if (star != (size_t)-1) {
            pi = star + 1;
            si = ++mark;
        } else {
            return 0;
        }
    }
    while (pi < plen && pat[pi] == '*') pi++;
    return pi == plen;
}

int qc_diff_pattern_match(const char *pattern, const char *path)
{
    const char *p = pattern, *q = path;
    qc_diff_segment ps, qs;
    for (;;) {
        int rp = qc_diff_segment_next(&p, &ps);
        if (rp == 0) return 1;   /* the pattern is used up: path is it or lies below it */
        if (rp < 0 || qc_diff_segment_next(&q, &qs) != 1) return 0;
        if (!glob(ps.text, ps.len, qs.text, qs.len)) return 0;
    }
}
