# Independent R oracle for the RoHS reference study: writes expected.json, the subset of the gap
# analysis (DESIGN.md §6) that the engine's output must match.
# Run from this directory:  Rscript expected.R      (needs jsonlite and nortest)
#
# The limits are hand-coded below from the two standards' files
# (rules/standards/electronic-information/eu-2011-65-eu.json and gb-t-26572-2011.json), on
# purpose NOT read from rules/ at run time, so that a mistake in a rules file, in the engine's
# rules loader or in its unit conversion shows up as a difference. The limits are written there
# in mass percent; here they are converted by hand to mg/kg (1 % = 10 000 mg/kg).

library(jsonlite)
source("../oracle.R")   # normality(), outliers(), grubbs(): shared R oracles

ALPHA <- 0.05
CONF  <- 0.95
EQUIV_MARGIN <- 0.05        # TOST margin: fraction of |reference mean|

# ---- results -------------------------------------------------------------------------------
d <- read.csv("rohs.csv", colClasses = "character", na.strings = character(0),
              check.names = FALSE, encoding = "UTF-8")
raw <- readLines("rohs.csv", encoding = "UTF-8")
stopifnot(length(raw) == nrow(d) + 1, all(nzchar(raw)))   # one physical line per record
d$line <- seq_len(nrow(d)) + 1L

# Value grammar used by this file: a number, "<b" (below b), "ND" (below the row's lod), or
# empty (missing). Units as written: mg/kg (local lab) and ppm (benchmark lab) are the same
# mass fraction, 1e-6; the indicator unit is mg/kg, so no factor is needed for statistics.
stopifnot(all(d$unit %in% c("mg/kg", "ppm")))
d$kind  <- ifelse(d$value == "", "missing",
           ifelse(d$value == "ND", "nd", ifelse(startsWith(d$value, "<"), "lt", "number")))
d$bound <- ifelse(d$kind == "lt", suppressWarnings(as.numeric(sub("^<", "", d$value))),
           ifelse(d$kind == "nd", suppressWarnings(as.numeric(d$lod)), NA_real_))
d$x     <- ifelse(d$kind == "number", suppressWarnings(as.numeric(d$value)), NA_real_)
stopifnot(!any(d$kind == "number" & is.na(d$x)), !any(d$kind %in% c("lt", "nd") & is.na(d$bound)))

# Statistics policy censored = "half-lod": a censored result counts as half its bound ("<2" as
# 1, "ND" with lod 8 as 4); missing results are left out (n_missing).
d$stat <- ifelse(d$kind == "number", d$x, ifelse(d$kind %in% c("lt", "nd"), d$bound / 2, NA))

ind_dir <- "lower_is_better"   # every RoHS indicator (indicators.json)

# ---- limits, hand-coded from the standards' files ------------------------------------------
# Directive 2011/65/EU Annex II as amended by (EU) 2015/863: max 0.1 % for Pb, Hg, Cr(VI), PBB,
# PBDE and the four phthalates, 0.01 % for Cd. GB/T 26572-2011: the same six substances with the
# same limits, no phthalates. Limits are inclusive maxima; in mg/kg: 0.1 % = 1000, 0.01 % = 100.
pct <- function(p) p * 1e4                                  # % -> mg/kg
six <- c(lead_content = pct(0.1), mercury_content = pct(0.1), cadmium_content = pct(0.01),
         hexavalent_chromium_content = pct(0.1), pbb_content = pct(0.1), pbde_content = pct(0.1))
standards <- list(   # study order
  list(id = "Directive 2011/65/EU", grade = "", market = "EU",
       max = c(six, dehp_content = pct(0.1), bbp_content = pct(0.1), dbp_content = pct(0.1),
               dibp_content = pct(0.1))),
  list(id = "GB/T 26572-2011", grade = "", market = "CN", max = six))

# A result against max: a number passes when x <= max; "<b" and "ND" (lod b) stand for every
# value below b, so they pass when b <= max (all of them conform) and are not decidable
# otherwise (some would conform, some not; none can be wholly above a max).
decide <- function(kind, x, bound, max) {
  ifelse(kind == "number", ifelse(x <= max, "pass", "fail"),
         ifelse(bound <= max, "pass", "not_decidable"))
}

