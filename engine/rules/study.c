/* study.c — loading and validating a study file (study.h, DESIGN §4.3). Owns the parsed study
 * document and the arrays built from it; resolves standards, grades and products against the
 * rules so that the analysis never meets an unknown id. The results entries get their layout,
 * encoding and delimiter here (an --encoding option overrides every file's encoding). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rules_internal.h"
#include "qcompare/infile.h"
#include "qcompare/names.h"
#include "qcompare/stats.h"
#include "qcompare/study.h"

static const qc_json_field study_fields[] = {
    {"id", QC_JT_STRING, 1}, {"title", QC_JT_STRING, 0}, {"date", QC_JT_STRING, 1},
    {"results", QC_JT_ARRAY, 1}, {"layout", QC_JT_STRING, 0}, {"encoding", QC_JT_STRING, 0},
    {"delimiter", QC_JT_STRING, 0}, {"columns", QC_JT_OBJECT, 0}, {"where", QC_JT_OBJECT, 0},
    {"groups", QC_JT_OBJECT, 0}, {"factor", QC_JT_STRING, 0}, {"replicates", QC_JT_STRING, 0},
    {"products", QC_JT_ARRAY, 1}, {"markets", QC_JT_ARRAY, 0},
    {"decision_rule", QC_JT_OBJECT, 0}, {"default_uncertainty", QC_JT_OBJECT, 0},
    {"method_mismatch", QC_JT_STRING, 0}, {"censored", QC_JT_STRING, 0},
    {"censored_max_share", QC_JT_NUMBER, 0},
    {"alpha", QC_JT_NUMBER, 0}, {"confidence", QC_JT_NUMBER, 0},
    {"multiple_testing", QC_JT_STRING, 0}, {"equivalence_margin", QC_JT_NUMBER, 0},
    {"proportion_ci", QC_JT_STRING, 0}, {"capability", QC_JT_OBJECT, 0},
    {"weights", QC_JT_OBJECT, 0}, {"note", QC_JT_STRING, 0}, {"judge", QC_JT_STRING, 0},
    {"missing", QC_JT_ARRAY, 0}, {"not_detected", QC_JT_ARRAY, 0},
    {"max_field_bytes", QC_JT_NUMBER, 0}, {"max_record_bytes", QC_JT_NUMBER, 0},
    {NULL, 0, 0}};

static const qc_json_field results_fields[] = {
    {"path", QC_JT_STRING, 1}, {"layout", QC_JT_STRING, 0}, {"encoding", QC_JT_STRING, 0},
    {"delimiter", QC_JT_STRING, 0}, {"columns", QC_JT_OBJECT, 0}, {"set", QC_JT_OBJECT, 0},
    {"sheet", QC_JT_STRING | QC_JT_NUMBER, 0}, {"missing", QC_JT_ARRAY, 0},
    {"not_detected", QC_JT_ARRAY, 0}, {NULL, 0, 0}};

static const qc_json_field groups_fields[] = {
    {"column", QC_JT_STRING, 0}, {"subject", QC_JT_STRING | QC_JT_ARRAY, 0},
    {"reference", QC_JT_STRING | QC_JT_ARRAY, 0}, {"compare", QC_JT_STRING, 0}, {NULL, 0, 0}};

static const qc_json_field product_fields[] = {
    {"product", QC_JT_STRING, 1}, {"standards", QC_JT_ARRAY, 0},
    {"compare_standards", QC_JT_ARRAY, 0}, {NULL, 0, 0}};

static const qc_json_field standard_ref_fields[] = {
    {"id", QC_JT_STRING, 1}, {"grade", QC_JT_STRING, 0}, {"sampling", QC_JT_OBJECT, 0},
    {NULL, 0, 0}};

static const qc_json_field rule_fields[] = {
    {"kind", QC_JT_STRING, 1}, {"r", QC_JT_NUMBER, 0}, {NULL, 0, 0}};

static const qc_json_field capability_fields[] = {
    {"sigma_within", QC_JT_STRING, 0}, {NULL, 0, 0}};

static const qc_json_field uncertainty_fields[] = {
    {"U", QC_JT_NUMBER, 0}, {"k", QC_JT_NUMBER, 0}, {"u_std", QC_JT_NUMBER, 0},
    {"U_rel", QC_JT_NUMBER, 0}, {NULL, 0, 0}};

/* Allowed values of the enumerated keys; the first is the default. */
#define QC_NCHOICES 6
static const struct { const char *key; const char *const values[QC_NCHOICES]; } choices[] = {
    {"layout", {"long", "wide"}},
    {"encoding", {"utf-8", "gb18030", "gbk"}},
    {"replicates", {"individual", "mean"}},
    {"method_mismatch", {"flag", "not_decidable"}},
    {"censored", {"km", "ros", "exclude", "lod", "half-lod", "zero"}},
    {"multiple_testing", {"holm", "bh", "none"}},
    {"proportion_ci", {"clopper-pearson", "wilson"}},
    {"judge", {"all", "tested"}},
    {"compare", {"pooled", "each"}},
};

