/* standards.c — `qcompare standards list | show | compare | portfolio | gaps`: options, the
 * date (--date, else today: the only place today's date enters qcompare), resolving
 * "ID[@GRADE]" arguments (an id without a year is the edition in force on the date), the
 * catalogue views (list, show) with each standard's status on the date, and the library's
 * comparison, portfolio and gaps (standards.h), all written as JSON by qc_report_write. Owns no
 * state beyond one command run. */
#define _GNU_SOURCE
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "qcompare/jsonfile.h"
#include "qcompare/report.h"
#include "qcompare/standards.h"

const char qc_standards_help[] =
    "Standards as documents (DESIGN §5, docs/standards.md): the catalogue, one standard against\n"
    "another, the portfolio of standards in force, and what a product's comparison lacks; every\n"
    "view at a date.\n\n"
    "  standards list [--industry I] [--date D]\n"
    "                                         every standard: id, kind, status on D (in_force,\n"
    "                                         superseded, not_yet_effective, withdrawn), industry,\n"
    "                                         products, grades, published, effective, market\n"
    "  standards show ID[@GRADE] [--date D]   one standard with its status on D and each grade's\n"
    "                                         limits, inherited ones resolved\n"
    "  standards compare A[@GRADE] B[@GRADE] [--date D]\n"
    "                                         A against B per indicator over the common domain of\n"
    "                                         their limits, B converted to A's unit: stricter,\n"
    "                                         equivalent (within the stated precision), looser,\n"
    "                                         mixed, only_in_a, only_in_b, not_encoded,\n"
    "                                         not_comparable (with a reason); bands; warnings for\n"
    "                                         an edition not in force on D\n"
    "  standards portfolio [--industry I] [--date D]\n"
    "                                         per industry and product: in force, superseded, not\n"
    "                                         yet effective, withdrawn; age, review_overdue (> 5\n"
    "                                         years since publication; unknown when unpublished),\n"
    "                                         adoption; shares with numerator and denominator\n"
    "  standards gaps [--industry I] [--date D]\n"
    "                                         per product: Chinese standards in force with limits,\n"
    "                                         counterparts, closest counterpart grades, unconfirmed\n"
    "                                         share, requirements not encoded, missing successors\n\n"
    "  --date D          YYYY-MM-DD (default: today). The status of every edition is computed on\n"
    "                    D, and an id without a year (\"GB/T 1499.2\") means the edition in force\n"
    "                    on D. Give --date for output that does not change by itself.\n"
    "  --industry I      one of the six industry ids (list, portfolio, gaps)\n"
    "  -o, --output FILE write to FILE (atomically) instead of standard output\n"
    "  --rules DIR       rules directory (default: $QCOMPARE_RULES, the installed rules,\n"
    "                    ./rules)\n\n"
    "A standard with several grades needs @GRADE in compare (\"GB/T 1499.2-2018@HRB400\").\n"
    "compare writes its warnings to standard error too.\n"
    "Exit codes: 0 success, 2 usage, 4 bad rules or unknown standard or grade, 5 input/output.\n";


/* "ID" or "ID@GRADE" (the grade after the last '@'). Without @GRADE: the only grade, or, when
 * any_grade, NULL for a standard with several. QC_ERULES naming what is unknown. */
static qc_status resolve(const qc_rules *r, const char *spec, const char *date, int any_grade,
                         const qc_standard **s, const qc_grade **g, qc_error *err)
{
    char id[512], grades[400] = "";
    if (strlen(spec) >= sizeof id)
        return qc_error_set(err, QC_ERULES, "unknown standard \"%.60s...\" (id too long)", spec);
    memcpy(id, spec, strlen(spec) + 1);
    char *at = strrchr(id, '@');
    if (at) *at++ = '\0';
    *g = NULL;
    if (!(*s = qc_rules_standard(r, id, date))) {
        if (qc_rules_standard(r, id, "9999-12-31"))  /* editions "ID-YYYY" exist */
            qc_message_append(grades, sizeof grades, date ? " (no edition in force on %s)" : " (an id without "
                "a year needs --date YYYY-MM-DD to pick the edition in force)", date);
        return qc_error_set(err, QC_ERULES, "unknown standard \"%s\"%s", id, grades);
    }
    for (size_t i = 0; i < (*s)->ngrades; i++)
        qc_message_append(grades, sizeof grades, "%s\"%s\"", i ? ", " : "", (*s)->grades[i].name);
    if (at && !(*g = qc_standard_grade(*s, at)))
        return qc_error_set(err, QC_ERULES, "standard \"%s\" has no grade \"%s\" (grades: %s)",
                            (*s)->id, at, (*s)->grades[0].name[0] ? grades : "none");
    if (!at && (*s)->ngrades == 1) *g = &(*s)->grades[0];
    if (!at && !any_grade && (*s)->ngrades != 1)
        return qc_error_set(err, QC_ERULES, "standard \"%s\" has grades: name one as "
                            "\"%s@GRADE\" (grades: %s)", (*s)->id, (*s)->id, grades);
    return QC_OK;
}

