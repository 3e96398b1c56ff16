# Independent R oracle for the chargers reference study: writes expected.json, the subset of
# the gap analysis (DESIGN.md §6) that the engine's output must match.
# Run from this directory:  Rscript expected.R      (needs jsonlite and nortest)
#
# The limits are hand-coded below from the standards' files
# (rules/standards/electronic-information/eu-2019-1782.json, us-doe-level-vi.json,
# gb-20943-2013.json), on purpose NOT read from rules/ at run time, so that a mistake in a rules
# file, in the engine's piecewise selection or in its unit conversion shows up as a difference.

library(jsonlite)
source("../oracle.R")   # normality(), outliers(), grubbs(): shared R oracles

ALPHA <- 0.05
CONF  <- 0.95
EQUIV_MARGIN <- 0.05        # TOST margin: fraction of |reference mean|

# ---- results -------------------------------------------------------------------------------
d <- read.csv("chargers.csv", sep = ";", colClasses = "character", na.strings = character(0),
              check.names = FALSE, encoding = "UTF-8")
raw <- readLines("chargers.csv", encoding = "UTF-8")
stopifnot(length(raw) == nrow(d) + 1, all(nzchar(raw)))   # one physical line per record
d$line <- seq_len(nrow(d)) + 1L
d$raw  <- as.numeric(d$value)
stopifnot(!any(is.na(d$raw)))                             # every value is a plain number
d$po   <- as.numeric(d$rated_output_power_w)

# Units as written -> the indicator's unit (indicators.json): average_active_efficiency in %,
# no_load_power in W. The benchmark lab writes no-load power in mW (1 mW = 0.001 W).
ind_unit <- c(average_active_efficiency = "%", no_load_power = "W")
ind_dir  <- c(average_active_efficiency = "higher_is_better", no_load_power = "lower_is_better")
to_ind <- function(x, unit) ifelse(unit == "mW", x / 1000, x)
stopifnot(all(d$unit[d$indicator == "average_active_efficiency"] == "%"),
          all(d$unit[d$indicator == "no_load_power"] %in% c("W", "mW")))
d$x <- to_ind(d$raw, d$unit)

# ---- limits, hand-coded from the standards' files ------------------------------------------
# A piecewise limit is a list of pieces tried in order; each piece selects rows by the context
# column rated_output_power_w (Po, W; bounds inclusive) and gives min/max in the indicator's
# unit. A row that no piece selects is not decidable.
piece <- function(po_min = -Inf, po_max = Inf, min = NULL, max = NULL, not_encoded = FALSE)
  list(po_min = po_min, po_max = po_max, min = min, max = max, not_encoded = not_encoded)
standards <- list(   # study order
  # Regulation (EU) 2019/1782, grade AC-DC (single-output AC-DC other than low-voltage):
  #   no-load power <= 0.10 W for Po <= 49 W, <= 0.21 W for Po > 49 W (Po = 49 takes the first);
  #   average active efficiency >= 0.880 (= 88.0 %) for Po > 49 W (written "min 49.001"); for
  #   1 < Po <= 49 W the limit is a formula of Po, which the rules cannot encode: no piece,
  #   so the 20 W results are not decidable.
  list(id = "Regulation (EU) 2019/1782", grade = "AC-DC", market = "EU", limits = list(
    no_load_power = list(piece(po_max = 49, max = 0.1), piece(po_min = 49, max = 0.21)),
    average_active_efficiency = list(piece(po_min = 49.001, min = 0.88 * 100)))),
  # 10 CFR 430 Level VI: no-load power <= 0.100 W for 1-49 W, <= 0.210 W for 49-250 W;
  # no efficiency limit in the library.
  list(id = "10 CFR 430 Level VI", grade = "", market = "US", limits = list(
    no_load_power = list(piece(1, 49, max = 0.1), piece(49, 250, max = 0.21)))),
  # GB 20943-2013: it sets a maximum no-load power and a minimum average efficiency, but their
  # values were not found: the library marks both not_encoded (docs/standards.md), so every
  # result is not decidable against them. Its successor GB 20943-2025 takes effect on 2027-02-01,
  # after the study date: GB 20943-2013 is in force, with its successor issued.
  list(id = "GB 20943-2013", grade = "", market = NA, limits = list(
    no_load_power = list(piece(not_encoded = TRUE)),
    average_active_efficiency = list(piece(not_encoded = TRUE)))))

