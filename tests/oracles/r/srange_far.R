# srange_far.R — oracle for the far upper tails of the studentised range (engine/stats/srange.c,
# tests/unit/test_posthoc.c, studentized_range_far_tail): for two means Q = √2·|T| exactly, so
# P(Q > q) = 2·pt(−q/√2, df), to R's full precision where R's ptukey has none (q up to 3000).
# Regenerate (from the repository root, any R):
#   Rscript tests/oracles/r/srange_far.R > tests/oracles/r/srange_far_expected.csv
f <- function(v) sprintf("%.17g", v)
cat("case,what,value\n")
i <- 0
for (q in c(30, 100, 300, 3000))
  for (df in c(1, 3, 30, 120, 1000)) {
    p <- 2 * pt(-q / sqrt(2), df)
    if (p < 1e-290) next
    i <- i + 1; case <- paste0("far_", i)
    cat(case, ",q,", f(q), "\n", case, ",df,", f(df), "\n", case, ",upper,", f(p), "\n", sep = "")
  }
