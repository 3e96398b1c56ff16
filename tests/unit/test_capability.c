/* test_capability.c — Check suite for capability.c and tolerance.c (stats.h, SHAPE section)
 * against independent oracles, read from the directory in $QC_ORACLES (default tests/oracles):
 *   qcc/pistonrings.txt, qcc/qcc_vignette_capability_extract.txt   qcc 3.0's printed
 *       processCapability output for the 25 trial subgroups (four spec/target variants), parsed
 *       from the vignette text and compared to the printed digits
 *   published/expected_values.json + sas_capability_cans_fluid_weight.csv   SAS/QC PROC
 *       CAPABILITY Fig. 5.2 (overall sd: our Pp family), 6 decimals
 *   published/nist_handbook_7_2_6_3_tolerance.csv   NIST e-Handbook 7.2.6.3 k2, k1, interval
 *   r/capability_expected.csv, r/tolerance_expected.csv   R 4.2.2, by the scripts beside them
 * Each check collects every mismatch (stderr) before failing. main() returns 1 on failure. */
#include <check.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle_check.h"
#include "qcompare/stats.h"

/* Decimals of a number as printed ("1.70" → 2). */
static int decimals_of(const char *s) {
    const char *dot = strchr(s, '.');
    return dot ? (int)strspn(dot + 1, "0123456789") : 0;
}

/* Rows of a CSV with up to 5 columns ('#' lines and the header skipped), as strings. */
typedef struct { char f[5][48]; } row5;
static size_t load_rows(const char *rel, row5 **rows) {
    FILE *f = open_oracle(rel);
    char line[512];
    size_t n = 0, cap = 0;
    int header = 1;
    *rows = NULL;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0' || (header && !(header = 0))) continue;
        if (n == cap) ck_assert((*rows = realloc(*rows, (cap += 256) * sizeof **rows)) != NULL);
        memset(&(*rows)[n], 0, sizeof **rows);
        int k = 0; /* the oracle files have no empty fields */
        for (char *t = strtok(line, ","); t && k < 5; t = strtok(NULL, ","), k++)
            ck_assert_msg(snprintf((*rows)[n].f[k], 48, "%s", t) < 48, "%s: long field", rel);
        n++;
    }
    fclose(f);
    ck_assert_msg(n > 0, "%s: no rows", rel);
    return n;
}

static double num(const char *s) { return strcmp(s, "NA") == 0 ? NAN : strtod(s, NULL); }
/* published/expected_values.json at path "a|b|0" (a number-only element indexes an array). */
static double pub(const char *path) {
    static cJSON *root;
    static char buf[1 << 16], tmp[256];
    if (!root) {
        FILE *f = open_oracle("published/expected_values.json");
        buf[fread(buf, 1, sizeof buf - 1, f)] = '\0';
        fclose(f);
        ck_assert((root = cJSON_Parse(buf)) != NULL);
    }
    snprintf(tmp, sizeof tmp, "%s", path);
    const cJSON *j = root;
    for (char *k = strtok(tmp, "|"), *end; k; k = strtok(NULL, "|")) {
        long i = strtol(k, &end, 10);
        j = (*end == '\0' && cJSON_IsArray(j)) ? cJSON_GetArrayItem(j, (int)i)
                                               : cJSON_GetObjectItemCaseSensitive(j, k);
    }
    ck_assert_msg(cJSON_IsNumber(j), "expected_values.json: no number at %s", path);
    return j->valuedouble;
}

/* The 100 weights of SAS/QC's cans example. */
static size_t cans(double *x) {
    FILE *f = open_oracle("published/sas_capability_cans_fluid_weight.csv");
    size_t n = 0;
    ck_assert(fscanf(f, "%*s") == 0); /* header */
    while (n < 128 && fscanf(f, "%lf", &x[n]) == 1) n++;
    fclose(f);
    return n;
}

/* The 25 phase-I subgroups of 5 of qcc's pistonrings (trial == TRUE), in sample order. */
static size_t pistonrings(double *x, size_t *sizes, size_t *k) {
    FILE *f = open_oracle("qcc/pistonrings.txt");
    char trial[16];
    int sample, last = -1;
    size_t n = 0;
    *k = 0;
    ck_assert(fscanf(f, "%*s %*s %*s") == 0); /* header */
    while (n < 200 && fscanf(f, "%lf %d %15s", &x[n], &sample, trial) == 3)
        if (strcmp(trial, "TRUE") == 0) {
            if (sample != last) sizes[(*k)++] = 0, last = sample;
            sizes[*k - 1]++, n++;
        }
    fclose(f);
    return n;
}

