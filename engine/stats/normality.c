/* normality.c — tests of normality of one column of doubles (DESIGN §5: normality).
 *
 * Owns the normality part of the SHAPE section of stats.h: the Anderson–Darling test with
 * Stephens' small-sample adjustment and p-value formula (as R nortest::ad.test), and the
 * Shapiro–Wilk test by Royston's algorithm AS R94 (as R shapiro.test), written here from
 * Royston (1995), "Remark AS R94: A remark on algorithm AS 181: the W-test for normality",
 * Applied Statistics 44:547–551, and Royston (1992), "Approximating the Shapiro–Wilk W-test for
 * non-normality", Statistics and Computing 2:117–119. Pure numerics: no I/O, no qc_error; the
 * caller passes a work array of n doubles, and the only allocation is Shapiro–Wilk's table of
 * weights per n, built once and remembered (QC_ENOMEM when it cannot be). Oracles: NAG
 * g08ckc, SAS/QC CAPHST1, NAG g01ddc, scipy's x4 (R values) and R (tests/oracles/r/shape.R). */
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h> /* M_PI, M_LN2, M_SQRT2, M_SQRT1_2 */
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sort.h>

#include "qcompare/stats.h"


/* log Φ(z), accurate in both tails (log erfc has no cancellation for large |z|). */
static double log_pnorm(double z) {
    return gsl_sf_log_erfc(-z / M_SQRT2) - M_LN2;
}

/* ---- Anderson–Darling ---- */

/* With x sorted, z_i = (x_i − mean)/sd (sd with n−1, as nortest and NAG's printed variance):
 *   A² = −n − (1/n) Σ_{i=1..n} (2i − 1) [log Φ(z_i) + log(1 − Φ(z_{n+1−i}))]
 *   A*  = A² (1 + 0.75/n + 2.25/n²)
 *   p  = 1 − exp(−13.436 + 101.14 A* − 223.73 A*²)   A* < 0.2
 *        1 − exp(−8.318 + 42.796 A* − 59.938 A*²)    0.2 <= A* < 0.34
 *        exp(0.9177 − 4.279 A* − 1.38 A*²)           0.34 <= A* < 0.6
 *        exp(1.2937 − 5.709 A* + 0.0186 A*²)         0.6 <= A* < 10
 *        3.7e-24                                     A* >= 10
 * (D'Agostino & Stephens 1986, Table 4.9, as coded in nortest::ad.test). log(1 − Φ(z)) is
 * taken as log Φ(−z). QC_EDOM when n < 8 (nortest's minimum), a value is not finite, or
 * sd == 0. */
qc_status qc_stats_anderson_darling(const double *x, size_t stride, size_t n, double *work,
                                    qc_anderson_darling *out) {
    out->a2 = out->a2_adjusted = out->p_value = NAN;
    if (n < 8 || !qc_stats_sorted_copy(x, stride, n, work)) return QC_EDOM;
    double mean = qc_stats_mean(work, 1, n);
    double sd = qc_stats_sd(work, 1, n, mean);
    if (!(sd > 0.0) || !isfinite(sd)) return QC_EDOM;
    /* tied values are adjacent in the sorted work: their tail is the one just computed (the
     * same z, so the same number), not computed again */
    double s = 0.0, li = 0.0, lj = 0.0;
    for (size_t i = 0; i < n; i++) {
        size_t j = n - 1 - i;
        if (i == 0 || work[i] != work[i - 1]) li = log_pnorm((work[i] - mean) / sd);
        if (i == 0 || work[j] != work[j + 1]) lj = log_pnorm(-((work[j] - mean) / sd));
        s += (double)(2 * i + 1) * (li + lj);
    }
    double dn = (double)n;
    double a2 = -dn - s / dn;
    double aa = (1.0 + 0.75 / dn + 2.25 / (dn * dn)) * a2;
    double p;
    if (aa < 0.2)
        p = 1.0 - exp(-13.436 + 101.14 * aa - 223.73 * aa * aa);
    else if (aa < 0.34)
        p = 1.0 - exp(-8.318 + 42.796 * aa - 59.938 * aa * aa);
    else if (aa < 0.6)
        p = exp(0.9177 - 4.279 * aa - 1.38 * aa * aa);
    else if (aa < 10.0)
        p = exp(1.2937 - 5.709 * aa + 0.0186 * aa * aa);
    else
        p = 3.7e-24;
    out->a2 = a2;
    out->a2_adjusted = aa;
    out->p_value = p;
    return QC_OK;
}

/* ---- Shapiro–Wilk (Royston 1992, 1995) ---- */

