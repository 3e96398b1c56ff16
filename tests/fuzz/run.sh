#!/usr/bin/env bash
# tests/fuzz/run.sh — runs one libFuzzer harness for a fixed time on its committed corpus (the
# fuzz_NAME CTests of a QC_FUZZ=ON build), after replaying every input of regressions/NAME/
# (inputs that once crashed it). New inputs go to a scratch directory, never into the
# committed corpus; a crash leaves its input there and is printed.
# usage: run.sh HARNESS FUZZ_DIR NAME SECONDS
set -u
if [ $# -ne 4 ]; then echo "usage: run.sh HARNESS FUZZ_DIR NAME SECONDS" >&2; exit 2; fi
bin=$1 dir=$2 name=$3 secs=$4
case $name in csv | ingest) dict=$dir/csv.dict ;; xlsx) dict=$dir/xlsx.dict ;; *) dict=$dir/json.dict ;; esac
scratch=$(mktemp -d "${TMPDIR:-/tmp}/qc-fuzz-$name.XXXXXX") || exit 2
keep=0
trap '[ "$keep" = 1 ] || rm -rf "$scratch"' EXIT
opts=(-dict="$dict" -timeout=20 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
      -artifact_prefix="$scratch/")
if [ -d "$dir/regressions/$name" ] && [ -n "$(ls -A "$dir/regressions/$name")" ]; then
    echo "== replaying regressions/$name"
    if ! "$bin" "${opts[@]}" "$dir/regressions/$name"/*; then
        keep=1
        echo "fuzz_$name: a regression input fails again (see above)" >&2
        exit 1
    fi
fi
echo "== fuzzing $name for $secs s on corpus/$name"
mkdir -p "$scratch/new"
if ! "$bin" "${opts[@]}" -max_total_time="$secs" "$scratch/new" "$dir/corpus/$name" 2>"$scratch/log"; then
    keep=1
    tail -n 60 "$scratch/log"
    echo "fuzz_$name: FAILED; the input is in $scratch (crash-*, leak-*, timeout-*, oom-*):" >&2
    echo "  add it to tests/fuzz/regressions/$name/ and a test of the fix (tests/fuzz/README.md)" >&2
    exit 1
fi
grep -E '^#[0-9]+.*(DONE|cov:)|stat::' "$scratch/log" | tail -n 8
