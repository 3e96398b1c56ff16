# Independent R oracle for the masks reference study: writes expected.json, the subset of the
# gap analysis (DESIGN.md §6) that the engine's output must match.
# Run from this directory:  Rscript expected.R      (needs jsonlite and nortest)
#
# The limits are hand-coded below from ../../../shared/reference/standards-facts.json (YY
# 0469-2011, EN 14683:2019+AC:2019 Type I/II/IIR, ASTM F2100-19 Level 1/2/3), on purpose NOT
# read from rules/, so that a mistake in a rules file or in the engine's rules loader shows up
# as a difference. The ILAC G8 non-binary rule, censored values and unit conversions are
# written out here from DESIGN.md §5 and docs/decision-rules.md.

library(jsonlite)
source("../oracle.R")   # normality(), outliers(), grubbs(): shared R oracles

ALPHA <- 0.05
CONF  <- 0.95
EQUIV_MARGIN <- 0.05        # TOST margin: fraction of |reference mean| (DESIGN §4.3 default)
RULE <- "ilac-nonbinary"; R_GUARD <- 1.0
CENSORED <- "half-lod"      # statistics policy of the study

# ---- units ----------------------------------------------------------------------------------
# Factors to a common base: mmH2O = 9.80665 Pa (conventional, rules/units.json), mmHg =
# 13.5951 g/cm3 × 9.80665 m/s2 × 1 mm = 133.322387415 Pa (the conventional millimetre of
# mercury). Per cm² on both sides of a pressure-per-area pair.
to_base <- c(`%` = 1, `Pa/cm2` = 1, `Pa/cm^2` = 1, `mmH2O/cm2` = 9.80665, kPa = 1000,
             mmHg = 133.322387415, `cfu/g` = 1)
conv <- function(x, from, to) x * to_base[[from]] / to_base[[to]]

# ---- results ---------------------------------------------------------------------------------
d <- read.csv("masks.csv", colClasses = "character", check.names = FALSE,
              na.strings = character(0), encoding = "UTF-8")
raw <- readLines("masks.csv", encoding = "UTF-8")
stopifnot(length(raw) == nrow(d) + 1, all(nzchar(raw)))    # record i is on line i + 1
d$line <- seq_len(nrow(d)) + 1L
ind_unit <- c(bacterial_filtration_efficiency = "%", bioburden = "cfu/g",
              differential_pressure = "Pa/cm^2", synthetic_blood_penetration_pressure = "kPa")
ind_dir  <- c(bacterial_filtration_efficiency = "higher_is_better", bioburden = "lower_is_better",
              differential_pressure = "lower_is_better",
              synthetic_blood_penetration_pressure = "higher_is_better")
# Value grammar used in this file: a number, "<number" (censored below), "ND" (below lod).
d$kind  <- ifelse(d$value == "ND", "nd", ifelse(startsWith(d$value, "<"), "lt", "number"))
d$bound <- suppressWarnings(as.numeric(sub("^<", "", d$value)))   # number or censoring bound
d$lod   <- suppressWarnings(as.numeric(d$lod))
stopifnot(all(!is.na(d$bound) | d$kind == "nd"), all(!is.na(d$lod[d$kind == "nd"])))
d$Ucell <- suppressWarnings(as.numeric(d$U))
d$kcell <- suppressWarnings(as.numeric(d$k))
d$kcell[is.na(d$kcell)] <- 2
# In the indicator's unit (statistics): benchmark differential pressure mmH2O/cm2 -> Pa/cm^2.
d$x   <- mapply(function(b, u, ind) conv(b, u, ind_unit[[ind]]), d$bound, d$unit, d$indicator)
d$lodx <- mapply(function(b, u, ind) conv(b, u, ind_unit[[ind]]), d$lod, d$unit, d$indicator)
d$Ux  <- mapply(function(b, u, ind) conv(b, u, ind_unit[[ind]]), d$Ucell, d$unit, d$indicator)

