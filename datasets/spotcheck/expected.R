# Independent R oracle for the spotcheck reference study: writes expected.json, the subset of the
# gap analysis that the engine's output must match (checked by tests/regression/run.sh with
# `qcompare diff --subset`, rtol 1e-12).
# Run from this directory:  nice Rscript expected.R      (needs jsonlite, multcomp, mvtnorm)
#
# Nothing here is read from the engine or from rules/: the limits are hand-coded from the facts
# (YY 0469-2011; EN 14683:2019+AC:2019 Type IIR), the decision rule (ILAC G8 guarded
# rejection), the GB/T 2828.1 plan (Table 1 and Table 2-A, looked up by hand below), the
# comparisons (t.test, wilcox.test, p.adjust), Dunnett (multcomp::glht, and TVPACK for a
# deterministic value), Tukey (TukeyHSD) and Games–Howell (its formula with ptukey/qtukey).

suppressMessages({library(jsonlite); library(multcomp); library(mvtnorm)})

ALPHA <- 0.05; CONF <- 0.95; MARGIN <- 0.05; R_GUARD <- 1
SUBJECTS <- c("maker-a", "maker-b", "maker-c"); REF <- "import"
IND <- c("bacterial_filtration_efficiency", "differential_pressure",
         "synthetic_blood_penetration_pressure")
DIR <- c(bacterial_filtration_efficiency = "higher", differential_pressure = "lower",
         synthetic_blood_penetration_pressure = "higher")

d <- read.csv("spotcheck.csv", colClasses = "character", check.names = FALSE,
              na.strings = character(0), encoding = "UTF-8")
d$line <- seq_len(nrow(d)) + 1L                 # one record per physical line, after the header
d$x <- as.numeric(d$value)
d$U <- suppressWarnings(as.numeric(d$U)); d$k <- suppressWarnings(as.numeric(d$k))

# ---- limits (hand-coded; every limit of each standard, tested or not) ----------------------
lim <- function(min = NA, max = NA, max_excl = FALSE) list(min = min, max = max, max_excl = max_excl)
STD <- list(
  "YY 0469-2011" = list(grade = "", limits = list(
    bacterial_filtration_efficiency = lim(min = 95), particle_filtration_efficiency = "untested",
    differential_pressure = lim(max = 49), synthetic_blood_penetration_pressure = lim(min = 16.0),
    afterflame_time = "untested", eo_residue = "untested", bioburden = "untested")),
  "EN 14683:2019+AC:2019" = list(grade = "Type IIR", limits = list(
    bacterial_filtration_efficiency = lim(min = 98),
    differential_pressure = lim(max = 60, max_excl = TRUE),
    synthetic_blood_penetration_pressure = lim(min = 16.0), bioburden = "untested")))

# ---- guarded rejection (ILAC G8 §4.2.3): fail only beyond a limit by more than w = r·U ----
# (no U: w = 0, and the limit's own inclusiveness decides); p_c = Φ((y − T_L)/u) for a minimum,
# Φ((T_U − y)/u) for a maximum, u = U/k.
judge <- function(y, U, l) {
  w <- if (is.na(U)) 0 else R_GUARD * U
  below <- !is.na(l$min) && (if (w > 0) y < l$min - w else y < l$min)
  above <- !is.na(l$max) && (if (w > 0) y > l$max + w else if (l$max_excl) y >= l$max else y > l$max)
  inside <- (is.na(l$min) || y >= l$min) && (is.na(l$max) || (if (l$max_excl) y < l$max else y <= l$max))
  list(dec = if (below || above) "fail" else "pass", band = !(below || above) && !inside)
}
pc <- function(y, U, k, l) {
  if (is.na(U)) return(NA)
  u <- U / k
  if (!is.na(l$min)) pnorm((y - l$min) / u) else pnorm((l$max - y) / u)
}
entry <- function(r, l, band) {
  e <- list(sample_id = r$sample_id, file = "spotcheck.csv", line = r$line, value = r$x,
            unit = if (r$indicator == "bacterial_filtration_efficiency") "%" else
                   if (r$indicator == "differential_pressure") "Pa/cm^2" else "kPa")
  if (!is.na(r$U)) e <- c(e, list(U = r$U, u_source = "row", guard_band = R_GUARD * r$U))
  e$decision <- if (band) "pass" else "fail"
  p <- pc(r$x, r$U, r$k, l)
  if (!is.na(p)) e$p_conformance <- p
  e
}

