# twogroup.R — oracle for engine/stats/ranks.c (Mann–Whitney), equivalence.c (Hedges g, TOST)
# and dispersion.c (F test of variances, Brown–Forsythe, ratio of CVs): R's own wilcox.test,
# t.test, var.test, and, where R has no function, the textbook formulas written out in R.
#
# Regenerate (from the repository root; base R only; the committed CSV came from R 4.2.2):
#   Rscript tests/oracles/r/twogroup.R > tests/oracles/r/twogroup_expected.csv
# Commit the script and its output together; tests/unit/test_groups.c reads the CSV and never
# runs R. Numbers are written with sprintf("%.17g") so they round-trip to the same double.
#
# Long format, one value per row: case,what,value. Rows with what = "x" / "y" are the data of
# the case (x = sample 1 = the subject, y = sample 2 = the reference), in order; the other rows
# are results named below.

f <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
out <- function(case, what, v) for (e in v) cat(case, ",", what, ",", f(e), "\n", sep = "")
data_rows <- function(case, x, y) { out(case, "x", x); out(case, "y", y) }
cat("case,what,value\n")

ceramic <- read.csv("tests/oracles/nist_handbook/ceramic-strength.csv")
nag <- read.csv("tests/oracles/published/nag_g08amc_mann_whitney.csv")
aq <- datasets::airquality

## ---- Mann–Whitney: wilcox.test(x, y) -----------------------------------------------------
# Results: W; p (default: exact when both n < 50 and no ties, else normal with continuity
# correction), p_less, p_greater (same rules, one-sided); p_cc* with exact = FALSE (continuity
# corrected normal); p_nocc* with exact = FALSE, correct = FALSE.
set.seed(20240611)
mw <- list(
  # NAG g08amc example (ties): NAG prints U = 86, z = -2.8039, approx. lower-tail p 0.0025.
  nag_g08amc = list(x = nag$value[nag$group == 1], y = nag$value[nag$group == 2]),
  # Hollander & Wolfe (1973) p. 69, R's wilcox.test example (tie-free, exact).
  hw_p69 = list(x = c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46),
                y = c(1.15, 0.88, 0.90, 0.74, 1.21)),
  # Small tie-free case, unequal n, subject mostly above.
  small_exact = list(x = c(12.4, 15.1, 13.8, 16.2, 14.9, 12.9, 17.3, 15.8, 14.1, 13.2, 16.7, 18.0),
                     y = c(11.9, 13.5, 12.2, 14.4, 10.8, 13.0, 12.7, 11.4, 15.5)),
  # Complete separation, x below y: the smallest exact p.
  separated = list(x = c(1.1, 2.3, 3.2, 0.4, 1.9, 2.8), y = c(5.5, 7.1, 6.3, 4.9, 8.2)),
  # Largest exact case (49 and 49, tie-free): exercises the exact table at its size limit.
  exact_49 = list(x = round(rnorm(49, 10.3, 2), 6), y = round(rnorm(49, 10, 2), 6)),
  # n = 50 (tie-free): R switches to the normal approximation.
  normal_50 = list(x = round(rnorm(50, 10.8, 2), 6), y = round(rnorm(40, 10, 2), 6)),
  # Large with many ties (values rounded to 0.5).
  large_ties = list(x = round(2 * rnorm(120, 20.6, 3)) / 2, y = round(2 * rnorm(95, 20, 3)) / 2),
  # R's example: Ozone, May vs August (NA dropped; ties).
  ozone_5_8 = list(x = aq$Ozone[aq$Month == 5 & !is.na(aq$Ozone)],
                   y = aq$Ozone[aq$Month == 8 & !is.na(aq$Ozone)])
)
stopifnot(!anyDuplicated(c(mw$exact_49$x, mw$exact_49$y)),
          !anyDuplicated(c(mw$normal_50$x, mw$normal_50$y)))