# ---- limits, hand-coded from the facts --------------------------------------------------------
# lower/upper bounds (NULL: none), inclusive unless excl_lower/excl_upper. (Field names are
# not prefixes of one another: R's `$` would otherwise match a missing "min" to "min_excl".)
lim <- function(min = NULL, max = NULL, unit, min_excl = FALSE, max_excl = FALSE)
  list(lower = min, upper = max, unit = unit, excl_lower = min_excl, excl_upper = max_excl)
yy <- list(bacterial_filtration_efficiency = lim(min = 95, unit = "%"),
           particle_filtration_efficiency = "untested", afterflame_time = "untested",
           eo_residue = "untested",
           differential_pressure = lim(max = 49, unit = "Pa/cm^2"),
           synthetic_blood_penetration_pressure = lim(min = 16.0, unit = "kPa"),
           bioburden = lim(max = 100, unit = "cfu/g"))                  # unconfirmed in the facts
en_I   <- list(bacterial_filtration_efficiency = lim(min = 95, unit = "%"),
               differential_pressure = lim(max = 40, max_excl = TRUE, unit = "Pa/cm^2"),
               bioburden = lim(max = 30, unit = "cfu/g"))
en_II  <- modifyList(en_I, list(bacterial_filtration_efficiency = lim(min = 98, unit = "%")))
en_IIR <- modifyList(en_II, list(differential_pressure = lim(max = 60, max_excl = TRUE, unit = "Pa/cm^2"),
                                 synthetic_blood_penetration_pressure = lim(min = 16.0, unit = "kPa")))
astm_1 <- list(bacterial_filtration_efficiency = lim(min = 95, unit = "%"),
               particle_filtration_efficiency = "untested", flame_spread_time = "untested",
               differential_pressure = lim(max = 5.0, max_excl = TRUE, unit = "mmH2O/cm2"),
               synthetic_blood_penetration_pressure = lim(min = 80, unit = "mmHg"))
astm_2 <- modifyList(astm_1, list(bacterial_filtration_efficiency = lim(min = 98, unit = "%"),
                                  differential_pressure = lim(max = 6.0, max_excl = TRUE, unit = "mmH2O/cm2"),
                                  synthetic_blood_penetration_pressure = lim(min = 120, unit = "mmHg")))
astm_3 <- modifyList(astm_2, list(synthetic_blood_penetration_pressure = lim(min = 160, unit = "mmHg")))
# Flags: each edition's state at the study date 2026-11-01 (docs/standards.md "Dates"), not its
# recorded status. YY 0469-2023 takes effect on 2026-12-01 (wetuji.com), after the study date, so
# YY 0469-2011 is still in force and only its successor is issued: "successor_issued". ASTM
# F2100-19 has been replaced by F2100-23 and F2100-26 (their years; no effective date recorded, so
# the first day of the edition year): it is "superseded".
standards <- list(   # study order
  list(id = "YY 0469-2011", grade = "", limits = yy, flags = list("successor_issued")),
  list(id = "EN 14683:2019+AC:2019", grade = "Type IIR", limits = en_IIR, flags = list()),
  list(id = "ASTM F2100-19", grade = "Level 2", limits = astm_2, flags = list("superseded")))
grading <- list(list(standard = "EN 14683:2019+AC:2019",
                     grades = list(`Type IIR` = en_IIR, `Type II` = en_II, `Type I` = en_I)),
                list(standard = "ASTM F2100-19",
                     grades = list(`Level 3` = astm_3, `Level 2` = astm_2, `Level 1` = astm_1)))

