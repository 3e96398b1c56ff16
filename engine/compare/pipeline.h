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
    size_t cap;
} scratch;

typedef struct ctx {
    const qc_study *study;
    const qc_rules *rules;
    const qc_results *res;
    qc_report *rep;
    scratch s;
    qc_error *err;
    const uint32_t *pc;   /* the current product's cells (indices into res->cells) */
    size_t npc;
} ctx;

/* A cell of one product and indicator with its group's role (0 subject, 1 reference, 2 other). */
typedef struct cellref { const qc_cell *c; int role; const char *name; } cellref;

/* Per listed standard: the subject's decisions, for the product verdict. */
typedef struct tally { size_t fail, not_decidable, tested; } tally;

int qc_pipeline_reserve(scratch *s, size_t n);
void qc_pipeline_free(scratch *s);
int qc_pipeline_cmp_cellref(const void *a, const void *b);

/* One group: summary, shape (normality, outliers, robust), and conformity (with capability)
 * against every listed standard that limits the indicator; the subject's decisions go to
 * tallies. */
qc_status qc_pipeline_group(ctx *cx, const qc_study_product *sp, cJSON *ind_json,
                            const cellref *cr, const char *where, tally *tallies);

/* indicator.factor{…}: one-way ANOVA, Welch's ANOVA and Kruskal–Wallis across the levels of
 * the study's factor column, over every group's plain values (nothing when no factor). */
qc_status qc_pipeline_factor(ctx *cx, const cellref *cr, size_t ncr, cJSON *ind_json,
                             const char *where);

/* The values of every cell of one role pooled into out (capacity from qc_pipeline_reserve),
 * left sorted ascending,
 * their summary, and the role's U for E_n (root mean square of its results' U, NaN unless
 * every plain result has one). */
qc_status qc_pipeline_pooled(ctx *cx, const cellref *cr, size_t ncr, int role, double *out,
                             size_t *n, qc_describe *d, double *U);

#endif
