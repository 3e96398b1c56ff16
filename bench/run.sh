#!/usr/bin/env bash
# Times `qcompare analyze` on a generated 1M-result file against the libcsv parse-only floor of
# the same file (hyperfine), and reports peak memory (/usr/bin/time -v).
# usage: bench/run.sh [N]      (after: cmake -S . -B build && cmake --build build)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
command -v hyperfine >/dev/null || { echo "bench: apt-get install hyperfine (or .ci/install-deps --dev)"; exit 2; }
bash bench/gen_results.sh "$n" bench/out
hyperfine --warmup 1 --runs 5 --export-markdown bench/out/times.md \
  -n "libcsv parse-only floor" "build/bench/csv_floor bench/out/results.csv" \
  -n "qcompare analyze" "build/qcompare analyze bench/out/study.json --rules rules -o bench/out/analysis.json"
/usr/bin/time -v build/qcompare analyze bench/out/study.json --rules rules -o bench/out/analysis.json 2>&1 |
  grep -E "Maximum resident|Elapsed" || true
ls -l bench/out/results.csv
