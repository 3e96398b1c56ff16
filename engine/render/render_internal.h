/* render_internal.h — shared by the files of engine/render/: the string buffer, the accessor
 * layer over the analysis JSON (access.c), the words of each language (lang.c), number
 * formatting (num.c), the format-neutral document model that the section builders fill and
 * the html and md renderers print (doc.c, sections*.c), the tidy tables the csv and xlsx
 * renderers write (tidy.c), and the SVG charts (svg.c, charts.c). Not installed. */
#ifndef QC_RENDER_INTERNAL_H
#define QC_RENDER_INTERNAL_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "qcompare/render.h"

/* ---- growable string (buf.c); oom is sticky: every later call does nothing ---- */
typedef struct qc_sb { char *s; size_t n, cap; int oom; } qc_sb;
void sb_putn(qc_sb *b, const char *s, size_t n);
void sb_put(qc_sb *b, const char *s);
void sb_printf(qc_sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text escaped for HTML/XML (&, <, >, ", '). */
void sb_xml(qc_sb *b, const char *s);
/* A copy of the buffer's text ("" when empty); NULL when out of memory. */
char *sb_take(qc_sb *b);
/* strdup that tolerates NULL (gives NULL). */
char *qc_rstrdup(const char *s);
/* Display width of UTF-8 text: East Asian wide characters count 2 (for column widths). */
size_t qc_text_width(const char *s);

/* ---- accessor layer (access.c): a missing key, a wrong type or null give "absent" ---- */
/* The value at a dotted path of object keys ("comparison.welch.p_value"), or NULL. */
const cJSON *qc_rj(const cJSON *o, const char *path);
/* 1 and *x when the value at path is a number (the JSON holds no NaN or Inf). */
int qc_rj_num(const cJSON *o, const char *path, double *x);
/* The string at path, or NULL. */
const char *qc_rj_str(const cJSON *o, const char *path);
/* The array at path, or NULL; its first element (NULL when empty or absent). */
const cJSON *qc_rj_arr(const cJSON *o, const char *path);
const cJSON *qc_rj_first(const cJSON *o, const char *path);
int qc_rj_len(const cJSON *o, const char *path);
/* 1 true, 0 false, -1 absent. */
int qc_rj_bool(const cJSON *o, const char *path);
/* name.zh or name.en (the other as fallback), else the id at id_key, else "". */
const char *qc_rj_name(const cJSON *o, qc_lang lang, const char *id_key);
/* The element of array arr whose key equals value, or NULL. */
const cJSON *qc_rj_find(const cJSON *arr, const char *key, const char *value);
/* The pooled n, mean and sd of the groups of an indicator with a role ("subject",
 * "reference"), or of the one group named group (role then ignored); 0 when none has n and
 * mean. Several groups pool as one sample would (the engine pools a role's values). */
int qc_rj_pool(const cJSON *indicator, const char *role, const char *group, double *n,
               double *mean, double *sd);
/* Iterate an array at a path: for (const cJSON *e = qc_rj_first(o, "x"); e; e = e->next) */

/* ---- words (lang.c): one table per language, keyed by a dotted id ---- */
/* The text of key in lang; the key itself when neither table has it (never NULL). */
const char *qc_tr(qc_lang lang, const char *key);
/* A value word of the analysis (a verdict, a decision, a status): the text of "ns.word",
 * else the word as written. */
const char *qc_trw(qc_lang lang, const char *ns, const char *word);
/* For tests: the tables (keys sorted; both languages have the same keys). */
typedef struct qc_word { const char *key, *text; } qc_word;
const qc_word *qc_words(qc_lang lang, size_t *n);

/* ---- numbers (num.c): short forms for people; round-trip forms for tables ---- */
#define QC_ABSENT "—"
/* 4 significant digits, no exponent from 1e-4 to 1e6 ("453", "21.77", "0.0012", "1.235e7"). */
void qc_num(qc_sb *b, double x);
void qc_num_sig(qc_sb *b, double x, int sig);
/* p-values as statisticians print them: "< 0.001", else 2 significant digits ("0.034"). */
void qc_pval(qc_sb *b, double p);
/* A fraction as a percentage, 3 significant digits, sign for gaps when signed ("+2.5 %"). */
void qc_pct(qc_sb *b, double frac, int signed_);
/* The shortest of %.15g, %.16g, %.17g that reads back to x (as cJSON prints numbers). */
void qc_num_exact(char out[32], double x);
/* Fixed-format number for SVG coordinates (2 decimals, no "-0"). */
void qc_coord(qc_sb *b, double x);

/* The text of a limit object ("≥ 400 MPa", "74 ± 0.05 mm", "mean ≤ 0.5 %") or of an array of
 * pieces with their `when` ("≥ 16 % (nominal_diameter 6–25); …"). */
void qc_limit_text(qc_sb *b, const cJSON *limit, qc_lang lang);
/* 1 when some piece of the limit has "confirmed": false. */
int qc_limit_unconfirmed(const cJSON *limit);
/* 1 for a product-standard flag that says the edition is not the one in force at the study
 * date (superseded, withdrawn, not yet in force): shown with a warning sign. */
int qc_edition_flag(const char *flag);

/* ---- document model (doc.c), printed by html.c and md.c ---- */
enum { RB_HEADING, RB_PARA, RB_TABLE, RB_FIGURE, RB_LIST };
enum {                       /* cell flags */
    RC_NUM = 1,              /* a number: right-aligned */
    RC_FLAG = 2,             /* a warning (unconfirmed limit, superseded edition) */
    RC_GOOD = 4, RC_BAD = 8, RC_MID = 16,  /* verdict or decision tone */
    RC_MONO = 32,            /* hashes, paths */
    RC_STRONG = 64,
    RC_WORD = 128            /* a verdict or decision word: kept on one line */
};
typedef struct rcell { char *text; unsigned flags; } rcell;
typedef struct rtable {
    size_t ncols, nrows, cap;
    char **head;
    rcell *cells;            /* nrows * ncols */
    char *caption;
} rtable;
typedef struct rblock {
    int kind, level;         /* level: heading depth 1..4 */
    char *text, *anchor;     /* heading/paragraph text; heading anchor (may be NULL) */
    rtable *table;
    char *svg, *name;        /* figure: the SVG document and a file name ("gap-1.svg") */
    char **items;            /* list items */
    size_t nitems;
} rblock;
typedef struct rdoc {
    rblock *b;
    size_t n, cap;
    qc_lang lang;
    int oom, nfig;
    char *title;
} rdoc;

void rd_free(rdoc *d);
void rd_heading(rdoc *d, int level, const char *anchor, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void rd_para(rdoc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A table with ncols columns headed by the words of the keys (NULL ends early: fewer). */
rtable *rd_table(rdoc *d, size_t ncols, const char *const *head_keys);
void rt_row(rdoc *d, rtable *t);
/* Sets the next cell of the current row. */
void rt_cell(rdoc *d, rtable *t, unsigned flags, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void rt_cell_sb(rdoc *d, rtable *t, unsigned flags, qc_sb *text);  /* takes and resets text */
/* Drops the columns whose every cell is QC_ABSENT (optional fields nobody has). */
void rt_drop_empty(rtable *t, size_t from_col);
void rd_figure(rdoc *d, char *svg, const char *caption);   /* takes svg */
void rd_list_item(rdoc *d, const char *text);               /* appends to a trailing list */
/* Cells of the value at a path of o (QC_ABSENT when absent): a number (4 significant digits),
 * an integer, a p-value, a percentage, a string. */
void rc_num(rdoc *d, rtable *t, const cJSON *o, const char *path);
void rc_int(rdoc *d, rtable *t, const cJSON *o, const char *path);
void rc_p(rdoc *d, rtable *t, const cJSON *o, const char *path);
void rc_pct(rdoc *d, rtable *t, const cJSON *o, const char *path, int signed_);
void rc_str(rdoc *d, rtable *t, const cJSON *o, const char *path, unsigned flags);
/* "[lo, hi]" of a two-number array (nothing when it is not one). */
void qc_ci(qc_sb *s, const cJSON *ci, int pct);

/* The sections (sections.c: study, summary, standards, notes; product.c: one product). */
void qc_sections_study(rdoc *d, const cJSON *doc);
void qc_sections_summary(rdoc *d, const cJSON *doc);
void qc_sections_product(rdoc *d, const cJSON *doc, const cJSON *product, int index);
void qc_sections_standards(rdoc *d, const cJSON *doc);
void qc_sections_notes(rdoc *d, const cJSON *doc);
void qc_sections_rules_files(rdoc *d, const cJSON *doc);   /* appendix: rules files + SHA-256 */
/* The whole report, in section order. */
qc_status qc_build_doc(const cJSON *doc, qc_lang lang, rdoc *out, qc_error *err);

/* Text and tone of a verdict / decision / status word (RC_GOOD, RC_BAD, RC_MID or 0), with a
 * shape symbol so that the tone reads in grey-scale ("▲ 领先"). */
unsigned qc_tone(const char *ns, const char *word);
void qc_word_cell(rdoc *d, rtable *t, const char *ns, const char *word);

/* ---- charts (charts.c over svg.c); each returns a malloc'd SVG document or NULL ---- */
char *qc_chart_gap(const cJSON *doc, const cJSON *product, qc_lang lang);
char *qc_chart_box(const cJSON *indicator, qc_lang lang);
char *qc_chart_rates(const cJSON *product, qc_lang lang);
/* The OC curves of a product's lot sampling plans (occhart.c), or NULL when it has none. */
char *qc_chart_oc(const cJSON *product, qc_lang lang);

/* ---- renderers of the document model ---- */
qc_status qc_html_print(const rdoc *d, qc_sb *out);
/* figdir: the relative directory named in image links (NULL: figures left out). */
qc_status qc_md_print(const rdoc *d, qc_sb *out, const char *figdir);

/* ---- tidy tables (tidy.c), written by csv.c and xlsx.c ---- */
enum { TV_NULL, TV_NUM, TV_STR };
enum { TK_TEXT, TK_COUNT, TK_NUM, TK_RATE, TK_P };  /* display kind of a column (xlsx) */
typedef struct tval { int t; double x; char *s; } tval;
typedef struct tcol { const char *name; int kind; } tcol;
typedef struct ttable {
    const char *name;        /* "groups" (the CSV file name less .csv) */
    const tcol *cols;
    size_t ncols, nrows, cap;
    tval *v;                 /* nrows * ncols */
    int oom;
} ttable;
enum { QC_TIDY_GROUPS, QC_TIDY_COMPARISONS, QC_TIDY_CONFORMITY, QC_TIDY_NONCONFORMING,
       QC_TIDY_STANDARDS, QC_TIDY_N };
qc_status qc_tidy_build(const cJSON *doc, qc_lang lang, ttable t[QC_TIDY_N], qc_error *err);
void qc_tidy_free(ttable t[QC_TIDY_N]);

qc_status qc_csv_write_dir(const cJSON *doc, qc_lang lang, const char *dir, qc_error *err);
qc_status qc_xlsx_write(const cJSON *doc, qc_lang lang, const char *path, qc_error *err);

#endif