# ---- one result against one limit (docs/decision-rules.md) ----------------------------------
# A result is the set of values it stands for: a number y is [y, y]; "<b" is (-inf, b); ND is
# (-inf, lod). T_L, T_U the limits (inclusive unless exclusive), w = r·U (0 for a censored
# result or one without U). ILAC non-binary: pass when inside the limits shrunk by w;
# conditional pass when inside the limits only; conditional fail when outside but within w;
# fail beyond w. A censored set that is neither all inside nor all outside: not decidable.
ge <- function(v, t, excl) if (excl) v > t else v >= t
le <- function(v, t, excl) if (excl) v < t else v <= t
judge <- function(kind, y, U, u, l) {
  if (kind == "number") {
    w <- if (is.na(U)) 0 else R_GUARD * U
    ok  <- function(w) (is.null(l$lower) || ge(y, l$lower + w, l$excl_lower)) &&
                       (is.null(l$upper) || le(y, l$upper - w, l$excl_upper))
    out <- function(w) (!is.null(l$lower) && !ge(y, l$lower - w, w == 0 && l$excl_lower)) ||
                       (!is.null(l$upper) && !le(y, l$upper + w, w == 0 && l$excl_upper))
    dec <- if (ok(w)) "pass" else if (ok(0)) "conditional_pass" else if (!out(w)) "conditional_fail" else "fail"
    pc <- if (is.na(u)) NA_real_ else
      (if (is.null(l$upper)) 1 else pnorm((l$upper - y) / u)) - (if (is.null(l$lower)) 0 else pnorm((l$lower - y) / u))
    if (!is.na(u) && is.null(l$upper)) pc <- pnorm((y - l$lower) / u)   # upper tail, accurately
    return(list(decision = dec, p = pc))
  }
  # censored below y (open at y): all inside when below an upper limit reached by y; all
  # outside when it lies below a lower limit; these limits here have no lower bound for cfu/g
  all_in  <- (is.null(l$lower)) && (is.null(l$upper) || y <= l$upper)
  all_out <- (!is.null(l$lower) && y <= l$lower)
  list(decision = if (all_in) "pass" else if (all_out) "fail" else "not_decidable", p = NA_real_)
}
# Every result of rows against limit l (converted to the limit's unit first).
judge_rows <- function(rows, l) {
  lapply(seq_len(nrow(rows)), function(i) {
    r <- rows[i, ]
    y <- conv(if (r$kind == "nd") r$lodx else r$x, ind_unit[[r$indicator]], l$unit)
    U <- if (r$kind == "number" && !is.na(r$Ux)) conv(r$Ux, ind_unit[[r$indicator]], l$unit) else NA
    judge(r$kind, y, U, if (is.na(U)) NA else U / r$kcell, l)
  })
}

conformity <- function(rows, indicator) {
  out <- list()
  for (s in standards) {
    l <- s$limits[[indicator]]
    if (is.null(l)) next
    j <- judge_rows(rows, l)
    dec <- sapply(j, `[[`, "decision"); pc <- sapply(j, `[[`, "p")
    cnt <- function(k) sum(dec == k)
    np <- cnt("pass"); nf <- cnt("fail"); ncp <- cnt("conditional_pass")
    nc <- which(dec != "pass")
    out[[length(out) + 1]] <- list(
      standard = s$id, grade = s$grade, rule = RULE,
      pass = np, conditional_pass = ncp, conditional_fail = cnt("conditional_fail"),
      fail = nf, not_decidable = cnt("not_decidable"),
      rate = np / (np + ncp + cnt("conditional_fail") + nf),
      rate_with_conditional = (np + ncp) / (np + ncp + cnt("conditional_fail") + nf),
      rate_ci = as.numeric(binom.test(np, np + ncp + cnt("conditional_fail") + nf,
                                      conf.level = CONF)$conf.int),
      min_p_conformance = if (all(is.na(pc))) NULL else min(pc, na.rm = TRUE),
      uncertainty = list(from_row = sum(!is.na(rows$Ucell) & dec != "not_decidable"),
                         from_study_default = 0L,
                         none = sum(is.na(rows$Ucell) & dec != "not_decidable")),
      nonconforming = lapply(nc, function(k) {
        e <- list(sample_id = rows$sample_id[k], line = rows$line[k],
                  value = if (rows$kind[k] == "nd") NULL else rows$x[k], decision = dec[[k]])
        if (!is.na(pc[k])) { e$U <- rows$Ux[k]; e$p_conformance <- pc[k] }
        e
      }))
    if (is.null(out[[length(out)]]$min_p_conformance))
      out[[length(out)]]["min_p_conformance"] <- list(NULL)
  }
  out
}

