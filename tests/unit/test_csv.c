/* test_csv.c — Check suite for the CSV record stream (engine/ingest/csv.c, DESIGN §4.1):
 * quoting, CRLF, BOM, blank lines, physical line numbers, delimiters, errors, and the same
 * records and lines whatever the block size. Fixtures are the string literals below, written
 * to a mkdtemp directory at run time.
 *
 * A file's records are rendered one per line as "LINE:field|field|…", with CR and LF inside
 * a field shown as \r and \n, so that a whole parse compares as one string. */

#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcompare/ingest.h"

static char dir[4096];
static const size_t blocks[] = {1, 2, 3, 7, 65536};

typedef struct {
    char text[16384];
    size_t used, nrec, stop_after;
} sink;

static void put(sink *k, const char *s) {
    size_t n = strlen(s);
    ck_assert_uint_lt(k->used + n, sizeof k->text);
    memcpy(k->text + k->used, s, n + 1);
    k->used += n;
}

static int collect(const qc_csv_record *rec, void *ctx) {
    sink *k = ctx;
    char num[32];
    size_t i, j;

    snprintf(num, sizeof num, "%zu:", rec->line);
    put(k, num);
    for (i = 0; i < rec->nfields; i++) {
        const char *f = rec->field[i];
        ck_assert_uint_eq(strlen(f), rec->len[i]);
        if (i) put(k, "|");
        for (j = 0; f[j]; j++) {
            char c[2] = {f[j], 0};
            put(k, f[j] == '\n' ? "\\n" : f[j] == '\r' ? "\\r" : c);
        }
    }
    put(k, "\n");
    k->nrec++;
    return k->stop_after && k->nrec == k->stop_after ? 42 : 0;
}

