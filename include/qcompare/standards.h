/* standards.h — standards as documents (DESIGN §5 "standards comparison", "standards
 * portfolio"; §6 `standards_comparison[…]`, `standards_portfolio{…}`; §9): one standard (grade)
 * against another indicator by indicator over the common domain of their limits, the status of
 * an edition at a date, the portfolio of standards in force at a date, and the gaps a product's
 * comparison has. Every builder returns a cJSON tree that the caller owns (cJSON_Delete), in a
 * deterministic order, or NULL with err set. Nothing here reads the clock: every date is given.
 * The semantics are written out in docs/standards.md. */
#ifndef QCOMPARE_STANDARDS_H
#define QCOMPARE_STANDARDS_H

#include <cjson/cJSON.h>
#include "rules.h"
#include "study.h"

/* Relative tolerance within which two limits stated in the same unit are `equivalent` (they
 * are compared as written). Limits stated in different units are equivalent when they agree
 * within the precision they are stated to: half a unit in the last decimal each writes, the
 * coarser of the two, after conversion. */
#define QC_STD_EQUIVALENT_RTOL 1e-9
/* Years after publication when a standard is due for review (Standardization Law, art. 29). */
#define QC_STD_REVIEW_YEARS 5

typedef enum {
    QC_STD_STRICTER = 0,   /* A's limit is stricter than B's (everywhere both set one) */
    QC_STD_EQUIVALENT,     /* the same, within the stated precision */
    QC_STD_LOOSER,
    QC_STD_ONLY_IN_A,      /* B sets no requirement on the indicator */
    QC_STD_ONLY_IN_B,
    QC_STD_NOT_COMPARABLE, /* the domains do not overlap, the units do not convert, or the
                              methods are declared not equivalent; with the reason */
    QC_STD_MIXED,          /* stricter in some respect or band, looser in another */
    QC_STD_NOT_ENCODED     /* a side states the requirement but its value is not encoded */
} qc_std_verdict;
#define QC_STD_NVERDICTS 8

/* One band of the common domain: a box of context values (and one statistic) over which both
 * sides apply one fixed limit each. Bounds are in the comparison unit; NaN when absent. */
typedef struct qc_std_band {
    qc_applies applies_to;
    cJSON *when;                    /* the box as conditions (owned); [] for everything */
    int a_piece, b_piece;           /* the direct piece of each side that applies (-1: none) */
    qc_std_verdict verdict;
    int not_encoded;                /* bit 1: A's value not encoded, bit 2: B's */
    double a_min, a_max, b_min, b_max;
    int a_min_x, a_max_x, b_min_x, b_max_x;   /* exclusive bounds */
    double difference;              /* A − B for one-sided bounds on the same side; else NaN */
    double tolerance;               /* within which values counted as equal (0: as written) */
    int method_differs;
    char reason[256];               /* why not comparable / mixed, or a note; "" if none */
} qc_std_band;

/* The per-piece view of A's table (A's direct pieces in file order). */
typedef struct qc_std_piece {
    qc_std_verdict verdict;         /* over the piece's part of the common domain; only_in_a
                                       when B sets nothing there */
    double difference, b_min, b_max;   /* from its one band, else NaN */
} qc_std_piece;

/* One indicator of a comparison. */
typedef struct qc_std_item {
    const char *indicator;          /* canonical id (points into the rules) */
    const qc_limit_set *a, *b;      /* direct limits; NULL on a side that has none */
    const qc_limit_set *a_from, *b_from;   /* limits of another indicator derived into this one */
    const char *unit;               /* the comparison unit (A's) */
    qc_std_verdict verdict;
    int not_encoded;                /* bit 1: A, bit 2: B */
    double difference;              /* A − B in the unit: one band, one-sided limits on the same
                                       side; NaN otherwise */
    double relative_difference;     /* difference / |B|; NaN when B is 0 or no difference */
    double tolerance;               /* the largest tolerance a band used */
    int method_differs;             /* both state a method and they differ (some band) */
    int unconfirmed_a, unconfirmed_b;
    char reason[512];               /* why not_comparable, or a note on the verdict; "" if none */
    qc_std_band *bands;             /* the common domain, band by band */
    size_t nbands;
    cJSON *only_a, *only_b;         /* domains one side limits and the other does not (owned) */
    qc_std_piece *pieces;           /* A's direct pieces, when A's limit is piecewise */
    size_t npieces;
} qc_std_item;

typedef struct qc_std_comparison {
    const qc_standard *a, *b;
    const qc_grade *ga, *gb;
    qc_std_item *items;             /* sorted by indicator id */
    size_t nitems;
    size_t count[QC_STD_NVERDICTS]; /* per qc_std_verdict */
    double coverage;                /* share of B's indicators that A also limits; NaN: none */
    double stricter_or_equal;       /* share of the compared indicators (stricter, equivalent,
                                       looser or mixed) where A is stricter or equivalent; NaN
                                       when none was compared */
} qc_std_comparison;

/* Compares grade ga of a with grade gb of b (NULL: the standard's only grade). Indicators match
 * by canonical id; a limit derived into another indicator (`derived`) is compared under the
 * indicator it constrains. Over the common domain of the two sides' pieces (`when` conditions
 * and `applies_to`; a condition on one side only restricts that side), band by band: a higher
 * min and a lower max are stricter, a missing bound the loosest, stricter on one bound and
 * looser on the other is mixed; equal values with one bound exclusive (same unit): the exclusive
 * one is stricter. Methods declared not equivalent (methods.json) make a band not_comparable;
 * a value not encoded makes it not_encoded. The item's verdict: every band's, or mixed when
 * bands disagree. */
