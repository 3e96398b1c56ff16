/* editions.c — the state of an edition at a date (standards.h; docs/standards.md "Dates"):
 * in force, superseded (by an edition in force on the date: along superseded_by, or a later
 * edition of the same id), not yet effective, or withdrawn; computed from the recorded dates
 * and successors, never from today. An edition without a recorded effective date takes effect,
 * for this purpose, on the first day of the edition year its id carries (said in a note). Owns
 * the index of editions and date arithmetic (qc_std_days). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/intern.h"
#include "qcompare/jsonfile.h"
#include "qcompare/standards.h"

long qc_std_days(const char *s)
{
    int y, m, d;
    if (!s || !qc_json_is_date(s) || sscanf(s, "%d-%d-%d", &y, &m, &d) != 3) return 0;
    y -= m <= 2;  /* days from civil (H. Hinnant), era of 400 years */
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400, doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static const char *const state_names[] = {"in_force", "superseded", "not_yet_effective",
                                          "withdrawn"};

const char *qc_std_state_name(qc_std_state_kind k)
{
    return (unsigned)k < 4 ? state_names[k] : "unknown";
}

int qc_std_domestic(const qc_standard *s)
{
    return strcmp(s->kind, "national") == 0 || strcmp(s->kind, "industry") == 0 ||
           strcmp(s->kind, "group") == 0;
}

/* Length of id up to its edition ("-2018", ":2015"), or 0 when it names none. */
static size_t edition_base(const char *id)
{
    for (size_t i = 0; id[i]; i++)
        if (qc_rules_is_edition(id + i)) return i;
    return 0;
}

/* The edition year of id: the last "-YYYY"/":YYYY" ending the id or followed by an amendment
 * "+" ("BS 4449:2005+A3:2016" -> 2016; not "(2024-2027)"), or a two-digit ASTM year ending
 * the id ("F2100-19" -> 2019); 0 when none. */
static int edition_year(const char *id)
{
    int year = 0;
    size_t n = strlen(id);
    for (size_t i = 0; i + 4 < n + 1; i++) {
        const char *s = id + i;
        if ((s[0] == '-' || s[0] == ':') && i + 5 <= n) {
            int ok = 1;
            for (int k = 1; k <= 4; k++) ok &= s[k] >= '0' && s[k] <= '9';
            if (ok && (i + 5 == n || s[5] == '+')) year = atoi(s + 1);
        }
    }
    if (!year && n > 3 && id[n - 3] == '-' && id[n - 2] >= '0' && id[n - 2] <= '9' &&
        id[n - 1] >= '0' && id[n - 1] <= '9' && strncmp(id, "ASTM ", 5) == 0)
        year = 2000 + atoi(id + n - 2);
    return year >= 1900 && year <= 2999 ? year : 0;
}

/* The effective date of s: recorded, or inferred ("YYYY-01-01" from its edition year) into
 * buf; NULL when neither. */
static const char *effective_of(const qc_standard *s, char *buf, int *inferred)
{
    *inferred = 0;
    if (s->effective) return s->effective;
    int y = edition_year(s->id);
    if (!y) return NULL;
    snprintf(buf, 11, "%04d-01-01", y);
    *inferred = 1;
    return buf;
}

static int withdrawn_at(const qc_standard *s, const char *date)
{
    if (s->withdrawn) return strcmp(s->withdrawn, date) <= 0;
    return strcmp(s->status, "withdrawn") == 0;
}

static int in_force_at(const qc_standard *s, const char *date)
{
    char buf[11];
    int inf;
    const char *eff = effective_of(s, buf, &inf);
    if (withdrawn_at(s, date)) return 0;
    return eff ? strcmp(eff, date) <= 0 : strcmp(s->status, "in_force") == 0;
}

/* ---------- the index of editions ---------- */

struct qc_std_editions {
    const qc_rules *r;
    uint32_t *group;     /* per standard: its group, UINT32_MAX when its id names no edition */
    uint32_t *first;     /* per group: its first standard */
    uint32_t *next;      /* per standard: the next of its group, UINT32_MAX at the end */
};

qc_status qc_std_editions_new(const qc_rules *r, qc_std_editions **out)
{
    size_t n = r->nstandards;
    qc_std_editions *e = calloc(1, sizeof *e);
    *out = NULL;
    if (!e) return QC_ENOMEM;
    e->r = r;
    e->group = malloc((n + 1) * sizeof *e->group);
    e->first = malloc((n + 1) * sizeof *e->first);
    e->next = malloc((n + 1) * sizeof *e->next);
    qc_intern *bases = qc_intern_new();
    uint32_t *last = malloc((n + 1) * sizeof *last);
    qc_status st = e->group && e->first && e->next && bases && last ? QC_OK : QC_ENOMEM;
    for (size_t i = 0; !st && i < n; i++) {
        e->next[i] = e->group[i] = UINT32_MAX;
        size_t base = edition_base(r->standards[i].id);
        if (!base) continue;
        size_t before = qc_intern_count(bases);
        uint32_t g = qc_intern_add(bases, r->standards[i].id, base);
        if (g == QC_INTERN_NONE) { st = QC_ENOMEM; break; }
        e->group[i] = g;
        if (qc_intern_count(bases) > before) e->first[g] = (uint32_t)i;
        else e->next[last[g]] = (uint32_t)i;
        last[g] = (uint32_t)i;
    }
    qc_intern_free(bases);
    free(last);
    if (st) { qc_std_editions_free(e); return st; }
    *out = e;
    return QC_OK;
}

void qc_std_editions_free(qc_std_editions *e)
{
    if (!e) return;
    free(e->group); free(e->first); free(e->next);
    free(e);
}