static void add_str(cJSON *o, const char *key, const char *v)
{
    if (v) cJSON_AddStringToObject(o, key, v);
    else cJSON_AddNullToObject(o, key);
}

/* The grades of s: grade_order first, then the others in file order. */
static size_t ordered_grades(const qc_standard *s, const qc_grade **out)
{
    size_t n = 0;
    for (size_t i = 0; i < s->ngrade_order; i++) out[n++] = qc_standard_grade(s, s->grade_order[i]);
    for (size_t i = 0; i < s->ngrades; i++) {
        size_t k = 0;
        while (k < n && out[k] != &s->grades[i]) k++;
        if (k == n) out[n++] = &s->grades[i];
    }
    return n;
}

/* The state of s on date: status, recorded_status when it differs, superseded_by_in_force,
 * successor; with notes (show), or the note only where the status differs from the record (list). */
static void add_state(cJSON *o, const qc_rules *r, const qc_standard *s, const char *date,
                      int notes)
{
    qc_std_state st;
    qc_std_state_of(r, s, date, &st);
    int differs = strcmp(s->status, qc_std_state_name(st.kind)) != 0;
    cJSON_AddStringToObject(o, "status", qc_std_state_name(st.kind));
    if (differs) cJSON_AddStringToObject(o, "recorded_status", s->status);
    if (st.by) cJSON_AddStringToObject(o, "superseded_by_in_force", st.by->id);
    if (st.successor) cJSON_AddStringToObject(o, "successor", st.successor->id);
    if (st.note[0] && (notes || differs)) cJSON_AddStringToObject(o, "status_note", st.note);
}

static cJSON *list_json(const qc_rules *r, const char *industry, const char *date)
{
    cJSON *arr = cJSON_CreateArray();
    const qc_grade **gs = calloc(1, sizeof *gs);
    for (size_t i = 0; i < r->nstandards; i++) {
        const qc_standard *s = &r->standards[i];
        if (industry && strcmp(s->industry, industry) != 0) continue;
        cJSON *o = cJSON_CreateObject(), *a;
        cJSON_AddItemToArray(arr, o);
        cJSON_AddStringToObject(o, "id", s->id);
        cJSON_AddStringToObject(o, "kind", s->kind);
        add_state(o, r, s, date, 0);
        cJSON_AddStringToObject(o, "industry", s->industry);
        a = cJSON_AddArrayToObject(o, "products");
        for (size_t k = 0; k < s->nproducts; k++)
            cJSON_AddItemToArray(a, cJSON_CreateString(s->products[k]));
        a = cJSON_AddArrayToObject(o, "grades");
        const qc_grade **grown = realloc(gs, (s->ngrades + s->ngrade_order + 1) * sizeof *gs);
        if (grown) gs = grown;
        size_t ng = grown ? ordered_grades(s, gs) : 0;
        for (size_t k = 0; k < ng; k++)
            if (gs[k]->name[0]) cJSON_AddItemToArray(a, cJSON_CreateString(gs[k]->name));
        add_str(o, "published", s->published);
        add_str(o, "effective", s->effective);
        add_str(o, "market", s->market);
        add_str(o, "withdrawn", s->withdrawn);
    }
    free(gs);
    return arr;
}

