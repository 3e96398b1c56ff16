# sampling.R — oracle for the operating characteristic of engine/assess/sampling.c
# (GB/T 2828.1 single sampling plans): the binomial probability of acceptance P(X <= Ac) at a
# fraction nonconforming p (R's pbinom), and the p at which it equals a given probability of
# acceptance (solved with uniroot on pbinom, not with the beta quantile the engine uses).
#
# Regenerate (from the repository root; base R; the committed CSV came from R 4.2.2):
#   Rscript tests/oracles/r/sampling.R > tests/oracles/r/sampling_expected.csv
# Long format, case,what,value; a case is one plan "n<N>_ac<AC>" with rows n, ac, then
#   pa@<p>   pbinom(ac, n, p) at the fractions nonconforming of a grid
#   p@<pa>   the p with pbinom(ac, n, p) = pa, pa in ISO 2859-1 Table 10's levels
f <- function(v) sprintf("%.17g", v)
cat("case,what,value\n")
plans <- list(c(2, 0), c(5, 1), c(13, 0), c(32, 1), c(50, 3), c(80, 2), c(80, 5), c(125, 5),
              c(200, 10), c(315, 14), c(1250, 21), c(3150, 1))
grid <- c(0.0001, 0.001, 0.0065, 0.01, 0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.5)
levels <- c(0.99, 0.95, 0.90, 0.75, 0.50, 0.25, 0.10, 0.05, 0.01)
for (pl in plans) {
  n <- pl[1]; ac <- pl[2]
  case <- sprintf("n%d_ac%d", n, ac)
  cat(case, ",n,", n, "\n", sep = ""); cat(case, ",ac,", ac, "\n", sep = "")
  for (p in grid) cat(case, ",pa@", p, ",", f(pbinom(ac, n, p)), "\n", sep = "")
  for (pa in levels) {
    r <- uniroot(function(p) pbinom(ac, n, p) - pa, c(0, 1), tol = 1e-15)$root
    cat(case, ",p@", pa, ",", f(r), "\n", sep = "")
  }
}
