# ttest.R — oracle for engine/stats/ttest.c and qc_stats_mean_ci (interval.c): R's own t.test.
#
# Regenerate (from the repository root; needs only base R; the committed CSV came from R 4.2.2):
#   Rscript tests/oracles/r/ttest.R > tests/oracles/r/ttest_expected.csv
# Commit the script and its output together; tests/unit/test_stats.c reads the CSV and never
# runs R. Numbers are written with sprintf("%.17g") so they round-trip to the same double.
#
# Rows: for each dataset (x = sample 1 = subject, y = sample 2) and conf in {0.95, 0.90}:
#   welch    t.test(x, y, conf.level = conf)
#   student  t.test(x, y, var.equal = TRUE, conf.level = conf)
#   one_x    t.test(x, conf.level = conf)$conf.int  (mean CI of x; t, df, p and sample 2 NA)
#   one_y    t.test(y, conf.level = conf)$conf.int
# n, mean and sd of each sample are R's length(), mean(), sd(); the C test feeds these summaries
# to the functions under test and compares t, df, p, conf.int and the difference of means.

datasets <- list(
  # R's sleep data: extra hours of sleep, drug 1 vs drug 2 (Student 1908).
  sleep = list(x = datasets::sleep$extra[datasets::sleep$group == 1],
               y = datasets::sleep$extra[datasets::sleep$group == 2]),
  # Unequal n (6 vs 11) and variances (y about 3x the sd of x): non-integer Welch df.
  unequal_a = list(x = c(12.1, 11.8, 12.6, 12.3, 11.9, 12.4),
                   y = c(11.2, 12.9, 10.8, 13.4, 11.7, 12.2, 10.1, 13.9, 11.5, 12.6, 10.9)),
  # Small subject sample (n = 4) with a tight spread against a wide reference (n = 15).
  unequal_b = list(x = c(0.512, 0.498, 0.505, 0.509),
                   y = c(0.471, 0.530, 0.489, 0.455, 0.517, 0.502, 0.468, 0.541, 0.480,
                         0.495, 0.523, 0.460, 0.507, 0.476, 0.514)),
  # Well separated groups: p around 1e-9 checks the tail of the t distribution.
  separated = list(x = c(101.3, 100.8, 101.9, 100.5, 101.1, 101.6, 100.9, 101.4),
                   y = c(97.2, 98.1, 96.8, 97.7, 98.4, 97.0, 96.5, 97.9, 98.0))
)

f <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
row <- function(...) cat(paste(..., sep = ","), "\n", sep = "")
cat("dataset,method,conf,n1,mean1,sd1,n2,mean2,sd2,difference,t,df,p,ci_lo,ci_hi\n")
for (name in names(datasets)) {
  x <- datasets[[name]]$x
  y <- datasets[[name]]$y
  for (conf in c(0.95, 0.90)) {
    two <- list(welch = t.test(x, y, conf.level = conf),
                student = t.test(x, y, var.equal = TRUE, conf.level = conf))
    for (m in names(two)) {
      r <- two[[m]]
      row(name, m, f(conf), length(x), f(mean(x)), f(sd(x)), length(y), f(mean(y)), f(sd(y)),
          f(mean(x) - mean(y)), f(unname(r$statistic)), f(unname(r$parameter)), f(r$p.value),
          f(r$conf.int[1]), f(r$conf.int[2]))
    }
    for (s in c("x", "y")) {
      v <- datasets[[name]][[s]]
      ci <- t.test(v, conf.level = conf)$conf.int
      row(name, paste0("one_", s), f(conf), length(v), f(mean(v)), f(sd(v)),
          "NA", "NA", "NA", "NA", "NA", "NA", "NA", f(ci[1]), f(ci[2]))
    }
  }
}
