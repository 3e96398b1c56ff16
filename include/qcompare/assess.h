/* assess.h — conformity decisions (DESIGN §5 "conformity of one result", "censored values"):
 * one result against one limit, and the tally of a group's results against the limits one
 * standard grade sets for an indicator. */
#ifndef QCOMPARE_ASSESS_H
#define QCOMPARE_ASSESS_H

#include <stddef.h>
#include <stdint.h>
#include "results.h"
#include "rules.h"

typedef enum { QC_DEC_PASS = 0, QC_DEC_FAIL, QC_DEC_NOT_DECIDABLE } qc_decision;

/* A limit's bounds in the unit of the results it judges. */
typedef struct qc_bounds {
    double min, max;           /* NaN when absent */
    int min_exclusive, max_exclusive;
} qc_bounds;

/* Decides one result under the simple rule (w = 0). A censored result is treated as the set
 * of values it stands for ("<50" is every value below 50; ND is below the lod): pass when the
 * whole set conforms, fail when none of it does, else not decidable (*why says why). */
qc_decision qc_assess_decide(const qc_bounds *b, qc_value_kind kind, double x, double lod,
                             const char **why);

const char *qc_decision_name(qc_decision d);

/* A result that is not a plain pass. */
typedef struct qc_nonconforming {
    uint32_t sample, line;     /* sample: interned id in the results store */
    uint16_t file;
    uint8_t kind;              /* qc_value_kind */
    double x;
    qc_decision decision;
    const char *why;           /* static reason when not decidable */
} qc_nonconforming;

typedef struct qc_conformity {
    size_t pass, fail, not_decidable;
    size_t unconfirmed;        /* results judged against a limit marked unconfirmed */
    const qc_limit *piece_used;/* the (only) piece applied, NULL when several were */
    qc_nonconforming *nc;
    size_t nnc;
} qc_conformity;

/* Judges every non-missing result of cell c against set (whose unit is converted to the
 * cell's indicator unit with units). Pieces with `when` are selected per result from its
 * context columns; a result no piece selects is not decidable. Limits that apply to the mean
 * or median judge that statistic once (mean, median given). */
qc_status qc_assess_cell(const qc_results *res, const qc_cell *c, const qc_limit_set *set,
                         qc_units *units, double mean, double median, qc_conformity *out,
                         qc_error *err);
void qc_conformity_free(qc_conformity *c);

#endif