# ---- per-group statistics (censored values by the study's policy: half-lod) ----------------
stat_values <- function(rows) {
  v <- ifelse(rows$kind == "number", rows$x, ifelse(rows$kind == "nd", rows$lodx, rows$x))
  if (CENSORED == "half-lod") v[rows$kind != "number"] <- v[rows$kind != "number"] / 2
  v
}
describe <- function(rows, group, role, indicator) {
  x <- stat_values(rows)
  cen <- rows$kind != "number"
  g <- c(list(group = group, role = role, n = length(x), n_missing = 0L,
              n_censored = sum(cen)),
         descriptives(x),
         list(normality = normality(x), outliers = outliers(x),
              conformity = conformity(rows, indicator)))
  # issue 12: the policy in force and the share censored; a substitution is flagged
  g$censored_method <- if (any(cen)) CENSORED else "none"
  g$censored_share <- mean(cen)
  if (any(cen)) g$flags <- list("censored_substitution")
  g
}

# ---- subject vs reference ---------------------------------------------------------------------
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
# Minimum difference detectable at 80 % power (two-sided pooled t, α): the delta solving
# P(T'(df, delta/(sd·√(1/n1+1/n2))) >= t(1-α/2, df)) = 0.8, sd the pooled sd (power.t.test's
# equation, strict = FALSE, solved here to 1e-15 instead of its default tolerance).
mdd <- function(s, r) {
  n1 <- length(s); n2 <- length(r); df <- n1 + n2 - 2
  sp <- sqrt(((n1 - 1) * var(s) + (n2 - 1) * var(r)) / df)
  tc <- qt(1 - ALPHA / 2, df)
  f <- function(delta) pt(tc, df, ncp = delta / (sp * sqrt(1 / n1 + 1 / n2)), lower.tail = FALSE) - 0.8
  uniroot(f, c(1e-6 * sp, 20 * sp), tol = 1e-15)$root
}
compare <- function(s, r, higher, Us, Ur) {
  tt <- t.test(s, r, conf.level = CONF)
  st <- t.test(s, r, var.equal = TRUE)
  mw <- suppressWarnings(wilcox.test(s, r))
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
       tost = list(margin = m, p_value = max(p_lo, p_up), p_lower = p_lo, p_upper = p_up),
       # E_n = (mean_s - mean_r)/sqrt(U_s^2 + U_r^2), U of a group the RMS of its results' U,
       # when every result of both groups has one (only bacterial filtration here)
       e_n = if (anyNA(c(Us, Ur))) NULL else (mean(s) - mean(r)) / sqrt(mean(Us^2) + mean(Ur^2)),
       mdd = mdd(s, r))
}

