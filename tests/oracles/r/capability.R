# capability.R — oracle for engine/stats/capability.c: the control-chart constants d2 and c4,
# within-subgroup sigma (pooled sd, Rbar/d2, sbar/c4) and capability indices with their
# confidence intervals, each written out in R from its defining formula.
#
# Regenerate (from the repository root; needs only base R; the committed CSV came from R 4.2.2):
#   Rscript tests/oracles/r/capability.R > tests/oracles/r/capability_expected.csv
# Commit the script and its output together; tests/unit/test_capability.c reads the CSV and
# never runs R. Numbers are written with sprintf("%.17g"); NA is written as NA.
#
# These rows check full precision and the cases no published output covers (one-sided
# specifications, unequal subgroups, other confidence levels). The published oracles (qcc's
# printed pistonrings analysis, SAS/QC's cans example) are read by the test from
# tests/oracles/qcc and tests/oracles/published.
#
# Rows: case, what, value, where
#   d2 / c4 cases "m=<size>": d2 = 2 * integral over (0, 14) of 1 - Phi^m - (1 - Phi)^m (the
#     mean range of m standard normals), by R's integrate with 1 - Phi^m taken as
#     -expm1(m * pnorm(x, log.p = TRUE)); c4 = sqrt(2/(m - 1)) gamma(m/2) / gamma((m - 1)/2).
#     (The other route, the integral of 1 - ptukey(w, m, Inf), is only good to about 1e-8 for
#     m >= 8 because of ptukey's own accuracy; mpmath at 30 digits agrees with this one to
#     1e-16.)
#   sigma cases: rows "x" (value) and "size" (subgroup sizes, in order) give the data; then
#     pooled = sqrt(sum((n_i - 1) s_i^2) / sum(n_i - 1)), rbar = mean(R_i / d2(n_i)),
#     sbar = mean(s_i / c4(n_i)).
#   capability cases: row data names the values (pistonrings = the 125 trial diameters of
#     tests/oracles/qcc/pistonrings.txt in file order, cans = the 100 weights of
#     tests/oracles/published/sas_capability_cans_fluid_weight.csv), then lsl, usl, target,
#     sigma (NA = overall sd), conf, then the indices. With d = sigma and m = mean(x), z = qnorm(1 - (1 - conf)/2):
#     cp = (usl - lsl)/(6 d), CI cp * sqrt(qchisq(c(a/2, 1 - a/2), n - 1)/(n - 1))   (Chou)
#     cpl = (m - lsl)/(3 d), cpu = (usl - m)/(3 d), cpk = min of the two present;
#       CI of each: idx -/+ z sqrt(1/(9 n) + idx^2/(2 (n - 1)))                        (Bissell)
#     cpm = (usl - lsl)/(6 sqrt(d^2 + (m - T)^2));
#       CI (Boyles) from cpm_b = (usl - lsl)/(6 tau), nu = n (1 + a^2)^2/(1 + 2 a^2),
#       a = (m - T)/d, cpm_b * sqrt(qchisq(c(a/2, 1 - a/2), nu)/nu), where tau^2 =
#       sum((x - T)^2)/n for the overall basis (as SAS/QC) and d^2 + (m - T)^2 for a given
#       within sigma.
#     exp_below = 1e6 pnorm((lsl - m)/d), exp_above = 1e6 pnorm((usl - m)/d, lower = FALSE),
#     obs_below = 1e6 mean(x < lsl), obs_above = 1e6 mean(x > usl).
f <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
row <- function(...) cat(paste(..., sep = ","), "\n", sep = "")
cat("case,what,value\n")

d2 <- function(m) 2 * integrate(function(x) -expm1(m * pnorm(x, log.p = TRUE)) -
                                  pnorm(x, lower.tail = FALSE)^m,
                                0, 14, rel.tol = 1e-13, abs.tol = 0, subdivisions = 1000L)$value
c4 <- function(m) sqrt(2 / (m - 1)) * gamma(m / 2) / gamma((m - 1) / 2)
for (m in 2:25) {
  row(sprintf("m=%d", m), "d2", f(d2(m)))
  row(sprintf("m=%d", m), "c4", f(c4(m)))
}

