/* ranks.c — rank tests: Mann–Whitney (Wilcoxon rank sum) and Kruskal–Wallis (DESIGN §5).
 *
 * Owns qc_stats_mann_whitney and qc_stats_kruskal_wallis, the midrank helper they share and the
 * exact null distribution of the rank-sum statistic. Both follow R (wilcox.test.default,
 * kruskal.test.default, R 4.2.2): midranks for ties (rank(ties.method = "average")), tie
 * corrections from the tie counts t as Σ(t³ − t). Ranks come from merging the samples when they
 * arrive sorted, else from gsl_sort_index, on caller work arrays; the only allocation is the exact table
 * of each pair of sizes, built once per process and remembered (QC_ENOMEM on failure).
 * On QC_EDOM or QC_ENOMEM every output field is NaN.
 *
 * Exact distribution: the number of m-subsets of {1..N} (N = m + n) whose rank sum is
 * k + m(m+1)/2 is the coefficient of q^k in the Gaussian binomial [N choose m]_q. It is built
 * with the frequency recursion G(N, j) = G(N−1, j) + q^(N−j)·G(N−1, j−1), in place over j
 * descending, keeping only the G(N, j) with j <= m and N − j <= n that the final G(m+n, m)
 * needs. Counts are doubles: only additions of non-negative numbers, so the relative error is a
 * few ulp even past 2^53 (C(98, 49) ≈ 2.5e28). Tail probabilities sum the counts of the tail
 * itself, never 1 − the other tail. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "qcompare/stats.h"

static int ascending(const double *v, size_t n) {
    for (size_t i = 1; i < n; i++)
        if (v[i] < v[i - 1]) return 0;
    return 1;
}

/* The permutation that sorts v[0..n) ascending, into idx. When v[0..nx) and v[nx..n) are each
 * sorted already (the pipeline hands its samples sorted) the two runs are merged in one pass;
 * otherwise gsl_sort_index. Tied values may come in either order: their midranks are equal. */
static void sort_index(size_t *idx, const double *v, size_t n, size_t nx) {
    if (!ascending(v, nx) || !ascending(v + nx, n - nx)) {
        gsl_sort_index(idx, v, 1, n);
        return;
    }
    size_t a = 0, b = nx;
    for (size_t k = 0; k < n; k++)
        idx[k] = (b == n || (a < nx && v[a] <= v[b])) ? a++ : b++;
}

/* Replaces v[0..n) by its midranks (1-based, ties averaged); idx receives the sort permutation
 * (nx: see sort_index). Returns Σ(t³ − t) over the groups of tied values. Tie runs are found
 * before their entries are overwritten, and each entry belongs to one run, so v can be
 * rewritten in place. */
static double midranks(double *v, size_t n, size_t nx, size_t *idx) {
    sort_index(idx, v, n, nx);
    double tie_sum = 0.0;
    size_t a = 0;
    while (a < n) {
        size_t b = a + 1;
        while (b < n && v[idx[b]] == v[idx[a]]) b++;
        double rank = 0.5 * ((double)a + 1.0 + (double)b); /* mean of a+1 .. b */
        double t = (double)(b - a);
        tie_sum += t * t * t - t;
        for (size_t j = a; j < b; j++) v[idx[j]] = rank;
        a = b;
    }
    return tie_sum;
}

/* Counts of the rank-sum statistic W = 0 .. m·n for sample sizes m and n (the distribution is
 * symmetric in m and n, so the smaller is used as m). Returns a malloc'ed array of m·n + 1
 * doubles, or NULL when out of memory. */
static double *wilcox_counts(size_t m, size_t n) {
    if (m > n) {
        size_t t = m;
        m = n;
        n = t;
    }
    size_t len = m * n + 1;
    double *g = calloc((m + 1) * len, sizeof *g);
    if (g == NULL) return NULL;
    g[0] = 1.0; /* G(0, 0) = 1 */
    for (size_t nn = 1; nn <= m + n; nn++) {
        size_t jmax = nn < m ? nn : m;
        for (size_t j = jmax; j >= 1; j--) {
            size_t s = nn - j; /* shift q^(N − j) */
            if (s > n) break;  /* G(N, j) for smaller j has N − j > n: never needed */
            double *gj = g + j * len;
            const double *gp = g + (j - 1) * len;
            size_t top = (j - 1) * s; /* degree of G(N−1, j−1) restricted to what is kept */
            if (top + s >= len) top = len - 1 - s;
            for (size_t k = 0; k <= top; k++) gj[k + s] += gp[k];
        }
    }
    double *res = malloc(len * sizeof *res);
    if (res != NULL)
        for (size_t k = 0; k < len; k++) res[k] = g[m * len + k];
    free(g);
    return res;
}

