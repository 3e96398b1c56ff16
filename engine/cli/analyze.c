/* analyze.c — `qcompare analyze`: load rules and study (with --encoding overriding the study's
 * encodings), stream the results, report every rejected row on stderr, run the analysis and
 * write the gap analysis JSON. */
#define _GNU_SOURCE
#include <getopt.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <stdio.h>
#include "cli.h"
#include "qcompare/analyze.h"
#include "qcompare/report.h"
#include <time.h>

/* The progress line: at most 4 updates a second (the first at once), written with \r over
 * itself and erased at the end. */
typedef struct progress_line {
    struct timespec start, last;
    int shown;
} progress_line;

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void show_progress(const qc_progress *p, void *user)
{
    progress_line *pl = user;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (pl->shown && since(&pl->last, &now) < 0.25) return;
    pl->last = now;
    pl->shown = 1;
    double el = since(&pl->start, &now), scale = p->total >= 1000000 ? 1e6 : 1e3;
    const char *unit = p->total >= 1000000 ? "MB" : "kB";
    fprintf(stderr, "\rqcompare: reading %.1f of %.1f %s (%.0f%%), %.0f rows/s, %.1f s\033[K",
            (double)p->bytes / scale, (double)p->total / scale, unit,
            p->total ? 100.0 * (double)p->bytes / (double)p->total : 100.0,
            el > 0 ? (double)p->lines / el : 0.0, el);
    fflush(stderr);
}

const char qc_analyze_help[] =
    "Computes the gap analysis of a study (DESIGN §6) and writes it as JSON.\n\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  --rules DIR        rules directory (default: $QCOMPARE_RULES, the installed rules, "
    "./rules)\n"
    "  --strict           any rejected results row is an error (exit 3, no output)\n"
    "  --encoding E       read every results file as E (utf-8, gb18030, gbk), whatever the\n"
    "                     study says\n"
    "  --threads N        analyse up to N products at once (default: the number of cores);\n"
    "                     the output is the same byte for byte for any N\n"
    "  --quiet            no progress line (and no \"written to\" line)\n"
    "  --progress         a progress line on stderr even when it is not a terminal\n\n"
    "When stderr is a terminal, reading shows one progress line (bytes read of the total,\n"
    "rows per second, elapsed time), erased when the results are read.\n"
    "Rejected rows are reported on stderr as FILE:LINE: column: reason and listed in\n"
    "inputs.rejections; the rest is analysed. Exit codes: 0 success, 2 usage, 3 bad results\n"
    "data, 4 bad rules or study, 5 input/output.\n";

