/* std_internal.h — shared by the standards-comparison files of engine/compare/ only
 * (standards.c, bands.c, gaps.c): the limits each side sets on one indicator, and the band
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
