/* report.c — `qcompare report`: reads a gap analysis (the JSON contract, nothing else) and
 * writes it as a report people read: html or md (stdout or -o FILE), csv (-o DIR) or xlsx
 * (-o FILE), in Chinese (default) or English. The renderers are in engine/render/. */
#define _GNU_SOURCE
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "qcompare/diff.h"
#include "qcompare/render.h"

const char qc_report_help[] =
    "Turns a gap analysis (the JSON `qcompare analyze` writes) into a report people read.\n"
    "It reads the analysis only, never the rules or the results again.\n\n"
    "  --format F         html (default): one self-contained file with SVG charts, A4 print\n"
    "                     md: GitHub Markdown; with -o NAME.md its charts go to NAME-figures/\n"
    "                     csv: tidy tables (groups, comparisons, conformity, nonconforming,\n"
    "                          standards_comparison) as UTF-8 CSV with BOM in the -o directory\n"
    "                     xlsx: an Excel workbook: a summary sheet and one sheet per table\n"
    "  --lang L           zh (default) or en: headings, column names, verdicts and decisions\n"
    "  -o, --output PATH  write to PATH atomically (html, md: a file, default standard output;\n"
    "                     csv: a directory, created when missing; xlsx: a file)\n\n"
    "Exit codes: 0 success, 2 usage (csv and xlsx need -o), 4 not a gap analysis,\n"
    "5 input/output (unreadable analysis, unwritable output).\n";

int qc_cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {{"output", required_argument, 0, 'o'},
                                         {"format", required_argument, 0, 'f'},
                                         {"lang", required_argument, 0, 'l'},
                                         {0, 0, 0, 0}};
    const char *out = NULL, *format = "html", *lang = "zh";
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        if (c == 'o') out = optarg;
        else if (c == 'f') format = optarg;
        else if (c == 'l') lang = optarg;
        else return qc_cli_bad_option("report", c, optopt, argv, optind);
    }
    if (optind != argc - 1) {
        qc_cli_error("report: needs exactly one ANALYSIS.json (try 'qcompare report --help')");
        return EXIT_USAGE;
    }
    int fmt = qc_render_format(format), lg = qc_render_lang(lang);
    if (fmt < 0) {
        qc_cli_error("report: --format: \"%s\" is not one of html, md, csv, xlsx", format);
        return EXIT_USAGE;
    }
    if (lg < 0) {
        qc_cli_error("report: --lang: \"%s\" is not one of zh, en", lang);
        return EXIT_USAGE;
    }
    if (!qc_render_streams(fmt) && (!out || strcmp(out, "-") == 0)) {
        qc_cli_error("report: --format %s needs -o %s (try 'qcompare report --help')", format,
                     strcmp(format, "csv") == 0 ? "DIR" : "FILE");
        return EXIT_USAGE;
    }
    const char *in = argv[optind];
    char ri[PATH_MAX], ro[PATH_MAX];
    if (out && realpath(in, ri) && realpath(out, ro) && strcmp(ri, ro) == 0) {
        qc_cli_error("report: -o %s would overwrite the analysis", out);
        return EXIT_USAGE;
    }
    qc_error err = {0};
    cJSON *doc = NULL;
    qc_status s = qc_diff_load(in, &doc, &err);
    if (!s) s = qc_render_check(doc, in, &err);
    if (!s) s = qc_render(doc, fmt, (qc_lang)lg, out, &err);
    cJSON_Delete(doc);
    if (s) {
        qc_cli_error("%s", err.message);
        return qc_cli_exit_code(s);
    }
    if (out && strcmp(out, "-") != 0) fprintf(stderr, "qcompare: %s report written to %s\n", format, out);
    return EXIT_OK;
}
