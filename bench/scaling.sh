#!/usr/bin/env bash
# bench/scaling.sh — how `qcompare analyze` grows with rows, cells (products), groups and
# indicators: per point, generate the study, then the best (minimum) wall time of --runs runs
# under /usr/bin/time (the minimum is the figure least disturbed by other work on a shared
# machine), peak RSS, µs per result and bytes per result, next to the libcsv parse-only floor
# of the same file.
# The numbers in docs/scaling.md come from this script.
#
# usage: bench/scaling.sh [--build DIR] [--out DIR] [--runs R] [--timeout S] [POINT...]
#   POINT is ROWS:PRODUCTS:INDICATORS:GROUPS; default: the grid of docs/scaling.md
#   --runs R      runs per point and tool (default 3)
#   --timeout S   give up on a point after one run of S seconds (default 600): "> S"
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build out=$root/bench/out/scaling limit=600 runs=3 points=()
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift ;;
    --out) out=$2; shift ;;
    --timeout) limit=$2; shift ;;
    --runs) runs=$2; shift ;;
    -h|--help) sed -n '/^# usage:/,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *:*:*:*) points+=("$1") ;;
    *) echo "scaling: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
if [ ${#points[@]} -eq 0 ]; then
  points=(
    # rows, at 200 products x 10 indicators x 2 groups (4,000 cells)
    1000000:200:10:2 2000000:200:10:2 5000000:200:10:2 10000000:200:10:2
    # cells (products) at 1M rows: group size 2,500 ... 10
    1000000:20:10:2 1000000:100:10:2 1000000:500:10:2 1000000:1000:10:2 1000000:2000:10:2 1000000:5000:10:2
    # groups at 1M rows, 200 products
    1000000:200:10:4 1000000:200:10:8
    # indicators at 1M rows, 200 products
    1000000:200:40:2
  )
fi
qc=$build/qcompare floor=$build/bench/csv_floor gen=$build/bench/gen_results
for exe in "$qc" "$floor" "$gen"; do [ -x "$exe" ] || { echo "scaling: $exe not found: build first" >&2; exit 2; }; done
mkdir -p "$out"
dir=$out/study

# best seconds and largest peak RSS (MB) of $runs runs: "S MB", or "timeout LIMIT"
measure() {
  local t=$out/time.txt rc k best= mb=0 s m
  for ((k = 0; k < runs; k++)); do
    rc=0
    /usr/bin/time -f '%e %M' -o "$t" timeout "$limit" "$@" >/dev/null 2>"$out/stderr.txt" || rc=$?
    if [ "$rc" = 124 ]; then echo "timeout $limit"; return; fi
    [ "$rc" = 0 ] || { echo "scaling: exit $rc: $*" >&2; tail -3 "$out/stderr.txt" >&2; exit 1; }
    read -r s m < <(tail -1 "$t")
    best=$(awk -v a="${best:-$s}" -v b="$s" 'BEGIN { print (b < a ? b : a) }')
    [ "$m" -gt "$mb" ] && mb=$m
  done
  echo "$best $((mb / 1024))"
}

echo "| rows | products × indicators × groups | cells | results per cell | floor s | qcompare s | µs per result | × floor | peak RSS MB | RSS bytes per result |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for pt in "${points[@]}"; do
  IFS=: read -r n p i g <<<"$pt"
  rm -rf "$dir"
  "$gen" -n "$n" -p "$p" -i "$i" -g "$g" "$dir" 2>/dev/null
  cat "$dir/results.csv" >/dev/null
  read -r fs _ < <(measure "$floor" "$dir/results.csv")
  read -r qs qm < <(measure "$qc" analyze "$dir/study.json" --rules "$dir/rules" -o "$dir/qcompare.json")
  cells=$((p * i * g))
  awk -v n="$n" -v p="$p" -v i="$i" -v g="$g" -v c="$cells" -v fs="$fs" -v qs="$qs" -v qm="$qm" 'BEGIN {
    if (qs == "timeout") { printf "| %d | %d × %d × %d | %d | %d | %.2f | > %s | | | | |\n", n, p, i, g, c, n / c, fs, qm; exit }
    printf "| %d | %d × %d × %d | %d | %d | %.2f | %.2f | %.2f | %.1f | %d | %d |\n",
           n, p, i, g, c, n / c, fs, qs, qs * 1e6 / n, qs / fs, qm, qm * 1048576 / n }'
done
rm -rf "$dir"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
