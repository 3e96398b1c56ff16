#!/usr/bin/env bash
# Regression: analyse every datasets/*/study.json and check the analysis against its oracles
# with `qcompare diff --subset` (every value of the oracle must be in the analysis, which may
# hold more keys; arrays of objects are matched by identity):
#   expected.json   values computed independently by the dataset's expected.R (R carries 15
#                   digits): rtol 1e-12, atol 1e-12;
#   published.json  values printed in the source a real dataset comes from (NIST, qcc, SAS…),
#                   to the digits printed there: rtol from published.rtol (default 1e-6).
# Neither is ever produced by qcompare. A dataset needs at least one of the two.
# usage: run.sh QCOMPARE REPO_ROOT
set -u
qc=$1 root=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
for study in "$root"/datasets/*/study.json; do
  dir=$(dirname "$study") name=$(basename "$(dirname "$study")")
  ok=1 checked=0
  if ! "$qc" analyze "$study" --rules "$root/rules" -o "$out/$name.json" 2>"$out/$name.err"; then
    ok=0
  fi
  if [ $ok = 1 ] && [ -f "$dir/expected.json" ]; then
    checked=1
    "$qc" diff --subset --rtol 1e-12 "$dir/expected.json" "$out/$name.json" >>"$out/$name.err" 2>&1 || ok=0
  fi
  if [ $ok = 1 ] && [ -f "$dir/published.json" ]; then
    checked=1
    rtol=$(cat "$dir/published.rtol" 2>/dev/null || echo 1e-6)
    "$qc" diff --subset --rtol "$rtol" --atol 0 "$dir/published.json" "$out/$name.json" >>"$out/$name.err" 2>&1 || ok=0
  fi
  [ $checked = 1 ] || { echo "no expected.json or published.json" >>"$out/$name.err"; ok=0; }
  if [ $ok = 1 ]; then
    echo "ok   $name"; pass=$((pass + 1))
  else
    echo "FAIL $name"; cat "$out/$name.err"; fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
