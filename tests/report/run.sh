#!/usr/bin/env bash
# Reports of every reference dataset, checked as a reader would see them (issue 11):
#   1. each datasets/*/study.json is analysed, then rendered in every format and language
#      (html, md with figures, csv, xlsx; zh and en): every render must succeed;
#   2. check_report.py compares the CSV tables and the xlsx with the JSON value by value,
#      parses every SVG and checks the box plots' and OC curves' geometry;
#   3. browser.py loads every HTML page in headless Chromium: no console error, no request
#      leaving the file, a screenshot that is not blank; one report is printed to an A4 PDF.
# usage: run.sh QCOMPARE REPO_ROOT [--no-browser]
set -u
qc=$1 root=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
py=/usr/bin/python3
pass=0 fail=0
pages=()
for study in "$root"/datasets/*/study.json; do
  name=$(basename "$(dirname "$study")")
  a="$out/$name.json"
  if ! "$qc" analyze "$study" --rules "$root/rules" --quiet -o "$a" 2>"$out/err"; then
    echo "FAIL $name: analyze"; cat "$out/err"; fail=$((fail + 1)); continue
  fi
  ok=1
  for lang in zh en; do
    d="$out/$name-$lang"
    "$qc" report "$a" --lang "$lang" -o "$d.html" 2>>"$out/err" &&
    "$qc" report "$a" --lang "$lang" --format md -o "$d.md" 2>>"$out/err" &&
    "$qc" report "$a" --lang "$lang" --format csv -o "$d-csv" 2>>"$out/err" &&
    "$qc" report "$a" --lang "$lang" --format xlsx -o "$d.xlsx" 2>>"$out/err" || { ok=0; break; }
    echo "$name $lang:"
    $py "$root/tests/report/check_report.py" "$a" "$lang" "$d-csv" "$d.xlsx" "$d.html" "$d-figures" || ok=0
    pages+=("$d.html")
  done
  if [ $ok = 1 ]; then echo "ok   $name"; pass=$((pass + 1)); else echo "FAIL $name"; cat "$out/err"; fail=$((fail + 1)); fi
done
if [ "${3:-}" != "--no-browser" ]; then
  if $py "$root/tests/report/browser.py" --pdf "$out/rebar-zh.html" "$out/rebar-zh.pdf" "${pages[@]}"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
  fi
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
