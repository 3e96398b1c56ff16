/* test_encoding.c — Check suite for input encodings (engine/ingest/encoding.c, the decoding path
 * of engine/ingest/csv.c, the incremental UTF-8 scan of engine/ingest/utf8.c; DESIGN §4.1):
 * a GB18030 file whose 2- and 4-byte characters straddle block boundaries gives the same
 * records at block sizes 1..7 as in one block; the decoder gives the same text for every split
 * of its input; invalid and truncated input is refused with its line; a file declared GB18030
 * that is UTF-8 is refused before any record (or at the end when its UTF-8 comes late).
 * Fixture bytes were computed with `iconv -f utf-8 -t gb18030`. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcompare/ingest.h"

static char dir[4096];

/* 产品,指标,值,备注 / steel-rebar,屈服强度,450,"合格\n（复检）" / steel-rebar,下屈服强度,<5,😀À /
 * 钢,抗拉强度,ND, — CRLF, a quoted field with a newline, 4-byte characters (😀 94 39 FC 36,
 * À 81 30 86 38), a last line with LF. */
static const char GB[] =
    "\xB2\xFA\xC6\xB7,\xD6\xB8\xB1\xEA,\xD6\xB5,\xB1\xB8\xD7\xA2\r\n"
    "steel-rebar,\xC7\xFC\xB7\xFE\xC7\xBF\xB6\xC8,450,\"\xBA\xCF\xB8\xF1\n\xA3\xA8\xB8\xB4\xBC\xEC\xA3\xA9\"\r\n"
    "steel-rebar,\xCF\xC2\xC7\xFC\xB7\xFE\xC7\xBF\xB6\xC8,<5,\x94" "9\xFC" "6\x81" "0\x86" "8\r\n"
    "\xB8\xD6,\xBF\xB9\xC0\xAD\xC7\xBF\xB6\xC8,ND,\n";
static const char GB_RECORDS[] =
    "1:产品|指标|值|备注\n"
    "2:steel-rebar|屈服强度|450|合格\\n（复检）\n"
    "4:steel-rebar|下屈服强度|<5|😀À\n"
    "5:钢|抗拉强度|ND|\n";

typedef struct {
    char text[8192];
    size_t used, nrec;
} sink;

static void put(sink *k, const char *s, size_t n) {
    ck_assert_uint_lt(k->used + n, sizeof k->text);
    memcpy(k->text + k->used, s, n);
    k->used += n;
    k->text[k->used] = '\0';
}

static int quiet;  /* count records only */

static int collect(const qc_csv_record *rec, void *ctx) {
    sink *k = ctx;
    char num[32];
    if (quiet) return k->nrec++, 0;
    snprintf(num, sizeof num, "%zu:", rec->line);
    put(k, num, strlen(num));
    for (size_t i = 0; i < rec->nfields; i++) {
        if (i) put(k, "|", 1);
        for (size_t j = 0; j < rec->len[i]; j++)
            put(k, rec->field[i][j] == '\n' ? "\\n" : rec->field[i] + j, rec->field[i][j] == '\n' ? 2 : 1);
    }
    put(k, "\n", 1);
    k->nrec++;
    return 0;
}