static const char *fixture(const char *name, const char *content) {
    static char path[4200];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    ck_assert_ptr_nonnull(f = fopen(path, "wb"));
    ck_assert_uint_eq(fwrite(content, 1, strlen(content), f), strlen(content));
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

static qc_status read_with(const char *path, char delim, size_t block, sink *k, qc_error *err) {
    qc_csv_options opt = {.delimiter = delim, .block_size = block};
    memset(k, 0, sizeof *k);
    return qc_csv_read(path, &opt, collect, k, err);
}

/* Parses content at every block size and checks the records against want. */
static void expect(const char *content, char delim, const char *want) {
    const char *path = fixture("t.csv", content);
    size_t b;
    sink k;
    qc_error err = {QC_OK, ""};

    for (b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
        qc_status st = read_with(path, delim, blocks[b], &k, &err);
        ck_assert_msg(st == QC_OK, "block %zu: status %d: %s", blocks[b], (int)st, err.message);
        ck_assert_msg(strcmp(k.text, want) == 0, "block %zu:\ngot:\n%swant:\n%s", blocks[b],
                      k.text, want);
    }
    unlink(path);
}

/* Parses content at every block size and checks the error status and message suffix. */
static void expect_error(const char *content, qc_status want, const char *msg) {
    const char *path = fixture("e.csv", content);
    size_t b, n = strlen(path);
    sink k;
    qc_error err;

    for (b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
        memset(&err, 0, sizeof err);
        ck_assert_int_eq(read_with(path, 0, blocks[b], &k, &err), want);
        ck_assert_int_eq(err.status, want);
        ck_assert_msg(strncmp(err.message, path, n) == 0 && strcmp(err.message + n, msg) == 0,
                      "block %zu: got '%s', want PATH'%s'", blocks[b], err.message, msg);
    }
    unlink(path);
}

START_TEST(test_quotes) {
    expect("product,note,value\n"
           "p1,\"steel, cold rolled\",1\n"
           "p2,\"the \"\"best\"\"\",2\n"
           "p3,\"\",3\n",
           0,
           "1:product|note|value\n"
           "2:p1|steel, cold rolled|1\n"
           "3:p2|the \"best\"|2\n"
           "4:p3||3\n");
}
END_TEST

START_TEST(test_embedded_newline) {
    expect("product,note,value\n"
           "p1,\"two\nlines\",1\n"
           "p2,\"three\n\nlines\",2\n"
           "p3,plain,3\n",
           0,
           "1:product|note|value\n"
           "2:p1|two\\nlines|1\n"
           "4:p2|three\\n\\nlines|2\n"
           "7:p3|plain|3\n");
}
END_TEST

START_TEST(test_crlf) {
    expect("a,b\r\n"
           "\"x\r\ny\",1\r\n"
           "c,d\r\n",
           0,
           "1:a|b\n"
           "2:x\\r\\ny|1\n"
           "4:c|d\n");
}
END_TEST

START_TEST(test_bom) {
    expect("\xEF\xBB\xBFproduct,value\np1,1\n", 0, "1:product|value\n2:p1|1\n");
    expect("\xEF\xBB\xBF", 0, "");
    expect("\xEF\xBB", 0, "1:\xEF\xBB\n"); /* not a BOM: kept */
}
END_TEST

START_TEST(test_blank_lines) {
    expect("\n"
           "a,b\n"
           "\n"
           "   \n"
           "\r\n"
           "c,d\n"
           "\"\"\n" /* only field empty: not a record */
           "\t\n"
           "e,f\n"
           "\n",
           0,
           "2:a|b\n"
           "6:c|d\n"
           "9:e|f\n");
}
END_TEST

START_TEST(test_blanks_and_empty_fields) {
    expect(" a , \" b \" ,c\n"
           ",\n"
           "x,,\n",
           0,
           "1:a| b |c\n"
           "2:|\n"
           "3:x||\n");
}
END_TEST

START_TEST(test_no_trailing_newline) {
    expect("a,b\nc,d", 0, "1:a|b\n2:c|d\n");
    expect("a,b\r\nc,\"d\ne\"", 0, "1:a|b\n2:c|d\\ne\n");
    expect("a,b\n   ", 0, "1:a|b\n");
}
END_TEST

START_TEST(test_empty_and_header_only) {
    expect("", 0, "");
    expect("\n\n\r\n", 0, "");
    expect("product,indicator,value\n", 0, "1:product|indicator|value\n");
}
END_TEST

START_TEST(test_delimiters) {
    expect("a;b,c;\"d;e\"\n1;2;3\n", ';', "1:a|b,c|d;e\n2:1|2|3\n");
    expect("a\tb c\t\td\n"
           " x \t\"y\tz\"\t\n",
           '\t',
           "1:a|b c||d\n"
           "2:x|y\tz|\n");
}
END_TEST

/* A lone CR ends a record and a line (old Mac files); a CRLF pair is one line end. */
START_TEST(test_lone_cr_ends_a_record) {
    expect("a\rb\nc\n", 0, "1:a\n2:b\n3:c\n");
    expect("a\rb\r\nc\rd\n", 0, "1:a\n2:b\n3:c\n4:d\n");
}
END_TEST

START_TEST(test_long_field) {
    static char content[20000], want[20100];

    memset(content, 'x', 15000);
    strcpy(content + 15000, ",1\nnext,2\n");
    snprintf(want, sizeof want, "1:%.*s|1\n2:next|2\n", 15000, content);
    expect(content, 0, want);
}
END_TEST

/* The same records and lines at 1, 3 and 7 bytes a block as at 64 KiB, on a file with every
 * feature, so records, quotes, CRLF pairs and the BOM are split across blocks. */
START_TEST(test_block_sizes_agree) {
    static const size_t tiny[] = {1, 3, 7};
    const char *path = fixture("b.csv",
                               "\xEF\xBB\xBFproduct,\"note\",value\r\n"
                               "\r\n"
                               "p1,\"a, \"\"b\"\"\r\nc\",<0.05\r\n"
                               "\n"
                               "  p2 ,plain,ND\r\n"
                               "p3,\"x\n\ny\",12.5");
    sink big, small;
    size_t i;

    ck_assert_int_eq(read_with(path, 0, 65536, &big, NULL), QC_OK);
    ck_assert_str_eq(big.text, "1:product|note|value\n"
                               "3:p1|a, \"b\"\\r\\nc|<0.05\n"
                               "6:p2|plain|ND\n"
                               "7:p3|x\\n\\ny|12.5\n");
    for (i = 0; i < sizeof tiny / sizeof tiny[0]; i++) {
        ck_assert_int_eq(read_with(path, 0, tiny[i], &small, NULL), QC_OK);
        ck_assert_msg(strcmp(small.text, big.text) == 0, "block %zu:\n%s", tiny[i], small.text);
    }
    unlink(path);
}
END_TEST

START_TEST(test_unterminated_quote) {
    expect_error("a,b\n"
                 "\n"
                 "c,\"unterminated\n"
                 "more\n"
                 "lines\n",
                 QC_EDATA, ":3: unterminated quoted field");
    expect_error("\"x", QC_EDATA, ":1: unterminated quoted field");
}
END_TEST

START_TEST(test_stray_quote) {
    static const char msg[] = ": stray quote: quote the whole field and double the quotes inside it";
    char want[200];

    snprintf(want, sizeof want, ":2%s", msg);
    expect_error("a,b\nc,d\"e\n", QC_EDATA, want);
    snprintf(want, sizeof want, ":2%s", msg);
    expect_error("a,b\n\"c\nd\"x,e\n", QC_EDATA, want); /* where the record starts */
}
END_TEST

START_TEST(test_unreadable) {
    char path[4200];
    qc_error err = {QC_OK, ""};
    sink k;

    snprintf(path, sizeof path, "%s/no-such-file.csv", dir);
    ck_assert_int_eq(read_with(path, 0, 0, &k, &err), QC_EIO);
    ck_assert_int_eq(err.status, QC_EIO);
    ck_assert_ptr_nonnull(strstr(err.message, "no-such-file.csv: cannot open: "));
    ck_assert_int_eq(read_with(path, 0, 0, &k, NULL), QC_EIO); /* err may be NULL */
    ck_assert_int_eq(read_with(dir, 0, 0, &k, &err), QC_EIO);  /* a directory */
    ck_assert_uint_eq(k.nrec, 0);
}
END_TEST

START_TEST(test_callback_stops) {
    const char *path = fixture("s.csv", "h\n1\n2\n3\n");
    size_t b;
    sink k;

    for (b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
        qc_csv_options opt = {.block_size = blocks[b]};
        memset(&k, 0, sizeof k);
        k.stop_after = 2;
        ck_assert_int_eq(qc_csv_read(path, &opt, collect, &k, NULL), 42);
        ck_assert_str_eq(k.text, "1:h\n2:1\n");
    }
    memset(&k, 0, sizeof k); /* stopping on the last record, which has no newline */
    k.stop_after = 2;
    ck_assert_int_eq(qc_csv_read(fixture("s.csv", "h\n1"), NULL, collect, &k, NULL), 42);
    unlink(path);
}
END_TEST

/* The block check behind qc_csv_record.utf8: per record, whether it was flagged and whether
 * all its fields are in fact well-formed. */
typedef struct {
    int flag[16], valid[16];
    size_t n;
} utf8_sink;

static int note_utf8(const qc_csv_record *rec, void *ctx) {
    utf8_sink *k = ctx;
    int valid = 1;
    for (size_t i = 0; i < rec->nfields; i++)
        valid &= qc_utf8_valid_prefix(rec->field[i], rec->len[i]) == rec->len[i];
    ck_assert_uint_lt(k->n, 16);
    k->flag[k->n] = rec->utf8, k->valid[k->n++] = valid;
    return 0;
}

/* Reads content at every block size from 1 to its length + 1: a flagged record is valid
 * (whatever block the bad byte falls in: before, inside or after a record, in a quoted
 * field, cut by a block boundary); the first `clean` records are flagged at block size 1
 * (only the blocks read so far count); every record of a valid text is flagged at every
 * block size. */
static void expect_utf8(const char *content, size_t clean, int all_valid) {
    const char *path = fixture("u.csv", content);
    size_t len = strlen(content);
    for (size_t b = 1; b <= len + 1; b++) {
        qc_csv_options opt = {.block_size = b};
        utf8_sink k = {0};
        ck_assert_int_eq(qc_csv_read(path, &opt, note_utf8, &k, NULL), QC_OK);
        for (size_t i = 0; i < k.n; i++) {
            ck_assert_msg(!k.flag[i] || k.valid[i], "block %zu: record %zu flagged, not valid", b, i);
            if (b == 1 && i < clean) ck_assert_msg(k.flag[i], "block 1: record %zu not flagged", i);
            if (all_valid) ck_assert_msg(k.flag[i], "block %zu: record %zu not flagged", b, i);
        }
    }
    unlink(path);
}

START_TEST(test_utf8_flag) {
    /* valid: multi-byte characters cut by every block boundary, quoted, with a BOM */
    expect_utf8("\xEF\xBB\xBFproduct,\xE5\xB1\x88\xE6\x9C\x8D\n\"a,\xE2\x89\xA4\",\xF0\x9F\x98\x80\nx,y\n", 3, 1);
    /* a GBK byte pair in the second record: the first is clean */
    expect_utf8("h1,h2\n\xC7\xFD,b\nc,d\n", 1, 0);
    /* an invalid byte inside a quoted field that spans lines */
    expect_utf8("h1,h2\na,b\n\"x\ny\xFF\",z\nlast,1\n", 2, 0);
    /* a character cut short by a delimiter, then by the end of the file (no newline) */
    expect_utf8("h\nok\n\xE6\x9C,\n", 2, 0);
    expect_utf8("h\nok\nend\xE6\x9C", 2, 0);
    /* a lone continuation byte, a surrogate, an overlong: each right after a clean record */
    expect_utf8("h\n1\n\x80\n", 2, 0);
    expect_utf8("h\n1\n\xED\xA0\x80\n", 2, 0);
    expect_utf8("h\n1\n\xC0\xAF\n", 2, 0);
}
END_TEST

/* A NUL byte is found in any field at any block size, quoted or not, in a block with or
 * without quotes (the reader looks at a field's bytes only when a block of its record had a
 * quote or a NUL), and a quoted line feed still counts a line at every block size. */
START_TEST(test_nul_any_block) {
    static const struct { const char *text; size_t len; const char *want; } cases[] = {
        {"h,i\nab\0c,d\n", 12, ":2: field 1 holds a NUL byte"},
        {"h,i\n\"x\ny\0\",1\n", 13, ":2: field 1 holds a NUL byte"},
        {"h,i\n\"x\ny\",1\n2,\0\n", 16, ":4: field 2 holds a NUL byte"},
    };
    char path[4200];
    snprintf(path, sizeof path, "%s/nul.csv", dir);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        ck_assert_uint_eq(fwrite(cases[c].text, 1, cases[c].len, f), cases[c].len);
        ck_assert_int_eq(fclose(f), 0);
        for (size_t b = 1; b <= cases[c].len + 1; b++) {
            sink k;
            qc_error err = {QC_OK, ""};
            ck_assert_int_eq(read_with(path, 0, b, &k, &err), QC_EDATA);
            ck_assert_msg(strstr(err.message, cases[c].want), "case %zu block %zu: %s", c, b,
                          err.message);
        }
    }
    unlink(path);
}
END_TEST

int main(void) {
    const char *tmp = getenv("TMPDIR");
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("records");
    SRunner *sr;
    int failed;

    snprintf(dir, sizeof dir, "%s/qc_test_csv.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return EXIT_FAILURE;
    }
    tcase_add_test(tc, test_quotes);
    tcase_add_test(tc, test_embedded_newline);
    tcase_add_test(tc, test_crlf);
    tcase_add_test(tc, test_bom);
    tcase_add_test(tc, test_blank_lines);
    tcase_add_test(tc, test_blanks_and_empty_fields);
    tcase_add_test(tc, test_no_trailing_newline);
    tcase_add_test(tc, test_empty_and_header_only);
    tcase_add_test(tc, test_delimiters);
    tcase_add_test(tc, test_lone_cr_ends_a_record);
    tcase_add_test(tc, test_long_field);
    tcase_add_test(tc, test_block_sizes_agree);
    tcase_add_test(tc, test_unterminated_quote);
    tcase_add_test(tc, test_stray_quote);
    tcase_add_test(tc, test_unreadable);
    tcase_add_test(tc, test_callback_stops);
    tcase_add_test(tc, test_utf8_flag);
    tcase_add_test(tc, test_nul_any_block);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    rmdir(dir);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
