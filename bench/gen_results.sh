#!/usr/bin/env bash
# Generates a long-layout results CSV of N results (default 1,000,000) for the rebar product,
# with a study file beside it, in DIR (default bench/out). Deterministic (awk srand(42)).
# usage: bench/gen_results.sh [N] [DIR]
set -euo pipefail
n=${1:-1000000} dir=${2:-bench/out}
mkdir -p "$dir"
awk -v n="$n" 'BEGIN {
  srand(42);
  split("yield_strength tensile_strength elongation_after_fracture total_elongation_max_force tensile_yield_ratio", ind, " ");
  split("450 610 22 11.5 1.35", mu, " "); split("14 16 2 1.2 0.04", sd, " ");
  print "sample_id,product,manufacturer,group,nominal_diameter,indicator,value,unit,lab,date";
  for (i = 0; i < n; i++) {
    k = i % 5 + 1; s = int(i / 5);
    g = (s % 2) ? "benchmark" : "local";
    z = sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand());
    v = mu[k] + sd[k] * z;
    unit = (k <= 2) ? "MPa" : (k <= 4 ? "%" : "");
    printf "S-%07d,steel-rebar,Mill %d,%s,%d,%s,%.2f,%s,Lab A,2026-10-%02d\n", s, s % 7, g, (s % 2) ? 16 : 25, ind[k], v, unit, s % 28 + 1;
  }
}' > "$dir/results.csv"
cat > "$dir/study.json" <<JSON
{"id": "bench", "title": "generated benchmark", "date": "2026-11-01", "results": ["results.csv"],
 "groups": {"column": "group", "subject": "local", "reference": "benchmark"},
 "products": [{"product": "steel-rebar", "standards": [{"id": "GB/T 1499.2-2018", "grade": "HRB400"},
                                                       {"id": "ASTM A615/A615M", "grade": "Grade 60"}]}]}
JSON
echo "$dir/results.csv: $n results"
