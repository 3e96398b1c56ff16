/* group.c — one group of the study pipeline (pipeline.h): its values under the study's
 * censored policy, summary, normality (Anderson–Darling, Shapiro–Wilk), outliers (Grubbs with
 * the suspect sample), robust scale (IQR, MAD, ISO 13528 Algorithm A), and its conformity
 * against every listed standard with the capability of that entry. Also pools a role's values
 * for the comparison. Owns nothing but what it hands to the report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/jsonfile.h"
#include "pipeline.h"

#define QC_POSTHOC_MAX_LEVELS 20
#define QC_STR_(x) #x
#define QC_STR(x) QC_STR_(x)

int qc_pipeline_reserve(scratch *s, size_t n)
{
    if (n <= s->cap) return 0;
    double **d[] = {&s->vals, &s->work, &s->sv, &s->rv, &s->cxs, &s->cxr, &s->cwork};
    for (size_t i = 0; i < 7; i++) {
        double *p = realloc(*d[i], (i == 6 ? 8 : 1) * n * sizeof *p);
        if (!p) return -1;
        *d[i] = p;
    }
    size_t **z[] = {&s->src, &s->iwork};
    for (size_t i = 0; i < 2; i++) {
        size_t *p = realloc(*z[i], n * sizeof *p);
        if (!p) return -1;
        *z[i] = p;
    }
    unsigned char **b[] = {&s->ccs, &s->ccr, &s->cflag};
    for (size_t i = 0; i < 3; i++) {
        unsigned char *p = realloc(*b[i], (i == 2 ? 2 : 1) * n);
        if (!p) return -1;
        *b[i] = p;
    }
    s->cap = n;
    return 0;
}

void qc_pipeline_free(scratch *s)
{
    free(s->vals); free(s->work); free(s->sv); free(s->rv); free(s->src); free(s->iwork);
    free(s->cxs); free(s->cxr); free(s->cwork); free(s->ccs); free(s->ccr); free(s->cflag);
    free(s->gsv); free(s->runs);
}

void qc_pipeline_sorted_begin(scratch *s, size_t ngroups, size_t total)
{
    s->gsv_used = s->nruns = 0;
    if (total > s->gsv_cap) {
        double *p = realloc(s->gsv, total * sizeof *p);
        if (p) { s->gsv = p; s->gsv_cap = total; }
    }
    if (ngroups > s->runs_cap) {
        struct sorted_run *r = realloc(s->runs, ngroups * sizeof *r);
        if (r) { s->runs = r; s->runs_cap = ngroups; }
    }
}

/* Keeps the n sorted values of cell c (see qc_pipeline_sorted_begin), when there is room. */
static void sorted_keep(scratch *s, const qc_cell *c, const double *sorted, size_t n)
{
    if (s->nruns == s->runs_cap || s->gsv_used + n > s->gsv_cap) return;
    s->runs[s->nruns++] = (struct sorted_run){c, s->gsv_used, n};
    memcpy(s->gsv + s->gsv_used, sorted, n * sizeof *sorted);
    s->gsv_used += n;
}

/* The n sorted values kept for cell c, or NULL. */
static const double *sorted_of(const scratch *s, const qc_cell *c, size_t n)
{
    for (size_t i = 0; i < s->nruns; i++)
        if (s->runs[i].c == c && s->runs[i].n == n) return s->gsv + s->runs[i].off;
    return NULL;
}

int qc_pipeline_cmp_cellref(const void *a, const void *b)
{
    const cellref *x = a, *y = b;
    if (x->role != y->role) return x->role - y->role;
    return strcmp(x->name, y->name);
}

/* Appends the values of c used by the statistics under the study's censored policy to
 * out[*n…] (and, when src is not NULL, the index of the result each came from); counts
 * censored results. */
static void values(const qc_study *st, const qc_cell *c, double *out, size_t *src, size_t *n,
                   size_t *ncens)
{
    for (size_t i = 0; i < c->n; i++) {
        qc_value_kind k = (qc_value_kind)qc_cell_kind(c, i);
        double v;
        if (k == QC_VALUE_MISSING) continue;
        if (k == QC_VALUE_NUMBER) {
            v = c->x[i];
        } else {
            (*ncens)++;
            /* km and ros never substitute: their groups are summarised from the bounds
             * (censor.c), and the value-based statistics see only the detected values */
            if (strcmp(st->censored, "exclude") == 0 || qc_pipeline_censored_method(st) ||
                k == QC_VALUE_GT || k == QC_VALUE_GE)
                continue;
            double bound = k == QC_VALUE_ND ? qc_cell_lod(c, i) : c->x[i];
            if (isnan(bound)) continue;
            v = strcmp(st->censored, "zero") == 0       ? 0.0
                : strcmp(st->censored, "half-lod") == 0 ? bound / 2
                                                        : bound;
        }
        if (src) src[*n] = i;
        out[(*n)++] = v;
    }
}

