/* sampling_tables.h — the layout of the GB/T 2828.1-2012 tables held as data in
 * sampling_tables.c, read by sampling.c only. */
#ifndef QC_SAMPLING_TABLES_H
#define QC_SAMPLING_TABLES_H

#include "qcompare/sampling.h"

/* A cell of a master table: a plan (ac >= 0, re), or an arrow, or blank. */
typedef struct qc_sp_cell {
    signed char ac, re;
} qc_sp_cell;
#define QC_SP_DOWN -1   /* ↓ use the first sampling plan below the arrow */
#define QC_SP_UP -2     /* ↑ use the first sampling plan above the arrow */
#define QC_SP_NONE -3   /* no plan printed (only in the tightened table's row S) */

/* Table 1: a range of lot sizes and its code letter at S-1, S-2, S-3, S-4, I, II, III. */
typedef struct qc_sp_lot_row {
    unsigned long lo, hi;   /* hi 0: and over */
    char letters[QC_NLEVELS + 1];
} qc_sp_lot_row;
#define QC_SP_LOT_ROWS 15

/* The master tables, each with its rows' code letters and sample sizes. */
typedef struct qc_sp_master {
    const char *name;               /* "GB/T 2828.1-2012 Table 2-A" */
    size_t rows;
    const char *letters;            /* the rows' code letters, top to bottom */
    const unsigned *sample_size;    /* per row */
    const qc_sp_cell (*cells)[QC_SP_NAQL];
} qc_sp_master;

extern const qc_sp_lot_row qc_sp_table_1[QC_SP_LOT_ROWS];
extern const qc_sp_master qc_sp_masters[QC_NSEVERITIES];   /* by qc_severity */

#endif