static const char *rule_names[] = {"simple", "guarded", "ilac-nonbinary", "guarded-rejection"};
#define NRULES 4

const char *qc_study_rule_name(qc_rule_kind k) { return rule_names[k]; }

#define FAIL(...) return qc_error_set(err, QC_ERULES, __VA_ARGS__)

/* Validates an enumerated key (also inside results entries); *out = value or default. */
static qc_status choice(const cJSON *obj, const char *key, const char *file, const char *path,
                        const char **out, qc_error *err)
{
    size_t c = 0;
    while (strcmp(choices[c].key, key) != 0) c++;
    const char *v = qc_json_str(obj, key, choices[c].values[0]);
    for (size_t i = 0; i < QC_NCHOICES && choices[c].values[i]; i++)
        if (strcmp(choices[c].values[i], v) == 0) { *out = choices[c].values[i]; return QC_OK; }
    char list[256] = "", p[512];
    for (size_t i = 0; i < QC_NCHOICES && choices[c].values[i]; i++) {
        strcat(list, i ? ", " : "");
        strcat(list, choices[c].values[i]);
    }
    FAIL("%s: %s: \"%s\" is not one of %s", file, qc_json_path_key(p, sizeof p, path, key), v,
         list);
}

static qc_status delimiter(const cJSON *obj, const char *file, const char *path, char def,
                           char *out, qc_error *err)
{
    const char *d = qc_json_str(obj, "delimiter", NULL);
    char p[512];
    *out = def;
    if (!d) return QC_OK;
    if (strcmp(d, ",") == 0 || strcmp(d, ";") == 0 || strcmp(d, "\t") == 0) { *out = d[0]; return QC_OK; }
    if (strcmp(d, "tab") == 0) { *out = '\t'; return QC_OK; }
    FAIL("%s: %s: must be \",\", \";\" or \"tab\"", file, qc_json_path_key(p, sizeof p, path, "delimiter"));
}

/* Column roles (DESIGN §4.1; the provenance columns source_file and source_line, README
 * "Results CSV"); those from "indicator" on have no place in the wide layout (one column per
 * indicator, its unit in the header; no uncertainty columns). A `columns` key that is no role
 * names a context column (e.g. "nominal_diameter": "公称直径(mm)"). */
static const char *const column_roles[] = {"product", "group", "sample_id", "lod", "method",
                                           "source_file", "source_line",
                                           "indicator", "value", "unit", "U", "k", "u_std",
                                           "U_rel", NULL};
#define WIDE_ROLES 7

/* Checks an object whose members must all be strings ("columns", "where", "set"). */
static qc_status string_map(const cJSON *obj, const char *key, const char *file,
                            const char *path, qc_error *err)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    char p[512], q[512];
    qc_json_path_key(p, sizeof p, path, key);
    for (const cJSON *e = m ? m->child : NULL; e; e = e->next) {
        qc_status s = qc_json_check_type(e, QC_JT_STRING, file,
                                         qc_json_path_key(q, sizeof q, p, e->string), err);
        if (s) return s;
        if (e->string[0] == '\0') FAIL("%s: %s: an empty column name", file, q);
        if (strcmp(key, "where") == 0) continue;
        /* a context column may have any name but a near miss of a role's: a typo ("unti") would
         * leave the role unread */
        qc_near nr;
        size_t k = 0;
        qc_near_init(&nr, e->string, strlen(e->string));
        for (; column_roles[k] && strcmp(column_roles[k], e->string) != 0; k++)
            qc_near_offer(&nr, column_roles[k]);
        if (!column_roles[k] && nr.best)
            FAIL("%s: %s: \"%s\" is not a column role; did you mean \"%s\"? (roles: product, "
                 "indicator, value, unit, group, sample_id, lod, method, U, k, u_std, U_rel, "
                 "source_file, source_line; any other name is a context column)", file, q,
                 e->string, nr.best);
    }
    return QC_OK;
}

/* A token list ("missing", "not_detected"): strings. */
static qc_status token_list(const cJSON *obj, const char *key, const char *file,
                            const char *path, qc_error *err)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    char p[512], q[512];
    int i = 0;
    qc_json_path_key(p, sizeof p, path, key);
    for (const cJSON *e = m ? m->child : NULL; e; e = e->next, i++) {
        qc_status s = qc_json_check_type(e, QC_JT_STRING, file,
                                         qc_json_path_index(q, sizeof q, p, i), err);
        if (s) return s;
    }
    return QC_OK;
}

