#!/usr/bin/env bash
# Install test: `cmake --install` into a temporary prefix must give the command, the library,
# the headers, a working pkg-config file and the rules; a program built from the installed
# files alone (pkg-config) must analyse the reference study.
# usage: run.sh BUILD_DIR REPO_ROOT
set -eu
build=$1 root=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name qcompare.pc | head -n 1)")/..
for f in "$prefix/bin/qcompare" "$prefix/include/qcompare.h" "$prefix/include/qcompare/version.h" \
         "$prefix/share/qcompare/rules/indicators.json"; do
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
echo "1 passed, 0 failed"
