# compare.R — oracle for engine/compare/gap.c (qc_compare_gap): R's own t.test, one-sided.
#
# Regenerate (from the repository root; needs only base R):
#   Rscript tests/oracles/r/compare.R > tests/oracles/r/compare_expected.csv
# Commit the script and its output together; tests/unit/test_compare.c reads the CSV and never
# runs R. Numbers are written with sprintf("%.17g") so they round-trip to the same double.
#
# x is the subject, y the reference. For each dataset:
#   greater   t.test(x, y, alternative = "greater")$p.value  (p_subject_better, higher_is_better)
#   less      t.test(x, y, alternative = "less")$p.value     (p_subject_better, lower_is_better)
#   two-sided Welch t, df, p and the 95 % CI of mean(x) - mean(y)
# n, mean and sd of each sample are R's length(), mean(), sd(); the C test feeds these summaries
# to qc_compare_gap.

datasets <- list(
  # Subject clearly stronger (yield strength, MPa): p_greater tiny, p_less near 1.
  stronger = list(x = c(452, 461, 447, 458, 455, 463),
                  y = c(431, 440, 428, 445, 436, 433, 439)),
  # Subject lower (impurity, mg/kg): small p_less.
  lower = list(x = c(0.81, 0.77, 0.85, 0.79, 0.83),
               y = c(0.92, 0.88, 0.95, 0.86, 0.90, 0.97, 0.89, 0.91)),
  # Overlapping groups, unequal n and spreads: p around 0.2 to 0.4, non-integer df.
  overlap = list(x = c(12.1, 11.8, 12.6, 12.3, 11.9, 12.4),
                 y = c(11.2, 12.9, 10.8, 13.4, 11.7, 12.2, 10.1, 13.9, 11.5, 12.6, 10.9)),
  # Smallest samples allowed (n = 2 each).
  tiny = list(x = c(3.0, 3.4), y = c(2.1, 2.9))
)

f <- function(v) sprintf("%.17g", v)
cat("dataset,n1,mean1,sd1,n2,mean2,sd2,t,df,p_two_sided,p_greater,p_less,ci_lo,ci_hi\n")
for (name in names(datasets)) {
  x <- datasets[[name]]$x
  y <- datasets[[name]]$y
  two <- t.test(x, y)
  g <- t.test(x, y, alternative = "greater")
  l <- t.test(x, y, alternative = "less")
  cat(paste(name, length(x), f(mean(x)), f(sd(x)), length(y), f(mean(y)), f(sd(y)),
            f(unname(two$statistic)), f(unname(two$parameter)), f(two$p.value),
            f(g$p.value), f(l$p.value), f(two$conf.int[1]), f(two$conf.int[2]), sep = ","),
      "\n", sep = "")
}
