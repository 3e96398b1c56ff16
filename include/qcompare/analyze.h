/* analyze.h — the whole study: ingest → rules → stats / assess → compare → report. */
#ifndef QCOMPARE_ANALYZE_H
#define QCOMPARE_ANALYZE_H

#include <cjson/cJSON.h>
#include "report.h"
#include "results.h"
#include "rules.h"
#include "study.h"

/* Computes the gap analysis of a loaded study and its results into *doc (caller frees with
 * cJSON_Delete). */
qc_status qc_analyze(const qc_study *s, const qc_rules *rules, const qc_results *res,
                     cJSON **doc, qc_error *err);

/* The same with the products analysed by up to `threads` threads at once; the document is the
 * same byte for byte whatever the number. */
qc_status qc_analyze_threads(const qc_study *s, const qc_rules *rules, const qc_results *res,
                             int threads, cJSON **doc, qc_error *err);

/* The same document written to path (NULL or "-": stdout) as it is computed, byte for byte
 * what qc_report_write of qc_analyze_threads' document writes, without ever holding it whole:
 * each product is printed and freed once it and the products before it are done, so memory
 * stays that of the products in flight however many the study has. Atomic as
 * qc_report_write: on an error no partial file is left. */
qc_status qc_analyze_write(const qc_study *s, const qc_rules *rules, const qc_results *res,
                           int threads, const char *path, qc_error *err);

/* The study-wide sections of the document, added to root: standards_comparison[] for every
 * compare_standards pair of the study, in study order, and standards_portfolio for the
 * products the study names at its date. They depend on the study and the rules only, not on
 * the results (qcompare merge recomputes them for the whole study from its parts). */
qc_status qc_analyze_standards_sections(const qc_study *s, const qc_rules *rules, cJSON *root,
                                        qc_error *err);

#endif
