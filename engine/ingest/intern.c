/* intern.c — the string table of intern.h: open addressing on an FNV-1a hash, strings copied
 * once into the table, ids dense in order of first appearance. Owns every interned string. */
#include <stdlib.h>
#include <string.h>
#include "qcompare/intern.h"

struct qc_intern {
    char **str;       /* id -> string (NUL-terminated copy) */
    size_t *len;      /* id -> its length (strings may hold NUL bytes) */
    size_t count, cap_str;
    uint32_t *slot;   /* hash slot -> id, QC_INTERN_NONE when empty */
    size_t nslot;     /* power of two */
};

static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

qc_intern *qc_intern_new(void)
{
    qc_intern *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->nslot = 64;
    t->slot = malloc(t->nslot * sizeof *t->slot);
    if (!t->slot) { free(t); return NULL; }
    memset(t->slot, 0xff, t->nslot * sizeof *t->slot);
    return t;
}

void qc_intern_free(qc_intern *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->count; i++) free(t->str[i]);
    free(t->str);
    free(t->len);
    free(t->slot);
    free(t);
}

static size_t probe(const qc_intern *t, const char *s, size_t len)
{
    size_t mask = t->nslot - 1, i = (size_t)hash(s, len) & mask;
    for (;;) {
        uint32_t id = t->slot[i];
        if (id == QC_INTERN_NONE) return i;
        if (t->len[id] == len && memcmp(t->str[id], s, len) == 0) return i;
        i = (i + 1) & mask;
    }
}

static int grow(qc_intern *t)
{
    size_t n = t->nslot * 2;
    uint32_t *slot = malloc(n * sizeof *slot);
    if (!slot) return -1;
    memset(slot, 0xff, n * sizeof *slot);
    for (uint32_t id = 0; id < t->count; id++) {
        size_t i = (size_t)hash(t->str[id], t->len[id]) & (n - 1);
        while (slot[i] != QC_INTERN_NONE) i = (i + 1) & (n - 1);
        slot[i] = id;
    }
    free(t->slot);
    t->slot = slot;
    t->nslot = n;
    return 0;
}

uint32_t qc_intern_find(const qc_intern *t, const char *s, size_t len)
{
    return t->slot[probe(t, s, len)];
}

uint32_t qc_intern_add(qc_intern *t, const char *s, size_t len)
{
    if ((t->count + 1) * 2 > t->nslot && grow(t) != 0) return QC_INTERN_NONE;
    size_t i = probe(t, s, len);
    if (t->slot[i] != QC_INTERN_NONE) return t->slot[i];
    if (t->count == UINT32_MAX - 1) return QC_INTERN_NONE;
    if (t->count == t->cap_str) {
        size_t cap = t->cap_str ? t->cap_str * 2 : 64;
        char **str = realloc(t->str, cap * sizeof *str);
        if (!str) return QC_INTERN_NONE;
        t->str = str;
        size_t *lens = realloc(t->len, cap * sizeof *lens);
        if (!lens) return QC_INTERN_NONE;
        t->len = lens;
        t->cap_str = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy) return QC_INTERN_NONE;
    memcpy(copy, s, len);
    copy[len] = '\0';
    uint32_t id = (uint32_t)t->count++;
    t->str[id] = copy;
    t->len[id] = len;
    t->slot[i] = id;
    return id;
}

const char *qc_intern_str(const qc_intern *t, uint32_t id)
{
    return id < t->count ? t->str[id] : NULL;
}

size_t qc_intern_count(const qc_intern *t) { return t->count; }

size_t qc_intern_len(const qc_intern *t, uint32_t id)
{
    return id < t->count ? t->len[id] : 0;
}
