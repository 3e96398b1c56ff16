/* report_internal.h — shared by the report builders only (statistics.c, multcomp.c). */
#ifndef QC_REPORT_INTERNAL_H
#define QC_REPORT_INTERNAL_H

#include "qcompare/report.h"

/* factor.tukey[] and factor.games_howell[] of a factor result (multcomp.c), or null for both
 * with the reason as a note. */
void qc_report_factor_posthoc(qc_report *rep, cJSON *factor, const qc_factor_result *f,
                              const char *where);

#endif
