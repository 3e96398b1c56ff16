/* report.h — the gap analysis JSON (DESIGN §6): builders that turn computed summaries into the
 * document with the fixed output names, and the one writer (atomic, round-trip numbers, no NaN
 * or Inf: a value that cannot be computed is null with a note). */
#ifndef QCOMPARE_REPORT_H
#define QCOMPARE_REPORT_H

#include <cjson/cJSON.h>
#include "assess.h"
#include "compare.h"
#include "posthoc.h"
#include "results.h"
#include "stats.h"
#include "study.h"

#define QC_SCHEMA "qcompare/gap-analysis/1"

typedef struct qc_report {
    cJSON *root, *products, *notes;
    const qc_results *res;
} qc_report;

/* Keys of a group summary that can be null for a stated reason (qc_group_summary.why). */
enum { QC_GW_MEAN, QC_GW_SD, QC_GW_CV, QC_GW_MEDIAN, QC_GW_Q1, QC_GW_Q3, QC_GW_MIN, QC_GW_MAX,
       QC_GW_CI, QC_GW_N };

/* A group's summary as the analysis computed it. */
typedef struct qc_group_summary {
    const char *group;
    int role;                  /* 0 subject, 1 reference, 2 other */
    qc_describe d;             /* by the study's `censored` policy (Kaplan–Meier, ROS, or the
                                * values after substitution or exclusion) */
    size_t n_missing, n_censored;
    double ci_lo, ci_hi;       /* mean_ci */
    const char *censored_method;  /* "none" (no censored result) or the study's policy */
    double censored_share;     /* censored / non-missing results */
    double mean_se;            /* Kaplan–Meier's standard error of the mean (NaN: not written) */
    const char *flag;          /* "censored_substitution", "censored_excluded" or NULL */
    char all_censored[128];    /* "all < 5 mg/kg" when no result is detected, else "" */
    char why[QC_GW_N][160];    /* why a key is null ("": the generic reason) */
} qc_group_summary;

/* A group's shape statistics (NaN where undefined). */
typedef struct qc_group_shape {
    qc_anderson_darling ad;
    double sw_w, sw_p;
    qc_grubbs grubbs;
    const char *suspect;       /* sample_id of Grubbs' suspect (NULL when none) */
    uint32_t suspect_line;
    const char *suspect_file;  /* and the file of its result (its origin, with provenance) */
    double iqr, mad;
    qc_algorithm_a alg_a;
    const char *why;           /* when set, the reason for every null (e.g. censored results) */
} qc_group_shape;

/* Starts the document: schema, engine, study (effective keys), inputs (files, rejections). */
qc_status qc_report_begin(qc_report *rep, const qc_study *s, const qc_rules *rules,
                          const qc_results *res, qc_error *err);
