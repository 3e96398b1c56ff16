/* study_sampling.c — a study standard's `sampling` object (study.h, issue 13): the lot size, the
 * inspection level, the AQL and the inspection severity of GB/T 2828.1-2012 single sampling,
 * each checked with its JSON path, and the plan they give found at once (stats/sampling.c), so
 * that a plan the tables do not have is a study error, not a surprise in the analysis. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "rules_internal.h"

static const qc_json_field sampling_fields[] = {
    {"lot_size", QC_JT_NUMBER, 1}, {"inspection_level", QC_JT_STRING, 0},
    {"aql", QC_JT_NUMBER, 1}, {"severity", QC_JT_STRING, 0}, {NULL, 0, 0}};

#define FAIL(...) return qc_error_set(err, QC_ERULES, __VA_ARGS__)

qc_status qc_study_sampling_load(const cJSON *obj, const char *file, const char *path,
                                 qc_study_sampling *out, qc_error *err)
{
    char p[512];
    qc_json_path_key(p, sizeof p, path, "sampling");
    qc_status st = qc_json_check(obj, sampling_fields, file, p, err);
    if (st) return st;
    double lot = qc_json_num(obj, "lot_size", NAN), aql = qc_json_num(obj, "aql", NAN);
    const char *level = qc_json_str(obj, "inspection_level", "II");
    const char *severity = qc_json_str(obj, "severity", "normal");
    if (!(lot >= 2 && lot <= 1e12 && lot == floor(lot)))
        FAIL("%s: %s.lot_size: must be a whole number of items, at least 2", file, p);
    int l = qc_sampling_level(level), s = qc_sampling_severity(severity);
    if (l < 0)
        FAIL("%s: %s.inspection_level: \"%s\" is not one of S-1, S-2, S-3, S-4, I, II, III", file,
             p, level);
    if (s < 0)
        FAIL("%s: %s.severity: \"%s\" is not one of normal, tightened, reduced", file, p,
             severity);
    int col = qc_sampling_aql_index(aql);
    if (col < 0)
        FAIL("%s: %s.aql: %g is not one of the preferred AQLs of GB/T 2828.1 (0.010, 0.015, "
             "0.025, 0.040, 0.065, 0.10, 0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10)",
             file, p, aql);
    if (aql > 10)
        FAIL("%s: %s.aql: %g is an AQL in nonconformities per 100 items; a lot decision counts "
             "nonconforming items (a sample fails when any of its results fails), whose AQLs "
             "go up to 10 %%", file, p, aql);
    *out = (qc_study_sampling){1, (unsigned long)lot, (qc_inspection_level)l, aql,
                               (qc_severity)s, {0}};
    st = qc_sampling_plan_find(out->lot_size, out->level, aql, out->severity, &out->plan);
    if (st)
        FAIL("%s: %s: GB/T 2828.1-2012 has no single sampling plan for lot size %lu, level %s, "
             "AQL %g, %s inspection", file, p, out->lot_size, level, aql, severity);
    return QC_OK;
}