static const char *fixture(const char *name, const char *content, size_t n) {
    static char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(content, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

static qc_status read_as(const char *path, const char *enc, size_t block, sink *k, qc_error *err) {
    qc_csv_options opt = {.delimiter = ',', .block_size = block, .encoding = enc};
    memset(k, 0, sizeof *k);
    return qc_csv_read(path, &opt, collect, k, err);
}

START_TEST(test_block_boundaries) {
    const char *path = fixture("gb.csv", GB, sizeof GB - 1);
    sink one, k;
    qc_error err = {0};
    ck_assert_int_eq(read_as(path, "gb18030", 65536, &one, &err), QC_OK);
    ck_assert_str_eq(one.text, GB_RECORDS);
    for (size_t b = 1; b <= 7; b++) {
        qc_status st = read_as(path, "gb18030", b, &k, &err);
        ck_assert_msg(st == QC_OK, "block %zu: %s", b, err.message);
        ck_assert_msg(strcmp(k.text, one.text) == 0, "block %zu:\n%s", b, k.text);
    }
    ck_assert_int_eq(read_as(path, "GB18030", 3, &k, &err), QC_OK);  /* case-insensitive */
    ck_assert_str_eq(k.text, GB_RECORDS);
    unlink(path);
}
END_TEST

typedef struct { char text[512]; size_t n; } buffer;

static int append(const char *s, size_t n, void *ctx) {
    buffer *b = ctx;
    ck_assert_uint_lt(b->n + n, sizeof b->text);
    memcpy(b->text + b->n, s, n);
    b->n += n;
    b->text[b->n] = '\0';
    return 0;
}

/* Every split of the input into two feeds gives the same text as one feed. */
START_TEST(test_decoder_any_split) {
    static const char in[] = "a\xC7\xFC\x94" "9\xFC" "6b\x81" "0\x86" "8";  /* a屈😀bÀ */
    size_t n = sizeof in - 1;
    for (size_t cut = 0; cut <= n; cut++) {
        qc_decoder *d;
        buffer b = {{0}, 0};
        ck_assert_int_eq(qc_decoder_open("gb18030", &d), QC_OK);
        ck_assert_int_eq(qc_decoder_feed(d, in, cut, 0, append, &b), QC_DECODE_OK);
        ck_assert_int_eq(qc_decoder_feed(d, in + cut, n - cut, 1, append, &b), QC_DECODE_OK);
        ck_assert_msg(strcmp(b.text, "a屈😀bÀ") == 0, "cut %zu: %s", cut, b.text);
        ck_assert_uint_eq(qc_decoder_offset(d), n);
        qc_decoder_free(d);
    }
}
END_TEST

START_TEST(test_decoder_gbk_and_unknown) {
    qc_decoder *d;
    buffer b = {{0}, 0};
    ck_assert_int_eq(qc_decoder_open("gbk", &d), QC_OK);
    ck_assert_str_eq(qc_decoder_name(d), "gbk");
    ck_assert_int_eq(qc_decoder_feed(d, "\xB2\xFA\xC6\xB7", 4, 1, append, &b), QC_DECODE_OK);
    ck_assert_str_eq(b.text, "产品");
    qc_decoder_free(d);
    ck_assert_int_eq(qc_decoder_open("latin1", &d), QC_EUSAGE);
    ck_assert_ptr_null(d);
    ck_assert_int_eq(qc_decoder_open("utf-8", &d), QC_EUSAGE);  /* no conversion needed */
}
END_TEST

/* An invalid byte (0xFF is no GB18030 lead byte) on line 3: its line and offset, any block. */
START_TEST(test_invalid_byte) {
    static const char text[] = "a,b\n\xB2\xFA,1\nc,\xFF\n";
    const char *path = fixture("bad.csv", text, sizeof text - 1);
    char want[4400];
    snprintf(want, sizeof want, "%s:3: byte 12 is not a gb18030 character: is the declared "
             "encoding right? (utf-8, gb18030 and gbk are read)", path);
    for (size_t b = 1; b <= 7; b++) {
        sink k;
        qc_error err = {0};
        ck_assert_int_eq(read_as(path, "gb18030", b, &k, &err), QC_EDATA);
        ck_assert_str_eq(err.message, want);
    }
    unlink(path);
}
END_TEST

START_TEST(test_truncated) {
    static const char text[] = "a,b\nc,\xC7";
    const char *path = fixture("cut.csv", text, sizeof text - 1);
    for (size_t b = 1; b <= 7; b++) {
        sink k;
        qc_error err = {0};
        ck_assert_int_eq(read_as(path, "gb18030", b, &k, &err), QC_EDATA);
        ck_assert_ptr_nonnull(strstr(err.message, "cut.csv:2: the file ends inside a gb18030 character"));
    }
    unlink(path);
}
END_TEST

/* UTF-8 declared GB18030: refused before any record is read, at every block size. */
START_TEST(test_utf8_declared_gb18030) {
    static const char text[] = "产品,指标,值\nsteel-rebar,屈服强度,450\n";
    const char *path = fixture("u.csv", text, sizeof text - 1);
    for (size_t b = 1; b <= 7; b++) {
        sink k;
        qc_error err = {0};
        ck_assert_int_eq(read_as(path, "gb18030", b, &k, &err), QC_EDATA);
        ck_assert_uint_eq(k.nrec, 0);
        ck_assert_ptr_nonnull(strstr(err.message, "u.csv: declared gb18030, but the file is UTF-8"));
        ck_assert_ptr_nonnull(strstr(err.message, "\"encoding\": \"utf-8\""));
    }
    /* with a UTF-8 BOM too */
    static const char bom[] = "\xEF\xBB\xBFproduct,value\nx,1\n";
    path = fixture("bom.csv", bom, sizeof bom - 1);
    sink k;
    qc_error err = {0};
    ck_assert_int_eq(read_as(path, "gbk", 0, &k, &err), QC_EDATA);
    ck_assert_ptr_nonnull(strstr(err.message, "declared gbk, but the file is UTF-8"));
    unlink(path);
}
END_TEST

/* UTF-8 after the first 64 KiB of ASCII: refused at the end (the whole file is UTF-8). */
START_TEST(test_utf8_late) {
    size_t n = 70000;
    char *text = malloc(n + 64);
    ck_assert_ptr_nonnull(text);
    memcpy(text, "a,b\n", 4);
    for (size_t i = 4; i < n; i += 4) memcpy(text + i, "x,1\n", 4);
    strcpy(text + n, "y,屈服\n");
    const char *path = fixture("late.csv", text, strlen(text));
    sink k;
    qc_error err = {0};
    quiet = 1;
    ck_assert_int_eq(read_as(path, "gb18030", 4096, &k, &err), QC_EDATA);
    quiet = 0;
    ck_assert_uint_eq(k.nrec, 17501);  /* all read (the last as mojibake), then refused */
    ck_assert_ptr_nonnull(strstr(err.message, "late.csv: declared gb18030, but the file is UTF-8"));
    free(text);
    unlink(path);
}
END_TEST

/* Pure ASCII reads the same in every encoding; a GB18030 BOM (84 31 95 33) is dropped. */
START_TEST(test_ascii_and_gb_bom) {
    static const char ascii[] = "a,b\n1,2\n";
    static const char gbbom[] = "\x84" "1\x95" "3a,b\n1,2\n";
    const char *path = fixture("a.csv", ascii, sizeof ascii - 1);
    sink k;
    qc_error err = {0};
    ck_assert_int_eq(read_as(path, "gb18030", 0, &k, &err), QC_OK);
    ck_assert_str_eq(k.text, "1:a|b\n2:1|2\n");
    path = fixture("b.csv", gbbom, sizeof gbbom - 1);
    for (size_t b = 1; b <= 7; b++) {
        ck_assert_int_eq(read_as(path, "gb18030", b, &k, &err), QC_OK);
        ck_assert_str_eq(k.text, "1:a|b\n2:1|2\n");
    }
    ck_assert_int_eq(read_as(path, "latin1", 0, &k, &err), QC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err.message, "unknown encoding \"latin1\""));
}
END_TEST

/* The incremental scan gives the verdict of one pass, wherever the blocks split. */
START_TEST(test_utf8_scan_splits) {
    static const struct { const char *s; int invalid, multibyte, pend; } cases[] = {
        {"abc", 0, 0, 0},
        {"a屈😀", 0, 1, 0},
        {"\xB2\xFA\xC6\xB7", 1, 0, 0},        /* 产品 in GB18030 */
        {"ab\xE5\xB1", 0, 0, 2},              /* ends inside 屈 */
        {"\xE5\xB1" "A", 1, 0, 0},            /* bad continuation */
        {"\xED\xA0\x80", 1, 0, 0},            /* a surrogate */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t n = strlen(cases[c].s);
        for (size_t cut = 0; cut <= n; cut++) {
            qc_utf8_state st = {0};
            qc_utf8_scan(&st, cases[c].s, cut);
            qc_utf8_scan(&st, cases[c].s + cut, n - cut);
            ck_assert_msg(st.invalid == cases[c].invalid, "case %zu cut %zu", c, cut);
            if (!st.invalid) {
                ck_assert_msg(st.multibyte == cases[c].multibyte, "case %zu cut %zu", c, cut);
                ck_assert_uint_eq(st.npend, (size_t)cases[c].pend);
            }
        }
    }
}
END_TEST

int main(void) {
    const char *tmp = getenv("TMPDIR");
    Suite *s = suite_create("encoding");
    TCase *tc = tcase_create("gb18030");
    snprintf(dir, sizeof dir, "%s/qc_test_encoding.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return EXIT_FAILURE;
    }
    tcase_add_test(tc, test_block_boundaries);
    tcase_add_test(tc, test_decoder_any_split);
    tcase_add_test(tc, test_decoder_gbk_and_unknown);
    tcase_add_test(tc, test_invalid_byte);
    tcase_add_test(tc, test_truncated);
    tcase_add_test(tc, test_utf8_declared_gb18030);
    tcase_add_test(tc, test_utf8_late);
    tcase_add_test(tc, test_ascii_and_gb_bom);
    tcase_add_test(tc, test_utf8_scan_splits);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    static const char *const names[] = {"gb.csv", "bad.csv", "cut.csv", "u.csv", "bom.csv",
                                        "late.csv", "a.csv", "b.csv"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
