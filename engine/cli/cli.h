/* cli.h — shared by the files of engine/cli/: the command table's row type, exit codes and
 * the one place that prints errors. */
#ifndef QC_CLI_H
#define QC_CLI_H

#include "qcompare/status.h"

/* Exit codes (DESIGN §7). */
enum { EXIT_OK = 0, EXIT_DIFF = 1, EXIT_USAGE = 2, EXIT_DATA = 3, EXIT_RULES = 4, EXIT_IO = 5 };

typedef struct qc_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *synopsis;
    const char *help;
} qc_command;

/* Prints "qcompare: MESSAGE" on stderr. */
void qc_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The exit code of a library status. */
int qc_cli_exit_code(qc_status s);

/* Reports the option getopt_long stopped at (c is '?' or ':') for command cmd; returns 2. */
int qc_cli_bad_option(const char *cmd, int c, int optopt_value, char **argv, int optind_value);

/* Reports a study's rejected rows on stderr as analyze does ("FILE:LINE: column: reason",
 * "FILE:SHEET!C17: …"); EXIT_DATA (with "…; consequence") under strict when some row was
 * rejected, or when no result is usable; else EXIT_OK (always, when consequence is NULL). */
struct qc_results;
int qc_cli_rejections(const struct qc_results *res, int strict, const char *consequence);

int qc_cmd_analyze(int argc, char **argv);
int qc_cmd_validate(int argc, char **argv);
int qc_cmd_standards(int argc, char **argv);
int qc_cmd_diff(int argc, char **argv);
int qc_cmd_report(int argc, char **argv);
int qc_cmd_merge(int argc, char **argv);

extern const char qc_analyze_help[], qc_validate_help[];
extern const char qc_standards_help[];
extern const char qc_diff_help[];
extern const char qc_report_help[];
extern const char qc_merge_help[];

#endif
