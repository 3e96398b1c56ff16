# posthoc.R — oracle for engine/stats/srange.c, posthoc.c and dunnett.c (include/qcompare/posthoc.h):
# the studentised range distribution, Tukey's HSD, Games–Howell and Dunnett's many-to-one test.
#
# Regenerate (from the repository root; R with multcomp and mvtnorm — Debian r-cran-multcomp; the
# committed CSV came from R 4.2.2, multcomp 1.4-22, mvtnorm 1.1-3; about two minutes):
#   nice Rscript tests/oracles/r/posthoc.R > tests/oracles/r/posthoc_expected.csv
# Commit the script and its output together; tests/unit/test_posthoc.c reads the CSV and never
# runs R. Numbers are written with sprintf("%.17g") so they round-trip.
#
# Long format, case,what,value. Cases and their rows:
#   srange_r_<i>      q, k, df, lower, upper: R's ptukey(q, k, df) and lower.tail = FALSE, at k
#                     up to 10 and df from 8 to 1000, where R's ptukey is good to 1e-8; below
#                     and above R loses digits (its own k = 2 values against the exact t
#                     identity are off by 1.6e-4 at df 2, 5e-7 at df 30000, where it switches
#                     to the normal range; for 20 means or df 5000 by up to 1e-7): those df
#                     are in srange_rl (the same rows, a looser bar), srange_exact, srange_int
#   srange_exact_<i>  q, k = 2, df, lower, upper: Q for two means is √2·|T|, so
#                     P(Q <= q) = 1 − 2·pt(−q/√2, df) exactly (upper: 2·pt(−q/√2, df))
#   srange_int_<i>    q, k, df, lower: the defining double integral by R's integrate()
#                     (rel.tol 1e-12), for df or k where R's ptukey is not good to 1e-8
#   qtukey_<i>        p, k, df, qtukey (R's own), root (uniroot on R's ptukey, tol 1e-13), df >= 10
#   qtukey_exact_<i>  p, k = 2, df, q = √2·qt((1 + p)/2, df)
#   tukey_<name>      g1 … gk (the data, groups in factor-level order), conf, then per pair j
#                     (R's order) diff_j, lwr_j, upr_j, p_j from TukeyHSD(aov(y ~ g), conf.level)
#   gh_<name>         the same data, Games–Howell written out from its definition with R's
#                     ptukey/qtukey: per pair diff_j, se_j, df_j (Welch), t_j, lwr_j, upr_j, p_j
#   dunnett_<name>    the data (g1 the control), conf, then per treatment j: diff_j, t_j, and
#                       p_mc_j, err_mc_j  multcomp::glht(lm(y ~ g), mcp(g = "Dunnett")),
#                                         summary(test = adjusted("single-step")) with
#                                         set.seed(20260101), abseps 1e-7, maxpts 2e6: the
#                                         Genz–Bretz quasi-Monte Carlo estimate and its error
#                       lwr_mc_j, upr_mc_j and calpha_mc   confint(glht, level = conf) (qmvt's
#                                         default ptol 0.001: its critical value is that loose)
#                       p_tv_j, calpha_tv  (2 or 3 treatments) the box probability by inclusion–
#                                         exclusion over TVPACK's orthant probabilities
#                                         (abseps 1e-14; deterministic), its root by uniroot
#                       calpha_int        the critical value from the one-factor integral
#                                         written with integrate() and uniroot (every case)
#                     m = 1 (two groups) has p_t_1 = the pooled two-sample t test's p instead.

suppressMessages({
  library(multcomp)
  library(mvtnorm)
})
f <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
out <- function(case, what, v) for (e in v) cat(case, ",", what, ",", f(e), "\n", sep = "")
cat("case,what,value\n")

# ---- the studentised range ----
# R's ptukey is good to 1e-8 for k <= 10 and 8 <= df <= 1000 (checked against the integral
# below); for 20 means, or df 5000, it is off by up to 1e-7: those points are "srange_rl"
# (loose), and a few of them are also integrated (srange_int) to show where the digits are.
i <- 0
for (df in c(8, 10, 20, 30, 60, 120, 1000, 5000))
  for (k in c(2, 3, 4, 6, 10, 20))
    for (q in c(0.5, 1, 2, 3, 3.5, 4.5, 6, 8)) {
      i <- i + 1
      case <- paste0(if (k > 10 || df > 1000) "srange_rl_" else "srange_r_", i)
      out(case, "q", q); out(case, "k", k); out(case, "df", df)
      out(case, "lower", ptukey(q, k, df)); out(case, "upper", ptukey(q, k, df, lower.tail = FALSE))
    }
i <- 0
for (df in c(1, 1.5, 2, 3, 5, 1e4, 1e6))
  for (q in c(0.1, 1, 2.5, 5, 10, 20)) {
    i <- i + 1; case <- paste0("srange_exact_", i)
    out(case, "q", q); out(case, "k", 2); out(case, "df", df)
    out(case, "lower", 1 - 2 * pt(-q / sqrt(2), df)); out(case, "upper", 2 * pt(-q / sqrt(2), df))
  }
