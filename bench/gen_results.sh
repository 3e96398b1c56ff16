#!/usr/bin/env bash
# Generates a long-layout benchmark study of N results (default 1,000,000) in DIR (default
# bench/out/N): results.csv, study.json, a bench-only rules/ directory and limits.csv.
# Deterministic (fixed seed); 200 products × 10 indicators × 2 groups unless told otherwise.
# The generator is bench/gen_results.c: build/bench/gen_results (or $QC_BUILD/bench/gen_results)
# when built, else compiled here with cc.
# usage: bench/gen_results.sh [N] [DIR] [-p PRODUCTS] [-i INDICATORS] [-g GROUPS] [-s SEED] [-z Z] [-m MISSING]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-1000000}
dir=${2:-$here/out/$n}
shift $(($# < 2 ? $# : 2))
gen=${QC_BUILD:-$here/../build}/bench/gen_results
if [ ! -x "$gen" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  gen=$tmp/gen_results
  ${CC:-cc} -O2 -std=c11 -o "$gen" "$here/gen_results.c" -lm
fi
"$gen" -n "$n" "$@" "$dir"
