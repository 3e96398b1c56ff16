/* jsonfile.c — loading a JSON file with exact error locations (jsonfile.h): read, hash,
 * parse, reject duplicate keys, and check objects against field tables. Owns no state.
 *
 * SHA-256 is libcrypto's SHA256_Init/Update/Final, not the EVP interface: EVP's first use
 * loads OpenSSL's configuration and default provider, ~2.4 ms of a reference study's start-up
 * (bench/README.md), where the direct functions (the same SHA-NI / AVX2 code) cost nothing to
 * set up. They are deprecated in OpenSSL 3 but kept in every 3.x release. */
#define _POSIX_C_SOURCE 200809L
#define OPENSSL_SUPPRESS_DEPRECATED
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <openssl/sha.h>
#include "qcompare/infile.h"
#include "qcompare/jsonfile.h"

static void to_hex(const unsigned char *md, unsigned len, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (unsigned i = 0; i < len && i < 32; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
}

struct qc_sha256 { SHA256_CTX md; };

qc_sha256 *qc_sha256_new(void)
{
    qc_sha256 *h = malloc(sizeof *h);
    if (h && !SHA256_Init(&h->md)) {
        free(h);
        return NULL;
    }
    return h;
}

void qc_sha256_update(qc_sha256 *h, const void *data, size_t n)
{
    if (h) SHA256_Update(&h->md, data, n);
}

void qc_sha256_end(qc_sha256 *h, char hex[65])
{
    if (!h) return;
    unsigned char digest[SHA256_DIGEST_LENGTH];
    if (hex && SHA256_Final(digest, &h->md)) to_hex(digest, SHA256_DIGEST_LENGTH, hex);
    free(h);
}

static qc_status too_big(const char *path, size_t max, qc_error *err)
{
    return qc_error_set(err, QC_EIO, "%s: cannot read: larger than %zu bytes, the cap on a JSON "
                        "file (set QCOMPARE_MAX_JSON_BYTES to raise it)", path, max);
}

/* read(2) of up to n bytes, again after a signal: the count, 0 at the end, -1 on an error. */
static ssize_t read_some(int fd, char *buf, size_t n)
{
    ssize_t got;
    do got = read(fd, buf, n);
    while (got < 0 && errno == EINTR);
    return got;
}

/* Reads the file at path once, hashing it; when out is not NULL, also keeps its bytes in a
 * NUL-terminated buffer (*out, *len) sized from the file's stat (one read, and one more that
 * finds the end; no 64 KiB buffer to free, which would make glibc consolidate its heap). Rules
 * and studies are kept; results files only hashed, through a 64 KiB buffer. */
static qc_status read_hashed(const char *path, char **out, size_t *len, char *hex, qc_error *err)
{
    int fd;
    long long size;
    qc_status s = qc_input_open_fd(path, &fd, &size, err);
    if (s) return s;
    size_t max = out ? qc_input_max_json() : 0, n = 0;
    if (max && size > 0 && (unsigned long long)size > max) {
        close(fd);
        return too_big(path, max, err);
    }
    size_t cap = !out ? (size_t)1 << 16 : size >= 0 ? (size_t)size + 1 : (size_t)1 << 14;
    char *buf = malloc(cap + 1);
    SHA256_CTX md;
    if (!buf || !SHA256_Init(&md)) s = qc_error_set(err, QC_ENOMEM, "out of memory");
    ssize_t got = 0;
    while (!s && (got = read_some(fd, buf + n, cap - n)) > 0) {
        SHA256_Update(&md, buf + n, (size_t)got);
        if (!out) continue;  /* hash only: reuse the buffer */
        n += (size_t)got;
        if (n > max) s = too_big(path, max, err);  /* grown since its stat, or standard input */
        else if (n == cap) {
            char *b = realloc(buf, 2 * cap + 1);
            if (!b) s = qc_error_set(err, QC_ENOMEM, "out of memory");
            else { buf = b; cap *= 2; }
        }
    }
    if (!s && got < 0) s = qc_error_set(err, QC_EIO, "%s: read error", path);
    close(fd);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    if (!s) SHA256_Final(digest, &md);
    if (s) { free(buf); return s; }
    if (hex) to_hex(digest, SHA256_DIGEST_LENGTH, hex);
    if (!out) { free(buf); return QC_OK; }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return QC_OK;
}

qc_status qc_sha256_file(const char *path, char hex[65], qc_error *err)
{
    return read_hashed(path, NULL, NULL, hex, err);
}

/* Appends the n bytes of s at *at in buf of size bytes, cut as snprintf cuts (the last byte
 * kept for the NUL). */
static void append(char *buf, size_t size, size_t *at, const char *s, size_t n)
{
    if (*at + 1 >= size) return;
    if (n > size - 1 - *at) n = size - 1 - *at;
    memcpy(buf + *at, s, n);
    *at += n;
}

/* Paths are built for every member a loader checks, so without printf (~10 times its cost). */
char *qc_json_path_key(char *buf, size_t size, const char *path, const char *key)
{
    int ident = (isalpha((unsigned char)key[0]) || key[0] == '_');
    for (const char *k = key; ident && *k; k++)
        if (!isalnum((unsigned char)*k) && *k != '_') ident = 0;
    size_t at = 0;
    if (!size) return buf;
    append(buf, size, &at, path, strlen(path));
    append(buf, size, &at, ident ? "." : "[\"", ident ? 1 : 2);
    append(buf, size, &at, key, strlen(key));
    if (!ident) append(buf, size, &at, "\"]", 2);
    buf[at] = '\0';
    return buf;
}

char *qc_json_path_index(char *buf, size_t size, const char *path, int index)
{
    char digits[16], *d = digits + sizeof digits;
    unsigned u = index < 0 ? 0u - (unsigned)index : (unsigned)index;
    do *--d = (char)('0' + u % 10);
    while (u /= 10);
    if (index < 0) *--d = '-';
    size_t at = 0;
    if (!size) return buf;
    append(buf, size, &at, path, strlen(path));
    append(buf, size, &at, "[", 1);
    append(buf, size, &at, d, (size_t)(digits + sizeof digits - d));
    append(buf, size, &at, "]", 1);
    buf[at] = '\0';
    return buf;
}

/* strcmp(a, b) == 0, the first bytes compared first: most keys differ there, and every loaded
 * file's keys are compared pairwise (has_duplicates) and with field tables (qc_json_check). */
static inline int same_key(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

/* True when some object below v has two members of the same name, or some number is not
 * finite (no paths built: the common case, a clean file, costs one walk). */
static int has_duplicates(const cJSON *v)
{
    for (const cJSON *c = v ? v->child : NULL; c; c = c->next) {
        if (cJSON_IsObject(v))
            for (const cJSON *d = v->child; d != c; d = d->next)
                if (same_key(d->string, c->string)) return 1;
        if (cJSON_IsNumber(c) && !isfinite(c->valuedouble)) return 1;
        if (c->child && has_duplicates(c)) return 1;
    }
    return 0;
}

/* Finds the first object (depth first) with two members of the same name, or the first number
 * that is not finite (cJSON reads 1e999 as infinity: no limit, weight or setting may be one). */
static qc_status check_duplicates(const cJSON *v, const char *file, const char *path,
                                  qc_error *err)
{
    char sub[512];
    int i = 0;
    for (const cJSON *c = v ? v->child : NULL; c; c = c->next, i++) {
        if (cJSON_IsObject(v)) {
            for (const cJSON *d = v->child; d != c; d = d->next)
                if (strcmp(d->string, c->string) == 0)
                    return qc_error_set(err, QC_ERULES, "%s: %s: duplicate key",
                                        file, qc_json_path_key(sub, sizeof sub, path, c->string));
            qc_json_path_key(sub, sizeof sub, path, c->string);
        } else {
            qc_json_path_index(sub, sizeof sub, path, i);
        }
        if (cJSON_IsNumber(c) && !isfinite(c->valuedouble))
            return qc_error_set(err, QC_ERULES, "%s: %s: a number too large for a double (it would "
                                "read as infinity)", file, sub);
        qc_status s = check_duplicates(c, file, sub, err);
        if (s) return s;
    }
    return QC_OK;
}

/* The first \u0000 escape in text (a NUL inside a JSON string, which cJSON would cut the string
 * at), or NULL: an escape is a "\u0000" after an odd run of backslashes. */
/* The 1-based line and column (in characters) of stop in text. */
static void line_col(const char *text, const char *stop, size_t *line, size_t *col)
{
    *line = *col = 1;
    for (const char *p = text; p < stop; p++) {
        if (*p == '\n') { ++*line; *col = 1; }
        else if (((unsigned char)*p & 0xC0) != 0x80) ++*col;
    }
}

static const char *nul_escape(const char *text)
{
    for (const char *p = strstr(text, "u0000"); p; p = strstr(p + 1, "u0000")) {
        size_t n = 0;
        while (p - (ptrdiff_t)n > text && p[-(ptrdiff_t)n - 1] == '\\') n++;
        if (n % 2 == 1) return p - 1;
    }
    return NULL;
}

/* cJSON 1.7.15 reports a bad object key one byte past its first character. True when p is
 * where an object expects a key: after "{" or "," (blanks between) inside an object. */
static int at_key_position(const char *text, const char *p)
{
    if (p < text || *p == '"' || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') return 0;
    const char *q = p;
    while (q > text && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\n' || q[-1] == '\r')) q--;
    if (q == text || (q[-1] != '{' && q[-1] != ',')) return 0;
    /* innermost open bracket before p, strings skipped */
    char stack[256];
    size_t depth = 0;
    int in_string = 0;
    for (const char *c = text; c < p; c++) {
        if (in_string) {
            if (*c == '\\' && c + 1 < p) c++;
            else if (*c == '"') in_string = 0;
        } else if (*c == '"') {
            in_string = 1;
        } else if (*c == '{' || *c == '[') {
            if (depth < sizeof stack) stack[depth] = *c;
            depth++;
        } else if ((*c == '}' || *c == ']') && depth) {
            depth--;
        }
    }
    return !in_string && depth && depth <= sizeof stack && stack[depth - 1] == '{';
}

/* The bracket before stop that opens one level more than cJSON parses, or NULL: the parse
 * failed there for its depth, not its syntax. */
static const char *too_deep(const char *text, const char *stop)
{
    long depth = 0;
    int in_string = 0;
    for (const char *c = text; c <= stop && *c; c++) {
        if (in_string) {
            if (*c == '\\' && c[1]) c++;
            else if (*c == '"') in_string = 0;
        } else if (*c == '"') {
            in_string = 1;
        } else if (*c == '{' || *c == '[') {
            if (++depth > CJSON_NESTING_LIMIT) return c;
        } else if (*c == '}' || *c == ']') {
            depth--;
        }
    }
    return NULL;
}

int qc_json_is_date(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1)
        return 0;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

qc_status qc_json_load(const char *path, cJSON **root, char *sha256_hex, qc_error *err)
{
    return qc_json_load_text(path, root, sha256_hex, NULL, NULL, err);
}

qc_status qc_json_load_text(const char *path, cJSON **root, char *sha256_hex, char **text_out,
                            size_t *len_out, qc_error *err)
{
    char *text = NULL;
    size_t len = 0;
    qc_status s = read_hashed(path, &text, &len, sha256_hex, err);
    if (s) return s;
    if (strlen(text) != len) {
        free(text);
        return qc_error_set(err, QC_ERULES, "%s: contains a NUL byte: not a JSON text file", path);
    }
    const char *nul = nul_escape(text);
    if (nul) {
        size_t line, col;
        line_col(text, nul, &line, &col);
        free(text);
        return qc_error_set(err, QC_ERULES, "%s:%zu:%zu: a string holds \\u0000 (a NUL character), "
                            "which no name or value may contain", path, line, col);
    }
    /* the length includes the terminating NUL: cJSON 1.7.15 requires it to see the end */
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    if (!doc) {
        size_t line, col;
        const char *stop = end ? end : cJSON_GetErrorPtr();
        if (!stop || stop < text || stop > text + len) stop = text + len;
        const char *deep = too_deep(text, stop);
        if (deep) stop = deep;
        else if (at_key_position(text, stop - 1)) stop--;
        line_col(text, stop, &line, &col);
        free(text);
        if (deep)
            return qc_error_set(err, QC_ERULES, "%s:%zu:%zu: JSON nested too deeply (more than "
                                "%d levels of arrays and objects)", path, line, col,
                                CJSON_NESTING_LIMIT);
        return qc_error_set(err, QC_ERULES, "%s:%zu:%zu: JSON syntax error", path, line, col);
    }
    s = has_duplicates(doc) ? check_duplicates(doc, path, "$", err) : QC_OK;
    if (s || !text_out) free(text);
    if (s) { cJSON_Delete(doc); return s; }
    if (text_out) *text_out = text, *len_out = len;
    *root = doc;
    return QC_OK;
}

static const char *type_name(int mask)
{
    static const struct { int m; const char *n; } names[] = {
        {QC_JT_STRING, "a string"}, {QC_JT_NUMBER, "a number"}, {QC_JT_BOOL, "true or false"},
        {QC_JT_OBJECT, "an object"}, {QC_JT_ARRAY, "an array"},
        {QC_JT_STRING | QC_JT_ARRAY, "a string or an array"},
        {QC_JT_OBJECT | QC_JT_ARRAY, "an object or an array"},
        {QC_JT_STRING | QC_JT_OBJECT, "a string or an object"},
        {QC_JT_NUMBER | QC_JT_NULL, "a number or null"},
        {QC_JT_STRING | QC_JT_NULL, "a string or null"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].m == mask) return names[i].n;
    return "of another type";
}

static int type_of(const cJSON *v)
{
    if (cJSON_IsString(v)) return QC_JT_STRING;
    if (cJSON_IsNumber(v)) return QC_JT_NUMBER;
    if (cJSON_IsBool(v)) return QC_JT_BOOL;
    if (cJSON_IsObject(v)) return QC_JT_OBJECT;
    if (cJSON_IsArray(v)) return QC_JT_ARRAY;
    return QC_JT_NULL;
}

qc_status qc_json_check_type(const cJSON *v, int mask, const char *file, const char *path,
                             qc_error *err)
{
    if (type_of(v) & mask) return QC_OK;
    return qc_error_set(err, QC_ERULES, "%s: %s: must be %s", file, path, type_name(mask));
}

qc_status qc_json_check(const cJSON *obj, const qc_json_field *fields, const char *file,
                        const char *path, qc_error *err)
{
    char sub[512];
    qc_status s = qc_json_check_type(obj, QC_JT_OBJECT, file, path, err);
    if (s) return s;
    for (const cJSON *c = obj->child; c; c = c->next) {
        const qc_json_field *f = fields;
        while (f->name && !same_key(f->name, c->string)) f++;
        if (f->name && (type_of(c) & f->types)) continue;  /* the path only for an error */
        qc_json_path_key(sub, sizeof sub, path, c->string);
        if (!f->name) return qc_error_set(err, QC_ERULES, "%s: %s: unknown key", file, sub);
        return qc_json_check_type(c, f->types, file, sub, err);
    }
    for (const qc_json_field *f = fields; f->name; f++)
        if (f->required && !cJSON_GetObjectItemCaseSensitive(obj, f->name))
            return qc_error_set(err, QC_ERULES, "%s: %s: missing required key \"%s\"", file,
                                path, f->name);
    return QC_OK;
}

const char *qc_json_str(const cJSON *obj, const char *key, const char *def)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : def;
}

double qc_json_num(const cJSON *obj, const char *key, double def)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsNumber(v) ? v->valuedouble : def;
}
