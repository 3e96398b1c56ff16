/* pipeline.h — shared by the files of the study pipeline (analyze.c, group.c) only: the
 * pipeline's context, its scratch buffers, and the per-group step. */
#ifndef QC_PIPELINE_H
#define QC_PIPELINE_H

#include "qcompare/analyze.h"
#include "qcompare/report.h"

/* Scratch buffers reused across groups and indicators (grown, never shrunk). */
typedef struct scratch {
    double *vals, *work, *sv, *rv;  /* a group's values; work; pooled subject and reference */
    size_t *src, *iwork;            /* vals[i] came from result src[i] of its cell; rank work */
    double *cxs, *cxr, *cwork;      /* censored samples (subject or one group; reference) and
                                     * their work (8 per value) */
    unsigned char *ccs, *ccr, *cflag;
    size_t cap;
    /* the current indicator's groups' values as describe sorted them, one run per group, so
     * that a role pooled from one group is not sorted again (qc_pipeline_sorted_*) */
    double *gsv;
    size_t gsv_cap, gsv_used;
    struct sorted_run { const qc_cell *c; size_t off, n; } *runs;
    size_t nruns, runs_cap;
} scratch;

/* A group's (or a role's pooled) non-missing results as the censored statistics see them:
 * the number, or the bound of a censored result ("<5": 5; ND: its lod; ">9": 9), with its
 * side (0 detected, 1 left-censored "<", 2 right-censored ">"). */
typedef struct censample {
    double *x;
    unsigned char *c;
    size_t n, ncens, nleft, nright;
} censample;

typedef struct ctx {
    const qc_study *study;
    const qc_rules *rules;
    const qc_results *res;
    const struct qc_std_editions *ed; /* the library's editions, indexed once per run: a
                                       * standard's state without a scan of the library */
    qc_report *rep;
    scratch s;
    qc_error *err;
    const uint32_t *pc;   /* the current product's cells (indices into res->cells) */
    size_t npc;
    qc_centre *centres;   /* per cell of the product, the mean and median its group reports */
    size_t ncentres;
    struct pending *pend; /* the product's comparisons, kept from product to product: the array
                           * is large, and a large calloc per product makes glibc consolidate
                           * the freed JSON tree's small chunks */
    size_t pend_cap;
} ctx;

/* A cell of one product and indicator with its group's role (0 subject, 1 reference, 2 other). */
typedef struct cellref { const qc_cell *c; int role; const char *name; } cellref;

/* The study's decision options, with the centres of the current product's groups. */
qc_assess_options qc_pipeline_options(const ctx *cx);

/* One indicator's comparison, kept until the product's p-values are adjusted. */
typedef struct pending {
    cJSON *json;               /* the indicator's object */
    qc_gap gap;
    const qc_indicator *ind;
    int ok;                    /* 1: a comparison was made (else comparison null, why says why) */
    double mean_s, mean_r;
    qc_describe ds, dr;
    double share_s, share_r;   /* censored shares of the pooled subject and reference */
    size_t nv_s, nv_r;         /* values pooled for the value-based tests (0 under km/ros with
                                * censored results) */
    char why[256];
    char why_mean[320];        /* gap.why_mean's text */
} pending;

/* The comparison of pe->ind (pe->ind and pe->json set): pools each role's results, and fills
 * pe->gap with what can be defended (comparison.c); pe->ok = 0 with pe->why when nothing. */
qc_status qc_pipeline_compare(ctx *cx, const qc_study_product *sp, const cellref *cr, size_t ncr,
                              pending *pe);
/* The p-value the verdict of g rests on (before adjustment); NaN for basis none. */
double qc_pipeline_basis_p(const qc_gap *g);

/* products[].scorecard{…} from the product's comparisons (scorecard.c): verdict counts, the
 * indicators not compared and the inconclusive ones with the reason, the quality index. */
void qc_pipeline_scorecard(ctx *cx, const qc_study_product *sp, cJSON *product,
                           const pending *pend, size_t n);

/* The same counts into an existing object sc; group names it in the notes (NULL: the pooled
 * subject). */
void qc_pipeline_scorecard_fill(ctx *cx, const qc_study_product *sp, cJSON *sc,
                                const pending *pend, size_t n, const char *group);

/* Target and half-tolerance of a nominal-is-best indicator: from the first listed standard
 * that sets a two-sided limit on it (NaN when none; comparison.c). */
void qc_pipeline_nominal(const qc_study_product *sp, const qc_indicator *ind, double *t,
                         double *h);
/* Over one family of comparisons (a product's indicators for one subject; verdicts.c): each
 * p on its basis adjusted by the study's method, the verdicts, and the minimum detectable
 * difference of an inconclusive Welch-based one. */
qc_status qc_pipeline_verdicts(ctx *cx, pending *pend, size_t n);

/* ---- groups.compare = each (each.c) ---- */
typedef struct each_state each_state;
/* State for one product of up to nindicators indicators and nsubject subject values; NULL
 * when out of memory. */
