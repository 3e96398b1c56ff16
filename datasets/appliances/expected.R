# Independent R oracle for the appliances reference study (issue 12: heavily censored data at
# several detection limits): writes expected.json, the subset of the gap analysis (DESIGN.md §6)
# that the engine's output must match.
# Run from this directory:  Rscript expected.R      (needs jsonlite and survival)
#
# Everything is computed here from the CSV with R's own code: Kaplan-Meier with
# survival::survfit on Helsel's flipped data, Peto-Prentice with survival::survdiff(rho = 1),
# the detection frequencies with fisher.test, Welch's test written out on the Kaplan-Meier
# means and sds, p.adjust, binom.test. The limits are hand-coded from the two standards' files
# (rules/standards/electronic-information/gb-t-26572-2011.json and eu-2011-65-eu.json), on
# purpose NOT read from rules/ at run time: 0.1 % = 1000 mg/kg, cadmium 0.01 % = 100 mg/kg.

library(jsonlite)
library(survival)
source("../oracle.R")   # outcome(), tally(), market_entry(), peto_prentice(), …

ALPHA <- 0.05
CONF  <- 0.95
EQUIV_MARGIN <- 0.05   # TOST margin: fraction of |reference mean|
MAX_SHARE <- 0.5       # censored_max_share (the default)

# ---- results --------------------------------------------------------------------------------
d <- read.csv("appliances.csv", colClasses = "character", na.strings = character(0),
              check.names = FALSE, encoding = "UTF-8")
stopifnot(length(readLines("appliances.csv")) == nrow(d) + 1, all(d$unit == "mg/kg"))
d$line <- seq_len(nrow(d)) + 1L
# Value grammar of this file: a number, "<b" (local lab: below b), "ND" (benchmark lab: below
# the row's lod). x: the number or the bound; cen: TRUE for a censored result.
d$cen <- d$value == "ND" | startsWith(d$value, "<")
d$x <- suppressWarnings(ifelse(d$value == "ND", as.numeric(d$lod), as.numeric(sub("^<", "", d$value))))
stopifnot(!any(is.na(d$x)))

# ---- limits (hand-coded, see above) ----------------------------------------------------------
six <- c(lead_content = 1000, mercury_content = 1000, cadmium_content = 100,
         hexavalent_chromium_content = 1000, pbb_content = 1000, pbde_content = 1000)
standards <- list(   # study order
  list(id = "GB/T 26572-2011", grade = "", market = "CN", max = six),
  list(id = "Directive 2011/65/EU", grade = "", market = "EU",
       max = c(six, dehp_content = 1000, bbp_content = 1000, dbp_content = 1000,
               dibp_content = 1000)))
# A number passes when x <= max; "<b" and "ND" (lod b) pass when b <= max, else not decidable.
decide <- function(rows, max)
  ifelse(!rows$cen, ifelse(rows$x <= max, "pass", "fail"),
         ifelse(rows$x <= max, "pass", "not_decidable"))

conformity <- function(rows, indicator) {
  out <- list()
  for (s in standards) {
    max <- s$max[indicator]
    if (is.na(max)) next
    dec <- decide(rows, max)
    np <- sum(dec == "pass"); nf <- sum(dec == "fail"); nd <- sum(dec == "not_decidable")
    nc <- rows[dec != "pass", ]
    out[[length(out) + 1]] <- list(
      standard = s$id, grade = s$grade, rule = "simple",
      pass = np, fail = nf, not_decidable = nd, n = length(dec), decided = np + nf,
      rate_of = "decided", rate = np / (np + nf),
      rate_ci = as.numeric(binom.test(np, np + nf, conf.level = CONF)$conf.int),
      nonconforming = lapply(seq_len(nrow(nc)), function(k)
        list(sample_id = nc$sample_id[k], line = nc$line[k], value = nc$x[k], unit = "mg/kg",
             decision = dec[dec != "pass"][k])))
  }
  out
}

# ---- Kaplan-Meier (the study's default policy, km) ---------------------------------------------
# Helsel's flipping: flip = M - x makes "< b" right-censored at M - b; survfit; the mean
# restricted at the last event (the smallest detect), mapped back M - rmean; its se
# survfit's se(rmean) x sqrt(m/(m - 1)), m detects; the sd from the curve's jumps (what is left
# after the last event placed on it); quantiles survfit's, x_P = M - t_(1 - P).
km <- function(x, cen) {
  M <- max(x) + 1; flip <- M - x
  fit <- survfit(Surv(flip, !cen) ~ 1)
  last <- max(flip[!cen])
  tab <- summary(fit, rmean = last)$table
  s <- summary(fit, censored = FALSE)
  p <- c(1, head(s$surv, -1)) - s$surv
  p[length(p)] <- p[length(p)] + tail(s$surv, 1)
  mu <- M - unname(tab["rmean"]); m <- sum(!cen)
  q <- unname(quantile(fit, c(0.75, 0.5, 0.25))$quantile)
  list(mean = mu, sd = sqrt(sum(p * (M - s$time - mu)^2)),
       se = if (m >= 2) unname(tab["se(rmean)"]) * sqrt(m / (m - 1)) else NA,
       q1 = M - q[1], median = M - q[2], q3 = M - q[3])
}
nul <- function(v) if (is.na(v)) NULL else v

