# censored.R — oracle for engine/stats/censored.c (Kaplan–Meier, ROS), survdiff.c
# (Peto–Prentice) and fisher.c (Fisher's exact test), issue 12: R survival's own survfit and
# survdiff on Helsel's flipped data, R's fisher.test, and Helsel's robust ROS written out below
# from Helsel (2012, ch. 6) and Helsel & Cohn (1988).
#
# Regenerate (from the repository root; R with survival; the committed CSV came from R 4.2.2,
# survival 3.5-3):
#   Rscript tests/oracles/r/censored.R > tests/oracles/r/censored_expected.csv
# Commit the script and its output together; tests/unit/test_censored.c reads the CSV and never
# runs R. Numbers are written with sprintf("%.17g").
#
# Long format: case,what,value. Data rows: x1, c1 (sample 1: value, 1 when it is a detection
# limit "< value"), x2, c2 (sample 2, two-sample cases). Results below; NA where undefined.
suppressPackageStartupMessages(library(survival))
f <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
out <- function(case, what, v) for (e in v) cat(case, ",", what, ",", f(e), "\n", sep = "")
cat("case,what,value\n")

# ---- Kaplan–Meier on flipped data (Helsel): flip = M − x makes "< b" right-censored at M − b.
# mean: survfit's restricted mean with the upper limit at the last event (the smallest detected
# value), mapped back M − rmean; se: survfit's se(rmean) × sqrt(m/(m − 1)), m detects
# (EnvStats' bias correction, as NADA2 prints); sd: from the jumps of the survfit curve, the
# probability left after the last event placed on it; quantiles: survfit's on the flipped
# scale, x_P = M − t_(1 − P).
km <- function(x, cen, tag, case) {
  M <- max(x) + 1; flip <- M - x
  fit <- survfit(Surv(flip, !cen) ~ 1)
  last <- max(flip[!cen])
  tab <- summary(fit, rmean = last)$table
  s <- summary(fit, censored = FALSE)
  p <- c(1, head(s$surv, -1)) - s$surv
  p[length(p)] <- p[length(p)] + tail(s$surv, 1)
  xs <- M - s$time
  mu <- M - unname(tab["rmean"]); m <- sum(!cen)
  q <- unname(quantile(fit, c(0.75, 0.5, 0.25))$quantile)
  out(case, paste0(tag, "_mean"), mu)
  out(case, paste0(tag, "_se"), if (m >= 2) unname(tab["se(rmean)"]) * sqrt(m / (m - 1)) else NA)
  out(case, paste0(tag, "_sd"), sqrt(sum(p * (xs - mu)^2)))
  out(case, paste0(tag, "_q1"), M - q[1])
  out(case, paste0(tag, "_median"), M - q[2])
  out(case, paste0(tag, "_q3"), M - q[3])
}

