/* validate.c — `qcompare validate FILE|DIR...`: checks a rules directory, a standard, a
 * dictionary, a product list, a units file, a study, or a results CSV, and prints one summary
 * (JSON, or --format text). A study's results are read as `analyze` reads them (layout,
 * encoding, sheet, set, renames, missing and not-detected spellings), every rejection reported
 * with analyze's message and the study's exit code analyze's; nothing is written. Errors are
 * located (file, JSON path, line or sheet!cell) on stderr. */
#define _GNU_SOURCE
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <cjson/cJSON.h>
#include "cli.h"
#include "qcompare/assess.h"
#include "qcompare/jsonfile.h"
#include "qcompare/results.h"
#include "qcompare/report.h"

const char qc_validate_help[] =
    "Checks rules and inputs without analysing. Each argument is a rules directory, a\n"
    "standard, indicators.json, products.json, units.json, columns.json, a study, or a results\n"
    "CSV (checked against the rules: products, indicators, values, units).\n"
    "A study's results are read as analyze reads them: every row analyze would reject is\n"
    "reported on stderr with the same message, and the exit code is analyze's; nothing is\n"
    "written.\n\n"
    "  --rules DIR     rules used to check standards, studies and CSV files\n"
    "  --strict        a study with a rejected row is exit 3 (as analyze --strict)\n"
    "  --encoding E    read every results file of a study as E (as analyze --encoding)\n"
    "  --format F      json (default): {\"valid\": …, \"files\": […]} with each study's\n"
    "                  results counts and rejections; text: one line per file\n\n"
    "Exit codes: 0 all valid (a study: analyze would write its analysis), 2 usage, 3 rejected\n"
    "results rows of a CSV (of a study under --strict) or no usable result, 4 bad rules or\n"
    "study, 5 unreadable input.\n";

typedef struct opts { const char *rules_dir, *encoding; int strict; } opts;

/* A study's results files (counts, sheet) and rejections, for the JSON report. */
static void study_report(const qc_results *res, cJSON *f)
{
    cJSON *files = cJSON_AddArrayToObject(f, "results"), *rej = cJSON_AddArrayToObject(f, "rejections");
    for (size_t i = 0; i < res->nfiles; i++) {
        const qc_file_counts *c = &res->files[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "path", c->path);
        if (c->sheet) cJSON_AddStringToObject(o, "sheet", c->sheet);
        cJSON_AddStringToObject(o, "layout", c->layout);
        cJSON_AddStringToObject(o, "encoding", c->encoding);
        const size_t n[] = {c->records, c->results, c->accepted, c->rejected, c->excluded, c->blank};
        static const char *const key[] = {"records", "results", "accepted", "rejected", "excluded", "blank"};
        for (size_t k = 0; k < 6; k++) cJSON_AddNumberToObject(o, key[k], (double)n[k]);
        cJSON_AddItemToArray(files, o);
    }
    for (size_t i = 0; i < res->nrejections; i++) {
        const qc_rejection *r = &res->rejections[i];
        cJSON *o = cJSON_CreateObject();
        char cell[24];
        cJSON_AddStringToObject(o, "path", qc_results_path(res, r->file));
        cJSON_AddNumberToObject(o, "line", r->line);
        if (r->cell) cJSON_AddStringToObject(o, "cell", qc_results_cell(r, cell));
        cJSON_AddStringToObject(o, "column", r->column);
        cJSON_AddStringToObject(o, "reason", r->reason);
        cJSON_AddItemToArray(rej, o);
    }
}

/* Reads a study's results as analyze would; *code is analyze's exit code for them. */
static qc_status check_study(const char *path, const qc_rules *rules, const opts *o, cJSON *f,
                             size_t *rejected, int *code, qc_error *err)
{
    qc_study *s = NULL;
    qc_results *res = NULL;
    qc_status st = qc_study_load(path, rules, &s, err);
    if (!st && o->encoding) st = qc_study_set_encoding(s, o->encoding, err);
    qc_load_options lo = {.judge = qc_assess_keep_judge()};  /* lean: ids only where named */
    if (!st) st = qc_results_load_opts(s, rules, &lo, &res, err);
    if (!st) {
        *rejected = res->nrejections;
        *code = qc_cli_rejections(res, o->strict, "analyze would write no analysis");
        study_report(res, f);
    }
    qc_results_free(res);
    qc_study_free(s);
    return st;
}

