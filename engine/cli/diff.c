/* diff.c — `qcompare diff`: reads two gap analyses, compares them (qc_diff_collect, diff_ci.h:
 * qc_diff's rules plus --ignore patterns) and prints the differences as text (one line each,
 * or with --summary the counts per section and the largest changes first), JSON, or JUnit XML
 * (one test case per section of the document); exit 0 same, 1 different. */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "qcompare/diff_ci.h"

const char qc_diff_help[] =
    "Compares two gap analyses value by value and prints each difference as\n"
    "  $.json.path: expected <json>, actual <json>\n"
    "((absent) when one side has no such value), then a summary line.\n\n"
    "  --rtol R          relative tolerance (default 1e-9)\n"
    "  --atol A          absolute tolerance (default 1e-12)\n"
    "                    numbers agree when |expected - actual| <= A + R*|expected|: printing\n"
    "                    noise in the last digits is ignored, a relative change of 1e-6 is not\n"
    "  --subset          EXPECTED may omit object keys (ACTUAL may have more), e.g. the expected\n"
    "                    values an independent program computed for part of the analysis; the\n"
    "                    inputs' paths and hashes are ignored ($.inputs.files[*].path,\n"
    "                    $.inputs.files[*].sha256, $.inputs.rejections[*].path)\n"
    "  --ignore PATTERN  drop the differences at or below PATTERN, a path whose segments may\n"
    "                    hold * (any text within one segment); repeatable. E.g.\n"
    "                    --ignore '$.products[*].indicators[*].groups[*].normality'\n"
    "  --summary         differences per section (most first), then the largest changes first:\n"
    "                    changed values (a verdict, a decision, a removed or added element),\n"
    "                    then numbers by relative change\n"
    "  --top N           changes listed by --summary (default 10; 0: all)\n"
    "  --format F        text (default), json ({same, differences, ignored, sections[],\n"
    "                    changes[]}), or junit (JUnit XML: one test case per section, failing\n"
    "                    with its differences; for CI systems' test reports)\n\n"
    "Sections: each top-level key (inputs, study, notes, ...), per product each of its keys\n"
    "(products[P].standards, products[P].scorecard, ...) and per indicator\n"
    "(products[P].indicators[I]).\n"
    "Ignored: engine.version. Compared by basename only: inputs.files[].path,\n"
    "inputs.rejections[].path, nonconforming[].file, accepted_in_guard_band[].file,\n"
    "outliers.grubbs.file. Arrays of objects are matched by identity\n"
    "(product, indicator, group, standard or id @grade, market, sample_id:line, path basename,\n"
    "a vs b), whatever their order: an element on one side only is a difference (also with\n"
    "--subset); other arrays are compared index by index.\n"
    "Paths name elements by identity: $.products[steel-rebar].indicators[yield_strength]...\n\n"
    "Exit codes (every format): 0 no differences, 1 differences, 2 usage, 4 not a gap analysis\n"
    "(not JSON, no \"schema\", or a schema other than qcompare/gap-analysis/1), 5 a file cannot\n"
    "be read.\n";

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_JUNIT };

typedef struct diff_args {
    qc_diff_options o;
    int format, summary;
    size_t top;
    const char **ignore;
    size_t nignore;
} diff_args;

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

static void print_value(FILE *f, const cJSON *v)
{
    char *s = v ? cJSON_PrintUnformatted(v) : NULL;
    fputs(s ? s : v ? "(unprintable)" : "(absent)", f);
    free(s);
}

/* A value in a few characters: numbers to 6 digits, strings cut at 40 bytes (on a UTF-8
 * character boundary), objects and arrays as {…} and […]. */
static void print_short(FILE *f, const cJSON *v)
{
    if (!v) fputs("(absent)", f);
    else if (cJSON_IsNumber(v)) fprintf(f, "%.6g", v->valuedouble);
    else if (cJSON_IsString(v)) {
        size_t n = strlen(v->valuestring);
        if (n <= 40) fprintf(f, "\"%s\"", v->valuestring);
        else {
            n = 40;
            while (n > 0 && ((unsigned char)v->valuestring[n] & 0xC0) == 0x80) n--;
            fprintf(f, "\"%.*s…\"", (int)n, v->valuestring);
        }
    } else if (cJSON_IsObject(v)) fputs("{…}", f);
    else if (cJSON_IsArray(v)) fprintf(f, "[%d items]", cJSON_GetArraySize(v));
    else print_value(f, v);
}