/* "; did you mean \"X\"?" for the nearest of the names, or "" (buf of 300 bytes). */
enum { NEAR_STANDARD, NEAR_GRADE, NEAR_PRODUCT, NEAR_INDICATOR };
static const char *did_you_mean(char *buf, const char *query, int kind, const qc_rules *r,
                                const qc_standard *st)
{
    qc_near nr;
    qc_near_init(&nr, query, strlen(query));
    size_t n = kind == NEAR_STANDARD ? r->nstandards : kind == NEAR_GRADE ? st->ngrades
             : kind == NEAR_PRODUCT ? r->nproducts : r->nindicators;
    for (size_t i = 0; i < n; i++)
        qc_near_offer(&nr, kind == NEAR_STANDARD ? r->standards[i].id
                           : kind == NEAR_GRADE ? st->grades[i].name
                           : kind == NEAR_PRODUCT ? r->products[i].id : r->indicators[i].id);
    buf[0] = '\0';
    if (nr.best) snprintf(buf, 300, "; did you mean \"%.250s\"?", nr.best);
    return buf;
}

static char *resolve(const char *study_path, const char *rel)
{
    if (rel[0] == '/' || strcmp(rel, "-") == 0) return strdup(rel);  /* "-": standard input */
    const char *slash = strrchr(study_path, '/');
    size_t dl = slash ? (size_t)(slash - study_path) + 1 : 0, n = dl + strlen(rel) + 1;
    char *out = malloc(n);
    if (out) snprintf(out, n, "%.*s%s", (int)dl, study_path, rel);
    return out;
}

/* A results entry's "sheet": a name, or a 1-based index. */
static qc_status sheet(const cJSON *e, const char *file, const char *path, qc_error *err)
{
    const cJSON *sh = cJSON_GetObjectItemCaseSensitive(e, "sheet");
    char p[512];
    if (cJSON_IsNumber(sh) && !(sh->valuedouble >= 1 && sh->valuedouble <= 65535 &&
                                sh->valuedouble == (double)(int)sh->valuedouble))
        FAIL("%s: %s: a sheet index is a whole number from 1", file,
             qc_json_path_key(p, sizeof p, path, "sheet"));
    return QC_OK;
}

/* A wide file's renames may not name the long layout's roles (indicator, value, unit, the
 * uncertainty columns). */
static qc_status wide_columns(const cJSON *obj, const char *file, const char *path, qc_error *err)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, "columns");
    char p[512], q[512];
    qc_json_path_key(p, sizeof p, path, "columns");
    for (const cJSON *e = m ? m->child : NULL; e; e = e->next) {
        size_t k = WIDE_ROLES;
        while (column_roles[k] && strcmp(column_roles[k], e->string) != 0) k++;
        if (column_roles[k])
            FAIL("%s: %s: the wide layout has no \"%s\" column (one column per indicator, its "
                 "unit in the header; renames: product, group, sample_id, lod, method, source_file, source_line)", file,
                 qc_json_path_key(q, sizeof q, p, e->string), e->string);
    }
    return QC_OK;
}