START_TEST(test_constants_and_sigma) {
    failures = 0;
    row5 *r;
    size_t nr = load_rows("r/capability_expected.csv", &r), sizes[40], nx = 0, nk = 0, ng = 0;
    double x[200], s;
    for (size_t i = 0; i < nr; i++) {
        const char *c = r[i].f[0], *w = r[i].f[1];
        double v = num(r[i].f[2]);
        if (strncmp(c, "m=", 2) == 0) {
            size_t m = strtoul(c + 2, NULL, 10);
            expect_close(c, strcmp(w, "d2") == 0 ? qc_stats_d2(m) : qc_stats_c4(m), v, 1e-14, 0);
        } else if (strcmp(c, "pistonrings_trial") == 0 || strcmp(c, "unequal") == 0) {
            if (strcmp(w, "x") == 0 && nx < 200) { x[nx++] = v; continue; }
            if (strcmp(w, "size") == 0) { sizes[nk++] = (size_t)v; continue; }
            qc_sigma_method m = strcmp(w, "pooled") == 0 ? QC_SIGMA_POOLED
                                : strcmp(w, "rbar") == 0 ? QC_SIGMA_RBAR : QC_SIGMA_SBAR;
            ck_assert_int_eq(qc_stats_sigma_within(x, 1, sizes, nk, m, &s), QC_OK);
            char what[128];
            snprintf(what, sizeof what, "%s sigma %s", c, w);
            expect_close(what, s, v, 1e-14, 0);
            if (strcmp(w, "sbar") == 0) nx = nk = 0, ng++;
        }
    }
    ck_assert_uint_eq(ng, 2);
    free(r);
    for (size_t m = 2; m <= 3; m++) /* d2(2) = 2/√π, d2(3) = 3/√π */
        expect_close("d2 exact", qc_stats_d2(m), m / sqrt(3.14159265358979323846), 1e-14, 0);
    ck_assert(isnan(qc_stats_d2(1)) && isnan(qc_stats_d2(26)) && isnan(qc_stats_c4(1)));
    /* Edges: no subgroups, size 1 for R̄ and s̄, size 26 for R̄, zero spread, NaN. */
    double y[6] = {1, 2, 3, 4, 5, 6}, flat[6] = {2, 2, 5, 5, 7, 7};
    size_t one[3] = {1, 2, 3}, big[1] = {26}, two[3] = {2, 2, 2};
#define SIG(x, sz, k, m) qc_stats_sigma_within(x, 1, sz, k, QC_SIGMA_##m, &s)
    ck_assert(SIG(y, one, 0, POOLED) == QC_EDOM && isnan(s));
    ck_assert(SIG(y, one, 3, RBAR) == QC_EDOM && SIG(y, one, 3, SBAR) == QC_EDOM);
    ck_assert(SIG(y, one, 3, POOLED) == QC_OK && SIG(y, big, 1, RBAR) == QC_EDOM);
    ck_assert(SIG(flat, two, 3, POOLED) == QC_EDOM && SIG(flat, two, 3, RBAR) == QC_EDOM);
    flat[3] = NAN;
    ck_assert(SIG(flat, two, 3, SBAR) == QC_EDOM);
#undef SIG
    ck_assert_msg(failures == 0, "%d constant/sigma checks failed", failures);
}
END_TEST

/* The index qcc prints under name (Cp, Cp_l, Cp_u, Cp_k, Cpm), or NULL. */
static const qc_index_ci *qcc_index(const qc_capability *c, const char *name) {
    return !strcmp(name, "Cp") ? &c->cp : !strcmp(name, "Cp_l") ? &c->cpl
           : !strcmp(name, "Cp_u") ? &c->cpu : !strcmp(name, "Cp_k") ? &c->cpk
           : !strcmp(name, "Cpm") ? &c->cpm : NULL;
}