decide1 <- function(x, po, pieces) {
  for (p in pieces)
    if (po >= p$po_min && po <= p$po_max)
      return(if (p$not_encoded) "not_decidable" else if ((is.null(p$min) || x >= p$min) && (is.null(p$max) || x <= p$max)) "pass" else "fail")
  "not_decidable"
}
decide <- function(rows, pieces) mapply(decide1, rows$x, rows$po, MoreArgs = list(pieces = pieces))

conformity <- function(rows, indicator) {
  out <- list()
  for (s in standards) {
    pieces <- s$limits[[indicator]]
    if (is.null(pieces)) next
    dec <- decide(rows, pieces)
    np <- sum(dec == "pass"); nf <- sum(dec == "fail"); nd <- sum(dec == "not_decidable")
    k <- which(dec != "pass")
    out[[length(out) + 1]] <- list(
      standard = s$id, grade = s$grade, rule = "simple",
      pass = np, fail = nf, not_decidable = nd,
      rate = if (np + nf) np / (np + nf) else NA,
      rate_ci = if (np + nf) as.numeric(binom.test(np, np + nf, conf.level = CONF)$conf.int) else NULL,
      nonconforming = lapply(k, function(j)
        list(sample_id = rows$sample_id[j], line = rows$line[j], value = rows$x[j],
             unit = ind_unit[[indicator]], decision = dec[[j]])))
  }
  out
}



describe <- function(rows, group, role, indicator) {
  x <- rows$x
  c(list(group = group, role = role,
       n = length(x), n_missing = 0L, n_censored = 0L),
    descriptives(x),
    list(normality = normality(x), outliers = list(grubbs = grubbs(x, rows$sample_id, rows$line)),
         conformity = conformity(rows, indicator)))
}

# ---- per indicator --------------------------------------------------------------------------
indicators <- sort(unique(d$indicator))
res <- list(); welch_p <- c(); tost_p <- c()
for (ind in indicators) {
  rows <- d[d$indicator == ind, ]
  loc <- rows[rows$group == "local", ]; ben <- rows[rows$group == "benchmark", ]
  s <- loc$x; r <- ben$x
  higher <- ind_dir[[ind]] == "higher_is_better"
  tt <- t.test(s, r, conf.level = CONF)                        # Welch
  one <- t.test(s, r, alternative = if (higher) "greater" else "less")$p.value
  delta <- EQUIV_MARGIN * abs(mean(r))
  tost_p[[ind]] <- max(t.test(s, r, mu = -delta, alternative = "greater")$p.value,
                       t.test(s, r, mu =  delta, alternative = "less")$p.value)
  welch_p[[ind]] <- tt$p.value
  res[[ind]] <- list(
    indicator = ind, unit = ind_unit[[ind]], direction = ind_dir[[ind]],
    groups = list(describe(loc, "local", "subject", ind),
                  describe(ben, "benchmark", "reference", ind)),
    comparison = list(
      subject = "local", reference = "benchmark",
      difference = mean(s) - mean(r),
      difference_ci = as.numeric(tt$conf.int),
      relative_gap = if (higher) (mean(s) - mean(r)) / abs(mean(r)) else (mean(r) - mean(s)) / abs(mean(r)),
      welch = list(t = unname(tt$statistic), df = unname(tt$parameter),
                   p_value = tt$p.value, p_subject_better = one),
      student = with(t.test(s, r, var.equal = TRUE),
                     list(t = unname(statistic), df = unname(parameter), p_value = p.value)),
      mann_whitney = with(suppressWarnings(wilcox.test(s, r)),
                          list(u = unname(statistic), p_value = p.value)),
      variance = with(var.test(s, r), list(f = unname(statistic), p_value = p.value)),
      tost = list(margin = delta, p_value = tost_p[[ind]])))
}

