/* diff.c — `qcompare diff`: reads two gap analyses, compares them with qc_diff (diff.h) and
 * prints one line per difference and a summary line on stdout; exit 0 same, 1 different. */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "qcompare/diff.h"

const char qc_diff_help[] =
    "Compares two gap analyses (DESIGN §6) value by value and prints each difference as\n"
    "  $.json.path: expected <json>, actual <json>\n"
    "((absent) when one side has no such value), then a summary line.\n\n"
    "  --rtol R   relative tolerance (default 1e-9)\n"
    "  --atol A   absolute tolerance (default 1e-12)\n"
    "             numbers agree when |expected - actual| <= A + R*|expected|: printing noise\n"
    "             in the last digits is ignored, a relative change of 1e-3 (or 1e-6) is not\n"
    "  --subset   EXPECTED may omit object keys (ACTUAL may have more), e.g. the expected\n"
    "             values an independent program computed for part of the analysis\n\n"
    "Ignored: engine.version. Compared by basename only: inputs.files[].path,\n"
    "inputs.rejections[].path, nonconforming[].file. Arrays of objects are matched by identity\n"
    "(product, indicator, group, standard or id @grade, market, sample_id:line, path basename,\n"
    "a vs b), whatever their order: an element on one side only is a difference (also with\n"
    "--subset); other arrays are compared index by index.\n"
    "Paths name elements by identity: $.products[steel-rebar].indicators[yield_strength]...\n\n"
    "Exit codes: 0 no differences, 1 differences, 2 usage, 4 not a gap analysis (not JSON, no\n"
    "\"schema\", or a schema other than qcompare/gap-analysis/1), 5 a file cannot be read.\n";

/* Reads a tolerance: a finite number >= 0. */
static int tolerance(const char *opt, const char *text, double *out)
{
    char *end;
    double x = strtod(text, &end);
    if (end == text || *end != '\0' || !isfinite(x) || x < 0) {
        qc_cli_error("diff: %s needs a number >= 0, not \"%s\" (try 'qcompare diff --help')",
                     opt, text);
        return -1;
    }
    *out = x;
    return 0;
}

static void print_value(const cJSON *v)
{
    char *s = v ? cJSON_PrintUnformatted(v) : NULL;
    fputs(s ? s : v ? "(unprintable)" : "(absent)", stdout);
    free(s);
}

static int print_difference(const qc_difference *d, void *ctx)
{
    (void)ctx;
    printf("%s: expected ", d->path);
    print_value(d->expected);
    fputs(", actual ", stdout);
    print_value(d->actual);
    putchar('\n');
    return 0;
}

int qc_cmd_diff(int argc, char **argv)
{
    static const struct option opts[] = {{"rtol", required_argument, 0, 'r'},
                                         {"atol", required_argument, 0, 'a'},
                                         {"subset", no_argument, 0, 's'},
                                         {0, 0, 0, 0}};
    qc_diff_options o = qc_diff_defaults();
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (c == 'r') {
            if (tolerance("--rtol", optarg, &o.rtol)) return EXIT_USAGE;
        } else if (c == 'a') {
            if (tolerance("--atol", optarg, &o.atol)) return EXIT_USAGE;
        } else if (c == 's') {
            o.subset = 1;
        } else {
            return qc_cli_bad_option("diff", c, optopt, argv, optind);
        }
    }
    if (optind != argc - 2) {
        qc_cli_error("diff: needs EXPECTED.json and ACTUAL.json (try 'qcompare diff --help')");
        return EXIT_USAGE;
    }
    cJSON *e = NULL, *a = NULL;
    qc_error err = {0};
    size_t n = 0;
    qc_status s = qc_diff_load(argv[optind], &e, &err);
    if (!s) s = qc_diff_load(argv[optind + 1], &a, &err);
    if (!s) s = qc_diff(e, a, &o, print_difference, NULL, &n, &err);
    cJSON_Delete(e);
    cJSON_Delete(a);
    if (s) {
        qc_cli_error("%s", err.message);
        return qc_cli_exit_code(s);
    }
    if (n) printf("different: %zu difference%s", n, n == 1 ? "" : "s");
    else printf("same: no differences");
    printf(" (rtol %g, atol %g%s)\n", o.rtol, o.atol, o.subset ? ", subset" : "");
    return n ? EXIT_DIFF : EXIT_OK;
}
