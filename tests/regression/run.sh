#!/usr/bin/env bash
# Regression: analyse every datasets/*/study.json that has an expected.json and check the
# analysis against it with `qcompare diff --subset` (rtol 1e-12: the R values carry 15 digits; atol
# 1e-12): every value in expected.json must be in the analysis, which may hold more keys;
# arrays of objects are matched by identity. Expected values come from R, see each dataset's
# expected.R, never from qcompare.
# usage: run.sh QCOMPARE REPO_ROOT
set -u
qc=$1 root=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
for study in "$root"/datasets/*/study.json; do
  dir=$(dirname "$study") name=$(basename "$(dirname "$study")")
  [ -f "$dir/expected.json" ] || continue
  if "$qc" analyze "$study" --rules "$root/rules" -o "$out/$name.json" 2>"$out/$name.err" &&
     "$qc" diff --subset --rtol 1e-12 "$dir/expected.json" "$out/$name.json" 2>>"$out/$name.err"; then
    echo "ok   $name"; pass=$((pass + 1))
  else
    echo "FAIL $name"; cat "$out/$name.err"; fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