static void print_line(FILE *f, const qc_diff_change *c)
{
    fprintf(f, "%s: expected ", c->path);
    print_value(f, c->expected);
    fputs(", actual ", f);
    print_value(f, c->actual);
    fputc('\n', f);
}

/* "+12.3%", "removed", … : the change in a word. */
static void change_label(const qc_diff_change *c, char *buf, size_t n)
{
    static const char *const words[] = {"", "changed", "removed", "added"};
    if (c->kind != QC_CHANGE_NUMBER) snprintf(buf, n, "%s", words[c->kind]);
    else if (isinf(c->relative)) snprintf(buf, n, "from 0");
    else if (fabs(c->relative) >= 1) snprintf(buf, n, "%+.0f%%", 100 * c->relative);
    else snprintf(buf, n, "%+.3g%%", 100 * c->relative);
}

static void print_headline(const qc_diff_result *r, const diff_args *a, size_t nchanged)
{
    if (r->nchanges)
        printf("different: %zu difference%s", r->nchanges, r->nchanges == 1 ? "" : "s");
    else
        printf("same: no differences");
    if (a->summary && r->nchanges) printf(" in %zu of %zu sections", nchanged, r->nsections);
    printf(" (rtol %g, atol %g%s", a->o.rtol, a->o.atol, a->o.subset ? ", subset" : "");
    if (r->ignored) printf(", %zu ignored", r->ignored);
    printf(")\n");
}

static void print_text(const qc_diff_result *r, const diff_args *a)
{
    size_t nchanged = 0, *idx = qc_diff_sections_changed(r, &nchanged);
    if (!a->summary) {
        for (size_t i = 0; i < r->nchanges; i++) print_line(stdout, &r->changes[i]);
        print_headline(r, a, nchanged);
        free(idx);
        return;
    }
    print_headline(r, a, nchanged);
    for (size_t i = 0; i < nchanged; i++)
        printf("  %6zu  %s\n", r->sections[idx[i]].changes, r->sections[idx[i]].name);
    free(idx);
    size_t shown = a->top && a->top < r->nchanges ? a->top : r->nchanges;
    if (shown) printf("largest changes (%zu of %zu):\n", shown, r->nchanges);
    for (size_t i = 0; i < shown; i++) {
        const qc_diff_change *c = &r->changes[i];
        char label[32];
        change_label(c, label, sizeof label);
        printf("  %-8s  %s", label, c->path);
        if (c->kind == QC_CHANGE_NUMBER || c->kind == QC_CHANGE_VALUE) {
            fputs(": ", stdout);
            print_short(stdout, c->expected);
            fputs(" -> ", stdout);
            print_short(stdout, c->actual);
        }
        putchar('\n');
    }
}

/* Text as XML character data or attribute value: & < > " escaped, control characters XML 1.0
 * does not allow written as '?'. */
static void xml_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '&') fputs("&amp;", f);
        else if (ch == '<') fputs("&lt;", f);
        else if (ch == '>') fputs("&gt;", f);
        else if (ch == '"') fputs("&quot;", f);
        else if (ch < 0x20 && ch != '\n' && ch != '\t') fputc('?', f);
        else fputc(ch, f);
    }
}

/* The text of one difference line, for the XML. */
static char *change_line(const qc_diff_change *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) return NULL;
    print_line(m, c);
    if (fclose(m)) {
        free(buf);
        return NULL;
    }
    return buf;
}

static int print_junit(const qc_diff_result *r, const char *expected, const char *actual)
{
    size_t failures = 0;
    for (size_t i = 0; i < r->nsections; i++) failures += r->sections[i].changes > 0;
    printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"qcompare diff\" "
           "tests=\"%zu\" failures=\"%zu\">\n  <testsuite name=\"", r->nsections, failures);
    xml_text(stdout, expected);
    fputs(" vs ", stdout);
    xml_text(stdout, actual);
    printf("\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n"
           "    <properties><property name=\"ignored\" value=\"%zu\"/></properties>\n",
           r->nsections, failures, r->ignored);
    for (size_t i = 0; i < r->nsections; i++) {
        const qc_diff_section *s = &r->sections[i];
        fputs("    <testcase classname=\"qcompare.diff\" name=\"", stdout);
        xml_text(stdout, s->name);
        if (!s->changes) {
            fputs("\"/>\n", stdout);
            continue;
        }
        const qc_diff_change *first = NULL;
        for (size_t j = 0; j < r->nchanges && !first; j++)
            if (r->changes[j].section == i) first = &r->changes[j];
        printf("\">\n      <failure type=\"difference\" message=\"%zu difference%s; first: ",
               s->changes, s->changes == 1 ? "" : "s");
        xml_text(stdout, first->path);
        fputs("\">", stdout);
        for (size_t j = 0; j < r->nchanges; j++) {
            if (r->changes[j].section != i) continue;
            char *line = change_line(&r->changes[j]);
            if (!line) return -1;
            xml_text(stdout, line);
            free(line);
        }
        fputs("</failure>\n    </testcase>\n", stdout);
    }
    fputs("  </testsuite>\n</testsuites>\n", stdout);
    return 0;
}

