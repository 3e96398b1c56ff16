/* assess.h — conformity decisions (DESIGN §5, ILAC G8:09/2019 §4.2, JCGM 106:2012): one result
 * against one limit under a decision rule, with its measurement uncertainty, censoring and the
 * GB/T 8170 rounded comparison; and the tally of a group's results against the limits one
 * standard grade sets for an indicator. */
#ifndef QCOMPARE_ASSESS_H
#define QCOMPARE_ASSESS_H

#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include "results.h"
#include "rules.h"
#include "study.h"

typedef enum {
    QC_DEC_PASS = 0, QC_DEC_CONDITIONAL_PASS, QC_DEC_CONDITIONAL_FAIL, QC_DEC_FAIL,
    QC_DEC_NOT_DECIDABLE
} qc_decision;
#define QC_NDECISIONS 5

/* A limit in the unit of the results it judges. */
typedef struct qc_bounds {
    double min, max;           /* NaN when absent */
    int min_exclusive, max_exclusive;
    double warn_min, warn_max; /* NaN when absent */
    double increment;          /* > 0: round the result to it first (GB/T 8170); else full value */
} qc_bounds;

typedef struct qc_judgement {
    qc_decision decision;
    double p_conformance;      /* NaN: no uncertainty, or a censored result */
    int near_limit;            /* a pass beyond warn_min / warn_max */
    const char *why;           /* static reason when not decidable */
    int in_band;               /* guarded rejection: a pass outside the limits, within w */
} qc_judgement;

/* Judges one result: kind and x (the number or censoring bound), lod for ND, U and u its
 * expanded and standard uncertainty (NaN: none), all in the limit's unit.
 *  - simple: pass inside the limits, else fail (w = 0);
 *  - guarded: pass only inside the limits shrunk by w = r·U, else fail;
 *  - ilac-nonbinary: pass inside the shrunk limits, conditional_pass inside the limits,
 *    conditional_fail outside but within w, fail beyond w;
 *  - guarded-rejection: fail only beyond the limits widened by w, else pass (in_band set for
 *    a pass outside the limits themselves).
 * A result without U is judged with w = 0 under every rule. A censored result is the set of
 * values it stands for ("<50": below 50; ND: below lod): pass when all of it conforms, fail
 * when none does, else not decidable. p_c = Φ((T_U − y)/u) − Φ((T_L − y)/u). */
void qc_assess_judge(const qc_bounds *b, qc_rule_kind rule, double r, qc_value_kind kind,
                     double x, double lod, double U, double u, qc_judgement *out);

/* A limit ready to judge with: its bounds (with its rounding increment) in the limit's own
 * unit, and the map from the indicator's unit into it; QC_ERULES when they do not convert. */
qc_status qc_assess_prepare(const qc_limit *l, const qc_indicator *ind, qc_units *units,
                            qc_bounds *b, qc_unit_map *to_limit, qc_error *err);

/* The judge the results reader keeps sample ids by (listed.c; qc_load_options.judge): for a
 * cell, the individual limits the study judges it against; for a plain value, whether a
 * nonconforming list may name it (not a plain pass of each, or a pass in the guard band). */
const qc_keep_judge *qc_assess_keep_judge(void);

/* The simple rule without uncertainty (kept for callers that need only that). */
qc_decision qc_assess_decide(const qc_bounds *b, qc_value_kind kind, double x, double lod,
                             const char **why);

/* Probability that the true value lies within the limits, y measured with standard
 * uncertainty u > 0 (normal). */
double qc_assess_p_conformance(const qc_bounds *b, double y, double u);

/* x rounded to a multiple of increment, half to even, in decimal (rounding.c). */
double qc_assess_round(double x, double increment);

const char *qc_decision_name(qc_decision d);

/* A result that is not a plain pass. */
typedef struct qc_nonconforming {
    uint32_t sample, line;     /* sample: interned id in the results store */
    uint16_t file;
    uint8_t kind;              /* qc_value_kind */
    uint8_t usrc;              /* QC_USRC_* */
    double x, U;               /* in the indicator's unit */
    double p_conformance;
    qc_decision decision;
    const char *why;
} qc_nonconforming;

typedef struct qc_conformity {
    size_t count[QC_NDECISIONS];   /* by qc_decision */
    size_t near_limit;
    size_t u_row, u_default, u_none;  /* where the judged results' U came from */
    size_t method_differs;
    size_t unconfirmed;            /* results judged against a limit marked unconfirmed */
    double min_p_conformance;      /* NaN when no judged result had an uncertainty */
    qc_nonconforming *nc;
    size_t nnc;
    qc_nonconforming *band;        /* guarded rejection: passes outside the limit, within r·U */
    size_t nband;
} qc_conformity;

/* The group statistics a limit on the mean or median is judged against: the group's mean and
 * median under the study's censored policy, as the analysis reports them (NaN when none). */