static qc_status load_results(qc_study *s, const cJSON *doc, qc_error *err)
{
    const char *file = s->path, *layout, *enc;
    char p[512];
    char delim;
    qc_status st;
    if ((st = choice(doc, "layout", file, "$", &layout, err)) ||
        (st = choice(doc, "encoding", file, "$", &enc, err)) ||
        (st = delimiter(doc, file, "$", ',', &delim, err)) ||
        (st = string_map(doc, "columns", file, "$", err)) ||
        (st = string_map(doc, "where", file, "$", err)) ||
        (st = token_list(doc, "missing", file, "$", err)) ||
        (st = token_list(doc, "not_detected", file, "$", err)))
        return st;
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(doc, "results");
    if (cJSON_GetArraySize(res) == 0) FAIL("%s: $.results: lists no file", file);
    int i = 0;
    for (const cJSON *e = res->child; e; e = e->next, i++) {
        qc_results_spec *r = qc_rules_push(&s->results, &s->nresults, sizeof *r);
        if (!r) return qc_error_set(err, QC_ENOMEM, "out of memory");
        qc_json_path_index(p, sizeof p, "$.results", i);
        const char *rel = "";
        r->layout = (char *)layout;
        r->encoding = (char *)enc;
        r->delimiter = delim;
        if (cJSON_IsString(e)) {
            rel = e->valuestring;
        } else {
            if ((st = qc_json_check(e, results_fields, file, p, err)) ||
                (st = choice(e, "layout", file, p, (const char **)&r->layout, err)) ||
                (st = choice(e, "encoding", file, p, (const char **)&r->encoding, err)) ||
                (st = delimiter(e, file, p, delim, &r->delimiter, err)) ||
                (st = string_map(e, "columns", file, p, err)) ||
                (st = string_map(e, "set", file, p, err)) ||
                (st = token_list(e, "missing", file, p, err)) ||
                (st = token_list(e, "not_detected", file, p, err)) ||
                (st = sheet(e, file, p, err)))
                return st;
            if (!cJSON_GetObjectItemCaseSensitive(e, "layout")) r->layout = (char *)layout;
            if (!cJSON_GetObjectItemCaseSensitive(e, "encoding")) r->encoding = (char *)enc;
            rel = qc_json_str(e, "path", "");
        }
        if (!cJSON_IsString(e) && !cJSON_IsObject(e))
            FAIL("%s: %s: must be a path or an object with \"path\"", file, p);
        if (rel[0] == '\0') FAIL("%s: %s: empty path", file, p);
        if (!(r->path = resolve(s->path, rel))) return qc_error_set(err, QC_ENOMEM, "out of memory");
        size_t pl = strlen(rel);
        if (cJSON_GetObjectItemCaseSensitive(e, "sheet") && (pl < 5 || strcasecmp(rel + pl - 5, ".xlsx") != 0))
            FAIL("%s: %s.sheet: only an .xlsx workbook has sheets", file, p);
        if (strcmp(r->layout, "wide") == 0) {
            int own = cJSON_IsObject(e) && cJSON_GetObjectItemCaseSensitive(e, "columns");
            if ((st = wide_columns(own ? e : doc, file, own ? p : "$", err))) return st;
        }
    }
    return QC_OK;
}

/* Reads a role ("subject"/"reference") given as a string or an array of strings. */
static qc_status role(const cJSON *groups, const char *key, const char *def, const char *file,
                      const char ***vals, size_t *n, qc_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(groups, key);
    char p[512], q[512];
    qc_json_path_key(p, sizeof p, "$.groups", key);
    if (!v || cJSON_IsString(v)) {
        const char **slot = qc_rules_push(vals, n, sizeof *slot);
        if (!slot) return qc_error_set(err, QC_ENOMEM, "out of memory");
        *slot = v ? v->valuestring : def;
        return QC_OK;
    }
    int i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        qc_status s = qc_json_check_type(e, QC_JT_STRING, file,
                                         qc_json_path_index(q, sizeof q, p, i), err);
        if (s) return s;
        const char **slot = qc_rules_push(vals, n, sizeof *slot);
        if (!slot) return qc_error_set(err, QC_ENOMEM, "out of memory");
        *slot = e->valuestring;
    }
    if (*n == 0) FAIL("%s: %s: names no group", file, p);
    return QC_OK;
}

static qc_status load_groups(qc_study *s, const cJSON *doc, qc_error *err)
{
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(doc, "groups");
    qc_status st;
    if (g && (st = qc_json_check(g, groups_fields, s->path, "$.groups", err))) return st;
    s->group_column = qc_json_str(g, "column", "group");
    const char *cmp;
    if ((st = choice(g, "compare", s->path, "$.groups", &cmp, err))) return st;
    s->compare_each = strcmp(cmp, "each") == 0;
    if ((st = role(g, "subject", "local", s->path, &s->subject, &s->nsubject, err)) ||
        (st = role(g, "reference", "benchmark", s->path, &s->reference, &s->nreference, err)))
        return st;
    for (size_t i = 0; i < s->nsubject; i++)
        for (size_t j = 0; j < s->nreference; j++)
            if (strcmp(s->subject[i], s->reference[j]) == 0)
                FAIL("%s: $.groups: \"%s\" is both subject and reference", s->path, s->subject[i]);
    return QC_OK;
}

/* "ID@GRADE" pairs of compare_standards: each side must name a known standard and grade. */
static qc_status check_pair_side(const qc_rules *rules, const qc_study *s, const cJSON *v,
                                 const char *path, qc_error *err)
{
    qc_status st = qc_json_check_type(v, QC_JT_STRING, s->path, path, err);
    if (st) return st;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", v->valuestring);
    char *at = strrchr(buf, '@');
    if (at) *at++ = '\0';
    const qc_standard *std = qc_rules_standard(rules, buf, s->date);
    char dym[300];
    if (!std) FAIL("%s: %s: unknown standard \"%s\"%s", s->path, path, buf,
                   did_you_mean(dym, buf, NEAR_STANDARD, rules, NULL));
    if (!qc_standard_grade(std, at))
        FAIL("%s: %s: standard \"%s\" has no grade \"%s\"%s", s->path, path, std->id, at ? at : "",
             did_you_mean(dym, at ? at : "", NEAR_GRADE, rules, std));
    return QC_OK;
}