# Issue 12: when either group has censored results, a comparison also gives Peto-Prentice and
# the detection frequencies (oracle.R); when more than half of a group's results are censored
# (censored_max_share 0.5) the mean-based gap and tests are null, the verdict rests on the
# Peto-Prentice p (adjusted with the others) and the medians' direction (here bioburden: 16 of
# 20 benchmark results censored).
MAX_SHARE <- 0.5
indicators <- sort(unique(d$indicator))
res <- list(); mostly <- c()
for (ind in indicators) {
  rows <- d[d$indicator == ind, ]
  loc <- rows[rows$group == "local", ]; ben <- rows[rows$group == "benchmark", ]
  cs <- loc$kind != "number"; cr <- ben$kind != "number"
  bnd <- function(r) ifelse(r$kind == "nd", r$lodx, r$x)
  groups <- list(describe(loc, "local", "subject", ind), describe(ben, "benchmark", "reference", ind))
  mostly[[ind]] <- mean(cs) > MAX_SHARE || mean(cr) > MAX_SHARE
  if (mostly[[ind]]) {
    pp <- peto_prentice(bnd(loc), cs, bnd(ben), cr)
    cmp <- list(subject = "local", reference = "benchmark", difference = NULL,
                difference_ci = NULL, relative_gap = NULL,
                welch = list(t = NULL, df = NULL, p_value = NULL, p_subject_better = NULL),
                student = list(t = NULL, df = NULL, p_value = NULL),
                tost = list(margin = NULL, p_value = NULL), e_n = NULL,
                peto_prentice = pp, detection_frequency = detection_frequency(bnd(loc), cs, bnd(ben), cr),
                verdict_basis = "peto_prentice",
                p = pp$p_value, shift = pp_shift(median(stat_values(loc)), median(stat_values(ben)), pp))
  } else {
    cmp <- compare(stat_values(loc), stat_values(ben), ind_dir[[ind]] == "higher_is_better",
                   loc$Ux, ben$Ux)
    if (is.null(cmp$e_n)) cmp["e_n"] <- list(NULL)
    if (any(cs) || any(cr)) {
      cmp$peto_prentice <- peto_prentice(bnd(loc), cs, bnd(ben), cr)
      cmp$detection_frequency <- detection_frequency(bnd(loc), cs, bnd(ben), cr)
    }
    cmp$verdict_basis <- "welch"
    cmp$p <- cmp$welch$p_value
    cmp$shift <- cmp$difference
  }
  res[[ind]] <- list(indicator = ind, unit = ind_unit[[ind]], direction = ind_dir[[ind]],
                     groups = groups, comparison = cmp)
}

# Holm across the product's indicators, each on its basis' p; verdict by DESIGN §5: on the
# Welch basis TOST p < α -> on_par; else p_adjusted < α -> leading / lagging by the
# direction-aware sign (of the difference, or of the medians for Peto-Prentice); else
# inconclusive (then, on the Welch basis, the minimum detectable difference is reported).
p_adj <- p.adjust(sapply(res, function(r) r$comparison$p), method = "holm")
counts <- c(leading = 0L, on_par = 0L, lagging = 0L, inconclusive = 0L)
for (ind in indicators) {
  cmp <- res[[ind]]$comparison
  better <- if (ind_dir[[ind]] == "higher_is_better") cmp$shift > 0 else cmp$shift < 0
  v <- if (!mostly[[ind]] && cmp$tost$p_value < ALPHA) "on_par"
       else if (p_adj[[ind]] < ALPHA) (if (better) "leading" else "lagging") else "inconclusive"
  res[[ind]]$comparison$p_adjusted <- p_adj[[ind]]
  res[[ind]]$comparison$verdict <- v
  res[[ind]]$comparison$mdd <- res[[ind]]$comparison$p <- res[[ind]]$comparison$shift <- NULL
  if (v == "inconclusive" && !mostly[[ind]]) res[[ind]]$comparison$min_detectable_difference <- cmp$mdd
  counts[[v]] <- counts[[v]] + 1L
  cat(sprintf("%-38s %-14s p %.3g  holm %.3g  -> %s\n", ind, cmp$verdict_basis, cmp$p,
              p_adj[[ind]], v))
}
# Quality index (docs/statistics.md): 100 x the geometric mean of the direction-aware ratios of
# means over the indicators compared on their means (bioburden, mostly censored, is left out).
qi_inds <- indicators[!unlist(mostly)]
ratio <- sapply(qi_inds, function(ind) {
  g <- res[[ind]]$groups
  if (ind_dir[[ind]] == "higher_is_better") g[[1]]$mean / g[[2]]$mean else g[[2]]$mean / g[[1]]$mean })
