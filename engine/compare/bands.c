/* bands.c — one indicator of a standards comparison over the common domain of the two sides'
 * limits (std_internal.h; docs/standards.md "Bands"). Every breakpoint of every `when`
 * condition of either side cuts its column into cells (points and the open intervals between
 * them; each `equals` value and "any other value" for a text column), and the statistic a limit
 * applies to (individual, mean, median) is one more dimension. In each cell each side applies
 * the first of its pieces that selects the cell (as conformity does), intersected over its
 * sources (its own limit and limits derived into this indicator); cells where both sides apply
 * the same pieces are covered by boxes, and each box is a band with one verdict (one cell's
 * verdict is band_cell.c's). Owns nothing after it returns but what it puts in the item. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qcompare/grow.h"
#include "std_internal.h"

#define MAX_CELLS 100000

typedef struct dim {
    const char *column;          /* NULL: the statistic (individual, mean, median) */
    int numeric;
    double *pts;                 /* sorted distinct breakpoints */
    size_t npts;
    const char **vals;           /* distinct equals values (text columns) */
    size_t nvals;
    size_t ncells;               /* numeric 2·npts + 1; text nvals + 1; statistic 3 */
} dim;

typedef struct grid { dim d[34]; size_t nd, ncells; } grid;


/* ---------- the grid ---------- */

static dim *find_dim(grid *g, const char *column, int numeric)
{
    for (size_t i = 1; i < g->nd; i++)
        if (strcmp(g->d[i].column, column) == 0 && g->d[i].numeric == numeric) return &g->d[i];
    return NULL;
}

static int add_point(dim *d, double x)
{
    for (size_t i = 0; i < d->npts; i++)
        if (d->pts[i] == x) return 0;
    double *p = qc_grow(d->pts, d->npts, sizeof *p);
    if (!p) return -1;
    d->pts = p;
    d->pts[d->npts++] = x;
    return 0;
}

static int add_value(dim *d, const char *v)
{
    for (size_t i = 0; i < d->nvals; i++)
        if (strcmp(d->vals[i], v) == 0) return 0;
    const char **p = qc_grow(d->vals, d->nvals, sizeof *p);
    if (!p) return -1;
    d->vals = p;
    d->vals[d->nvals++] = v;
    return 0;
}

