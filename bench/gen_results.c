/* gen_results.c — generates a large long-layout benchmark study, deterministically (a fixed-seed
 * xoshiro256** generator of its own, so the same arguments give the same bytes on every machine
 * and C library).
 *
 * Writes into DIR:
 *   results.csv   N results: sample_id,product,group,indicator,value,unit,lab,date
 *   study.json    every product, each with its one standard, groups local (subject) vs
 *                 benchmark (reference) [+ other-K]
 *   rules/        a bench-only rules library: indicators.json, products.json, units.json and
 *                 one standard per product with one limit (min or max) per indicator
 *   limits.csv    the same limits as a flat table, for the R and pandas comparators
 *
 * Samples are laid out as a lab would write them: sample s is product s % P, group (s / P) % G,
 * and has one row per indicator, so products and groups interleave through the file. Values are
 * normal around a per-product mean; the subject group is shifted by -0.3, 0 or +0.3 sd per
 * product × indicator, so verdicts vary; each limit sits Z sd from its product's mean (Z = 2.326:
 * about 1 % of results fail); a fraction M of values is empty (missing).
 *
 * usage: gen_results [-n N] [-p PRODUCTS] [-i INDICATORS] [-g GROUPS] [-s SEED] [-z Z] [-m M] DIR
 *        defaults: N 1000000, 200 products, 10 indicators, 2 groups, seed 42, Z 2.326, M 0.001
 *        (up to 9,999,999 products, numbered with 7 digits above 99,999; one group: the subject
 *        only, so there is nothing to compare) */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t rs[4];

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next(void)
{
    uint64_t r = rotl(rs[1] * 5, 7) * 9, t = rs[1] << 17;
    rs[2] ^= rs[0]; rs[3] ^= rs[1]; rs[1] ^= rs[2]; rs[0] ^= rs[3];
    rs[2] ^= t; rs[3] = rotl(rs[3], 45);
    return r;
}

static void seed(uint64_t s)
{
    for (int i = 0; i < 4; i++) {  /* splitmix64 */
        uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        rs[i] = z ^ (z >> 31);
    }
}

/* uniform in (0, 1) */
static double unif(void) { return ((double)(next() >> 11) + 0.5) * 0x1.0p-53; }

/* standard normal (Box-Muller, both values used) */
static double gauss(void)
{
    static int have;
    static double spare;
    if (have) { have = 0; return spare; }
    double r = sqrt(-2 * log(unif())), a = 6.283185307179586 * unif();
    spare = r * sin(a);
    have = 1;
    return r * cos(a);
}

static const char *const units[] = {"MPa", "%", "1", "mg/kg", "mm", "N", "J", "s", "W", "kPa"};

static FILE *create(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "gen_results: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    return f;
}

static void mkdirs(const char *dir, const char *sub)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_results: %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