/* ---------- the state ---------- */

/* The longest chain of successors followed (superseded_by, one edition after another). */
#define QC_STD_MAX_CHAIN 64

/* Is o a later edition than s (effective eff) and, on date, in force (superseding s) or issued
 * (a successor)? */
static int later(const qc_standard *s, const char *eff, const qc_standard *o, const char *date,
                 qc_std_state *st)
{
    char ob[11];
    int oi;
    const char *oe = o == s ? NULL : effective_of(o, ob, &oi);
    if (!oe || strcmp(oe, eff) <= 0) return 0;
    if (in_force_at(o, date)) { st->kind = QC_STD_STATE_SUPERSEDED; st->by = o; return 1; }
    if (!st->successor && !withdrawn_at(o, date)) st->successor = o;
    return 0;
}

static void state(const qc_rules *r, const qc_std_editions *ed, const qc_standard *s,
                  const char *date, qc_std_state *st)
{
    memset(st, 0, sizeof *st);
    int inf;
    const char *eff = effective_of(s, st->inferred_effective, &inf);
    st->effective = eff;
    st->effective_inferred = inf;
    if (inf) snprintf(st->note, sizeof st->note, "effective date not recorded: taken as %s, the "
                      "first day of its edition year", eff);
    if (withdrawn_at(s, date)) { st->kind = QC_STD_STATE_WITHDRAWN; return; }
    if (eff && strcmp(eff, date) > 0) { st->kind = QC_STD_STATE_NOT_YET_EFFECTIVE; return; }
    /* the latest edition in force along the chain, each edition once: a chain that comes back
     * to one (a cycle, bad data) ends there, whatever the size of the library */
    const qc_standard *seen[QC_STD_MAX_CHAIN];
    size_t nseen = 0;
    for (const char *next = s->superseded_by; next && nseen < QC_STD_MAX_CHAIN;) {
        const qc_standard *t = qc_rules_standard_exact(r, next);
        int again = t == s;
        for (size_t k = 0; t && k < nseen; k++) again |= seen[k] == t;
        if (!t || again) break;
        seen[nseen++] = t;
        if (in_force_at(t, date)) { st->kind = QC_STD_STATE_SUPERSEDED; st->by = t; }
        else if (!st->by && !st->successor && !withdrawn_at(t, date)) st->successor = t;
        next = t->superseded_by;
    }
    if (st->by) { st->successor = NULL; return; }
    if (eff && ed) {  /* later editions of the same id, from the index */
        uint32_t g = ed->group[(size_t)(s - r->standards)];
        for (uint32_t i = g == UINT32_MAX ? g : ed->first[g]; i != UINT32_MAX; i = ed->next[i])
            if (later(s, eff, &r->standards[i], date, st)) return;
    } else if (eff) {
        size_t base = edition_base(s->id);
        for (size_t k = 0; base && k < r->nstandards; k++) {
            const qc_standard *o = &r->standards[k];
            if (edition_base(o->id) == base && strncmp(o->id, s->id, base) == 0 &&
                later(s, eff, o, date, st))
                return;
        }
    }
    const char *sep = st->note[0] ? "; " : "";
    if (st->successor) {
        char sb[11];
        int si;
        const char *se = effective_of(st->successor, sb, &si);
        qc_message_append(st->note, sizeof st->note, "%sits successor %s is issued but not in force "
                          "on %s (effective %s%s)", sep, st->successor->id, date,
                          se ? se : "not recorded", si ? ", from its edition year" : "");
    } else if (strcmp(s->status, "superseded") == 0) {
        if (s->superseded_by && !qc_rules_standard_exact(r, s->superseded_by))
            qc_message_append(st->note, sizeof st->note, "%srecorded as superseded by %s, which is "
                              "not in the rules library: taken as in force on %s", sep,
                              s->superseded_by, date);
        else
            qc_message_append(st->note, sizeof st->note, "%srecorded as superseded, but no "
                              "successor is named: taken as in force on %s", sep, date);
    } else if (!eff) {
        qc_message_append(st->note, sizeof st->note, "%sno effective date: taken as in force "
                          "(status %s)", sep, s->status);
    }
}

void qc_std_state_at(const qc_std_editions *e, const qc_standard *s, const char *date,
                     qc_std_state *out)
{
    state(e->r, e, s, date, out);
}

void qc_std_state_of(const qc_rules *r, const qc_standard *s, const char *date, qc_std_state *out)
{
    state(r, NULL, s, date, out);
}

int qc_std_state_warning(const qc_standard *s, const qc_std_state *st, const char *date,
                         char *buf, size_t size)
{
    char eb[11];
    int inf;
    switch (st->kind) {
    case QC_STD_STATE_SUPERSEDED: {
        const char *e = effective_of(st->by, eb, &inf);
        qc_message_append(buf, size, "%s is superseded on %s by %s (in force since %s%s)", s->id,
                          date, st->by->id, e ? e : "an unrecorded date",
                          inf ? ", from its edition year" : "");
        return 1;
    }
    case QC_STD_STATE_WITHDRAWN:
        qc_message_append(buf, size, "%s is withdrawn on %s%s%s", s->id, date,
                          s->withdrawn ? " (since " : "", s->withdrawn ? s->withdrawn : "");
        if (s->withdrawn) qc_message_append(buf, size, ")");
        return 1;
    case QC_STD_STATE_NOT_YET_EFFECTIVE: {
        const char *e = effective_of(s, eb, &inf);
        qc_message_append(buf, size, "%s is not yet in force on %s (takes effect %s%s)", s->id,
                          date, e, inf ? ", from its edition year" : "");
        return 1;
    }
    default:
        return 0;
    }
}
