#!/usr/bin/env bash
# bench/run.sh — times `qcompare analyze` on one generated long-layout study against the libcsv
# parse-only floor of the same file and, when installed, the same work in R data.table
# (bench/datatable.R) and pandas + SciPy (bench/pandas_scipy.py).
#
#   hyperfine: median of --runs runs (default 3) per tool, exported as JSON;
#   /usr/bin/time -v: peak RSS of one more run per tool;
#   bench/crosscheck.py: each comparator's numbers agree with qcompare's (same work).
# It prints the table (tool, median s, × qcompare, × floor on one and on two threads, peak RSS
# MB), keeps it in OUT, and writes it with the machine and the date into bench/README.md (one
# section per study size).
#
# usage: bench/run.sh [-n ROWS] [--runs R] [--products P] [--indicators I] [--groups G]
#                     [--build DIR] [--out DIR] [--qcompare EXE] [--floor EXE] [--gen EXE]
#                     [--tools LIST] [--threads N] [--label TEXT] [--no-readme]
#        bench/run.sh --smoke [same options]
#   -n ROWS       results in the study (default 1000000; also accepted as the first argument)
#   --build DIR   build tree with qcompare, bench/csv_floor, bench/gen_results (default ./build)
#   --out DIR     where the study and the measurements go (default bench/out/ROWS)
#   --tools LIST  comma-separated subset of qcompare,floor,datatable,pandas (default: all that
#                 are installed)
#   --threads N   also time `qcompare analyze --threads N` (ratios stay against plain
#                 `qcompare analyze`, which uses its own default) and check both documents
#                 are byte-identical
#   --label TEXT  what qcompare was built from, for the README (default: from git and mtimes)
#   --smoke       10,000 results, each tool run once, exit status and output checked, no
#                 hyperfine, no README; R and pandas are run only when installed. For CI.
# Needs (full run): hyperfine, GNU time; optional R (data.table, jsonlite), Python 3 (pandas,
# SciPy): `bash .ci/install-deps --bench`. Build first: cmake -S . -B build && cmake --build build
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

usage() { sed -n '/^# usage:/,/^# Needs/p' "$0" | sed 's/^# \{0,1\}//' >&2; }

n= runs=3 products=200 indicators=10 groups=2 build=$root/build out= smoke=0 readme=1
qc= floor= gen= tools=qcompare,floor,datatable,pandas label= threads=
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=1 ;;
    -n|--rows) n=$2; shift ;;
    --runs) runs=$2; shift ;;
    --products) products=$2; shift ;;
    --indicators) indicators=$2; shift ;;
    --groups) groups=$2; shift ;;
    --build) build=$2; shift ;;
    --out) out=$2; shift ;;
    --qcompare) qc=$2; shift ;;
    --floor) floor=$2; shift ;;
    --gen) gen=$2; shift ;;
    --tools) tools=$2; shift ;;
    --no-readme) readme=0 ;;
    --label) label=$2; shift ;;
    --threads) threads=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    [0-9]*) n=$1 ;;
    *) echo "bench: unknown option $1" >&2; usage; exit 2 ;;
  esac
  shift
done
[ "$smoke" = 1 ] && { n=${n:-10000}; runs=1; readme=0; }
n=${n:-1000000}
out=${out:-$root/bench/out/$n}
qc=${qc:-$build/qcompare} floor=${floor:-$build/bench/csv_floor} gen=${gen:-$build/bench/gen_results}
for exe in "$qc" "$floor" "$gen"; do
  [ -x "$exe" ] || { echo "bench: $exe not found: build first (cmake -S . -B build && cmake --build build)" >&2; exit 2; }