/* The exact path runs for sizes below 50; a table depends only on the pair of sizes, so each
 * is built once per process (a study compares the same sizes in cell after cell) and kept: at
 * most 49·50/2 tables of at most 49² + 1 counts. The lock makes the memo safe for the analysis
 * threads; a table is never changed once published. */
#define MW_EXACT_MAX 50

static const double *wilcox_table(size_t m, size_t n) {
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static double *memo[MW_EXACT_MAX][MW_EXACT_MAX];
    if (m > n) {
        size_t t = m;
        m = n;
        n = t;
    }
    if (n >= MW_EXACT_MAX) return NULL;
    pthread_mutex_lock(&lock);
    if (memo[m][n] == NULL) memo[m][n] = wilcox_counts(m, n);
    const double *t = memo[m][n];
    pthread_mutex_unlock(&lock);
    return t;
}

static qc_status mw_nan(qc_mann_whitney *out, qc_status st) {
    out->u = out->z = out->p_value = out->p_less = out->p_greater = NAN;
    out->exact = out->ties = 0;
    return st;
}

/* Exact p-values of an integer w for sizes nx, ny (R: pwilcox(w, ...) for "less",
 * pwilcox(w − 1, lower.tail = FALSE) for "greater", two-sided 2·the tail on w's side of
 * nx·ny/2, capped at 1). */
static qc_status mw_exact(double w, size_t nx, size_t ny, qc_mann_whitney *out) {
    const double *cnt = wilcox_table(nx, ny);
    if (cnt == NULL) return QC_ENOMEM;
    size_t len = nx * ny + 1, iw = (size_t)w;
    double total = 0.0, le = 0.0, ge = 0.0;
    for (size_t k = 0; k < len; k++) total += cnt[k];
    for (size_t k = 0; k <= iw; k++) le += cnt[k];
    for (size_t k = iw; k < len; k++) ge += cnt[k];
    out->p_less = le / total;
    out->p_greater = ge / total;
    double p = (w > (double)nx * (double)ny / 2.0) ? out->p_greater : out->p_less;
    out->p_value = fmin(2.0 * p, 1.0);
    out->z = NAN;
    out->exact = 1;
    return QC_OK;
}

/* Mann–Whitney test of x (subject) against y, as R wilcox.test(x, y, exact, correct).
 * u = R's W = Σ ranks of x in the pooled sample − nx(nx+1)/2, midranks for ties.
 * Exact p (method QC_MW_AUTO, nx < 50, ny < 50, no ties): from the exact distribution above.
 * Otherwise normal: z0 = u − nx·ny/2, σ = √(nx·ny/12 · ((N + 1) − Σ(t³ − t)/(N(N − 1)))),
 * with continuity correction c (QC_MW_AUTO and QC_MW_NORMAL_CC) of sign(z0)/2 for the two-sided
 * p and the z reported, +1/2 for "greater" and −1/2 for "less" (R's choice); z = (z0 − c)/σ,
 * p_less = Φ(z), p_greater = 1 − Φ(z) (computed as the upper tail), two-sided
 * 2·min(Φ(z), 1 − Φ(z)). work: nx + ny doubles, iwork: nx + ny size_t.
 * QC_EDOM when nx or ny is 0, a value is NaN or ±Inf, method is unknown, or every value is tied
 * (σ = 0); QC_ENOMEM when the exact table cannot be allocated. */
