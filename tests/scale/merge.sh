#!/usr/bin/env bash
# qcompare merge (issue 17): the joined document against one run of the same study, and every
# way parts can fail to join (a located error, exit 4), usage (2) and I/O (5).
#   1. every reference study: merging its one analysis gives that analysis back, byte for byte
#      (with and without --study), so the recomputed standards sections, the joined notes
#      (the replicates note re-added) and inputs are those analyze writes;
#   2. a generated 12-product study split by product into 3 parts (files and studies): the
#      merge equals, byte for byte outside inputs.files, one run over the same 3 files, with
#      the parts in any order on the command line;
#   3. the errors.
# usage: merge.sh QCOMPARE GEN_RESULTS REPO_ROOT
set -u
qc=$1 gen=$2 root=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
# the document without its inputs.files (the files read differ by construction)
nofiles() { sed '/^\t\t"files":\t\[/,/^\t\t\t}\],$/d' "$1"; }

# ---- 1. one part: the analysis itself ----
cd "$root"
for study in datasets/*/study.json; do
  name=$(basename "$(dirname "$study")")
  "$qc" analyze "$study" --rules rules --quiet -o "$work/$name.json" 2>/dev/null || { bad "$name: analyze"; continue; }
  if "$qc" merge "$work/$name.json" --rules rules -o "$work/$name.m.json" &&
     cmp -s "$work/$name.json" "$work/$name.m.json" &&
     "$qc" merge "$work/$name.json" --study "$study" --rules rules -o "$work/$name.s.json" &&
     cmp -s "$work/$name.json" "$work/$name.s.json"; then
    ok "$name: merge of its one analysis is the analysis"
  else
    bad "$name: merge of its one analysis differs"; diff "$work/$name.json" "$work/$name.m.json" | head -5
  fi
done

# ---- 2. three parts of a generated study ----
cd "$work"
"$gen" -n 24000 -p 12 -s 7 g >/dev/null 2>&1 || { echo "FAIL gen_results"; exit 1; }
# product j goes to part j mod 3 (its rows in file order); the whole study lists the three files
awk -F, 'NR == 1 { for (j = 0; j < 3; j++) print > ("p" j ".csv"); next }
         { split($2, a, "-"); print > ("p" (a[3] % 3) ".csv") }' g/results.csv
awk '/"product": "bench-product-/ { split($0, a, "bench-product-"); j = (a[2] + 0) % 3
       sub(/,$/, ""); list[j] = list[j] (list[j] ? ",\n" : "") $0; next }
     { print > "head.txt" }' g/study.json
study() {  # study FILE RESULTS PART... (the products of each part, part after part)
  local f=$1 r=$2 j sep=; shift 2
  { sed -n '1p' g/study.json; echo " \"results\": [$r],"
    sed -n '/"groups"/p' g/study.json; echo ' "products": ['
    for j in "$@"; do
      awk -v j="$j" -v sep="$sep" -F'bench-product-' '/"product": "bench-product-/ &&
           ($2 + 0) % 3 == j { sub(/,$/, ""); printf "%s%s", sep, $0; sep = ",\n" }' g/study.json
      sep=$',\n'
    done
    echo; echo ' ]}'; } > "$f"
}
study s0.json '"p0.csv"' 0; study s1.json '"p1.csv"' 1; study s2.json '"p2.csv"' 2
study u.json '"p0.csv", "p1.csv", "p2.csv"' 0 1 2
for j in 0 1 2; do "$qc" analyze s$j.json --rules g/rules --quiet -o a$j.json || bad "analyze part $j"; done
"$qc" analyze u.json --rules g/rules --quiet -o u.out.json || bad "analyze the whole"
if "$qc" merge a0.json a1.json a2.json --rules g/rules -o m.json &&
   cmp -s <(nofiles u.out.json) <(nofiles m.json); then ok "3 parts = one run (outside inputs.files)"
else bad "3 parts differ from one run"; diff <(nofiles u.out.json) <(nofiles m.json) | head -5; fi
if "$qc" merge a2.json a0.json a1.json --study u.json --rules g/rules -o ms.json &&
   cmp -s <(nofiles u.out.json) <(nofiles ms.json); then ok "3 parts in another order, --study = one run"
else bad "3 parts with --study differ from one run"; diff <(nofiles u.out.json) <(nofiles ms.json) | head -5; fi
# inputs.files: each part's results file, the whole study, each part's study, the rules
if grep -q '"path":	"p2.csv"' ms.json && grep -q '"path":	"u.json"' ms.json &&
   grep -q '"path":	"s1.json"' ms.json && [ "$(grep -c '"role":	"standard"' ms.json)" = 12 ]; then
  ok "inputs.files lists every part's files and the rules once"
else bad "inputs.files"; fi

# ---- 3. errors ----
expect() {  # expect NAME STATUS MESSAGE ARGS...
  local name=$1 want=$2 msg=$3; shift 3
  rm -f out.json
  "$qc" merge "$@" -o out.json 2>err.txt >/dev/null
  local got=$?
  if [ "$got" = "$want" ] && grep -qF -- "$msg" err.txt && [ ! -e out.json ]; then ok "$name"
  else bad "$name: exit $got (want $want), stderr: $(cat err.txt)"; fi
}
expect "a product in two parts" 4 "a1.json: \$.products[0]: product \"bench-product-00001\" is also in a1.json" \
  a1.json a1.json --rules g/rules
sed 's/"alpha":	0.05/"alpha":	0.01/' a1.json > alpha.json
expect "a study key that differs" 4 "alpha.json: \$.study.alpha: 0.01, but a0.json has 0.05" \
  a0.json alpha.json --rules g/rules
sed 's/"id":	"bench"/"id":	"other"/' a2.json > id.json
expect "another study's id" 4 "id.json: \$.study.id: \"other\", but a0.json has \"bench\"" \
  a0.json id.json --rules g/rules
expect "a study key the whole study lacks" 4 "alpha.json: \$.study.alpha: 0.01, but u.json has 0.05" \
  alpha.json --study u.json --rules g/rules
study w0.json '"g/results.csv"' 0; study w1.json '"g/results.csv"' 1
"$qc" analyze w0.json --rules g/rules --quiet -o w0.out.json 2>/dev/null
"$qc" analyze w1.json --rules g/rules --quiet -o w1.out.json 2>/dev/null
expect "a results file in two parts" 4 "w1.out.json: \$.inputs.files[0]: results file g/results.csv is also read by w0.out.json" \
  w0.out.json w1.out.json --rules g/rules
cp -r g/rules rules2
f=$(ls rules2/standards/*/* | head -1)
sed -i 's/"title"/"title" /' "$f"
expect "rules that differ" 4 "has SHA-256" a0.json a1.json --rules rules2
cp "$f" "${f%.json}-extra.json"; sed -i 's/BENCH STD 00001-2026/BENCH STD 99999-2026/' "${f%.json}-extra.json"
sed -i 's/"title" /"title"/' "$f"
"$qc" analyze s1.json --rules rules2 --quiet -o a1r2.json
expect "a rules file the merge does not read" 4 "a1r2.json: \$.inputs.files[" a0.json a1r2.json --rules g/rules
expect "... named with its path" 4 "is not in the rules read from g/rules" a0.json a1r2.json --rules g/rules
sed 's/"version":	"[^"]*"/"version":	"0.0.0-other"/' a0.json > version.json
expect "another engine version" 4 "version.json: \$.engine: qcompare 0.0.0-other, but this is qcompare" \
  version.json a1.json --rules g/rules
