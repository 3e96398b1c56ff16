/* sampling.h — lot acceptance by attributes, GB/T 2828.1-2012 (identical to ISO 2859-1:1999),
 * single sampling (DESIGN §9: "lot acceptance by GB/T 2828.1 tables kept as data"): the sample
 * size code letter from the lot size and the inspection level (Table 1), the plan n, Ac, Re
 * from the master table of the inspection severity (Tables 2-A normal, 2-B tightened, 2-C
 * reduced) with its arrows followed as the standard says, and the operating characteristic
 * (the binomial probability of acceptance against the fraction nonconforming). The tables are
 * data rows in sampling_tables.c; sampling.c reads them. Part of the stats module (tables and
 * numbers in, plans out), so that the study loader can check a plan when it reads one. */
#ifndef QCOMPARE_SAMPLING_H
#define QCOMPARE_SAMPLING_H

#include <stddef.h>
#include "status.h"

typedef enum {
    QC_LEVEL_S1 = 0, QC_LEVEL_S2, QC_LEVEL_S3, QC_LEVEL_S4,  /* special inspection levels */
    QC_LEVEL_I, QC_LEVEL_II, QC_LEVEL_III                    /* general inspection levels */
} qc_inspection_level;
#define QC_NLEVELS 7

typedef enum { QC_SEVERITY_NORMAL = 0, QC_SEVERITY_TIGHTENED, QC_SEVERITY_REDUCED } qc_severity;
#define QC_NSEVERITIES 3

/* The 26 preferred AQLs of the master tables, 0.010 … 1000 (values up to 10 may be percent
 * nonconforming or nonconformities per 100 items; above 10 only the latter). */
#define QC_SP_NAQL 26
extern const double qc_sampling_aqls[QC_SP_NAQL];

/* Names as the study writes them: "S-1" … "S-4", "I", "II", "III"; "normal", "tightened",
 * "reduced". -1 for another. */
int qc_sampling_level(const char *name);
int qc_sampling_severity(const char *name);
const char *qc_sampling_level_name(qc_inspection_level l);
const char *qc_sampling_severity_name(qc_severity s);
/* The index of aql among the preferred values (exact to 1e-9 relative), or -1. */
int qc_sampling_aql_index(double aql);

/* Table 1: the sample size code letter ('A' … 'R') of a lot of lot_size >= 2 items at an
 * inspection level; 0 when lot_size < 2. */
char qc_sampling_code_letter(unsigned long lot_size, qc_inspection_level level);

typedef struct qc_sampling_plan {
    char code_letter;      /* Table 1 */
    char plan_letter;      /* the row whose plan is used, after the master table's arrows */
    unsigned long n;       /* sample size; the lot size under 100 % inspection */
    unsigned ac, re;       /* acceptance and rejection numbers */
    int hundred_percent;   /* the plan's sample size reached the lot size: every item is
                            * inspected (the footnote to the arrows of Tables 2-A/2-B/2-C) */
    const char *table;     /* "GB/T 2828.1-2012 Table 2-A", … */
} qc_sampling_plan;

/* The single sampling plan for a lot: Table 1's code letter, then the master table of the
 * severity at the AQL: a plan, or an arrow to the first plan below (↓) or above (↑) in the
 * same column, whose sample size, Ac and Re are used. QC_EDOM when lot_size < 2, the AQL is
 * not one of the preferred values, or the arrows lead to no plan (the tightened table's row S
 * is blank but for AQL 0.025); QC_EUSAGE on a bad level or severity. */
qc_status qc_sampling_plan_find(unsigned long lot_size, qc_inspection_level level, double aql,
                                qc_severity severity, qc_sampling_plan *out);

/* The master table's plan for a code letter ('A' … 'R'; 'S' for the tightened table's extra
 * row) at an AQL, arrows followed, without the lot's 100 % rule: n is the table's. QC_EDOM as
 * above (an unknown letter included). */
qc_status qc_sampling_plan_for_letter(char letter, double aql, qc_severity severity,
                                      qc_sampling_plan *out);

/* The lot decision: accept when the nonconforming items found are at most Ac. */
int qc_sampling_accepts(const qc_sampling_plan *plan, unsigned long nonconforming);

/* Operating characteristic of a single sampling plan (n, ac), ac < n, binomial model:
 * probability of acceptance P(X <= ac) at fraction nonconforming p in [0, 1], and the p at
 * which that probability is pa in (0, 1) (the regularised incomplete beta quantile:
 * I_p(ac + 1, n − ac) = 1 − pa). NaN on bad arguments. */
double qc_sampling_p_accept(unsigned long n, unsigned ac, double p);
double qc_sampling_fraction_at(unsigned long n, unsigned ac, double pa);

/* The OC curve points reported with a plan: p = 0 (pa 1), the fraction nonconforming at the
 * probabilities of acceptance of ISO 2859-1 Table 10 (0.99, 0.95, 0.90, 0.75, 0.50, 0.25,
 * 0.10, 0.05, 0.01) and at p = AQL/100, in increasing p. */
typedef struct qc_oc_point {
    double fraction_nonconforming, p_accept;
} qc_oc_point;
#define QC_OC_POINTS 11
/* Fills pts (QC_OC_POINTS entries); QC_EDOM when ac >= n or aql is not in [0, 100]. */
qc_status qc_sampling_oc_curve(unsigned long n, unsigned ac, double aql, qc_oc_point *pts);

#endif
