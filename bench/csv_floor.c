/* csv_floor.c — the parse-only floor for the benchmarks: reads a CSV through libcsv in 64 KiB
 * blocks and counts records and fields, doing nothing else. qcompare's ingestion is measured
 * against this (bench/run.sh).  usage: csv_floor FILE */
#include <csv.h>
#include <stdio.h>

static size_t nrec, nfield;
static void on_field(void *s, size_t n, void *d) { (void)s; (void)n; (void)d; nfield++; }
static void on_record(int c, void *d) { (void)c; (void)d; nrec++; }

int main(int argc, char **argv)
{
    static char buf[65536];
    struct csv_parser p;
    size_t n;
    FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
    if (!f || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fprintf(stderr, "usage: csv_floor FILE\n");
        return 2;
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_record, NULL) != n) {
            fprintf(stderr, "csv_floor: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    csv_fini(&p, on_field, on_record, NULL);
    csv_free(&p);
    fclose(f);
    printf("%zu records, %zu fields\n", nrec, nfield);
    return 0;
}
