/* uncertainty.c — the measurement uncertainty of one result (DESIGN §4.1, issue 4): from its
 * row's U (expanded) with k (coverage factor, 2 when absent), or u_std (standard), or U_rel (%
 * of the value), else from the study's default_uncertainty for the indicator, which has the same
 * keys. Returns both U (expanded, for guard bands) and u (standard, for the probability of
 * conformance), in the unit of the value. Owns nothing. */
#include <math.h>
#include "qcompare/ingest.h"

static const char *const names[QC_UNC_NCOLS] = {"U", "k", "u_std", "U_rel"};

const char *qc_uncertainty_column(int which) { return names[which]; }

/* The number in a non-empty cell, validated for its column. */
static qc_status number(const char *s, size_t len, int which, double *out, const char **why)
{
    if (qc_number_parse(s, len, out, why) != QC_OK) return QC_EDATA;
    if (which == QC_UNC_U_REL && !(*out > 0 && *out <= 100)) {
        *why = "U_rel must be above 0 and at most 100 (%)";
        return QC_EDATA;
    }
    if (!(*out > 0)) {
        *why = which == QC_UNC_K ? "coverage factor k must be positive"
                                 : "an uncertainty must be positive";
        return QC_EDATA;
    }
    return QC_OK;
}

qc_status qc_uncertainty_of(const qc_uncertainty_cells *cells, double x, double *U, double *u,
                            int *source, int *bad_column, const char **why)
{
    double v[QC_UNC_NCOLS];
    int have[QC_UNC_NCOLS];
    for (int c = 0; c < QC_UNC_NCOLS; c++) {
        have[c] = cells->text[c] && cells->len[c] > 0 &&
                  qc_utf8_valid_prefix(cells->text[c], cells->len[c]) == cells->len[c];
        /* a cell of blanks only is empty */
        if (have[c]) {
            size_t i = 0;
            while (i < cells->len[c] && (cells->text[c][i] == ' ' || cells->text[c][i] == '\t')) i++;
            have[c] = i < cells->len[c];
        }
        if (have[c] && number(cells->text[c], cells->len[c], c, &v[c], why) != QC_OK) {
            *bad_column = c;
            return QC_EDATA;
        }
    }
    double k = have[QC_UNC_K] ? v[QC_UNC_K] : 2.0;
    *source = QC_USRC_ROW;
    if (have[QC_UNC_U]) {
        *U = v[QC_UNC_U];
        *u = *U / k;
    } else if (have[QC_UNC_U_STD]) {
        *u = v[QC_UNC_U_STD];
        *U = k * *u;
    } else if (have[QC_UNC_U_REL] && isfinite(x) && x != 0) {
        *U = v[QC_UNC_U_REL] / 100 * fabs(x);
        *u = *U / k;
    } else if (have[QC_UNC_U_REL]) {
        *bad_column = QC_UNC_U_REL;
        *why = "U_rel needs a non-zero value";
        return QC_EDATA;
    } else {
        if (have[QC_UNC_K]) {
            *bad_column = QC_UNC_K;
            *why = "k without U or u_std";
            return QC_EDATA;
        }
        *U = *u = NAN;
        *source = QC_USRC_NONE;
    }
    return QC_OK;
}

qc_status qc_uncertainty_from_default(const qc_uncertainty_default *d, double x, double *U, double *u)
{
    double k = d->k > 0 ? d->k : 2.0;
    if (d->U > 0) { *U = d->U; *u = d->U / k; return QC_OK; }
    if (d->u_std > 0) { *u = d->u_std; *U = k * d->u_std; return QC_OK; }
    if (d->U_rel > 0 && isfinite(x) && x != 0) {
        *U = d->U_rel / 100 * fabs(x);
        *u = *U / k;
        return QC_OK;
    }
    *U = *u = NAN;
    return QC_EDOM;
}
