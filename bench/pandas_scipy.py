"""pandas_scipy.py — the comparator a Python analyst would write for bench/run.sh: the same work
as `qcompare analyze` on a bench/gen_results study, in pandas + SciPy.

  read_csv the long-layout results; per product x indicator x group: n, n_missing, mean, sd,
  min, max, median, q1, q3 (linear interpolation = R type 7); per product x indicator: Welch t
  of the subject against the reference from those summaries (t, df, two-sided p from
  scipy.stats.t) and Holm across the product's indicators; conformity against each limit
  (limits.csv, the same numbers as the generated rules): pass and fail counts per group and
  every failing result; one JSON file.

usage: python3 bench/pandas_scipy.py DIR OUT.json  (DIR holds results.csv, limits.csv, study.json)
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from scipy import stats


def holm(p):
    """Holm step-down adjustment of one product's p-values (as R's p.adjust)."""
    p = np.asarray(p, dtype=float)
    out = np.full(len(p), np.nan)
    ok = np.flatnonzero(~np.isnan(p))  # a comparison without a p (n < 2) is not counted
    m = len(ok)
    order = ok[np.argsort(p[ok], kind="stable")]
    out[order] = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: python3 bench/pandas_scipy.py DIR OUT.json")
    d, out = sys.argv[1], sys.argv[2]
    with open(os.path.join(d, "study.json"), encoding="utf-8") as f:
        study = json.load(f)
    subject, reference = study["groups"]["subject"], study["groups"]["reference"]

    res = pd.read_csv(os.path.join(d, "results.csv"))
    lim = pd.read_csv(os.path.join(d, "limits.csv"))

    keys = ["product", "indicator", "group"]
    g = res.groupby(keys, sort=True)["value"]
    groups = g.agg(n="count", mean="mean", sd="std", min="min", max="max", median="median")
    groups.insert(1, "n_missing", g.size() - groups["n"])
    q = g.quantile([0.25, 0.75]).unstack()
    groups["q1"], groups["q3"] = q[0.25], q[0.75]
    groups = groups.reset_index()

    # Welch t on the summaries: subject - reference
    s = groups[groups["group"] == subject].set_index(["product", "indicator"])
    r = groups[groups["group"] == reference].set_index(["product", "indicator"])
    s, r = s.align(r, join="inner", axis=0)
    a, b = s["sd"] ** 2 / s["n"], r["sd"] ** 2 / r["n"]
    se2 = a + b
    cmp = pd.DataFrame({"difference": s["mean"] - r["mean"]})
    cmp["t"] = cmp["difference"] / np.sqrt(se2)
    cmp["df"] = se2 ** 2 / (a ** 2 / (s["n"] - 1) + b ** 2 / (r["n"] - 1))
    cmp["p_value"] = 2 * stats.t.sf(np.abs(cmp["t"]), cmp["df"])
    cmp["p_adjusted"] = cmp.groupby(level="product")["p_value"].transform(holm)
    cmp = cmp.reset_index()

    # conformity against each limit (simple rule: a result on the limit passes)
    j = res.dropna(subset=["value"]).merge(lim, on=["product", "indicator"], how="inner")
    fail = (j["min"].notna() & (j["value"] < j["min"])) | (j["max"].notna() & (j["value"] > j["max"]))
    j["fail"] = fail
    j["pass"] = ~fail
    conformity = j.groupby(keys, sort=True)[["pass", "fail"]].sum().reset_index()
    nonconforming = j.loc[fail, keys + ["sample_id", "value"]]

    parts = {"groups": groups, "comparisons": cmp, "conformity": conformity,
             "nonconforming": nonconforming}
    with open(out, "w", encoding="utf-8") as f:
        f.write("{")
        for i, (name, frame) in enumerate(parts.items()):
            f.write(("," if i else "") + json.dumps(name) + ":")
            f.write(frame.to_json(orient="records", double_precision=15))
        f.write("}\n")


if __name__ == "__main__":
    main()