/* The group's summary; its values are left sorted in s->work (and kept for the pooled role,
 * cell c) unless describe fails. */
static void summarise(const qc_study *st, scratch *s, const qc_cell *c, size_t n,
                      qc_group_summary *g)
{
    g->ci_lo = g->ci_hi = NAN;
    if (qc_stats_describe(s->vals, 1, n, s->work, &g->d) != QC_OK) {
        double nan = NAN;
        g->d = (qc_describe){n, nan, nan, nan, nan, nan, nan, nan, nan, nan};
        return;
    }
    sorted_keep(s, c, s->work, n);
    qc_stats_mean_ci(g->d.mean, g->d.sd, n, st->confidence, &g->ci_lo, &g->ci_hi);
}

/* Normality, outliers and robust scale of the group's values (each NaN when undefined). */
static void shape(ctx *cx, size_t n, const qc_cell *c, const qc_describe *d, qc_group_shape *sh)
{
    scratch *s = &cx->s;
    double nan = NAN;
    sh->ad = (qc_anderson_darling){nan, nan, nan};
    sh->sw_w = sh->sw_p = sh->iqr = sh->mad = nan;
    sh->grubbs = (qc_grubbs){nan, nan, nan, nan, SIZE_MAX};
    sh->alg_a = (qc_algorithm_a){nan, nan, 0};
    sh->suspect = sh->suspect_file = NULL;
    sh->why = NULL;
    /* the values sorted once (summarise left them sorted in work): the functions below each
     * copy their input and find it sorted already */
    double *sorted = s->sv;
    memcpy(sorted, s->work, n * sizeof *sorted);
    qc_stats_anderson_darling(sorted, 1, n, s->work, &sh->ad);
    qc_stats_shapiro_wilk(sorted, 1, n, s->work, &sh->sw_w, &sh->sw_p);
    /* Grubbs takes the summary's mean and sd (the same values in the same order); Anderson–
     * Darling computes its own over the sorted copy, whose sums may differ in the last bit */
    if (qc_stats_grubbs_m(s->vals, 1, n, d->mean, d->sd, &sh->grubbs) == QC_OK &&
        sh->grubbs.index < n) {
        const char *id = qc_intern_str(cx->res->strings, qc_cell_sample(c, s->src[sh->grubbs.index]));
        sh->suspect = id && *id ? id : NULL;
        sh->suspect_line = qc_cell_line(c, s->src[sh->grubbs.index]);
        sh->suspect_file = qc_results_path(cx->res, qc_cell_file(c, s->src[sh->grubbs.index]));
    }
    qc_stats_iqr(sorted, 1, n, s->work, &sh->iqr);
    qc_stats_mad(sorted, 1, n, QC_MAD_NORMAL, s->work, &sh->mad);
    qc_stats_algorithm_a(sorted, 1, n, s->work, &sh->alg_a);
}

/* No shape statistic, for the reason why. */
static void shape_none(qc_group_shape *sh, const char *why)
{
    double nan = NAN;
    *sh = (qc_group_shape){{nan, nan, nan}, nan, nan, {nan, nan, nan, nan, SIZE_MAX}, NULL, 0, NULL,
                           nan, nan, {nan, nan, 0}, why};
}

/* A (key, value) pair for grouping values by a context column. */
typedef struct keyed { uint32_t key; const char *name; double x; size_t seq; } keyed;

/* By level name, then by reading order (deterministic, and levels come out sorted). */
static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Sorts n keyed values by key into x[] and the run lengths into sizes[]; returns the number
 * of runs. */
static size_t runs(keyed *kv, size_t n, double *x, size_t *sizes)
{
    qsort(kv, n, sizeof *kv, cmp_keyed);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        x[i] = kv[i].x;
        if (i == 0 || kv[i].key != kv[i - 1].key) sizes[k++] = 0;
        sizes[k - 1]++;
    }
    return k;
}

/* The within-batch σ of the group's values (DESIGN §5 capability): NaN when the results have
 * no batch column or fewer than 2 batches. */
