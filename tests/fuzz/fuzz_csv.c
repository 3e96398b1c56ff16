/* fuzz_csv.c — libFuzzer harness for the CSV reader (qc_csv_read: blocks, BOM, quotes, CRLF,
 * GB18030/GBK decoding) and the value grammar (qc_value_parse, qc_number_parse, the wide
 * header "name [unit]" split, the uncertainty cells). The first input byte chooses the
 * encoding, delimiter and block size (tiny blocks put record and character boundaries across
 * reads); the rest is the file. Every field is fed to the value grammar, and the invariants
 * the reader promises are checked (lines increase, lengths match the NUL-terminated texts). */
#include "fuzz_common.h"
#include <math.h>
#include "qcompare/ingest.h"
#include "qcompare/results.h"

typedef struct { size_t last_line, records; } seen;

static void grammar(const char *s, size_t len)
{
    qc_value v;
    double x;
    const char *why = NULL;
    if (qc_value_parse(s, len, &v, &why) == QC_OK) {
        if (v.kind == QC_VALUE_NUMBER && !isfinite(v.x)) abort();
    } else if (!why) {
        abort();  /* every refusal says why */
    }
    why = NULL;
    if (qc_number_parse(s, len, &x, &why) == QC_OK) {
        if (!isfinite(x)) abort();
    } else if (!why) {
        abort();
    }
    size_t name_len, unit_off, unit_len;
    if (qc_wide_header_split(s, len, &name_len, &unit_off, &unit_len)) {
        if (name_len > len || unit_off > len || unit_len > len - unit_off) abort();
    }
    qc_uncertainty_cells cells = {{s, s, NULL, NULL}, {len, 1, 0, 0}};
    double U, u;
    int src, bad;
    (void)qc_uncertainty_of(&cells, 1.0, &U, &u, &src, &bad, &why);
    cells = (qc_uncertainty_cells){{NULL, NULL, NULL, s}, {0, 0, 0, len}};
    (void)qc_uncertainty_of(&cells, -3.5, &U, &u, &src, &bad, &why);
}

static int record(const qc_csv_record *rec, void *ctx)
{
    seen *sn = ctx;
    if (rec->line < sn->last_line) abort();  /* records come in file order */
    sn->last_line = rec->line;
    sn->records++;
    for (size_t i = 0; i < rec->nfields; i++) {
        if (strlen(rec->field[i]) > rec->len[i]) abort();
        grammar(rec->field[i], rec->len[i]);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const enc[] = {NULL, "utf-8", "gb18030", "gbk"};
    static const char delim[] = {0, ';', '\t', '|'};
    static const size_t block[] = {0, 1, 2, 3, 7, 16, 64, 4096};
    if (size < 1) return 0;
    uint8_t sel = data[0];
    char path[4096], sha[65];
    qcf_write("data.csv", data + 1, size - 1, path);
    qc_csv_options opt = {.encoding = enc[sel & 3], .delimiter = delim[(sel >> 2) & 3],
                          .block_size = block[(sel >> 4) & 7], .sha256_hex = sha};
    seen sn = {0, 0};
    qc_error err = {0};
    qc_status s = qc_csv_read(path, &opt, record, &sn, &err);
    if (s != QC_OK && err.message[0] == '\0') abort();  /* every error is explained */
    if (s != QC_OK) qcf_said(err.message);
    if (s != QC_OK && s != QC_EDATA && s != QC_EIO && s != QC_EUSAGE && s != QC_ENOMEM) abort();
    /* the same bytes as one value, in a buffer of exactly their size: the grammar takes a
     * length and must never read past it (ASan sees the byte after) */
    size_t n = size - 1 > 256 ? 256 : size - 1;
    char *copy = malloc(n ? n : 1);
    if (!copy) return 0;
    memcpy(copy, data + 1, n);
    grammar(copy, n);
    free(copy);
    return 0;
}
