#!/usr/bin/env bash
# Regression: analyse every datasets/*/study.json that has an expected.json and check the
# analysis against it (expected values come from R, see each dataset's expected.R).
# usage: run.sh QCOMPARE SUBSET REPO_ROOT
set -u
qc=$1 subset=$2 root=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
for study in "$root"/datasets/*/study.json; do
  dir=$(dirname "$study") name=$(basename "$(dirname "$study")")
  [ -f "$dir/expected.json" ] || continue
  if "$qc" analyze "$study" --rules "$root/rules" -o "$out/$name.json" 2>"$out/$name.err" &&
     "$subset" "$dir/expected.json" "$out/$name.json"; then
    echo "ok   $name"; pass=$((pass + 1))
  else
    echo "FAIL $name"; cat "$out/$name.err"; fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