qc_status qc_stats_mann_whitney(const double *x, size_t xstride, size_t nx, const double *y,
                                size_t ystride, size_t ny, qc_mw_method method, double *work,
                                size_t *iwork, qc_mann_whitney *out) {
    qc_stats_init();
    mw_nan(out, QC_EDOM);
    if (nx == 0 || ny == 0 || x == NULL || y == NULL || work == NULL || iwork == NULL)
        return QC_EDOM;
    if (method != QC_MW_AUTO && method != QC_MW_NORMAL_CC && method != QC_MW_NORMAL)
        return QC_EDOM;
    size_t n = nx + ny;
    for (size_t i = 0; i < nx; i++) work[i] = x[i * xstride];
    for (size_t i = 0; i < ny; i++) work[nx + i] = y[i * ystride];
    for (size_t i = 0; i < n; i++)
        if (!isfinite(work[i])) return QC_EDOM;
    double tie_sum = midranks(work, n, nx, iwork);
    double rx = 0.0;
    for (size_t i = 0; i < nx; i++) rx += work[i];
    double dnx = (double)nx, dny = (double)ny, dn = (double)n;
    double u = rx - dnx * (dnx + 1.0) / 2.0;
    int ties = tie_sum > 0.0;
    if (method == QC_MW_AUTO && nx < MW_EXACT_MAX && ny < MW_EXACT_MAX && !ties) {
        qc_status st = mw_exact(u, nx, ny, out);
        if (st != QC_OK) return mw_nan(out, st);
        out->u = u;
        out->ties = 0;
        return QC_OK;
    }
    double sigma2 = (dnx * dny / 12.0) * ((dn + 1.0) - tie_sum / (dn * (dn - 1.0)));
    if (!(sigma2 > 0.0)) return QC_EDOM; /* all values tied */
    double sigma = sqrt(sigma2);
    double z0 = u - dnx * dny / 2.0;
    double cc = (method == QC_MW_NORMAL) ? 0.0 : 0.5;
    double c2 = (z0 > 0.0) ? cc : (z0 < 0.0 ? -cc : 0.0);
    out->u = u;
    out->z = (z0 - c2) / sigma;
    out->p_value = 2.0 * fmin(gsl_cdf_ugaussian_P(out->z), gsl_cdf_ugaussian_Q(out->z));
    out->p_less = gsl_cdf_ugaussian_P((z0 + cc) / sigma);
    out->p_greater = gsl_cdf_ugaussian_Q((z0 - cc) / sigma);
    out->exact = 0;
    out->ties = ties;
    return QC_OK;
}

static qc_status kw_nan(qc_kruskal *out) {
    out->h = out->df = out->p_value = NAN;
    return QC_EDOM;
}

/* Kruskal–Wallis test, as R kruskal.test: with R_i the rank sum and n_i the size of group i,
 * H = 12/(N(N+1)) · Σ n_i (R_i/n_i − (N+1)/2)² / (1 − Σ(t³ − t)/(N³ − N)), df = k − 1,
 * p = P(χ²(df) >= H). (R writes the numerator as 12/(N(N+1))·ΣR_i²/n_i − 3(N+1), the same
 * quantity; the centred form has no cancellation when H is small.) work: N doubles, iwork:
 * N size_t. QC_EDOM when k < 2, a group is empty, a value is NaN or ±Inf, or all are tied. */
qc_status qc_stats_kruskal_wallis(const double *x, size_t stride, const size_t *sizes, size_t k,
                                  double *work, size_t *iwork, qc_kruskal *out) {
    qc_stats_init();
    if (x == NULL || sizes == NULL || work == NULL || iwork == NULL || k < 2) return kw_nan(out);
    size_t n = 0;
    for (size_t g = 0; g < k; g++) {
        if (sizes[g] == 0) return kw_nan(out);
        n += sizes[g];
    }
    for (size_t i = 0; i < n; i++) {
        work[i] = x[i * stride];
        if (!isfinite(work[i])) return kw_nan(out);
    }
    double tie_sum = midranks(work, n, sizes[0], iwork);
    double dn = (double)n;
    double denom = 1.0 - tie_sum / (dn * dn * dn - dn);
    if (!(denom > 0.0)) return kw_nan(out); /* all values tied */
    double centre = (dn + 1.0) / 2.0, s = 0.0;
    size_t off = 0;
    for (size_t g = 0; g < k; g++) {
        double r = 0.0;
        for (size_t i = 0; i < sizes[g]; i++) r += work[off + i];
        double d = r / (double)sizes[g] - centre;
        s += (double)sizes[g] * d * d;
        off += sizes[g];
    }
    out->h = 12.0 / (dn * (dn + 1.0)) * s / denom;
    out->df = (double)(k - 1);
    out->p_value = gsl_cdf_chisq_Q(out->h, out->df);
    return QC_OK;
}
