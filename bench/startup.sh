#!/usr/bin/env bash
# The start-up of `qcompare analyze` on the reference studies (issue 17 item 5): instructions
# executed (callgrind: they do not depend on the machine's load) with warm caches, and, with
# --hyperfine, the wall and CPU (user + system) time of the rebar study by hyperfine -N,
# interleaving the two builds when --base is given. Run from the repository root:
#   bench/startup.sh [--base OLD_QCOMPARE] [--hyperfine] [QCOMPARE]     (default build/qcompare)
# Caches live in a temporary $QCOMPARE_CACHE, warmed by one run before each measure (one under
# valgrind too: the rules catalog names the running program, which valgrind's is). A third
# column gives QCOMPARE_CACHE=off (cold: the whole library and the UDUNITS-2 database read).
set -u
base= hf=0 qc=build/qcompare
while [ $# -gt 0 ]; do
  case $1 in
    --base) base=$2; shift 2 ;;
    --hyperfine) hf=1; shift ;;
    *) qc=$1; shift ;;
  esac
done
command -v valgrind >/dev/null || { echo "startup.sh: needs valgrind" >&2; exit 2; }
export QCOMPARE_CACHE
QCOMPARE_CACHE=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$QCOMPARE_CACHE" "$out"' EXIT

# instructions of one warm run: instr BINARY STUDY
instr() {
  "$1" analyze "$2" -o "$out/x.json" --quiet 2>/dev/null
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" analyze "$2" -o "$out/x.json" \
    --quiet >/dev/null 2>&1
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" analyze "$2" -o "$out/x.json" \
    --quiet 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,
}
off() {
  QCOMPARE_CACHE=off valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" analyze "$2" \
    -o "$out/x.json" --quiet 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,
}
mi() { awk -v n="$1" 'BEGIN { printf "%.1fM", n / 1e6 }'; }

if [ -n "$base" ]; then
  echo "| study | before (warm) | after (warm) | ratio | before (cache off) | after (cache off) |"
  echo "|---|---|---|---|---|---|"
else
  echo "| study | instructions (warm) | instructions (cache off) |"
  echo "|---|---|---|"
fi
for study in datasets/*/study.json; do
  name=$(basename "$(dirname "$study")")
  a=$(instr "$qc" "$study") ao=$(off "$qc" "$study")
  if [ -n "$base" ]; then
    b=$(instr "$base" "$study") bo=$(off "$base" "$study")
    echo "| $name | $(mi "$b") | $(mi "$a") | $(awk -v b="$b" -v a="$a" 'BEGIN { printf "%.2f ×", b / a }') | $(mi "$bo") | $(mi "$ao") |"
  else
    echo "| $name | $(mi "$a") | $(mi "$ao") |"
  fi
done

if [ "$hf" = 1 ]; then
  command -v hyperfine >/dev/null || { echo "startup.sh: --hyperfine needs hyperfine" >&2; exit 2; }
  study=datasets/rebar/study.json
  cmds=("$qc analyze $study -o $out/h1.json")
  [ -n "$base" ] && cmds=("$base analyze $study -o $out/h0.json" "${cmds[@]}")
  hyperfine -N --warmup 5 --runs 40 --export-json "$out/hf.json" "${cmds[@]}" >/dev/null 2>&1
  /usr/bin/python3 - "$out/hf.json" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%-60s wall mean %.1f ms (min %.1f), CPU user+sys %.1f ms" % (
        r["command"][:60], r["mean"] * 1e3, r["min"] * 1e3, (r["user"] + r["system"]) * 1e3))
EOF
  uptime
fi
