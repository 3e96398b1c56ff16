#!/usr/bin/python3
"""Checks the reports rendered from one gap analysis against the analysis itself:

  csv   the five tidy tables: UTF-8 with BOM, exactly the leading columns issue 11 fixes, one
        row per entity in document order, every value equal to the JSON's (numbers exactly:
        they are printed to round-trip), an empty cell for null or absent;
  xlsx  read back with openpyxl: a summary sheet then one sheet per table, the same values as
        the CSV (numbers as numbers), frozen header row, autofilter, display formats;
  svg   every chart (inline in the HTML, files beside the Markdown) is well-formed XML;
  box   geometry: each box plot's whiskers and limit lines sit at the y their values map to
        on the plot's own axis (fitted from the tick marks), and those values are the JSON's.

usage: check_report.py ANALYSIS.json LANG CSVDIR XLSX HTML MDFIGDIR
Prints what it checked and "N passed, M failed"; exits 1 on any failure.
"""
import csv, glob, io, json, math, re, sys
import xml.etree.ElementTree as ET

LEADING = {
    "groups": "product indicator group role n mean sd median q1 q3 min max mean_ci_low mean_ci_high",
    "comparisons": "product indicator subject_mean reference_mean difference difference_ci_low "
                   "difference_ci_high relative_gap p_value p_adjusted verdict",
    "conformity": "product indicator group standard grade n pass fail conditional_pass "
                  "conditional_fail not_decidable rate rate_ci_low rate_ci_high",
    "nonconforming": "product indicator group standard grade sample_id file line value unit "
                     "decision p_conformance",
    "standards_comparison": "a b indicator verdict a_limit b_limit unit",
}
TABLES = list(LEADING)
failures = []
checked = {"values": 0}


def fail(msg):
    if len(failures) < 40:
        print("  " + msg)
    failures.append(msg)


def get(o, path):
    for k in path.split("."):
        if not isinstance(o, dict) or k not in o:
            return None
        o = o[k]
    return o


def num(x):
    return x if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def same(where, cell, expected):
    """cell (CSV text) against the JSON value: numbers exactly, strings equal, null empty."""
    checked["values"] += 1
    if expected is None:
        if cell != "":
            fail("%s: expected an empty cell, got %r" % (where, cell))
        return
    if isinstance(expected, bool):
        expected = "true" if expected else "false"
    if isinstance(expected, (int, float)):
        try:
            v = float(cell)
        except ValueError:
            fail("%s: expected %r, got %r" % (where, expected, cell))
            return
        if v != float(expected):
            fail("%s: expected %r, got %r" % (where, expected, cell))
        return
    if cell.startswith("'") and expected[:1] in ("=", "+", "@", "\t", "\r"):
        cell = cell[1:]  # the formula guard
    if cell != expected:
        fail("%s: expected %r, got %r" % (where, expected, cell))


def name(o, lang, key):
    n = o.get("name") if isinstance(o, dict) else None
    if isinstance(n, dict):
        other = "en" if lang == "zh" else "zh"
        if n.get(lang):
            return n[lang]
        if n.get(other):
            return n[other]
    return o.get(key)


def read_csv(path):
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail("%s: no UTF-8 BOM" % path)
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]], rows[1:]


def pooled(ind, role, group):
    gs = [g for g in ind.get("groups", []) if (g.get("group") == group if group else g.get("role") == role)
          and num(g.get("n")) and num(g.get("mean")) is not None]
    if not gs:
        return None
    if len(gs) == 1:
        return gs[0]["mean"]
    n = sum(g["n"] for g in gs)
    return sum(g["n"] * g["mean"] for g in gs) / n