static qc_status load_product(const qc_rules *rules, qc_study *s, const cJSON *e,
                              const char *path, qc_error *err)
{
    char p[512], q[512];
    qc_status st = qc_json_check(e, product_fields, s->path, path, err);
    if (st) return st;
    qc_study_product *sp = qc_rules_push(&s->products, &s->nproducts, sizeof *sp);
    if (!sp) return qc_error_set(err, QC_ENOMEM, "out of memory");
    const char *id = qc_json_str(e, "product", "");
    if (!(sp->product = qc_rules_product(rules, id)))
        FAIL("%s: %s.product: unknown product \"%s\" (not in products.json)%s", s->path, path, id,
             did_you_mean(p, id, NEAR_PRODUCT, rules, NULL));
    uint32_t *slot = &s->slot[sp->product - rules->products];
    if (*slot) FAIL("%s: %s.product: \"%s\" is listed twice", s->path, path, id);
    *slot = (uint32_t)s->nproducts;
    const cJSON *stds = cJSON_GetObjectItemCaseSensitive(e, "standards");
    int i = 0;
    qc_json_path_key(p, sizeof p, path, "standards");
    for (const cJSON *r = stds ? stds->child : NULL; r; r = r->next, i++) {
        qc_json_path_index(q, sizeof q, p, i);
        if ((st = qc_json_check(r, standard_ref_fields, s->path, q, err))) return st;
        qc_study_standard *ss = qc_rules_push(&sp->standards, &sp->nstandards, sizeof *ss);
        if (!ss) return qc_error_set(err, QC_ENOMEM, "out of memory");
        ss->requested_id = (char *)qc_json_str(r, "id", "");
        const char *grade = qc_json_str(r, "grade", NULL);
        if (!(ss->standard = qc_rules_standard(rules, ss->requested_id, s->date)))
            FAIL("%s: %s.id: unknown standard \"%s\"%s", s->path, q, ss->requested_id,
                 did_you_mean(p, ss->requested_id, NEAR_STANDARD, rules, NULL));
        if (!grade && ss->standard->ngrades == 1) grade = ss->standard->grades[0].name;
        if (!grade) FAIL("%s: %s: standard \"%s\" has grades: name one in \"grade\"", s->path, q,
                         ss->standard->id);
        if (!(ss->grade = qc_standard_grade(ss->standard, grade)))
            FAIL("%s: %s.grade: standard \"%s\" has no grade \"%s\"%s", s->path, q,
                 ss->standard->id, grade, did_you_mean(p, grade, NEAR_GRADE, rules, ss->standard));
        for (size_t k = 0; k + 1 < sp->nstandards; k++)
            if (sp->standards[k].standard == ss->standard && sp->standards[k].grade == ss->grade)
                FAIL("%s: %s: listed twice", s->path, q);
        const cJSON *smp = cJSON_GetObjectItemCaseSensitive(r, "sampling");
        if (smp && (st = qc_study_sampling_load(smp, s->path, q, &ss->sampling, err))) return st;
    }
    const cJSON *pairs = cJSON_GetObjectItemCaseSensitive(e, "compare_standards");
    i = 0;
    qc_json_path_key(p, sizeof p, path, "compare_standards");
    for (const cJSON *pr = pairs ? pairs->child : NULL; pr; pr = pr->next, i++) {
        qc_json_path_index(q, sizeof q, p, i);
        if (!cJSON_IsArray(pr) || cJSON_GetArraySize(pr) != 2)
            FAIL("%s: %s: must be a pair [\"A[@GRADE]\", \"B[@GRADE]\"]", s->path, q);
        char side[512];
        for (int k = 0; k < 2; k++)
            if ((st = check_pair_side(rules, s, cJSON_GetArrayItem(pr, k),
                                      qc_json_path_index(side, sizeof side, q, k), err)))
                return st;
    }
    return QC_OK;
}

/* A cap in bytes on what the results reader takes (infile.h): a whole number >= 1. */
static qc_status byte_cap(const cJSON *doc, const char *key, size_t def, const char *file,
                          size_t *out, qc_error *err)
{
    double v = qc_json_num(doc, key, (double)def);
    if (!(v >= 1 && v <= 9007199254740992.0 && v == floor(v)))
        FAIL("%s: $.%s: must be a whole number of bytes, at least 1", file, key);
    *out = (size_t)v;
    return QC_OK;
}