static double sigma_within(ctx *cx, const qc_cell *c, size_t n)
{
    int kb = qc_results_context_index(cx->res, "batch");
    if (kb < 0 || n < 2) return NAN;
    /* every value needs a batch: when the first has none (the usual file without a batch
     * column) there is nothing to allocate and group */
    const char *b0 = qc_intern_str(cx->res->strings,
                                   qc_cell_ctx(c, cx->s.src[0], (size_t)kb, cx->res->nctx));
    if (!b0 || !*b0) return NAN;
    keyed *kv = malloc(n * sizeof *kv);
    size_t *sizes = malloc(n * sizeof *sizes);
    double sigma = NAN;
    if (kv && sizes) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t key = qc_cell_ctx(c, cx->s.src[i], (size_t)kb, cx->res->nctx);
            const char *b = qc_intern_str(cx->res->strings, key);
            if (b && *b) { kv[m] = (keyed){key, b, cx->s.vals[i], m}; m++; }
        }
        const cJSON *cap = cJSON_GetObjectItemCaseSensitive((const cJSON *)cx->study->json, "capability");
        const char *method = qc_json_str(cap, "sigma_within", "pooled");
        qc_sigma_method sm = strcmp(method, "rbar_d2") == 0   ? QC_SIGMA_RBAR
                             : strcmp(method, "sbar_c4") == 0 ? QC_SIGMA_SBAR
                                                              : QC_SIGMA_POOLED;
        size_t k = m == n ? runs(kv, m, cx->s.work, sizes) : 0;  /* every value needs a batch */
        if (k >= 2 && qc_stats_sigma_within(cx->s.work, 1, sizes, k, sm, &sigma) != QC_OK)
            sigma = NAN;
    }
    free(kv);
    free(sizes);
    return sigma;
}

/* Capability of the group's values against a one-piece limit on individual results, in the
 * indicator's unit: overall (Pp, Ppk) and, with batches, within (Cp, Cpk); *why when there is
 * none. */
static int capability(ctx *cx, const qc_limit_set *set, const qc_cell *c, size_t n,
                      double sigma_w, qc_capability *overall, qc_capability *within,
                      int *has_within, const char **why)
{
    const qc_limit *l = &set->piece[0];
    *has_within = 0;
    if (l->not_encoded) {
        *why = "the limit's value is not encoded in the rules library";
        return 0;
    }
    if (set->npieces != 1 || l->applies_to != QC_APPLIES_INDIVIDUAL) {
        *why = set->npieces != 1 ? "the limit is piecewise (one capability per piece is not given)"
                                 : "the limit is on a group statistic";
        return 0;
    }
    /* a limit with `when` applies to the results it selects: capability over those alone */
    const double *x = cx->s.vals;
    if (l->nwhen) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (qc_assess_selects(cx->res, c, cx->s.src[i], l)) cx->s.rv[m++] = cx->s.vals[i];
        if (m < n) sigma_w = NAN;  /* batches were formed over every value */
        x = cx->s.rv;
        n = m;
    }
    qc_unit_map m;
    if (qc_units_map(cx->rules->units, l->unit, c->indicator->unit, &m, NULL) != QC_OK ||
        m.scale <= 0) {
        *why = "the limit's unit does not convert linearly";
        return 0;
    }
    qc_spec spec = {m.scale * l->min + m.offset, m.scale * l->max + m.offset,
                    m.scale * l->target + m.offset};
    if (qc_stats_capability(x, 1, n, &spec, QC_BASIS_OVERALL, NAN,
                            cx->study->confidence, overall) != QC_OK) {
        int flat = n >= 2;
        for (size_t i = 1; flat && i < n; i++) flat = x[i] == x[0];
        int limits = !(isnan(spec.lsl) && isnan(spec.usl)) &&
                     (isnan(spec.lsl) || isnan(spec.usl) || spec.lsl < spec.usl);
        if (!flat || !limits) {
            *why = "needs at least 2 values with a non-zero sd";
            return 0;
        }
        /* constant values (sd = 0): the indices are infinite or undefined, but how many values
         * lie outside the limits is known (a value on a limit is inside) */
        size_t out = 0;
        for (size_t i = 0; i < n; i++) out += x[i] < spec.lsl || x[i] > spec.usl;
        double nan = NAN;
        qc_index_ci none = {nan, nan, nan};
        *overall = (qc_capability){QC_BASIS_OVERALL, n, x[0], 0, none, none, none, none, none,
                                   nan, nan, nan, nan, nan, 1e6 * (double)out / (double)n};
        return 1;
    }
    *has_within = sigma_w > 0 &&
                  qc_stats_capability(x, 1, n, &spec, QC_BASIS_WITHIN, sigma_w,
                                      cx->study->confidence, within) == QC_OK;
    return 1;
}