q <- function(...) suppressWarnings(wilcox.test(...))
for (name in names(mw)) {
  x <- mw[[name]]$x; y <- mw[[name]]$y
  data_rows(name, x, y)
  out(name, "W", unname(q(x, y)$statistic))
  out(name, "p", q(x, y)$p.value)
  out(name, "p_less", q(x, y, alternative = "less")$p.value)
  out(name, "p_greater", q(x, y, alternative = "greater")$p.value)
  out(name, "p_cc", q(x, y, exact = FALSE)$p.value)
  out(name, "p_cc_less", q(x, y, exact = FALSE, alternative = "less")$p.value)
  out(name, "p_cc_greater", q(x, y, exact = FALSE, alternative = "greater")$p.value)
  out(name, "p_nocc", q(x, y, exact = FALSE, correct = FALSE)$p.value)
  out(name, "p_nocc_less", q(x, y, exact = FALSE, correct = FALSE, alternative = "less")$p.value)
  out(name, "p_nocc_greater",
      q(x, y, exact = FALSE, correct = FALSE, alternative = "greater")$p.value)
}

## ---- TOST: two one-sided Welch t tests against ±margin ---------------------------------
# Results for each margin m_i: margin_i, t_lower_i, p_lower_i from
# t.test(x, y, mu = -m, alternative = "greater"), t_upper_i, p_upper_i from
# t.test(x, y, mu = m, alternative = "less"), and p_tost_i = max of the two.
tost <- list(
  sleep = list(x = datasets::sleep$extra[datasets::sleep$group == 1],
               y = datasets::sleep$extra[datasets::sleep$group == 2], m = c(0.5, 2, 4)),
  close = list(x = c(50.2, 49.8, 50.5, 50.1, 49.7, 50.3, 50.0, 49.9),
               y = c(50.1, 50.4, 49.6, 50.2, 49.9, 50.6, 49.8, 50.0, 50.3, 49.7),
               m = c(0.05, 0.25, 1.0)),
  ceramic = list(x = ceramic$Y[ceramic$Batch == 1], y = ceramic$Y[ceramic$Batch == 2],
                 m = c(10, 70, 100))
)
for (name in names(tost)) {
  x <- tost[[name]]$x; y <- tost[[name]]$y
  case <- paste0("tost_", name)
  data_rows(case, x, y)
  for (i in seq_along(tost[[name]]$m)) {
    m <- tost[[name]]$m[i]
    lo <- t.test(x, y, mu = -m, alternative = "greater")
    up <- t.test(x, y, mu = m, alternative = "less")
    out(case, paste0("margin_", i), m)
    out(case, paste0("t_lower_", i), unname(lo$statistic))
    out(case, paste0("p_lower_", i), lo$p.value)
    out(case, paste0("t_upper_", i), unname(up$statistic))
    out(case, paste0("p_upper_", i), up$p.value)
    out(case, paste0("p_tost_", i), max(lo$p.value, up$p.value))
    out(case, paste0("df_", i), unname(lo$parameter))
  }
}