scorecard <- c(as.list(counts), list(quality_index = 100 * exp(mean(log(ratio))),
                                     quality_index_indicators = length(ratio),
                                     quality_index_used = lapply(qi_inds, function(i)
                                       list(indicator = i, ratio = ratio[[i]], weight = 1)),
                                     quality_index_excluded = lapply(indicators[unlist(mostly)],
                                       function(i) list(indicator = i))))

# ---- product verdict per standard (subject): the outcome of its decisions (oracle.R: fail >
# conditional fail > not tested > not decidable > conditional pass > pass) --------------------
decisions_of <- function(limits, group) unlist(lapply(names(limits), function(ind) {
  l <- limits[[ind]]
  if (identical(l, "untested")) return("untested")
  sapply(judge_rows(d[d$indicator == ind & d$group == group, ], l), `[[`, "decision")
}))
std_verdicts <- lapply(standards, function(s) {
  dec <- decisions_of(s$limits, "local")
  list(id = s$id, grade = s$grade,     # one rule for every section (oracle.R outcome)
       verdict = verdict_name(outcome(dec[dec != "untested"], sum(dec == "untested"))),
       flags = s$flags)
})

# ---- grades: the highest grade whose every limit passes for every result (untested = not met)
grades <- list()
for (g in c("local", "benchmark")) for (s in grading) {
  best <- NULL
  for (gn in names(s$grades)) if (all(decisions_of(s$grades[[gn]], g) == "pass")) { best <- gn; break }
  e <- list(group = g, standard = s$standard)
  e["grade"] <- list(best)
  grades[[length(grades) + 1]] <- e
}

# ---- standards comparison: YY 0469-2011 vs EN 14683:2019+AC:2019 Type IIR --------------------
# Matched by indicator; B converted to A's unit (the same units here); difference = a - b,
# relative to |b|; a stricter when its minimum is higher or its maximum lower.
yy_lim <- yy[!sapply(yy, identical, "untested")]
only_a <- c("afterflame_time", "eo_residue", "particle_filtration_efficiency")
ind_std <- sort(c(names(yy_lim), only_a))
std_items <- lapply(ind_std, function(ind) {
  if (ind %in% only_a) return(list(indicator = ind, verdict = "only_in_a"))
  a <- yy_lim[[ind]]; b <- en_IIR[[ind]]
  stopifnot(a$unit == b$unit)
  if (!is.null(a$lower)) { diff <- a$lower - b$lower; stricter <- a$lower > b$lower }
  else                   { diff <- a$upper - b$upper; stricter <- a$upper < b$upper }
  list(indicator = ind,
       verdict = if (diff == 0) "equivalent" else if (stricter) "stricter" else "looser",
       difference = diff, relative_difference = diff / abs(if (!is.null(b$lower)) b$lower else b$upper))
})
verdicts <- sapply(std_items, `[[`, "verdict")
compared <- sum(verdicts %in% c("stricter", "equivalent", "looser"))
cmp_std <- list(
  a = list(id = "YY 0469-2011", grade = ""), b = list(id = "EN 14683:2019+AC:2019", grade = "Type IIR"),
  indicators = std_items,
  coverage = sum(verdicts != "only_in_a") / length(en_IIR),
  stricter_or_equal = sum(verdicts %in% c("stricter", "equivalent")) / compared,
  counts = lapply(c(stricter = "stricter", equivalent = "equivalent", looser = "looser",
                    only_in_a = "only_in_a", only_in_b = "only_in_b", not_comparable = "not_comparable"),
                  function(v) sum(verdicts == v)))

x <- list(schema = "qcompare/gap-analysis/1",
          products = list(list(product = "surgical-mask",
                               standards = std_verdicts,
                               indicators = unname(res),
                               scorecard = scorecard,
                               grades = grades)),
          standards_comparison = list(cmp_std))
write_json(x, "expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null")
cat("expected.json written\n")