START_TEST(test_capability_published) {
    failures = 0;
    double x[200], sigma, val, val2;
    size_t sizes[40], k, n = pistonrings(x, sizes, &k);
    ck_assert(n == 125 && k == 25);
    ck_assert_int_eq(qc_stats_sigma_within(x, 1, sizes, k, QC_SIGMA_RBAR, &sigma), QC_OK);
    /* qcc 3.0 divides R̄ by d2(5) = 2.326 from its 3-decimal table; we use 2.3259289…. */
    double qcc_sigma = sigma * qc_stats_d2(5) / 2.326;
    FILE *f = open_oracle("qcc/qcc_vignette_capability_extract.txt");
    char line[256], name[16], v[3][32], what[96];
    qc_spec spec = {NAN, NAN, NAN};
    qc_capability c, mine;
    int blocks = 0, rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "## Number of obs = %*d Target = %lf", &val) == 1) {
            spec.target = val;
            blocks++;
        } else if (sscanf(line, "## Center = %lf LSL = %lf", &val, &val2) == 2) {
            spec.lsl = val2;
            expect_decimals("qcc center", qc_stats_mean(x, 1, n), val, 5);
        } else if (sscanf(line, "## StdDev = %31s USL = %lf", v[0], &val2) == 2) {
            spec.usl = val2;
            expect_decimals("qcc StdDev = Rbar/2.326", qcc_sigma, num(v[0]), decimals_of(v[0]));
            /* With qcc's σ in every block, and with ours (exact d2) in the first, whose two
             * decimals the d2 rounding cannot move (in block 4 it moves Cp_u from 3.36640 to
             * qcc's 3.3665001, printed 3.367). */
            ck_assert(!qc_stats_capability(x, 1, n, &spec, QC_BASIS_WITHIN, qcc_sigma, 0.95, &c) &&
                      !qc_stats_capability(x, 1, n, &spec, QC_BASIS_WITHIN, sigma, 0.95, &mine));
        } else if (sscanf(line, "## %15s %31s %31s %31s", name, v[0], v[1], v[2]) == 4 &&
                   qcc_index(&c, name)) {
            const qc_index_ci *ix = qcc_index(&c, name), *my = qcc_index(&mine, name);
            int d = decimals_of(v[0]), cp_or_cpk = !strcmp(name, "Cp") || !strcmp(name, "Cp_k");
            rows++;
            snprintf(what, sizeof what, "qcc block %d (target %g) %s", blocks, spec.target, name);
            expect_decimals(what, ix->value, num(v[0]), d);
            if (blocks == 1) expect_decimals(what, my->value, num(v[0]), d);
            if (blocks == 1 && cp_or_cpk) { /* Cp 1.70 [1.49, 1.91], Cpk 1.66 [1.45, 1.88] */
                expect_decimals(what, my->lo, num(v[1]), decimals_of(v[1]));
                expect_decimals(what, my->hi, num(v[2]), decimals_of(v[2]));
            }
            /* CIs: Cp (Chou) and Cpk (Bissell, two-sided z) follow qcc's conventions. qcc
             * gives Cp_l/Cp_u a one-sided z (we use two-sided), and its Cpm df
             * n(1 + a²)/(1 + 2a²) is not Boyles' n(1 + a²)²/(1 + 2a²): they agree to print
             * only where the target is at the mean (74), so only there is Cpm's CI compared. */
            if (!(cp_or_cpk || (!strcmp(name, "Cpm") && spec.target == 74.0))) continue;
            strcat(what, " CI");
            expect_decimals(what, ix->lo, num(v[1]), decimals_of(v[1]));
            expect_decimals(what, ix->hi, num(v[2]), decimals_of(v[2]));
        } else if (sscanf(line, "## Exp%*[<>]%*s %lf%% Obs%*[<>]%*s %lf%%", &val, &val2) == 2) {
            int low = strstr(line, "Exp<LSL") != NULL;
            double e = (low ? c.exp_ppm_below : c.exp_ppm_above) / 1e4;
            snprintf(what, sizeof what, "qcc block %d %s %%", blocks, low ? "<LSL" : ">USL");
            /* qcc prints signif(·, 2), and 0 below 0.01 %. */
            if (val == 0) expect_close(what, e < 0.01 ? 0.0 : e, 0.0, 0, 0);
            else expect_close(what, e, val, 0, 0.5 * pow(10.0, floor(log10(val)) - 1));
            expect_close(what, (low ? c.obs_ppm_below : c.obs_ppm_above) / 1e4, val2, 0, 1e-12);
        }
    }
    fclose(f);
    ck_assert(blocks == 4 && rows == 20);
    /* SAS/QC cans, Fig. 5.2: overall sd, so these are our Pp family. */
    char key[160];
    ck_assert_uint_eq(n = cans(x), 100);
