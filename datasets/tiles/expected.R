# Independent R oracle for the tiles reference study: writes expected.json, the subset of the
# gap analysis (DESIGN.md §6) that the engine's output must match.
# Run from this directory:  Rscript expected.R      (needs jsonlite and nortest)
#
# The limits are hand-coded below from ../../../shared/reference/standards-facts.json (GB/T
# 4100-2015, ISO 13006 and EN 14411, group BIa: the same Annex G values), on purpose NOT read
# from rules/, so that a mistake in a rules file or in the engine's rules loader shows up as a
# difference. The results file is GB18030 with Chinese headers: R decodes it itself.

library(jsonlite)
source("../oracle.R")   # normality(), outliers(), grubbs(): shared R oracles

ALPHA <- 0.05
CONF  <- 0.95
EQUIV_MARGIN <- 0.05        # TOST margin: fraction of |reference mean| (DESIGN §4.3 default)

# ---- results (long layout, GB18030, Chinese headers) ---------------------------------------
d <- read.csv("tiles.csv", colClasses = "character", check.names = FALSE,
              na.strings = character(0), fileEncoding = "GB18030")
con <- file("tiles.csv", encoding = "GB18030"); raw <- readLines(con); close(con)
stopifnot(length(raw) == nrow(d) + 1, all(nzchar(raw)))    # record i is on line i + 1
d$line <- seq_len(nrow(d)) + 1L
names(d)[match(c("样品编号", "组别", "生产企业", "指标", "检测值", "单位"), names(d))] <-
  c("sample_id", "group", "maker", "indicator_as_written", "value", "unit")
# Chinese aliases of the dictionary -> indicator ids; units as written are the indicators' own.
alias <- c(`吸水率` = "water_absorption", `破坏强度` = "breaking_strength", `断裂模数` = "modulus_of_rupture")
d$indicator <- unname(alias[d$indicator_as_written])
ind_unit <- c(water_absorption = "%", breaking_strength = "N", modulus_of_rupture = "MPa")
ind_dir  <- c(water_absorption = "lower_is_better", breaking_strength = "higher_is_better",
              modulus_of_rupture = "higher_is_better")
stopifnot(!anyNA(d$indicator), all(d$unit == ind_unit[d$indicator]))
d$x <- as.numeric(d$value)
d$thickness <- as.numeric(d$thickness)
stopifnot(!anyNA(d$x), !anyNA(d$thickness))                 # plain numbers only

SUBJECT <- c("本地甲", "本地乙"); REFERENCE <- "标杆"
role_of <- function(g) if (g %in% SUBJECT) "subject" else if (g %in% REFERENCE) "reference" else "other"

# ---- limits, hand-coded from the facts (identical in the three standards) ------------------
# individual: every result (with an optional thickness condition, inclusive); mean: the group
# mean, judged once and counted once beside the individual decisions (docs/decision-rules.md:
# "judges the group's statistic once"). Simple rule, inclusive limits.
bia <- list(
  water_absorption   = list(individual = list(max = 0.6), mean = list(max = 0.5)),
  breaking_strength  = list(individual = list(min = 1300, thickness_min = 7.5)),
  modulus_of_rupture = list(individual = list(min = 32),  mean = list(min = 35)))
standards <- list(list(id = "GB/T 4100-2015", grade = "BIa", limits = bia),
                  list(id = "ISO 13006",      grade = "BIa", limits = bia),
                  list(id = "EN 14411",       grade = "BIa", limits = bia))

inside <- function(x, l) (is.null(l$min) || x >= l$min) && (is.null(l$max) || x <= l$max)
decide_individual <- function(x, thickness, l) {
  if (!is.null(l$thickness_min) && !(thickness >= l$thickness_min)) return("not_decidable")
  if (inside(x, l)) "pass" else "fail"
}

