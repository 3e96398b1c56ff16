/* std_internal.h — shared by the standards-comparison files of engine/compare/ only
 * (standards.c, bands.c, band_cell.c, gaps.c): the limits each side sets on one indicator, and the band
 * comparison over their common domain. */
#ifndef QC_STD_INTERNAL_H
#define QC_STD_INTERNAL_H

#include "qcompare/standards.h"

/* The limits one side sets on the compared indicator: its own pieces, and the pieces of other
 * indicators whose `derived` states a requirement on it. */
#define QC_STD_MAX_SOURCES 8
typedef struct qc_std_source {
    const qc_limit_set *set;
    int derived;                    /* 1: set is another indicator's, each piece derived */
} qc_std_source;
typedef struct qc_std_side {
    qc_std_source src[QC_STD_MAX_SOURCES];
    size_t n;
} qc_std_side;

/* One bound a side applies at a cell of the comparison grid, in the comparison unit: v (NaN:
 * none), tol (half a unit of its last written decimal, converted), x (exclusive), exact (no
 * stated precision applies: derived by an exact factor), dp (decimals as written). */
typedef struct qc_std_bound { double v, tol; int x, exact, dp; } qc_std_bound;

/* What one side applies at a cell: the intersection of its sources' first selecting pieces. */
#define QC_STD_KEY 96
typedef struct qc_std_eff {
    qc_std_bound lo, hi;
    int any, not_encoded, bad_units, unconfirmed;
    const char *method, *why_not_encoded, *bad_unit, *bad_to;
    int direct_piece;
    char key[QC_STD_KEY];
} qc_std_eff;

/* The verdict of one cell (band_cell.c): stated precision, exclusive bounds, methods that
 * decide (methods.json), not_encoded; fills o's bounds, verdict, reason, difference and
 * tolerance. */
void qc_std_cell_compare(const qc_rules *r, const char *indicator, const qc_std_eff *a,
                         const qc_std_eff *b, qc_std_band *o);

/* Compares side a with side b on indicator it->indicator in the unit it->unit: fills the
 * bands, the domains only one side limits, the per-piece view of A's direct set, the item's
 * verdict (with not_encoded, reason, difference, tolerance, method_differs). QC_ENOMEM only. */
qc_status qc_std_bands(const qc_rules *r, const qc_std_side *a, const qc_std_side *b,
                       qc_std_item *it);

/* Frees what qc_std_bands allocated in it. */
void qc_std_item_clear(qc_std_item *it);

/* The limits grade g of s sets on indicator, itself and derived from others, into side. */
void qc_std_side_of(const qc_standard *s, const qc_grade *g, const char *indicator,
                    qc_std_side *side);

#endif