describe <- function(rows, group, role, indicator) {
  x <- rows$x; cen <- rows$cen
  g <- list(group = group, role = role, n = nrow(rows), n_missing = 0L, n_censored = sum(cen),
            censored_method = if (any(cen)) "km" else "none", censored_share = mean(cen))
  keys <- c("mean", "sd", "cv", "median", "q1", "q3", "min", "max", "mean_ci")
  if (all(cen)) {               # nothing detected: no statistic, only the largest bound
    for (k in keys) g[k] <- list(NULL)
    g$all_censored <- sprintf("all < %.15g mg/kg", max(x))
  } else if (any(cen)) {
    k <- km(x, cen)
    g$mean <- k$mean; g$sd <- k$sd; g$cv <- k$sd / abs(k$mean)
    g["median"] <- list(nul(k$median)); g["q1"] <- list(nul(k$q1)); g["q3"] <- list(nul(k$q3))
    g["min"] <- list(NULL)      # a "< b" result may be the smallest
    g["max"] <- list(if (max(x[!cen]) >= max(x[cen])) max(x[!cen]) else NULL)
    if (!is.na(k$se)) {
      g$mean_se <- k$se
      g$mean_ci <- k$mean + c(-1, 1) * qt((1 + CONF) / 2, length(x) - 1) * k$se
    }
  } else {
    g <- c(g, descriptives(x)[keys])
  }
  g$conformity <- conformity(rows, indicator)
  g
}

# Welch's t test written out on two summaries (mean, sd, n), with the TOST of margin m.
welch <- function(m1, s1, n1, m2, s2, n2, margin) {
  v1 <- s1^2 / n1; v2 <- s2^2 / n2; se <- sqrt(v1 + v2)
  df <- (v1 + v2)^2 / (v1^2 / (n1 - 1) + v2^2 / (n2 - 1))
  t <- (m1 - m2) / se; d <- m1 - m2
  list(t = t, df = df, p = 2 * pt(-abs(t), df), ci = d + c(-1, 1) * qt((1 + CONF) / 2, df) * se,
       p_less = pt(t, df),
       tost = max(pt((d + margin) / se, df, lower.tail = FALSE), pt((d - margin) / se, df)))
}

# ---- per indicator --------------------------------------------------------------------------
indicators <- sort(unique(d$indicator))
res <- list(); basis <- c(); basis_p <- c(); better <- c(); tost_p <- c(); means <- list()
for (ind in indicators) {
  loc <- d[d$indicator == ind & d$group == "local", ]
  ben <- d[d$indicator == ind & d$group == "benchmark", ]
  gs <- describe(loc, "local", "subject", ind); gr <- describe(ben, "benchmark", "reference", ind)
  res[[ind]] <- list(indicator = ind, unit = "mg/kg", direction = "lower_is_better",
                     groups = list(gs, gr))
  pp <- peto_prentice(loc$x, loc$cen, ben$x, ben$cen)
  cmp <- list(subject = "local", reference = "benchmark",
              peto_prentice = if (is.null(pp)) list(chi_square = NULL, p_value = NULL) else pp,
              detection_frequency = detection_frequency(loc$x, loc$cen, ben$x, ben$cen),
              mann_whitney = list(u = NULL, p_value = NULL))   # no values under km
  if (all(loc$cen) || all(ben$cen) || mean(loc$cen) > MAX_SHARE || mean(ben$cen) > MAX_SHARE) {
    # mostly censored: no mean-based gap; Peto-Prentice and the medians decide
    for (k in c("difference", "difference_ci", "relative_gap")) cmp[k] <- list(NULL)
    cmp$welch <- list(t = NULL, df = NULL, p_value = NULL, p_subject_better = NULL)
    cmp$tost <- list(margin = NULL, p_value = NULL)
    basis[[ind]] <- if (is.null(pp)) "none" else "peto_prentice"
    if (!is.null(pp)) {
      med <- function(g) if (is.null(g$median)) NA else g$median
      basis_p[[ind]] <- pp$p_value
      better[[ind]] <- -pp_shift(med(gs), med(gr), pp)     # lower is better
    }
  } else {
    m <- EQUIV_MARGIN * abs(gr$mean)
    w <- welch(gs$mean, gs$sd, gs$n, gr$mean, gr$sd, gr$n, m)
    cmp$difference <- gs$mean - gr$mean
    cmp$difference_ci <- w$ci
    cmp$relative_gap <- (gr$mean - gs$mean) / abs(gr$mean)
    cmp$welch <- list(t = w$t, df = w$df, p_value = w$p, p_subject_better = w$p_less)
    cmp$tost <- list(margin = m, p_value = w$tost)
    basis[[ind]] <- "welch"; basis_p[[ind]] <- w$p; tost_p[[ind]] <- w$tost
    better[[ind]] <- gr$mean - gs$mean
    means[[ind]] <- c(gs$mean, gr$mean)
  }
  cmp$verdict_basis <- basis[[ind]]
  res[[ind]]$comparison <- cmp
}