static qc_status load_parameters(qc_study *s, const cJSON *doc, const qc_rules *rules,
                                 qc_error *err)
{
    const char *file = s->path, *v;
    qc_status st;
    s->alpha = qc_json_num(doc, "alpha", 0.05);
    s->confidence = qc_json_num(doc, "confidence", 0.95);
    s->equivalence_margin = qc_json_num(doc, "equivalence_margin", 0.05);
    if (!(s->alpha > 0 && s->alpha < 1)) FAIL("%s: $.alpha: must lie strictly between 0 and 1", file);
    if (!(s->confidence > 0 && s->confidence < 1))
        FAIL("%s: $.confidence: must lie strictly between 0 and 1", file);
    if (!(s->equivalence_margin > 0)) FAIL("%s: $.equivalence_margin: must be positive", file);
    s->censored_max_share = qc_json_num(doc, "censored_max_share", 0.5);
    if (!(s->censored_max_share >= 0 && s->censored_max_share <= 1))
        FAIL("%s: $.censored_max_share: must lie between 0 and 1", file);
    if ((st = byte_cap(doc, "max_field_bytes", QC_MAX_FIELD_BYTES, file, &s->max_field_bytes, err)) ||
        (st = byte_cap(doc, "max_record_bytes", QC_MAX_RECORD_BYTES, file, &s->max_record_bytes, err)))
        return st;
    if ((st = choice(doc, "replicates", file, "$", &s->replicates, err)) ||
        (st = choice(doc, "method_mismatch", file, "$", &s->method_mismatch, err)) ||
        (st = choice(doc, "censored", file, "$", &s->censored, err)))
        return st;
    if ((st = choice(doc, "multiple_testing", file, "$", &v, err))) return st;
    s->multiple_testing = strcmp(v, "holm") == 0 ? QC_PADJ_HOLM
                          : strcmp(v, "bh") == 0 ? QC_PADJ_BH : QC_PADJ_NONE;
    if ((st = choice(doc, "proportion_ci", file, "$", &v, err))) return st;
    s->proportion_ci = strcmp(v, "wilson") == 0 ? QC_CI_WILSON : QC_CI_CLOPPER_PEARSON;
    s->factor = qc_json_str(doc, "factor", NULL);
    if ((st = choice(doc, "judge", file, "$", &v, err))) return st;
    s->judge_tested = strcmp(v, "tested") == 0;

    const cJSON *dr = cJSON_GetObjectItemCaseSensitive(doc, "decision_rule");
    s->rule = QC_RULE_SIMPLE;
    s->rule_r = 1.0;
    if (dr) {
        if ((st = qc_json_check(dr, rule_fields, file, "$.decision_rule", err))) return st;
        const char *kind = qc_json_str(dr, "kind", "");
        size_t k = 0;
        while (k < NRULES && strcmp(rule_names[k], kind) != 0) k++;
        if (k == NRULES) FAIL("%s: $.decision_rule.kind: \"%s\" is not one of simple, guarded, "
                              "ilac-nonbinary, guarded-rejection", file, kind);
        s->rule = (qc_rule_kind)k;
        s->rule_r = qc_json_num(dr, "r", 1.0);
        if (!(s->rule_r >= 0)) FAIL("%s: $.decision_rule.r: must be non-negative", file);
    }
    const cJSON *cap = cJSON_GetObjectItemCaseSensitive(doc, "capability");
    if (cap && (st = qc_json_check(cap, capability_fields, file, "$.capability", err))) return st;
    const char *sw = qc_json_str(cap, "sigma_within", "pooled");
    if (strcmp(sw, "pooled") && strcmp(sw, "rbar_d2") && strcmp(sw, "sbar_c4"))
        FAIL("%s: $.capability.sigma_within: must be pooled, rbar_d2 or sbar_c4", file);
    char p[512], dym[300];
    const cJSON *du = cJSON_GetObjectItemCaseSensitive(doc, "default_uncertainty");
    for (const cJSON *e = du ? du->child : NULL; e; e = e->next) {
        qc_json_path_key(p, sizeof p, "$.default_uncertainty", e->string);
        if ((st = qc_json_check(e, uncertainty_fields, file, p, err))) return st;
        if (!qc_rules_indicator(rules, e->string))
            FAIL("%s: %s: unknown indicator \"%s\"%s", file, p, e->string,
                 did_you_mean(dym, e->string, NEAR_INDICATOR, rules, NULL));
    }
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(doc, "weights");
    for (const cJSON *e = w ? w->child : NULL; e; e = e->next) {
        qc_json_path_key(p, sizeof p, "$.weights", e->string);
        if ((st = qc_json_check_type(e, QC_JT_NUMBER, file, p, err))) return st;
        if (!qc_rules_indicator(rules, e->string))
            FAIL("%s: %s: unknown indicator \"%s\"%s", file, p, e->string,
                 did_you_mean(dym, e->string, NEAR_INDICATOR, rules, NULL));
        if (!(e->valuedouble > 0)) FAIL("%s: %s: a weight must be positive", file, p);
    }
    const cJSON *mk = cJSON_GetObjectItemCaseSensitive(doc, "markets");
    int i = 0;
    for (const cJSON *e = mk ? mk->child : NULL; e; e = e->next, i++)
        if ((st = qc_json_check_type(e, QC_JT_STRING, file,
                                     qc_json_path_index(p, sizeof p, "$.markets", i), err)))
            return st;
    return QC_OK;
}