each_state *qc_pipeline_each_begin(size_t nindicators, size_t nsubject);
/* One indicator: each subject value against the pooled reference, Dunnett's many-to-one test
 * across the subject values, and indicator.ranking[]; the comparisons are written by _finish,
 * once the p-values are adjusted per subject across the product's indicators. */
qc_status qc_pipeline_each_indicator(ctx *cx, each_state *e, const qc_study_product *sp,
                                     const qc_indicator *ind, const cellref *cr, size_t ncr,
                                     cJSON *ind_json, const char *where);
/* indicator.comparisons[] for every indicator, and products[].scorecards[] (one per subject). */
qc_status qc_pipeline_each_finish(ctx *cx, each_state *e, const qc_study_product *sp,
                                  cJSON *product);
void qc_pipeline_each_free(each_state *e);

int qc_pipeline_reserve(scratch *s, size_t n);
void qc_pipeline_free(scratch *s);
/* Starts an indicator of ngroups groups holding total values: its groups' sorted values are
 * kept from here (none are when the room cannot be had: the pooled roles then sort). */
void qc_pipeline_sorted_begin(scratch *s, size_t ngroups, size_t total);
int qc_pipeline_cmp_cellref(const void *a, const void *b);

/* One group: summary, shape (normality, outliers, robust), and conformity (with capability)
 * against every listed standard that limits the indicator; the subject's decisions are added
 * to tallies[k] (k the standard's place in the study) and, with groups.compare = each, also
 * to tallies[(1 + g)·nstandards + k] (g the subject value's place in the study); the group's
 * mean and median go to cx->centres. */
qc_status qc_pipeline_group(ctx *cx, const qc_study_product *sp, cJSON *ind_json,
                            const cellref *cr, const char *where, qc_tally *tallies);

/* products[].standards[] from the tallies above (verdicts.c): one entry per listed standard,
 * or with groups.compare = each one per standard and subject value. */
qc_status qc_pipeline_standards(ctx *cx, const qc_study_product *sp, cJSON *product,
                                qc_tally *tallies);

/* standards[k].sampling{…} of product sp into entry (lot.c): the lot is the subject role
 * (group NULL) or one subject group. QC_EDATA, naming both numbers, when the results have fewer
 * samples than the plan's n; QC_EDATA when a result of the lot has no sample_id. */
qc_status qc_pipeline_lot(ctx *cx, const qc_study_product *sp, size_t k, const char *group,
                          cJSON *entry);

/* Before any output: every lot of the study has sample ids and at least its plan's n samples
 * (the errors of qc_pipeline_lot, found while nothing is written). */
qc_status qc_pipeline_check_lots(const qc_study *s, const qc_rules *rules,
                                 const qc_results *res, qc_error *err);

/* indicator.factor{…}: one-way ANOVA, Welch's ANOVA and Kruskal–Wallis across the levels of
 * the study's factor column, over every group's plain values (nothing when no factor). */
qc_status qc_pipeline_factor(ctx *cx, const cellref *cr, size_t ncr, cJSON *ind_json,
                             const char *where);

/* The values of every cell of one role pooled into out (capacity from qc_pipeline_reserve),
 * left sorted ascending, their summary, and the role's U for E_n (root mean square of its
 * results' U, NaN unless every plain result has one); the role's results also into cs (its
 * arrays set by the caller). Under km or ros with censored results the summary is the
 * method's, and *n is 0: there are no values for the value-based tests. */
qc_status qc_pipeline_pooled(ctx *cx, const cellref *cr, size_t ncr, int role, double *out,
                             size_t *n, qc_describe *d, double *U, censample *cs);

/* ---- censored results (censor.c, issue 12) ---- */
/* Appends cell c's non-missing results to cs (a censored one without a bound is left out). */
void qc_pipeline_censample_add(censample *cs, const qc_cell *c);
/* 1 when the study's policy is km or ros (a method, not a substitution). */
int qc_pipeline_censored_method(const qc_study *s);
/* The group summary g of cs by the study's km or ros (cs->ncens > 0), in unit: mean, sd, cv,
 * quartiles, min, max, mean_ci, mean_se, every null with its reason; notes about the method
 * name where (NULL: no note, for a role's pooled summary). */
void qc_pipeline_censored_summary(ctx *cx, const censample *cs, const char *unit,
                                  qc_group_summary *g, const char *where);
/* "all < 5 mg/kg" into buf when cs has no detected result (else ""). */
void qc_pipeline_all_censored(const censample *cs, const char *unit, char *buf, size_t size);
/* Peto–Prentice and the detection frequencies of subject s against reference r into g
 * (g->censored = 1), each NaN with its reason where undefined; *shift is the sign of the
 * subject's location against the reference's by Peto–Prentice (+1 larger, −1 smaller, NaN). */
void qc_pipeline_censored_tests(ctx *cx, const censample *s, const censample *r, qc_gap *g,
                                double *shift);

#endif
