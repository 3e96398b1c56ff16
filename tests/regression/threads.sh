#!/usr/bin/env bash
# Determinism: every reference study gives byte-identical output with 1, 2 and 5 threads
# (DESIGN §6: the same inputs give the same bytes on any thread count).
# usage: threads.sh QCOMPARE REPO_ROOT
set -u
qc=$1 root=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
for study in "$root"/datasets/*/study.json; do
  name=$(basename "$(dirname "$study")")
  ok=1
  for t in 1 2 5; do
    "$qc" analyze "$study" --rules "$root/rules" --threads "$t" -o "$out/$name.$t.json" 2>/dev/null || ok=0
  done
  if [ $ok = 1 ] && cmp -s "$out/$name.1.json" "$out/$name.2.json" &&
     cmp -s "$out/$name.1.json" "$out/$name.5.json"; then
    echo "ok   $name"; pass=$((pass + 1))
  else
    echo "FAIL $name: output differs between thread counts"; fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