static int parse_args(int argc, char **argv, diff_args *a)
{
    static const struct option opts[] = {
        {"rtol", required_argument, 0, 'r'},   {"atol", required_argument, 0, 'a'},
        {"subset", no_argument, 0, 's'},       {"summary", no_argument, 0, 'S'},
        {"format", required_argument, 0, 'f'}, {"ignore", required_argument, 0, 'i'},
        {"top", required_argument, 0, 't'},    {0, 0, 0, 0}};
    static const char *const formats[] = {"text", "json", "junit"};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (c == 'r') {
            if (tolerance("--rtol", optarg, &a->o.rtol)) return -1;
        } else if (c == 'a') {
            if (tolerance("--atol", optarg, &a->o.atol)) return -1;
        } else if (c == 's') {
            a->o.subset = 1;
        } else if (c == 'S') {
            a->summary = 1;
        } else if (c == 'f') {
            a->format = -1;
            for (int k = 0; k < 3; k++)
                if (strcmp(optarg, formats[k]) == 0) a->format = k;
            if (a->format < 0) {
                qc_cli_error("diff: unknown --format \"%s\": text, json or junit", optarg);
                return -1;
            }
        } else if (c == 't') {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (end == optarg || *end || n < 0) {
                qc_cli_error("diff: --top needs a whole number >= 0, not \"%s\"", optarg);
                return -1;
            }
            a->top = (size_t)n;
        } else if (c == 'i') {
            qc_error err = {0};
            if (qc_diff_pattern_check(optarg, &err)) {
                qc_cli_error("%s", err.message);
                return -1;
            }
            a->ignore[a->nignore++] = optarg;
        } else {
            qc_cli_bad_option("diff", c, optopt, argv, optind);
            return -1;
        }
    }
    if (optind != argc - 2) {
        qc_cli_error("diff: needs EXPECTED.json and ACTUAL.json (try 'qcompare diff --help')");
        return -1;
    }
    return 0;
}

int qc_cmd_diff(int argc, char **argv)
{
    size_t nsub = 0;
    while (qc_diff_subset_ignores[nsub]) nsub++;
    diff_args a = {.o = qc_diff_defaults(), .top = 10,
                   .ignore = calloc((size_t)argc + nsub + 1, sizeof *a.ignore)};
    if (!a.ignore) {
        qc_cli_error("out of memory");
        return EXIT_IO;
    }
    if (parse_args(argc, argv, &a)) {
        free(a.ignore);
        return EXIT_USAGE;
    }
    for (size_t i = 0; a.o.subset && i < nsub; i++) a.ignore[a.nignore++] = qc_diff_subset_ignores[i];
    cJSON *e = NULL, *x = NULL;
    qc_diff_result *r = NULL;
    qc_error err = {0};
    qc_status s = qc_diff_load(argv[optind], &e, &err);
    if (!s) s = qc_diff_load(argv[optind + 1], &x, &err);
    if (!s) s = qc_diff_collect(e, x, &a.o, a.ignore, a.nignore, &r, &err);
    int rc = s ? qc_cli_exit_code(s) : r->nchanges ? EXIT_DIFF : EXIT_OK;
    if (s) {
        qc_cli_error("%s", err.message);
    } else {
        if (a.summary) qc_diff_rank(r);
        if (a.format == FORMAT_TEXT) {
            print_text(r, &a);
        } else if (a.format == FORMAT_JUNIT) {
            if (print_junit(r, argv[optind], argv[optind + 1])) rc = EXIT_IO;
        } else {
            cJSON *j = qc_diff_result_json(r, &a.o);
            char *text = j ? cJSON_Print(j) : NULL;
            if (text) puts(text);
            else rc = EXIT_IO;
            free(text);
            cJSON_Delete(j);
        }
        if (rc == EXIT_IO) qc_cli_error("diff: out of memory");
    }
    qc_diff_result_free(r);
    cJSON_Delete(e);
    cJSON_Delete(x);
    free(a.ignore);
    return rc;
}