/* One grade with its effective limits, by indicator id; inherited ones name their grade. */
static cJSON *grade_json(const qc_standard *s, const qc_grade *g, const cJSON *doc)
{
    cJSON *o = cJSON_CreateObject(), *limits;
    const cJSON *gd = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(doc, "grades"), g->name);
    cJSON_AddStringToObject(o, "grade", g->name);
    add_str(o, "inherits", g->inherits);
    add_str(o, "note", qc_json_str(gd, "note", NULL));
    limits = cJSON_AddArrayToObject(o, "limits");
    const char *last = "";
    for (;;) {  /* the indicators in id order: the smallest id greater than the last one */
        const char *next = NULL;
        const qc_grade *h = g;
        for (size_t hops = 0; h && hops <= s->ngrades; hops++) {
            for (size_t k = 0; k < h->nsets; k++) {
                const char *id = h->sets[k].indicator;
                if (strcmp(id, last) > 0 && (!next || strcmp(id, next) < 0)) next = id;
            }
            h = h->inherits ? qc_standard_grade(s, h->inherits) : NULL;
        }
        if (!next) break;
        const qc_limit_set *set = qc_standard_limits(s, g, next);
        const char *from = NULL;
        for (h = g; h && !from; h = h->inherits ? qc_standard_grade(s, h->inherits) : NULL)
            for (size_t k = 0; k < h->nsets; k++)
                if (&h->sets[k] == set) from = h == g ? "" : h->name;
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "indicator", next);
        if (set->npieces == 1) {
            cJSON_AddItemToObject(e, "limit", cJSON_Duplicate(set->piece[0].json, 1));
        } else {
            cJSON *pieces = cJSON_AddArrayToObject(e, "limit");
            for (size_t k = 0; k < set->npieces; k++)
                cJSON_AddItemToArray(pieces, cJSON_Duplicate(set->piece[k].json, 1));
        }
        add_str(e, "inherited_from", from && *from ? from : NULL);
        cJSON_AddItemToArray(limits, e);
        last = next;
    }
    return o;
}

static cJSON *show_json(const qc_rules *r, const qc_standard *s, const qc_grade *only,
                        const char *date, qc_error *err)
{
    static const char *const keys[] = {"id", "kind", "body", "title", "status", "published",
                                       "effective", "withdrawn", "superseded_by", "adoption",
                                       "industry", "market", "products", "grade_order", "source",
                                       "note"};
    cJSON *doc = NULL;
    const qc_grade **gs = calloc(s->ngrades + s->ngrade_order + 1, sizeof *gs);
    if (!gs) { qc_error_set(err, QC_ENOMEM, "out of memory"); return NULL; }
    if (qc_standard_document(s, &doc, err)) { free(gs); return NULL; }
    cJSON *o = cJSON_CreateObject();
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, keys[k]);
        if (strcmp(keys[k], "status") == 0) {
            cJSON_AddStringToObject(o, "date", date);
            add_state(o, r, s, date, 1);
        } else if (v) {
            cJSON_AddItemToObject(o, keys[k], cJSON_Duplicate(v, 1));
        } else {
            cJSON_AddNullToObject(o, keys[k]);
        }
    }
    size_t dl = strlen(r->dir);  /* the file relative to the rules directory */
    int inside = strncmp(s->path, r->dir, dl) == 0 && s->path[dl] == '/';
    cJSON_AddStringToObject(o, "file", inside ? s->path + dl + 1 : s->path);
    cJSON_AddStringToObject(o, "sha256", s->sha256);
    cJSON *arr = cJSON_AddArrayToObject(o, "grades");
    size_t ng = ordered_grades(s, gs);
    for (size_t k = 0; k < ng; k++)
        if (!only || gs[k] == only) cJSON_AddItemToArray(arr, grade_json(s, gs[k], doc));
    free(gs);
    cJSON_Delete(doc);
    return o;
}

/* 1 when out names a file of the rules (an -o that would overwrite an input). */
static int overwrites_rules(const char *out, const qc_rules *r)
{
    char ro[PATH_MAX], ri[PATH_MAX];
    if (!out || strcmp(out, "-") == 0 || !realpath(out, ro)) return 0;
    for (size_t i = 0; i < r->nfiles; i++)
        if (realpath(r->files[i].path, ri) && strcmp(ro, ri) == 0) return 1;
    return 0;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    qc_cli_error("standards%s (try 'qcompare standards --help')", msg);
    return EXIT_USAGE;
}