qc_status qc_study_from_json(void *json, const char *path, const char *sha256,
                             const qc_rules *rules, qc_study **out, qc_error *err)
{
    cJSON *doc = json;
    qc_study *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        cJSON_Delete(doc);
        return qc_error_set(err, QC_ENOMEM, "out of memory");
    }
    snprintf(s->sha256, sizeof s->sha256, "%s", sha256 ? sha256 : "");
    s->json = doc;
    qc_status st = qc_json_check(doc, study_fields, path, "$", err);
    if (!st) {
        s->id = qc_json_str(doc, "id", "");
        s->title = qc_json_str(doc, "title", "");
        s->date = qc_json_str(doc, "date", "");
        if (!qc_json_is_date(s->date))
            st = qc_error_set(err, QC_ERULES, "%s: $.date: not a YYYY-MM-DD date", path);
    }
    if (!st) st = load_parameters(s, doc, rules, err);
    if (!st) st = load_results(s, doc, err);
    if (!st) st = load_groups(s, doc, err);
    const cJSON *prods = cJSON_GetObjectItemCaseSensitive(doc, "products");
    int i = 0;
    char p[512];
    if (!st && cJSON_GetArraySize(prods) == 0)
        st = qc_error_set(err, QC_ERULES, "%s: $.products: lists no product", path);
    if (!st && !(s->slot = calloc(rules->nproducts + 1, sizeof *s->slot)))
        st = qc_error_set(err, QC_ENOMEM, "out of memory");
    for (const cJSON *e = prods ? prods->child : NULL; !st && e; e = e->next, i++)
        st = load_product(rules, s, e, qc_json_path_index(p, sizeof p, "$.products", i), err);
    if (st) { qc_study_free(s); return st; }
    *out = s;
    return QC_OK;
}

qc_status qc_study_set_encoding(qc_study *s, const char *encoding, qc_error *err)
{
    static const char *const known[] = {"utf-8", "gb18030", "gbk"};
    for (size_t i = 0; i < 3; i++)
        if (strcasecmp(known[i], encoding) == 0) {
            s->encoding_override = known[i];
            for (size_t f = 0; f < s->nresults; f++) s->results[f].encoding = (char *)known[i];
            return QC_OK;
        }
    return qc_error_set(err, QC_EUSAGE, "--encoding: \"%s\" is not one of utf-8, gb18030, gbk",
                        encoding);
}

qc_status qc_study_load(const char *path, const qc_rules *rules, qc_study **out, qc_error *err)
{
    cJSON *doc = NULL;
    char sha[65];
    qc_status st = qc_json_load(path, &doc, sha, err);
    if (st) return st;
    return qc_study_from_json(doc, path, sha, rules, out, err);
}

qc_status qc_study_load_scoped(const char *dir, const char *path, qc_rules **rules,
                               qc_study **out, int *stage, qc_error *err)
{
    cJSON *doc = NULL, *copy = NULL;
    char sha[65];
    qc_error serr = {0};
    *rules = NULL;
    *stage = 0;
    qc_status st = qc_json_load(path, &doc, sha, &serr);
    if (st) {  /* as before: the whole library first (its error wins), then the study's */
        if ((st = qc_rules_load(dir, rules, err))) return st;
        *stage = 1;
        *err = serr;
        return serr.status;
    }
    /* standard input cannot be read twice: a copy for the whole load below */
    if (strcmp(path, "-") == 0 && !(copy = cJSON_Duplicate(doc, 1))) {
        cJSON_Delete(doc);
        return qc_error_set(err, QC_ENOMEM, "out of memory");
    }
    if ((st = qc_rules_load_study(dir, doc, rules, err))) {
        cJSON_Delete(doc);
        cJSON_Delete(copy);
        return st;
    }
    *stage = 1;
    st = qc_study_from_json(doc, path, sha, *rules, out, err);
    if (!st || !(*rules)->nskipped) {
        cJSON_Delete(copy);
        return st;
    }
    /* a bad study: its error as the whole library gives it (the nearest of all ids) */
    qc_rules_free(*rules);
    *rules = NULL;
    *stage = 0;
    if ((st = qc_rules_load(dir, rules, err))) { cJSON_Delete(copy); return st; }
    *stage = 1;
    if (copy) return qc_study_from_json(copy, path, sha, *rules, out, err);
    return qc_study_load(path, *rules, out, err);
}