# P(range of k normals <= w), and its mean over S = sqrt(chisq_df/df)
wprob <- function(w, k) integrate(function(z) k * dnorm(z) * (pnorm(z + w) - pnorm(z))^(k - 1),
                                  -Inf, Inf, rel.tol = 1e-12, abs.tol = 0)$value
dens_s <- function(s, df) dchisq(df * s^2, df) * 2 * df * s
pint <- function(q, k, df) {
  if (is.infinite(df)) return(wprob(q, k))
  g <- function(s) sapply(s, function(ss) wprob(q * ss, k)) * dens_s(s, df)
  lo <- max(0, 1 - 12 / sqrt(df)); hi <- 1 + 30 / sqrt(df)
  integrate(g, lo, 1, rel.tol = 1e-12, abs.tol = 0)$value +
    integrate(g, 1, hi, rel.tol = 1e-12, abs.tol = 0)$value
}
i <- 0
pts <- rbind(expand.grid(q = c(1, 3, 6), k = c(3, 5), df = c(1, 2, 4, 6, 1e4, 1e6, Inf)),
             expand.grid(q = c(3, 3.5, 8), k = 20, df = c(8, 60, 5000)),
             data.frame(q = 3.5, k = 10, df = 5000))
for (r in seq_len(nrow(pts))) {
  i <- i + 1; case <- paste0("srange_int_", i)
  out(case, "q", pts$q[r]); out(case, "k", pts$k[r]); out(case, "df", pts$df[r])
  out(case, "lower", pint(pts$q[r], pts$k[r], pts$df[r]))
}
# quantiles: R's qtukey, and a tight uniroot on R's ptukey, where ptukey is good (df >= 10);
# for two means the exact quantile sqrt(2)*qt((1 + p)/2, df) at any df
i <- 0
for (p in c(0.90, 0.95, 0.99))
  for (k in c(2, 3, 4, 6, 10))
    for (df in c(10, 27, 60, 1000)) {
      i <- i + 1; case <- paste0("qtukey_", i)
      out(case, "p", p); out(case, "k", k); out(case, "df", df)
      out(case, "qtukey", qtukey(p, k, df))
      out(case, "root", uniroot(function(q) ptukey(q, k, df) - p, c(0.01, 50), tol = 1e-13)$root)
    }
i <- 0
for (p in c(0.90, 0.95, 0.99))
  for (df in c(1, 2, 3, 8, 1e4)) {
    i <- i + 1; case <- paste0("qtukey_exact_", i)
    out(case, "p", p); out(case, "k", 2); out(case, "df", df)
    out(case, "q", sqrt(2) * qt((1 + p) / 2, df))
  }

# ---- data sets for the pairwise tests ----
set.seed(19730116)
sets <- list(
  PlantGrowth = list(y = PlantGrowth$weight, g = PlantGrowth$group),
  warpbreaks = list(y = warpbreaks$breaks, g = warpbreaks$tension),
  InsectSprays = list(y = InsectSprays$count, g = InsectSprays$spray),
  chickwts = list(y = chickwts$weight, g = chickwts$feed),
  unequal = list(y = round(c(rnorm(9, 10, 1), rnorm(14, 11, 0.4), rnorm(20, 10.5, 2.5),
                              rnorm(11, 9.6, 0.8)), 3),
                 g = rep(c("a", "b", "c", "d"), c(9, 14, 20, 11)))
)
data_rows <- function(case, y, g) for (j in seq_along(levels(g))) out(case, paste0("g", j), y[g == levels(g)[j]])

for (name in names(sets)) {
  y <- sets[[name]]$y; g <- factor(sets[[name]]$g)
  for (conf in if (name == "PlantGrowth") c(0.95, 0.99) else 0.95) {
    case <- paste0("tukey_", name, if (conf != 0.95) "_99" else "")
    data_rows(case, y, g); out(case, "conf", conf)
    th <- TukeyHSD(aov(y ~ g), conf.level = conf)$g
    for (j in seq_len(nrow(th))) {
      out(case, paste0("diff_", j), th[j, "diff"]); out(case, paste0("lwr_", j), th[j, "lwr"])
      out(case, paste0("upr_", j), th[j, "upr"]); out(case, paste0("p_", j), th[j, "p adj"])
    }
  }
  # Games–Howell from its definition (R's pair order: b < a, a - b)
  case <- paste0("gh_", name)
  data_rows(case, y, g); out(case, "conf", 0.95)
  k <- nlevels(g); m <- tapply(y, g, mean); v <- tapply(y, g, var); n <- tapply(y, g, length)
  j <- 0
  for (b in 1:(k - 1)) for (a in (b + 1):k) {
    j <- j + 1
    d <- m[a] - m[b]; wa <- v[a] / n[a]; wb <- v[b] / n[b]; se <- sqrt(wa + wb)
    df <- (wa + wb)^2 / (wa^2 / (n[a] - 1) + wb^2 / (n[b] - 1))
    stopifnot(df >= 8)   # where R's ptukey is good to 1e-8
    cr <- qtukey(0.95, k, df) / sqrt(2)
    out(case, paste0("diff_", j), d); out(case, paste0("se_", j), se); out(case, paste0("df_", j), df)
    out(case, paste0("t_", j), d / se); out(case, paste0("lwr_", j), d - cr * se)
    out(case, paste0("upr_", j), d + cr * se)
    out(case, paste0("p_", j), ptukey(sqrt(2) * abs(d / se), k, df, lower.tail = FALSE))
  }
}