# ---- Robust ROS (NADA's ros, Helsel 2012 §6.?): Helsel–Cohn plotting positions. Detection
# limits L_j (the distinct censored values, with a level below the lowest when a detect lies
# under it), from the top down: A_j detects in [L_j, L_j+1), B_j values below L_j plus censored
# ones at L_j, C_j censored at L_j, P_j = P_j+1 + A_j/(A_j + B_j)(1 − P_j+1). Detects in level j:
# pp = (1 − P_j) + (P_j − P_j+1) r/(A_j + 1); censored at L_j: pp = (1 − P_j) r/(C_j + 1).
# lm of (log) detects on qnorm(pp); censored imputed at their pp; mean, sd, type-7 quantiles.
ros <- function(x, cen, log_fit, tag, case) {
  o <- order(x, !cen); x <- x[o]; cen <- cen[o]
  L <- sort(unique(x[cen]))
  if (any(!cen & x < L[1])) L <- c(-Inf, L)
  k <- length(L); P <- numeric(k); pp <- numeric(length(x))
  for (j in k:1) {
    hi <- if (j < k) L[j + 1] else Inf
    A <- sum(!cen & x >= L[j] & x < hi)
    B <- sum(cen & x <= L[j]) + sum(!cen & x < L[j])
    Pn <- if (j < k) P[j + 1] else 0
    P[j] <- Pn + A / (A + B) * (1 - Pn)
    idx <- which(!cen & x >= L[j] & x < hi)
    pp[idx] <- (1 - P[j]) + (P[j] - Pn) * seq_along(idx) / (A + 1)
    idc <- which(cen & x == L[j])
    pp[idc] <- (1 - P[j]) * seq_along(idc) / (length(idc) + 1)
  }
  y <- if (log_fit) log(x[!cen]) else x[!cen]
  fit <- lm(y ~ qnorm(pp[!cen]))
  mod <- x
  yc <- coef(fit)[1] + coef(fit)[2] * qnorm(pp[cen])
  mod[cen] <- if (log_fit) exp(yc) else yc
  q <- quantile(mod, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  out(case, paste0(tag, "_intercept"), unname(coef(fit)[1]))
  out(case, paste0(tag, "_slope"), unname(coef(fit)[2]))
  out(case, paste0(tag, "_mean"), mean(mod))
  out(case, paste0(tag, "_sd"), sd(mod))
  out(case, paste0(tag, "_q1"), q[1]); out(case, paste0(tag, "_median"), q[2])
  out(case, paste0(tag, "_q3"), q[3])
}

# ---- Peto–Prentice (rho = 1) and log-rank (rho = 0): survdiff on the flipped pooled sample.
pp <- function(x1, c1, x2, c2, case) {
  x <- c(x1, x2); cen <- c(c1, c2); g <- factor(rep(1:2, c(length(x1), length(x2))))
  M <- max(x) + 1
  for (rho in c(1, 0)) {
    s <- survdiff(Surv(M - x, !cen) ~ g, rho = rho)
    tag <- if (rho == 1) "pp" else "lr"
    out(case, paste0(tag, "_chisq"), s$chisq)
    out(case, paste0(tag, "_p"), pchisq(s$chisq, 1, lower.tail = FALSE))
    out(case, paste0(tag, "_observed"), s$obs[1]); out(case, paste0(tag, "_expected"), s$exp[1])
  }
}

one <- function(case, x, cen) {
  out(case, "x1", x); out(case, "c1", as.integer(cen))
  km(x, cen, "km1", case)
  if (sum(!cen) >= 3 && any(cen)) { ros(x, cen, TRUE, "ros1", case); ros(x, cen, FALSE, "rosn1", case) }
}
two <- function(case, x1, c1, x2, c2) {
  one(case, x1, c1)
  out(case, "x2", x2); out(case, "c2", as.integer(c2))
  km(x2, c2, "km2", case)
  if (sum(!c2) >= 3 && any(c2)) { ros(x2, c2, TRUE, "ros2", case); ros(x2, c2, FALSE, "rosn2", case) }
  pp(x1, c1, x2, c2, case)
}

rd <- function(f) read.csv(file.path("tests/oracles/published", f), comment.char = "#")
py <- rd("helsel_shepyrene.csv")
zn <- rd("helsel_cuzn_zinc.csv")
cd <- rd("helsel_cadmium.csv")
b <- function(v) v == 1

# Helsel's worked examples (NADA2's data): eight detection limits, the smallest value censored
one("shepyrene", py$value, b(py$censored))
af <- zn[zn$zone == "AlluvialFan", ]; bt <- zn[zn$zone == "BasinTrough", ]
two("cuzn", af$value, b(af$censored), bt$value, b(bt$censored))
co <- cd[cd$region == "COLOPLT", ]; sr <- cd[cd$region == "SRKYMT", ]
two("cadmium", co$value, b(co$censored), sr$value, b(sr$censored))

# Constructed: several limits, a censored bound tied with a detect, the smallest censored
two("ties",
    c(0.5, 1, 1, 2, 2, 3, 3, 4, 6, 10, 12, 12, 20), c(1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0) == 1,
    c(1, 2, 2, 3, 5, 5, 8, 9, 15, 30), c(1, 0, 1, 1, 0, 1, 0, 0, 0, 0) == 1)
# no censored value: KM is the empirical distribution (mean, plug-in sd, survfit quantiles)
two("uncensored", c(3.1, 4.7, 2.2, 5.9, 4.4, 3.8), rep(FALSE, 6),
    c(2.5, 3.3, 4.1, 2.9, 3.6), rep(FALSE, 5))
# the curve ends exactly at 1/2: survfit's median is the midpoint to the smallest value
one("curve_ends_at_half", c(5, 4, 3, 2), c(0, 0, 1, 1) == 1)
# one detect: mean and sd, no se
one("one_detect", c(1, 2, 5, 3), c(1, 1, 0, 1) == 1)
# mostly censored, one limit, against a sample with no censoring
two("mostly_censored", c(5, 5, 5, 5, 5, 5, 5, 7, 9, 12), c(1, 1, 1, 1, 1, 1, 1, 0, 0, 0) == 1,
    c(6, 8, 11, 14, 9, 7, 10), rep(FALSE, 7))

# ---- Fisher's exact test: fisher.test(matrix(c(a, c, b, d), 2)), table [[a, b], [c, d]]
fisher <- list(tea = c(3, 1, 1, 3), separated = c(0, 10, 10, 0), zero_row = c(0, 0, 5, 5),
               one_sided_mass = c(12, 0, 5, 7), large = c(45, 75, 30, 20),
               balanced = c(7, 8, 7, 8), tiny = c(1, 0, 0, 1),
               cuzn_at_10 = c(sum(!b(af$censored) & af$value >= 10), sum(b(af$censored) | af$value < 10),
                              sum(!b(bt$censored) & bt$value >= 10), sum(b(bt$censored) | bt$value < 10)))
for (name in names(fisher)) {
  t <- fisher[[name]]
  out(paste0("fisher_", name), "table", t)
  out(paste0("fisher_", name), "p", fisher.test(matrix(c(t[1], t[3], t[2], t[4]), 2))$p.value)
}

# ---- Right-censored results ("> b"), as the pipeline handles them (mirror image −x): here
# survfit on the values themselves, where "> b" is ordinary right censoring, restricted at the
# largest detect; for the CLI case "right censored" in tests/cli/cases/censored.test.
rc_x <- c(22, 25, 28, 30, 30, 31, 33, 35, 35, 35); rc_c <- c(0, 0, 0, 1, 0, 0, 0, 1, 1, 1) == 1
out("right_censored", "x1", rc_x); out("right_censored", "c1", as.integer(rc_c))
fit <- survfit(Surv(rc_x, !rc_c) ~ 1)
last <- max(rc_x[!rc_c]); tab <- summary(fit, rmean = last)$table; m <- sum(!rc_c)
out("right_censored", "km_mean", unname(tab["rmean"]))
out("right_censored", "km_se", unname(tab["se(rmean)"]) * sqrt(m / (m - 1)))
q <- unname(quantile(fit, c(0.25, 0.5, 0.75))$quantile)
out("right_censored", "km_q1", q[1]); out("right_censored", "km_median", q[2])
out("right_censored", "km_q3", q[3])
