/* validate.c — `qcompare validate FILE|DIR...`: checks a rules directory, a standard, a
 * dictionary, a product list, a units file, a study, or a results CSV, and prints one JSON
 * summary. Errors are located (file, JSON path or line) on stderr. */
#define _GNU_SOURCE
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cjson/cJSON.h>
#include "cli.h"
#include "qcompare/jsonfile.h"
#include "qcompare/results.h"
#include "qcompare/report.h"

const char qc_validate_help[] =
    "Checks rules and inputs without analysing. Each argument is a rules directory, a\n"
    "standard, indicators.json, products.json, units.json, a study, or a results CSV (checked\n"
    "against the rules: products, indicators, values, units).\n\n"
    "  --rules DIR   rules used to check standards, studies and CSV files\n\n"
    "Prints {\"valid\": …, \"files\": […]} on stdout. Exit codes: 0 all valid, 3 rejected\n"
    "results rows, 4 bad rules or study, 5 unreadable input.\n";

/* Kind of a JSON file: by name for the dictionary files, by shape otherwise. */
static const char *json_kind(const char *path, const cJSON *doc)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, "indicators.json") == 0) return "dictionary";
    if (strcmp(base, "products.json") == 0) return "products";
    if (strcmp(base, "units.json") == 0) return "units";
    if (strcmp(base, "methods.json") == 0) return "methods";
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
    if (!st) st = qc_results_load(s, rules, &res, err);
    if (!st) {
        for (size_t i = 0; i < res->nrejections; i++) {
            const qc_rejection *r = &res->rejections[i];
            if (r->column[0]) qc_cli_error("%s:%u: %s: %s", path, r->line, r->column, r->reason);
            else qc_cli_error("%s:%u: %s", path, r->line, r->reason);
        }
        *rejected = res->nrejections;
    }
    qc_results_free(res);
    qc_study_free(s);
    return st;
}

static qc_status validate_one(const char *path, const char *rules_dir, const char **kind,
                              size_t *rejected, qc_error *err)
{
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
            qc_study *s = NULL;
            st = qc_study_load(path, rules, &s, err);
            qc_study_free(s);
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
    static const struct option opts[] = {{"rules", required_argument, 0, 'r'}, {0, 0, 0, 0}};
    const char *rules_dir = NULL;
    int c, code = EXIT_OK;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (c == 'r') rules_dir = optarg;
        else return qc_cli_bad_option("validate", c, optopt, argv, optind);
    }
    if (optind >= argc) {
        qc_cli_error("validate: needs at least one FILE or DIR (try 'qcompare validate --help')");
        return EXIT_USAGE;
    }
    rules_dir = qc_rules_locate(rules_dir);
    cJSON *out = cJSON_CreateObject(), *files = cJSON_CreateArray();
    int valid = 1;
    for (int i = optind; i < argc; i++) {
        qc_error err = {0};
        const char *kind = "unknown";
        size_t rejected = 0;
        qc_status st = validate_one(argv[i], rules_dir, &kind, &rejected, &err);
        cJSON *f = cJSON_CreateObject();
        cJSON_AddStringToObject(f, "path", argv[i]);
        cJSON_AddStringToObject(f, "kind", kind);
        int ok = !st && !rejected;
        cJSON_AddBoolToObject(f, "valid", ok);
        if (st) {
            qc_cli_error("%s", err.message);
            cJSON_AddStringToObject(f, "error", err.message);
        }
        if (rejected) cJSON_AddNumberToObject(f, "rejected", (double)rejected);
        cJSON_AddItemToArray(files, f);
        int fc = st ? qc_cli_exit_code(st) : rejected ? EXIT_DATA : EXIT_OK;
        if (fc > code) code = fc;
        valid &= ok;
    }
    cJSON_AddBoolToObject(out, "valid", valid);
    cJSON_AddItemToObject(out, "files", files);
    qc_error err = {0};
    if (qc_report_write(out, NULL, &err)) {
        qc_cli_error("%s", err.message);
        code = EXIT_IO;
    }
    cJSON_Delete(out);
    return code;
}