# ---- Dunnett ----
# P(max|T_i| <= c) for the one-factor correlation lambda_i*lambda_j, written with integrate()
box_int <- function(c, lam, df) {
  sig <- sqrt(1 - lam^2)
  inner <- function(u) integrate(function(z) 2 * dnorm(z) * sapply(z, function(zz)
    prod(pnorm((u - lam * zz) / sig) - pnorm((-u - lam * zz) / sig))),
    0, Inf, rel.tol = 1e-12, abs.tol = 0)$value
  g <- function(s) sapply(s, function(ss) inner(c * ss)) * dens_s(s, df)
  integrate(g, max(0, 1 - 12 / sqrt(df)), 1, rel.tol = 1e-11, abs.tol = 0)$value +
    integrate(g, 1, 1 + 30 / sqrt(df), rel.tol = 1e-11, abs.tol = 0)$value
}
# The same box probability by inclusion-exclusion over TVPACK's lower orthants (m <= 3)
box_tv <- function(c, R, df) {
  m <- nrow(R); s <- 0
  for (e in 0:(2^m - 1)) {
    bits <- as.integer(intToBits(e))[1:m]
    s <- s + (-1)^sum(bits) * pmvt(lower = rep(-Inf, m), upper = ifelse(bits == 1, -c, c),
                                   df = df, corr = R, algorithm = TVPACK(abseps = 1e-14))
  }
  s
}
set.seed(20260101)
dsets <- list(
  PlantGrowth = sets$PlantGrowth, warpbreaks = sets$warpbreaks, unequal = sets$unequal,
  chickwts = sets$chickwts,
  random4 = list(y = c(rnorm(8, 10, 1), rnorm(5, 11, 1.2), rnorm(12, 10.4, 0.9), rnorm(7, 9.5, 1)),
                 g = factor(rep(c("ref", "a", "b", "c"), c(8, 5, 12, 7)), levels = c("ref", "a", "b", "c"))),
  sleep = list(y = sleep$extra, g = sleep$group)
)
for (name in names(dsets)) {
  y <- dsets[[name]]$y; g <- factor(dsets[[name]]$g)
  case <- paste0("dunnett_", name)
  data_rows(case, y, g); out(case, "conf", 0.95)
  k <- nlevels(g); n <- as.vector(table(g)); m <- k - 1
  df <- length(y) - k
  lam <- sqrt(n[-1] / (n[-1] + n[1]))
  fit <- lm(y ~ g)
  est <- coef(fit)[-1]; se <- sqrt(diag(vcov(fit)))[-1]; tt <- est / se
  for (j in 1:m) { out(case, paste0("diff_", j), est[j]); out(case, paste0("t_", j), tt[j]) }
  if (m == 1) {
    out(case, "p_t_1", 2 * pt(-abs(tt[1]), df))
  } else {
    gl <- glht(fit, linfct = mcp(g = "Dunnett"))
    set.seed(20260101)
    s <- suppressWarnings(summary(gl, test = adjusted("single-step", abseps = 1e-7, maxpts = 2e6)))
    for (j in 1:m) {
      out(case, paste0("p_mc_", j), s$test$pvalues[j])
      out(case, paste0("err_mc_", j), attr(s$test$pvalues, "error"))
    }
    set.seed(20260101)
    ci <- confint(gl, level = 0.95)
    out(case, "calpha_mc", attr(ci$confint, "calpha"))
    for (j in 1:m) { out(case, paste0("lwr_mc_", j), ci$confint[j, "lwr"]); out(case, paste0("upr_mc_", j), ci$confint[j, "upr"]) }
    if (m <= 3) {
      R <- outer(lam, lam); diag(R) <- 1
      for (j in 1:m) out(case, paste0("p_tv_", j), 1 - box_tv(abs(tt[j]), R, df))
      out(case, "calpha_tv", uniroot(function(c) box_tv(c, R, df) - 0.95, c(1, 5), tol = 1e-13)$root)
    }
  }
  out(case, "calpha_int", uniroot(function(c) box_int(c, lam, df) - 0.95, c(1, 5), tol = 1e-11)$root)
}
