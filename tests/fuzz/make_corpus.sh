#!/usr/bin/env bash
# tests/fuzz/make_corpus.sh — (re)builds the committed seed corpora and the JSON dictionary of
# tests/fuzz from the repository's datasets/ and rules/ (small files only: the first rows of
# each results file, standards under 8 KB, analyses under 40 KB). The first byte of a csv,
# ingest, xlsx, rules and render seed is the harness's selector (see each fuzz_*.c).
# usage: bash tests/fuzz/make_corpus.sh   (from anywhere; needs bash, coreutils, iconv, python3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
c=$here/corpus
rm -rf "$c"
mkdir -p "$c"/{csv,ingest,xlsx,study,rules,diff,render}
sets=(rebar appliances cans ceramic chargers concrete datacentre masks motors pistonrings rohs
      spotcheck tiles)
byte() { printf "\\x$(printf %02x "$1")"; }

i=0
for d in "${sets[@]}"; do
    files=("$repo/datasets/$d"/*.csv)
    csv=${files[0]}
    # csv: utf-8 (selector 0, 1), delimiters kept ',' ; block sizes vary with the high bits
    { byte $(( (i << 4) & 0x70 )); sed -n 1,25p "$csv"; } >"$c/csv/$d.csv"
    # ingest: the selector is the study's index in fuzz_ingest.c's list
    { byte "$i"; sed -n 1,40p "$csv"; } >"$c/ingest/$d.csv"
    cp "$repo/datasets/$d/study.json" "$c/study/$d.json"
    i=$((i + 1))
done
# xlsx: each committed workbook of tests/xlsx/ under each of fuzz_xlsx.c's three studies
for f in "$repo"/tests/xlsx/*.xlsx; do
    for k in 0 1 2; do { byte "$k"; cat "$f"; } >"$c/xlsx/$(basename "$f" .xlsx)-$k"; done
done
# the reader's other paths: CRLF, a BOM, quotes with embedded newlines, GB18030, ';'
{ byte 0; printf '\xef\xbb\xbfproduct,group,indicator,value,unit\r\n"steel-rebar","lo""cal",yield_strength,"4\n50",MPa\r\n'; } >"$c/csv/bom-crlf-quotes.csv"
{ byte 0x02; printf 'product,group,indicator,value,unit,备注\nsteel-rebar,local,yield_strength,<0.5,MPa,合格\n' | iconv -f UTF-8 -t GB18030; } >"$c/csv/gb18030.csv"
{ byte 0x04; printf 'product;group;indicator;value;unit;U;k\nsteel-rebar;local;yield_strength;1.5e2;MPa;3;2\nsteel-rebar;local;yield_strength;ND;MPa;;\n'; } >"$c/csv/semicolon.csv"
{ byte 0x10; printf 'sample_id,product,group,yield_strength [MPa],elongation_after_fracture [%%]\nA,steel-rebar,local,>=400,≤25\n'; } >"$c/csv/wide.csv"

for f in "$repo"/rules/standards/*/*.json; do
    [ "$(stat -c %s "$f")" -lt 8192 ] || continue
    { byte 0; cat "$f"; } >"$c/rules/std-$(basename "$f")"
done
{ byte 4; cat "$repo/rules/indicators.json"; } >"$c/rules/indicators.json"
{ byte 5; cat "$repo/rules/products.json"; } >"$c/rules/products.json"
{ byte 6; cat "$repo/rules/methods.json"; } >"$c/rules/methods.json"
{ byte 7; cat "$repo/rules/units.json"; } >"$c/rules/units.json"

for d in cans ceramic pistonrings; do
    f=$repo/datasets/$d/expected.json
    cp "$f" "$c/diff/$d.json"
    { byte 0; cat "$f"; } >"$c/render/$d-zh.json"
    { byte 3; cat "$f"; } >"$c/render/$d-en-csv.json"
done
{ byte 1; cat "$repo/datasets/rebar/expected.json"; } >"$c/render/rebar-en.json"
{ byte 5; cat "$repo/datasets/pistonrings/expected.json"; } >"$c/render/pistonrings-en-xlsx.json"
for d in cans ceramic pistonrings; do
    { cat "$repo/datasets/$d/published.json"; printf '\n----\n'; cat "$repo/datasets/$d/expected.json"; } \
        >"$c/diff/$d-published-vs-expected.json"
done
{ cat "$repo/datasets/cans/expected.json"; printf '\n----\n'; cat "$repo/datasets/ceramic/expected.json"; } \
    >"$c/diff/cans-vs-ceramic.json"

# JSON dictionary: the grammar's tokens and every key the seeds use
{
    echo '# JSON grammar and every object key of the seed corpora (make_corpus.sh)'
    for t in '{' '}' '[' ']' ':' ',' '"' 'true' 'false' 'null' '-0' '1e308' '1e-300' '\\u0000' \
             '\\ud800' '\\n' '----' 'NaN'; do
        printf 'kw%d="%s"\n' "$((n = ${n:-0} + 1))" "${t//\"/\\\"}"
    done
    cat "$c"/study/*.json "$c"/rules/* "$repo"/datasets/*/expected.json 2>/dev/null |
        LC_ALL=C grep -ao '"[A-Za-z_][A-Za-z0-9_]*"[[:space:]]*:' | LC_ALL=C sed 's/[[:space:]]*:$//' |
        LC_ALL=C sort -u | sed 's/"/\\"/g; s/.*/"&"/'
} >"$here/json.dict"
echo '# JSON: the separator of fuzz_diff'"'"'s two documents' >>"$here/json.dict"
printf '%s\n' 'sep="\x0a----\x0a"' >>"$here/json.dict"
echo "corpora: $(find "$c" -type f | wc -l) files, $(du -sh "$c" | cut -f1)"
