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
    char **aliases;        /* other names a lab writes (optional in products.json) */
    size_t naliases;
} qc_product;

/* A condition on a context column selecting a piece of a piecewise limit. */
typedef struct qc_condition {
    char *column;
    double min, max;  /* inclusive bounds, NaN when absent */
    char *equals;     /* exact text, NULL when absent */
} qc_condition;

/* Decimal places of a number as written in its file ("5.0" -> 1, "49" -> 0, "1.5e2" -> -1);
 * QC_DP_UNKNOWN when not known (a number computed, not written). */
#define QC_DP_UNKNOWN (-1000)

/* A requirement a limit states on another indicator (`"derived"` of a limit): the limit's
 * bounds times `factor` (actual/nominal ratio × nominal value), bounds stated outright
 * (`min`/`max`: a strength class stated as cylinder and as cube strength), or the table another
 * grade sets for the indicator (`from`, "ID@GRADE": an IE class -> the efficiency table). */
typedef struct qc_derived {
    char *indicator;
    double factor;         /* NaN unless a factor */
    double min, max;       /* NaN unless stated */
    int min_exclusive, max_exclusive, min_dp, max_dp;
    char *unit;            /* of the derived bounds (the limit's unit for `from`) */
    char *from;            /* "ID@GRADE" or NULL */
    char *note;
} qc_derived;

/* One limit (or one piece of a piecewise limit). Bounds are NaN when absent; a target with
 * tolerances is stored as its bounds plus the target. A limit whose value is not encoded
 * (`"not_encoded": "why"`) has no bounds: the requirement exists, its value is unknown. */
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
    char *not_encoded;     /* NULL, or why the value is not encoded */
    int min_dp, max_dp;    /* decimals of min and max as written (QC_DP_UNKNOWN) */
    qc_derived *derived;   /* NULL, or the requirement this limit states on another indicator */
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
    char *withdrawn;       /* date of withdrawal, or NULL */
    qc_text title;
    char **products;
    size_t nproducts;
    char **grade_order;
    size_t ngrade_order;
    qc_grade *grades;      /* a standard without grades has one grade named "" */
    size_t ngrades;
    char *path;            /* the file it came from */
    char sha256[65];
    const void *json;      /* its parsed file (a cJSON object, owned by the library) */
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
    struct qc_methods *methods;    /* methods.json: declared (non-)equivalent methods, or NULL */
    void *column_aliases;          /* columns.json's "columns": a column's other headers (a
                                    * cJSON object of string arrays, borrowed), or NULL */
    char **skipped; size_t nskipped;  /* standard files of the directory a study's load did not
                                       * read (qc_rules_load_study), in path order (owned) */
    unsigned long long *skipped_ino;  /* each one's inode as the load's walk found it (0: not
                                       * known), or NULL: so that `analyze -o` can tell the
                                       * output is none of them without a stat each (owned) */
} qc_rules;

/* Finds the rules directory, first found wins: explicit_dir (--rules) when not NULL; else
 * $QCOMPARE_RULES when set and not empty; else the rules installed beside the running program
 * (BINDIR/../share/qcompare/rules, so an installed tree may be moved); else the data directory
 * configured at build time (${prefix}/share/qcompare/rules); else "rules" (the working
 * directory's, as in a source checkout). The installed directories count only when they hold
 * indicators.json. Returns explicit_dir, the environment's string, or a static string. */
const char *qc_rules_locate(const char *explicit_dir);

/* Loads and validates every file of a rules directory: indicators.json, products.json,
 * units.json (optional) and standards/ (all *.json below it). */
qc_status qc_rules_load(const char *dir, qc_rules **out, qc_error *err);

/* The rules a study (its parsed JSON) needs of a rules directory (catalog.c; docs/design.md,
 * "Rules a study uses"): every dictionary file, and of the standard files only those that name
 * one of the study's products, that the study names (by id, or by an id without its year:
 * every edition), and, again and again, their successors (superseded_by), the other editions
 * of their ids and the tables their derived limits name. The rest are listed in r->skipped.
 * Every section of the analysis then sees what a whole load would give it. What the standard
 * files declare is kept in a cache ($QCOMPARE_CACHE) from a run that loaded and validated the
 * whole library; without a valid cache entry for the directory as it is now (names, sizes,
 * times of every file), the whole library is loaded, validated and cut down. */
qc_status qc_rules_load_study(const char *dir, const void *study_json, qc_rules **out,
                              qc_error *err);
/* Which files of a whole library (loaded by qc_rules_load) a study needs: used[i] for
 * r->files[i], 1 or 0; what qc_rules_load_study would list. */
qc_status qc_rules_study_files(const qc_rules *r, const void *study_json, char *used);
void qc_rules_free(qc_rules *r);

/* An empty rules library (units database loaded), to add files to one by one. */
qc_status qc_rules_new(qc_rules **out, qc_error *err);
/* Adds one file of a kind: "units", "dictionary", "products", "standard", "methods" or
 * "columns". */
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

/* Whether two test methods of an indicator are declared equivalent in methods.json: 1
 * equivalent, 0 not equivalent, -1 not declared (or the same method: 1). *why: the entry's
 * reason (or NULL). */
int qc_rules_methods_equivalent(const qc_rules *r, const char *indicator, const char *m1,
                                const char *m2, const char **why);
/* Loads rules/methods.json into r (the loader does it when the file exists). */
qc_status qc_rules_load_methods(qc_rules *r, const char *path, qc_error *err);
/* Checks every `derived.from` of the library names a standard and grade that set the derived
 * indicator (run by the loader once all standards are read). */
qc_status qc_rules_check_derived(const qc_rules *r, qc_error *err);

/* 1 when s begins with an edition year: "-2018", ":2015", ":2005+A3:2016" ("-" or ":", four
 * digits, then no digit); what follows an id without its year in the id of an edition. */
int qc_rules_is_edition(const char *s);

const char *qc_direction_name(qc_direction d);
/* 1 when id is one of the six industry ids of DESIGN §2. */
int qc_rules_is_industry(const char *id);

#endif
