/* multcomp.c — report builders for multiple comparisons (report.h): the post-hoc pairs of a
 * factor (tukey[], games_howell[]). Each builder only names numbers computed in engine/stats;
 * a value that is not finite is null with a note saying where. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "qcompare/report.h"
#include "report_internal.h"

void qc_report_pairs(qc_report *rep, cJSON *parent, const char *key, const qc_pairwise *pairs,
                     size_t npairs, const char *const *names, const char *where)
{
    cJSON *arr = cJSON_AddArrayToObject(parent, key);
    for (size_t i = 0; i < npairs; i++) {
        const qc_pairwise *p = &pairs[i];
        char w[1400];
        snprintf(w, sizeof w, "%s.%s[%s-%s]", where, key, names[p->a], names[p->b]);
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "a", names[p->a]);
        cJSON_AddStringToObject(e, "b", names[p->b]);
        qc_report_number(rep, e, "difference", p->difference, w);
        qc_report_number(rep, e, "ci_low", p->ci_lo, w);
        qc_report_number(rep, e, "ci_high", p->ci_hi, w);
        qc_report_number(rep, e, "p_value", p->p_value, w);
        cJSON_AddItemToArray(arr, e);
    }
}

void qc_report_factor_posthoc(qc_report *rep, cJSON *factor, const qc_factor_result *f,
                              const char *where)
{
    char w[1200];
    snprintf(w, sizeof w, "%s.factor", where);
    if (!f->tukey || !f->games_howell) {
        cJSON_AddNullToObject(factor, "tukey");
        cJSON_AddNullToObject(factor, "games_howell");
        qc_report_note(rep, "%s.tukey, games_howell: null: %s", w,
                       f->posthoc_why ? f->posthoc_why : "not computable for these data");
        return;
    }
    const char **names = malloc((f->nlevels + 1) * sizeof *names);
    if (!names) return;  /* out of memory: the section is left out, as cJSON would */
    for (size_t j = 0; j < f->nlevels; j++) names[j] = qc_intern_str(f->strings, f->level_ids[j]);
    qc_report_pairs(rep, factor, "tukey", f->tukey, QC_NPAIRS(f->nlevels), names, w);
    qc_report_pairs(rep, factor, "games_howell", f->games_howell, QC_NPAIRS(f->nlevels), names, w);
    free(names);
}