conformity <- function(rows, indicator) {
  out <- list()
  for (s in standards) {
    max <- s$max[indicator]
    if (is.na(max)) next
    r <- rows[rows$kind != "missing", ]                     # missing values are not decided
    dec <- decide(r$kind, r$x, r$bound, max)
    np <- sum(dec == "pass"); nf <- sum(dec == "fail"); nd <- sum(dec == "not_decidable")
    nc <- r[dec != "pass", ]
    out[[length(out) + 1]] <- list(
      standard = s$id, grade = s$grade, rule = "simple",
      pass = np, fail = nf, not_decidable = nd,
      rate = np / (np + nf),
      rate_ci = as.numeric(binom.test(np, np + nf, conf.level = CONF)$conf.int),
      nonconforming = lapply(seq_len(nrow(nc)), function(k)
        list(sample_id = nc$sample_id[k], line = nc$line[k], value = nc$x[k], unit = "mg/kg",
             decision = dec[dec != "pass"][k])))
  }
  out
}


describe <- function(rows, group, role, indicator) {
  x <- rows$stat[rows$kind != "missing"]
  cen <- rows$kind[rows$kind != "missing"] %in% c("lt", "nd")
  q <- quantile(x, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  # t-based interval; with sd = 0 (every value the same half-bound) it is [mean, mean]
  # (t.test refuses constant data, so the formula mean +- t * sd / sqrt(n) is written out).
  ci <- if (sd(x) > 0) as.numeric(t.test(x, conf.level = CONF)$conf.int) else c(mean(x), mean(x))
  g <- list(group = group, role = role,
            n = length(x), n_missing = sum(rows$kind == "missing"),
            n_censored = sum(rows$kind %in% c("lt", "nd")),
            mean = mean(x), sd = sd(x), cv = sd(x) / abs(mean(x)),
            median = q[2], q1 = q[1], q3 = q[3], min = min(x), max = max(x),
            mean_ci = ci)
  # issue 12: the policy in force is reported with the share censored; a substitution is
  # flagged; a group with nothing detected has no statistic, only "all < b" (b the largest
  # bound): a substituted number is no estimate
  g$censored_method <- if (any(cen)) "half-lod" else "none"
  g$censored_share <- mean(cen)
  if (any(cen)) g$flags <- list("censored_substitution")
  if (all(cen)) {
    for (k in c("mean", "sd", "cv", "median", "q1", "q3", "min", "max", "mean_ci")) g[k] <- list(NULL)
    g$all_censored <- sprintf("all < %.15g mg/kg", max(rows$bound[rows$kind != "missing"]))
  } else if (sd(x) > 0) {   # normality and Grubbs are undefined for constant data (engine: null)
    g$normality <- normality(x)
    g$outliers <- outliers(x)
  }
  g$conformity <- conformity(rows, indicator)
  g
}

# Several-group tests by manufacturer (study "factor"), under the study's censored policy as
# DESIGN.md §5 says for every statistic. When every value is the same half-bound the tests are
# undefined (0/0; the engine writes null with a note, while R's anova() returns rounding noise),
# so such indicators are left out.
FACTOR_IN_EXPECTED <- TRUE
factor_tests <- function(rows) {
  r <- rows[rows$kind != "missing", ]
  if (diff(range(r$stat)) <= 1e-9 * max(abs(r$stat))) return(NULL)
  f <- factor(r$manufacturer)
  a <- suppressWarnings(anova(lm(r$stat ~ f)))
  w <- suppressWarnings(oneway.test(r$stat ~ f, var.equal = FALSE))
  k <- kruskal.test(r$stat ~ f)
  ft <- list(column = "manufacturer",
             anova = list(f = a$`F value`[1], p_value = a$`Pr(>F)`[1]),
             kruskal_wallis = list(h = unname(k$statistic), df = unname(k$parameter),
                                   p_value = k$p.value))
  # Welch's ANOVA is undefined when a level has no spread (R: NaN; engine: null + note)
  if (is.finite(w$statistic))
    ft$welch_anova <- list(f = unname(w$statistic), p_value = w$p.value)
  ft
}

# ---- per indicator --------------------------------------------------------------------------
# Comparison (DESIGN §5, issue 12). When either group has censored results, the comparison also
# gives Peto-Prentice and the detection frequencies (oracle.R). When more than half of a group's
# results are censored (censored_max_share 0.5), or all of them, there is no mean-based gap:
# difference, relative_gap and the t-based tests are null, and the verdict rests on the
# Peto-Prentice p (adjusted with the others) and the medians' direction (oracle.R pp_shift).
MAX_SHARE <- 0.5
indicators <- sort(unique(d$indicator))
res <- list(); basis_p <- c(); tost_p <- c(); better <- c(); basis <- c()
for (ind in indicators) {
  rows <- d[d$indicator == ind, ]
  loc <- rows[rows$group == "local", ]; ben <- rows[rows$group == "benchmark", ]
  loc <- loc[loc$kind != "missing", ]; ben <- ben[ben$kind != "missing", ]
  s <- loc$stat; r <- ben$stat
  cs <- loc$kind %in% c("lt", "nd"); cr <- ben$kind %in% c("lt", "nd")
  xs <- ifelse(cs, loc$bound, loc$x); xr <- ifelse(cr, ben$bound, ben$x)
  res[[ind]] <- list(indicator = ind, unit = "mg/kg", direction = ind_dir,
                     groups = list(describe(rows[rows$group == "local", ], "local", "subject", ind),
                                   describe(rows[rows$group == "benchmark", ], "benchmark",
                                            "reference", ind)))
  ft <- tryCatch(factor_tests(rows), error = function(e) NULL)
  if (!is.null(ft)) cat(sprintf("%-28s factor (half-lod): ANOVA F %.6g p %.4g; Welch F %.6g; KW H %.6g p %.4g\n",
              ind, ft$anova$f, ft$anova$p_value, ft$welch_anova$f, ft$kruskal_wallis$h,
              ft$kruskal_wallis$p_value))
  if (FACTOR_IN_EXPECTED && !is.null(ft)) res[[ind]]$factor <- ft
  censored <- any(cs) || any(cr)
  pp <- if (censored) peto_prentice(xs, cs, xr, cr) else NULL
  if (censored && (mean(cs) > MAX_SHARE || mean(cr) > MAX_SHARE || all(cs) || all(cr))) {
    med_s <- if (all(cs)) NA else median(s); med_r <- if (all(cr)) NA else median(r)
    cmp <- list(subject = "local", reference = "benchmark", difference = NULL,
                difference_ci = NULL, relative_gap = NULL,
                welch = list(t = NULL, df = NULL, p_value = NULL, p_subject_better = NULL),
                student = list(t = NULL, df = NULL, p_value = NULL),
                tost = list(margin = NULL, p_value = NULL),
                peto_prentice = if (is.null(pp)) list(chi_square = NULL, p_value = NULL) else pp,
                detection_frequency = detection_frequency(xs, cs, xr, cr),
                verdict_basis = if (is.null(pp)) "none" else "peto_prentice")
    basis[[ind]] <- cmp$verdict_basis
    if (!is.null(pp)) {
      basis_p[[ind]] <- pp$p_value
      better[[ind]] <- -pp_shift(med_s, med_r, pp)     # lower is better
    }
    res[[ind]]$comparison <- cmp
    next
  }
  tt <- t.test(s, r, conf.level = CONF)                          # Welch
  one <- t.test(s, r, alternative = "less")$p.value              # lower is better
  delta <- EQUIV_MARGIN * abs(mean(r))
  tost_p[[ind]] <- max(t.test(s, r, mu = -delta, alternative = "greater")$p.value,
                       t.test(s, r, mu =  delta, alternative = "less")$p.value)
  basis_p[[ind]] <- tt$p.value
  better[[ind]] <- mean(r) - mean(s)
  basis[[ind]] <- "welch"
  cmp <- list(
    subject = "local", reference = "benchmark",
    difference = mean(s) - mean(r),
    difference_ci = as.numeric(tt$conf.int),
    relative_gap = (mean(r) - mean(s)) / abs(mean(r)),
    welch = list(t = unname(tt$statistic), df = unname(tt$parameter),
                 p_value = tt$p.value, p_subject_better = one),
    student = with(t.test(s, r, var.equal = TRUE),
                   list(t = unname(statistic), df = unname(parameter), p_value = p.value)),
    mann_whitney = with(suppressWarnings(wilcox.test(s, r)),
                        list(u = unname(statistic), p_value = p.value)),
    tost = list(margin = delta, p_value = tost_p[[ind]]),
    verdict_basis = "welch")
  if (sd(s) > 0 && sd(r) > 0)
    cmp$variance <- with(var.test(s, r), list(f = unname(statistic), p_value = p.value))
  if (censored) {
    cmp$peto_prentice <- pp
    cmp$detection_frequency <- detection_frequency(xs, cs, xr, cr)
  }
  res[[ind]]$comparison <- cmp
}

# Holm across the indicators whose verdict rests on a test (Welch or Peto-Prentice); verdict
# as DESIGN.md §5: on the Welch basis TOST p < alpha -> on_par; else p_adjusted < alpha ->
# lagging / leading by the direction (means, or Peto-Prentice's medians); else inconclusive.
p_adj <- p.adjust(unlist(basis_p), method = "holm")
cat(sprintf("\n%-28s %8s %12s %12s %12s  %s\n", "indicator", "basis", "p", "p_adjusted", "tost_p", "verdict"))
for (ind in indicators) {
  if (basis[[ind]] == "none") {
    res[[ind]]$comparison["p_adjusted"] <- list(NULL)
    res[[ind]]$comparison$verdict <- "inconclusive"
    cat(sprintf("%-28s %8s %12s %12s %12s  %s\n", ind, "none", "-", "-", "-", "inconclusive"))
    next
  }
  tp <- if (basis[[ind]] == "welch") tost_p[[ind]] else NA
  v <- if (!is.na(tp) && tp < ALPHA) "on_par"
       else if (p_adj[[ind]] < ALPHA && !is.na(better[[ind]]) && better[[ind]] != 0)
         (if (better[[ind]] > 0) "leading" else "lagging")
       else "inconclusive"
  cat(sprintf("%-28s %8s %12.4g %12.4g %12.4g  %s\n", ind, basis[[ind]], basis_p[[ind]],
              p_adj[[ind]], tp, v))
  res[[ind]]$comparison$p_adjusted <- p_adj[[ind]]
  res[[ind]]$comparison$verdict <- v
}

# ---- product verdicts and market access -----------------------------------------------------
# A standard's verdict over the subject's (local) results: any fail -> does_not_conform; else
# any undecidable result -> not_decidable; else conforms (every limited indicator has results).
all_dec <- function(rows, max) decide(rows$kind, rows$x, rows$bound, max)
verdict_of <- function(s, rows) {
  dec <- unlist(lapply(names(s$max), function(i) {
    r <- rows[rows$indicator == i & rows$kind != "missing", ]
    all_dec(r, s$max[[i]])
  }))
  if (any(dec == "fail")) "does_not_conform"
  else if (any(dec == "not_decidable")) "not_decidable" else "conforms"
}
local <- d[d$group == "local", ]
std_verdicts <- lapply(standards, function(s)
  list(id = s$id, grade = s$grade, verdict = verdict_of(s, local)))

# Markets of the study: EU, CN, US. The regulations of the rules library (kind "regulation")
# whose market is one of these and which list electrical-electronic-product: EU -> Directive
# 2011/65/EU, CN -> GB/T 26572-2011 (filed as a regulation with market CN), US -> none (the US
# regulations of the library, 10 CFR 430 Level VI and TSCA Title VI, are for other products), so
# US is not_tested with 0 regulations. Status: the outcome of every decision (oracle.R): fail when a result
# fails, not_decidable when one is undecidable, pass otherwise.
market_access <- list()
for (g in c("local", "benchmark")) {
  rows <- d[d$group == g, ]
  for (m in c("EU", "CN", "US")) {
    regs <- Filter(function(s) s$market == m, standards)
    limits <- list()
    for (s in regs) for (i in names(s$max)) {
      r <- rows[rows$indicator == i & rows$kind != "missing", ]
      limits[[length(limits) + 1]] <- list(regulation = s$id, grade = s$grade, indicator = i,
                                           dec = all_dec(r, s$max[[i]]))
    }
    market_access[[length(market_access) + 1]] <- market_entry(m, g, length(regs), limits)
  }
}

x <- list(schema = "qcompare/gap-analysis/1",
          products = list(list(product = "electrical-electronic-product",
                               standards = std_verdicts,
                               indicators = unname(res),
                               market_access = market_access)))
write_json(x, "expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null")
cat("expected.json written\n")
