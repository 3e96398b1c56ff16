/* standards.h — standards as documents (DESIGN §5 "standards comparison", "standards
 * portfolio"; §6 `standards_comparison[…]`, `standards_portfolio{…}`): one standard (grade)
 * against another indicator by indicator, and the portfolio of standards in force at a date.
 * Every builder returns a cJSON tree that the caller owns (cJSON_Delete), in a deterministic
 * order, or NULL with err set. Nothing here reads the clock: every date is given. */
#ifndef QCOMPARE_STANDARDS_H
#define QCOMPARE_STANDARDS_H

#include <cjson/cJSON.h>
#include "rules.h"
#include "study.h"

/* Relative tolerance within which two limit values are `equivalent`. */
#define QC_STD_EQUIVALENT_RTOL 1e-9
/* Years after publication when a standard is due for review (Standardization Law, art. 29). */
#define QC_STD_REVIEW_YEARS 5

typedef enum {
    QC_STD_STRICTER = 0,   /* A's limit is stricter than B's */
    QC_STD_EQUIVALENT,     /* the same, within QC_STD_EQUIVALENT_RTOL relative */
    QC_STD_LOOSER,
    QC_STD_ONLY_IN_A,
    QC_STD_ONLY_IN_B,
    QC_STD_NOT_COMPARABLE  /* with a reason */
} qc_std_verdict;

/* One piece of a piecewise limit compared with B's piece of the same `applies_to` and `when`. */
typedef struct qc_std_piece {
    size_t b_piece;                 /* the index of B's matching piece */
    qc_std_verdict verdict;
    double difference;              /* A − B in A's unit for one-sided bounds on the same side */
    double b_min, b_max;            /* B's bounds converted to A's unit; NaN when absent */
} qc_std_piece;

/* One indicator of a comparison. */
typedef struct qc_std_item {
    const char *indicator;          /* canonical id (points into the rules) */
    const qc_limit_set *a, *b;      /* NULL on the side that does not limit it */
    qc_std_verdict verdict;
    double difference;              /* A − B in A's unit: one-piece, one-sided limits on the same
                                       side; NaN otherwise */
    double relative_difference;     /* difference / |B|; NaN when B is 0 or no difference */
    int method_differs;             /* both state a method and they differ */
    int unconfirmed_a, unconfirmed_b;
    char reason[384];               /* why not_comparable, or a note on the verdict; "" if none */
    qc_std_piece *pieces;           /* in A's piece order, when the pieces match; else NULL */
    size_t npieces;
} qc_std_item;

typedef struct qc_std_comparison {
    const qc_standard *a, *b;
    const qc_grade *ga, *gb;
    qc_std_item *items;             /* sorted by indicator id */
    size_t nitems;
    size_t count[6];                /* per qc_std_verdict */
    double coverage;                /* share of B's indicators that A also limits; NaN: none */
    double stricter_or_equal;       /* share of the compared indicators (verdict stricter,
                                       equivalent or looser) where A is stricter or equivalent;
                                       NaN when none was compared */
} qc_std_comparison;

/* Compares grade ga of a with grade gb of b (NULL: the standard's only grade). Indicators match
 * by canonical id. Verdict rules (direction of the limit, not of the indicator): a higher min and
 * a lower max are stricter; a missing bound is the loosest; a range inside the other is
 * stricter; stricter on one bound and looser on the other is not_comparable. Pieces of a
 * piecewise limit are matched by (`applies_to`, `when`) and compared one by one; pieces that do
 * not match, a different `applies_to`, or units that do not convert give not_comparable. Equal
 * values with one bound exclusive and the other inclusive: the exclusive one is stricter. */
qc_status qc_standards_compare(const qc_rules *r, const qc_standard *a, const qc_grade *ga,
                               const qc_standard *b, const qc_grade *gb, qc_std_comparison *out,
                               qc_error *err);
void qc_std_comparison_free(qc_std_comparison *c);
const char *qc_std_verdict_name(qc_std_verdict v);

/* The comparison as one `standards_comparison[]` entry of DESIGN §6:
 * {a{id,grade}, b{id,grade}, indicators[{indicator, unit, a_limit, b_limit, verdict, difference,
 * relative_difference, method_differs, flags[], reason?, b_limit_in_a_unit?, pieces?}],
 * coverage, stricter_or_equal, counts{…}}. NULL with err set on failure. */
cJSON *qc_standards_compare_json(const qc_rules *r, const qc_standard *a, const qc_grade *ga,
                                 const qc_standard *b, const qc_grade *gb, qc_error *err);

/* The standard's parsed file, read again and checked against the SHA-256 recorded at load time.
 * *doc is the caller's. */
qc_status qc_standard_document(const qc_standard *s, cJSON **doc, qc_error *err);

/* The standards portfolio at date (YYYY-MM-DD; NULL: the study's date), per industry then product
 * (sorted by id). A standard is withdrawn (status), not yet effective (effective > date),
 * superseded (an edition in force on the date — effective <= date, not withdrawn — supersedes
 * it: along superseded_by, or a later edition "ID-YYYY" of the same id), else in force; so a
 * standard recorded as superseded whose successor is not in the library, or not yet in force,
 * counts as in force, with a note. In force: age_years (days since published / 365.2425, to
 * 0.01; null with a note when unpublished), review_overdue (date after the
 * QC_STD_REVIEW_YEARS-th anniversary of publication), adoption; adoption_share = domestic
 * (national, industry, group, enterprise) standards in force that adopt an international or
 * foreign one. industry (NULL: all with products) keeps one industry. With a study: only the
 * products it names, `cited_by_study` and study_cites_superseded[] for the superseded editions
 * it still cites (standards[] or compare_standards). NULL with err set (QC_EUSAGE: no or bad
 * date, unknown industry; QC_ERULES/QC_EIO: a standard's file changed or vanished). */
cJSON *qc_standards_portfolio_json(const qc_rules *r, const char *industry, const char *date,
                                   const qc_study *study, qc_error *err);

/* Days from 1970-01-01 to a YYYY-MM-DD date (proleptic Gregorian); 0 when s is not a date. */
long qc_std_days(const char *date);

#endif