qc_assess_options qc_pipeline_options(const ctx *cx)
{
    qc_assess_options opt = {cx->study->rule, cx->study->rule_r,
                             strcmp(cx->study->method_mismatch, "not_decidable") == 0,
                             cx->centres, cx->ncentres};
    return opt;
}

qc_status qc_pipeline_group(ctx *cx, const qc_study_product *sp, cJSON *ind_json,
                            const cellref *cr, const char *where, qc_tally *tallies)
{
    char w[1024];
    snprintf(w, sizeof w, "%s/%s", where, cr->name);
    qc_group_summary g = {.group = cr->name, .role = cr->role, .n_missing = cr->c->n_missing,
                          .censored_method = "none", .censored_share = NAN, .mean_se = NAN};
    size_t n = 0;
    if (qc_pipeline_reserve(&cx->s, cr->c->n ? cr->c->n : 1))
        return qc_error_set(cx->err, QC_ENOMEM, "out of memory");
    values(cx->study, cr->c, cx->s.vals, cx->s.src, &n, &g.n_censored);
    censample cs = {cx->s.cxs, cx->s.ccs, 0, 0, 0, 0};
    qc_pipeline_censample_add(&cs, cr->c);
    const char *unit = cr->c->indicator->unit;
    if (cs.n) g.censored_share = (double)cs.ncens / (double)cs.n;
    int method = cs.ncens && qc_pipeline_censored_method(cx->study);
    qc_group_shape sh;
    double sigma_w = NAN;
    const char *no_cap = NULL;
    if (method) {
        /* Kaplan–Meier or ROS: the method's summary; no statistic of the values themselves */
        g.censored_method = cx->study->censored;
        qc_pipeline_censored_summary(cx, &cs, unit, &g, w);
        shape_none(&sh, "the group has censored results: normality, outliers and robust "
                        "scale are not computed on imputed or censored values");
        no_cap = "the group has censored results: capability needs every value measured";
        qc_report_note(cx->rep, "%s: %zu of %zu results censored; statistics by %s (Helsel)", w,
                       cs.ncens, cs.n,
                       strcmp(cx->study->censored, "km") == 0 ? "Kaplan-Meier on flipped data"
                                                              : "robust ROS");
    } else {
        summarise(cx->study, &cx->s, cr->c, n, &g);
        shape(cx, n, cr->c, &g.d, &sh);
        sigma_w = sigma_within(cx, cr->c, n);
        if (cs.ncens) {
            int excl = strcmp(cx->study->censored, "exclude") == 0;
            g.censored_method = cx->study->censored;
            g.flag = excl ? "censored_excluded" : "censored_substitution";
            qc_report_note(cx->rep, "%s: %zu censored result(s); statistics policy censored = %s: "
                           "%s (biased, kept on request; km or ros estimate instead)", w,
                           g.n_censored, cx->study->censored,
                           excl ? "left out of the statistics"
                                : "replaced by a value derived from the bound");
        }
        qc_pipeline_all_censored(&cs, unit, g.all_censored, sizeof g.all_censored);
        if (g.all_censored[0]) {
            /* no detected result: a substituted number is no estimate */
            double nan = NAN;
            g.d = (qc_describe){g.d.n, nan, nan, nan, nan, nan, nan, nan, nan, nan};
            g.ci_lo = g.ci_hi = nan;
            for (int k = 0; k < QC_GW_N; k++) {
                int len = snprintf(g.why[k], sizeof g.why[k], "every result is censored (%.100s)",
                                   g.all_censored);
                (void)len;
            }
            shape_none(&sh, "every result is censored");
            no_cap = "every result is censored";
            n = 0;
        }
    }
    cx->centres[cx->ncentres++] = (qc_centre){cr->c, g.d.mean, g.d.median};
    cJSON *gj = qc_report_group(cx->rep, ind_json, &g, w);
    qc_report_shape(cx->rep, gj, &sh, n, w);
    for (size_t k = 0; k < sp->nstandards; k++) {
        const qc_study_standard *ss = &sp->standards[k];
        const qc_limit_set *set = qc_standard_limits(ss->standard, ss->grade, cr->c->indicator->id);
        if (!set) continue;
        qc_conformity conf;
        qc_assess_options opt = qc_pipeline_options(cx);
        qc_status st = qc_assess_cell(cx->res, cr->c, set, cx->rules->units, &opt, g.d.mean,
                                      g.d.median, &conf, cx->err);
        if (st) return st;
        qc_capability cap, capw;
        const char *why = no_cap;
        int has_w = 0, has_cap = !no_cap && capability(cx, set, cr->c, n, sigma_w, &cap, &capw,
                                                       &has_w, &why);
        cJSON *cj = qc_report_conformity(cx->rep, gj, ss, set, &conf, cr->c->indicator->unit,
                                         cx->study, w);
        char cw[1200];
        snprintf(cw, sizeof cw, "%s.conformity[%s@%s]", w, ss->standard->id, ss->grade->name);
        qc_report_capability(cx->rep, cj, has_cap ? &cap : NULL, has_w ? &capw : NULL, why, cw);
        if (cr->role == 0) {
            qc_tally_add(&tallies[k], &conf);
            for (size_t g = 0; cx->study->compare_each && g < cx->study->nsubject; g++)
                if (strcmp(cx->study->subject[g], cr->name) == 0)
                    qc_tally_add(&tallies[(1 + g) * sp->nstandards + k], &conf);
        }
        qc_conformity_free(&conf);
    }
    return QC_OK;
}

