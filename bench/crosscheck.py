"""crosscheck.py — checks that a comparator (bench/datatable.R, bench/pandas_scipy.py) computed
the same numbers as `qcompare analyze`, so that bench/run.sh times the same work.

Compares, per product x indicator x group: n, n_missing, mean, sd, min, max, median, q1, q3 and
the pass/fail counts; per product x indicator: Welch t, df, p and Holm-adjusted p; and the
number of failing results. Relative tolerance 1e-9 (R writes 15 significant digits).
Standard library only.

usage: python3 bench/crosscheck.py QCOMPARE.json COMPARATOR.json [NAME]
exit 0 when everything agrees, 1 otherwise (the first differences are printed).
"""
import json
import math
import sys


def close(a, b, rel=1e-9, abs_=1e-12):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and math.isnan(a):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: crosscheck.py QCOMPARE.json COMPARATOR.json [NAME]")
    with open(sys.argv[1], encoding="utf-8") as f:
        q = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        c = json.load(f)
    name = sys.argv[3] if len(sys.argv) == 4 else sys.argv[2]

    qg, qc, qconf, qfail = {}, {}, {}, 0
    for p in q["products"]:
        for ind in p["indicators"]:
            for g in ind["groups"]:
                key = (p["product"], ind["indicator"], g["group"])
                qg[key] = g
                conf = g["conformity"][0]
                qconf[key] = (conf["pass"], conf["fail"])
                qfail += len(conf["nonconforming"])
            cmp = ind.get("comparison")
            if cmp:
                w = cmp["welch"]
                qc[(p["product"], ind["indicator"])] = {
                    "difference": cmp["difference"], "t": w["t"], "df": w["df"],
                    "p_value": w["p_value"], "p_adjusted": cmp["p_adjusted"]}

    bad = []
    stat_keys = ["n", "n_missing", "mean", "sd", "min", "max", "median", "q1", "q3"]
    seen = set()
    for row in c["groups"]:
        key = (row["product"], row["indicator"], row["group"])
        seen.add(key)
        g = qg.get(key)
        if g is None:
            bad.append(f"{key}: group not in qcompare's output")
            continue
        for k in stat_keys:
            if not close(g[k], row.get(k)):
                bad.append(f"{key} {k}: qcompare {g[k]!r}, {name} {row.get(k)!r}")
    for key in qg:
        if key not in seen:
            bad.append(f"{key}: group missing from {name}")
    for row in c["conformity"]:
        key = (row["product"], row["indicator"], row["group"])
        if qconf.get(key) != (row["pass"], row["fail"]):
            bad.append(f"{key} pass/fail: qcompare {qconf.get(key)}, {name} {(row['pass'], row['fail'])}")
    # a comparison without a t (a group with n < 2) is qcompare's null comparison
    ccmp = {(r["product"], r["indicator"]): r for r in c["comparisons"]
            if r.get("t") is not None and not (isinstance(r["t"], float) and math.isnan(r["t"]))}
    if set(ccmp) != set(qc):
        bad.append(f"comparisons: qcompare has {len(qc)}, {name} {len(ccmp)}")
    for key, w in qc.items():
        r = ccmp.get(key)
        for k, v in w.items():
            if r is not None and not close(v, r.get(k), rel=1e-7):
                bad.append(f"{key} {k}: qcompare {v!r}, {name} {r.get(k)!r}")
    if qfail != len(c["nonconforming"]):
        bad.append(f"failing results: qcompare {qfail}, {name} {len(c['nonconforming'])}")

    if bad:
        print(f"crosscheck {name}: {len(bad)} difference(s)")
        for b in bad[:20]:
            print("  " + b)
        sys.exit(1)
    print(f"crosscheck {name}: agrees with qcompare on {len(qg)} groups, {len(qc)} comparisons, "
          f"{qfail} failing results")


if __name__ == "__main__":
    main()
