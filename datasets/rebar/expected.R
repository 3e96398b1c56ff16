# Independent R oracle for the rebar reference study: writes expected.json, the subset of
# the gap analysis (DESIGN.md §6) that the engine's output must match.
# Run from this directory:  Rscript expected.R      (needs jsonlite)
#
# The limits are hand-coded below from ../../../shared/reference/standards-facts.json (the same
# facts as rules/standards/advanced-materials/*.json), on purpose NOT read from rules/, so that a
# mistake in a rules file or in the engine's rules loader shows up as a difference.

library(jsonlite)
source("../oracle.R")   # normality(), outliers(), grubbs(): shared R oracles

ALPHA <- 0.05
CONF  <- 0.95

# ---- results -------------------------------------------------------------------------------
d <- read.csv("rebar.csv", colClasses = "character", na.strings = character(0),
              check.names = FALSE, encoding = "UTF-8")
raw <- readLines("rebar.csv", encoding = "UTF-8")
# One physical line per record (no quoted newlines, no blank lines): record i is on line i + 1.
stopifnot(length(raw) == nrow(d) + 1, all(nzchar(raw)))
d$line <- seq_len(nrow(d)) + 1L
d$value_num <- ifelse(d$value == "", NA_real_, suppressWarnings(as.numeric(d$value)))
stopifnot(!any(is.na(d$value_num) & d$value != ""))      # every non-empty value is a number
d$nominal_diameter <- as.numeric(d$nominal_diameter)

# Units as written -> the indicator's unit: N/mm2 = MPa (factor 1), "%" stays, "" = default.
ind_unit <- c(yield_strength = "MPa", tensile_strength = "MPa",
              elongation_after_fracture = "%", total_elongation_max_force = "%",
              tensile_yield_ratio = "1")
ind_dir  <- c(yield_strength = "higher_is_better", tensile_strength = "higher_is_better",
              elongation_after_fracture = "higher_is_better",
              total_elongation_max_force = "higher_is_better",
              tensile_yield_ratio = "higher_is_better")
ok_unit <- list(MPa = c("MPa", "N/mm2", ""), `%` = c("%", ""), `1` = c("", "1"))
stopifnot(all(mapply(function(i, u) u %in% ok_unit[[ind_unit[[i]]]], d$indicator, d$unit)))

# ---- limits, hand-coded from the facts -----------------------------------------------------
# A limit: list(min=, max=); a piecewise limit: list of pieces with dmin/dmax on nominal_diameter.
piece <- function(dmin, dmax, min = NULL, max = NULL) list(dmin = dmin, dmax = dmax, min = min, max = max)
lim   <- function(min = NULL, max = NULL) list(list(dmin = -Inf, dmax = Inf, min = min, max = max))

standards <- list(   # study order
  list(id = "GB/T 1499.2-2018", grade = "HRB400", limits = list(
    yield_strength             = lim(min = 400),
    tensile_strength           = lim(min = 540),
    elongation_after_fracture  = list(piece(6, 25, min = 16), piece(28, 40, min = 15),
                                      piece(40.001, 50, min = 14)),
    total_elongation_max_force = lim(min = 7.5))),
  list(id = "ASTM A615/A615M", grade = "Grade 60", limits = list(
    yield_strength             = lim(min = 420),
    tensile_strength           = lim(min = 620),
    elongation_after_fracture  = list(piece(10, 19, min = 9), piece(22, 25, min = 8),
                                      piece(29, 36, min = 7)))),
  list(id = "BS 4449:2005+A3:2016", grade = "B500B", limits = list(
    yield_strength             = lim(min = 500, max = 650),
    tensile_yield_ratio        = lim(min = 1.08),
    total_elongation_max_force = lim(min = 5.0)))
)

decide <- function(value, diameter, pieces) {
  for (p in pieces) {
    if (diameter >= p$dmin && diameter <= p$dmax) {
      ok <- (is.null(p$min) || value >= p$min) && (is.null(p$max) || value <= p$max)
      return(if (ok) "pass" else "fail")
    }
  }
  "not_decidable"                                  # no piece selects this row
}

conformity <- function(rows, indicator) {
  out <- list()
  for (s in standards) {
    pieces <- s$limits[[indicator]]
    if (is.null(pieces)) next
    r <- rows[!is.na(rows$value_num), ]           # missing values are not decided
    dec <- mapply(decide, r$value_num, r$nominal_diameter, MoreArgs = list(pieces = pieces))
    np <- sum(dec == "pass"); nf <- sum(dec == "fail"); nd <- sum(dec == "not_decidable")
    nc <- r[dec != "pass", ]
    out[[length(out) + 1]] <- list(
      standard = s$id, grade = s$grade, rule = "simple",
      pass = np, fail = nf, not_decidable = nd,
      rate = np / (np + nf),
      rate_ci = as.numeric(binom.test(np, np + nf, conf.level = CONF)$conf.int),
      nonconforming = lapply(seq_len(nrow(nc)), function(k)
        list(sample_id = nc$sample_id[k], line = nc$line[k])))
  }
  out
}

# Normality: R shapiro.test (Royston) and nortest::ad.test (Stephens' adjustment, its p).

describe <- function(rows, group, role, indicator) {
  x <- rows$value_num[!is.na(rows$value_num)]
  c(list(group = group, role = role,
       n = length(x), n_missing = sum(is.na(rows$value_num)), n_censored = 0L),
    descriptives(x),
    list(normality = normality(x), outliers = outliers(x),
         conformity = conformity(rows, indicator)))
}