/* Tukey's HSD and Games–Howell over the factor's levels at the study's confidence, into one
 * allocation (*pairs, freed by the caller). A statistic undefined for these data leaves its
 * pairs NaN (null in the output, with notes); too many levels leave both out, with the reason. */
static qc_status posthoc(ctx *cx, qc_factor_result *f, qc_pairwise **pairs)
{
    if (f->nlevels > QC_POSTHOC_MAX_LEVELS) {
        f->posthoc_why = "more than " QC_STR(QC_POSTHOC_MAX_LEVELS) " levels: the pairs are "
                         "not computed (each needs the studentised range at its own df)";
        return QC_OK;
    }
    size_t np = QC_NPAIRS(f->nlevels);
    *pairs = malloc(2 * np * sizeof **pairs);
    if (!*pairs) return qc_error_set(cx->err, QC_ENOMEM, "out of memory");
    double conf = cx->study->confidence;
    if (qc_stats_tukey_hsd(f->values, 1, f->sizes, f->nlevels, conf, *pairs) == QC_ENOMEM ||
        qc_stats_games_howell(f->values, 1, f->sizes, f->nlevels, conf, *pairs + np) == QC_ENOMEM)
        return qc_error_set(cx->err, QC_ENOMEM, "out of memory");
    f->tukey = *pairs;
    f->games_howell = *pairs + np;
    return QC_OK;
}

