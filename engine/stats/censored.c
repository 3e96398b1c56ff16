/* censored.c — summary statistics of left-censored values (censored.h): the Kaplan–Meier
 * estimate on flipped data and Helsel's robust regression on order statistics (ROS).
 *
 * Both work on the mirror image t = −x, where a value "< b" is right-censored at −b (Helsel's
 * flip t = M − x with M = 0; only the order matters, and every location statistic is mapped
 * back by x = −t). Kaplan–Meier follows R survival::survfit on those data: a censored time
 * tied with an event is still at risk at it; the restricted mean and its standard error are
 * survfit's with the upper limit at the last event; quantiles are survival's findq (the first
 * event time where 1 − S reaches p, the midpoint to the next one where the curve sits at p
 * within √ε). ROS writes out Helsel & Cohn's (1988) plotting positions as NADA's ros does. */
#include <float.h>
#include <math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include "qcompare/censored.h"
#include "qcompare/stats.h"

static void km_nan(qc_km *o, size_t n)
{
    double nan = NAN;
    *o = (qc_km){n, 0, 0, nan, nan, nan, nan, nan, nan, 0, nan};
}

/* survival's findq on the event times t[0..m) with 1 − S = f[0..m), tmax the largest time
 * (censored ones included): the p-quantile of T, NaN when the curve does not reach it. The
 * level 0 at the start (time 0 in survival) never answers for 0 < p < 1. */
static double findq(const double *t, const double *f, size_t m, double tmax, double p)
{
    const double tol = sqrt(DBL_EPSILON);
    size_t i1 = m, i2 = m;
    for (size_t i = 0; i < m && i1 == m; i++) if (f[i] + tol >= p) i1 = i;
    for (size_t i = 0; i < m && i2 == m; i++) if (f[i] - tol >= p) i2 = i;
    if (i1 == m) return NAN;
    if (i2 < m) return (t[i1] + t[i2]) / 2;
    if (fabs(p - f[m - 1]) < tol) return (t[i1] + tmax) / 2;  /* the curve ends at p */
    return NAN;
}

qc_status qc_stats_km(const double *x, const unsigned char *cens, size_t n, double *work,
                      size_t *iwork, qc_km *out)
{
    km_nan(out, n);
    if (n == 0) return QC_EDOM;
    double *t = work, *et = work + n, *es = work + 2 * n, *ed = work + 3 * n, *er = work + 4 * n;
    size_t ndet = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i])) return QC_EDOM;
        t[i] = -x[i];
        ndet += !cens[i];
    }
    out->n_detected = ndet;
    out->n_censored = n - ndet;
    if (!ndet) return QC_EDOM;
    gsl_sort_index(iwork, t, 1, n);
    /* the event times, the survival after each, deaths and numbers at risk */
    size_t m = 0, nrisk = n;
    double S = 1;
    for (size_t i = 0; i < n;) {
        double ti = t[iwork[i]];
        size_t d = 0, j = i;
        for (; j < n && t[iwork[j]] == ti; j++) d += !cens[iwork[j]];
        if (d) {
            S *= (double)(nrisk - d) / (double)nrisk;
            et[m] = ti; es[m] = S; ed[m] = (double)d; er[m] = (double)nrisk;
            m++;
        }
        nrisk -= j - i;
        i = j;
    }
    double tmax = t[iwork[n - 1]];
    out->smallest_detect = -et[m - 1];
    out->restricted = tmax > et[m - 1];
    /* masses: the drop at each event, what is left placed on the last event */
    double mean = 0, prev = 1;
    for (size_t k = 0; k < m; k++) {
        double p = prev - es[k] + (k == m - 1 ? es[k] : 0);
        mean += p * -et[k];
        prev = es[k];
    }
    double ss = 0;
    prev = 1;
    for (size_t k = 0; k < m; k++) {
        double p = prev - es[k] + (k == m - 1 ? es[k] : 0), dev = -et[k] - mean;
        ss += p * dev * dev;
        prev = es[k];
    }
    out->mean = mean;
    out->sd = sqrt(ss);
    /* var = Σ A_k² d_k / (n_k (n_k − d_k)), A_k = ∫ S from t_k to the last event */
    double A = 0, var = 0;
    for (size_t k = m; k-- > 0;) {
        if (k + 1 < m) A += es[k] * (et[k + 1] - et[k]);
        if (er[k] > ed[k]) var += A * A * ed[k] / (er[k] * (er[k] - ed[k]));
    }
    if (ndet >= 2) out->se = sqrt(var) * sqrt((double)ndet / (double)(ndet - 1));
    /* quantiles of x from those of t: x_P = −t_(1−P); 1 − S in es */
    for (size_t k = 0; k < m; k++) es[k] = 1 - es[k];
    out->median = -findq(et, es, m, tmax, 0.5);
    out->q1 = -findq(et, es, m, tmax, 0.75);
    out->q3 = -findq(et, es, m, tmax, 0.25);
    return QC_OK;
}

