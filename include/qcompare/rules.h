/* rules.h — the rules library (DESIGN §4.2): indicator dictionary, products, units and
 * standards, loaded from a rules directory, validated, and looked up case-sensitively. */
#ifndef QCOMPARE_RULES_H
#define QCOMPARE_RULES_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "units.h"

typedef enum { QC_DIR_HIGHER = 0, QC_DIR_LOWER, QC_DIR_NOMINAL } qc_direction;
typedef enum { QC_APPLIES_INDIVIDUAL = 0, QC_APPLIES_MEAN, QC_APPLIES_MEDIAN } qc_applies;

typedef struct qc_text { char *en, *zh; } qc_text;

typedef struct qc_indicator {
    char *id;
    qc_text name;
    char *unit;            /* "" for dimensionless */
    qc_direction direction;
    char **aliases;
    size_t naliases;
} qc_indicator;

typedef struct qc_product {
    char *id;
    qc_text name;
    char *industry;
} qc_product;

/* A condition on a context column selecting a piece of a piecewise limit. */
typedef struct qc_condition {
    char *column;
    double min, max;  /* inclusive bounds, NaN when absent */
    char *equals;     /* exact text, NULL when absent */
} qc_condition;

/* One limit (or one piece of a piecewise limit). Bounds are NaN when absent; a target with
 * tolerances is stored as its bounds plus the target. */
typedef struct qc_limit {
    double min, max;
    int min_exclusive, max_exclusive;
    double target, warn_min, warn_max;
    char *unit;            /* the limit's unit ("" dimensionless) */
    qc_applies applies_to;
    qc_condition *when;
    size_t nwhen;
    char *method, *clause, *source;
    int confirmed;
    const void *json;      /* the limit's cJSON object, echoed in the output */
} qc_limit;

/* Every piece one standard (grade) sets for one indicator. */
typedef struct qc_limit_set {
    char *indicator;
    qc_limit *piece;
    size_t npieces;
} qc_limit_set;

typedef struct qc_grade {
    char *name;            /* "" for a standard without grades */
    char *inherits;        /* NULL or the grade whose limits this one takes */
    qc_limit_set *sets;
    size_t nsets;
} qc_grade;

typedef struct qc_standard {
    char *id, *kind, *status, *published, *effective, *superseded_by, *industry, *market;
    qc_text title;
    char **products;
    size_t nproducts;
    char **grade_order;
    size_t ngrade_order;
    qc_grade *grades;      /* a standard without grades has one grade named "" */
    size_t ngrades;
    char *path;            /* the file it came from */
    char sha256[65];
} qc_standard;

typedef struct qc_rules_file { char *path, *role, sha256[65]; } qc_rules_file;

typedef struct qc_rules {
    char *dir;
    qc_indicator *indicators; size_t nindicators;
    qc_product *products;     size_t nproducts;
    qc_standard *standards;   size_t nstandards;   /* sorted by id */
    qc_units *units;
    qc_rules_file *files;     size_t nfiles;       /* every file read, for inputs.files */
    void *docs;               /* the parsed JSON documents (owned) */
    struct qc_rules_index *index;  /* lookups by id (index.c, owned) */
} qc_rules;

/* Finds the rules directory: explicit (--rules), else $QCOMPARE_RULES, else the installed data
 * directory, else ./rules. Returns a pointer to a static or given string. */
const char *qc_rules_locate(const char *explicit_dir);

/* Loads and validates every file of a rules directory: indicators.json, products.json,
 * units.json (optional) and standards/ (all *.json below it). */
qc_status qc_rules_load(const char *dir, qc_rules **out, qc_error *err);
void qc_rules_free(qc_rules *r);

/* An empty rules library (units database loaded), to add files to one by one. */
qc_status qc_rules_new(qc_rules **out, qc_error *err);
/* Adds one file of a kind: "units", "dictionary", "products" or "standard". */
qc_status qc_rules_add_file(qc_rules *r, const char *path, const char *kind, qc_error *err);

/* Loads one standard file into r (used by the loader and by `validate FILE`). */
qc_status qc_rules_add_standard_file(qc_rules *r, const char *path, qc_error *err);

/* Lookups (case-sensitive). The indicator by id or alias; NULL when unknown. */
const qc_indicator *qc_rules_indicator(const qc_rules *r, const char *name);
const qc_product *qc_rules_product(const qc_rules *r, const char *id);
/* The standard with this exact id; or, for an id without a year, the edition in force at date
 * (effective <= date, not withdrawn, latest effective). NULL when none. */
const qc_standard *qc_rules_standard(const qc_rules *r, const char *id, const char *date);
/* The standard with exactly this id (NULL when none or id is NULL). */
const qc_standard *qc_rules_standard_exact(const qc_rules *r, const char *id);
/* The standards of kind "regulation", as ascending positions in r->standards. */
const uint32_t *qc_rules_regulations(const qc_rules *r, size_t *n);
const qc_grade *qc_standard_grade(const qc_standard *s, const char *grade);
/* The limits a grade sets for an indicator, following `inherits`; NULL when none. */
const qc_limit_set *qc_standard_limits(const qc_standard *s, const qc_grade *g,
                                       const char *indicator);

const char *qc_direction_name(qc_direction d);
/* 1 when id is one of the six industry ids of DESIGN §2. */
int qc_rules_is_industry(const char *id);

#endif