/* Adds the conditions of every piece of set to the grid; -1 out of memory, -2 too many. */
static int grid_add_set(grid *g, const qc_limit_set *set)
{
    for (size_t p = 0; set && p < set->npieces; p++)
        for (size_t k = 0; k < set->piece[p].nwhen; k++) {
            const qc_condition *c = &set->piece[p].when[k];
            for (int numeric = 0; numeric < 2; numeric++) {
                if (numeric ? isnan(c->min) && isnan(c->max) : !c->equals) continue;
                dim *d = find_dim(g, c->column, numeric);
                if (!d) {
                    if (g->nd == sizeof g->d / sizeof *g->d) return -2;
                    d = &g->d[g->nd++];
                    *d = (dim){.column = c->column, .numeric = numeric};
                }
                if (numeric && ((!isnan(c->min) && add_point(d, c->min)) ||
                                (!isnan(c->max) && add_point(d, c->max))))
                    return -1;
                if (!numeric && add_value(d, c->equals)) return -1;
            }
        }
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_dim(const void *a, const void *b)
{
    const dim *x = a, *y = b;
    int c = strcmp(x->column, y->column);
    return c ? c : y->numeric - x->numeric;
}

static void grid_free(grid *g)
{
    for (size_t i = 0; i < g->nd; i++) { free(g->d[i].pts); free(g->d[i].vals); }
}

/* The table a derived piece names (`from`), NULL when none. */
static const qc_limit_set *table_of(const qc_rules *r, const qc_derived *d)
{
    char id[512];
    snprintf(id, sizeof id, "%s", d->from);
    char *at = strrchr(id, '@');
    if (at) *at++ = '\0';
    const qc_standard *s = qc_rules_standard_exact(r, id);
    const qc_grade *g = s ? qc_standard_grade(s, at) : NULL;
    return g ? qc_standard_limits(s, g, d->indicator) : NULL;
}

static int grid_build(const qc_rules *r, const char *indicator, const qc_std_side *sides[2],
                      grid *g)
{
    memset(g, 0, sizeof *g);
    g->d[0] = (dim){.column = NULL, .ncells = 3};
    g->nd = 1;
    for (int s = 0; s < 2; s++)
        for (size_t k = 0; k < sides[s]->n; k++) {
            const qc_limit_set *set = sides[s]->src[k].set;
            int e = grid_add_set(g, set);
            for (size_t p = 0; !e && sides[s]->src[k].derived && p < set->npieces; p++) {
                const qc_derived *d = set->piece[p].derived;
                if (d && d->from && strcmp(d->indicator, indicator) == 0)
                    e = grid_add_set(g, table_of(r, d));
            }
            if (e) return e;
        }
    if (g->nd > 2) qsort(g->d + 1, g->nd - 1, sizeof *g->d, cmp_dim);
    g->ncells = 3;
    for (size_t i = 1; i < g->nd; i++) {
        dim *d = &g->d[i];
        if (d->numeric) qsort(d->pts, d->npts, sizeof *d->pts, cmp_double);
        else qsort(d->vals, d->nvals, sizeof *d->vals, cmp_str);
        d->ncells = d->numeric ? 2 * d->npts + 1 : d->nvals + 1;
        if (g->ncells > MAX_CELLS / d->ncells) return -2;
        g->ncells *= d->ncells;
    }
    return 0;
}

static void coords(const grid *g, size_t cell, size_t *c)
{
    for (size_t i = g->nd; i-- > 0;) {
        c[i] = cell % g->d[i].ncells;
        cell /= g->d[i].ncells;
    }
}

static size_t linear(const grid *g, const size_t *c)
{
    size_t cell = 0;
    for (size_t i = 0; i < g->nd; i++) cell = cell * g->d[i].ncells + c[i];
    return cell;
}

/* A value inside numeric cell i of d. */
static double representative(const dim *d, size_t i)
{
    if (!d->npts) return 0;
    if (i % 2) return d->pts[i / 2];
    size_t j = i / 2;
    if (j == 0) return d->pts[0] - 1;
    if (j == d->npts) return d->pts[d->npts - 1] + 1;
    return d->pts[j - 1] + (d->pts[j] - d->pts[j - 1]) / 2;
}

/* Does piece p select the cell at coordinates c? */
static int selects(const grid *g, const size_t *c, const qc_limit *p)
{
    if ((size_t)p->applies_to != c[0]) return 0;
    for (size_t k = 0; k < p->nwhen; k++) {
        const qc_condition *w = &p->when[k];
        for (int numeric = 0; numeric < 2; numeric++) {
            if (numeric ? isnan(w->min) && isnan(w->max) : !w->equals) continue;
            const dim *d = find_dim((grid *)g, w->column, numeric);
            size_t i = c[d - g->d];
            if (numeric) {
                double x = representative(d, i);
                if ((!isnan(w->min) && x < w->min) || (!isnan(w->max) && x > w->max)) return 0;
            } else if (i >= d->nvals || strcmp(d->vals[i], w->equals) != 0) {
                return 0;
            }
        }
    }
    return 1;
}

static const qc_limit *first(const grid *g, const size_t *c, const qc_limit_set *set, size_t *idx)
{
    for (size_t p = 0; set && p < set->npieces; p++)
        if (selects(g, c, &set->piece[p])) { *idx = p; return &set->piece[p]; }
    return NULL;
}

/* ---------- what a side applies at a cell ---------- */

static void tighten(qc_std_bound *b, double v, int x, double tol, int exact, int dp, int lower)
{
    if (isnan(v)) return;
    if (isnan(b->v) || (lower ? v > b->v : v < b->v) || (v == b->v && x && !b->x))
        *b = (qc_std_bound){v, tol, x, exact, dp};
}

/* Adds bounds [lo, hi] stated in unit with decimals dlo/dhi to e, converted to `to`. */
static void add_bounds(const qc_rules *r, qc_std_eff *e, double lo, int lox, int dlo, double hi,
                       int hix, int dhi, const char *unit, const char *to)
{
    qc_unit_map m;
    const char *why = NULL;
    if (qc_units_map(r->units, unit, to, &m, &why)) {
        e->bad_units = 1;
        e->bad_unit = unit;
        e->bad_to = to;
        return;
    }
    double s = m.scale, a = s * lo + m.offset, b = s * hi + m.offset;
    int exact = s == 1 && m.offset == 0;
    double tlo = dlo == QC_DP_UNKNOWN ? 0 : 0.5 * pow(10, -dlo) * fabs(s);
    double thi = dhi == QC_DP_UNKNOWN ? 0 : 0.5 * pow(10, -dhi) * fabs(s);
    if (s < 0) {  /* a unit that reverses order: swap the bounds */
        double t = a; a = b; b = t;
        int tx = lox; lox = hix; hix = tx;
        double tt = tlo; tlo = thi; thi = tt;
    }
    tighten(&e->lo, a, lox, tlo, exact, dlo, 1);
    tighten(&e->hi, b, hix, thi, exact, dhi, 0);
}

static void add_piece(const qc_rules *r, qc_std_eff *e, const qc_limit *p, const char *to)
{
    e->unconfirmed |= !p->confirmed;
    if (!e->method) e->method = p->method;
    if (p->not_encoded) {
        e->not_encoded = 1;
        if (!e->why_not_encoded) e->why_not_encoded = p->not_encoded;
        return;
    }
    add_bounds(r, e, p->min, p->min_exclusive, p->min_dp, p->max, p->max_exclusive, p->max_dp,
               p->unit, to);
}

static void eval_side(const qc_rules *r, const char *indicator, const char *unit, const grid *g,
                      const size_t *c, const qc_std_side *side, qc_std_eff *e)
{
    memset(e, 0, sizeof *e);
    e->lo.v = e->hi.v = NAN;
    e->direct_piece = -1;
    for (size_t k = 0; k < side->n; k++) {
        size_t p, q;
        const qc_limit *l = first(g, c, side->src[k].set, &p);
        if (!l) continue;
        char part[32] = "";
        if (!side->src[k].derived) {
            add_piece(r, e, l, unit);
            e->direct_piece = (int)p;
            snprintf(part, sizeof part, "%zu.%zu,", k, p);
        } else {
            const qc_derived *d = l->derived;
            if (!d || strcmp(d->indicator, indicator) != 0) continue;
            e->unconfirmed |= !l->confirmed;
            if (d->from) {
                const qc_limit *t = first(g, c, table_of(r, d), &q);
                if (!t) continue;
                add_piece(r, e, t, unit);
                snprintf(part, sizeof part, "%zu.%zu.%zu,", k, p, q);
            } else if (!isnan(d->factor)) {
                if (!e->method) e->method = l->method;
                add_bounds(r, e, l->min * d->factor, l->min_exclusive, QC_DP_UNKNOWN,
                           l->max * d->factor, l->max_exclusive, QC_DP_UNKNOWN, d->unit, unit);
                snprintf(part, sizeof part, "%zu.%zu,", k, p);
            } else {  /* bounds stated outright: another specimen, so not the limit's method */
                add_bounds(r, e, d->min, d->min_exclusive, d->min_dp, d->max, d->max_exclusive,
                           d->max_dp, d->unit, unit);
                snprintf(part, sizeof part, "%zu.%zu,", k, p);
            }
        }
        e->any = 1;
        qc_message_append(e->key, sizeof e->key, "%s", part);
    }
}

/* ---------- boxes ---------- */

static const char *const stat_names[] = {"individual", "mean", "median"};

/* The box [lo, hi] of the grid as `when` conditions; dimensions it covers whole are left out. */
static cJSON *box_json(const grid *g, const size_t *lo, const size_t *hi)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 1; i < g->nd; i++) {
        const dim *d = &g->d[i];
        if (lo[i] == 0 && hi[i] == d->ncells - 1) continue;
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "column", d->column);
        if (d->numeric) {
            if (lo[i] % 2) cJSON_AddNumberToObject(c, "min", d->pts[lo[i] / 2]);
            else if (lo[i]) {
                cJSON_AddNumberToObject(c, "min", d->pts[lo[i] / 2 - 1]);
                cJSON_AddTrueToObject(c, "min_exclusive");
            }
            if (hi[i] % 2) cJSON_AddNumberToObject(c, "max", d->pts[hi[i] / 2]);
            else if (hi[i] / 2 < d->npts) {
                cJSON_AddNumberToObject(c, "max", d->pts[hi[i] / 2]);
                cJSON_AddTrueToObject(c, "max_exclusive");
            }
        } else if (lo[i] == hi[i] && lo[i] < d->nvals) {
            cJSON_AddStringToObject(c, "equals", d->vals[lo[i]]);
        } else {
            int other = hi[i] == d->nvals;
            cJSON *vs = cJSON_AddArrayToObject(c, other ? "not_in" : "in");
            for (size_t v = 0; v < d->nvals; v++)
                if ((v >= lo[i] && v <= hi[i]) != other)
                    cJSON_AddItemToArray(vs, cJSON_CreateString(d->vals[v]));
        }
        cJSON_AddItemToArray(arr, c);
    }
    return arr;
}