done
want() { case ",$tools," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

# the comparators, when their languages and libraries are installed
have_r=0 py=
if want datatable && command -v Rscript >/dev/null &&
   Rscript -e 'quit(status = !all(sapply(c("data.table", "jsonlite"), requireNamespace, quietly = TRUE)))' >/dev/null 2>&1; then
  have_r=1
fi
for p in /usr/bin/python3 python3; do  # Debian's python3-pandas is for /usr/bin/python3
  if want pandas && command -v "$p" >/dev/null && "$p" -c 'import pandas, scipy' 2>/dev/null; then py=$p; break; fi
done
checker=  # any python3 runs the (standard library) cross-check
for p in /usr/bin/python3 python3; do command -v "$p" >/dev/null && { checker=$p; break; }; done

mkdir -p "$out"
out=$(cd "$out" && pwd)
"$gen" -n "$n" -p "$products" -i "$indicators" -g "$groups" "$out"
csv=$out/results.csv

# key, display name, command (each writes its own output)
keys=() names=() cmds=()
add() { keys+=("$1"); names+=("$2"); cmds+=("$3"); }
q() { printf '%q' "$1"; }
want floor && add floor "libcsv parse-only floor" "$(q "$floor") $(q "$csv")"
want floor && add floor2 "libcsv parse-only floor, 2 threads" "$(q "$floor") -t 2 $(q "$csv")"
want qcompare && add qcompare "qcompare analyze" "$(q "$qc") analyze $(q "$out/study.json") --rules $(q "$out/rules") -o $(q "$out/qcompare.json")"
want qcompare && [ -n "$threads" ] &&
  add qcompare_threads "qcompare analyze --threads $threads" "$(q "$qc") analyze --threads $(q "$threads") $(q "$out/study.json") --rules $(q "$out/rules") -o $(q "$out/qcompare-threads.json")"
[ "$have_r" = 1 ] && add datatable "R data.table" "Rscript $(q "$root/bench/datatable.R") $(q "$out") $(q "$out/datatable.json")"
[ -n "$py" ] && add pandas "pandas + SciPy" "$(q "$py") $(q "$root/bench/pandas_scipy.py") $(q "$out") $(q "$out/pandas.json")"
want datatable && [ "$have_r" = 0 ] && echo "bench: R data.table: not installed (bash .ci/install-deps --bench), skipped" >&2
want pandas && [ -z "$py" ] && echo "bench: pandas + SciPy: not installed (bash .ci/install-deps --bench), skipped" >&2

# each comparator's numbers against qcompare's
crosscheck() {
  local status=0 k
  [ -f "$out/qcompare.json" ] || return 0
  if [ -z "$checker" ]; then echo "bench: no python3: cross-check skipped" >&2; return 0; fi
  for k in datatable pandas; do
    [ -f "$out/$k.json" ] || continue
    "$checker" "$root/bench/crosscheck.py" "$out/qcompare.json" "$out/$k.json" "$k" | tee "$out/crosscheck-$k.txt" ||
      status=1
  done
  return $status
}

if [ "$smoke" = 1 ]; then
  fail=0
  rm -f "$out"/{qcompare,qcompare-threads,datatable,pandas}.json
  for i in "${!keys[@]}"; do
    if bash -c "${cmds[$i]}" >"$out/${keys[$i]}.stdout" 2>"$out/${keys[$i]}.stderr"; then
      echo "bench smoke: ${names[$i]}: ok"
    else
      echo "bench smoke: ${names[$i]}: exit $? (${cmds[$i]})"; sed 's/^/  /' "$out/${keys[$i]}.stderr" | tail -20; fail=1
    fi
  done
  for f in floor floor2; do
    if want floor && ! grep -qx "$((n + 1)) records, $((8 * (n + 1))) fields" "$out/$f.stdout"; then
      echo "bench smoke: csv_floor ($f): expected $((n + 1)) records: $(cat "$out/$f.stdout")"; fail=1
    fi
  done
  if want qcompare && ! grep -Eq "\"accepted\":[[:space:]]*$n," "$out/qcompare.json" 2>/dev/null; then
    echo "bench smoke: qcompare: the analysis does not count $n accepted results"; fail=1
  fi
  if [ -f "$out/qcompare-threads.json" ] && ! cmp -s "$out/qcompare.json" "$out/qcompare-threads.json"; then
    echo "bench smoke: qcompare --threads $threads: output differs from plain qcompare analyze's"; fail=1
  fi
  crosscheck || fail=1
  [ "$fail" = 0 ] && echo "bench smoke: passed ($n results, in $out)"
  exit $fail
fi

command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (bash .ci/install-deps --bench)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time, /usr/bin/time (bash .ci/install-deps --bench)" >&2; exit 2; }
[ -n "$checker" ] || { echo "bench: needs python3 for the table" >&2; exit 2; }

cat "$csv" >/dev/null  # every tool then reads the file from the page cache
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
args=()
for i in "${!keys[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
hyperfine --runs "$runs" --export-json "$out/hyperfine.json" --export-markdown "$out/hyperfine.md" "${args[@]}"
for i in "${!keys[@]}"; do
  /usr/bin/time -v -o "$out/time-${keys[$i]}.txt" bash -c "exec ${cmds[$i]}" >/dev/null 2>"$out/${keys[$i]}.stderr"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -f "$out/qcompare-threads.json" ] && ! cmp -s "$out/qcompare.json" "$out/qcompare-threads.json"; then
  echo "bench: WARNING: qcompare --threads $threads wrote a different document than plain qcompare analyze" >&2
fi
crosscheck >/dev/null || echo "bench: WARNING: a comparator disagrees with qcompare (see $out/crosscheck-*.txt)" >&2

# the table and the README section
# the source the binary was built from, as far as the tree tells: the last commit that changed
# the engine, whether engine sources differ from it, and whether any changed after the binary
# was built (then the label is wrong: pass --label)
src=$(git -C "$root" log -1 --format=%h -- engine include CMakeLists.txt cmake 2>/dev/null || echo unknown)
[ -n "$(git -C "$root" status --porcelain -- engine include CMakeLists.txt cmake 2>/dev/null)" ] && src+=" + uncommitted engine changes"
[ -n "$(find "$root/engine" "$root/include" -newer "$qc" -type f 2>/dev/null | head -1)" ] &&
  src="an older tree: engine sources changed after the build; the engine is now at $src"
