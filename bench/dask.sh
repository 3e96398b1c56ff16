#!/usr/bin/env bash
# bench/dask.sh — the product-partitioned run of docs/scaling.md, measured: one run of a
# generated study, then the Dask driver (engine/scale/qcompare_dask.py) on it for each K, on a
# LocalCluster of W worker processes (127.0.0.1), each merged analysis checked against the one
# run (qcompare diff: no difference outside inputs.files). Prints a Markdown table: wall time
# (and its shuffle, map and merge parts), the slowest partition and the largest partition's
# peak RSS. Heavy: run it `nice`, when the machine is quiet.
#
# usage: bench/dask.sh STUDY_DIR K... [--workers W] [--build DIR] [--block-size BYTES]
#        STUDY_DIR from bench/gen_results.sh (results.csv, study.json, rules/); W default 2
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build workers=2 block=$((64 << 20)) args=()
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift ;;
    --workers) workers=$2; shift ;;
    --block-size) block=$2; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
[ ${#args[@]} -ge 2 ] || { sed -n '/^# usage:/,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
src=$(cd "${args[0]}" && pwd)
qc=$build/qcompare py=/usr/bin/python3
out=$src/dask
mkdir -p "$out"
cd "$src"
nofiles() { sed '/^\t\t"files":\t\[/,/^\t\t\t}\],$/d' "$1"; }

/usr/bin/time -f '%e %M' -o "$out/one.time" "$qc" analyze study.json --rules rules --quiet -o "$out/one.json"
read -r one_s one_kb < "$out/one.time"
rows=$(($(wc -l < results.csv) - 1))
echo "| results | K | wall s | shuffle s | analyze s (slowest partition) | merge s | peak RSS per partition MB (largest) | = one run |"
echo "|---:|---:|---:|---:|---:|---:|---:|---|"
printf '| %s | one run | %.2f | | | | %.0f | |\n' "$rows" "$one_s" "$((one_kb / 1024))"
for k in "${args[@]:1}"; do
  t0=$(date +%s.%N)
  "$py" "$root/engine/scale/qcompare_dask.py" study.json -k "$k" -o "$out/k$k.json" \
    --rules rules --qcompare "$qc" --local "$workers" --block-size "$block" \
    --workdir "$out/k$k.parts" --report "$out/k$k.report.json" 2>"$out/k$k.err"
  t1=$(date +%s.%N)
  same=no
  "$qc" diff "$out/one.json" "$out/k$k.json" > "$out/k$k.diff" || true
  if ! grep -v '^\$\.inputs\.files\[' "$out/k$k.diff" | grep -q '^\$' &&
     cmp -s <(nofiles "$out/one.json") <(nofiles "$out/k$k.json"); then same=yes; fi
  "$py" - "$out/k$k.report.json" "$rows" "$k" "$same" "$t0" "$t1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
rows, k, same, t0, t1 = sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]), float(sys.argv[6])
slow = max(a["wall_s"] for a in r["analyze"])
rss = [a["peak_rss_kib"] / 1024 for a in r["analyze"]]
print(f"| {rows} | {k} | {t1 - t0:.2f} | {r['shuffle_s']:.2f} | {r['map_s']:.2f} ({slow:.2f}) | "
      f"{r['reduce_s']:.2f} | {sum(rss) / len(rss):.0f} ({max(rss):.0f}) | {same} |")
PY
  rm -rf "$out/k$k.parts"
done