# Holm across the product's indicators; verdict as DESIGN.md §5:
# TOST p < alpha -> on_par; else p_adjusted < alpha -> leading / lagging; else inconclusive.
p_adj <- p.adjust(unlist(welch_p), method = "holm")
cat(sprintf("%-28s %12s %12s %12s  %s\n", "indicator", "welch_p", "p_adjusted", "tost_p", "verdict"))
for (ind in indicators) {
  cmp <- res[[ind]]$comparison
  better <- if (ind_dir[[ind]] == "higher_is_better") cmp$difference > 0 else cmp$difference < 0
  v <- if (tost_p[[ind]] < ALPHA) "on_par"
       else if (p_adj[[ind]] < ALPHA) (if (better) "leading" else "lagging") else "inconclusive"
  cat(sprintf("%-28s %12.4g %12.4g %12.4g  %s\n", ind, welch_p[[ind]], p_adj[[ind]],
              tost_p[[ind]], v))
  res[[ind]]$comparison$p_adjusted <- p_adj[[ind]]
  res[[ind]]$comparison$verdict <- v
}

# ---- product verdicts and market access -----------------------------------------------------
all_decisions <- function(s, rows)
  unlist(lapply(names(s$limits), function(i) decide(rows[rows$indicator == i, ], s$limits[[i]])))
# Over the subject's results, the outcome of all its decisions (oracle.R): any fail ->
# does_not_conform; nothing to decide at all (no limit) ->
# not_tested; else any undecidable result (GB 20943-2013: its limits are not encoded, every
# result not decidable) -> not_decidable; else conforms.
verdict_of <- function(s, rows) {
  dec <- all_decisions(s, rows)
  verdict_name(outcome(dec, untested = if (length(s$limits)) 0 else 1))
}
local <- d[d$group == "local", ]
std_verdicts <- list(
  list(id = standards[[1]]$id, grade = "AC-DC", verdict = verdict_of(standards[[1]], local),
       flags = list()),
  list(id = standards[[2]]$id, grade = "", verdict = verdict_of(standards[[2]], local),
       flags = list()),
  list(id = standards[[3]]$id, grade = "", verdict = verdict_of(standards[[3]], local),
       flags = list("successor_issued")))

# Markets EU and US. The regulations of the library (kind "regulation") of these markets that
# list external-power-supply: EU -> Regulation (EU) 2019/1782, through the grade the study
# lists (AC-DC); US -> 10 CFR 430 Level VI. Status: the outcome of every decision on every
# limit (oracle.R: fail, else not_decidable when a result is undecidable, else pass); failing[]
# lists each limit that is not a pass with its decisions counted by class.
market_access <- list()
for (g in c("local", "benchmark")) {
  rows <- d[d$group == g, ]
  for (m in c("EU", "US")) {
    regs <- Filter(function(s) identical(s$market, m), standards)
    limits <- list()
    for (s in regs) for (i in names(s$limits))
      limits[[length(limits) + 1]] <- list(regulation = s$id, grade = s$grade, indicator = i,
                                           dec = decide(rows[rows$indicator == i, ], s$limits[[i]]))
    market_access[[length(market_access) + 1]] <- market_entry(m, g, length(regs), limits)
  }
}

x <- list(schema = "qcompare/gap-analysis/1",
          study = list(delimiter = ";", markets = list("EU", "US")),
          products = list(list(product = "external-power-supply",
                               standards = std_verdicts,
                               indicators = unname(res),
                               market_access = market_access)))
write_json(x, "expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null")
cat("expected.json written\n")