conformity <- function(rows, std, l) {
  dec <- character(0); nc <- list(); band <- list()
  for (i in seq_len(nrow(rows))) {
    j <- judge(rows$x[i], rows$U[i], l)
    dec <- c(dec, j$dec)
    if (j$dec == "fail") nc[[length(nc) + 1]] <- entry(rows[i, ], l, FALSE)
    if (j$band) band[[length(band) + 1]] <- entry(rows[i, ], l, TRUE)
  }
  list(standard = std, grade = STD[[std]]$grade, rule = "guarded-rejection",
       pass = sum(dec == "pass"), conditional_pass = 0, conditional_fail = 0,
       fail = sum(dec == "fail"), not_decidable = 0, n = length(dec), decided = length(dec),
       nonconforming = nc, accepted_in_guard_band = band)
}

# ---- comparisons, one per maker against the import (pooled-subject rule, per maker) ------
tost_p <- function(x, y, m) max(t.test(x, y, mu = -m, alternative = "greater")$p.value,
                                t.test(x, y, mu = m, alternative = "less")$p.value)
compare <- function(x, y, dir) {
  w <- t.test(x, y)
  mw <- suppressWarnings(wilcox.test(x, y))
  list(difference = mean(x) - mean(y),
       welch = list(t = unname(w$statistic), df = unname(w$parameter), p_value = w$p.value),
       mann_whitney = list(u = unname(mw$statistic), p_value = mw$p.value),
       tost = list(margin = MARGIN * abs(mean(y)), p_value = tost_p(x, y, MARGIN * abs(mean(y)))),
       better = if (dir == "higher") mean(x) - mean(y) else mean(y) - mean(x))
}
verdict <- function(cmp, padj) {
  if (cmp$tost$p_value < ALPHA) "on_par"
  else if (padj < ALPHA) (if (cmp$better > 0) "leading" else "lagging")
  else "inconclusive"
}

# ---- Dunnett: glht for the record; TVPACK (box probability by inclusion–exclusion over the
# lower orthants, deterministic to 1e-14) for the expected values -------------------------------
box_tv <- function(c, R, df) {
  m <- nrow(R); s <- 0
  for (e in 0:(2^m - 1)) {
    bits <- as.integer(intToBits(e))[1:m]
    s <- s + (-1)^sum(bits) * pmvt(lower = rep(-Inf, m), upper = ifelse(bits == 1, -c, c),
                                   df = df, corr = R, algorithm = TVPACK(abseps = 1e-14))
  }
  s
}
dunnett <- function(ind) {
  sub <- d[d$indicator == ind, ]
  g <- factor(sub$maker, levels = c(REF, SUBJECTS))
  fit <- lm(sub$x ~ g)
  n <- as.vector(table(g)); df <- sum(n) - length(n)
  lam <- sqrt(n[-1] / (n[-1] + n[1])); R <- outer(lam, lam); diag(R) <- 1
  est <- coef(fit)[-1]; se <- sqrt(diag(vcov(fit)))[-1]; t <- est / se
  calpha <- uniroot(function(c) box_tv(c, R, df) - CONF, c(1, 5), tol = 1e-13)$root
  set.seed(20260101)
  mc <- summary(glht(fit, linfct = mcp(g = "Dunnett")),
                test = adjusted("single-step", abseps = 1e-7, maxpts = 1e6))
  out <- list()
  for (j in seq_along(SUBJECTS)) {
    p <- 1 - box_tv(abs(t[j]), R, df)
    stopifnot(abs(p - mc$test$pvalues[j]) < 5 * attr(mc$test$pvalues, "error") + 1e-9)
    out[[SUBJECTS[j]]] <- list(difference = unname(est[j]), t = unname(t[j]), df = df,
                               p_value = p, ci_low = unname(est[j] - calpha * se[j]),
                               ci_high = unname(est[j] + calpha * se[j]))
  }
  out
}