/* Kind of a JSON file: by name for the dictionary files, by shape otherwise. */
static const char *json_kind(const char *path, const cJSON *doc)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, "indicators.json") == 0) return "dictionary";
    if (strcmp(base, "products.json") == 0) return "products";
    if (strcmp(base, "units.json") == 0) return "units";
    if (strcmp(base, "methods.json") == 0) return "methods";
    if (strcmp(base, "columns.json") == 0) return "columns";
    if (cJSON_GetObjectItemCaseSensitive(doc, "results")) return "study";
    return "standard";
}

static int same_file(const char *a, const char *b)
{
    char ra[PATH_MAX], rb[PATH_MAX];
    return realpath(a, ra) && realpath(b, rb) && strcmp(ra, rb) == 0;
}

/* Validates a results CSV as a study of every product would read it. */
static qc_status check_csv(const char *path, const qc_rules *rules, size_t *rejected,
                           qc_error *err)
{
    cJSON *doc = cJSON_CreateObject(), *prods, *files;
    cJSON_AddStringToObject(doc, "id", "validate");
    cJSON_AddStringToObject(doc, "date", "2000-01-01");
    files = cJSON_AddArrayToObject(doc, "results");
    /* the synthetic study's path has no directory, so the CSV path stays as the user gave it */
    cJSON_AddItemToArray(files, cJSON_CreateString(path));
    prods = cJSON_AddArrayToObject(doc, "products");
    for (size_t i = 0; i < rules->nproducts; i++) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "product", rules->products[i].id);
        cJSON_AddItemToArray(prods, p);
    }
    qc_study *s = NULL;
    qc_results *res = NULL;
    qc_status st = qc_study_from_json(doc, "validate", NULL, rules, &s, err);
    qc_load_options lo = {.judge = qc_assess_keep_judge()};
    if (!st) st = qc_results_load_opts(s, rules, &lo, &res, err);
    if (!st) {
        qc_cli_rejections(res, 0, NULL);
        *rejected = res->nrejections;
    }
    qc_results_free(res);
    qc_study_free(s);
    return st;
}

static qc_status validate_one(const char *path, const opts *o, const char **kind,
                              size_t *rejected, int *code, cJSON *f, qc_error *err)
{
    const char *rules_dir = o->rules_dir;
    struct stat sb;
    qc_rules *rules = NULL;
    qc_status st;
    size_t len = strlen(path);
    int is_csv = len > 4 && strcmp(path + len - 4, ".csv") == 0;
    /* a missing rules or study file is bad rules (exit 4); an unreadable results file is I/O */
    if (stat(path, &sb) != 0)
        return qc_error_set(err, is_csv ? QC_EIO : QC_ERULES, "%s: cannot open", path);
    if (S_ISDIR(sb.st_mode)) {
        *kind = "rules";
        st = qc_rules_load(path, &rules, err);
        qc_rules_free(rules);
        return st;
    }
    if (is_csv) {
        *kind = "results";
        st = qc_rules_load(rules_dir, &rules, err);
        if (st == QC_EIO) st = QC_ERULES;
        if (!st) st = check_csv(path, rules, rejected, err);
        (void)f;
        (void)code;
        qc_rules_free(rules);
        return st;
    }
    cJSON *doc = NULL;
    if ((st = qc_json_load(path, &doc, NULL, err))) return st == QC_ENOMEM ? st : QC_ERULES;
    *kind = json_kind(path, doc);
    cJSON_Delete(doc);
    if (strcmp(*kind, "study") == 0 || strcmp(*kind, "standard") == 0 ||
        strcmp(*kind, "methods") == 0) {
        st = qc_rules_load(rules_dir, &rules, err);
        if (!st && strcmp(*kind, "methods") == 0) {
            char own[PATH_MAX];  /* the rules directory's own table is loaded already */
            snprintf(own, sizeof own, "%s/methods.json", rules_dir);
            if (!same_file(own, path)) st = qc_rules_load_methods(rules, path, err);
        } else if (!st && strcmp(*kind, "study") == 0) {
            st = check_study(path, rules, o, f, rejected, code, err);
            qc_rules_free(rules);
            return st;  /* an unreadable results file is input/output (5), as in analyze */
        } else if (!st) {
            int loaded = 0;
            for (size_t i = 0; i < rules->nstandards; i++)
                if (same_file(rules->standards[i].path, path)) loaded = 1;
            if (!loaded) st = qc_rules_add_standard_file(rules, path, err);
        }
    } else {
        /* dictionary files: checked with the units of the rules directory */
        char units[PATH_MAX];
        st = qc_rules_new(&rules, err);
        snprintf(units, sizeof units, "%s/units.json", rules_dir);
        if (!st && strcmp(*kind, "units") != 0 && stat(units, &sb) == 0)
            st = qc_rules_add_file(rules, units, "units", err);
        if (!st) st = qc_rules_add_file(rules, path, *kind, err);
    }
    qc_rules_free(rules);
    return st == QC_EIO ? QC_ERULES : st;
}

