#!/usr/bin/env bash
# Install test: `cmake --install` into a temporary prefix must give the command, the library,
# the headers, a working pkg-config file and the rules; a program built from the installed
# files alone (pkg-config) must analyse the reference study; the installed command, run from a
# directory outside the source tree with no --rules and no QCOMPARE_RULES, must find the
# installed rules (also after the prefix is moved) and analyse a copy of the rebar study as the
# source tree's expected values say; QCOMPARE_RULES and --rules must override it. The installed
# command must not list as NEEDED (readelf -d) the libraries QC_NOT_NEEDED names (the build's
# ctest sets it: libzip and libxlsxwriter, loaded with dlopen, and those linked statically),
# and must still write an xlsx report and read an xlsx workbook through dlopen.
# usage: run.sh BUILD_DIR REPO_ROOT
set -eu
build=$1 root=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name qcompare.pc | head -n 1)")/..
for f in "$prefix/bin/qcompare" "$prefix/include/qcompare.h" "$prefix/include/qcompare/version.h" \
         "$prefix/share/qcompare/rules/indicators.json" "$prefix/share/qcompare/gap-analysis.schema.json"; do
  [ -e "$f" ] || { echo "missing after install: $f"; echo "0 passed, 1 failed"; exit 1; }
done
export PKG_CONFIG_PATH="$libdir/pkgconfig"
cat > "$prefix/use.c" <<'C'
#include <stdio.h>
#include <qcompare.h>
int main(int argc, char **argv)
{
    qc_rules *rules = NULL; qc_study *study = NULL; qc_results *res = NULL; cJSON *doc = NULL;
    qc_error err = {0};
    if (argc != 3 || qc_rules_load(argv[1], &rules, &err) ||
        qc_study_load(argv[2], rules, &study, &err) || qc_results_load(study, rules, &res, &err) ||
        qc_analyze(study, rules, res, &doc, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    printf("%s\n", cJSON_GetObjectItem(doc, "schema")->valuestring);
    cJSON_Delete(doc); qc_results_free(res); qc_study_free(study); qc_rules_free(rules);
    return 0;
}
C
# QC_CONSUMER_CC / QC_CONSUMER_FLAGS: the compiler and sanitizer flags of a sanitized build
# (tests/CMakeLists.txt sets them), so that the consumer links the instrumented library
${QC_CONSUMER_CC:-cc} ${QC_CONSUMER_FLAGS-} -std=c11 -o "$prefix/use" "$prefix/use.c" \
  $(pkg-config --cflags --libs --static qcompare)
out=$("$prefix/use" "$prefix/share/qcompare/rules" "$root/datasets/rebar/study.json")
[ "$out" = "qcompare/gap-analysis/1" ] || { echo "library program printed: $out"; echo "0 passed, 1 failed"; exit 1; }
"$prefix/bin/qcompare" analyze "$root/datasets/rebar/study.json" --rules "$prefix/share/qcompare/rules" \
  -o "$prefix/out.json" 2>/dev/null

fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }
# Linking (docs/design.md, "How the binary is linked").
needed=" $(readelf -d "$prefix/bin/qcompare" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
[ "$needed" != " " ] || fail "readelf -d lists no NEEDED library of $prefix/bin/qcompare"
for lib in ${QC_NOT_NEEDED-zip xlsxwriter}; do
  case $needed in *" lib$lib.so"*) fail "the installed qcompare links lib$lib dynamically (NEEDED:$needed)" ;; esac
done
# what the dynamic linker loads (LD_DEBUG=files): for a CSV study not libzip nor libxlsxwriter;
# for an xlsx report both, by dlopen
loads=$(LD_DEBUG=files "$prefix/bin/qcompare" analyze "$root/datasets/rebar/study.json" \
        --rules "$prefix/share/qcompare/rules" -o "$prefix/out.json" --quiet 2>&1) ||
  fail "the installed qcompare failed on the rebar study"
case $loads in *"file=libzip"*|*"file=libxlsxwriter"*) fail "a CSV study loaded libzip or libxlsxwriter" ;; esac
loads=$(LD_DEBUG=files "$prefix/bin/qcompare" report "$prefix/out.json" --format xlsx -o "$prefix/out.xlsx" 2>&1) ||
  fail "the installed qcompare could not write an xlsx report"
for lib in libxlsxwriter libzip; do
  grep -q "file=$lib\.so.*dynamically loaded" <<<"$loads" || fail "the xlsx report did not dlopen $lib"
done
cat > "$prefix/xlsx.json" <<JSON
{"id": "install-xlsx", "date": "2026-11-01", "layout": "wide",
 "results": [{"path": "$root/tests/xlsx/lab.xlsx", "sheet": "Sheet1", "set": {"product": "steel-rebar"}}],
 "products": [{"product": "steel-rebar"}]}
JSON
"$prefix/bin/qcompare" analyze "$prefix/xlsx.json" --rules "$prefix/share/qcompare/rules" \
  -o "$prefix/xlsx-out.json" 2>/dev/null || fail "the installed qcompare could not read an xlsx workbook"
grep -q '"sheet":[[:space:]]*"Sheet1"' "$prefix/xlsx-out.json" || fail "the xlsx workbook's analysis names no sheet"
# Installed use: a study outside the source tree, run from another directory, no --rules.
unset QCOMPARE_RULES
work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT
mkdir -p "$work/lab/rebar" "$work/elsewhere"
cp "$root/datasets/rebar/study.json" "$root/datasets/rebar/rebar.csv" "$work/lab/rebar/"
analyze_outside() {  # BIN: analyse the copied study from $work/elsewhere; checks where the rules came from
  local bin=$1 rules=$2
  (cd "$work/elsewhere" && "$bin" analyze ../lab/rebar/study.json -o out.json --quiet) ||
    fail "installed qcompare without --rules failed (exit $?)"
  grep -q "\"path\":[[:space:]]*\"$rules/indicators.json\"" "$work/elsewhere/out.json" ||
    fail "the analysis does not name $rules/indicators.json among its inputs"
  "$bin" diff --subset "$root/datasets/rebar/expected.json" "$work/elsewhere/out.json" >/dev/null ||
    fail "the installed command's analysis differs from datasets/rebar/expected.json"
}
analyze_outside "$prefix/bin/qcompare" "$prefix/share/qcompare/rules"
# The installed tree moved elsewhere still finds its own rules (relative to the program).
mv "$prefix" "$prefix.moved"
trap 'rm -rf "$prefix.moved" "$work"' EXIT
analyze_outside "$prefix.moved/bin/qcompare" "$prefix.moved/share/qcompare/rules"
# QCOMPARE_RULES overrides the installed rules, and --rules overrides QCOMPARE_RULES.
err=$(cd "$work/elsewhere" && QCOMPARE_RULES="$work/none" "$prefix.moved/bin/qcompare" analyze \
      ../lab/rebar/study.json -o env.json 2>&1) && fail "QCOMPARE_RULES=$work/none was not used"
case $err in *"$work/none: rules directory not found"*) ;; *) fail "unexpected message: $err" ;; esac
(cd "$work/elsewhere" && QCOMPARE_RULES="$work/none" "$prefix.moved/bin/qcompare" analyze \
   ../lab/rebar/study.json --rules "$root/rules" -o flag.json --quiet) || fail "--rules did not override QCOMPARE_RULES"
grep -q "\"path\":[[:space:]]*\"$root/rules/indicators.json\"" "$work/elsewhere/flag.json" ||
  fail "--rules $root/rules was not the rules used"
echo "1 passed, 0 failed"
