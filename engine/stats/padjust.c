/* padjust.c — multiple-testing adjustment of p-values (DESIGN §5: multiple indicators).
 *
 * Owns qc_stats_p_adjust: Holm (default) and Benjamini–Hochberg exactly as R's p.adjust, with
 * the same products, the same cumulative max (Holm) / min (BH) over the sorted p-values and the
 * same cap at 1, so the R oracle (tests/oracles/r/padjust.R) agrees to the last bit. NaN entries
 * stay NaN and are not counted in the number of tests m (R evaluates its default
 * n = length(p) after dropping the NAs). Pure numerics: the caller passes the index work array. */
#include <math.h>
#include <stddef.h>

#include "qcompare/stats.h"

/* Sift-down of a max-heap of indices ordered by p[idx]. */
static void heap_sift(const double *p, size_t *idx, size_t root, size_t end) {
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= end) return;
        if (child + 1 < end && p[idx[child + 1]] > p[idx[child]]) child++;
        if (!(p[idx[child]] > p[idx[root]])) return;
        size_t t = idx[root];
        idx[root] = idx[child];
        idx[child] = t;
        root = child;
    }
}

/* Sorts idx[0..m) so that p[idx[k]] ascends (heapsort: O(m log m), no allocation, no NaN keys).
 * The order among ties does not matter: tied p-values get the same adjusted value from both
 * cumulative steps below, whatever their order. */
static void sort_index(const double *p, size_t *idx, size_t m) {
    if (m < 2) return;
    for (size_t i = m / 2; i-- > 0;) heap_sift(p, idx, i, m);
    for (size_t end = m - 1; end > 0; end--) {
        size_t t = idx[0];
        idx[0] = idx[end];
        idx[end] = t;
        heap_sift(p, idx, 0, end);
    }
}

/* Writes to out[0..n) the adjusted p[0..n), as R p.adjust(p, method) with m = number of
 * non-NaN p (NaN entries give NaN):
 *   QC_PADJ_NONE  out = p;
 *   QC_PADJ_HOLM  sorted ascending p(1..m): out(i) = min(1, max_{j<=i} (m + 1 − j)·p(j));
 *   QC_PADJ_BH    out(i) = min(1, min_{j>=i} (m/j)·p(j)).
 * work must hold n size_t (it receives the sort order). out may not alias p. p-values are
 * expected in [0, 1]; others are processed by the same formulas, as R does. Returns QC_OK,
 * or QC_EUSAGE (out untouched) for a method outside the enum. */
qc_status qc_stats_p_adjust(const double *p, size_t n, qc_padjust_method method, double *out,
                            size_t *work) {
    if (method != QC_PADJ_NONE && method != QC_PADJ_HOLM && method != QC_PADJ_BH)
        return QC_EUSAGE;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = p[i];
        if (!isnan(p[i])) work[m++] = i;
    }
    /* R returns p unchanged when m <= 1 (and both formulas give p there anyway). */
    if (method == QC_PADJ_NONE || m <= 1) return QC_OK;
    sort_index(p, work, m);

    double dm = (double)m;
    if (method == QC_PADJ_HOLM) {
        double run = -INFINITY; /* R: pmin(1, cummax((n + 1L - i) * p[o])) */
        for (size_t k = 0; k < m; k++) {
            double v = (dm - (double)k) * p[work[k]]; /* i = k + 1 */
            if (v > run) run = v;
            out[work[k]] = run < 1.0 ? run : 1.0;
        }
    } else {
        double run = INFINITY; /* R: pmin(1, cummin(n/i * p[o])), o decreasing */
        for (size_t k = m; k-- > 0;) {
            double v = dm / (double)(k + 1) * p[work[k]];
            if (v < run) run = v;
            out[work[k]] = run < 1.0 ? run : 1.0;
        }
    }
    return QC_OK;
}
