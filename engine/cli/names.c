/* names.c — `qcompare names product|indicator [NAME...]`: what the engine reads a product or
 * indicator cell as, by the same matching the results reader uses (rules/names.c: id, name.zh,
 * name.en and aliases, folded). For analysts checking a lab's spellings, and for programs that
 * route rows by product before qcompare reads them (the Dask driver partitions by the id a
 * cell resolves to). Names come from the arguments, else one per line on standard input.
 * Writes a JSON array, one entry per name in order: {name, id, status, reason}. Owns no state
 * beyond one run. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "qcompare/names.h"
#include "qcompare/report.h"
#include "qcompare/rules.h"

const char qc_names_help[] =
    "What the engine reads a product or indicator cell as (id, name.zh, name.en or alias; Latin\n"
    "case, full-width forms and blanks folded), as the results reader does.\n\n"
    "  names product|indicator NAME... [--rules DIR]\n"
    "  names product|indicator [--rules DIR] < names.txt    (one name per line)\n\n"
    "Writes a JSON array: {\"name\", \"id\" (null unless found), \"status\" (found, unknown,\n"
    "ambiguous), \"reason\" (null when found)}. Exit 0 when it ran, whatever the statuses; 2\n"
    "usage; 4 rules that do not load.\n";

static int resolve(qc_names *nm, int product, const char *s, cJSON *arr)
{
    char msg[512] = "";
    const qc_product *p = NULL;
    const qc_indicator *ind = NULL;
    size_t len = strlen(s);
    int r = product ? qc_names_product(nm, s, len, &p, msg, sizeof msg)
                    : qc_names_indicator(nm, s, len, &ind, msg, sizeof msg);
    if (r == QC_NAME_NOMEM) return -1;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", s);
    if (r == QC_NAME_FOUND) cJSON_AddStringToObject(o, "id", product ? p->id : ind->id);
    else cJSON_AddNullToObject(o, "id");
    cJSON_AddStringToObject(o, "status", r == QC_NAME_FOUND ? "found"
                                         : r == QC_NAME_AMBIGUOUS ? "ambiguous" : "unknown");
    if (r == QC_NAME_FOUND) cJSON_AddNullToObject(o, "reason");
    else cJSON_AddStringToObject(o, "reason", msg);
    cJSON_AddItemToArray(arr, o);
    return 0;
}

int qc_cmd_names(int argc, char **argv)
{
    static const struct option opts[] = {{"rules", required_argument, NULL, 'r'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *rules_dir = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":r:h", opts, NULL)) != -1) {
        if (c == 'r') rules_dir = optarg;
        else if (c == 'h') { fputs(qc_names_help, stdout); return EXIT_OK; }
        else return qc_cli_bad_option("names", c, optopt, argv, optind);
    }
    if (optind >= argc || (strcmp(argv[optind], "product") != 0 && strcmp(argv[optind], "indicator") != 0)) {
        qc_cli_error("names: say product or indicator (try 'qcompare names --help')");
        return EXIT_USAGE;
    }
    int product = strcmp(argv[optind++], "product") == 0;
    qc_error err = {0};
    qc_rules *rules = NULL;
    qc_names *nm = NULL;
    qc_status s = qc_rules_load(qc_rules_locate(rules_dir), &rules, &err);
    if (s) {
        qc_cli_error("%s", err.message);
        qc_rules_free(rules);
        return s == QC_ENOMEM ? EXIT_IO : EXIT_RULES;  /* as analyze: missing rules are 4 */
    }
    if ((s = qc_names_new(rules, &nm)) != QC_OK) {
        qc_cli_error("out of memory");
        qc_rules_free(rules);
        return EXIT_IO;
    }
    cJSON *arr = cJSON_CreateArray();
    int bad = 0;
    if (optind < argc) {
        for (int i = optind; i < argc && !bad; i++) bad = resolve(nm, product, argv[i], arr);
    } else {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while (!bad && (n = getline(&line, &cap, stdin)) != -1) {
            while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
            bad = resolve(nm, product, line, arr);
        }
        free(line);
    }
    int code = EXIT_OK;
    if (bad) {
        qc_cli_error("out of memory");
        code = EXIT_IO;
    } else {
        char *text = cJSON_PrintUnformatted(arr);
        if (!text) code = EXIT_IO;
        else printf("%s\n", text);
        free(text);
    }
    cJSON_Delete(arr);
    qc_names_free(nm);
    qc_rules_free(rules);
    return code;
}
