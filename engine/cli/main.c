/* main.c — the `qcompare` command: one table of subcommands (name, function, help), global
 * --help and --version, and the mapping from library statuses to exit codes. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "qcompare/version.h"

static const qc_command commands[] = {
    {"analyze", qc_cmd_analyze, "analyze STUDY.json [-o OUT] [--rules DIR] [--strict] [--encoding E] [--threads N]\n"
     "                   [--quiet] [--progress]",
     qc_analyze_help},
    {"validate", qc_cmd_validate, "validate FILE|DIR... [--rules DIR]", qc_validate_help},
    {"standards", qc_cmd_standards,
     "standards list|show ID|compare A[@GRADE] B[@GRADE]|portfolio|gaps [--date D] [options]",
     qc_standards_help},
    {"diff", qc_cmd_diff, "diff EXPECTED.json ACTUAL.json [--rtol R] [--atol A] [--subset] [--summary]\n"
     "                   [--format text|json|junit] [--ignore PATTERN]... [--top N]",
     qc_diff_help},
    {"merge", qc_cmd_merge, "merge PART.json... [-o OUT] [--study STUDY.json] [--rules DIR]",
     qc_merge_help},
    {"report", qc_cmd_report, "report ANALYSIS.json [--format html|md|csv|xlsx] [--lang zh|en] [-o PATH]",
     qc_report_help},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

void qc_cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("qcompare: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int qc_cli_bad_option(const char *cmd, int c, int optopt_value, char **argv, int optind_value)
{
    const char *arg = argv[optind_value - 1];
    if (c == ':')
        qc_cli_error("%s: option \"%s\" needs a value (try 'qcompare %s --help')", cmd, arg, cmd);
    else if (optopt_value && strncmp(arg, "--", 2) != 0)
        qc_cli_error("%s: unknown option \"-%c\" (try 'qcompare %s --help')", cmd, optopt_value, cmd);
    else
        qc_cli_error("%s: unknown option \"%s\" (try 'qcompare %s --help')", cmd, arg, cmd);
    return EXIT_USAGE;
}

int qc_cli_exit_code(qc_status s)
{
    switch (s) {
    case QC_OK: return EXIT_OK;
    case QC_EUSAGE: return EXIT_USAGE;
    case QC_EDATA: return EXIT_DATA;
    case QC_ERULES: return EXIT_RULES;
    case QC_EIO: case QC_ENOMEM: return EXIT_IO;
    case QC_EDOM: return EXIT_DATA;
    }
    return EXIT_IO;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: qcompare COMMAND [ARGS]\n\n"
               "Product quality comparison studies and standards analysis.\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++) fprintf(f, "  qcompare %s\n", commands[i].synopsis);
    fprintf(f, "\n'qcompare COMMAND --help' explains one command; 'qcompare --version' prints the "
               "version.\nExit codes: 0 success, 1 differences (diff), 2 usage, 3 bad results data, 4 bad rules or "
               "study, 5 input/output.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("%s %s\n", QC_ENGINE_NAME, QC_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(argv[1], commands[i].name) != 0) continue;
        for (int a = 2; a < argc; a++) {
            if (strcmp(argv[a], "--") == 0) break;
            if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0) {
                printf("usage: qcompare %s\n\n%s", commands[i].synopsis, commands[i].help);
                return EXIT_OK;
            }
            if (strcmp(argv[a], "--version") == 0) {
                printf("%s %s\n", QC_ENGINE_NAME, QC_VERSION);
                return EXIT_OK;
            }
        }
        return commands[i].run(argc - 1, argv + 1);
    }
    qc_cli_error("unknown command \"%s\" (try 'qcompare --help')", argv[1]);
    return EXIT_USAGE;
}