qc_status qc_pipeline_factor(ctx *cx, const cellref *cr, size_t ncr, cJSON *ind_json,
                             const char *where)
{
    const char *col = cx->study->factor;
    if (!col) return QC_OK;
    int kf = qc_results_context_index(cx->res, col);
    size_t total = 0;
    for (size_t i = 0; i < ncr; i++) total += cr[i].c->n;
    keyed *kv = malloc((total + 1) * sizeof *kv);
    size_t *sizes = malloc((total + 1) * sizeof *sizes);
    double *x = malloc((total + 1) * 2 * sizeof *x);
    size_t *iw = malloc((total + 1) * sizeof *iw);
    if (!kv || !sizes || !x || !iw) {
        free(kv); free(sizes); free(x); free(iw);
        return qc_error_set(cx->err, QC_ENOMEM, "out of memory");
    }
    /* the values under the study's censored policy, as every other statistic; under km or ros
     * censored results have no value, so the tests are not run */
    qc_factor_result f = {.column = col};
    for (size_t i = 0; qc_pipeline_censored_method(cx->study) && i < ncr; i++)
        for (size_t k = 0; k < cr[i].c->n && !f.why; k++) {
            qc_value_kind vk = (qc_value_kind)qc_cell_kind(cr[i].c, k);
            if (vk != QC_VALUE_NUMBER && vk != QC_VALUE_MISSING)
                f.why = "censored results under km or ros have no value: ANOVA, Welch's ANOVA "
                        "and Kruskal-Wallis need measured values (a substitution policy runs "
                        "them, flagged)";
        }
    size_t m = 0;
    for (size_t i = 0; kf >= 0 && !f.why && i < ncr; i++) {
        const qc_cell *c = cr[i].c;
        size_t nv = 0, ncens = 0;
        values(cx->study, c, x, iw, &nv, &ncens);
        for (size_t v = 0; v < nv; v++) {
            uint32_t key = qc_cell_ctx(c, iw[v], (size_t)kf, cx->res->nctx);
            const char *lv = qc_intern_str(cx->res->strings, key);
            if (lv && *lv) { kv[m] = (keyed){key, lv, x[v], m}; m++; }
        }
    }
    f.nlevels = m ? runs(kv, m, x, sizes) : 0;
    uint32_t *ids = malloc((f.nlevels + 1) * sizeof *ids);
    if (!ids) {
        free(kv); free(sizes); free(x); free(iw);
        return qc_error_set(cx->err, QC_ENOMEM, "out of memory");
    }
    for (size_t j = 0, start = 0; j < f.nlevels; start += sizes[j++]) ids[j] = kv[start].key;
    f.level_ids = ids;
    f.sizes = sizes;
    f.values = x;
    f.strings = cx->res->strings;
    double nan = NAN;
    f.anova = (qc_anova){nan, nan, nan, nan, nan, nan, nan, nan, nan};
    f.welch = (qc_welch_anova){nan, nan, nan, nan};
    f.kruskal = (qc_kruskal){nan, nan, nan};
    qc_pairwise *pairs = NULL;
    qc_status st = QC_OK;
    if (f.nlevels >= 2) {
        qc_stats_anova_oneway(x, 1, sizes, f.nlevels, &f.anova);
        qc_stats_anova_welch(x, 1, sizes, f.nlevels, &f.welch);
        qc_stats_kruskal_wallis(x, 1, sizes, f.nlevels, x + total + 1, iw, &f.kruskal);
        st = posthoc(cx, &f, &pairs);
    }
    if (!st) qc_report_factor(cx->rep, ind_json, &f, kf >= 0, where);
    free(kv); free(sizes); free(x); free(iw); free(ids); free(pairs);
    return st;
}

qc_status qc_pipeline_pooled(ctx *cx, const cellref *cr, size_t ncr, int role, double *out,
                             size_t *n, qc_describe *d, double *U, censample *cs)
{
    size_t ncens = 0, nu = 0, nnum = 0, ncells = 0;
    double sum_u2 = 0;
    const char *unit = NULL;
    const qc_cell *only = NULL;  /* the role's cell when it has one */
    *n = 0;
    for (size_t i = 0; i < ncr; i++) {
        if (cr[i].role != role) continue;
        only = ncells++ ? NULL : cr[i].c;
        unit = cr[i].c->indicator->unit;
        values(cx->study, cr[i].c, out, NULL, n, &ncens);
        qc_pipeline_censample_add(cs, cr[i].c);
        for (size_t k = 0; k < cr[i].c->n; k++) {
            if (qc_cell_kind(cr[i].c, k) != QC_VALUE_NUMBER) continue;
            nnum++;
            double U = qc_cell_U(cr[i].c, k);
            if (U > 0) { nu++; sum_u2 += U * U; }
        }
    }
    *U = nnum && nu == nnum ? sqrt(sum_u2 / (double)nu) : NAN;
    if (cs->ncens && qc_pipeline_censored_method(cx->study)) {
        /* the role's summary by Kaplan–Meier or ROS; no values for the value-based tests */
        qc_group_summary g = {.censored_method = cx->study->censored, .mean_se = NAN};
        qc_pipeline_censored_summary(cx, cs, unit, &g, NULL);
        *d = g.d;
        *n = 0;
        return QC_OK;
    }
    /* the mean from the values in file order; then out is left sorted (describe's copy), so
     * the rank and dispersion tests of the comparison merge and scan instead of sorting */
    /* a role of one group: its values were sorted by the group's describe (the same values in
     * the same order, so the same sorted copy and the same summary) */
    const double *pre = only ? sorted_of(&cx->s, only, *n) : NULL;
    if (pre) {
        if (qc_stats_describe_sorted(out, 1, *n, pre, d) != QC_OK) d->n = 0;
        else memcpy(out, pre, *n * sizeof *out);
    } else if (qc_stats_describe(out, 1, *n, cx->s.work, d) != QC_OK) {
        d->n = 0;
    } else {
        memcpy(out, cx->s.work, *n * sizeof *out);
    }
    if (cs->n && cs->ncens == cs->n) {  /* nothing detected: a substitute is no estimate */
        double nan = NAN;
        *d = (qc_describe){d->n, nan, nan, nan, nan, nan, nan, nan, nan, nan};
    }
    return QC_OK;
}