## ---- Hedges g: formulas written out (no R package needed) ----------------------------------
# df = n1 + n2 - 2; sp = pooled sd; d = (mean1 - mean2)/sp;
# J = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2)), computed as sqrt(pi) exp(-lbeta((df-1)/2, 1/2))
#     / sqrt(df/2) (Gamma(a + 1/2)/Gamma(a) = Gamma(1/2)/B(a, 1/2); R's lbeta keeps its digits
#     for large a, where gamma() overflows);
# g = J d; se = sqrt((n1 + n2)/(n1 n2) + g^2/(2 (n1 + n2))); CI = g -/+ qnorm(1 - (1-conf)/2) se.
# Summaries come from the data rows (x, y); "sum_" cases give n, mean, sd directly.
hedges <- function(case, n1, m1, s1, n2, m2, s2) {
  df <- n1 + n2 - 2
  sp <- sqrt(((n1 - 1) * s1^2 + (n2 - 1) * s2^2) / df)
  d <- (m1 - m2) / sp
  J <- sqrt(pi) * exp(-lbeta((df - 1) / 2, 0.5)) / sqrt(df / 2)
  g <- J * d
  se <- sqrt((n1 + n2) / (n1 * n2) + g^2 / (2 * (n1 + n2)))
  for (v in c("n1", "m1", "s1", "n2", "m2", "s2", "d", "J", "g", "se")) out(case, v, get(v))
  out(case, "J_gamma", if (df < 300) gamma(df / 2) / (sqrt(df / 2) * gamma((df - 1) / 2)) else NA)
  for (conf in c(0.95, 0.90)) {
    z <- qnorm(1 - (1 - conf) / 2)
    out(case, sprintf("ci_lo_%02d", round(100 * conf)), g - z * se)
    out(case, sprintf("ci_hi_%02d", round(100 * conf)), g + z * se)
  }
}
hg <- list(
  sleep = list(x = datasets::sleep$extra[datasets::sleep$group == 1],
               y = datasets::sleep$extra[datasets::sleep$group == 2]),
  ceramic = list(x = ceramic$Y[ceramic$Batch == 1], y = ceramic$Y[ceramic$Batch == 2]),
  small = list(x = c(3.1, 2.7, 3.6), y = c(2.2, 2.9))
)
for (name in names(hg)) {
  x <- hg[[name]]$x; y <- hg[[name]]$y
  hedges(paste0("hedges_", name), length(x), mean(x), sd(x), length(y), mean(y), sd(y))
}
hedges("hedges_sum_large", 5000, 10.2, 1.5, 7000, 10.0, 1.7)
hedges("hedges_sum_huge", 2e6, 0.31, 0.12, 3e6, 0.30, 0.11)
hedges("hedges_sum_neg", 8, 4.0, 0.8, 30, 5.1, 1.1)

## ---- dispersion: var.test, Brown–Forsythe, CV ratio ------------------------------------
# var.test(x, y, conf.level = conf): F, df1, df2, p, ci_lo_<conf>, ci_hi_<conf>.
# Brown–Forsythe (car::leveneTest(center = median), car not installed): the one-way ANOVA of
# |value - median of its group|, anova(lm(z ~ g)): bf_F, bf_df1, bf_df2, bf_p.
# CV ratio: (sd(x)/|mean(x)|)/(sd(y)/|mean(y)|) as cv_ratio.
# Also the pooled (Student) t of the ceramic batches, t.test(var.equal = TRUE).
disp <- list(
  ceramic = list(x = ceramic$Y[ceramic$Batch == 1], y = ceramic$Y[ceramic$Batch == 2]),
  sleep = list(x = datasets::sleep$extra[datasets::sleep$group == 1],
               y = datasets::sleep$extra[datasets::sleep$group == 2]),
  spread = list(x = c(0.512, 0.498, 0.505, 0.509, 0.501, 0.507),
                y = c(0.471, 0.530, 0.489, 0.455, 0.517, 0.502, 0.468, 0.541, 0.480,
                      0.495, 0.523, 0.460, 0.507, 0.476, 0.514))
)
for (name in names(disp)) {
  x <- disp[[name]]$x; y <- disp[[name]]$y
  case <- paste0("disp_", name)
  data_rows(case, x, y)
  for (conf in c(0.95, 0.90)) {
    v <- var.test(x, y, conf.level = conf)
    if (conf == 0.95) {
      out(case, "F", unname(v$statistic))
      out(case, "df1", unname(v$parameter[1]))
      out(case, "df2", unname(v$parameter[2]))
      out(case, "p", v$p.value)
    }
    out(case, sprintf("ci_lo_%02d", round(100 * conf)), v$conf.int[1])
    out(case, sprintf("ci_hi_%02d", round(100 * conf)), v$conf.int[2])
  }
  g <- factor(rep(1:2, c(length(x), length(y))))
  val <- c(x, y)
  z <- abs(val - ave(val, g, FUN = median))
  a <- anova(lm(z ~ g))
  out(case, "bf_F", a[["F value"]][1])
  out(case, "bf_df1", a$Df[1])
  out(case, "bf_df2", a$Df[2])
  out(case, "bf_p", a[["Pr(>F)"]][1])
  out(case, "cv_ratio", (sd(x) / abs(mean(x))) / (sd(y) / abs(mean(y))))
  out(case, "t_pooled", unname(t.test(x, y, var.equal = TRUE)$statistic))
}