def check_csv(doc, lang, d):
    tables = {}
    for t in TABLES:
        head, rows, raw = read_csv("%s/%s.csv" % (d, t))
        lead = LEADING[t].split()
        if head[:len(lead)] != lead:
            fail("%s.csv: leading columns %s, expected %s" % (t, head[:len(lead)], lead))
        tables[t] = (head, rows, raw)
    exp = {t: [] for t in TABLES}
    for p in doc["products"]:
        for i in p.get("indicators", []):
            for g in i.get("groups", []):
                e = {"product": p["product"], "indicator": i["indicator"], "group": g.get("group"),
                     "role": g.get("role"), "product_name": name(p, lang, "product"),
                     "indicator_name": name(i, lang, "indicator"), "unit": i.get("unit")}
                for k in ("n", "mean", "sd", "median", "q1", "q3", "min", "max", "n_missing",
                          "n_censored", "cv", "censored_method", "censored_share"):
                    e[k] = g.get(k)
                ci = g.get("mean_ci") or [None, None]
                e["mean_ci_low"], e["mean_ci_high"] = ci
                exp["groups"].append(e)
                for c in g.get("conformity", []):
                    counts = [c.get(k) for k in ("pass", "fail", "conditional_pass", "conditional_fail", "not_decidable")]
                    e = {"product": p["product"], "indicator": i["indicator"], "group": g.get("group"),
                         "standard": c.get("standard"), "grade": c.get("grade"),
                         "n": c.get("n", sum(x for x in counts if x is not None)),
                         "pass": c.get("pass"), "fail": c.get("fail"),
                         "conditional_pass": c.get("conditional_pass"),
                         "conditional_fail": c.get("conditional_fail"),
                         "not_decidable": c.get("not_decidable"), "rate": c.get("rate"),
                         "decided": c.get("decided"), "rate_of": c.get("rate_of"),
                         "near_limit": c.get("near_limit"), "role": g.get("role"),
                         "ppk": get(c, "capability.ppk"), "cpk": get(c, "capability.cpk")}
                    ci = c.get("rate_ci") or [None, None]
                    e["rate_ci_low"], e["rate_ci_high"] = ci
                    exp["conformity"].append(e)
                    for r in c.get("nonconforming", []):
                        e = {"product": p["product"], "indicator": i["indicator"],
                             "group": g.get("group"), "standard": c.get("standard"),
                             "grade": c.get("grade"), "product_name": name(p, lang, "product"),
                             "indicator_name": name(i, lang, "indicator")}
                        for k in ("sample_id", "file", "line", "value", "unit", "decision",
                                  "p_conformance", "censored", "U", "u_source", "reason"):
                            e[k] = r.get(k)
                        exp["nonconforming"].append(e)
            cmps = i.get("comparisons") or ([i["comparison"]] if isinstance(i.get("comparison"), dict) else [])
            each = bool(i.get("comparisons"))
            for c in cmps:
                sg = (c.get("group") or c.get("subject")) if each else None
                e = {"product": p["product"], "indicator": i["indicator"],
                     "difference": c.get("difference"), "relative_gap": c.get("relative_gap"),
                     "p_value": get(c, "welch.p_value"), "p_adjusted": c.get("p_adjusted"),
                     "verdict": c.get("verdict"), "reference": c.get("reference"),
                     "welch_t": get(c, "welch.t"), "tost_p": get(c, "tost.p_value"),
                     "mann_whitney_p": get(c, "mann_whitney.p_value"), "hedges_g": c.get("hedges_g"),
                     "peto_prentice_p": get(c, "peto_prentice.p_value"),
                     "dunnett_p": get(c, "dunnett.p_value")}
                ci = c.get("difference_ci") or [None, None]
                e["difference_ci_low"], e["difference_ci_high"] = ci
                s_mean, r_mean = pooled(i, "subject", sg), pooled(i, "reference", None)
                e["_means"] = (s_mean, r_mean)
                exp["comparisons"].append(e)
    for sc in doc.get("standards_comparison") or []:
        side = lambda x: (x.get("id", "") + ("@" + x["grade"] if x.get("grade") else "")) if isinstance(x, dict) else x
        for i in sc.get("indicators", []):
            exp["standards_comparison"].append({
                "a": side(sc.get("a")), "b": side(sc.get("b")), "indicator": i.get("indicator"),
                "verdict": i.get("verdict"), "unit": i.get("unit"), "difference": i.get("difference"),
                "relative_difference": i.get("relative_difference"),
                "method_differs": i.get("method_differs")})
    for t in TABLES:
        rows = tables[t][1]
        if len(rows) != len(exp[t]):
            fail("%s.csv: %d rows, the analysis has %d" % (t, len(rows), len(exp[t])))
            continue
        for k, (row, e) in enumerate(zip(rows, exp[t])):
            for col, v in e.items():
                if col == "_means":
                    continue
                if col not in row:
                    fail("%s.csv: no column %s" % (t, col))
                    continue
                same("%s.csv row %d %s" % (t, k + 2, col), row[col], v)
            if t == "comparisons":
                s_mean, r_mean = e["_means"]
                for col, m in (("subject_mean", s_mean), ("reference_mean", r_mean)):
                    if m is None:
                        same("%s.csv row %d %s" % (t, k + 2, col), row[col], None)
                    elif abs(float(row[col]) - m) > 1e-12 * max(1.0, abs(m)):
                        fail("comparisons.csv row %d %s: %s, groups give %r" % (k + 2, col, row[col], m))
                if row["subject_mean"] and row["reference_mean"] and e["difference"] is not None:
                    dd = float(row["subject_mean"]) - float(row["reference_mean"])
                    if abs(dd - e["difference"]) > 1e-9 * max(1.0, abs(e["difference"])):
                        fail("comparisons.csv row %d: subject_mean - reference_mean %r != difference %r" % (k + 2, dd, e["difference"]))
    return tables