sigmas <- function(name, x, size) {
  for (v in x) row(name, "x", f(v))
  for (s in size) row(name, "size", f(s))
  g <- split(x, rep(seq_along(size), size))
  ni <- sapply(g, length); si <- sapply(g, sd); ri <- sapply(g, function(v) diff(range(v)))
  row(name, "pooled", f(sqrt(sum((ni - 1) * si^2) / sum(ni - 1))))
  row(name, "rbar", f(mean(ri / sapply(ni, d2))))
  row(name, "sbar", f(mean(si / sapply(ni, c4))))
}
pr <- read.table("tests/oracles/qcc/pistonrings.txt", header = TRUE)
pr1 <- pr[pr$trial, ]
pr1 <- pr1[order(pr1$sample), ]
sigmas("pistonrings_trial", pr1$diameter, as.vector(table(pr1$sample)))
sigmas("unequal", c(5.1, 4.8, 5.3, 5.0, 4.7, 5.6, 5.2, 4.9, 5.4, 5.5, 5.0, 4.6, 5.3, 5.1),
       c(3, 5, 2, 4))

cap <- function(name, data, lsl, usl, target, sigma, conf) {
  x <- if (data == "cans") cans else pr1$diameter
  row(name, "data", data)
  row(name, "lsl", f(lsl)); row(name, "usl", f(usl)); row(name, "target", f(target))
  row(name, "sigma", f(sigma)); row(name, "conf", f(conf))
  n <- length(x); m <- mean(x); overall <- is.na(sigma)
  d <- if (overall) sd(x) else sigma
  a <- 1 - conf; z <- qnorm(1 - a / 2)
  bis <- function(i) i + c(-1, 1) * z * sqrt(1 / (9 * n) + i^2 / (2 * (n - 1)))
  cp <- (usl - lsl) / (6 * d); cpl <- (m - lsl) / (3 * d); cpu <- (usl - m) / (3 * d)
  cpk <- min(cpl, cpu, na.rm = TRUE)
  cpci <- cp * sqrt(qchisq(c(a / 2, 1 - a / 2), n - 1) / (n - 1))
  row(name, "cp", f(cp)); row(name, "cp_lo", f(cpci[1])); row(name, "cp_hi", f(cpci[2]))
  ci <- bis(cpl); row(name, "cpl", f(cpl)); row(name, "cpl_lo", f(ci[1])); row(name, "cpl_hi", f(ci[2]))
  ci <- bis(cpu); row(name, "cpu", f(cpu)); row(name, "cpu_lo", f(ci[1])); row(name, "cpu_hi", f(ci[2]))
  ci <- bis(cpk); row(name, "cpk", f(cpk)); row(name, "cpk_lo", f(ci[1])); row(name, "cpk_hi", f(ci[2]))
  cpm <- (usl - lsl) / (6 * sqrt(d^2 + (m - target)^2))
  tau <- if (overall) sqrt(mean((x - target)^2)) else sqrt(d^2 + (m - target)^2)
  aa <- (m - target) / d; nu <- n * (1 + aa^2)^2 / (1 + 2 * aa^2)
  cpmci <- (usl - lsl) / (6 * tau) * sqrt(qchisq(c(a / 2, 1 - a / 2), nu) / nu)
  row(name, "cpm", f(cpm)); row(name, "cpm_lo", f(cpmci[1])); row(name, "cpm_hi", f(cpmci[2]))
  row(name, "exp_below", f(if (is.na(lsl)) NA else 1e6 * pnorm((lsl - m) / d)))
  row(name, "exp_above", f(if (is.na(usl)) NA else 1e6 * pnorm((usl - m) / d, lower.tail = FALSE)))
  row(name, "obs_below", f(if (is.na(lsl)) NA else 1e6 * mean(x < lsl)))
  row(name, "obs_above", f(if (is.na(usl)) NA else 1e6 * mean(x > usl)))
}
cans <- read.csv("tests/oracles/published/sas_capability_cans_fluid_weight.csv")[[1]]
g <- split(pr1$diameter, pr1$sample)
sig_rbar <- mean(sapply(g, function(v) diff(range(v)))) / d2(5)
cap("pistonrings_within", "pistonrings", 73.95, 74.05, 74, sig_rbar, 0.95)
cap("pistonrings_target", "pistonrings", 73.95, 74.05, 74.02, sig_rbar, 0.95)
cap("pistonrings_tight", "pistonrings", 73.99, 74.01, 74, sig_rbar, 0.95)
cap("cans_overall", "cans", 11.95, 12.05, 12, NA, 0.95)
cap("cans_conf90", "cans", 11.95, 12.05, 12.01, NA, 0.90)
cap("cans_lsl_only", "cans", 11.95, NA, NA, NA, 0.95)
cap("cans_usl_only", "cans", NA, 12.05, NA, 0.05, 0.99)