qc_status qc_standards_compare(const qc_rules *r, const qc_standard *a, const qc_grade *ga,
                               const qc_standard *b, const qc_grade *gb, qc_std_comparison *out,
                               qc_error *err);
void qc_std_comparison_free(qc_std_comparison *c);
const char *qc_std_verdict_name(qc_std_verdict v);

/* The comparison as one `standards_comparison[]` entry of DESIGN §6:
 * {a{id,grade,status}, b{…}, date, indicators[{indicator, unit, a_limit, b_limit, verdict,
 * difference, relative_difference, method_differs, flags[], reason?|note?, b_limit_in_a_unit?,
 * pieces?, tolerance, not_encoded?, a_derived?, b_derived?, bands?, only_in_a_domain?,
 * only_in_b_domain?}], coverage, stricter_or_equal, counts{…}, warnings[], notes[]}. date
 * (YYYY-MM-DD, or NULL: none) gives each side's status and the warnings for an edition that is
 * superseded, withdrawn or not yet effective on it. NULL with err set on failure. */
cJSON *qc_standards_compare_json(const qc_rules *r, const qc_standard *a, const qc_grade *ga,
                                 const qc_standard *b, const qc_grade *gb, const char *date,
                                 qc_error *err);

/* ---------- editions at a date (editions.c) ---------- */

typedef enum {
    QC_STD_STATE_IN_FORCE = 0, QC_STD_STATE_SUPERSEDED, QC_STD_STATE_NOT_YET_EFFECTIVE,
    QC_STD_STATE_WITHDRAWN
} qc_std_state_kind;

typedef struct qc_std_state {
    qc_std_state_kind kind;
    const qc_standard *by;          /* superseded: the edition in force that supersedes it */
    const qc_standard *successor;   /* in force: a successor issued but not yet in force */
    const char *effective;          /* the date it takes effect: recorded, or the first day of
                                       its edition year when none is recorded; NULL: unknown */
    int effective_inferred;         /* effective comes from the edition year in the id */
    char inferred_effective[11];    /* storage for an inferred effective date */
    char note[256];
} qc_std_state;

/* The editions of every standard of r, indexed once (standards sharing the part of their id
 * before the edition year), for qc_std_state_at. */
typedef struct qc_std_editions qc_std_editions;
qc_status qc_std_editions_new(const qc_rules *r, qc_std_editions **out);
void qc_std_editions_free(qc_std_editions *e);

/* The state of s on date: withdrawn (recorded status, or a withdrawn date on or before it); not
 * yet effective (effective after it); superseded (an edition in force on the date supersedes it:
 * along superseded_by, or a later edition of the same id); else in force — with `successor` when
 * a successor is issued but not yet in force, and a note when a recorded status disagrees. */
void qc_std_state_at(const qc_std_editions *e, const qc_standard *s, const char *date,
                     qc_std_state *out);
/* The same without an index (one scan of the library). */
void qc_std_state_of(const qc_rules *r, const qc_standard *s, const char *date,
                     qc_std_state *out);
const char *qc_std_state_name(qc_std_state_kind k);
/* Appends "ID is superseded on DATE by ID2 (in force since E)" or similar to buf when s is not
 * in force on date; returns 1 when it wrote a warning. */
int qc_std_state_warning(const qc_standard *s, const qc_std_state *st, const char *date,
                         char *buf, size_t size);

/* The standard's parsed file, read again and checked against the SHA-256 recorded at load time.
 * *doc is the caller's. */
qc_status qc_standard_document(const qc_standard *s, cJSON **doc, qc_error *err);

/* 1 for the kinds counted as domestic (Chinese) standards in shares: national, industry, group;
 * enterprise and example specifications are listed but left out of the shares. */
int qc_std_domestic(const qc_standard *s);

/* The standards portfolio at date (YYYY-MM-DD; NULL: the study's date), per industry then product
 * (sorted by id), each standard in the list of its state on the date (qc_std_state_at). In
 * force: age_years (days since published / 365.2425, to 0.01; null when unpublished),
 * review_overdue (date after the QC_STD_REVIEW_YEARS-th anniversary of publication; null, and
 * counted as review_unknown, when the publication date is unknown), adoption. Shares are over
 * domestic standards (qc_std_domestic) in force and name their numerator and denominator:
 * adoption (adopting an international or foreign one, by degree), review overdue (over those
 * whose publication date is known). industry (NULL: all with products) keeps one industry.
 * With a study: only the products it names, `cited_by_study` and study_cites_superseded[] for
 * the superseded editions it still cites. NULL with err set (QC_EUSAGE: no or bad date, unknown
 * industry; QC_ERULES/QC_EIO: a standard's file changed or vanished). */
cJSON *qc_standards_portfolio_json(const qc_rules *r, const char *industry, const char *date,
                                   const qc_study *study, qc_error *err);

/* What an analyst must know before trusting a product's standards comparison, per product
 * (gaps.c, docs/standards.md): the Chinese standards in force on date and whether they carry
 * limits, the international/foreign counterparts, for each Chinese grade the closest grade of
 * each counterpart and whether it is an equivalent, the share of unconfirmed limits, the
 * requirements whose values are not encoded, and missing successor editions; `gaps[]` names
 * each problem. industry NULL: every industry. NULL with err set. */
cJSON *qc_standards_gaps_json(const qc_rules *r, const char *industry, const char *date,
                              qc_error *err);

/* Days from 1970-01-01 to a YYYY-MM-DD date (proleptic Gregorian); 0 when s is not a date. */
long qc_std_days(const char *date);

#endif