# ---- the studentised range, to 1e-13: R's ptukey/qtukey are good to about 1e-8 only (their
# p-values of 1e-5 carry 5 digits), too coarse for this file's rtol 1e-12. So each tail is its
# defining integral, by integrate() (QUADPACK): the range of k normals
#   P(R <= w) = k ∫ φ(z) [Φ(z + w) − Φ(z)]^(k−1) dz,  P(R > w) = k ∫ φ(z) {a^(k−1) − (a − b)^(k−1)} dz
# with a = Φ̄(z), b = Φ̄(z + w), the braces written −a^(k−1)·expm1((k−1)·log1p(−b/a)); then
# the mean over S = √(χ²_df/df), whose density is dchisq(df s², df)·2 df s.
range_tail <- function(w, k, upper) {
  f <- if (upper) function(z) { a <- pnorm(z, lower.tail = FALSE); b <- pnorm(z + w, lower.tail = FALSE)
                                ifelse(a > 0, -k * dnorm(z) * a^(k - 1) * expm1((k - 1) * log1p(-b / a)), 0) }
       else function(z) k * dnorm(z) * (pnorm(z + w) - pnorm(z))^(k - 1)
  c <- -w / 2
  integrate(f, -Inf, c, rel.tol = 1e-13, abs.tol = 0, subdivisions = 1000)$value +
    integrate(f, c, Inf, rel.tol = 1e-13, abs.tol = 0, subdivisions = 1000)$value
}
srange_tail <- function(q, k, df, upper) {
  g <- function(s) vapply(s, function(x) range_tail(q * x, k, upper), 0) * dchisq(df * s^2, df) * 2 * df * s
  lo <- max(0, 1 - 12 / sqrt(df)); hi <- 1 + 30 / sqrt(df)
  integrate(g, lo, 1, rel.tol = 1e-13, abs.tol = 0, subdivisions = 1000)$value +
    integrate(g, 1, hi, rel.tol = 1e-13, abs.tol = 0, subdivisions = 1000)$value
}
ptukey_hp <- function(q, k, df) srange_tail(q, k, df, TRUE)         # upper tail, P(Q > q)
qtukey_hp <- function(p, k, df) uniroot(function(q) srange_tail(q, k, df, FALSE) - p,
                                        qtukey(p, k, df) * c(0.999, 1.001), tol = 1e-14)$root

