/* fuzz_xlsx.c — libFuzzer harness for the xlsx results reader (engine/ingest/xlsx.c and
 * xlsx_sheet.c: the zip archive through libzip, the workbook, shared strings, styles and sheet
 * XML through expat) and everything after it: bytes → data.xlsx → results → analysis → JSON.
 * The first input byte chooses one of three studies over the same file (wide by sheet name
 * with a constant product, wide by index with a `where` on a date and a boolean, long on the
 * first sheet through rules/columns.json's Chinese headers: the paths tests/cli/cases/xlsx.test
 * takes); the rest is the workbook. Seeds: the committed workbooks of tests/xlsx/. Checks: every
 * refusal is explained, and the analysis of whatever was accepted prints as JSON that parses
 * again. */
#define QCF_INGEST
#include "fuzz_common.h"
#include "qcompare/rules.h"
#include "qcompare/study.h"

static const char *const study_text[] = {
    "{\"id\": \"fz\", \"date\": \"2026-11-01\", \"layout\": \"wide\", \"results\": [{\"path\": "
    "\"data.xlsx\", \"sheet\": \"Sheet1\", \"set\": {\"product\": \"steel-rebar\"}}], \"products\": "
    "[{\"product\": \"steel-rebar\", \"standards\": [{\"id\": \"GB/T 1499.2-2018\", \"grade\": "
    "\"HRB400\"}]}]}",
    "{\"id\": \"fz\", \"date\": \"2026-11-01\", \"layout\": \"wide\", \"where\": {\"检测日期\": "
    "\"2026-10-12\", \"合格\": \"TRUE\"}, \"results\": [{\"path\": \"data.xlsx\", \"sheet\": 2, "
    "\"set\": {\"product\": \"steel-rebar\"}}], \"groups\": {\"column\": \"组别\", \"subject\": "
    "\"local\", \"reference\": \"local-2\"}, \"products\": [{\"product\": \"steel-rebar\"}]}",
    "{\"id\": \"fz\", \"date\": \"2026-11-01\", \"results\": [\"data.xlsx\"], \"products\": "
    "[{\"product\": \"steel-rebar\", \"standards\": [{\"id\": \"GB/T 1499.2-2018\", \"grade\": "
    "\"HRB400\"}]}]}",
};
#define NSTUDIES (sizeof study_text / sizeof *study_text)
static qc_rules *rules;
static qc_study *studies[NSTUDIES];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    qc_error err = {0};
    if (qc_rules_load(QC_FUZZ_REPO "/rules", &rules, &err) != QC_OK)
        qcf_setup_failed("rules", err.message);
    for (size_t i = 0; i < NSTUDIES; i++) {
        char name[32], path[4096];
        snprintf(name, sizeof name, "study-%zu.json", i);
        qcf_write(name, (const uint8_t *)study_text[i], strlen(study_text[i]), path);
        if (qc_study_load(path, rules, &studies[i], &err) != QC_OK)
            qcf_setup_failed(name, err.message);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return qcf_ingest_input(studies, NSTUDIES, rules, "data.xlsx", data, size);
}
