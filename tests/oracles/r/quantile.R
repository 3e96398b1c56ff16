# quantile.R — oracle for engine/stats/describe.c: R's quantile (type 7, the default), median,
# mean, sd, min and max.
#
# Regenerate (from the repository root; needs only base R; the committed CSV came from R 4.2.2):
#   Rscript tests/oracles/r/quantile.R > tests/oracles/r/quantile_expected.csv
# Commit the script and its output together; tests/unit/test_stats.c reads the CSV and never
# runs R. Numbers are written with sprintf("%.17g"); NA is written as NA.
#
# Rows: case, what, p, value, where what is
#   x         one data value, in the order given (unsorted on purpose)
#   quantile  quantile(x, p, type = 7, names = FALSE)
#   median, mean, sd, min, max   the R function of the same name (sd NA when n = 1)
cases <- list(
  n1 = c(3.5),
  n2 = c(4, 1),
  n3 = c(2.5, -1, 7),
  n5 = c(2.5, -1, 7, 3.25, 0.1),
  ties = c(0.3, 0.1, 0.3, 0.3, 0.2, 0.1, 0.3, 0.7),
  # A tied pair where (1 − h)·a + h·a != a in binary64 (at p = 0.1): R's guard returns a.
  tied_pair = c(97.539, 97.539),
  sleep = datasets::sleep$extra,
  decimals = c(9.206343, 9.299992, 9.277895, 9.305795, 9.275351, 9.288729, 9.287239,
               9.260973, 9.303111, 9.275674, 9.272561, 9.288454, 9.255672)
)
probs <- c(0, 0.1, 0.25, 1/3, 0.5, 0.75, 0.9, 0.99, 1)
f <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
row <- function(...) cat(paste(..., sep = ","), "\n", sep = "")
cat("case,what,p,value\n")
for (name in names(cases)) {
  x <- cases[[name]]
  for (v in x) row(name, "x", "", f(v))
  for (p in probs)
    row(name, "quantile", f(p), f(quantile(x, p, type = 7, names = FALSE)))
  for (fn in c("median", "mean", "sd", "min", "max"))
    row(name, fn, "", f(do.call(fn, list(x))))
}