# ---- Tukey HSD and Games–Howell across the manufacturer column's levels (names in C order) ---
# TukeyHSD gives the pairs, differences and standard errors' layout; its interval and p come
# from R's qtukey/ptukey, so they are recomputed here with the integrals above (TukeyHSD's own
# values agree to 1e-8, checked).
pairs_of <- function(levels) {
  out <- list()
  for (b in 1:(length(levels) - 1)) for (a in (b + 1):length(levels)) out[[length(out) + 1]] <- c(a, b)
  out
}
factor_tests <- function(ind) {
  sub <- d[d$indicator == ind, ]
  lv <- sort(unique(sub$manufacturer), method = "radix")
  g <- factor(sub$manufacturer, levels = lv)
  th <- TukeyHSD(aov(sub$x ~ g), conf.level = CONF)$g
  k <- length(lv); m <- tapply(sub$x, g, mean); v <- tapply(sub$x, g, var); nn <- tapply(sub$x, g, length)
  dfw <- length(sub$x) - k
  mse <- sum(tapply(sub$x, g, function(z) sum((z - mean(z))^2))) / dfw
  crit <- qtukey_hp(CONF, k, dfw)
  tukey <- list(); gh <- list(); i <- 0
  for (p in pairs_of(lv)) {
    i <- i + 1; a <- p[1]; b <- p[2]
    dd <- m[[a]] - m[[b]]
    se <- sqrt(mse / 2 * (1 / nn[[a]] + 1 / nn[[b]]))
    tk <- list(a = lv[a], b = lv[b], difference = dd, ci_low = dd - crit * se, ci_high = dd + crit * se,
               p_value = ptukey_hp(abs(dd) / se, k, dfw))
    stopifnot(abs(tk$difference - th[i, "diff"]) < 1e-12, abs(tk$ci_low - th[i, "lwr"]) < 1e-7,
              abs(tk$p_value - th[i, "p adj"]) < 1e-8)
    tukey[[i]] <- tk
    wa <- v[[a]] / nn[[a]]; wb <- v[[b]] / nn[[b]]; se <- sqrt(wa + wb)
    df <- (wa + wb)^2 / (wa^2 / (nn[[a]] - 1) + wb^2 / (nn[[b]] - 1))
    cr <- qtukey_hp(CONF, k, df) / sqrt(2)
    gh[[i]] <- list(a = lv[a], b = lv[b], difference = dd, ci_low = dd - cr * se,
                    ci_high = dd + cr * se, p_value = ptukey_hp(sqrt(2) * abs(dd / se), k, df))
    stopifnot(abs(gh[[i]]$p_value - ptukey(sqrt(2) * abs(dd / se), k, df, lower.tail = FALSE)) < 1e-8)
  }
  a <- anova(lm(sub$x ~ g))
  list(column = "manufacturer", anova = list(f = a[["F value"]][1], p_value = a[["Pr(>F)"]][1]),
       tukey = tukey, games_howell = gh)
}

# ---- per indicator: groups (conformity), comparisons, ranking, factor ------------------------
groups_order <- c(SUBJECTS, REF)
cmps <- list(); inds <- list()
for (ind in IND) {
  y <- d$x[d$indicator == ind & d$maker == REF]
  for (s in SUBJECTS) cmps[[s]][[ind]] <- compare(d$x[d$indicator == ind & d$maker == s], y, DIR[[ind]])
}
# p_adjusted: Holm across each maker's indicators (its own family), then the verdicts
for (s in SUBJECTS) {
  padj <- p.adjust(vapply(IND, function(i) cmps[[s]][[i]]$welch$p_value, 0), "holm")
  for (j in seq_along(IND)) {
    cmps[[s]][[IND[j]]]$p_adjusted <- unname(padj[j])
    cmps[[s]][[IND[j]]]$verdict <- verdict(cmps[[s]][[IND[j]]], padj[j])
  }
}
for (ind in IND) {
  dn <- dunnett(ind)
  groups <- lapply(groups_order, function(g) {
    rows <- d[d$indicator == ind & d$maker == g, ]
    list(group = g, n = nrow(rows), mean = mean(rows$x),
         conformity = lapply(names(STD), function(std) conformity(rows, std, STD[[std]]$limits[[ind]])))
  })
  comparisons <- lapply(SUBJECTS, function(s) {
    c <- cmps[[s]][[ind]]; c$better <- NULL
    c(list(group = s, subject = s, reference = REF), c, list(dunnett = dn[[s]]))
  })
  means <- vapply(SUBJECTS, function(s) mean(d$x[d$indicator == ind & d$maker == s]), 0)
  score <- if (DIR[[ind]] == "higher") -means else means
  o <- order(score)
  rank <- rank(score, ties.method = "min")
  ranking <- lapply(o, function(j) list(group = SUBJECTS[j], rank = rank[[j]], mean = unname(means[j]),
                                        n = sum(d$indicator == ind & d$maker == SUBJECTS[j])))
  inds[[length(inds) + 1]] <- list(indicator = ind, groups = groups, comparisons = comparisons,
                                   ranking = ranking, factor = factor_tests(ind))
}