# ---- per indicator --------------------------------------------------------------------------
# Verdict rule. "brief" (what this file writes): p_adjusted < alpha -> leading / lagging by the
# direction-aware sign, else inconclusive. "design" (DESIGN.md §5): TOST p < alpha -> on_par
# first, then as "brief". Both are printed; only VERDICT_RULE goes into expected.json.
VERDICT_RULE <- "design"
EQUIV_MARGIN <- 0.05        # TOST margin: fraction of |reference mean|; Welch t for both one-sided tests

indicators <- sort(unique(d$indicator))
res <- list(); welch_p <- c(); tost_p <- c()
for (ind in indicators) {
  rows <- d[d$indicator == ind, ]
  loc <- rows[rows$group == "local", ]; ben <- rows[rows$group == "benchmark", ]
  s <- loc$value_num[!is.na(loc$value_num)]; r <- ben$value_num[!is.na(ben$value_num)]
  higher <- ind_dir[[ind]] == "higher_is_better"
  tt <- t.test(s, r, conf.level = CONF)                        # Welch (var.equal = FALSE)
  one <- t.test(s, r, alternative = if (higher) "greater" else "less")$p.value
  delta <- EQUIV_MARGIN * abs(mean(r))
  tost_p[[ind]] <- max(t.test(s, r, mu = -delta, alternative = "greater")$p.value,
                       t.test(s, r, mu =  delta, alternative = "less")$p.value)
  welch_p[[ind]] <- tt$p.value
  res[[ind]] <- list(
    indicator = ind, unit = ind_unit[[ind]],
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
p_adj <- p.adjust(unlist(welch_p), method = "holm")
cat(sprintf("%-28s %12s %12s %12s  %-12s %-12s\n", "indicator", "welch_p", "p_adjusted",
            "tost_p", "brief", "design"))
for (ind in indicators) {
  cmp <- res[[ind]]$comparison
  better <- if (ind_dir[[ind]] == "higher_is_better") cmp$difference > 0 else cmp$difference < 0
  v_brief <- if (p_adj[[ind]] < ALPHA) (if (better) "leading" else "lagging") else "inconclusive"
  v_design <- if (tost_p[[ind]] < ALPHA) "on_par" else v_brief
  cat(sprintf("%-28s %12.4g %12.4g %12.4g  %-12s %-12s\n", ind, welch_p[[ind]], p_adj[[ind]],
              tost_p[[ind]], v_brief, v_design))
  res[[ind]]$comparison$p_adjusted <- p_adj[[ind]]
  res[[ind]]$comparison$verdict <- if (VERDICT_RULE == "design") v_design else v_brief
}

# Standards comparison, by hand from the standards (DESIGN §5, §9; docs/standards.md): GB/T
# 1499.2-2018 HRB400 yield min 400 vs ASTM A615 Grade 60 min 420 MPa -> looser, difference 400 -
# 420 = -20; tensile min 540 vs 620 -> looser, -80; elongation is piecewise by nominal_diameter on
# both sides and the bands overlap (GB 6-25/28-40 mm, A615 10-19/22-25/29-36 mm), but over
# different gauge lengths (5.65 sqrt(S0) vs 8 in. [203 mm]), declared not equivalent in
# rules/methods.json -> not_comparable (method). Phosphorus: GB max 0.045 % vs A615 heat analysis
# max 0.06 % (A615/A615M-20 6.1) -> stricter, 0.045 - 0.06 = -0.015. Bend test: GB mandrel 4d
# (d 6-25) and 5d (28-40) vs A615 Table 3 pins 3.5d (No. 3-5, 10-16 mm), 5d (No. 6-8, 19-25 mm),
# 7d (No. 9-11, 29-36 mm): over 10-16 mm GB allows a larger mandrel (looser), over 19-25 and
# 29-36 mm a smaller one (stricter) -> mixed. GB's Agt, CEV and S limits have no ASTM counterpart
# -> only_in_a. Coverage of A615's 5 indicators by A: 5/5 = 1; stricter or equal among the 4
# compared (yield, tensile, phosphorus, bend; elongation is not comparable): 1/4 = 0.25.
only_a <- function(ind) list(indicator = ind, verdict = "only_in_a")
cmp <- list(a = list(id = "GB/T 1499.2-2018", grade = "HRB400"),
            b = list(id = "ASTM A615/A615M", grade = "Grade 60"),
            indicators = list(
              list(indicator = "bend_mandrel_diameter", verdict = "mixed"),
              only_a("carbon_equivalent"),
              list(indicator = "elongation_after_fracture", verdict = "not_comparable"),
              list(indicator = "phosphorus_content", verdict = "stricter", difference = 0.045 - 0.06),
              only_a("sulfur_content"),
              list(indicator = "tensile_strength", verdict = "looser", difference = -80),
              only_a("total_elongation_max_force"),
              list(indicator = "yield_strength", verdict = "looser", difference = -20)),
            coverage = 1, stricter_or_equal = 1 / 4)

x <- list(schema = "qcompare/gap-analysis/1",
          products = list(list(product = "steel-rebar", indicators = unname(res))),
          standards_comparison = list(cmp))
write_json(x, "expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE)
cat("expected.json written\n")
