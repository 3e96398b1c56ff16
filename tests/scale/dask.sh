#!/usr/bin/env bash
# The Dask driver (engine/scale/qcompare_dask.py, issue 17) on a LocalCluster of two worker
# processes on 127.0.0.1: each study is shuffled into K partitions, analysed on the workers
# and merged, and the merged analysis is checked against one run of the whole study with
# `qcompare diff` (no difference outside inputs.files, which lists the partitions' files by
# design) and byte for byte outside inputs.files.
#   - tests/scale/national: four files (three reference studies and one of bad rows, a quoted
#     field over two lines, replicates), a product without results; read in 200-byte blocks,
#     so block boundaries fall inside records and inside the quoted field;
#   - a generated study (bench/gen_results), 40,000 results, 16 products, K = 4;
#   - a partition file read in parts on three threads names the same origins as on one;
#   - studies the driver refuses (no product column, an .xlsx file) and a partition qcompare
#     refuses: exit status, message, no output;
#   - files with CRLF, lone CR, blank lines, a BOM, quotes and GB18030 text: every record
#     the driver cuts starts on the line qcompare gives it (all its rows are rejected, so
#     qcompare lists each record's line).
# usage: dask.sh QCOMPARE GEN_RESULTS REPO_ROOT
set -u
qc=$1 gen=$2 root=$3
py=/usr/bin/python3
driver=$root/engine/scale/qcompare_dask.py
"$py" -c 'import dask.distributed' 2>/dev/null || { echo "needs Debian's python3-distributed"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
nofiles() { sed '/^\t\t"files":\t\[/,/^\t\t\t}\],$/d' "$1"; }

# check NAME STUDY RULES K BLOCK: one run against the driver's
check() {
  local name=$1 study=$2 rules=$3 k=$4 block=$5
  "$qc" analyze "$study" --rules "$rules" --quiet -o "$work/$name.one.json" 2>/dev/null
  if ! "$py" "$driver" "$study" -k "$k" -o "$work/$name.json" --rules "$rules" --qcompare "$qc" \
       --local 2 --block-size "$block" --report "$work/$name.report.json" 2>"$work/$name.err"; then
    bad "$name: the driver failed"; cat "$work/$name.err"; return
  fi
  "$qc" diff "$work/$name.one.json" "$work/$name.json" > "$work/$name.diff"
  if ! grep -v '^\$\.inputs\.files\[' "$work/$name.diff" | grep -q '^\$'; then
    ok "$name: K = $k, qcompare diff finds no difference outside inputs.files"
  else
    bad "$name: qcompare diff"; grep -v '^\$\.inputs\.files\[' "$work/$name.diff" | head -5
  fi
  if cmp -s <(nofiles "$work/$name.one.json") <(nofiles "$work/$name.json"); then
    ok "$name: byte for byte one run's outside inputs.files"
  else
    bad "$name: bytes differ"; diff <(nofiles "$work/$name.one.json") <(nofiles "$work/$name.json") | head -6
  fi
}

cd "$root"
check national tests/scale/national/study.json rules 3 200
grep -q '"partitions": 3' "$work/national.report.json" && ok "national: 3 partitions" || bad "national: partitions"

cd "$work"
"$gen" -n 40000 -p 16 -s 11 gen >/dev/null 2>&1 || bad "gen_results"
check generated gen/study.json gen/rules 4 65536
# largest first: 16 products of about 2,500 rows into 4 partitions of 4 products each
"$py" - "$work/generated.report.json" <<'PY' && ok "generated: 4 balanced partitions" || bad "generated: balance"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["partitions"] == 4 and r["products"] == [4, 4, 4, 4], r
assert max(r["rows"]) - min(r["rows"]) <= max(r["rows"]) // 10, r["rows"]
assert all(a["exit"] == 0 and 0 < a["peak_rss_kib"] < 100 * 1024 for a in r["analyze"]), r  # qcompare's own
PY

# a partition file large enough to be read in parts (4 MB and up) names the same origins on
# one and three threads: the parts' tables of origins are joined by name
awk -F, 'NR == 1 { print $0 ",source_file,source_line"; next } FNR == 1 { next } { print $0 ",national/lab-" NR % 7 ".csv," NR }' \
  gen/results.csv gen/results.csv > big.csv
sed 's/"results": \["results.csv"\]/"results": ["..\/big.csv"]/' gen/study.json > gen/big.json
"$qc" analyze gen/big.json --rules gen/rules --threads 1 --quiet -o big1.json &&
  "$qc" analyze gen/big.json --rules gen/rules --threads 3 --quiet -o big3.json
if [ "$(stat -c %s big.csv)" -gt $((4 << 20)) ] && cmp -s big1.json big3.json &&
   grep -q '"file":	"national/lab-3.csv"' big3.json && ! grep -q '"file":	"../big.csv"' big3.json; then
  ok "a file read in parts names its rows' origins, the same on 1 and 3 threads"
else bad "origins read in parts"; fi

# studies the driver refuses before it starts a cluster: the exit status and a located message
printf 'sample_id,item,group,indicator,value\nS1,steel-rebar,local,yield_strength,400\n' > noproduct.csv
echo '{"id": "t", "date": "2026-01-01", "results": ["noproduct.csv"], "products": [{"product": "steel-rebar"}]}' > noproduct.json
"$py" "$driver" noproduct.json -k 2 -o np.json --qcompare "$qc" 2> np.err
st=$?
[ $st = 3 ] && grep -qF 'noproduct.csv:1: the header has no column "product"' np.err && [ ! -e np.json ] &&
  ok "a file without the product column: exit 3, located" || bad "no product column: exit $st, $(cat np.err)"
echo '{"id": "t", "date": "2026-01-01", "results": ["book.xlsx"], "products": [{"product": "steel-rebar"}]}' > xlsx.json
"$py" "$driver" xlsx.json -k 2 -o x.json --qcompare "$qc" 2> x.err
st=$?
[ $st = 4 ] && grep -qF 'book.xlsx: an .xlsx file cannot be split by rows' x.err &&
  ok "an .xlsx results file: exit 4, save it as CSV" || bad "xlsx: exit $st, $(cat x.err)"

# a partition that qcompare refuses (here: no value column) stops the driver with its exit
# status, the partition's message, and no output
printf 'product,group,indicator\nsteel-rebar,local,yield_strength\n' > novalue.csv
echo '{"id": "t", "date": "2026-01-01", "results": ["novalue.csv"], "products": [{"product": "steel-rebar"}]}' > novalue.json
"$py" "$driver" novalue.json -k 2 -o nv.json --rules "$root/rules" --qcompare "$qc" --local 1 2> nv.err
st=$?
[ $st = 3 ] && grep -qF 'the header has no column "value"' nv.err && grep -qF 'qcompare analyze exited 3' nv.err &&
  [ ! -e nv.json ] && ok "a partition qcompare refuses: exit 3, its message, no output" ||
  bad "a refused partition: exit $st, $(cat nv.err)"

# record cutting: every row but the last of these files names an unknown product, so qcompare
# lists the line of each such record among its rejections; the records the driver cuts, in
# blocks of 3 and 7 bytes and whole, must start on the same lines
"$py" - "$root/engine/scale" "$qc" "$root/rules" <<'PY' && ok "records start where qcompare's do" || bad "records"
import json, subprocess, sys
sys.path.insert(0, sys.argv[1])
import qc_shuffle as s
ok = "steel-rebar,yield_strength,400"
files = {
    "lf.csv": 'product,indicator,value\nx1,i,1\n\n"x2","i","2"\n  \nx3,i,"a\nb"\nx4,i,4\n' + ok + "\n",
    "crlf.csv": 'product,indicator,value\r\nx1,i,1\r\n\r\nx2,i,"a\r\nb"\r\nx3,i,3\r\n' + ok,
    "cr.csv": 'product,indicator,value\rx1,i,1\r\rx2,i,"a\rb\nc"\rx3,i,3\r' + ok + "\r",
    "bom.csv": '\ufeffproduct,indicator,value\n""\nx1,i,"say ""hi"""\nx2,i,2\n' + ok,
    "gb.csv": 'product,indicator,value\n甲,i,1\n乙,i,"二\n三"\n丙,i,3\n' + ok + "\n",
}
for name, text in files.items():
    enc = "gb18030" if name == "gb.csv" else "utf-8"
    data = text.encode(enc)
    open(name, "wb").write(data)
    study = {"id": "t", "date": "2026-01-01", "results": [name], "encoding": enc,
             "groups": {"column": "indicator", "subject": "i", "reference": "j"},
             "products": [{"product": "steel-rebar"}]}
    json.dump(study, open("t.json", "w"))
    r = subprocess.run([sys.argv[2], "analyze", "t.json", "--rules", sys.argv[3], "-o", "t.out"],
                       stderr=subprocess.PIPE)
    assert r.returncode == 0, (name, r.stderr)
    want = [x["line"] for x in json.load(open("t.out"))["inputs"]["rejections"]]
    spec = s.file_specs("t.json", study)[0]
    size = len(data)
    for block in (3, 7, 1 << 20):
        starts = s.block_bounds(name, 0, size, block)
        if any(s.scan_block(name, a, b)[2] for a, b in zip(starts, starts[1:] + [size])):
            starts = [0]  # a lone CR: one block, as the driver reads such a file
        got, line, quotes = [], 1, 0
        for i, (a, b) in enumerate(zip(starts, starts[1:] + [size])):
            blk = {"start": a, "end": b, "size": size, "index": i, "line": line,
                   "in_quote": bool(quotes & 1)}
            got += [ln for ln, rec in s.block_records(spec, blk)
                    if not s.is_blank(s.parse_fields(rec, spec))]
            lf, q, _ = s.scan_block(name, a, b)
            line, quotes = line + lf, quotes + q
        assert got[1:-1] == want and len(want) >= 2, (name, block, got, want)
PY

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
