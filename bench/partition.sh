#!/usr/bin/env bash
# bench/partition.sh — the product-partitioned run of docs/scaling.md, in miniature on one
# machine: splits a generated study (bench/gen_results) into K partitions by product, runs
# `qcompare analyze` unchanged on each (J at a time), merges the K documents, and checks that
# the merged products[] equal those of one run over the whole file.
#
#   1. shuffle: count results per product, assign products to partitions largest first to the
#      least-loaded one (what a batch engine's partitioner does), write each partition's CSV;
#   2. map: per partition, a study.json naming its products and `qcompare analyze`;
#   3. reduce: products[] concatenated and sorted by id, input counts summed, notes joined,
#      and every reference to a result (file and line of nonconforming results, Grubbs'
#      extreme, rejections) mapped back to the original file (the shuffle keeps, per partition
#      line, the original line number).
#
# usage: bench/partition.sh STUDY_DIR K [J] [--build DIR]
#        STUDY_DIR from bench/gen_results (results.csv, study.json, rules/); J default 2
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build args=()
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
[ ${#args[@]} -ge 2 ] || { sed -n '/^# usage:/,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
src=$(cd "${args[0]}" && pwd) k=${args[1]} jobs=${args[2]:-2}
qc=$build/qcompare
py=$(command -v /usr/bin/python3 || command -v python3) || { echo "partition: needs python3" >&2; exit 2; }
work=$src/partitions
rm -rf "$work" && mkdir -p "$work"
now() { date +%s.%N; }

t0=$(now)
# 1. shuffle (two passes over the file, as a map-side count then a partitioned write)
awk -F, -v k="$k" -v work="$work" '
  NR == FNR { if (FNR > 1) count[$2]++; next }
  FNR == 1 {
    np = 0
    for (p in count) name[++np] = p
    for (a = 2; a <= np; a++)  # largest first (insertion sort: a few thousand products)
      for (b = a; b > 1 && (count[name[b - 1]] < count[name[b]] ||
           (count[name[b - 1]] == count[name[b]] && name[b - 1] > name[b])); b--) {
        t = name[b]; name[b] = name[b - 1]; name[b - 1] = t
      }
    for (a = 1; a <= np; a++) {
      best = 0
      for (j = 1; j < k; j++) if (load[j] < load[best]) best = j
      part[name[a]] = best; load[best] += count[name[a]]
      print name[a] > (work "/products-" best ".txt")
    }
    for (j = 0; j < k; j++) {
      system("mkdir -p " work "/" j); out[j] = work "/" j "/results.csv"; map[j] = work "/" j "/lines.txt"
      print > out[j]; print FNR > map[j]
    }
    next
  }
  { print > out[part[$2]]; print FNR > map[part[$2]] }' "$src/results.csv" "$src/results.csv"
t1=$(now)

# 2. map: one study per partition, qcompare unchanged
for ((j = 0; j < k; j++)); do
  "$py" - "$src/study.json" "$work/products-$j.txt" "$work/$j/study.json" <<'PY'
import json, sys
study = json.load(open(sys.argv[1], encoding="utf-8"))
keep = set(open(sys.argv[2], encoding="utf-8").read().split())
study["products"] = [p for p in study["products"] if p["product"] in keep]
study["results"] = ["results.csv"]
json.dump(study, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
done
seq 0 $((k - 1)) | xargs -P "$jobs" -I{} /usr/bin/time -f '{} %e %M' -o "$work/{}/time.txt" \
  "$qc" analyze "$work/{}/study.json" --rules "$src/rules" -o "$work/{}/analysis.json" 2>/dev/null
t2=$(now)

# 3. reduce
"$py" - "$work" "$k" "$src/results.csv" <<'PY'
import json, os, sys
work, k, original = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = [json.load(open(os.path.join(work, str(j), "analysis.json"), encoding="utf-8")) for j in range(k)]
def remap(node, lines):
    """Every reference to a result (a "line", with its "file" when given: nonconforming results,
    Grubbs' extreme, rejections) from the partition's file to the original one."""
    if isinstance(node, dict):
        if isinstance(node.get("line"), int):
            node["line"] = lines[node["line"] - 1]
            if "file" in node:
                node["file"] = original
            if "path" in node:
                node["path"] = original
        for v in node.values():
            remap(v, lines)
    elif isinstance(node, list):
        for v in node:
            remap(v, lines)
for j, d in enumerate(docs):
    with open(os.path.join(work, str(j), "lines.txt")) as f:
        lines = [int(x) for x in f]
    remap(d["products"], lines)
    remap(d["inputs"]["rejections"], lines)
merged = dict(docs[0])
merged["products"] = sorted((p for d in docs for p in d["products"]), key=lambda p: p["product"])
files = [f for d in docs for f in d["inputs"]["files"] if f.get("role") == "results"]
total = {key: sum(f[key] for f in files) for key in ("records", "results", "accepted", "rejected", "excluded")}
merged["inputs"] = dict(docs[0]["inputs"], partitions=files, totals=total,
                        rejections=[r for d in docs for r in d["inputs"]["rejections"]])
merged["notes"] = sorted({n for d in docs for n in d["notes"]})
json.dump(merged, open(os.path.join(work, "merged.json"), "w", encoding="utf-8"))
print(f"merged {k} partitions: {len(merged['products'])} products, {total['accepted']} results accepted")
PY
t3=$(now)
for ((j = 0; j < k; j++)); do cat "$work/$j/time.txt"; done |
  awk '{ s = $2 > s ? $2 : s; m = $3 > m ? $3 : m; printf "partition %s: %s s, %.0f MB peak\n", $1, $2, $3 / 1024 }
       END { printf "slowest partition %.2f s; largest peak RSS %.0f MB\n", s, m / 1024 }'
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v j="$jobs" 'BEGIN {
  printf "shuffle %.2f s, map %.2f s (%d at a time), reduce %.2f s\n", b - a, c - b, j, d - c }'

# the check: the same products[] as one run over the whole file (timed, for comparison)
/usr/bin/time -f '%e %M' -o "$work/whole-time.txt" \
  "$qc" analyze "$src/study.json" --rules "$src/rules" -o "$work/whole.json" 2>/dev/null
awk '{ printf "one run over the whole file: %s s, %.0f MB peak\n", $1, $2 / 1024 }' "$work/whole-time.txt"
"$py" - "$work/whole.json" "$work/merged.json" <<'PY'
import json, sys
whole = json.load(open(sys.argv[1], encoding="utf-8"))
merged = json.load(open(sys.argv[2], encoding="utf-8"))
same = whole["products"] == merged["products"]
print("products[] of the merged partitions " + ("equal" if same else "DIFFER from") +
      " those of one run over the whole file")
sys.exit(0 if same else 1)
PY