/* Text of a box: "thickness [3, 100]; orientation = longitudinal (mean)". */
static void box_text(const cJSON *when, qc_applies st, char *buf, size_t size)
{
    size_t n = 0;
    for (const cJSON *c = when ? when->child : NULL; c; c = c->next, n++) {
        const char *col = cJSON_GetObjectItemCaseSensitive(c, "column")->valuestring;
        const cJSON *mn = cJSON_GetObjectItemCaseSensitive(c, "min");
        const cJSON *mx = cJSON_GetObjectItemCaseSensitive(c, "max");
        const cJSON *eq = cJSON_GetObjectItemCaseSensitive(c, "equals");
        qc_message_append(buf, size, "%s%s", n ? ", " : "", col);
        if (eq) qc_message_append(buf, size, " = %s", eq->valuestring);
        else if (cJSON_GetObjectItemCaseSensitive(c, "in")) qc_message_append(buf, size, " in a list");
        else if (cJSON_GetObjectItemCaseSensitive(c, "not_in")) qc_message_append(buf, size, " other");
        else if (mn && mx && mn->valuedouble == mx->valuedouble)
            qc_message_append(buf, size, " = %g", mn->valuedouble);
        else {
            int lx = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "min_exclusive"));
            int hx = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "max_exclusive"));
            if (mn && mx)
                qc_message_append(buf, size, " %s%g, %g%s", lx ? "(" : "[", mn->valuedouble,
                                  mx->valuedouble, hx ? ")" : "]");
            else if (mn) qc_message_append(buf, size, " %s %g", lx ? ">" : "≥", mn->valuedouble);
            else if (mx) qc_message_append(buf, size, " %s %g", hx ? "<" : "≤", mx->valuedouble);
        }
    }
    if (!n) qc_message_append(buf, size, "all results");
    if (st != QC_APPLIES_INDIVIDUAL) qc_message_append(buf, size, " (%s)", stat_names[st]);
}

