#!/usr/bin/env bash
# bench/hostile.sh — the bad inputs of issue 7 at scale: a 2 GB file, one group of 10⁷ values,
# 10⁶ distinct products, a 1 MB field, a file that ends inside a quoted field (small and large,
# read on one thread and on two). Each case checks the outcome (exit status, counts, a value
# recomputed with awk, the located error) and reports wall time and peak RSS; it fails when an
# outcome is wrong, never on a timing. docs/scaling.md ("Hostile inputs") has the full run.
#
# usage: bench/hostile.sh [--small] [--build DIR] [--out DIR] [--keep]
#   --small      the same cases at CI size (seconds, a few MB): ctest runs this
#   --build DIR  build tree with qcompare and bench/gen_results (default ./build)
#   --out DIR    scratch directory (default: a temporary one, removed unless --keep)
# Needs: bash, awk, GNU time for the RSS column (else "-").
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
small=0 build=$root/build out= keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --small) small=1 ;;
    --build) build=$2; shift ;;
    --out) out=$2; shift ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '/^# usage:/,/^# Needs/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "hostile: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
qc=$build/qcompare gen=$build/bench/gen_results
for exe in "$qc" "$gen"; do
  [ -x "$exe" ] || { echo "hostile: $exe not found: build first" >&2; exit 2; }
done
if [ -z "$out" ]; then
  out=$(mktemp -d)
  [ "$keep" = 1 ] || trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

# sizes: full | small
if [ "$small" = 1 ]; then
  big_rows=200000 one_rows=100000 many_products=20000 field_bytes=1048576
else
  big_rows=25000000 one_rows=10000000 many_products=1000000 field_bytes=1048576
fi
gnu_time=; [ -x /usr/bin/time ] && /usr/bin/time -f %M true 2>/dev/null && gnu_time=/usr/bin/time
pass=0 fail=0
printf '| case | input | exit | wall s | peak RSS MB | check |\n|---|---|---:|---:|---:|---|\n' > "$out/table.md"

# run NAME DIR THREADS -- runs qcompare analyze on DIR/study.json; sets rc, wall, rss
run() {
  local dir=$1 threads=$2
  local t0 t1
  t0=$(date +%s.%N)
  if [ -n "$gnu_time" ]; then
    "$gnu_time" -f %M -o "$dir/rss" "$qc" analyze "$dir/study.json" --rules "${rules:-$dir/rules}" \
      --threads "$threads" -o "$dir/out.json" 2> "$dir/err.txt"
    rc=$?
    rss=$(tail -n 1 "$dir/rss" 2>/dev/null | awk '{printf "%.0f", $1 / 1024}')
  else
    "$qc" analyze "$dir/study.json" --rules "${rules:-$dir/rules}" --threads "$threads" \
      -o "$dir/out.json" 2> "$dir/err.txt"
    rc=$? rss=-
  fi
  t1=$(date +%s.%N)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
}

# report NAME INPUT OK WHAT
report() {
  local name=$1 input=$2 ok=$3 what=$4
  if [ "$ok" = 1 ]; then pass=$((pass + 1)); echo "ok   $name: $what"; else fail=$((fail + 1)); echo "FAIL $name: $what"; fi
  printf '| %s | %s | %s | %s | %s | %s%s |\n' "$name" "$input" "$rc" "$wall" "$rss" \
    "$([ "$ok" = 1 ] && echo "" || echo "FAILED: ")" "$what" >> "$out/table.md"
}

size_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }
# the first value of a number key in a pretty-printed document (one key per line)
json_num() { grep -m 1 -o "\"$2\":[[:space:]]*[-0-9.e+]*" "$1" | sed 's/.*:[[:space:]]*//'; }

# 1. a large file (2 GB at full size), read on every core
d=$out/big; "$gen" -n "$big_rows" "$d" > /dev/null
run "$d" 2
acc=$(json_num "$d/out.json" accepted)
report "large file" "$big_rows rows, $(size_mb "$d/results.csv")" \
  "$([ "$rc" = 0 ] && [ "$acc" = "$big_rows" ] && echo 1 || echo 0)" "exit 0, all $big_rows results accepted (got ${acc:-none})"