conformity <- function(rows, indicator) {
  out <- list()
  for (s in standards) {
    lim <- s$limits[[indicator]]
    if (is.null(lim)) next
    dec <- mapply(decide_individual, rows$x, rows$thickness, MoreArgs = list(l = lim$individual))
    nc <- which(dec != "pass")                       # results listed in nonconforming
    if (!is.null(lim$mean)) dec <- c(dec, if (inside(mean(rows$x), lim$mean)) "pass" else "fail")
    np <- sum(dec == "pass"); nf <- sum(dec == "fail"); nd <- sum(dec == "not_decidable")
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
describe <- function(rows, group, indicator) {
  x <- rows$x
  c(list(group = group, role = role_of(group), n = length(x), n_missing = 0L, n_censored = 0L),
    descriptives(x),
    list(normality = normality(x), outliers = outliers(x),
         conformity = conformity(rows, indicator)))
}

# ---- subject (both local makers pooled) vs reference ------------------------------------------
hedges <- function(s, r) {     # d over the pooled sd, exact J = Γ(df/2)/(√(df/2) Γ((df-1)/2))
  df <- length(s) + length(r) - 2
  sp <- sqrt(((length(s) - 1) * var(s) + (length(r) - 1) * var(r)) / df)
  exp(lgamma(df / 2) - lgamma((df - 1) / 2)) / sqrt(df / 2) * (mean(s) - mean(r)) / sp
}
brown_forsythe <- function(s, r) {      # ANOVA F of |x - group median|
  y <- c(abs(s - median(s)), abs(r - median(r)))
  g <- factor(rep(c("s", "r"), c(length(s), length(r))))
  a <- anova(lm(y ~ g))
  list(f = a$`F value`[1], p_value = a$`Pr(>F)`[1])
}
compare <- function(s, r, higher) {
  tt <- t.test(s, r, conf.level = CONF)
  st <- t.test(s, r, var.equal = TRUE)
  mw <- suppressWarnings(wilcox.test(s, r))
  vt <- var.test(s, r)
  m  <- EQUIV_MARGIN * abs(mean(r))
  p_lo <- t.test(s, r, mu = -m, alternative = "greater")$p.value
  p_up <- t.test(s, r, mu =  m, alternative = "less")$p.value
  list(subject = paste(SUBJECT, collapse = "+"), reference = REFERENCE,
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

# ---- factor: the manufacturer (生产企业), three levels ------------------------------------------
factor_tests <- function(rows) {
  lv <- unique(rows$maker)                   # levels in order of first appearance in the file
  f <- factor(rows$maker, levels = lv)
  a <- anova(lm(rows$x ~ f))
  wa <- oneway.test(rows$x ~ f, var.equal = FALSE)
  kw <- kruskal.test(rows$x, f)
  list(column = "生产企业",
       levels = lapply(lv, function(l) list(level = l, n = sum(rows$maker == l),
                                            mean = mean(rows$x[rows$maker == l]))),
       anova = list(ss_between = a$`Sum Sq`[1], ss_within = a$`Sum Sq`[2],
                    df_between = a$Df[1], df_within = a$Df[2],
                    ms_between = a$`Mean Sq`[1], ms_within = a$`Mean Sq`[2],
                    f = a$`F value`[1], p_value = a$`Pr(>F)`[1],
                    r_squared = a$`Sum Sq`[1] / sum(a$`Sum Sq`)),
       welch_anova = list(f = unname(wa$statistic), df1 = unname(wa$parameter[1]),
                          df2 = unname(wa$parameter[2]), p_value = wa$p.value),
       kruskal_wallis = list(h = unname(kw$statistic), df = unname(kw$parameter),
                             p_value = kw$p.value))
}

indicators <- sort(unique(d$indicator))
groups <- unique(d$group)
res <- list()
for (ind in indicators) {
  rows <- d[d$indicator == ind, ]
  s <- rows$x[rows$group %in% SUBJECT]; r <- rows$x[rows$group %in% REFERENCE]
  res[[ind]] <- list(indicator = ind, unit = ind_unit[[ind]], direction = ind_dir[[ind]],
                     groups = lapply(groups, function(g) describe(rows[rows$group == g, ], g, ind)),
                     comparison = compare(s, r, ind_dir[[ind]] == "higher_is_better"),
                     factor = factor_tests(rows))
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
  cat(sprintf("%-20s diff %10.4f  welch p %.3g  holm %.3g  tost p %.3g  -> %-9s  ANOVA p %.3g  KW p %.3g\n",
              ind, cmp$difference, cmp$welch$p_value, p_adj[[ind]], cmp$tost$p_value, v,
              res[[ind]]$factor$anova$p_value, res[[ind]]$factor$kruskal_wallis$p_value))
}
# Quality index: 100 x geometric mean of direction-aware ratios (s/r higher-better, r/s lower).
ratio <- sapply(indicators, function(ind) {
  s <- mean(d$x[d$indicator == ind & d$group %in% SUBJECT])
  r <- mean(d$x[d$indicator == ind & d$group %in% REFERENCE])
  if (ind_dir[[ind]] == "higher_is_better") s / r else r / s })
scorecard <- c(as.list(counts), list(quality_index = 100 * exp(mean(log(ratio))),
                                     quality_index_indicators = length(ratio)))

# Product verdict per standard over the subject's results (both local makers): any fail ->
# does_not_conform (甲-05 fails E <= 0.6 %, 乙-09 fails R >= 32 MPa, 乙's mean E fails 0.5 %).
std_verdicts <- lapply(standards, function(s) {
  nf <- sum(sapply(res, function(r) sum(sapply(r$groups, function(g)
    if (g$role == "subject") sum(sapply(g$conformity, function(c)
      if (c$standard == s$id) c$fail else 0L)) else 0L))))
  list(id = s$id, grade = s$grade, verdict = if (nf > 0) "does_not_conform" else "conforms")
})

# ---- standards comparison: GB/T 4100-2015 BIa vs ISO 13006 BIa -------------------------------
# Limits matched by indicator and, within it, by the statistic they apply to; every value is
# the same (difference a - b = 0 in a's unit): equivalent. An indicator with two limits (mean
# and individual) is compared piece by piece, with no single difference.
cmp_std <- list(
  a = list(id = "GB/T 4100-2015", grade = "BIa"), b = list(id = "ISO 13006", grade = "BIa"),
  indicators = lapply(sort(names(bia)), function(ind) {
    lim <- bia[[ind]]
    bound <- function(l) if (!is.null(l$min)) l$min else l$max
    if (length(lim) == 1)
      list(indicator = ind, verdict = "equivalent", difference = bound(lim$individual) - bound(lim$individual),
           relative_difference = 0, method_differs = FALSE)
    else
      list(indicator = ind, verdict = "equivalent", method_differs = FALSE,
           pieces = lapply(c("mean", "individual"), function(k)
             list(applies_to = k, verdict = "equivalent", difference = bound(lim[[k]]) - bound(lim[[k]]))))
  }),
  coverage = 1, stricter_or_equal = 1,
  counts = list(stricter = 0L, equivalent = 3L, looser = 0L, only_in_a = 0L, only_in_b = 0L,
                not_comparable = 0L))

x <- list(schema = "qcompare/gap-analysis/1",
          products = list(list(product = "porcelain-tile-bia",
                               standards = std_verdicts,
                               indicators = unname(res),
                               scorecard = scorecard)),
          standards_comparison = list(cmp_std))
write_json(x, "expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null")
cat("expected.json written\n")
