/* csv_floor.c — the parse-only floor for the benchmarks: reads a CSV through libcsv in 64 KiB
 * blocks and counts records and fields, doing nothing else. qcompare's ingestion is measured
 * against this (bench/run.sh). With -t N the file is cut at N - 1 line ends into N parts, each
 * parsed by its own libcsv parser on its own thread (the floor of a reader on N cores; the cut
 * assumes no line end inside a quoted field, true of bench/gen_results' files).
 * usage: csv_floor [-t N] FILE */
#define _XOPEN_SOURCE 700
#include <csv.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct part {
    int fd;
    off_t start, end;
    size_t nrec, nfield;
    int failed;
} part;

static void on_field(void *s, size_t n, void *d) { (void)s; (void)n; ((part *)d)->nfield++; }
static void on_record(int c, void *d) { (void)c; ((part *)d)->nrec++; }

static void *parse(void *arg)
{
    part *p = arg;
    static __thread char buf[65536];
    struct csv_parser cp;
    if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI) != 0) { p->failed = 1; return NULL; }
    for (off_t at = p->start; at < p->end;) {
        size_t want = (size_t)(p->end - at) < sizeof buf ? (size_t)(p->end - at) : sizeof buf;
        ssize_t n = pread(p->fd, buf, want, at);
        if (n <= 0) { p->failed = 1; break; }
        if (csv_parse(&cp, buf, (size_t)n, on_field, on_record, p) != (size_t)n) {
            fprintf(stderr, "csv_floor: %s\n", csv_strerror(csv_error(&cp)));
            p->failed = 1;
            break;
        }
        at += n;
    }
    csv_fini(&cp, on_field, on_record, p);
    csv_free(&cp);
    return NULL;
}

/* The offset just past the first line end at or after at (size when there is none). */
static off_t after_line_end(int fd, off_t at, off_t size)
{
    char buf[4096];
    while (at < size) {
        ssize_t n = pread(fd, buf, sizeof buf, at);
        if (n <= 0) return size;
        char *nl = memchr(buf, '\n', (size_t)n);
        if (nl) return at + (nl - buf) + 1;
        at += n;
    }
    return size;
}

int main(int argc, char **argv)
{
    int threads = 1, a = 1;
    if (argc == 4 && strcmp(argv[1], "-t") == 0) threads = atoi(argv[2]), a = 3;
    struct stat sb;
    int fd = argc == a + 1 && threads >= 1 && threads <= 64 ? open(argv[a], O_RDONLY) : -1;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        fprintf(stderr, "usage: csv_floor [-t N] FILE\n");
        return 2;
    }
    part parts[64];
    pthread_t tid[64];
    off_t at = 0;
    for (int k = 0; k < threads; k++) {
        off_t end = k == threads - 1 ? sb.st_size : after_line_end(fd, sb.st_size / threads * (k + 1), sb.st_size);
        if (end < at) end = at;
        parts[k] = (part){fd, at, end, 0, 0, 0};
        at = end;
    }
    for (int k = 1; k < threads; k++) pthread_create(&tid[k], NULL, parse, &parts[k]);
    parse(&parts[0]);
    size_t nrec = parts[0].nrec, nfield = parts[0].nfield;
    int failed = parts[0].failed;
    for (int k = 1; k < threads; k++) {
        pthread_join(tid[k], NULL);
        nrec += parts[k].nrec;
        nfield += parts[k].nfield;
        failed |= parts[k].failed;
    }
    close(fd);
    if (failed) return 1;
    printf("%zu records, %zu fields\n", nrec, nfield);
    return 0;
}
