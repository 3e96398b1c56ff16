/* analyze.h — the whole study: ingest → rules → stats / assess → compare → report. */
#ifndef QCOMPARE_ANALYZE_H
#define QCOMPARE_ANALYZE_H

#include <cjson/cJSON.h>
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

#endif
