/* fuzz_ingest.c — libFuzzer harness for the whole ingest of a study: bytes → results →
 * analysis → JSON. The shipped rules and every reference study of datasets/ are loaded once,
 * each study pointed at one results file, data.csv, in the harness's temporary directory. The
 * first input byte chooses the study (so the long, wide, replicate, censored and GB18030
 * paths are all reached); the rest is data.csv. Checks: every refusal is explained, and the
 * gap analysis of whatever was accepted prints as JSON that parses again. */
#define QCF_INGEST
#include "fuzz_common.h"
#include "qcompare/rules.h"
#include "qcompare/study.h"

static const char *const datasets[] = {"rebar", "appliances", "cans", "ceramic", "chargers",
                                       "concrete", "datacentre", "masks", "motors",
                                       "pistonrings", "rohs", "spotcheck", "tiles"};
#define NSETS (sizeof datasets / sizeof *datasets)
static qc_rules *rules;
static qc_study *studies[NSETS];
static size_t nstudies;

/* datasets/NAME/study.json with "results": ["data.csv"], written to the temporary directory
 * and loaded; a study the rules refuse is left out (it cannot reach the results). */
static void load_study(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/datasets/%s/study.json", QC_FUZZ_REPO, name);
    FILE *f = fopen(path, "rb");
    if (!f) return;
    char *text = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n + 65536 > cap && !(text = realloc(text, cap = n + 65537))) abort();
        got = fread(text + n, 1, 65536, f);
        n += got;
    } while (got > 0);
    fclose(f);
    text[n] = '\0';
    cJSON *doc = cJSON_Parse(text);
    free(text);
    if (!doc) return;
    cJSON *res = cJSON_CreateArray();
    cJSON_AddItemToArray(res, cJSON_CreateString("data.csv"));
    cJSON_ReplaceItemInObjectCaseSensitive(doc, "results", res);
    char *out = cJSON_Print(doc);
    cJSON_Delete(doc);
    char file[64];
    snprintf(file, sizeof file, "study-%s.json", name);
    qcf_write(file, (const uint8_t *)out, strlen(out), path);
    free(out);
    qc_error err = {0};
    if (qc_study_load(path, rules, &studies[nstudies], &err) == QC_OK) nstudies++;
    else fprintf(stderr, "fuzz_ingest: %s left out: %s\n", name, err.message);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    qc_error err = {0};
    if (qc_rules_load(QC_FUZZ_REPO "/rules", &rules, &err) != QC_OK) {
        qcf_setup_failed("rules", err.message);
    }
    for (size_t i = 0; i < NSETS; i++) load_study(datasets[i]);
    if (nstudies == 0) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return qcf_ingest_input(studies, nstudies, rules, "data.csv", data, size);
}