#define P(fmt, ...) (snprintf(key, sizeof key, "sas_capability_cans_fluid_weight.csv|" fmt, \
                              __VA_ARGS__), pub(key))
    spec = (qc_spec){P("%s", "LSL"), P("%s", "USL"), P("%s", "target")};
    ck_assert_int_eq(qc_stats_capability(x, 1, n, &spec, QC_BASIS_OVERALL, NAN, 0.95, &c), QC_OK);
    expect_decimals("SAS mean", c.mean, P("%s", "mean"), 4);
    const char *names[5] = {"Cp", "CPL", "CPU", "Cpk", "Cpm"};
    const qc_index_ci *ix[5] = {&c.cp, &c.cpl, &c.cpu, &c.cpk, &c.cpm};
    for (int i = 0; i < 5; i++) {
        expect_decimals(names[i], ix[i]->value, P("indices_with_95pct_CI|%s|0", names[i]), 6);
        /* SAS's CPL/CPU intervals are not Bissell's; its Cp, Cpk and Cpm (Boyles) ones are. */
        if (i == 1 || i == 2) continue;
        expect_decimals(names[i], ix[i]->lo, P("indices_with_95pct_CI|%s|1", names[i]), 6);
        expect_decimals(names[i], ix[i]->hi, P("indices_with_95pct_CI|%s|2", names[i]), 6);
    }
    expect_close("SAS % below LSL", c.obs_ppm_below / 1e4, P("%s", "pct_below_LSL"), 0, 1e-12);
    expect_close("SAS % above USL", c.obs_ppm_above / 1e4, P("%s", "pct_above_USL"), 0, 1e-12);
    expect_close("SAS % between", 100 - c.obs_ppm_total / 1e4, P("%s", "pct_between"), 0, 1e-12);
#undef P
    ck_assert_msg(failures == 0, "%d qcc/SAS checks failed", failures);
}
END_TEST

/* The field of c named as in r/capability.R (cp, cp_lo, cp_hi, cpl, …, exp_below, obs_above). */
static double cap_field(const qc_capability *c, const char *w) {
    static const char *nm[5] = {"cp", "cpl", "cpu", "cpk", "cpm"};
    const qc_index_ci *ix[5] = {&c->cp, &c->cpl, &c->cpu, &c->cpk, &c->cpm};
    for (int q = 0; q < 5; q++) {
        size_t L = strlen(nm[q]);
        if (strncmp(w, nm[q], L) != 0) continue;
        if (w[L] == '\0') return ix[q]->value;
        if (strcmp(w + L, "_lo") == 0) return ix[q]->lo;
        if (strcmp(w + L, "_hi") == 0) return ix[q]->hi;
    }
    return !strcmp(w, "exp_below") ? c->exp_ppm_below : !strcmp(w, "exp_above") ? c->exp_ppm_above
           : !strcmp(w, "obs_below") ? c->obs_ppm_below : c->obs_ppm_above;
}

