#!/usr/bin/env bash
# tests/cli/valgrind.sh — the CLI cases with every qcompare run under valgrind memcheck: an
# invalid read or write, a use of uninitialised memory or a definite leak makes the command
# exit 99, which fails its case ("exit: expected N, got 99") with valgrind's report in the
# case's stderr. Too slow for CI (each run loads the rules under valgrind: seconds); run it by
# hand, best on a filter (docs/robustness.md):
#   bash tests/cli/valgrind.sh build/qcompare . hostile_
# usage: valgrind.sh QCOMPARE REPO_ROOT [FILTER]   (needs valgrind)
set -u
if [ $# -lt 2 ]; then echo "usage: valgrind.sh QCOMPARE REPO_ROOT [FILTER]" >&2; exit 2; fi
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind not found (apt-get install valgrind)" >&2; exit 2; }
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
wrap=$(mktemp -d "${TMPDIR:-/tmp}/qc-vg.XXXXXX") || exit 2
trap 'rm -rf "$wrap"' EXIT
cat >"$wrap/qcompare" <<SH
#!/usr/bin/env bash
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
    --show-leak-kinds=definite --track-origins=yes "$bin" "\$@"
SH
chmod +x "$wrap/qcompare"
QC_CLI_TIMEOUT=${QC_CLI_TIMEOUT:-300} bash "$(dirname "$0")/run.sh" "$wrap/qcompare" "$2" "${3-}"
