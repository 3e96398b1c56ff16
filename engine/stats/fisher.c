/* fisher.c — Fisher's exact test of a 2 × 2 table (stats.h), two-sided as R fisher.test: the
 * probability, under the hypergeometric law of the table's margins, of every table no more
 * likely than the one observed (within R's relative tolerance 1e-7). Log probabilities from
 * GSL's log binomial coefficients, scaled by the largest before summing. Owns nothing. */
#include <math.h>
#include <gsl/gsl_sf_gamma.h>
#include "qcompare/stats.h"

static double ldhyper(size_t x, size_t m, size_t n, size_t k)
{
    return gsl_sf_lnchoose((unsigned)m, (unsigned)x) + gsl_sf_lnchoose((unsigned)n, (unsigned)(k - x)) -
           gsl_sf_lnchoose((unsigned)(m + n), (unsigned)k);
}

qc_status qc_stats_fisher_2x2(size_t a, size_t b, size_t c, size_t d, double *p_value)
{
    *p_value = NAN;
    /* x = a successes among k = a + b draws from m = a + c white and n = b + d black balls */
    size_t m = a + c, n = b + d, k = a + b;
    if (m + n == 0 || m + n > 4000000000u) return QC_EDOM;
    size_t lo = k > n ? k - n : 0, hi = k < m ? k : m;
    double lmax = -INFINITY;
    for (size_t x = lo; x <= hi; x++) {
        double l = ldhyper(x, m, n, k);
        if (l > lmax) lmax = l;
    }
    double lobs = ldhyper(a, m, n, k) - lmax, tail = 0, total = 0;
    const double rel = 1 + 1e-7;
    for (size_t x = lo; x <= hi; x++) {
        double q = exp(ldhyper(x, m, n, k) - lmax);
        total += q;
        if (q <= exp(lobs) * rel) tail += q;
    }
    *p_value = fmin(1.0, tail / total);
    return QC_OK;
}