# 2. one group holding every value: its mean against awk's (Kahan-summed) mean of the column
d=$out/one; "$gen" -n "$one_rows" -p 1 -i 1 -g 1 -m 0 "$d" > /dev/null
run "$d" 1
want=$(awk -F, 'NR > 1 { y = $5 - c; t = s + y; c = (t - s) - y; s = t; n++ } END { printf "%.17g", s / n }' "$d/results.csv")
got=$(json_num "$d/out.json" mean)
close=$(awk -v a="$got" -v b="$want" 'BEGIN { d = a - b; if (d < 0) d = -d; print (a != "" && d <= 1e-12 * (b < 0 ? -b : b)) }')
report "one group" "$one_rows values, one cell" "$([ "$rc" = 0 ] && [ "$close" = 1 ] && echo 1 || echo 0)" \
  "exit 0, mean $got = awk's $want (rel 1e-12)"

# 3. many distinct products, each with its own standard
d=$out/many; "$gen" -n $((2 * many_products)) -p "$many_products" -i 1 -g 2 -m 0 "$d" > /dev/null
run "$d" 2
np=$(grep -c '"scorecard":' "$d/out.json")  # one per product, on its own line
report "many products" "$many_products products, $((2 * many_products)) rows" \
  "$([ "$rc" = 0 ] && [ "$np" = "$many_products" ] && echo 1 || echo 0)" "exit 0, $many_products product scorecards (got $np)"

# 4. a 1 MB field: in a quoted note (the row is used) and as the value (the row is rejected,
# the message cut short)
d=$out/field; mkdir -p "$d"; rules=$root/rules
cat > "$d/study.json" <<'JSON'
{"id": "field", "date": "2026-11-01", "results": ["data.csv"],
 "products": [{"product": "steel-rebar", "standards": [{"id": "GB/T 1499.2-2018", "grade": "HRB400"}]}]}
JSON
big() { head -c "$field_bytes" /dev/zero | tr '\0' "$1"; }
{ echo "sample_id,product,group,indicator,value,unit,note"
  printf 'S1,steel-rebar,local,yield_strength,450,MPa,"'; big x; printf '"\n'
  printf 'S2,steel-rebar,local,yield_strength,4'; big 0; printf ',MPa,plain\n'
  echo "S3,steel-rebar,local,yield_strength,460,MPa,plain"; } > "$d/data.csv"
run "$d" 1
msg=$(grep -c "data.csv:3: value:" "$d/err.txt"); len=$(wc -c < "$d/err.txt")
acc=$(json_num "$d/out.json" accepted)
report "1 MB field" "$(size_mb "$d/data.csv")" \
  "$([ "$rc" = 0 ] && [ "$acc" = 2 ] && [ "$msg" = 1 ] && [ "$len" -lt 2000 ] && echo 1 || echo 0)" \
  "exit 0, 2 accepted, the 1 MB value rejected at line 3 in a ${len}-byte message"
unset rules

# 5. a file that ends inside a quoted field: small, and large on one thread and two
d=$out/eof; mkdir -p "$d"; rules=$root/rules; cp "$out/field/study.json" "$d/"
printf 'sample_id,product,group,indicator,value,unit,note\nS1,steel-rebar,local,yield_strength,450,MPa,"never closed\n' > "$d/data.csv"
run "$d" 1
report "ends in quotes" "2 lines" \
  "$([ "$rc" = 3 ] && grep -q 'data.csv:2: unterminated quoted field' "$d/err.txt" && [ ! -e "$d/out.json" ] && echo 1 || echo 0)" \
  "exit 3, 'data.csv:2: unterminated quoted field', no output"
unset rules
d2=$out/eof-big; mkdir -p "$d2"
cp "$out/big/study.json" "$d2/"; ln -sfn "$out/big/rules" "$d2/rules"
head -n $((big_rows / 10)) "$out/big/results.csv" > "$d2/results.csv"
last=$(($(wc -l < "$d2/results.csv") + 1))
printf 'S-x,bench-product-00001,local,bench_ind_001,"1.5\n' >> "$d2/results.csv"
run "$d2" 1; e1=$(cat "$d2/err.txt"); r1=$rc
run "$d2" 2; e2=$(cat "$d2/err.txt")
report "ends in quotes, large" "$(size_mb "$d2/results.csv")" \
  "$([ "$r1" = 3 ] && [ "$rc" = 3 ] && [ "$e1" = "$e2" ] && grep -q "results.csv:$last: unterminated quoted field" "$d2/err.txt" && echo 1 || echo 0)" \
  "exit 3 on 1 and 2 threads, the same error at line $last"

echo
cat "$out/table.md"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