static void ros_nan(qc_ros *o, size_t n)
{
    double nan = NAN;
    *o = (qc_ros){n, 0, 0, nan, nan, nan, nan, nan, nan, nan};
}

qc_status qc_stats_ros(const double *x, const unsigned char *cens, size_t n, int lognormal,
                       double *modeled, double *work, size_t *iwork, qc_ros *out)
{
    ros_nan(out, n);
    out->lognormal = lognormal;
    size_t ndet = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || (lognormal && !cens[i] && !(x[i] > 0))) return QC_EDOM;
        ndet += !cens[i];
    }
    out->n_censored = n - ndet;
    if (ndet < 3) return QC_EDOM;
    /* ascending by value, a bound before a detect equal to it (within a run of equal values
     * the order is otherwise free: a partition suffices) */
    double *v = work, *pp = work + n;
    for (size_t i = 0; i < n; i++) v[i] = x[i];
    gsl_sort_index(iwork, v, 1, n);
    for (size_t a = 0; a < n;) {
        size_t b = a, front = a;
        while (b < n && v[iwork[b]] == v[iwork[a]]) b++;
        for (size_t i = a; i < b; i++)
            if (cens[iwork[i]]) {
                size_t s = iwork[i]; iwork[i] = iwork[front]; iwork[front++] = s;
            }
        a = b;
    }
    for (size_t i = 0; i < n; i++) v[i] = x[iwork[i]];
    /* Helsel–Cohn: from the top down, each detection limit L (a censored value) with the
     * detects between it and the next limit above (A), the values below it, censored ones at
     * L included (B), the censored values at L (C), and its exceedance probability
     * P = P_above + A/(A + B)·(1 − P_above). Entries [top, n) are at or above the limit above.
     * Below the lowest limit, detects form a last level with P = 1 (NADA's limit 0). */
    double P_above = 0;
    size_t top = n;
    while (top > 0) {
        size_t i = top;
        while (i > 0 && !cens[iwork[i - 1]]) i--;     /* [i, top): detects */
        size_t c0 = i;
        if (i > 0)
            while (c0 > 0 && v[c0 - 1] == v[i - 1]) c0--;  /* [c0, i): censored at L */
        size_t A = top - i, B = i, C = i - c0;
        double P = P_above + (A + B ? (double)A / (double)(A + B) : 0) * (1 - P_above);
        for (size_t r = 1; r <= A; r++)
            pp[i + r - 1] = (1 - P) + (P - P_above) * (double)r / (double)(A + 1);
        for (size_t r = 1; r <= C; r++)
            pp[c0 + r - 1] = (1 - P) * (double)r / (double)(C + 1);
        P_above = P;
        top = c0;
    }
    /* least squares of (log) detects on the normal scores of their plotting positions */
    double mz = 0, my = 0;
    for (size_t i = 0; i < n; i++)
        if (!cens[iwork[i]]) {
            mz += gsl_cdf_ugaussian_Pinv(pp[i]);
            my += lognormal ? log(v[i]) : v[i];
        }
    mz /= (double)ndet;
    my /= (double)ndet;
    double sxy = 0, sxx = 0;
    for (size_t i = 0; i < n; i++)
        if (!cens[iwork[i]]) {
            double z = gsl_cdf_ugaussian_Pinv(pp[i]) - mz, y = (lognormal ? log(v[i]) : v[i]) - my;
            sxy += z * y;
            sxx += z * z;
        }
    if (!(sxx > 0)) return QC_EDOM;
    out->slope = sxy / sxx;
    out->intercept = my - out->slope * mz;
    for (size_t i = 0; i < n; i++)
        if (cens[iwork[i]]) {
            double y = out->intercept + out->slope * gsl_cdf_ugaussian_Pinv(pp[i]);
            v[i] = lognormal ? exp(y) : y;
        }
    if (modeled)
        for (size_t i = 0; i < n; i++) modeled[i] = v[i];
    qc_describe d;
    if (qc_stats_describe(v, 1, n, pp, &d) != QC_OK) return QC_EDOM;
    out->mean = d.mean;
    out->sd = d.sd;
    out->median = d.median;
    out->q1 = d.q1;
    out->q3 = d.q3;
    return QC_OK;
}
