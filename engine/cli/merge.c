/* merge.c — `qcompare merge`: joins the gap analyses of a study's product partitions into the
 * document one run of the whole study writes (qc_merge_write, merge.h). */
#define _GNU_SOURCE
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "qcompare/merge.h"
#include "qcompare/rules.h"

const char qc_merge_help[] =
    "Joins the gap analyses of product partitions of one study (each written by 'qcompare\n"
    "analyze' on a study that lists some of the products and the results files holding\n"
    "their rows) into the analysis of the whole study, and writes it as JSON.\n\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  --study STUDY      the whole study the parts were cut from: the output's study is\n"
    "                     its, rejections follow its file order, and the parts must hold\n"
    "                     exactly its products (a lost part is an error)\n"
    "  --rules DIR        the rules the parts were analysed with (default: $QCOMPARE_RULES,\n"
    "                     the installed rules, ./rules)\n\n"
    "The parts must come from one engine version, share the study (every key but results and\n"
    "products) and the rules (the same SHA-256 for every rules file), and hold each product\n"
    "and each results file once. products[] is every part's, by product id; the standards\n"
    "sections are recomputed for the whole study; inputs.files lists every part's results\n"
    "and study files; notes are joined without repeats. When the parts' results carry the\n"
    "provenance columns source_file and source_line, everything but inputs.files is byte for\n"
    "byte what one run of the whole study writes.\n\n"
    "Exit codes: 0 success, 2 usage, 4 parts that do not join (or a bad study or rules),\n"
    "5 input/output.\n";

/* True when out names one of the parts. */
static int overwrites_part(const char *out, char **parts, int n)
{
    char ro[PATH_MAX], ri[PATH_MAX];
    if (strcmp(out, "-") == 0 || !realpath(out, ro)) return 0;
    for (int i = 0; i < n; i++)
        if (realpath(parts[i], ri) && strcmp(ro, ri) == 0) return 1;
    return 0;
}

int qc_cmd_merge(int argc, char **argv)
{
    static const struct option opts[] = {{"output", required_argument, 0, 'o'},
                                         {"rules", required_argument, 0, 'r'},
                                         {"study", required_argument, 0, 's'},
                                         {0, 0, 0, 0}};
    const char *out = NULL, *rules_dir = NULL, *study = NULL;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        if (c == 'o') out = optarg;
        else if (c == 'r') rules_dir = optarg;
        else if (c == 's') study = optarg;
        else return qc_cli_bad_option("merge", c, optopt, argv, optind);
    }
    int nparts = argc - optind;
    if (nparts < 1) {
        qc_cli_error("merge: needs at least one PART.json (try 'qcompare merge --help')");
        return EXIT_USAGE;
    }
    if (out && overwrites_part(out, argv + optind, nparts)) {
        qc_cli_error("merge: -o %s would overwrite a part", out);
        return EXIT_USAGE;
    }
    qc_error err = {0};
    qc_rules *rules = NULL;
    qc_status s = qc_rules_load(qc_rules_locate(rules_dir), &rules, &err);
    if (s) {
        qc_cli_error("%s", err.message);
        return s == QC_ENOMEM || s == QC_EIO ? EXIT_IO : EXIT_RULES;
    }
    s = qc_merge_write((const char *const *)(argv + optind), (size_t)nparts, study, rules, out,
                       &err);
    qc_rules_free(rules);
    if (s) {
        qc_cli_error("%s", err.message);
        return qc_cli_exit_code(s);
    }
    return EXIT_OK;
}