/* c[0] + c[1] x + … + c[nc−1] x^(nc−1). */
static double polyval(const double *c, int nc, double x) {
    double r = c[nc - 1];
    for (int i = nc - 2; i >= 0; i--) r = r * x + c[i];
    return r;
}

/* Royston's polynomial coefficients (1992 Table; AS R94). */
static const double SW_C1[6] = {0.0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056};
static const double SW_C2[6] = {0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633};
static const double SW_G[2] = {-2.273, 0.459};
static const double SW_C3[4] = {0.544, -0.39978, 0.025054, -6.714e-4};
static const double SW_C4[4] = {1.3822, -0.77857, 0.062767, -0.0020322};
static const double SW_C5[4] = {-1.5861, -0.31082, -0.083751, 0.0038915};
static const double SW_C6[3] = {-0.4803, -0.082676, 0.0030302};

/* The weights a_n >= a_{n−1} >= … of the largest order statistics, for the i-th largest
 * (i = 1 … n/2); the i-th smallest gets −a. Royston's approximation:
 *   m_i = Φ⁻¹((i − 3/8)/(n + 1/4)) (expected normal order statistics, Blom),
 *   u = 1/√n, ‖m‖² = Σ m_i² over all n,
 *   a_1 = |m_1|/‖m‖ + 0.221157u − 0.147981u² − 2.07119u³ + 4.434685u⁴ − 2.706056u⁵,
 *   a_2 = |m_2|/‖m‖ + 0.042981u − 0.293762u² − 1.752461u³ + 5.682633u⁴ − 3.582633u⁵ (n > 5),
 *   a_i = |m_i|/ε for the rest, ε chosen so that Σ a² = 1 over all n weights;
 *   n == 3: a_1 = √½ exactly. */
typedef struct {
    size_t n, first;  /* first: 1-based i from which a_i = |m_i|/ε */
    double a1, a2, eps;
} sw_weights;

static double sw_m(size_t i, size_t n) { /* |m_i|, i 1-based from the extremes */
    return -gsl_cdf_ugaussian_Pinv(((double)i - 0.375) / ((double)n + 0.25));
}

static void sw_weights_init(sw_weights *w, size_t n) {
    w->n = n;
    w->a2 = w->eps = NAN;
    if (n == 3) {
        w->a1 = M_SQRT1_2;
        w->first = 2; /* no further weights: the middle one is 0 */
        return;
    }
    double summ2 = 0.0;
    for (size_t i = 1; i <= n / 2; i++) {
        double m = sw_m(i, n);
        summ2 += m * m;
    }
    summ2 *= 2.0;
    double ssumm2 = sqrt(summ2), rsn = 1.0 / sqrt((double)n);
    double m1 = sw_m(1, n);
    w->a1 = m1 / ssumm2 + polyval(SW_C1, 6, rsn);
    if (n > 5) {
        double m2 = sw_m(2, n);
        w->a2 = m2 / ssumm2 + polyval(SW_C2, 6, rsn);
        w->eps = sqrt((summ2 - 2.0 * m1 * m1 - 2.0 * m2 * m2) /
                      (1.0 - 2.0 * w->a1 * w->a1 - 2.0 * w->a2 * w->a2));
        w->first = 3;
    } else {
        w->eps = sqrt((summ2 - 2.0 * m1 * m1) / (1.0 - 2.0 * w->a1 * w->a1));
        w->first = 2;
    }
}

/* Weight of the sorted value at 0-based position j. */
static double sw_coef(const sw_weights *w, size_t j) {
    size_t n = w->n, i;
    double sign;
    if (j < n / 2) {
        i = j + 1;
        sign = -1.0;
    } else if (j >= n - n / 2) {
        i = n - j;
        sign = 1.0;
    } else {
        return 0.0; /* the middle value of odd n */
    }
    double a = i == 1 ? w->a1 : (i == 2 && w->first == 3) ? w->a2 : sw_m(i, n) / w->eps;
    return sign * a;
}

/* The centred weights of n sorted values, da_j = a_j − ā (ā the mean of the n weights, summed
 * in order), and S_aa = Σ da_j²: they depend on n alone, so they are computed once per n and
 * remembered (a study tests group after group of similar sizes; each a_j costs a Φ⁻¹). The
 * memo holds at most SW_MEMO_MAX doubles over all n (beyond that a table is computed, used and
 * freed); the lock makes it safe for the analysis threads, and a published table never
 * changes. NULL when out of memory. */
#define SW_MEMO_MAX ((size_t)1 << 21)

typedef struct sw_table {
    double ssa;
    double da[];
} sw_table;

