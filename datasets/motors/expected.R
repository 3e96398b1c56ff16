# Independent R oracle for the motors reference study: writes expected.json, the subset of the
# gap analysis (DESIGN.md §6) that the engine's output must match.
# Run from this directory:  Rscript expected.R      (needs jsonlite and nortest)
#
# The limits are hand-coded below from ../../../shared/reference/standards-facts.json (the values
# the rules library records for GB 18613-2020, IEC 60034-30-1:2014 and Regulation (EU)
# 2019/1781), on purpose NOT read from rules/, so that a mistake in a rules file or in the
# engine's rules loader shows up as a difference. The wide file is read here with read.csv: one
# result per (row, indicator column).

library(jsonlite)
source("../oracle.R")   # normality(), outliers(), grubbs(): shared R oracles

ALPHA <- 0.05
CONF  <- 0.95
EQUIV_MARGIN <- 0.05        # TOST margin: fraction of |reference mean| (DESIGN §4.3 default)

# ---- results (wide layout) -----------------------------------------------------------------
w <- read.csv("motors.csv", colClasses = "character", check.names = FALSE,
              na.strings = character(0), encoding = "UTF-8")
raw <- readLines("motors.csv", encoding = "UTF-8")
stopifnot(length(raw) == nrow(w) + 1, all(nzchar(raw)))    # record i is on line i + 1
w$line <- seq_len(nrow(w)) + 1L
# header -> indicator id and unit: "rated efficiency [%]" is an alias of rated_efficiency in
# %, "IE class" an alias of ie_efficiency_class (no unit in the header: the dictionary's "1").
columns <- c(rated_efficiency = "rated efficiency [%]", ie_efficiency_class = "IE class")
ind_unit <- c(rated_efficiency = "%", ie_efficiency_class = "1")
ind_dir  <- c(rated_efficiency = "higher_is_better", ie_efficiency_class = "higher_is_better")
d <- do.call(rbind, lapply(names(columns), function(ind)
  data.frame(sample_id = w$sample_id, group = w$group, rated_power_kw = as.numeric(w$rated_power_kw),
             line = w$line, indicator = ind, value = w[[columns[[ind]]]], stringsAsFactors = FALSE)))
d$x <- as.numeric(d$value)
stopifnot(!any(is.na(d$x)))                                 # every cell is a plain number

# ---- limits, hand-coded from the facts -----------------------------------------------------
# A piece: the rated_power_kw band that selects it (inclusive) and its min. Pieces are tried in
# order; the first that applies is used; a result no piece selects is not decidable.
piece <- function(pmin, pmax, min) list(pmin = pmin, pmax = pmax, min = min)
standards <- list(   # study order
  list(id = "GB 18613-2020", grade = "Grade 3", limits = list(          # = IE3; facts: 7.5 kW only
    rated_efficiency = list(piece(7.5, 7.5, 90.4)))),
  list(id = "IEC 60034-30-1:2014", grade = "IE3", limits = list(
    rated_efficiency = list(piece(0.75, 0.75, 82.5), piece(7.5, 7.5, 90.4),
                            piece(11, 11, 91.4), piece(15, 15, 92.1)))),
  list(id = "IEC 60034-30-1:2014", grade = "IE4", limits = list(
    rated_efficiency = list(piece(7.5, 7.5, 92.6), piece(11, 11, 93.3),
                            piece(15, 15, 93.9), piece(90, 90, 96.1)))),
  list(id = "Regulation (EU) 2019/1781", grade = "", limits = list(     # IE class number
    ie_efficiency_class = list(piece(75, 200, 4), piece(0.75, 1000, 3))))
)
# The grades each graded standard has (best first) and their limits, for products[].grades.
gb_grade2 <- list(rated_efficiency = list(piece(7.5, 7.5, 92.6)))
grading <- list(
  list(standard = "GB 18613-2020",
       grades = list(`Grade 2` = gb_grade2, `Grade 3` = standards[[1]]$limits)),
  list(standard = "IEC 60034-30-1:2014",
       grades = list(IE4 = standards[[3]]$limits, IE3 = standards[[2]]$limits)))

decide <- function(x, kw, pieces) {                   # simple rule, inclusive min
  for (p in pieces) if (kw >= p$pmin && kw <= p$pmax) return(if (x >= p$min) "pass" else "fail")
  "not_decidable"
}
decisions <- function(rows, pieces) mapply(decide, rows$x, rows$rated_power_kw,
                                           MoreArgs = list(pieces = pieces))

