# oracle.R — R helpers shared by the datasets' expected.R scripts (sourced as "../oracle.R"
# from a dataset's directory). They compute, independently of qcompare, the statistics every
# reference study checks the same way.

# Normality: R shapiro.test (Royston) and nortest::ad.test (Stephens' adjustment and its p).
normality <- function(x) {
  sw <- shapiro.test(x); ad <- nortest::ad.test(x)
  list(anderson_darling = list(statistic = unname(ad$statistic), p_value = ad$p.value),
       shapiro_wilk = list(statistic = unname(sw$statistic), p_value = sw$p.value))
}

# Grubbs two-sided, the formula of outliers::grubbs.test type 10: G = max|x - mean|/sd,
# t = sqrt(n(n-2)G^2/((n-1)^2 - nG^2)), p = min(1, 2n P(T_{n-2} > t)). With G at its bound
# (n - 1)/sqrt(n) (one value apart, all others equal) t is infinite and p = 0; rounding can put
# the denominator a hair below 0.
grubbs_p <- function(n, G) {
  den <- (n - 1)^2 - n * G^2
  if (den <= 1e-9 * (n - 1)^2) return(0)
  min(1, 2 * n * pt(sqrt(n * (n - 2) * G^2 / den), n - 2, lower.tail = FALSE))
}

# outliers{grubbs{statistic, p_value}} of a group.
outliers <- function(x) {
  G <- max(abs(x - mean(x))) / sd(x)
  list(grubbs = list(statistic = G, p_value = grubbs_p(length(x), G)))
}

# The same with the suspect value, its sample id and line (ids, lines parallel to x); the
# suspect must be unique for the check to mean anything.
grubbs <- function(x, ids, lines) {
  dev <- abs(x - mean(x)); G <- max(dev) / sd(x); i <- which.max(dev)
  stopifnot(sum(dev == max(dev)) == 1)
  list(statistic = G, p_value = grubbs_p(length(x), G), value = x[i], sample_id = ids[i],
       line = lines[i])
}

# The location, spread and interval fields of a group summary: mean, sd, cv, quartiles (R type
# 7, the engine's and Hyndman-Fan's definition 7), min, max, the t interval of the mean at the
# confidence CONF that the sourcing script sets, and the robust IQR and MAD (scaled 1.4826).
descriptives <- function(x) {
  q <- quantile(x, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  list(mean = mean(x), sd = sd(x), cv = sd(x) / abs(mean(x)),
       median = q[2], q1 = q[1], q3 = q[3], min = min(x), max = max(x),
       mean_ci = as.numeric(t.test(x, conf.level = CONF)$conf.int),
       robust = list(iqr = IQR(x, type = 7), mad = mad(x)))
}

# One decision, reported the same everywhere (docs/decision-rules.md): the decisions of a set of
# results (and the number of limits without results) counted by class and mapped to one outcome,
# used alike for a product's verdict per standard, its grades and its market access. Precedence:
# fail > conditional fail > not tested > not decidable > conditional pass > pass; nothing judged
# and nothing untested is not tested.
DECISIONS <- c("pass", "conditional_pass", "conditional_fail", "fail", "not_decidable")
tally <- function(dec) setNames(as.list(vapply(DECISIONS, function(k) sum(dec == k), 0)), DECISIONS)
outcome <- function(dec, untested = 0) {
  t <- tally(dec)
  if (t$fail > 0) "fail"
  else if (t$conditional_fail > 0) "conditional"
  else if (untested > 0 || length(dec) == 0) "not_tested"
  else if (t$not_decidable > 0) "not_decidable"
  else if (t$conditional_pass > 0) "conditional"
  else "pass"
}
# The same outcome as a standard's verdict.
verdict_name <- function(o) c(pass = "conforms", fail = "does_not_conform",
                              conditional = "conditional", not_decidable = "not_decidable",
                              not_tested = "not_tested")[[o]]
# A market_access[] entry from the decisions of each limit of the market's regulations:
# limits = list of list(regulation, grade, indicator, dec); status the outcome of all of them
# (and of the untested limits); failing[] every tested limit that is not a pass, with its own
# status and counts; not_tested[] the untested limits.
market_entry <- function(market, group, nregs, limits, untested = list()) {
  failing <- list(); all <- character(0)
  for (l in limits) {
    all <- c(all, l$dec)
    o <- outcome(l$dec)
    if (o != "pass") {
      f <- c(list(regulation = l$regulation, indicator = l$indicator, status = o), tally(l$dec))
      if (nzchar(l$grade)) f$grade <- l$grade
      failing[[length(failing) + 1]] <- f
    }
  }
  e <- list(market = market, group = group,
            status = if (nregs == 0) "not_tested" else outcome(all, length(untested)),
            regulations = nregs, decisions = tally(all), failing = failing)
  # untested = list of list(regulation, indicator): limits without a result of the group
  if (length(untested))
    e$not_tested <- lapply(untested, function(u) c(u, list(reason = "no results")))
  e
}

# Censored results (issue 12). x: the number or the bound, cen: TRUE for "< bound".
# Peto-Prentice: survival::survdiff on Helsel's flipped data (flip = M - x), rho = 1; NULL when
# nothing is detected (survdiff has no event).
peto_prentice <- function(x1, c1, x2, c2) {
  x <- c(x1, x2); cen <- c(c1, c2)
  if (all(cen)) return(NULL)
  g <- factor(rep(1:2, c(length(x1), length(x2))))
  M <- max(x) + 1
  s <- survival::survdiff(survival::Surv(M - x, !cen) ~ g, rho = 1)
  list(chi_square = s$chisq, p_value = pchisq(s$chisq, 1, lower.tail = FALSE),
       subject_observed = s$obs[1], subject_expected = s$exp[1])
}
# Detection frequencies at the highest detection limit of both groups (Helsel's recensoring):
# detected = a number at or above it; Fisher's exact test (fisher.test).
detection_frequency <- function(x1, c1, x2, c2) {
  L <- max(c(x1[c1], x2[c2]))
  d1 <- sum(!c1 & x1 >= L); d2 <- sum(!c2 & x2 >= L)
  list(limit = L, subject_detected = d1, subject_n = length(x1), reference_detected = d2,
       reference_n = length(x2),
       p_value = fisher.test(matrix(c(d1, d2, length(x1) - d1, length(x2) - d2), 2))$p.value)
}
# The direction of a comparison resting on Peto-Prentice: the medians' difference (subject -
# reference) when both are known and differ, else the sign of Peto-Prentice's observed -
# expected for the subject (more early detects on the flipped scale: larger values).
pp_shift <- function(med_s, med_r, pp) {
  if (!is.na(med_s) && !is.na(med_r) && med_s != med_r) return(med_s - med_r)
  if (!is.null(pp) && pp$subject_observed != pp$subject_expected)
    return(sign(pp$subject_observed - pp$subject_expected))
  NA
}