START_TEST(test_capability_vs_r) {
    failures = 0;
    row5 *r;
    size_t nr = load_rows("r/capability_expected.csv", &r), n = 0, ncase = 0, sz[40], k;
    static const char *pn[5] = {"lsl", "usl", "target", "sigma", "conf"};
    double x[200], par[5] = {NAN, NAN, NAN, NAN, NAN};
    qc_capability c;
    for (size_t i = 0; i < nr; i++) {
        const char *w = r[i].f[1];
        int q = 0;
        while (q < 5 && strcmp(w, pn[q]) != 0) q++;
        if (strcmp(w, "data") == 0) {
            n = strcmp(r[i].f[2], "cans") == 0 ? cans(x) : pistonrings(x, sz, &k);
        } else if (q < 5 && n > 0) {
            par[q] = num(r[i].f[2]);
            qc_spec spec = {par[0], par[1], par[2]};
            if (q == 4 && ++ncase)
                ck_assert(qc_stats_capability(x, 1, n, &spec, isnan(par[3]) ? QC_BASIS_OVERALL
                                              : QC_BASIS_WITHIN, par[3], par[4], &c) == QC_OK);
        } else if (n > 0) {
            char what[96];
            snprintf(what, sizeof what, "%s %s", r[i].f[0], w);
            /* Natively 1e-15; near-mean limits magnify the mean's last bit 6700-fold in ppm, and
             * valgrind runs GSL's long-double mean accumulator in double: 1e-11 then. */
            expect_close(what, cap_field(&c, w), num(r[i].f[2]), 1e-10, 1e-9);
        }
    }
    free(r);
    ck_assert_msg(ncase == 7 && failures == 0, "%d capability checks failed", failures);
    /* Edges. */
    double y[5] = {1.0, 1.2, 0.9, 1.1, 1.05}, flat[4] = {2, 2, 2, 2}, nan[3] = {1, NAN, 2};
    qc_spec none = {NAN, NAN, NAN}, both = {0.5, 1.5, 1.0}, bad = {1.5, 0.5, NAN},
            inf = {-INFINITY, 1.5, NAN}, lower = {0.5, NAN, 1.0};
#define CAP(v, n, spec, basis, s, conf) \
    qc_stats_capability(v, 1, n, &spec, QC_BASIS_##basis, s, conf, &c)
#define BAD(v, n, spec, basis, s, conf) ck_assert(CAP(v, n, spec, basis, s, conf) == QC_EDOM)
    BAD(y, 5, none, OVERALL, NAN, 0.95);
    ck_assert(isnan(c.cp.value) && isnan(c.cpk.lo) && isnan(c.exp_ppm_total) && isnan(c.mean));
    /* LSL >= USL, infinite limit, n < 2, conf 1, σ 0 or NaN, sd 0, NaN data */
    BAD(y, 5, bad, OVERALL, NAN, 0.95), BAD(y, 5, inf, OVERALL, NAN, 0.95);
    BAD(y, 1, both, OVERALL, NAN, 0.95), BAD(y, 5, both, OVERALL, NAN, 1.0);
    BAD(y, 5, both, WITHIN, 0.0, 0.95), BAD(y, 5, both, WITHIN, NAN, 0.95);
    BAD(flat, 4, both, OVERALL, NAN, 0.95), BAD(nan, 3, both, OVERALL, NAN, 0.95);
#undef BAD
    /* One-sided: only Cpl (= Cpk); a target does not make Cpm without both limits. */
    ck_assert(CAP(y, 5, lower, WITHIN, 0.1, 0.95) == QC_OK);
#undef CAP
    ck_assert(isnan(c.cp.value) && isnan(c.cpu.value) && isnan(c.cpm.value));
    ck_assert(c.cpk.value == c.cpl.value && c.cpk.lo == c.cpl.lo);
    ck_assert(c.basis == QC_BASIS_WITHIN && c.sigma == 0.1);
    ck_assert(c.exp_ppm_total == c.exp_ppm_below && isnan(c.exp_ppm_above));
}
END_TEST

START_TEST(test_tolerance) {
    failures = 0;
    row5 *r;
    size_t nr = load_rows("published/nist_handbook_7_2_6_3_tolerance.csv", &r);
    const char *keys[9] = {"n", "mean", "sd", "coverage", "confidence", "k2_howe",
                           "lower_two_sided", "upper_two_sided", "k1_exact"};
    double v[9] = {NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN}, k, lo, hi;
    int d[9];
    for (int q = 0; q < 9; q++)
        for (size_t i = 0; i < nr; i++)
            if (strcmp(r[i].f[0], keys[q]) == 0) v[q] = num(r[i].f[1]), d[q] = atoi(r[i].f[2]);
    for (int q = 0; q < 9; q++) ck_assert_msg(!isnan(v[q]), "NIST file: no %s", keys[q]);
    free(r);
    size_t n = (size_t)v[0];
    ck_assert_int_eq(qc_stats_tolerance_k2_howe(n, v[3], v[4], &k), QC_OK);
    expect_decimals("NIST k2 (Howe)", k, v[5], d[5]);
    ck_assert_int_eq(qc_stats_tolerance_interval(v[1], v[2], n, v[3], v[4], 1, &lo, &hi), QC_OK);
    expect_decimals("NIST two-sided lower", lo, v[6], d[6]);
    expect_decimals("NIST two-sided upper", hi, v[7], d[7]);
    ck_assert_int_eq(qc_stats_tolerance_k1_exact(n, v[3], v[4], &k), QC_OK);
    expect_decimals("NIST k1 (exact)", k, v[8], d[8]);
    ck_assert_int_eq(qc_stats_tolerance_interval(v[1], v[2], n, v[3], v[4], 0, &lo, &hi), QC_OK);
    expect_close("one-sided bounds", hi - v[1], v[1] - lo, 1e-12, 0);
    nr = load_rows("r/tolerance_expected.csv", &r);
    for (size_t i = 0; i < nr; i++) {
        double a = num(r[i].f[1]), b = num(r[i].f[2]), c = num(r[i].f[3]), got = NAN;
        const char *kind = r[i].f[0];
        /* R's pnt (AS 243) is good to about 1e-12 in probability, and its quantiles carry that
         * over the density; mpmath at 30 digits puts ours within 4e-16 in probability where R
         * differs most (pt(-0.5, 2, 1.5) 2.5e-12 off, qt(0.999, 60, 12) 2e-11 off). */
        double rtol = strcmp(kind, "pt") == 0 ? 5e-12 : strcmp(kind, "qt") == 0 ? 5e-11 : 1e-11;
        if (strcmp(kind, "pt") == 0) qc_stats_nct_cdf(c, a, b, &got);
        if (strcmp(kind, "qt") == 0) qc_stats_nct_quantile(c, a, b, &got);
        if (strcmp(kind, "k2_howe") == 0) qc_stats_tolerance_k2_howe((size_t)a, b, c, &got);
        if (strcmp(kind, "k1_exact") == 0) qc_stats_tolerance_k1_exact((size_t)a, b, c, &got);
        char what[96];
        snprintf(what, sizeof what, "%s(df/n %g, %g, %g)", kind, a, b, c);
        expect_close(what, got, num(r[i].f[4]), rtol, 1e-14);
    }
    free(r);
    double p, t;
    ck_assert(qc_stats_nct_cdf(1.0, 0.0, 1.0, &p) == QC_EDOM && isnan(p));
    ck_assert(qc_stats_nct_cdf(NAN, 5, 1, &p) == QC_EDOM &&
              qc_stats_nct_cdf(1, 5, INFINITY, &p) == QC_EDOM);
    ck_assert(qc_stats_nct_cdf(INFINITY, 5.0, 1.0, &p) == QC_OK && p == 1.0);
    ck_assert(qc_stats_nct_quantile(1.0, 5.0, 1.0, &t) == QC_EDOM && isnan(t));
    ck_assert(qc_stats_nct_quantile(0.0, 5.0, 1.0, &t) == QC_EDOM);
    ck_assert(qc_stats_tolerance_k2_howe(1, 0.9, 0.95, &k) == QC_EDOM && isnan(k));
    ck_assert(qc_stats_tolerance_k1_exact(1, 0.9, 0.95, &k) == QC_EDOM &&
              qc_stats_tolerance_k1_exact(10, 1.0, 0.95, &k) == QC_EDOM);
    ck_assert(qc_stats_tolerance_k2_howe(10, 0.9, NAN, &k) == QC_EDOM);
    ck_assert(qc_stats_tolerance_interval(NAN, 1, 10, 0.9, 0.95, 1, &lo, &hi) == QC_EDOM &&
              isnan(lo) && isnan(hi));
    ck_assert(qc_stats_tolerance_interval(1, -1, 10, 0.9, 0.95, 0, &lo, &hi) == QC_EDOM);
    ck_assert_msg(failures == 0, "%d tolerance checks failed", failures);
}
END_TEST

int main(void) {
    qc_stats_init();
    Suite *s = suite_create("capability");
    TCase *tc = tcase_create("capability"), *tt = tcase_create("tolerance");
    tcase_add_test(tc, test_constants_and_sigma);
    tcase_add_test(tc, test_capability_published);
    tcase_add_test(tc, test_capability_vs_r);
    tcase_add_test(tt, test_tolerance);
    suite_add_tcase(s, tc), suite_add_tcase(s, tt);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