const qc_study_product *qc_study_product_of(const qc_study *s, const qc_rules *rules,
                                            const qc_product *p)
{
    uint32_t k = s->slot ? s->slot[p - rules->products] : 0;
    return k ? &s->products[k - 1] : NULL;
}

void qc_study_free(qc_study *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->nresults; i++) free(s->results[i].path);
    for (size_t i = 0; i < s->nproducts; i++) free(s->products[i].standards);
    free(s->results); free(s->products); free(s->slot); free(s->subject); free(s->reference);
    cJSON_Delete(s->json);
    free(s->path);
    free(s);
}

int qc_study_role(const qc_study *s, const char *group)
{
    for (size_t i = 0; i < s->nsubject; i++)
        if (strcmp(s->subject[i], group) == 0) return 0;
    for (size_t i = 0; i < s->nreference; i++)
        if (strcmp(s->reference[i], group) == 0) return 1;
    return 2;
}

void *qc_study_effective_json(const qc_study *s)
{
    cJSON *o = cJSON_Duplicate(s->json, 1);
    if (!o) return NULL;
    static const struct { const char *key; const char *def; } defaults[] = {
        {"title", ""}, {"layout", "long"}, {"encoding", "utf-8"}, {"delimiter", ","},
        {"replicates", "individual"}, {"method_mismatch", "flag"}, {"censored", "km"},
        {"multiple_testing", "holm"}, {"proportion_ci", "clopper-pearson"}};
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        if (!cJSON_GetObjectItemCaseSensitive(o, defaults[i].key))
            cJSON_AddStringToObject(o, defaults[i].key, defaults[i].def);
    if (!cJSON_GetObjectItemCaseSensitive(o, "alpha")) cJSON_AddNumberToObject(o, "alpha", s->alpha);
    if (!cJSON_GetObjectItemCaseSensitive(o, "confidence"))
        cJSON_AddNumberToObject(o, "confidence", s->confidence);
    if (!cJSON_GetObjectItemCaseSensitive(o, "equivalence_margin"))
        cJSON_AddNumberToObject(o, "equivalence_margin", s->equivalence_margin);
    if (!cJSON_GetObjectItemCaseSensitive(o, "censored_max_share"))
        cJSON_AddNumberToObject(o, "censored_max_share", s->censored_max_share);
    if (!cJSON_GetObjectItemCaseSensitive(o, "decision_rule")) {
        cJSON *dr = cJSON_AddObjectToObject(o, "decision_rule");
        cJSON_AddStringToObject(dr, "kind", "simple");
    }
    if (!cJSON_GetObjectItemCaseSensitive(o, "groups")) {
        cJSON *g = cJSON_AddObjectToObject(o, "groups");
        cJSON_AddStringToObject(g, "column", s->group_column);
        cJSON_AddStringToObject(g, "subject", s->subject[0]);
        cJSON_AddStringToObject(g, "reference", s->reference[0]);
    }
    static const char *const empty_objects[] = {"columns", "where"};
    for (size_t i = 0; i < 2; i++)
        if (!cJSON_GetObjectItemCaseSensitive(o, empty_objects[i]))
            cJSON_AddObjectToObject(o, empty_objects[i]);
    if (!cJSON_GetObjectItemCaseSensitive(o, "markets")) cJSON_AddArrayToObject(o, "markets");
    if (s->encoding_override) {  /* --encoding: the effective encoding of every file */
        cJSON_ReplaceItemInObjectCaseSensitive(o, "encoding", cJSON_CreateString(s->encoding_override));
        const cJSON *res = cJSON_GetObjectItemCaseSensitive(o, "results");
        for (cJSON *e = res ? res->child : NULL; e; e = e->next)
            if (cJSON_GetObjectItemCaseSensitive(e, "encoding"))
                cJSON_ReplaceItemInObjectCaseSensitive(e, "encoding", cJSON_CreateString(s->encoding_override));
    }
    return o;
}
