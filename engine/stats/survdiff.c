/* survdiff.c — the Peto–Prentice generalised Wilcoxon test of two left-censored samples
 * (censored.h), as R survival::survdiff(Surv(M − x, !cens) ~ g, rho) computes it on Helsel's
 * flipped data: at each distinct flipped time with detects, the weight is the pooled
 * Kaplan–Meier just before it raised to rho; sample 1's weighted detects are set against their
 * expectation under no difference (its share of those at risk), with the hypergeometric
 * variance; χ² = (O − E)²/V on 1 degree of freedom. A censored value tied with a detect is at
 * risk at it. Owns nothing. */
#include <math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include "qcompare/censored.h"

qc_status qc_stats_peto_prentice(const double *x1, const unsigned char *c1, size_t n1,
                                 const double *x2, const unsigned char *c2, size_t n2,
                                 double rho, double *work, size_t *iwork,
                                 qc_peto_prentice *out)
{
    double nan = NAN;
    *out = (qc_peto_prentice){nan, 1, nan, nan, nan, nan};
    size_t n = n1 + n2;
    if (!n1 || !n2 || !isfinite(rho)) return QC_EDOM;
    double *t = work;              /* flipped values */
    for (size_t i = 0; i < n; i++) {
        double v = i < n1 ? x1[i] : x2[i - n1];
        if (!isfinite(v)) return QC_EDOM;
        t[i] = -v;
    }
    gsl_sort_index(iwork, t, 1, n);
    double O = 0, E = 0, V = 0, km = 1;
    size_t risk = n, risk1 = n1;
    for (size_t i = 0; i < n;) {
        double ti = t[iwork[i]];
        size_t j = i, d = 0, d1 = 0, out1 = 0;
        for (; j < n && t[iwork[j]] == ti; j++) {
            size_t k = iwork[j];
            int first = k < n1, event = first ? !c1[k] : !c2[k - n1];
            d += (size_t)event;
            d1 += (size_t)(event && first);
            out1 += (size_t)first;
        }
        if (d) {
            double w = rho == 0 ? 1 : pow(km, rho), nr = (double)risk, share = (double)risk1 / nr;
            O += w * (double)d1;
            E += w * (double)d * share;
            if (risk > 1) V += w * w * (double)d * (nr - (double)d) / (nr - 1) * share * (1 - share);
            km *= (nr - (double)d) / nr;
        }
        risk -= j - i;
        risk1 -= out1;
        i = j;
    }
    out->observed = O;
    out->expected = E;
    out->variance = V;
    if (!(V > 0)) return QC_EDOM;
    out->chi_square = (O - E) * (O - E) / V;
    out->p_value = gsl_cdf_chisq_Q(out->chi_square, 1);
    return QC_OK;
}
