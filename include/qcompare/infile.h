/* infile.h — opening an input file the hardened way, and the caps on what is read (README
 * "Exit codes", "Limits"). Every reader of a results CSV, study, rules file or analysis opens
 * its file here: a regular file, or standard input when the path is "-" (given on purpose); a
 * FIFO, device, socket or directory is refused before it is read (it could block forever or
 * never end). */
#ifndef QCOMPARE_INFILE_H
#define QCOMPARE_INFILE_H

#include <stdio.h>
#include "qcompare/status.h"

/* Caps (bytes), the defaults of the study keys max_field_bytes, max_record_bytes and of the
 * environment variable QCOMPARE_MAX_JSON_BYTES. */
#define QC_MAX_FIELD_BYTES ((size_t)8 << 20)
#define QC_MAX_RECORD_BYTES ((size_t)16 << 20)
#define QC_MAX_JSON_BYTES ((size_t)1 << 30)

/* Opens path for reading ("-": a stream on standard input): *f to fclose. QC_EIO with
 * "PATH: cannot open: …" or "PATH: cannot read: it is a FIFO, not a regular file …"; *size gets
 * the file's size (-1 for standard input) when size is not NULL. */
qc_status qc_input_open(const char *path, FILE **f, long long *size, qc_error *err);
/* The same as a file descriptor (*fd to close), for a reader that reads whole blocks itself
 * (the JSON loader): no stdio buffer and none of its system calls. */
qc_status qc_input_open_fd(const char *path, int *fd, long long *size, qc_error *err);

/* The cap on a JSON file's bytes: $QCOMPARE_MAX_JSON_BYTES when it is a positive integer, else
 * QC_MAX_JSON_BYTES. */
size_t qc_input_max_json(void);

#endif