int qc_cmd_standards(int argc, char **argv)
{
    static const struct option opts[] = {{"output", required_argument, 0, 'o'},
                                         {"rules", required_argument, 0, 'r'},
                                         {"date", required_argument, 0, 'd'},
                                         {"industry", required_argument, 0, 'i'},
                                         {0, 0, 0, 0}};
    static const char *const subs[] = {"list", "show", "compare", "portfolio", "gaps"};
    static const int nargs[] = {0, 1, 2, 0, 0};
    const char *out = NULL, *rules_dir = NULL, *date = NULL, *industry = NULL;
    int c, sub = -1;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        if (c == 'o') out = optarg;
        else if (c == 'r') rules_dir = optarg;
        else if (c == 'd') date = optarg;
        else if (c == 'i') industry = optarg;
        else return qc_cli_bad_option("standards", c, optopt, argv, optind);
    }
    if (optind >= argc)
        return usage_error(": needs a subcommand: list, show, compare, portfolio or gaps");
    for (int k = 0; k < 5; k++)
        if (strcmp(argv[optind], subs[k]) == 0) sub = k;
    if (sub < 0) return usage_error(": unknown subcommand \"%s\" (list, show, compare, "
                                    "portfolio or gaps)", argv[optind]);
    const char *name = subs[sub];
    char **pos = argv + optind + 1;
    int npos = argc - optind - 1;
    if (npos != nargs[sub])
        return usage_error(" %s: needs %s, got %d argument%s", name,
                           sub == 1 ? "one ID[@GRADE]" : sub == 2 ? "two ID[@GRADE]" :
                           "no argument", npos, npos == 1 ? "" : "s");
    if (date && !qc_json_is_date(date))
        return usage_error(" %s: --date \"%s\" is not a YYYY-MM-DD date", name, date);
    char today[16];
    if (!date) {  /* the only place today's date enters qcompare */
        time_t now = time(NULL);
        struct tm tm;
        if (!localtime_r(&now, &tm) || !strftime(today, sizeof today, "%Y-%m-%d", &tm))
            return usage_error(" %s: cannot tell today's date: give --date YYYY-MM-DD", name);
        date = today;
    }
    if (industry && (sub == 1 || sub == 2))
        return usage_error(" %s: --industry does not apply", name);
    if (industry && !qc_rules_is_industry(industry))
        return usage_error(" %s: unknown industry \"%s\" (advanced-materials, "
                           "advanced-equipment, modern-light-industry, biomedicine, "
                           "electronic-information, big-data-software)", name, industry);

    qc_error err = {0};
    qc_rules *rules = NULL;
    cJSON *doc = NULL;
    qc_status s = qc_rules_load(qc_rules_locate(rules_dir), &rules, &err);
    if (s) {
        qc_cli_error("%s", err.message);
        qc_rules_free(rules);
        return s == QC_ENOMEM ? EXIT_IO : EXIT_RULES;
    }
    if (overwrites_rules(out, rules)) {
        qc_rules_free(rules);
        return usage_error(" %s: -o %s would overwrite a rules file", name, out);
    }
    const qc_standard *sa = NULL, *sb = NULL;
    const qc_grade *ga = NULL, *gb = NULL;
    if (sub == 0) {
        doc = list_json(rules, industry, date);
    } else if (sub == 1) {
        if (!(s = resolve(rules, pos[0], date, 1, &sa, &ga, &err)))
            doc = show_json(rules, sa, ga, date, &err);
    } else if (sub == 2) {
        if (!(s = resolve(rules, pos[0], date, 0, &sa, &ga, &err)) &&
            !(s = resolve(rules, pos[1], date, 0, &sb, &gb, &err)))
            doc = qc_standards_compare_json(rules, sa, ga, sb, gb, date, &err);
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(doc, "warnings");
        for (const cJSON *e = w ? w->child : NULL; e; e = e->next)
            fprintf(stderr, "qcompare: warning: %s\n", e->valuestring);
    } else if (sub == 3) {
        doc = qc_standards_portfolio_json(rules, industry, date, NULL, &err);
    } else {
        doc = qc_standards_gaps_json(rules, industry, date, &err);
    }
    if (!s && !doc) s = err.status ? err.status : QC_ENOMEM;
    if (!s) s = qc_report_write(doc, out, &err);
    if (s) qc_cli_error("standards %s: %s", name, s == QC_ENOMEM && !err.message[0]
                                                     ? "out of memory" : err.message);
    else if (out && strcmp(out, "-") != 0)
        fprintf(stderr, "qcompare: standards %s written to %s\n", name, out);
    cJSON_Delete(doc);
    qc_rules_free(rules);
    return s ? qc_cli_exit_code(s) : EXIT_OK;
}
