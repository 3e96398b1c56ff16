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
# The lower tail at a tiny q, where Φ(z + w) − Φ(z) is the difference of two close numbers.
# For two means P(Q <= q) = P(|T| <= q/√2); qt((1 + p)/2, df) cannot resolve a tiny p (1 + p
# rounds), but df 1 and 2 have closed forms: P(|T| <= t) = (2/π) atan(t) (Cauchy), and
# t/√(2 + t²), so q = √2·tan(πp/2) and q = √2·p·√(2/(1 − p²)).
i <- 0
for (p in c(1e-10, 1e-6, 1e-3, 0.3))
  for (df in c(1, 2)) {
    i <- i + 1; case <- paste0("tiny_", i)
    t <- if (df == 1) tan(pi * p / 2) else p * sqrt(2 / (1 - p^2))
    cat(case, ",p,", f(p), "\n", case, ",df,", f(df), "\n", case, ",q,", f(sqrt(2) * t), "\n",
        sep = "")
  }