static void finish(FILE *f, const char *what)
{
    if (ferror(f) | fclose(f)) {
        fprintf(stderr, "gen_results: writing %s failed\n", what);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    long long n = 1000000;
    int np = 200, ni = 10, ng = 2, c;
    unsigned long long sd = 42;
    double z = 2.326, miss = 0.001;
    while ((c = getopt(argc, argv, "n:p:i:g:s:z:m:")) != -1) {
        switch (c) {
        case 'n': n = atoll(optarg); break;
        case 'p': np = atoi(optarg); break;
        case 'i': ni = atoi(optarg); break;
        case 'g': ng = atoi(optarg); break;
        case 's': sd = strtoull(optarg, NULL, 10); break;
        case 'z': z = atof(optarg); break;
        case 'm': miss = atof(optarg); break;
        default: goto usage;
        }
    }
    if (optind != argc - 1 || n < 0 || np < 1 || np > 9999999 || ni < 1 || ni > 999 || ng < 1 ||
        ng > 999 || miss < 0 || miss >= 1) {
    usage:
        fprintf(stderr, "usage: gen_results [-n N] [-p PRODUCTS] [-i INDICATORS] [-g GROUPS] "
                        "[-s SEED] [-z Z] [-m MISSING] DIR\n");
        return 2;
    }
    const char *dir = argv[optind];
    int w = np > 99999 ? 7 : 5;  /* digits of a product's number (5: the files of earlier runs) */
    mkdir(dir, 0777);
    mkdirs(dir, "rules");
    mkdirs(dir, "rules/standards");
    mkdirs(dir, "rules/standards/advanced-materials");
    seed(sd);

    /* per indicator: mean, sd, direction; per product × indicator: mean, subject shift, limit */
    double *mu = malloc(sizeof *mu * (size_t)np * ni), *shift = malloc(sizeof *shift * (size_t)np * ni);
    double *isd = malloc(sizeof *isd * ni), *lim = malloc(sizeof *lim * (size_t)np * ni);
    int *higher = malloc(sizeof *higher * ni);
    if (!mu || !shift || !isd || !lim || !higher) return 1;
    for (int i = 0; i < ni; i++) {
        double base = 50.0 * (i % 10 + 1);
        isd[i] = base * (0.02 + 0.01 * (i % 4));
        higher[i] = i % 3 != 2;  /* two thirds higher_is_better (a min), one third a max */
        for (int p = 0; p < np; p++) {
            size_t k = (size_t)p * ni + i;
            mu[k] = base * (1 + 0.1 * (unif() - 0.5));
            shift[k] = 0.3 * isd[i] * (double)((int)(next() % 3) - 1);
            lim[k] = higher[i] ? mu[k] - z * isd[i] : mu[k] + z * isd[i];
        }
    }

    /* rules */
    FILE *f = create(dir, "rules/indicators.json");
    fputs("[\n", f);
    for (int i = 0; i < ni; i++)
        fprintf(f, "  {\"id\": \"bench_ind_%03d\", \"name\": {\"en\": \"Bench indicator %d\", "
                   "\"zh\": \"基准指标%d\"}, \"unit\": \"%s\", \"direction\": \"%s\"}%s\n",
                i + 1, i + 1, i + 1, units[i % 10], higher[i] ? "higher_is_better" : "lower_is_better",
                i + 1 < ni ? "," : "");
    fputs("]\n", f);
    finish(f, "indicators.json");
    f = create(dir, "rules/products.json");
    fputs("[\n", f);
    for (int p = 0; p < np; p++)
        fprintf(f, "  {\"id\": \"bench-product-%0*d\", \"name\": {\"en\": \"Bench product %d\", "
                   "\"zh\": \"基准产品%d\"}, \"industry\": \"advanced-materials\"}%s\n",
                w, p + 1, p + 1, p + 1, p + 1 < np ? "," : "");
    fputs("]\n", f);
    finish(f, "products.json");
    f = create(dir, "rules/units.json");
    fputs("{\"aliases\": {}, \"literal\": []}\n", f);
    finish(f, "units.json");
    FILE *lc = create(dir, "limits.csv");
    fputs("product,indicator,min,max\n", lc);
    for (int p = 0; p < np; p++) {
        char name[64];
        snprintf(name, sizeof name, "rules/standards/advanced-materials/bench-std-%0*d.json", w, p + 1);
        f = create(dir, name);
        fprintf(f, "{\"id\": \"BENCH STD %0*d-2026\", \"kind\": \"enterprise\", "
                   "\"title\": {\"en\": \"Bench standard %d\", \"zh\": \"基准标准%d\"}, "
                   "\"industry\": \"advanced-materials\", \"products\": [\"bench-product-%0*d\"],\n"
                   " \"limits\": {\n", w, p + 1, p + 1, p + 1, w, p + 1);
        for (int i = 0; i < ni; i++) {
            double l = lim[(size_t)p * ni + i];
            fprintf(f, "  \"bench_ind_%03d\": {\"%s\": %.2f, \"unit\": \"%s\", \"confirmed\": true, "
                       "\"source\": \"bench/gen_results.c\"}%s\n", i + 1, higher[i] ? "min" : "max",
                    l, units[i % 10], i + 1 < ni ? "," : "");
            if (higher[i]) fprintf(lc, "bench-product-%0*d,bench_ind_%03d,%.2f,\n", w, p + 1, i + 1, l);
            else fprintf(lc, "bench-product-%0*d,bench_ind_%03d,,%.2f\n", w, p + 1, i + 1, l);
        }
        fputs(" }}\n", f);
        finish(f, name);
    }
    finish(lc, "limits.csv");

    /* study */
    f = create(dir, "study.json");
    fprintf(f, "{\"id\": \"bench\", \"title\": \"generated benchmark: %lld results, %d products, "
               "%d indicators, %d groups\", \"date\": \"2026-11-01\",\n \"results\": [\"results.csv\"],\n"
               " \"groups\": {\"column\": \"group\", \"subject\": \"local\", \"reference\": \"benchmark\"},\n"
               " \"products\": [\n", n, np, ni, ng);
    for (int p = 0; p < np; p++)
        fprintf(f, "  {\"product\": \"bench-product-%0*d\", \"standards\": [{\"id\": \"BENCH STD %0*d-2026\"}]}%s\n",
                w, p + 1, w, p + 1, p + 1 < np ? "," : "");
    fputs(" ],\n \"decision_rule\": {\"kind\": \"simple\"}, \"alpha\": 0.05, \"confidence\": 0.95}\n", f);
    finish(f, "study.json");

    /* results */
    f = create(dir, "results.csv");
    static char buf[1 << 20];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    fputs("sample_id,product,group,indicator,value,unit,lab,date\n", f);
    char gname[32];
    for (long long r = 0, s = 0; r < n; s++) {
        int p = (int)(s % np), g = (int)((s / np) % ng);
        if (g == 0) strcpy(gname, "local");
        else if (g == 1) strcpy(gname, "benchmark");
        else snprintf(gname, sizeof gname, "other-%d", g - 1);
        for (int i = 0; i < ni && r < n; i++, r++) {
            size_t k = (size_t)p * ni + i;
            double v = mu[k] + (g == 0 ? shift[k] : 0) + isd[i] * gauss();
            int missing = unif() < miss;
            fprintf(f, "S%09lld,bench-product-%0*d,%s,bench_ind_%03d,", s, w, p + 1, gname, i + 1);
            if (!missing) fprintf(f, "%.2f", v);
            fprintf(f, ",%s,Lab %c,2026-%02d-%02d\n", units[i % 10], 'A' + (int)(s % 5),
                    (int)(s % 12) + 1, (int)(s % 28) + 1);
        }
    }
    finish(f, "results.csv");
    fprintf(stderr, "gen_results: %s/results.csv: %lld results (%d products x %d indicators x %d groups)\n",
            dir, n, np, ni, ng);
    free(mu); free(shift); free(isd); free(lim); free(higher);
    return 0;
}
