/* fuzz_rules.c — libFuzzer harness for the rules loader: a standard file (grades, `inherits`,
 * limits, conditions, derived requirements, editions), and, chosen by the first input byte,
 * the indicator dictionary, the product list, methods.json or units.json. Each input gets a
 * fresh library holding the shipped indicators and products (so a standard's indicators and
 * units are known), then the input file; a loaded standard's limits are looked up for every
 * grade and indicator, which follows `inherits` chains (cycles included). Checks: every
 * refusal is explained. */
#include "fuzz_common.h"
#include <udunits2.h>
#include "qcompare/rules.h"

/* Reading UDUNITS-2's XML database takes most of a fresh library's time (about 0.2 s under
 * ASan). The harness is linked with --wrap for these two: the database is read once and
 * shared, never freed. It is never changed after reading (units.json's aliases and literals
 * live in qc_units), so each input still sees the same library. */
ut_system *__real_ut_read_xml(const char *path);
void __real_ut_free_system(ut_system *sys);
static ut_system *shared_units;

ut_system *__wrap_ut_read_xml(const char *path)
{
    if (path) return __real_ut_read_xml(path);
    if (!shared_units) shared_units = __real_ut_read_xml(NULL);
    return shared_units;
}

void __wrap_ut_free_system(ut_system *sys)
{
    if (sys != shared_units) __real_ut_free_system(sys);
}

static const char *const kinds[] = {"standard", "standard", "standard", "standard",
                                    "dictionary", "products", "methods", "units"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const char *kind = kinds[data[0] & 7];
    char path[4096];
    qcf_write("input.json", data + 1, size - 1, path);
    qc_error err = {0};
    qc_rules *r = NULL;
    if (qc_rules_new(&r, &err) != QC_OK) qcf_setup_failed("rules", err.message);
    /* the shipped units, dictionary and products in the loader's order, the input taking its
     * kind's place (a file after it may then be refused: that is the input's doing) */
    static const char *const shipped[][2] = {{"units", "units.json"},
                                             {"dictionary", "indicators.json"},
                                             {"products", "products.json"}};
    int fuzzed = 0;
    qc_status s = QC_OK;
    for (size_t i = 0; i < 3 && s == QC_OK; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/rules/%s", QC_FUZZ_REPO, shipped[i][1]);
        if (strcmp(kind, shipped[i][0]) == 0) {
            s = qc_rules_add_file(r, path, kind, &err);
            fuzzed = 1;
        } else {
            s = qc_rules_add_file(r, p, shipped[i][0], &err);
            if (s != QC_OK && !fuzzed) qcf_setup_failed(p, err.message);
        }
    }
    if (s == QC_OK && !fuzzed) s = qc_rules_add_file(r, path, kind, &err);
    if (s != QC_OK && !err.message[0]) abort();
    if (s != QC_OK) qcf_said(err.message);
    if (s == QC_OK) {
        for (size_t i = 0; i < r->nstandards; i++) {
            const qc_standard *st = &r->standards[i];
            for (size_t g = 0; g < st->ngrades; g++) {
                if (qc_standard_grade(st, st->grades[g].name) == NULL) abort();
                for (size_t k = 0; k < r->nindicators; k++)
                    (void)qc_standard_limits(st, &st->grades[g], r->indicators[k].id);
                for (size_t k = 0; k < st->grades[g].nsets; k++)
                    (void)qc_standard_limits(st, &st->grades[g], st->grades[g].sets[k].indicator);
            }
        }
        for (size_t k = 0; k < r->nindicators; k++)
            (void)qc_rules_indicator(r, r->indicators[k].id);
    }
    qc_rules_free(r);
    return 0;
}
