#!/usr/bin/env bash
# Schema: every reference study's analysis (datasets/*/study.json), a merged analysis of the
# rebar study, and the bench smoke output (bench/run.sh --smoke: 10,000 generated results) are
# valid against docs/gap-analysis.schema.json under a real validator (python3-jsonschema,
# Draft 2020-12), and mutated documents are refused (tests/schema/validate.py --mutations).
# usage: run.sh QCOMPARE BUILD_DIR REPO_ROOT
set -u
qc=$1 build=$2 root=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
py=/usr/bin/python3
schema=$root/docs/gap-analysis.schema.json
fail=0
docs=()
for study in "$root"/datasets/*/study.json; do
  name=$(basename "$(dirname "$study")")
  if "$qc" analyze "$study" --rules "$root/rules" -o "$out/$name.json" --quiet 2>"$out/$name.err"; then
    docs+=("$out/$name.json")
  else
    echo "FAIL analyze $name"; cat "$out/$name.err"; fail=1
  fi
done
# qcompare merge writes the same contract
if "$qc" merge "$out/rebar.json" --rules "$root/rules" -o "$out/merged.json" 2>"$out/merge.err"; then docs+=("$out/merged.json")
else echo "FAIL merge"; cat "$out/merge.err"; fail=1; fi
if bash "$root/bench/run.sh" --smoke --tools qcompare --build "$build" --out "$out/bench" >"$out/bench.log" 2>&1 &&
   [ -f "$out/bench/qcompare.json" ]; then
  docs+=("$out/bench/qcompare.json")
else
  echo "FAIL bench/run.sh --smoke"; tail -20 "$out/bench.log"; fail=1
fi
"$py" "$root/tests/schema/validate.py" "$schema" "${docs[@]}" || fail=1
"$py" "$root/tests/schema/validate.py" "$schema" --mutations "$out/rebar.json" || fail=1
[ $fail = 0 ] && echo "schema: passed" || echo "schema: failed"
exit $fail