def check_xlsx(path, tables):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    if len(wb.worksheets) != 1 + len(TABLES):
        fail("%s: %d sheets, expected %d" % (path, len(wb.worksheets), 1 + len(TABLES)))
        return
    for ws, t in zip(wb.worksheets[1:], TABLES):
        head, rows, raw = tables[t]
        if ws.max_column != len(head) or ws.max_row != len(raw) + 1:
            fail("xlsx %s: %dx%d cells, the CSV has %dx%d" % (t, ws.max_row, ws.max_column, len(raw) + 1, len(head)))
            continue
        if ws.freeze_panes != "A2":
            fail("xlsx %s: header row not frozen (%s)" % (t, ws.freeze_panes))
        if not ws.auto_filter.ref:
            fail("xlsx %s: no autofilter" % t)
        for r, row in enumerate(ws.iter_rows(min_row=2, values_only=False)):
            for c, cell in enumerate(row):
                text = raw[r][c]
                v = cell.value
                checked["values"] += 1
                if text == "":
                    if v is not None:
                        fail("xlsx %s %s: expected empty, got %r" % (t, cell.coordinate, v))
                elif isinstance(v, (int, float)):
                    if float(text) != float(v):
                        fail("xlsx %s %s: %r, the CSV has %r" % (t, cell.coordinate, v, text))
                    if head[c] in ("rate", "relative_gap") and cell.number_format != "0.0%":
                        fail("xlsx %s %s: format %r" % (t, cell.coordinate, cell.number_format))
                else:
                    if text.startswith("'") and not str(v).startswith("'"):
                        text = text[1:]
                    if str(v) != text:
                        fail("xlsx %s %s: %r, the CSV has %r" % (t, cell.coordinate, v, text))
                        continue
                    try:  # a number the CSV holds must be a number in the sheet
                        float(text)
                        if head[c] not in ("group", "sample_id", "product", "indicator", "grade", "a", "b", "unit",
                                           "limit", "a_limit", "b_limit", "reason", "subject", "reference"):
                            fail("xlsx %s %s: number stored as text %r" % (t, cell.coordinate, v))
                    except ValueError:
                        pass


def svgs_of(html, figdir):
    out = [("html#%d" % k, m) for k, m in enumerate(re.findall(r"<svg\b.*?</svg>", html, re.S))]
    for f in sorted(glob.glob(figdir + "/*.svg")):
        out.append((f, open(f, encoding="utf-8").read()))
    return out


