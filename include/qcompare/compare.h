/* compare.h — subject vs reference, indicator by indicator (DESIGN §5 "subject vs reference",
 * "relative gap", "verdict per indicator"): the gap from the two summaries (gap.c), and every
 * two-sample test on the values themselves (samples.c). */
#ifndef QCOMPARE_COMPARE_H
#define QCOMPARE_COMPARE_H

#include "censored.h"
#include "rules.h"
#include "stats.h"

typedef enum {
    QC_VERDICT_LEADING = 0, QC_VERDICT_ON_PAR, QC_VERDICT_LAGGING, QC_VERDICT_INCONCLUSIVE
} qc_verdict;

/* What the verdict of a comparison rests on (DESIGN §5, issue 12). */
typedef enum {
    QC_BASIS_WELCH = 0,      /* Welch's p (adjusted) and TOST, the means' direction */
    QC_BASIS_PETO_PRENTICE,  /* a group mostly censored: the Peto–Prentice p (adjusted), the
                              * medians' direction */
    QC_BASIS_MANN_WHITNEY,   /* both groups constant: the Mann–Whitney p (adjusted), the
                              * direction of the difference */
    QC_BASIS_NONE            /* no test defined: inconclusive */
} qc_basis;

/* Detected vs not detected in each group, at the highest detection limit of both (Helsel's
 * recensoring), compared by Fisher's exact test. */
typedef struct qc_detection {
    double limit;                       /* the common reporting limit; NaN when none */
    size_t subject_detected, subject_n, reference_detected, reference_n;
    double p_value;
} qc_detection;

typedef struct qc_gap {
    double difference;           /* subject mean − reference mean, raw */
    double difference_lo, difference_hi;
    double relative_gap;         /* direction-aware; NaN when undefined */
    qc_ttest welch;
    double p_subject_better;     /* one-sided Welch p in the indicator's direction; NaN for nominal */
    double p_adjusted;           /* set by the caller after multiple-testing adjustment */
    double e_n;                  /* E_n of the two means (NaN unless both carry U) */
    qc_verdict verdict;
    /* from the values (qc_compare_samples); every field NaN until computed, or when undefined */
    qc_ttest student;
    qc_mann_whitney mann_whitney;
    qc_hedges_g hedges_g;
    qc_var_test variance;        /* F test of variances, subject over reference */
    qc_levene brown_forsythe;
    double cv_ratio;             /* CV subject / CV reference */
    double margin;               /* TOST margin, absolute, in the indicator's unit */
    qc_tost tost;
    double min_detectable_difference;  /* at 80 % power, for an inconclusive verdict */
    /* issue 12: censored results, degenerate groups, the verdict's basis */
    qc_basis basis;
    double better;               /* basis other than Welch: > 0 the subject is better, < 0 worse */
    const char *why_mean;        /* why every mean-based field is null (NULL: they are not) */
    const char *why_t;           /* why the t-based tests (difference_ci, Welch, Student, Hedges g,
                                  * F, TOST) are null while the difference is not */
    const char *why_values;      /* why the value-based tests (Mann–Whitney, Brown–Forsythe) are
                                  * null (NULL: they are not) */
    const char *why_better;      /* why p_subject_better is null */
    int censored;                /* a group has censored results: the two below are reported */
    qc_peto_prentice peto_prentice;
    const char *why_peto_prentice;
    qc_detection detection;
    const char *why_detection;
} qc_gap;

/* Compares subject s with reference r. target is the nominal value for nominal-is-best
 * indicators (NaN otherwise or when unknown), half_tol its half tolerance. QC_EDOM when either
 * group has n < 2 or both have zero variance (no comparison). */
qc_status qc_compare_gap(const qc_describe *s, const qc_describe *r, qc_direction dir,
                         double target, double half_tol, double conf, qc_gap *out);

/* Every two-sample test of subject values s against reference values r into g: Student t,
 * Mann–Whitney (subject as x), Hedges g, F test and Brown–Forsythe, ratio of CVs, TOST with the
 * absolute margin. work: ns + nr doubles;
 * iwork: ns + nr size_t. A test undefined for these data leaves its fields NaN. */
qc_status qc_compare_samples(const double *s, size_t ns, const double *r, size_t nr,
                             const qc_describe *ds, const qc_describe *dr, double margin,
                             double conf, double alpha, double *work, size_t *iwork, qc_gap *g);

/* p_subject_better of a nominal-is-best indicator: "closer to the target" as the one-sided
 * Welch test that the subject's mean absolute deviation from target is smaller, R t.test(abs(s
 * − T), abs(r − T), alternative = "less"). NaN with g->why_better when there is no target, no
 * values, or both deviations are constant. work: ns + nr doubles. */
void qc_compare_nominal_better(const double *s, size_t ns, const double *r, size_t nr,
                               double target, double *work, qc_gap *g);

/* The minimum difference detectable at 80 % power with these n and the pooled sd (R
 * power.t.test's delta), into g->min_detectable_difference; the pipeline asks for it only for
 * an inconclusive verdict (it costs a root search over the non-central t). */
void qc_compare_mdd(const qc_describe *ds, const qc_describe *dr, double alpha, qc_gap *g);

/* The verdict once p_adjusted is known (DESIGN §5): on the Welch basis, TOST p < alpha →
 * on_par; else p_adjusted < alpha → leading or lagging by the direction-aware sign of the
 * difference (other bases: of g->better); else inconclusive. */
qc_verdict qc_compare_verdict(const qc_gap *g, qc_direction dir, double alpha);
const char *qc_verdict_name(qc_verdict v);

/* E_n = (x − X)/√(U_x² + U_X²) (ISO 13528): |E_n| ≤ 1 means the two agree within their
 * expanded uncertainties. NaN when either U is missing or both are zero. */
double qc_compare_en(double x, double Ux, double X, double UX);

#endif