int qc_cmd_validate(int argc, char **argv)
{
    static const struct option opts_[] = {{"rules", required_argument, 0, 'r'},
                                          {"strict", no_argument, 0, 's'},
                                          {"encoding", required_argument, 0, 'e'},
                                          {"format", required_argument, 0, 'f'}, {0, 0, 0, 0}};
    opts o = {0};
    const char *format = "json";
    int c, code = EXIT_OK;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts_, NULL)) != -1) {
        if (c == 'r') o.rules_dir = optarg;
        else if (c == 's') o.strict = 1;
        else if (c == 'e') o.encoding = optarg;
        else if (c == 'f') format = optarg;
        else return qc_cli_bad_option("validate", c, optopt, argv, optind);
    }
    if (strcmp(format, "json") != 0 && strcmp(format, "text") != 0) {
        qc_cli_error("validate: --format: \"%s\" is not one of json, text", format);
        return EXIT_USAGE;
    }
    if (o.encoding && strcasecmp(o.encoding, "utf-8") != 0 && strcasecmp(o.encoding, "gb18030") != 0 &&
        strcasecmp(o.encoding, "gbk") != 0) {
        qc_cli_error("validate: --encoding: \"%s\" is not one of utf-8, gb18030, gbk", o.encoding);
        return EXIT_USAGE;
    }
    if (optind >= argc) {
        qc_cli_error("validate: needs at least one FILE or DIR (try 'qcompare validate --help')");
        return EXIT_USAGE;
    }
    o.rules_dir = qc_rules_locate(o.rules_dir);
    cJSON *out = cJSON_CreateObject(), *files = cJSON_CreateArray();
    int valid = 1;
    for (int i = optind; i < argc; i++) {
        qc_error err = {0};
        const char *kind = "unknown";
        size_t rejected = 0;
        int study_code = -1;
        cJSON *f = cJSON_CreateObject();
        cJSON_AddStringToObject(f, "path", argv[i]);
        qc_status st = validate_one(argv[i], &o, &kind, &rejected, &study_code, f, &err);
        cJSON_AddStringToObject(f, "kind", kind);
        int ok = !st && !rejected && study_code <= EXIT_OK;
        cJSON_AddBoolToObject(f, "valid", ok);
        if (st) {
            qc_cli_error("%s", err.message);
            cJSON_AddStringToObject(f, "error", err.message);
        }
        if (rejected) cJSON_AddNumberToObject(f, "rejected", (double)rejected);
        cJSON_AddItemToArray(files, f);
        int fc = st ? qc_cli_exit_code(st) : study_code >= 0 ? study_code
                 : rejected ? EXIT_DATA : EXIT_OK;
        if (fc > code) code = fc;
        valid &= ok;
        if (strcmp(format, "text") == 0)
            printf("%s: %s%s (%s)%s\n", argv[i], ok ? "valid" : "not valid",
                   rejected ? ", rows rejected" : "", kind, st ? ": see the error above" : "");
    }
    cJSON_AddBoolToObject(out, "valid", valid);
    cJSON_AddItemToObject(out, "files", files);
    qc_error err = {0};
    if (strcmp(format, "json") == 0 && qc_report_write(out, NULL, &err)) {
        qc_cli_error("%s", err.message);
        code = EXIT_IO;
    }
    cJSON_Delete(out);
    return code;
}
