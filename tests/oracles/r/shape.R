# shape.R — oracle for engine/stats/robust.c, normality.c and outliers.c: R's IQR and mad,
# nortest::ad.test, shapiro.test, Grubbs' test by the formula of outliers::grubbs.test (type 10),
# robust z-scores and ISO 13528 Algorithm A written out in R.
#
# Regenerate (from the repository root; needs R with nortest; the committed CSV came from
# R 4.2.2 with nortest 1.0-4):
#   Rscript tests/oracles/r/shape.R > tests/oracles/r/shape_expected.csv
# Commit the script and its output together; tests/unit/test_shape.c reads the CSV and never
# runs R. Numbers are written with sprintf("%.17g").
#
# Rows: case, what, value. Rows of one case are consecutive. what is
#   x            one data value, in the order given (unsorted on purpose)
#   iqr          IQR(x)                  (type 7)
#   mad, mad1    mad(x), mad(x, constant = 1)
#   rz           (x[i] - median(x)) / mad(x), one row per x in the same order
#   ad_A, ad_AA, ad_p   nortest::ad.test(x): statistic A, Stephens' adjusted
#                (1 + 0.75/n + 2.25/n^2) * A, and p.value
#   sw_W, sw_p   shapiro.test(x)
#   g_G, g_index, g_p   Grubbs two-sided: G = max|x - mean|/sd for the suspect chosen as
#                outliers::grubbs.test does (the lowest value when x[n] - mean < mean - x[1]
#                of the sorted data, else the highest), g_index its 1-based position in x
#                (first occurrence), p = min(1, 2 n P(T_{n-2} > t)) with
#                t = sqrt(G^2 n (n - 2) / ((n - 1)^2 - n G^2)) — pgrubbs(type = 10) doubled
#                (outliers is not installed; this is its formula).
#   a_mean, a_sd, a_iter   ISO 13528 Algorithm A written below from the standard's text
#                (start median and 1.483 * median|x - median|; delta = 1.5 s*; winsorise;
#                x* = mean, s* = 1.134 sd; stop when |dx*| <= 1e-12 max(|x*|, s*) and
#                |ds*| <= 1e-12 s*); a_iter counts winsorise-and-update steps.
library(nortest)

grubbs <- function(x) {
  n <- length(x); m <- mean(x); s <- sd(x); xs <- sort(x)
  o <- if ((xs[n] - m) < (m - xs[1])) xs[1] else xs[n]
  G <- abs(o - m) / s
  t <- sqrt(G^2 * n * (n - 2) / ((n - 1)^2 - n * G^2))
  p <- min(1, 2 * n * pt(t, n - 2, lower.tail = FALSE))
  c(G = G, index = which(x == o)[1], p = p)
}

algA <- function(x, tol = 1e-12, maxit = 1000) {
  xs <- median(x); ss <- 1.483 * median(abs(x - xs)); it <- 0
  repeat {
    it <- it + 1
    d <- 1.5 * ss
    w <- pmin(pmax(x, xs - d), xs + d)
    xn <- mean(w); sn <- 1.134 * sd(w)
    conv <- abs(xn - xs) <= tol * max(abs(xn), sn) && abs(sn - ss) <= tol * sn
    xs <- xn; ss <- sn
    if (conv || it >= maxit) break
  }
  c(mean = xs, sd = ss, iter = it)
}

rd <- function(rel) read.csv(file.path("tests/oracles/published", rel))
nag <- rd("nag_g01ddc_shapiro_wilk.csv")

set.seed(20240501); n5000 <- rnorm(5000, mean = 10, sd = 2)
set.seed(7); ad_mid <- rnorm(30); ad_mid[30] <- 3.2
set.seed(11); ad_exp <- rexp(30)
set.seed(3); ad_lognorm <- exp(rnorm(200, 0, 1.5))
set.seed(42); gr_low <- c(rnorm(15, 50, 1), 44.1)

