/* fuzz_study.c — libFuzzer harness for the study loader (qc_study_load: keys, types, groups,
 * products, standards and grades against the rules, decision rules, sampling, columns). The
 * shipped rules are loaded once; each input is written as study.json and loaded. Checks:
 * every refusal is explained, and a loaded study's effective JSON prints and parses again. */
#include "fuzz_common.h"
#include <cjson/cJSON.h>
#include "qcompare/rules.h"
#include "qcompare/study.h"

static qc_rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    qc_error err = {0};
    if (qc_rules_load(QC_FUZZ_REPO "/rules", &rules, &err) != QC_OK) {
        qcf_setup_failed("rules", err.message);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[4096];
    qcf_write("study.json", data, size, path);
    qc_error err = {0};
    qc_study *s = NULL;
    qc_status st = qc_study_load(path, rules, &s, &err);
    if (st != QC_OK) {
        if (!err.message[0] || s) abort();
        qcf_said(err.message);
        return 0;
    }
    cJSON *eff = qc_study_effective_json(s);
    if (eff) {
        char *text = cJSON_PrintUnformatted(eff);
        if (text) {
            cJSON *again = cJSON_Parse(text);
            if (!again) abort();
            cJSON_Delete(again);
            free(text);
        }
        cJSON_Delete(eff);
    }
    for (size_t i = 0; i < rules->nproducts; i++)
        (void)qc_study_product_of(s, rules, &rules->products[i]);
    (void)qc_study_role(s, "local");
    qc_study_free(s);
    return 0;
}