typedef struct qc_centre { const qc_cell *cell; double mean, median; } qc_centre;

typedef struct qc_assess_options {
    qc_rule_kind rule;
    double r;
    int method_not_decidable;      /* study method_mismatch = not_decidable */
    const qc_centre *centres;      /* per cell, for limits on a group statistic (may be NULL) */
    size_t ncentres;
} qc_assess_options;

/* The mean and median of cell c from opt->centres (NaN when c is not there). */
void qc_assess_centre(const qc_assess_options *opt, const qc_cell *c, double *mean,
                      double *median);

/* Judges every non-missing result of cell c against set: each limit is used in its own unit
 * (results converted to it, so rounding happens in the limit's unit), pieces with `when` are
 * chosen per result from its context columns (none chosen: not decidable), and limits on the
 * mean or median judge that statistic (given in the indicator's unit) once. */
qc_status qc_assess_cell(const qc_results *res, const qc_cell *c, const qc_limit_set *set,
                         qc_units *units, const qc_assess_options *opt, double mean,
                         double median, qc_conformity *out, qc_error *err);
void qc_conformity_free(qc_conformity *c);

/* 1 when result i of cell c meets every `when` condition of limit p. */
int qc_assess_selects(const qc_results *res, const qc_cell *c, size_t i, const qc_limit *p);

/* ---- one decision, reported the same everywhere (outcome.c) ----
 * Every section that sums up decisions — a product's verdict per standard, grades, market
 * access — counts the same per-result decisions into a tally and maps it to one outcome:
 *   fail           a result fails;
 *   conditional    else a result fails conditionally (ILAC non-binary: outside the limit, within
 *                  its guard band) — the product is likely not to conform, whatever is missing;
 *   not_tested     else a limit has no result;
 *   not_decidable  else a result cannot be decided;
 *   conditional    else a result passes conditionally (inside the limit, within its guard band);
 *   pass           every result of every limit passes.
 * (no judgement and no untested limit: not_tested). */
typedef enum {
    QC_OUTCOME_PASS = 0, QC_OUTCOME_CONDITIONAL, QC_OUTCOME_NOT_DECIDABLE, QC_OUTCOME_NOT_TESTED,
    QC_OUTCOME_FAIL
} qc_outcome;

typedef struct qc_tally {
    size_t count[QC_NDECISIONS];   /* judgements by qc_decision */
    size_t untested;               /* limits without a result */
} qc_tally;

/* Adds c's decision counts to t. */
void qc_tally_add(qc_tally *t, const qc_conformity *c);
/* Adds every count of b to a. */
void qc_tally_merge(qc_tally *a, const qc_tally *b);
size_t qc_tally_judged(const qc_tally *t);
qc_outcome qc_assess_outcome(const qc_tally *t);
/* The outcome as market_access[].status: pass, fail, conditional, not_decidable, not_tested. */
const char *qc_outcome_name(qc_outcome o);
/* The outcome as standards[].verdict: conforms, does_not_conform, conditional, not_decidable,
 * not_tested. */
const char *qc_outcome_verdict(qc_outcome o);

/* The highest grade in st's grade_order whose every limit (inherited ones included) passes for
 * every result of product p's group (grade.c): the grade's tally has outcome pass; NULL when
 * none is met. An untested limit, a conditional or undecidable result means the grade is not
 * met. Limits on a group statistic are judged against opt->centres. */
qc_status qc_assess_grade(const qc_results *res, const qc_standard *st, const qc_product *p,
                          uint32_t group, qc_units *units, const qc_assess_options *opt,
                          const qc_grade **out, qc_error *err);

/* Market access of one group of a product in one market (market.c). */
typedef struct qc_market_item {
    const qc_standard *regulation;
    const qc_grade *grade;     /* NULL when no grade applies */
    const char *indicator;     /* NULL for the regulation as a whole */
    qc_tally tally;            /* the limit's results by decision (untested: untested = 1) */
    const char *what;          /* why not tested; NULL for a tested limit */
} qc_market_item;

typedef struct qc_market_access {
    const char *market;
    qc_outcome status;         /* the outcome of total */
    size_t nregulations;       /* regulations of the market that apply to the product */
    qc_tally total;            /* every limit of every applicable regulation */
    qc_market_item *items;     /* tested limits that are not a pass, and untested limits */
    size_t nitems;
} qc_market_access;

/* Judges product sp's group against every limit of every regulation of market in force at
 * date that lists the product, and sums the decisions into one outcome (above); no
 * regulation applies: not_tested. */
qc_status qc_assess_market(const qc_results *res, const qc_rules *rules,
                           const qc_study_product *sp, uint32_t group, const char *market,
                           const char *date, const qc_assess_options *opt,
                           qc_market_access *out, qc_error *err);
void qc_market_access_free(qc_market_access *m);

#endif
