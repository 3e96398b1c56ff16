# edges.R — R's answers for the degenerate comparisons of issue 12 item 6, which the CLI cases
# in tests/cli/cases/edges.test check the analysis against (the numbers are copied into those
# cases with this script named beside them).
#
# Regenerate (from the repository root; base R; the committed CSV came from R 4.2.2):
#   Rscript tests/oracles/r/edges.R > tests/oracles/r/edges_expected.csv
f <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
out <- function(case, what, v) cat(case, ",", what, ",", f(v), "\n", sep = "")
cat("case,what,value\n")

# Both groups constant at different values (yield strength, higher is better): R refuses the t
# tests ("data are essentially constant"); Mann-Whitney is defined (normal approximation with
# ties and continuity correction).
s <- rep(440, 4); r <- rep(450, 4)
w <- suppressWarnings(wilcox.test(s, r))
out("both_constant", "W", unname(w$statistic)); out("both_constant", "p", w$p.value)
stopifnot(inherits(try(t.test(s, r), silent = TRUE), "try-error"))

# One group constant: var.test gives F = 0 (subject constant) or Inf (reference constant),
# p = 2·min(pf(F), 1 − pf(F)) = 0 either way.
s <- rep(450, 3); r <- c(455, 460, 465)
v <- var.test(s, r); out("subject_constant", "F", unname(v$statistic)); out("subject_constant", "p", v$p.value)
v <- var.test(r, s); out("reference_constant", "F", unname(v$statistic)); out("reference_constant", "p", v$p.value)
out("subject_constant", "welch_t", unname(t.test(s, r)$statistic))
out("subject_constant", "welch_p", t.test(s, r)$p.value)

# Nominal-is-best (piston ring inside diameter, target 74 mm): "closer to the target" as the
# one-sided Welch test of the absolute deviations, t.test(|s − T|, |r − T|, "less").
s <- c(74.010, 73.995, 74.020, 73.990, 74.005); r <- c(74.030, 73.970, 74.025, 73.980, 74.035)
out("nominal", "p_subject_better", t.test(abs(s - 74), abs(r - 74), alternative = "less")$p.value)
out("nominal", "welch_p", t.test(s, r)$p.value)