robust <- list(
  rob_1to9 = as.numeric(1:9),                 # R example: mad(1:9) = 2.9652
  rob_docs = c(1, 2, 3, 5, 7, 8),             # R example: mad(.., constant = 1) = 2.5
  rob_sleep = datasets::sleep$extra,
  rob_ties = c(0.3, 0.1, 0.3, 0.3, 0.2, 0.1, 0.3, 0.7, 2.5, -1.2),
  rob_cans = rd("sas_capability_cans_fluid_weight.csv")[[1]]
)
ad <- list(
  ad_nag = rd("nag_g08ckc_anderson_darling_normal.csv")[[1]],   # AA < 0.2
  ad_plating = rd("sas_capability_trans_plating_thickness.csv")[[1]],  # 0.2 <= AA < 0.34
  ad_mid = ad_mid,                                              # 0.34 <= AA < 0.6
  ad_sleep = datasets::sleep$extra,                             # 0.34 <= AA < 0.6
  ad_exp = ad_exp,                                              # 0.6 <= AA < 10
  ad_lognorm = ad_lognorm,                                      # AA >= 10
  ad_n8 = rd("nist_grubbs_tietjen_moore_uranium.csv")[[1]]      # n = 8, the minimum
)
sw <- list(
  sw_nag1 = nag$value[nag$sample == 1],
  sw_nag2 = nag$value[nag$sample == 2],
  sw_x4 = rd("scipy_shapiro_x4.csv")[[1]],
  sw_n3 = c(2.5, -1, 7),
  sw_n3b = c(1, 2, 2.0001),
  sw_n4 = c(3.1, 0.2, 1.7, 9.4),
  sw_n5 = c(148, 154, 158, 160, 161),
  sw_n6 = c(10.2, 9.8, 10.1, 10.6, 9.1, 10.0),
  sw_n11 = c(4.2, 3.9, 5.1, 4.4, 4.0, 6.3, 4.1, 4.6, 3.8, 4.3, 4.9),
  sw_n12 = c(4.2, 3.9, 5.1, 4.4, 4.0, 6.3, 4.1, 4.6, 3.8, 4.3, 4.9, 4.45),
  sw_scores = qnorm(ppoints(100)),             # W very close to 1
  sw_n5000 = n5000
)
grubbs_cases <- list(
  g_uranium = rd("nist_grubbs_tietjen_moore_uranium.csv")[[1]],   # NIST: G = 2.4687
  g_low = gr_low,
  g_sleep = datasets::sleep$extra,
  g_n3 = c(1, 2, 4),
  g_tie = c(3, 1, 2, 5, 4),                                       # max - mean == mean - min
  g_plating = rd("sas_capability_trans_plating_thickness.csv")[[1]]
)
alga <- list(
  a_creosote = c(24.140, 20.155, 19.500, 20.300, 20.705, 17.570, 20.100, 20.940, 21.185),
  a_sym = c(1, 2, 3, 4, 5),
  a_sleep = datasets::sleep$extra,
  a_outliers = c(10.1, 10.3, 9.8, 10.0, 10.2, 9.9, 10.05, 13.5, 6.2, 10.15),
  a_cans = rd("sas_capability_cans_fluid_weight.csv")[[1]]
)

f <- function(v) sprintf("%.17g", v)
row <- function(...) cat(paste(..., sep = ","), "\n", sep = "")
xs <- function(name, x) for (v in x) row(name, "x", f(v))
cat("case,what,value\n")
for (name in names(robust)) {
  x <- robust[[name]]; xs(name, x)
  row(name, "iqr", f(IQR(x))); row(name, "mad", f(mad(x))); row(name, "mad1", f(mad(x, constant = 1)))
  for (z in (x - median(x)) / mad(x)) row(name, "rz", f(z))
}
for (name in names(ad)) {
  x <- ad[[name]]; xs(name, x); r <- ad.test(x); n <- length(x)
  A <- unname(r$statistic)
  row(name, "ad_A", f(A)); row(name, "ad_AA", f((1 + 0.75 / n + 2.25 / n^2) * A))
  row(name, "ad_p", f(r$p.value))
}
for (name in names(sw)) {
  x <- sw[[name]]; xs(name, x); r <- shapiro.test(x)
  row(name, "sw_W", f(unname(r$statistic))); row(name, "sw_p", f(r$p.value))
}
for (name in names(grubbs_cases)) {
  x <- grubbs_cases[[name]]; xs(name, x); g <- grubbs(x)
  row(name, "g_G", f(g[["G"]])); row(name, "g_index", f(g[["index"]])); row(name, "g_p", f(g[["p"]]))
}
for (name in names(alga)) {
  x <- alga[[name]]; xs(name, x); a <- algA(x)
  row(name, "a_mean", f(a[["mean"]])); row(name, "a_sd", f(a[["sd"]])); row(name, "a_iter", f(a[["iter"]]))
}