src=${label:-$src}
versions="qcompare $("$qc" --version | awk '{print $2}') (built from $src), $(hyperfine --version)"
[ "$have_r" = 1 ] && versions+=", $(Rscript -e 'cat(sprintf("R %s, data.table %s (%d thread(s)), jsonlite %s", getRversion(), packageVersion("data.table"), data.table::getDTthreads(), packageVersion("jsonlite")))' 2>/dev/null)"
[ -n "$py" ] && versions+=", $("$py" -c 'import sys, pandas, scipy, numpy; print("Python %d.%d.%d, pandas %s, NumPy %s, SciPy %s" % (sys.version_info[:3] + (pandas.__version__, numpy.__version__, scipy.__version__)))')"
export BENCH_N=$n BENCH_P=$products BENCH_I=$indicators BENCH_G=$groups BENCH_RUNS=$runs BENCH_OUT=$out
export BENCH_VERSIONS=$versions BENCH_README=$([ "$readme" = 1 ] && echo "$root/bench/README.md")
export BENCH_KEYS="${keys[*]}" BENCH_LOAD="$load_before before, $load_after after" BENCH_THREADS=$threads
"$checker" - <<'PY'
import datetime, json, os, re

env = os.environ
out, n = env["BENCH_OUT"], int(env["BENCH_N"])
P, I, G = int(env["BENCH_P"]), int(env["BENCH_I"]), int(env["BENCH_G"])
keys = env["BENCH_KEYS"].split()
with open(os.path.join(out, "hyperfine.json")) as f:
    results = json.load(f)["results"]
med = {k: r["median"] for k, r in zip(keys, results)}
lo = {k: min(r["times"]) for k, r in zip(keys, results)}
hi = {k: max(r["times"]) for k, r in zip(keys, results)}
names = {k: r["command"] for k, r in zip(keys, results)}
rss = {}
for k in keys:
    with open(os.path.join(out, f"time-{k}.txt")) as f:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
    rss[k] = int(m.group(1)) / 1024 if m else float("nan")

def ratio(k, base):
    return f"{med[k] / med[base]:.2f}" if base in med else "–"

rows = ["| tool | median s | min–max s | × qcompare | × floor | × floor, 2 threads | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|"]
for k in keys:
    rows.append(f"| {names[k]} | {med[k]:.3f} | {lo[k]:.3f}–{hi[k]:.3f} | {ratio(k, 'qcompare')} "
                f"| {ratio(k, 'floor')} | {ratio(k, 'floor2')} | {rss[k]:.0f} |")
table = "\n".join(rows)
print()
print(table)

def first(path, key):
    with open(path) as f:
        for line in f:
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    return "?"

cpu = first("/proc/cpuinfo", "model name")
mem = int(first("/proc/meminfo", "MemTotal").split()[0]) / 1024 / 1024
size = os.path.getsize(os.path.join(out, "results.csv")) / 1e6
checks = []
for k in ("datatable", "pandas"):
    p = os.path.join(out, f"crosscheck-{k}.txt")
    if k in keys and os.path.exists(p):
        with open(p) as f:
            checks.append(f.read().strip().replace("crosscheck ", ""))
date = datetime.date.today().isoformat()
section = f"""<!-- run.sh: n={n} p={P} i={I} g={G} begin -->
### {n:,} results: {P} products × {I} indicators × {G} groups ({P * I * G:,} cells, ~{n // (P * I * G):,} results each)

`bench/run.sh -n {n}{'' if (P, I, G) == (200, 10, 2) else f' --products {P} --indicators {I} --groups {G}'}{' --threads ' + env['BENCH_THREADS'] if env.get('BENCH_THREADS') else ''}` on {date}; machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}, {mem:.1f} GiB RAM.
results.csv {size:,.1f} MB. Median of {env['BENCH_RUNS']} hyperfine runs per tool (page cache warm); peak RSS from one more run under `/usr/bin/time -v`; load average {env['BENCH_LOAD']} (other work on the machine shows here).

{table}

{env['BENCH_VERSIONS']}.{(' Cross-check: ' + '; '.join(checks) + '.') if checks else ''}
<!-- run.sh: n={n} p={P} i={I} g={G} end -->"""
with open(os.path.join(out, "table.md"), "w") as f:
    f.write(section + "\n")
readme = env.get("BENCH_README")
if readme:
    with open(readme) as f:
        text = f.read()
    tag = f"<!-- run.sh: n={n} p={P} i={I} g={G} "
    anchor = "<!-- run.sh: new sections above this line -->"
    pat = re.compile(re.escape(tag + "begin -->") + ".*?" + re.escape(tag + "end -->"), re.S)
    if pat.search(text):
        text = pat.sub(lambda m: section, text)
    elif anchor in text:
        text = text.replace(anchor, section + "\n\n" + anchor)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(readme, "w") as f:
        f.write(text)
    print(f"\nbench: written to {readme} and {out}/table.md")
else:
    print(f"\nbench: written to {out}/table.md")
PY
