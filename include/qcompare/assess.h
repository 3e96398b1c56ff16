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
} qc_judgement;

/* Judges one result: kind and x (the number or censoring bound), lod for ND, U and u its
 * expanded and standard uncertainty (NaN: none), all in the limit's unit.
 *  - simple: pass inside the limits, else fail (w = 0);
 *  - guarded: pass only inside the limits shrunk by w = r·U, else fail;
 *  - ilac-nonbinary: pass inside the shrunk limits, conditional_pass inside the limits,
 *    conditional_fail outside but within w, fail beyond w.
 * A result without U is judged with w = 0 under every rule. A censored result is the set of
 * values it stands for ("<50": below 50; ND: below lod): pass when all of it conforms, fail
 * when none does, else not decidable. p_c = Φ((T_U − y)/u) − Φ((T_L − y)/u). */
void qc_assess_judge(const qc_bounds *b, qc_rule_kind rule, double r, qc_value_kind kind,
                     double x, double lod, double U, double u, qc_judgement *out);

/* A limit ready to judge with: its bounds (with its rounding increment) in the limit's own
 * unit, and the map from the indicator's unit into it; QC_ERULES when they do not convert. */
qc_status qc_assess_prepare(const qc_limit *l, const qc_indicator *ind, qc_units *units,
                            qc_bounds *b, qc_unit_map *to_limit, qc_error *err);

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
} qc_conformity;

typedef struct qc_assess_options {
    qc_rule_kind rule;
    double r;
    int method_not_decidable;      /* study method_mismatch = not_decidable */
} qc_assess_options;

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

/* The highest grade in st's grade_order whose every limit (inherited ones included) passes for
 * every result of product p's group (grade.c); NULL when none is met. An untested limit, a
 * conditional or undecidable result means the grade is not met. */
qc_status qc_assess_grade(const qc_results *res, const qc_standard *st, const qc_product *p,
                          uint32_t group, qc_units *units, const qc_assess_options *opt,
                          const qc_grade **out, qc_error *err);

/* Market access of one group of a product in one market (market.c). */
typedef struct qc_market_item {
    const qc_standard *regulation;
    const qc_grade *grade;     /* NULL when no grade applies */
    const char *indicator;     /* NULL for the regulation as a whole */
    size_t failed;             /* results failing (conditional failures included) */
    const char *what;          /* "fails", "no results", or why the regulation is not tested */
} qc_market_item;

typedef struct qc_market_access {
    const char *market;
    const char *status;        /* pass, fail, not_tested, not_decidable */
    size_t nregulations;       /* regulations of the market that apply to the product */
    qc_market_item *items;     /* failing and untested limits */
    size_t nitems;
} qc_market_access;

/* Judges product sp's group against every regulation of market in force at date that lists
 * the product: fail when a result fails, not_tested when a limit has no results (or no grade
 * applies), not_decidable when a result cannot be decided, else pass (not_tested when no
 * regulation applies). */
qc_status qc_assess_market(const qc_results *res, const qc_rules *rules,
                           const qc_study_product *sp, uint32_t group, const char *market,
                           const char *date, const qc_assess_options *opt,
                           qc_market_access *out, qc_error *err);
void qc_market_access_free(qc_market_access *m);

#endif
