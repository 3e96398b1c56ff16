#!/usr/bin/env bash
# Golden reports: tests/report/golden/masks.json (a committed analysis of datasets/masks, so
# that only a change of the renderers moves them) rendered as HTML (zh), Markdown with its
# figures (en), the CSV tables (zh) and the xlsx (zh, dumped as text by dump_xlsx.py), compared
# byte for byte with tests/report/golden/. Any difference fails and is shown.
# After an intended change of the reports, regenerate and review:
#   bash tests/report/golden.sh build/qcompare . --update && git diff tests/report/golden
# usage: golden.sh QCOMPARE REPO_ROOT [--update]
set -u
qc=$(realpath "$1") root=$(realpath "$2")
g="$root/tests/report/golden"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/new"
cd "$out/new"
cp "$g/masks.json" masks.json
"$qc" report masks.json --lang zh -o report.zh.html 2>/dev/null &&
"$qc" report masks.json --lang en --format md -o report.en.md 2>/dev/null &&
"$qc" report masks.json --lang zh --format csv -o csv.zh 2>/dev/null &&
"$qc" report masks.json --lang zh --format xlsx -o workbook.zh.xlsx 2>/dev/null &&
/usr/bin/python3 "$root/tests/report/dump_xlsx.py" workbook.zh.xlsx > workbook.zh.txt || {
  echo "FAIL rendering the golden analysis"; echo "0 passed, 1 failed"; exit 1; }
rm -f workbook.zh.xlsx masks.json
if [ "${3:-}" = "--update" ]; then
  find "$g" -mindepth 1 ! -name masks.json -exec rm -rf {} + 2>/dev/null
  cp -R . "$g/"
  echo "updated $g"; echo "1 passed, 0 failed"; exit 0
fi
mkdir -p "$out/old"
(cd "$g" && tar cf - --exclude=masks.json .) | (cd "$out/old" && tar xf -)
if diff -r "$out/old" "$out/new" >"$out/diff" 2>&1; then
  echo "ok   golden reports (html, md + figures, csv, xlsx) unchanged"; echo "1 passed, 0 failed"
else
  echo "FAIL golden reports differ from tests/report/golden (intended? regenerate with"
  echo "     bash tests/report/golden.sh build/qcompare . --update, and review git diff):"
  head -60 "$out/diff"
  echo "0 passed, 1 failed"; exit 1
fi