/* Adds a note (notes[]) */
void qc_report_note(qc_report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Adds key: x, or key: null and a note naming `where` when x is not finite. */
void qc_report_number(qc_report *rep, cJSON *obj, const char *key, double x, const char *where);
/* The same with the reason for a null given. */
void qc_report_number_why(qc_report *rep, cJSON *obj, const char *key, double x,
                          const char *where, const char *why);
/* Adds key: [lo, hi], or null with a note. */
void qc_report_interval(qc_report *rep, cJSON *obj, const char *key, double lo, double hi,
                        const char *where);

cJSON *qc_report_product(qc_report *rep, const qc_product *p);
cJSON *qc_report_indicator(cJSON *product, const qc_indicator *ind);
cJSON *qc_report_group(qc_report *rep, cJSON *indicator, const qc_group_summary *g,
                       const char *where);
cJSON *qc_report_conformity(qc_report *rep, cJSON *group, const qc_study_standard *ss,
                            const qc_limit_set *set, const qc_conformity *c, const char *unit,
                            const qc_study *s, const char *where);
/* normality{…}, outliers{…}, robust{…} of a group of n values (statistics.c). */
void qc_report_shape(qc_report *rep, cJSON *group, const qc_group_shape *sh, size_t n,
                     const char *where);
/* capability{…} of a conformity entry: Pp/Ppk from overall, Cp/Cpk from within (NULL when
 * the results have no batches); null with why as the note when overall is NULL. An overall
 * with sigma 0 (constant values) gives only the observed ppm, the indices null with why. */
void qc_report_capability(qc_report *rep, cJSON *conformity, const qc_capability *overall,
                          const qc_capability *within, const char *why, const char *where);

/* Several-group tests across the levels of the study's factor column. */
typedef struct qc_factor_result {
    const char *column;
    size_t nlevels;
    const uint32_t *level_ids; /* interned level names, sorted */
    const size_t *sizes;       /* values per level */
    const double *values;      /* the values, level by level */
    const qc_intern *strings;  /* level names */
    qc_anova anova;
    qc_welch_anova welch;
    qc_kruskal kruskal;
    const char *why;           /* when set, why factor is null */
    /* post-hoc, every pair of levels (QC_NPAIRS(nlevels) each, NULL when not computed, then
     * posthoc_why says why) */
    const qc_pairwise *tukey, *games_howell;
    const char *posthoc_why;
} qc_factor_result;
/* indicator.factor{column, levels[{level, n, mean}], anova, welch_anova, kruskal_wallis,
 * tukey[], games_howell[]}. */
void qc_report_factor(qc_report *rep, cJSON *indicator, const qc_factor_result *f,
                      int column_found, const char *where);
/* indicator.comparison{…} (comparison.c): the gap, Welch, Student, Mann–Whitney, Hedges g,
 * variance, TOST, for censored results peto_prentice and detection_frequency, p_adjusted, the
 * verdict and its basis; each null with the reason g gives (or the generic one). */
void qc_report_comparison(qc_report *rep, cJSON *indicator, const char *subject,
                          const char *reference, const qc_gap *g, const char *where);
/* The fields of a comparison into an existing object o; w names it in the notes. */
void qc_report_comparison_fill(qc_report *rep, cJSON *o, const char *subject,
                               const char *reference, const qc_gap *g, const char *w);

/* ---- multiple comparisons (multcomp.c) ---- */
/* key[]: one {a, b, difference, ci_low, ci_high, p_value} per pair, a and b the level names
 * (difference = mean of a − mean of b); a non-finite value is null with a note. */
void qc_report_pairs(qc_report *rep, cJSON *parent, const char *key, const qc_pairwise *pairs,
                     size_t npairs, const char *const *names, const char *where);

/* ---- lot acceptance (sampling.c) ---- */
typedef struct qc_lot {
    size_t samples;                 /* distinct sample ids judged */
    size_t nonconforming;           /* samples with a failing result */
    size_t undecided;               /* other samples with a result not decided pass or fail */
    const uint32_t *nonconforming_ids;  /* interned sample ids, sorted */
    size_t nids;
} qc_lot;
/* entry.sampling{lot_size, inspection_level, aql, severity, table, code_letter,
 * plan_code_letter, n, ac, re, hundred_percent, samples, nonconforming, undecided,
 * nonconforming_samples[], lot_decision, oc_curve[{fraction_nonconforming, p_accept}]}:
 * accept when nonconforming + undecided <= Ac, reject when nonconforming >= Re, else
 * not_decidable (with a note). */
void qc_report_sampling(qc_report *rep, cJSON *entry, const qc_study_sampling *s,
                        const qc_lot *lot, const char *where);

/* products[].market_access[] entry for one group and market (access.c). */
void qc_report_market(cJSON *product, const char *group, const qc_market_access *m);
/* The counts of t by decision class (pass, conditional_pass, conditional_fail, fail,
 * not_decidable) added to o. */
void qc_report_decisions(cJSON *o, const qc_tally *t);

/* Adds to inputs.files[] each results file's layout and encoding (and a wide file's
 * context_columns and indicator_columns), and the replicates note (inputs.c). */
qc_status qc_report_results_inputs(const qc_results *r, cJSON *doc);
/* The replicates note of m into buf; 0 (nothing written) when replicates "mean" was not
 * asked for. */
int qc_report_replicates_note(const qc_merge_counts *m, char *buf, size_t size);
/* Reads such a note back into *m: 1 when text is one, word for word, else 0. */
int qc_report_replicates_parse(const char *text, qc_merge_counts *m);

/* Serialises doc (pretty, deterministic) to path atomically (temp file + rename), or to stdout
 * when path is NULL. QC_EIO when the path cannot be written; no partial file is left. */
qc_status qc_report_write(const cJSON *doc, const char *path, qc_error *err);

/* The same output written in pieces: open (path NULL or "-": stdout), put text, then close
 * with commit 1 (a final newline, flush and rename into place) or 0 (abandon: the target is
 * left as it was). */
typedef struct qc_report_out qc_report_out;
qc_status qc_report_out_open(const char *path, qc_report_out **out, qc_error *err);
qc_status qc_report_out_put(qc_report_out *o, const char *text, size_t len, qc_error *err);
qc_status qc_report_out_close(qc_report_out *o, int commit, qc_error *err);
/* Writes exactly len bytes to path atomically as above (no final newline added; path NULL or
 * "-": stdout), e.g. a report file of another format (render.h). */
qc_status qc_report_write_bytes(const char *path, const void *data, size_t len, qc_error *err);

/* Pieces of a document written in parts (stream.c). Where products[] opens in a printed root
 * (just past its '['), or NULL: a root printed with products[] empty splits there into the
 * text before the products and the text after them. */
const char *qc_report_products_open(const char *text);
/* One element of the root's products[] as cJSON_Print of the root prints it (two tabs deeper
 * than on its own), after sep (", " between elements; NULL or "" before the first); malloc'd,
 * its length in *len; NULL when out of memory. */
char *qc_report_print_item(const cJSON *item, const char *sep, size_t *len);

/* item as cJSON_Print prints it (formatted, byte for byte), at depth (0 for a root; each
 * enclosing object or array adds one), after sep (NULL: none): malloc'd, NUL-terminated, its
 * length in *len (len may be NULL); NULL when out of memory or item is invalid (print.c). */
char *qc_report_print(const cJSON *item, int depth, const char *sep, size_t *len);
/* The same into the caller's buffer *buf of *cap bytes (NULL and 0 at first; grown with
 * realloc, the caller frees it): 0, or −1 when out of memory or item is invalid. */
int qc_report_print_to(char **buf, size_t *cap, const cJSON *item, int depth, const char *sep,
                       size_t *len);
/* The text of a number item as cJSON_Print (1.7.15) writes it (number.c): "%1.15g" when that
 * reads back within a relative DBL_EPSILON, else "%1.17g"; null for NaN and ±Inf. buf holds
 * QC_REPORT_NUMBER_MAX bytes; returns the length. */
#define QC_REPORT_NUMBER_MAX 26
int qc_report_format_number(double d, char *buf);

#endif
