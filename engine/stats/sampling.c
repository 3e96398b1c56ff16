/* sampling.c — single sampling plans of GB/T 2828.1-2012 (sampling.h) read from the data rows
 * of sampling_tables.c: the code letter of Table 1, the master table's cell at that letter and
 * AQL with its arrows followed down or up the column to the first plan, 100 % inspection when
 * the plan's sample size reaches the lot size, and the binomial operating characteristic
 * (GSL's binomial and beta distributions, and its root solver for the fraction nonconforming
 * at a given probability of acceptance). Owns nothing. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_roots.h>

#include "qcompare/stats.h"
#include "sampling_tables.h"

static const char *const level_names[QC_NLEVELS] = {"S-1", "S-2", "S-3", "S-4",
                                                    "I",   "II",  "III"};
static const char *const severity_names[QC_NSEVERITIES] = {"normal", "tightened", "reduced"};

int qc_sampling_level(const char *name) {
    for (int i = 0; name && i < QC_NLEVELS; i++)
        if (strcmp(level_names[i], name) == 0) return i;
    return -1;
}

int qc_sampling_severity(const char *name) {
    for (int i = 0; name && i < QC_NSEVERITIES; i++)
        if (strcmp(severity_names[i], name) == 0) return i;
    return -1;
}

const char *qc_sampling_level_name(qc_inspection_level l) { return level_names[l]; }
const char *qc_sampling_severity_name(qc_severity s) { return severity_names[s]; }

int qc_sampling_aql_index(double aql) {
    for (int i = 0; i < QC_SP_NAQL; i++)
        if (fabs(aql - qc_sampling_aqls[i]) <= 1e-9 * qc_sampling_aqls[i]) return i;
    return -1;
}

char qc_sampling_code_letter(unsigned long lot_size, qc_inspection_level level) {
    if (lot_size < 2 || (int)level < 0 || (int)level >= QC_NLEVELS) return 0;
    for (size_t r = 0; r < QC_SP_LOT_ROWS; r++) {
        const qc_sp_lot_row *row = &qc_sp_table_1[r];
        if (lot_size >= row->lo && (row->hi == 0 || lot_size <= row->hi))
            return row->letters[level];
    }
    return 0;
}

qc_status qc_sampling_plan_for_letter(char letter, double aql, qc_severity severity,
                                      qc_sampling_plan *out) {
    memset(out, 0, sizeof *out);
    if ((int)severity < 0 || (int)severity >= QC_NSEVERITIES) return QC_EUSAGE;
    const qc_sp_master *t = &qc_sp_masters[severity];
    int col = qc_sampling_aql_index(aql);
    const char *at = letter ? strchr(t->letters, letter) : NULL;
    if (col < 0 || !at) return QC_EDOM;
    out->code_letter = letter;
    out->table = t->name;
    /* follow the arrows along the column: each step moves one row, toward the first plan */
    long row = at - t->letters;
    for (size_t steps = 0; steps <= t->rows; steps++) {
        if (row < 0 || (size_t)row >= t->rows) return QC_EDOM;
        qc_sp_cell c = t->cells[row][col];
        if (c.ac == QC_SP_DOWN) row++;
        else if (c.ac == QC_SP_UP) row--;
        else if (c.ac == QC_SP_NONE) return QC_EDOM;
        else {
            out->plan_letter = t->letters[row];
            out->n = t->sample_size[row];
            out->ac = (unsigned)c.ac;
            out->re = (unsigned)c.re;
            return QC_OK;
        }
    }
    return QC_EDOM;
}

qc_status qc_sampling_plan_find(unsigned long lot_size, qc_inspection_level level, double aql,
                                qc_severity severity, qc_sampling_plan *out) {
    memset(out, 0, sizeof *out);
    if ((int)level < 0 || (int)level >= QC_NLEVELS) return QC_EUSAGE;
    char letter = qc_sampling_code_letter(lot_size, level);
    if (!letter) return QC_EDOM;
    qc_status st = qc_sampling_plan_for_letter(letter, aql, severity, out);
    /* "If sample size equals or exceeds lot size, carry out 100 % inspection." */
    if (st == QC_OK && out->n >= lot_size) {
        out->n = lot_size;
        out->hundred_percent = 1;
    }
    return st;
}

int qc_sampling_accepts(const qc_sampling_plan *plan, unsigned long nonconforming) {
    return nonconforming <= plan->ac;
}

double qc_sampling_p_accept(unsigned long n, unsigned ac, double p) {
    qc_stats_init();
    if (!(p >= 0.0 && p <= 1.0) || n == 0 || ac >= n) return NAN;
    return gsl_cdf_binomial_P(ac, p, (unsigned)n);
}

typedef struct {
    double a, b, target;
} beta_params;

static double beta_gap(double p, void *vp) {
    const beta_params *q = vp;
    return gsl_cdf_beta_P(p, q->a, q->b) - q->target;
}

double qc_sampling_fraction_at(unsigned long n, unsigned ac, double pa) {
    qc_stats_init();
    if (!(pa > 0.0 && pa < 1.0) || n == 0 || ac >= n) return NAN;
    /* P(X <= ac) = 1 − I_p(ac + 1, n − ac), decreasing in p: solve I_p = 1 − pa on [0, 1]
     * with GSL's Brent solver (gsl_cdf_beta_Pinv fails for some large n) */
    beta_params q = {(double)ac + 1.0, (double)(n - ac), 1.0 - pa};
    gsl_function f = {beta_gap, &q};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s) return NAN;
    double lo = 0.0, hi = 1.0, r = NAN;
    if (gsl_root_fsolver_set(s, &f, lo, hi) == GSL_SUCCESS) {
        for (int it = 0; it < 400; it++) {
            if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS) break;
            lo = gsl_root_fsolver_x_lower(s);
            hi = gsl_root_fsolver_x_upper(s);
            if (gsl_root_test_interval(lo, hi, 1e-300, 4.0 * GSL_DBL_EPSILON) == GSL_SUCCESS)
                break;
        }
        r = gsl_root_fsolver_root(s);
    }
    gsl_root_fsolver_free(s);
    return r;
}

qc_status qc_sampling_oc_curve(unsigned long n, unsigned ac, double aql, qc_oc_point *pts) {
    static const double pa[] = {0.99, 0.95, 0.90, 0.75, 0.50, 0.25, 0.10, 0.05, 0.01};
    if (n == 0 || ac >= n || !(aql >= 0.0 && aql <= 100.0)) return QC_EDOM;
    size_t k = 0;
    pts[k++] = (qc_oc_point){0.0, 1.0};
    double p_aql = aql / 100.0;
    int aql_in = 0;
    for (size_t i = 0; i < sizeof pa / sizeof *pa; i++) {
        double p = qc_sampling_fraction_at(n, ac, pa[i]);
        if (!aql_in && p_aql <= p) {  /* the AQL point in its place */
            pts[k++] = (qc_oc_point){p_aql, qc_sampling_p_accept(n, ac, p_aql)};
            aql_in = 1;
        }
        pts[k++] = (qc_oc_point){p, pa[i]};
    }
    if (!aql_in) pts[k++] = (qc_oc_point){p_aql, qc_sampling_p_accept(n, ac, p_aql)};
    return QC_OK;
}
