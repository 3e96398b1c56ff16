/* study.h — the study file (DESIGN §4.3): which results, which products against which
 * standards, group roles and parameters. Every normative key is validated when loaded, even
 * those whose analysis comes in a later release; unknown keys are errors. */
#ifndef QCOMPARE_STUDY_H
#define QCOMPARE_STUDY_H

#include <stddef.h>
#include <stdint.h>
#include "rules.h"
#include "sampling.h"

typedef struct qc_results_spec {
    char *path;         /* resolved against the study's directory */
    char *layout, *encoding;
    char delimiter;
} qc_results_spec;

/* Lot acceptance by attributes for a listed standard (GB/T 2828.1-2012, single sampling). */
typedef struct qc_study_sampling {
    int on;                        /* 0: the study gives no `sampling` for this standard */
    unsigned long lot_size;
    qc_inspection_level level;     /* default II */
    double aql;                    /* percent nonconforming, one of the preferred values <= 10 */
    qc_severity severity;          /* default normal */
    qc_sampling_plan plan;         /* found when the study is loaded */
} qc_study_sampling;

typedef struct qc_study_standard {
    const qc_standard *standard;
    const qc_grade *grade;   /* the grade named, or the standard's only grade */
    char *requested_id;      /* as written in the study */
    qc_study_sampling sampling;
} qc_study_standard;

typedef struct qc_study_product {
    const qc_product *product;
    qc_study_standard *standards;
    size_t nstandards;
} qc_study_product;

typedef enum {
    QC_RULE_SIMPLE = 0, QC_RULE_GUARDED, QC_RULE_NONBINARY,
    QC_RULE_GUARDED_REJECTION   /* ILAC G8 §4.2.3: fail only beyond the limit by more than r·U */
} qc_rule_kind;
typedef enum { QC_CI_CLOPPER_PEARSON = 0, QC_CI_WILSON } qc_prop_ci;

typedef struct qc_study {
    char *path, sha256[65];
    const char *id, *title, *date;
    qc_results_spec *results;
    size_t nresults;
    const char *group_column;
    const char **subject, **reference;  /* group values of each role */
    size_t nsubject, nreference;
    int compare_each;                   /* groups.compare = each: one comparison per subject
                                         * value against the pooled reference; else pooled */
    qc_study_product *products;
    size_t nproducts;
    uint32_t *slot;                     /* per product of the rules (its index): 1 + its place
                                         * in products, 0 when the study does not list it */
    qc_rule_kind rule;
    double rule_r;
    double alpha, confidence;
    qc_prop_ci proportion_ci;
    int multiple_testing;               /* qc_padjust_method */
    const char *censored, *method_mismatch, *replicates, *factor;
    int judge_tested;                   /* judge = tested: the verdict per standard over the
                                         * tested limits only (仅对所检项目判定); default all */
    double equivalence_margin;
    double censored_max_share;          /* above it, a group's mean is not compared (issue 12) */
    size_t max_field_bytes, max_record_bytes;  /* caps of the results reader (infile.h) */
    void *json;                         /* the parsed study (owned) */
    const char *encoding_override;      /* set by qc_study_set_encoding, else NULL */
} qc_study;

/* Loads path and validates it against the rules (standards, grades, products). */
qc_status qc_study_load(const char *path, const qc_rules *rules, qc_study **out,
                        qc_error *err);
/* Loads the study at path and what it needs of the rules directory dir (qc_rules_load_study:
 * every dictionary file, only the standard files the study uses). Errors are those of
 * qc_rules_load then qc_study_load: the whole library is loaded when the study cannot be read
 * or does not validate. *stage: 0 when the rules failed, 1 when the study did. */
qc_status qc_study_load_scoped(const char *dir, const char *path, qc_rules **rules,
                               qc_study **out, int *stage, qc_error *err);
/* The same from a parsed document (owned by the study afterwards, freed on error too). */
qc_status qc_study_from_json(void *json, const char *path, const char *sha256,
                             const qc_rules *rules, qc_study **out, qc_error *err);
void qc_study_free(qc_study *s);
/* The study's entry for product p of the rules it was loaded with, or NULL. */
const qc_study_product *qc_study_product_of(const qc_study *s, const qc_rules *rules,
                                            const qc_product *p);

/* Reads every results file in encoding ("utf-8", "gb18030", "gbk"; case-insensitive) whatever
 * the study says (the command's --encoding); the study echo shows it. QC_EUSAGE for another. */
qc_status qc_study_set_encoding(qc_study *s, const char *encoding, qc_error *err);

/* The study with every key at its effective value (defaults filled in), for the output. */
void *qc_study_effective_json(const qc_study *s);

/* Role of a group value: 0 subject, 1 reference, 2 other. */
int qc_study_role(const qc_study *s, const char *group);
const char *qc_study_rule_name(qc_rule_kind k);

#endif