conformity <- function(rows, indicator) {
  out <- list()
  for (s in standards) {
    pieces <- s$limits[[indicator]]
    if (is.null(pieces)) next
    dec <- decisions(rows, pieces)
    np <- sum(dec == "pass"); nf <- sum(dec == "fail"); nd <- sum(dec == "not_decidable")
    nc <- which(dec != "pass")
    out[[length(out) + 1]] <- list(
      standard = s$id, grade = s$grade, rule = "simple",
      pass = np, conditional_pass = 0L, conditional_fail = 0L, fail = nf, not_decidable = nd,
      rate = np / (np + nf), rate_with_conditional = np / (np + nf),
      rate_ci = as.numeric(binom.test(np, np + nf, conf.level = CONF)$conf.int),
      nonconforming = lapply(nc, function(k)
        list(sample_id = rows$sample_id[k], line = rows$line[k], value = rows$x[k],
             decision = unname(dec[k]))))
  }
  out
}

# ---- per-group statistics -------------------------------------------------------------------
describe <- function(rows, group, role, indicator) {
  x <- rows$x
  c(list(group = group, role = role, n = length(x), n_missing = 0L, n_censored = 0L),
    descriptives(x),
    list(normality = normality(x), outliers = outliers(x),
         conformity = conformity(rows, indicator)))
}

# ---- subject vs reference --------------------------------------------------------------------
# Hedges g: d = (m_s - m_r)/pooled sd, exact J = Γ(df/2)/(√(df/2) Γ((df-1)/2)).
hedges <- function(s, r) {
  df <- length(s) + length(r) - 2
  sp <- sqrt(((length(s) - 1) * var(s) + (length(r) - 1) * var(r)) / df)
  J <- exp(lgamma(df / 2) - lgamma((df - 1) / 2)) / sqrt(df / 2)
  J * (mean(s) - mean(r)) / sp
}
brown_forsythe <- function(s, r) {      # ANOVA F of |x - group median|
  y <- c(abs(s - median(s)), abs(r - median(r)))
  g <- factor(rep(c("s", "r"), c(length(s), length(r))))
  a <- anova(lm(y ~ g))
  list(f = a$`F value`[1], p_value = a$`Pr(>F)`[1])
}
compare <- function(s, r, higher) {
  tt <- t.test(s, r, conf.level = CONF)                             # Welch
  st <- t.test(s, r, var.equal = TRUE)
  mw <- suppressWarnings(wilcox.test(s, r))                         # R's default exact/normal
  vt <- var.test(s, r)
  m  <- EQUIV_MARGIN * abs(mean(r))
  p_lo <- t.test(s, r, mu = -m, alternative = "greater")$p.value
  p_up <- t.test(s, r, mu =  m, alternative = "less")$p.value
  list(subject = "local", reference = "benchmark",
       difference = mean(s) - mean(r), difference_ci = as.numeric(tt$conf.int),
       relative_gap = if (higher) (mean(s) - mean(r)) / abs(mean(r)) else (mean(r) - mean(s)) / abs(mean(r)),
       welch = list(t = unname(tt$statistic), df = unname(tt$parameter), p_value = tt$p.value,
                    p_subject_better = t.test(s, r, alternative = if (higher) "greater" else "less")$p.value),
       student = list(t = unname(st$statistic), df = unname(st$parameter), p_value = st$p.value),
       mann_whitney = list(u = unname(mw$statistic), p_value = mw$p.value),
       hedges_g = hedges(s, r),
       # var.test's p is 2·min(P, 1 − P): the 1 − P loses digits in the far tail, so the upper
       # tail is taken directly from pf(lower.tail = FALSE)
       variance = list(f = unname(vt$statistic),
                       p_value = 2 * min(pf(vt$statistic, vt$parameter[1], vt$parameter[2]),
                                         pf(vt$statistic, vt$parameter[1], vt$parameter[2], lower.tail = FALSE)),
                       brown_forsythe = brown_forsythe(s, r)),
       tost = list(margin = m, p_value = max(p_lo, p_up), p_lower = p_lo, p_upper = p_up))
}

