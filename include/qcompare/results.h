/* results.h — the results store: every accepted result of a study, as columns per
 * (product, indicator, group) cell, plus the per-file counts and every rejection with its
 * line. Filled by streaming each results CSV once (DESIGN §4.1, §8 "Fast", "No silent loss"). */
#ifndef QCOMPARE_RESULTS_H
#define QCOMPARE_RESULTS_H

#include <stddef.h>
#include <stdint.h>
#include "ingest.h"
#include "intern.h"
#include "study.h"

/* The results of one product × indicator × group, in file order. */
typedef struct qc_cell {
    const qc_product *product;
    const qc_indicator *indicator;
    uint32_t group;            /* interned group value */
    size_t n, cap;             /* results held (missing ones included) */
    size_t n_missing;
    double *x;                 /* value or censoring bound, in the indicator's unit */
    double *lod;               /* limit of detection (NaN when none), same unit */
    uint8_t *kind;             /* qc_value_kind */
    uint32_t *line;            /* physical line of the record */
    uint32_t *sample;          /* interned sample_id ("" when the file has none) */
    uint16_t *file;            /* index into qc_results.files */
    uint32_t *ctx;             /* nctx interned context values per result */
    double *U, *u;             /* expanded and standard uncertainty (NaN: none), same unit */
    uint8_t *usrc;             /* where U came from: QC_USRC_* */
    uint32_t *method;          /* interned test method ("" when the file has none) */
} qc_cell;

typedef struct qc_file_counts {
    char *path, sha256[65];
    size_t records, results, accepted, rejected, excluded;
} qc_file_counts;

typedef struct qc_rejection {
    uint16_t file;
    uint32_t line;
    char *column;              /* the column at fault, "" for the whole record */
    const char *reason;        /* interned */
} qc_rejection;

typedef struct qc_results {
    qc_intern *strings;        /* groups, sample ids, context values, reasons */
    qc_cell *cells;
    size_t ncells;
    char **ctx_columns;        /* context columns kept per result (those `when` conditions use) */
    size_t nctx;
    qc_file_counts *files;
    size_t nfiles;
    qc_rejection *rejections;
    size_t nrejections;
    void *index;               /* cell lookup (results.c) */
} qc_results;

/* Reads every results file of the study. Returns QC_OK when all files were read (rejected
 * rows are in ->rejections); QC_EIO/QC_EDATA/QC_ERULES/QC_ENOMEM with err set otherwise. */
qc_status qc_results_load(const qc_study *study, const qc_rules *rules, qc_results **out,
                          qc_error *err);
void qc_results_free(qc_results *r);

/* Context value of result i of cell c for context column k ("" when the file lacks it). */
const char *qc_cell_context(const qc_results *r, const qc_cell *c, size_t i, size_t k);
/* Index of a kept context column, or -1. */
int qc_results_context_index(const qc_results *r, const char *column);

#endif