# ---- verdicts per standard and maker (judge: tested) and lot acceptance ----------------------
# GB/T 2828.1-2012, lot 3000, inspection level S-3: Table 1 (1201–3200, S-3) → code letter E;
# Table 2-A, row E at AQL 2.5 is ↓ → row F: n 20, Ac 1, Re 2 (read off the printed tables).
PLAN <- list(code_letter = "E", plan_code_letter = "F", n = 20, ac = 1, re = 2)
oc_curve <- function(n, ac, aql) {
  pa <- c(0.99, 0.95, 0.90, 0.75, 0.50, 0.25, 0.10, 0.05, 0.01)
  p <- vapply(pa, function(a) uniroot(function(p) pbinom(ac, n, p) - a, c(0, 1), tol = 1e-15)$root, 0)
  pts <- rbind(data.frame(f = 0, pa = 1), data.frame(f = p, pa = pa),
               data.frame(f = aql / 100, pa = pbinom(ac, n, aql / 100)))
  pts <- pts[order(pts$f), ]
  lapply(seq_len(nrow(pts)), function(i) list(fraction_nonconforming = pts$f[i], p_accept = pts$pa[i]))
}
standards <- list()
for (std in names(STD)) for (s in SUBJECTS) {
  rows <- d[d$maker == s, ]
  dec <- character(0); bad <- character(0); untested <- character(0)
  for (ind in names(STD[[std]]$limits)) {
    l <- STD[[std]]$limits[[ind]]
    if (identical(l, "untested")) { untested <- c(untested, ind); next }
    r <- rows[rows$indicator == ind, ]
    for (i in seq_len(nrow(r))) {
      j <- judge(r$x[i], r$U[i], l)
      dec <- c(dec, j$dec)
      if (j$dec == "fail") bad <- c(bad, r$sample_id[i])
    }
  }
  samples <- length(unique(rows$sample_id))
  stopifnot(samples >= PLAN$n)
  nonconf <- sort(unique(bad))
  standards[[length(standards) + 1]] <- list(
    id = std, grade = STD[[std]]$grade, group = s,
    verdict = if (any(dec == "fail")) "does_not_conform" else "conforms",
    decisions = list(pass = sum(dec == "pass"), conditional_pass = 0, conditional_fail = 0,
                     fail = sum(dec == "fail"), not_decidable = 0),
    judge = "tested", untested = I(untested),
    sampling = c(list(lot_size = 3000, inspection_level = "S-3", aql = 2.5, severity = "normal",
                      table = "GB/T 2828.1-2012 Table 2-A"), PLAN,
                 list(hundred_percent = FALSE, samples = samples, nonconforming = length(nonconf),
                      undecided = 0, nonconforming_samples = I(nonconf),
                      lot_decision = if (length(nonconf) <= PLAN$ac) "accept" else "reject",
                      oc_curve = oc_curve(PLAN$n, PLAN$ac, 2.5))))
}

# ---- scorecards per maker ---------------------------------------------------------------------
scorecards <- lapply(SUBJECTS, function(s) {
  v <- vapply(IND, function(i) cmps[[s]][[i]]$verdict, "")
  list(group = s, leading = sum(v == "leading"), on_par = sum(v == "on_par"),
       lagging = sum(v == "lagging"), inconclusive = sum(v == "inconclusive"), not_compared = 0)
})

out <- list(schema = "qcompare/gap-analysis/1",
            products = list(list(product = "surgical-mask", standards = standards,
                                 indicators = inds, scorecards = scorecards)))
# Numbers at jsonlite's full precision (15 significant digits: the regression allows 1e-12);
# length-1 vectors as scalars except the lists kept with I().
txt <- toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null")
writeLines(txt, "expected.json")