/* Does every cell of the box [lo, hi] belong to group gid and is it free? */
static int box_free(const grid *g, const int *group, const char *taken, const size_t *lo,
                    const size_t *hi, int gid)
{
    size_t c[34];
    memcpy(c, lo, g->nd * sizeof *c);
    for (;;) {
        size_t cell = linear(g, c);
        if (group[cell] != gid || taken[cell]) return 0;
        size_t i = g->nd;
        while (i-- > 0) {
            if (c[i] < hi[i]) { c[i]++; break; }
            c[i] = lo[i];
        }
        if (i == (size_t)-1) return 1;
    }
}

static void box_take(const grid *g, char *taken, const size_t *lo, const size_t *hi)
{
    size_t c[34];
    memcpy(c, lo, g->nd * sizeof *c);
    for (;;) {
        taken[linear(g, c)] = 1;
        size_t i = g->nd;
        while (i-- > 0) {
            if (c[i] < hi[i]) { c[i]++; break; }
            c[i] = lo[i];
        }
        if (i == (size_t)-1) return;
    }
}

/* The largest box from cell (its lowest corner) within group gid: grown dimension by
 * dimension. */
static void grow(const grid *g, const int *group, const char *taken, size_t cell, size_t *lo,
                 size_t *hi)
{
    coords(g, cell, lo);
    memcpy(hi, lo, g->nd * sizeof *hi);
    for (size_t i = 0; i < g->nd; i++)
        for (;;) {
            if (hi[i] + 1 >= g->d[i].ncells) break;
            size_t save_lo = lo[i];
            lo[i] = hi[i] + 1;
            hi[i]++;
            int ok = box_free(g, group, taken, lo, hi, group[cell]);
            lo[i] = save_lo;
            if (!ok) { hi[i]--; break; }
        }
}

/* ---------- the item ---------- */

static qc_std_verdict combine(const qc_std_band *b, size_t n, int *ne)
{
    size_t k[QC_STD_NVERDICTS] = {0};
    *ne = 0;
    for (size_t i = 0; i < n; i++) { k[b[i].verdict]++; *ne |= b[i].not_encoded; }
    size_t numeric = k[QC_STD_STRICTER] + k[QC_STD_EQUIVALENT] + k[QC_STD_LOOSER] + k[QC_STD_MIXED];
    if (!numeric) return k[QC_STD_NOT_COMPARABLE] ? QC_STD_NOT_COMPARABLE : QC_STD_NOT_ENCODED;
    if (k[QC_STD_MIXED] || (k[QC_STD_STRICTER] && k[QC_STD_LOOSER])) return QC_STD_MIXED;
    return k[QC_STD_STRICTER] ? QC_STD_STRICTER : k[QC_STD_LOOSER] ? QC_STD_LOOSER
                                                                : QC_STD_EQUIVALENT;
}

