#!/usr/bin/env bash
# tests/sanitize/run.sh — the `sanitized` CTest (issue 16): configures a second build with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer (-fno-sanitize-recover=all: any report is
# fatal), builds it, and runs the whole test suite there, the fuzz_* tests included (each
# libFuzzer harness for QC_FUZZ_SECONDS on its corpus) when clang's libFuzzer runtime is
# installed. Exit 77 (CTest: skipped) with a message when clang is missing.
# usage: run.sh SOURCE_DIR BUILD_DIR CLANG [JOBS]
set -u
src=$1 build=$2 clang=${3-} jobs=${4-2}
if [ -z "$clang" ] || [ ! -x "$(command -v "$clang" 2>/dev/null)" ]; then
    echo "sanitized: SKIPPED: clang not found (apt-get install clang, or run .ci/install-deps)"
    exit 77
fi
fuzz=ON
probe=$(mktemp -d "${TMPDIR:-/tmp}/qc-san-probe.XXXXXX") || exit 2
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}\n' >"$probe/p.c"
if ! "$clang" -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" 2>/dev/null; then
    echo "sanitized: clang has no libFuzzer runtime (apt-get install libclang-rt-14-dev):" \
         "the fuzz_* tests are left out, the suite still runs under ASan + UBSan"
    fuzz=OFF
fi
rm -rf "$probe"
echo "== configure $build (clang, ASan + UBSan, QC_FUZZ=$fuzz)"
CC=$clang cmake -S "$src" -B "$build" -DQC_SANITIZE=ON -DQC_FUZZ=$fuzz \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQC_FUZZ_SECONDS="${QC_FUZZ_SECONDS:-10}" >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log"; exit 1; }
echo "== build"
cmake --build "$build" -j"$jobs" >"$build.build.log" 2>&1 ||
    { grep -E 'error|Error' "$build.build.log" | head -n 40; exit 1; }
grep -E 'warning:' "$build.build.log" | sort -u | head -n 20
# Tests not run under ASan, each with its reason, printed on every run (QC_SANITIZED_EXCLUDE,
# a regular expression of test names, overrides; empty runs everything):
#   parallel  issue 16 D9: arrays grown one element per realloc are quadratic under ASan's
#             allocator (every realloc moves the block); its 17 MB file does not finish in
#             20 min. Remove from the default once the defects branch (D9) is merged.
exclude=${QC_SANITIZED_EXCLUDE-parallel}
[ -n "$exclude" ] && echo "sanitized: NOT RUN under ASan: $exclude (issue 16 D9; see tests/sanitize/run.sh)"
echo "== ctest under ASan + UBSan"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_init_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" -j"$jobs" --timeout 1200 --output-on-failure ${exclude:+-E "^($exclude)\$"}
