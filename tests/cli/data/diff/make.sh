#!/usr/bin/env bash
# Regenerates the two analyses that tests/cli/cases/diff_ci.test compares: the rebar reference
# study as it is (rebar.json) and with one result edited (rebar-edited.json: sample L-05's
# tensile strength, CSV line 23, 612 → 640 MPa), analysed from a scratch directory so that the
# paths in them are relative. They only need to be gap analyses of the current schema: the
# test compares the two files with each other, never with the engine's output.
# usage: bash tests/cli/data/diff/make.sh build/qcompare
set -eu
qc=$(realpath "$1") here=$(cd "$(dirname "$0")" && pwd) root=$(cd "$(dirname "$0")/../../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$root/datasets/rebar" "$tmp/rebar"
cp -R "$root/datasets/rebar" "$tmp/edited"
ln -s "$root/rules" "$tmp/rules"
sed -i '23s/,tensile_strength,612,/,tensile_strength,640,/' "$tmp/edited/rebar.csv"
cmp -s "$tmp/rebar/rebar.csv" "$tmp/edited/rebar.csv" && { echo "line 23 was not edited"; exit 1; }
cd "$tmp"
"$qc" analyze rebar/study.json --rules rules -o "$here/rebar.json" --quiet
"$qc" analyze edited/study.json --rules rules -o "$here/rebar-edited.json" --quiet