static const char *side_domain(const cJSON *doms, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t n = 0;
    for (const cJSON *d = doms ? doms->child : NULL; d && n < 4; d = d->next, n++) {
        const char *ap = cJSON_GetObjectItemCaseSensitive(d, "applies_to")->valuestring;
        qc_applies st = strcmp(ap, "mean") == 0 ? QC_APPLIES_MEAN
                        : strcmp(ap, "median") == 0 ? QC_APPLIES_MEDIAN : QC_APPLIES_INDIVIDUAL;
        qc_message_append(buf, size, "%s", n ? "; " : "");
        box_text(cJSON_GetObjectItemCaseSensitive(d, "when"), st, buf, size);
    }
    if (cJSON_GetArraySize(doms) > 4) qc_message_append(buf, size, "; …");
    return buf;
}

static void finish(qc_std_item *it, const qc_std_side *a)
{
    size_t direct = a->n;
    for (size_t k = 0; k < a->n; k++)
        if (!a->src[k].derived) direct = k;
    int ne;
    it->tolerance = 0;
    for (size_t i = 0; i < it->nbands; i++) {
        it->method_differs |= it->bands[i].method_differs;
        if (it->bands[i].tolerance > it->tolerance) it->tolerance = it->bands[i].tolerance;
    }
    if (!it->nbands) {
        char da[200], db[200];
        it->verdict = QC_STD_NOT_COMPARABLE;
        snprintf(it->reason, sizeof it->reason, "the domains do not overlap: A limits %s; B limits %s",
                 side_domain(it->only_a, da, sizeof da), side_domain(it->only_b, db, sizeof db));
        return;
    }
    it->verdict = combine(it->bands, it->nbands, &ne);
    if (it->verdict == QC_STD_NOT_ENCODED) it->not_encoded = ne;
    if (it->nbands == 1) {
        it->difference = it->bands[0].difference;
        double bb = !isnan(it->bands[0].b_min) ? it->bands[0].b_min : it->bands[0].b_max;
        if (!isnan(it->difference) && bb != 0) it->relative_difference = it->difference / fabs(bb);
        snprintf(it->reason, sizeof it->reason, "%s", it->bands[0].reason);
    } else {
        /* which bands say why: all of them when they disagree, else those left out */
        size_t said = 0;
        for (size_t i = 0; i < it->nbands; i++) {
            const qc_std_band *b = &it->bands[i];
            int numeric = b->verdict <= QC_STD_LOOSER || b->verdict == QC_STD_MIXED;
            int say = it->verdict == QC_STD_MIXED ||
                      (it->verdict >= QC_STD_NOT_COMPARABLE && it->verdict != QC_STD_MIXED
                           ? !said : !numeric);
            if (!say) continue;
            if (said++ >= 4) { qc_message_append(it->reason, sizeof it->reason, "; …"); break; }
            char where[160] = "";
            box_text(b->when, b->applies_to, where, sizeof where);
            qc_message_append(it->reason, sizeof it->reason, "%s%s: %s%s%s", said > 1 ? "; " : "",
                              where, qc_std_verdict_name(b->verdict), b->reason[0] ? " (" : "",
                              b->reason);
            if (b->reason[0]) qc_message_append(it->reason, sizeof it->reason, ")");
        }
        for (size_t i = 0; !said && i < it->nbands; i++)  /* e.g. the methods differ throughout */
            if (it->bands[i].reason[0]) {
                snprintf(it->reason, sizeof it->reason, "%s", it->bands[i].reason);
                said = 1;
            }
    }
    if (direct < a->n && a->src[direct].set->npieces > 1) {
        const qc_limit_set *set = a->src[direct].set;
        it->pieces = calloc(set->npieces, sizeof *it->pieces);
        for (size_t p = 0; it->pieces && p < set->npieces; p++) {
            const qc_std_band *mine[64];
            size_t n = 0;
            for (size_t i = 0; i < it->nbands && n < 64; i++)
                if (it->bands[i].a_piece == (int)p) mine[n++] = &it->bands[i];
            qc_std_piece *o = &it->pieces[p];
            o->difference = o->b_min = o->b_max = NAN;
            if (!n) { o->verdict = QC_STD_ONLY_IN_A; continue; }
            qc_std_band tmp[64];
            for (size_t i = 0; i < n; i++) tmp[i] = *mine[i];
            o->verdict = combine(tmp, n, &ne);
            if (n == 1) { o->difference = mine[0]->difference; o->b_min = mine[0]->b_min; o->b_max = mine[0]->b_max; }
        }
        if (it->pieces) it->npieces = set->npieces;
    }
}