int qc_cli_rejections(const qc_results *res, int strict, const char *consequence)
{
    size_t accepted = 0;
    for (size_t i = 0; i < res->nrejections; i++) {
        const qc_rejection *r = &res->rejections[i];
        char place[1200];
        qc_results_place(res, r, place, sizeof place);
        if (r->column[0]) qc_cli_error("%s: %s: %s", place, r->column, r->reason);
        else qc_cli_error("%s: %s", place, r->reason);
    }
    for (size_t f = 0; f < res->nfiles; f++) accepted += res->files[f].accepted;
    if (!consequence) return EXIT_OK;
    if (strict && res->nrejections) {
        qc_cli_error("%zu row(s) rejected; --strict: %s", res->nrejections, consequence);
        return EXIT_DATA;
    }
    if (accepted == 0) {
        for (size_t f = 0; f < res->nfiles; f++)  /* say which file let the study down */
            if (res->files[f].records == 0)
                qc_cli_error("%s:1: a header and no records: the file holds no results",
                             res->files[f].path);
        qc_cli_error("no usable results in the study's files; %s", consequence);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

/* True when path is the file st describes (the same device and inode: through any link or
 * "..", as realpath would find, and a hard link too). */
static int same_file(const char *path, const struct stat *st)
{
    struct stat s;
    return stat(path, &s) == 0 && s.st_dev == st->st_dev && s.st_ino == st->st_ino;
}

/* True when out names the study, a results file or a rules file (read or not). */
static int overwrites_input(const char *out, const qc_study *study, const qc_rules *rules)
{
    struct stat o;
    if (strcmp(out, "-") == 0 || stat(out, &o) != 0) return 0;  /* a new file is no input */
    if (same_file(study->path, &o)) return 1;
    for (size_t i = 0; i < study->nresults; i++)
        if (same_file(study->results[i].path, &o)) return 1;
    for (size_t i = 0; i < rules->nfiles; i++)
        if (same_file(rules->files[i].path, &o)) return 1;
    for (size_t i = 0; i < rules->nskipped; i++) {  /* the library's, though not read */
        unsigned long long ino = rules->skipped_ino ? rules->skipped_ino[i] : 0;
        if ((!ino || ino == (unsigned long long)o.st_ino) && same_file(rules->skipped[i], &o))
            return 1;  /* a stat only for a file whose inode the walk did not see differ */
    }
    return 0;
}

int qc_cmd_analyze(int argc, char **argv)
{
    static const struct option opts[] = {{"output", required_argument, 0, 'o'},
                                         {"rules", required_argument, 0, 'r'},
                                         {"strict", no_argument, 0, 's'},
                                         {"encoding", required_argument, 0, 'e'},
                                         {"threads", required_argument, 0, 't'},
                                         {"quiet", no_argument, 0, 'q'},
                                         {"progress", no_argument, 0, 'p'},
                                         {0, 0, 0, 0}};
    const char *out = NULL, *rules_dir = NULL, *encoding = NULL;
    int strict = 0, c, quiet = 0, progress = isatty(STDERR_FILENO);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = ncpu > 0 ? (int)ncpu : 1;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        if (c == 'o') out = optarg;
        else if (c == 'r') rules_dir = optarg;
        else if (c == 's') strict = 1;
        else if (c == 'e') encoding = optarg;
        else if (c == 'q') quiet = 1;
        else if (c == 'p') progress = 2;
        else if (c == 't') {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || n < 1 || n > 1024) {
                qc_cli_error("analyze: --threads: \"%s\" is not a number from 1 to 1024", optarg);
                return EXIT_USAGE;
            }
            threads = (int)n;
        }
        else return qc_cli_bad_option("analyze", c, optopt, argv, optind);
    }
    if (optind != argc - 1) {
        qc_cli_error("analyze: needs exactly one STUDY.json (try 'qcompare analyze --help')");
        return EXIT_USAGE;
    }
    if (encoding && strcasecmp(encoding, "utf-8") != 0 && strcasecmp(encoding, "gb18030") != 0 &&
        strcasecmp(encoding, "gbk") != 0) {
        qc_cli_error("analyze: --encoding: \"%s\" is not one of utf-8, gb18030, gbk", encoding);
        return EXIT_USAGE;
    }
    const char *study_path = argv[optind];
    qc_error err = {0};
    qc_rules *rules = NULL;
    qc_study *study = NULL;
    qc_results *res = NULL;
    cJSON *doc = NULL;
    int code = EXIT_OK;
    /* the rules the study uses (rules.h qc_rules_load_study), validated as a whole load */
    int study_stage = 0;
    qc_status s = qc_study_load_scoped(qc_rules_locate(rules_dir), study_path, &rules, &study,
                                       &study_stage, &err);
    if (s) {
        /* README "Exit codes": a missing study or rules file is 4; a study that exists but
         * cannot be read (a FIFO, a device, past its cap, no permission) is input/output, 5 */
        struct stat st;
        int io = s == QC_ENOMEM || (study_stage && s == QC_EIO && stat(study_path, &st) == 0);
        qc_cli_error("%s", err.message);
        code = io ? EXIT_IO : EXIT_RULES;
        goto done;
    }
    if (encoding && (s = qc_study_set_encoding(study, encoding, &err))) {
        qc_cli_error("analyze: %s", err.message);
        code = EXIT_USAGE;
        goto done;
    }
    if (out && overwrites_input(out, study, rules)) {
        qc_cli_error("analyze: -o %s would overwrite an input file", out);
        code = EXIT_USAGE;
        goto done;
    }
    progress_line pl = {0};
    qc_load_options lo = {.threads = threads, .judge = qc_assess_keep_judge()};
    if (progress == 2 || (progress && !quiet)) {
        clock_gettime(CLOCK_MONOTONIC, &pl.start);
        lo.progress = show_progress, lo.progress_user = &pl;
    }
    s = qc_results_load_opts(study, rules, &lo, &res, &err);
    if (pl.shown) fputs("\r\033[K", stderr);  /* erased: the line is gone once reading is done */
    if (s) {
        qc_cli_error("%s", err.message);
        code = qc_cli_exit_code(s);
        goto done;
    }
    if ((code = qc_cli_rejections(res, strict, "no analysis written")) != EXIT_OK) goto done;
    /* written as it is computed: the whole document is never in memory */
    if ((s = qc_analyze_write(study, rules, res, threads, out, &err))) {
        if (s == QC_ENOMEM && !err.status) qc_error_set(&err, s, "out of memory");
        qc_cli_error("%s", err.message);
        code = qc_cli_exit_code(s);
        goto done;
    }
    if (out && strcmp(out, "-") != 0 && !quiet) fprintf(stderr, "qcompare: gap analysis written to %s\n", out);
done:
    cJSON_Delete(doc);
    qc_results_free(res);
    qc_study_free(study);
    qc_rules_free(rules);
    return code;
}