static sw_table *sw_table_new(size_t n) {
    sw_table *t = malloc(sizeof *t + n * sizeof *t->da);
    if (t == NULL) return NULL;
    sw_weights wt;
    sw_weights_init(&wt, n);
    double sa = 0.0;
    for (size_t j = 0; j < n; j++) {
        t->da[j] = sw_coef(&wt, j);
        sa += t->da[j];
    }
    sa /= (double)n;
    double ssa = 0.0;
    for (size_t j = 0; j < n; j++) {
        t->da[j] -= sa;
        ssa += t->da[j] * t->da[j];
    }
    t->ssa = ssa;
    return t;
}

/* The table for n (3 <= n <= 5000); *owned set when the caller must free it (memo full). */
static const sw_table *sw_table_get(size_t n, int *owned) {
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static sw_table *memo[5001];
    static size_t held;
    *owned = 0;
    pthread_mutex_lock(&lock);
    sw_table *t = memo[n];
    if (t == NULL && held + n <= SW_MEMO_MAX && (t = sw_table_new(n)) != NULL) {
        memo[n] = t;
        held += n;
    }
    pthread_mutex_unlock(&lock);
    if (t == NULL && (t = sw_table_new(n)) != NULL) *owned = 1;
    return t;
}

/* W = (Σ a_j x_(j))² / Σ (x_j − x̄)², computed as the squared correlation of the weights with
 * x/range, and 1 − W formed as (√(S_aa S_xx) − S_ax)(√(S_aa S_xx) + S_ax)/(S_aa S_xx) so that it
 * keeps its digits when W is close to 1 (AS R94 does the same).
 * p-value (Royston 1995): n == 3: p = (6/π)(asin √W − asin √¾), floored at 0 (exact).
 * Otherwise y = log(1 − W), and
 *   4 <= n <= 11: γ = −2.273 + 0.459n; p = 1e-99 when y >= γ, else y = −log(γ − y),
 *                 μ = 0.544 − 0.39978n + 0.025054n² − 0.0006714n³,
 *                 σ = exp(1.3822 − 0.77857n + 0.062767n² − 0.0020322n³);
 *   12 <= n <= 5000, with v = log n: μ = −1.5861 − 0.31082v − 0.083751v² + 0.0038915v³,
 *                 σ = exp(−0.4803 − 0.082676v + 0.0030302v²);
 *   p = 1 − Φ((y − μ)/σ).
 * QC_EDOM (NaN) when n < 3 or n > 5000 (as R), a value is not finite, or all values are
 * equal (range 0). */
qc_status qc_stats_shapiro_wilk(const double *x, size_t stride, size_t n, double *work,
                                double *w, double *p_value) {
    *w = *p_value = NAN;
    if (n < 3 || n > 5000 || !qc_stats_sorted_copy(x, stride, n, work)) return QC_EDOM;
    double range = work[n - 1] - work[0];
    if (!(range > 0.0) || !isfinite(range)) return QC_EDOM;

    int owned;
    const sw_table *tab = sw_table_get(n, &owned);
    if (tab == NULL) return QC_ENOMEM;
    double dn = (double)n, sx = 0.0;
    for (size_t j = 0; j < n; j++) sx += work[j] / range;
    sx /= dn;
    double ssa = tab->ssa, ssx = 0.0, sax = 0.0;
    for (size_t j = 0; j < n; j++) {
        double da = tab->da[j], dx = work[j] / range - sx;
        ssx += dx * dx;
        sax += da * dx;
    }
    if (owned) free((void *)tab);
    double ssassx = sqrt(ssa * ssx);
    double w1 = (ssassx - sax) * (ssassx + sax) / (ssa * ssx);
    if (w1 < 0.0) w1 = 0.0;
    *w = 1.0 - w1;

    if (n == 3) {
        double p = (6.0 / M_PI) * (asin(sqrt(*w)) - M_PI / 3.0);
        *p_value = p < 0.0 ? 0.0 : (p > 1.0 ? 1.0 : p);
        return QC_OK;
    }
    double y = log(w1), mu, sigma;
    if (n <= 11) {
        double gamma = polyval(SW_G, 2, dn);
        if (y >= gamma) {
            *p_value = 1e-99;
            return QC_OK;
        }
        y = -log(gamma - y);
        mu = polyval(SW_C3, 4, dn);
        sigma = exp(polyval(SW_C4, 4, dn));
    } else {
        double v = log(dn);
        mu = polyval(SW_C5, 4, v);
        sigma = exp(polyval(SW_C6, 3, v));
    }
    *p_value = gsl_cdf_ugaussian_Q((y - mu) / sigma);
    return QC_OK;
}