static void add_domain(cJSON **doms, qc_applies st, cJSON *when)
{
    if (!*doms) *doms = cJSON_CreateArray();
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "applies_to", stat_names[st]);
    cJSON_AddItemToObject(d, "when", when);
    cJSON_AddItemToArray(*doms, d);
}

qc_status qc_std_bands(const qc_rules *r, const qc_std_side *a, const qc_std_side *b,
                       qc_std_item *it)
{
    const qc_std_side *sides[2] = {a, b};
    grid g;
    int e = grid_build(r, it->indicator, sides, &g);
    it->difference = it->relative_difference = NAN;
    if (e == -2) {
        grid_free(&g);
        it->verdict = QC_STD_NOT_COMPARABLE;
        snprintf(it->reason, sizeof it->reason, "too many bands to compare (more than %d cells)",
                 MAX_CELLS);
        return QC_OK;
    }
    size_t nc = g.ncells;
    int *group = e ? NULL : malloc(nc * sizeof *group);
    char *taken = e ? NULL : calloc(nc, 1), (*keys)[2 * QC_STD_KEY + 8] = NULL;
    qc_std_eff *ea = malloc(nc * sizeof *ea), *eb = malloc(nc * sizeof *eb);
    size_t ngroups = 0, c[34];
    qc_status st = group && taken && ea && eb ? QC_OK : QC_ENOMEM;
    if (!st && !(keys = malloc(nc * sizeof *keys))) st = QC_ENOMEM;
    for (size_t cell = 0; !st && cell < nc; cell++) {
        coords(&g, cell, c);
        eval_side(r, it->indicator, it->unit, &g, c, a, &ea[cell]);
        eval_side(r, it->indicator, it->unit, &g, c, b, &eb[cell]);
        it->unconfirmed_a |= ea[cell].unconfirmed;
        it->unconfirmed_b |= eb[cell].unconfirmed;
        group[cell] = -1;
        if (!ea[cell].any && !eb[cell].any) continue;
        char key[2 * QC_STD_KEY + 8];
        snprintf(key, sizeof key, "%zu%c%s|%s", c[0], ea[cell].any && eb[cell].any ? 'B'
                 : ea[cell].any ? 'A' : 'b', ea[cell].key, eb[cell].key);
        size_t k = 0;
        while (k < ngroups && strcmp(keys[k], key) != 0) k++;
        if (k == ngroups) memcpy(keys[ngroups++], key, sizeof key);
        group[cell] = (int)k;
    }
    for (size_t cell = 0; !st && cell < nc; cell++) {
        if (group[cell] < 0 || taken[cell]) continue;
        size_t lo[34], hi[34];
        grow(&g, group, taken, cell, lo, hi);
        box_take(&g, taken, lo, hi);
        cJSON *when = box_json(&g, lo, hi);
        qc_applies stat = (qc_applies)lo[0];
        if (!ea[cell].any || !eb[cell].any) {
            add_domain(ea[cell].any ? &it->only_a : &it->only_b, stat, when);
            continue;
        }
        qc_std_band *nb = qc_grow(it->bands, it->nbands, sizeof *nb);
        if (!nb) { cJSON_Delete(when); st = QC_ENOMEM; break; }
        it->bands = nb;
        qc_std_band *o = &it->bands[it->nbands++];
        memset(o, 0, sizeof *o);
        o->applies_to = stat;
        o->when = when;
        o->a_piece = ea[cell].direct_piece;
        o->b_piece = eb[cell].direct_piece;
        qc_std_cell_compare(r, it->indicator, &ea[cell], &eb[cell], o);
    }
    if (!st) finish(it, a);
    free(group); free(taken); free(keys); free(ea); free(eb);
    grid_free(&g);
    return st;
}

void qc_std_item_clear(qc_std_item *it)
{
    for (size_t i = 0; i < it->nbands; i++) cJSON_Delete(it->bands[i].when);
    free(it->bands);
    free(it->pieces);
    cJSON_Delete(it->only_a);
    cJSON_Delete(it->only_b);
    it->bands = NULL;
    it->pieces = NULL;
    it->only_a = it->only_b = NULL;
    it->nbands = it->npieces = 0;
}