expect "a part missing for the whole study" 4 "u.json: \$.products[" a0.json a1.json --study u.json --rules g/rules
expect "... names the product" 4 "is in none of the 2 part(s)" a0.json a1.json --study u.json --rules g/rules
expect "a product the whole study lacks" 4 "a2.json: \$.products[0]: product \"bench-product-00002\" is not in the study s0.json" \
  a2.json --study s0.json --rules g/rules
echo '{"schema": "something/else"}' > other.json
expect "not an analysis" 4 "other.json: \$.schema: \"something/else\" is not qcompare/gap-analysis/1" other.json --rules g/rules
echo '{"schema": ' > broken.json
expect "not JSON" 4 "broken.json:" broken.json --rules g/rules
sed '/^\t"study":/,/^\t},$/d' a0.json > nostudy.json
expect "a part without its study" 4 "nostudy.json: \$.study: missing or of the wrong type" nostudy.json --rules g/rules
# a part whose notes are not in product order
sed '0,/"bench-product-00003\//s//"bench-product-00009\//' a0.json > order.json
if ! cmp -s a0.json order.json; then
  expect "notes out of product order" 4 "order.json: \$.notes[" order.json --rules g/rules
else bad "notes out of product order: the fixture did not move a note"; fi
expect "an unreadable part" 5 "nothere.json" a0.json nothere.json --rules g/rules
expect "no parts" 2 "needs at least one PART.json" --rules g/rules
expect "an unknown option" 2 "unknown option \"--nope\"" a0.json --nope
rm -f out.json; "$qc" merge a0.json -o a0.json --rules g/rules 2>err.txt
[ $? = 2 ] && grep -qF "would overwrite a part" err.txt && ok "-o onto a part" || bad "-o onto a part"
mkdir -p ro && chmod 555 ro
"$qc" merge a0.json a1.json --rules g/rules -o ro/out.json 2>err.txt
st=$?
chmod 755 ro
if [ "$(id -u)" = 0 ]; then ok "an unwritable output (skipped as root)"
elif [ $st = 5 ] && [ -z "$(ls ro)" ]; then ok "an unwritable output: exit 5, no file"
else bad "an unwritable output: exit $st, $(ls ro)"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