indicators <- sort(unique(d$indicator))
res <- list()
for (ind in indicators) {
  rows <- d[d$indicator == ind, ]
  loc <- rows[rows$group == "local", ]; ben <- rows[rows$group == "benchmark", ]
  res[[ind]] <- list(indicator = ind, unit = ind_unit[[ind]], direction = ind_dir[[ind]],
                     groups = list(describe(loc, "local", "subject", ind),
                                   describe(ben, "benchmark", "reference", ind)),
                     comparison = compare(loc$x, ben$x, ind_dir[[ind]] == "higher_is_better"))
}

# Holm across the product's indicators; verdict by DESIGN §5: TOST p < α -> on_par; else
# p_adjusted < α -> leading / lagging by the direction-aware sign; else inconclusive.
p_adj <- p.adjust(sapply(res, function(r) r$comparison$welch$p_value), method = "holm")
counts <- c(leading = 0L, on_par = 0L, lagging = 0L, inconclusive = 0L)
for (ind in indicators) {
  cmp <- res[[ind]]$comparison
  better <- if (ind_dir[[ind]] == "higher_is_better") cmp$difference > 0 else cmp$difference < 0
  v <- if (cmp$tost$p_value < ALPHA) "on_par"
       else if (p_adj[[ind]] < ALPHA) (if (better) "leading" else "lagging") else "inconclusive"
  res[[ind]]$comparison$p_adjusted <- p_adj[[ind]]
  res[[ind]]$comparison$verdict <- v
  counts[[v]] <- counts[[v]] + 1L
  cat(sprintf("%-22s diff %9.4f  welch p %.3g  holm %.3g  tost p %.3g  -> %s\n", ind,
              cmp$difference, cmp$welch$p_value, p_adj[[ind]], cmp$tost$p_value, v))
}
# Quality index: 100 x geometric mean of subject/reference mean ratios (all higher-is-better).
ratios <- sapply(indicators, function(ind) {
  g <- res[[ind]]$groups; g[[1]]$mean / g[[2]]$mean })
scorecard <- c(as.list(counts), list(quality_index = 100 * exp(mean(log(ratios))),
                                     quality_index_indicators = length(ratios)))

# ---- product verdict per standard (over the subject's results) -------------------------------
# Any fail -> does_not_conform; else any non-pass -> not_decidable; else conforms. Every limit
# of these standards is on an indicator the study tested.
std_verdicts <- lapply(standards, function(s) {
  dec <- unlist(lapply(names(s$limits), function(ind)
    decisions(d[d$indicator == ind & d$group == "local", ], s$limits[[ind]])))
  list(id = s$id, grade = s$grade,
       verdict = if (any(dec == "fail")) "does_not_conform"
                 else if (any(dec != "pass")) "not_decidable" else "conforms",
       flags = if (s$id == "GB 18613-2020") list("edition_resolved_by_date") else list())
})

# ---- grades: highest grade whose every limit passes for every result of the group ------------
grades <- list()
for (g in c("local", "benchmark")) for (s in grading) {
  best <- NULL
  for (gn in names(s$grades)) {
    lims <- s$grades[[gn]]
    ok <- all(sapply(names(lims), function(ind)
      all(decisions(d[d$indicator == ind & d$group == g, ], lims[[ind]]) == "pass")))
    if (ok) { best <- gn; break }
  }
  grades[[length(grades) + 1]] <- list(group = g, standard = s$standard, grade = best)
}

# ---- market access: EU = Regulation (EU) 2019/1781; CN: no regulation in the library lists
# motors (GB 18613 is a national standard, not a regulation), so not tested -------------------
market <- list()
for (g in c("local", "benchmark")) {
  rows <- d[d$indicator == "ie_efficiency_class" & d$group == g, ]
  dec <- decisions(rows, standards[[4]]$limits$ie_efficiency_class)
  market[[length(market) + 1]] <- c(market_entry("EU", g, 1L, list(list(
    regulation = "Regulation (EU) 2019/1781", grade = "", indicator = "ie_efficiency_class",
    dec = dec))), list(not_tested = list()))
  market[[length(market) + 1]] <- c(market_entry("CN", g, 0L, list()), list(not_tested = list()))
}

null_grade <- function(x) { if (is.null(x$grade)) x["grade"] <- list(NULL); x }
x <- list(schema = "qcompare/gap-analysis/1",
          products = list(list(product = "three-phase-induction-motor",
                               standards = std_verdicts,
                               indicators = unname(res),
                               scorecard = scorecard,
                               grades = lapply(grades, null_grade),
                               market_access = market)))
write_json(x, "expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null")
cat("expected.json written\n")