# Holm across the indicators with a test; verdict (DESIGN §5, issue 12)
p_adj <- p.adjust(unlist(basis_p), method = "holm")
counts <- c(leading = 0L, on_par = 0L, lagging = 0L, inconclusive = 0L)
cat(sprintf("%-28s %-14s %12s %12s  %s\n", "indicator", "basis", "p", "p_adjusted", "verdict"))
for (ind in indicators) {
  v <- "inconclusive"
  if (basis[[ind]] == "none") {
    res[[ind]]$comparison["p_adjusted"] <- list(NULL)
  } else {
    if (basis[[ind]] == "welch" && tost_p[[ind]] < ALPHA) v <- "on_par"
    else if (p_adj[[ind]] < ALPHA && !is.na(better[[ind]]) && better[[ind]] != 0)
      v <- if (better[[ind]] > 0) "leading" else "lagging"
    res[[ind]]$comparison$p_adjusted <- p_adj[[ind]]
  }
  res[[ind]]$comparison$verdict <- v
  counts[[v]] <- counts[[v]] + 1L
  cat(sprintf("%-28s %-14s %12.4g %12.4g  %s\n", ind, basis[[ind]],
              if (basis[[ind]] == "none") NA else basis_p[[ind]],
              if (basis[[ind]] == "none") NA else p_adj[[ind]], v))
}

# Quality index: 100 x the geometric mean of r/s (lower is better) over the indicators
# compared on their means; the others are left out as censored (mostly censored groups).
qi <- names(means)
ratio <- sapply(qi, function(i) means[[i]][2] / means[[i]][1])
scorecard <- c(as.list(counts), list(
  quality_index = 100 * exp(mean(log(ratio))), quality_index_indicators = length(qi),
  quality_index_used = lapply(qi, function(i) list(indicator = i, ratio = ratio[[i]], weight = 1)),
  quality_index_excluded = lapply(setdiff(indicators, qi), function(i)
    list(indicator = i, reason = "censored: a group is mostly censored, so its mean is no estimate"))))

# ---- verdicts per standard and market access (one rule, oracle.R) ------------------------------
limits_of <- function(s, group) {
  tested <- list(); untested <- list()
  for (i in names(s$max)) {
    r <- d[d$indicator == i & d$group == group, ]
    if (!nrow(r)) untested[[length(untested) + 1]] <- list(regulation = s$id, indicator = i)
    else tested[[length(tested) + 1]] <- list(regulation = s$id, grade = s$grade, indicator = i,
                                              dec = decide(r, s$max[[i]]))
  }
  list(tested = tested, untested = untested)
}
std_verdicts <- lapply(standards, function(s) {
  l <- limits_of(s, "local")
  dec <- unlist(lapply(l$tested, `[[`, "dec"))
  list(id = s$id, grade = s$grade, verdict = verdict_name(outcome(dec, length(l$untested))),
       decisions = tally(dec),
       untested = lapply(l$untested, `[[`, "indicator"))
})
market_access <- list()
for (g in c("local", "benchmark")) for (m in c("CN", "EU")) {
  s <- Filter(function(s) s$market == m, standards)[[1]]
  l <- limits_of(s, g)
  market_access[[length(market_access) + 1]] <- market_entry(m, g, 1L, l$tested, l$untested)
}

x <- list(schema = "qcompare/gap-analysis/1",
          study = list(censored = "km", censored_max_share = MAX_SHARE),
          products = list(list(product = "electrical-electronic-product",
                               standards = std_verdicts,
                               indicators = unname(res),
                               scorecard = scorecard,
                               market_access = market_access)))
write_json(x, "expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null")
cat("expected.json written\n")