def check_box(doc, where, root):
    ns = "{http://www.w3.org/2000/svg}"
    ind_id = root.get("data-indicator")
    ind = next((i for p in doc["products"] for i in p.get("indicators", []) if i.get("indicator") == ind_id), None)
    if ind is None:
        fail("%s: box plot of unknown indicator %r" % (where, ind_id))
        return
    ticks = [(float(e.get("data-value")), float(e.get("y1"))) for e in root.iter(ns + "line") if e.get("data-role") == "ytick"]
    if len(ticks) < 2:
        fail("%s: fewer than two y ticks" % where)
        return
    (v0, y0), (v1, y1) = ticks[0], ticks[-1]
    to_y = lambda v: y0 + (v - v0) * (y1 - y0) / (v1 - v0)
    for e in root.iter(ns + "line"):
        role = e.get("data-role")
        if role not in ("whisker-min", "whisker-max", "limit", "median"):
            continue
        v = float(e.get("data-value"))
        if abs(float(e.get("y1")) - to_y(v)) > 0.01 or abs(float(e.get("y2")) - to_y(v)) > 0.01:
            fail("%s: %s of %s at y %s, its value %r maps to %.2f" % (where, role, e.get("data-group") or e.get("data-standard"), e.get("y1"), v, to_y(v)))
        checked["values"] += 1
        if role.startswith("whisker") or role == "median":
            g = next((g for g in ind["groups"] if g.get("group") == e.get("data-group")), None)
            key = {"whisker-min": "min", "whisker-max": "max", "median": "median"}[role]
            if g is None or g.get(key) != v:
                fail("%s: %s %r is not the group's %s (%r)" % (where, role, v, key, g and g.get(key)))
        else:
            values = set()
            for g in ind["groups"]:
                for c in g.get("conformity", []):
                    lim = c.get("limit")
                    for piece in lim if isinstance(lim, list) else [lim]:
                        if not isinstance(piece, dict):
                            continue
                        values.update(piece[k] for k in ("min", "max") if num(piece.get(k)) is not None)
                        t = piece.get("target")
                        tol = piece.get("tolerance")
                        if num(t) is not None and num(tol) is not None:
                            values.update((t - tol, t + tol))
                        tm, tp = piece.get("tolerance_minus"), piece.get("tolerance_plus")
                        if num(t) is not None and num(tm) is not None and num(tp) is not None:
                            values.update((t - tm, t + tp))
            if v not in values:
                fail("%s: limit line at %r is no limit of %s in the analysis" % (where, v, ind_id))
    checked["boxes"] = checked.get("boxes", 0) + 1


def check_oc(doc, where, root):
    """Each OC point sits where its (p, Pa) map on the axes, and is a point of some plan's
    oc_curve in the analysis; the AQL line sits at an AQL of the analysis."""
    ns = "{http://www.w3.org/2000/svg}"
    def axis(role, attr):
        t = [(float(e.get("data-value")), float(e.get(attr))) for e in root.iter(ns + "line") if e.get("data-role") == role]
        if len(t) < 2:
            fail("%s: fewer than two %s" % (where, role))
            return None
        (v0, c0), (v1, c1) = t[0], t[-1]
        return lambda v: c0 + (v - v0) * (c1 - c0) / (v1 - v0)
    to_x, to_y = axis("xtick", "x1"), axis("ytick", "y1")
    if not to_x or not to_y:
        return
    points, aqls = set(), set()
    for p in doc["products"]:
        for s in p.get("standards", []):
            sp = s.get("sampling")
            if isinstance(sp, dict):
                aqls.add(sp.get("aql"))
                points.update((q["fraction_nonconforming"], q["p_accept"]) for q in sp.get("oc_curve", []))
    n = 0
    for e in root.iter(ns + "circle"):
        if e.get("data-role") != "oc-point":
            continue
        p, pa = float(e.get("data-p")), float(e.get("data-pa"))
        if (p, pa) not in points:
            fail("%s: OC point (%r, %r) is on no plan's curve in the analysis" % (where, p, pa))
        if abs(float(e.get("cx")) - to_x(100 * p)) > 0.01 or abs(float(e.get("cy")) - to_y(pa)) > 0.01:
            fail("%s: OC point (%r, %r) drawn at (%s, %s)" % (where, p, pa, e.get("cx"), e.get("cy")))
        n += 1
    for e in root.iter(ns + "line"):
        if e.get("data-role") == "aql":
            v = float(e.get("data-value"))
            if v not in aqls or abs(float(e.get("x1")) - to_x(v)) > 0.01:
                fail("%s: AQL line at %s for %r" % (where, e.get("x1"), v))
    if not n:
        fail("%s: OC chart without points" % where)
    checked["values"] += n
    checked["oc"] = checked.get("oc", 0) + 1


def main(argv):
    analysis, lang, csvdir, xlsx, html, figdir = argv
    doc = json.load(open(analysis, encoding="utf-8"))
    tables = check_csv(doc, lang, csvdir)
    check_xlsx(xlsx, tables)
    text = open(html, encoding="utf-8").read()
    for where, svg in svgs_of(text, figdir):
        try:
            root = ET.fromstring(svg)
        except ET.ParseError as e:
            fail("%s: not well-formed XML: %s" % (where, e))
            continue
        if root.get("data-chart") == "box":
            check_box(doc, where, root)
        elif root.get("data-chart") == "oc":
            check_oc(doc, where, root)
    print("  %d values, %d box plots, %d OC charts checked" % (checked["values"], checked.get("boxes", 0), checked.get("oc", 0)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
