#!/usr/bin/env bash
# Parallel reading: a results file large enough to be split (> 4 MiB), with quoted fields
# holding commas and newlines, CRLF line ends, rejected rows, censored values, unit
# conversions, and uncertainty, method and ND columns filled only late in the file, gives byte-identical output read on 1, 2 and 3 threads; a file with a stray
# quote past the first part gives the same error on 1 and 2 threads.
# usage: parallel.sh QCOMPARE REPO_ROOT
set -u
qc=$1 root=$2
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
pass=0 fail=0
check() { if [ "$1" = 0 ]; then echo "ok   $2"; pass=$((pass + 1)); else echo "FAIL $2"; fail=$((fail + 1)); fi; }

awk 'BEGIN {
  srand(11);
  printf "sample_id,product,group,indicator,value,unit,note,nominal_diameter,U,k,method,lod\r\n";
  for (i = 0; i < 120000; i++) {
    g = (i % 3 == 0) ? "benchmark" : "local";
    note = (i % 97 == 0) ? "\"remark, with comma\nand a second line\"" : "plain";
    v = 440 + 30 * (rand() - 0.5);
    if (i % 1013 == 0) val = "x" v; else if (i % 509 == 0) val = "<400"; else val = sprintf("%.1f", v);
    unit = (i % 7 == 0) ? "N/mm2" : "MPa";
    # uncertainty, method and ND only in the later parts: the store allocates those columns
    # when a cell first needs them, which differs between a part and the whole file
    U = (i > 70000 && i % 5 == 0) ? "3.2" : ""; k = U == "" ? "" : "2";
    method = (i > 50000 && i % 11 == 0) ? "GB/T 228.1-2021" : "";
    lod = ""; if (i > 90000 && i % 2003 == 0) { val = "ND"; lod = "5" }
    printf "S-%06d,steel-rebar,%s,yield_strength,%s,%s,%s,16,%s,%s,%s,%s\r\n", i, g, val, unit, note, U, k, method, lod;
    printf "S-%06d,steel-rebar,%s,elongation_after_fracture,%.1f,%%,%s,16,,,,\r\n", i, g, 22 + 4 * (rand() - 0.5), note;
  }
}' > "$d/big.csv"
cat > "$d/study.json" <<JSON
{"id": "parallel", "date": "2026-11-01", "results": ["big.csv"],
 "products": [{"product": "steel-rebar", "standards": [{"id": "GB/T 1499.2-2018", "grade": "HRB400"}]}]}
JSON
for t in 1 2 3; do
  mkdir -p "$d/t$t"
  (cd "$d/t$t" && "$qc" analyze ../study.json --rules "$root/rules" --threads $t -o out.json 2>err.txt
   echo $? > rc)
  mv "$d/t$t/out.json" "$d/out$t.json"; mv "$d/t$t/err.txt" "$d/err$t.txt"; mv "$d/t$t/rc" "$d/rc$t"
done
same=1
for t in 2 3; do
  cmp -s "$d/out1.json" "$d/out$t.json" && cmp -s "$d/err1.txt" "$d/err$t.txt" &&
    cmp -s "$d/rc1" "$d/rc$t" || same=0
done
[ "$(cat "$d/rc1")" = 0 ] && grep -q '"rejected":' "$d/out1.json" || same=0
check $((1 - same)) "large CRLF file with quoted newlines: identical on 1, 2, 3 threads"
sum=$(sha256sum "$d/big.csv" | cut -d' ' -f1)
grep -q "\"sha256\":[[:space:]]*\"$sum\"" "$d/out2.json"
check $? "the file's SHA-256, taken by the first part's thread, is sha256sum's"

# LF line ends, with
# a 2.6 MB quoted note full of line ends in the middle, so a whole 1 MiB block lies inside one
# quoted field, and rejected rows after it whose line numbers must survive the split
awk 'BEGIN {
  srand(5);
  printf "sample_id,product,group,indicator,value,unit,note\n";
  for (i = 0; i < 90000; i++) {
    g = (i % 2 == 0) ? "benchmark" : "local";
    val = (i % 7919 == 0) ? "bad" : sprintf("%.1f", 440 + 30 * (rand() - 0.5));
    printf "S-%06d,steel-rebar,%s,yield_strength,%s,MPa,", i, g, val;
    if (i != 40000) { printf "plain\n"; continue }
    printf "\"";  # written line by line: building it as one awk string would be quadratic
    for (k = 0; k < 100000; k++) printf "a long remark line %d\n", k;
    printf "\"\n";
  }
}' > "$d/lf.csv"
sed 's/big.csv/lf.csv/' "$d/study.json" > "$d/lf.json"
for t in 1 2 3; do
  "$qc" analyze "$d/lf.json" --rules "$root/rules" --threads $t -o "$d/lf.out.json" 2>"$d/lfe$t.txt"
  echo $? > "$d/lfrc$t"; mv "$d/lf.out.json" "$d/lf$t.json"
done
same=1
for t in 2 3; do
  cmp -s "$d/lf1.json" "$d/lf$t.json" && cmp -s "$d/lfe1.txt" "$d/lfe$t.txt" && cmp -s "$d/lfrc1" "$d/lfrc$t" || same=0
done
[ "$(cat "$d/lfrc1")" = 0 ] && grep -q "lf.csv:147516: value" "$d/lfe1.txt" || same=0  # row 47514: line 47,516 + the note's 100,000
check $((1 - same)) "LF file with a 2.6 MB quoted field spanning blocks: identical on 1, 2, 3 threads, lines kept"

# a stray quote far into the file: the same located error whatever the threads
head -c 5000000 "$d/big.csv" > "$d/bad.csv"
printf 'S-999999,steel-rebar,local,yield_strength,44"0,MPa,plain,16\r\n' >> "$d/bad.csv"
tail -c 2000000 "$d/big.csv" | tail -n +2 >> "$d/bad.csv"
sed 's/big.csv/bad.csv/' "$d/study.json" > "$d/bad.json"
"$qc" analyze "$d/bad.json" --rules "$root/rules" --threads 1 -o "$d/b1.json" 2>"$d/be1.txt"; r1=$?
"$qc" analyze "$d/bad.json" --rules "$root/rules" --threads 2 -o "$d/b2.json" 2>"$d/be2.txt"; r2=$?
[ "$r1" = "$r2" ] && [ "$r1" != 0 ] && cmp -s "$d/be1.txt" "$d/be2.txt" && grep -q "stray quote" "$d/be1.txt"
check $? "stray quote past the first part: the same error on 1 and 2 threads"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
