# Independent R oracle for the ceramic study: writes expected.json, the subset of the gap
# analysis (DESIGN.md §6) that the engine's output must match to rtol 1e-12.
# Run from this directory:  Rscript expected.R      (needs jsonlite and nortest)
#
# Reads ceramic.csv itself (not through qcompare) and computes every value with base R,
# nortest and the formulas written below; nothing here comes from the engine.

library(jsonlite)
source("../oracle.R")   # normality(), outliers(), grubbs(): shared R oracles

ALPHA <- 0.05
CONF  <- 0.95
MARGIN <- 0.05                       # study's equivalence_margin (default)

d <- read.csv("ceramic.csv", colClasses = "character", check.names = FALSE)
stopifnot(nrow(d) == 480, length(readLines("ceramic.csv")) == nrow(d) + 1)
d$line <- seq_len(nrow(d)) + 1L       # one physical line per record, header on line 1
d$y <- as.numeric(d[["flexural_strength [MPa]"]])
stopifnot(!any(is.na(d$y)))

# ---- helpers (the same conventions as datasets/rebar/expected.R) ---------------------------
describe <- function(rows, group, role) {
  x <- rows$y
  c(list(group = group, role = role, n = length(x), n_missing = 0L, n_censored = 0L),
    descriptives(x),
    list(conformity = list(),
         normality = normality(x),
         outliers = list(grubbs = grubbs(x, rows$sample_id, rows$line))))
}
# Brown-Forsythe: one-way ANOVA F on |x - group median|.
brown_forsythe <- function(s, r) {
  z <- c(abs(s - median(s)), abs(r - median(r))); g <- factor(rep(1:2, c(length(s), length(r))))
  a <- anova(lm(z ~ g)); list(f = a$`F value`[1], p_value = a$`Pr(>F)`[1])
}
# Hedges g with the exact J(df) and the Hedges-Olkin normal interval.
hedges <- function(s, r) {
  n1 <- length(s); n2 <- length(r); df <- n1 + n2 - 2
  sp <- sqrt(((n1 - 1) * var(s) + (n2 - 1) * var(r)) / df)
  J <- exp(lgamma(df / 2) - lgamma((df - 1) / 2)) / sqrt(df / 2)
  g <- J * (mean(s) - mean(r)) / sp
  se <- sqrt((n1 + n2) / (n1 * n2) + g^2 / (2 * (n1 + n2)))
  list(g = g, ci = g + c(-1, 1) * qnorm(1 - (1 - CONF) / 2) * se)
}

# ---- groups: Batch 1 (subject) vs Batch 2 (reference) --------------------------------------
b1 <- d[d$Batch == "1", ]; b2 <- d[d$Batch == "2", ]
s <- b1$y; r <- b2$y
tt <- t.test(s, r, conf.level = CONF)                          # Welch
st <- t.test(s, r, var.equal = TRUE, conf.level = CONF)        # pooled (NIST's t = 13.3806)
vt <- var.test(s, r)                                           # F = var(batch 1)/var(batch 2)
mw <- wilcox.test(s, r, exact = FALSE, correct = TRUE)         # ties: normal approximation
delta <- MARGIN * abs(mean(r))
p_lo <- t.test(s, r, mu = -delta, alternative = "greater")$p.value
p_up <- t.test(s, r, mu =  delta, alternative = "less")$p.value
tost_p <- max(p_lo, p_up)
hg <- hedges(s, r)
p_adj <- p.adjust(tt$p.value, method = "holm")                 # one indicator: p itself
verdict <- if (tost_p < ALPHA) "on_par" else if (p_adj < ALPHA) {
  if (mean(s) > mean(r)) "leading" else "lagging" } else "inconclusive"

comparison <- list(
  subject = "1", reference = "2",
  difference = mean(s) - mean(r), difference_ci = as.numeric(tt$conf.int),
  relative_gap = (mean(s) - mean(r)) / abs(mean(r)),          # higher is better
  welch = list(t = unname(tt$statistic), df = unname(tt$parameter), p_value = tt$p.value,
               p_subject_better = t.test(s, r, alternative = "greater")$p.value),
  student = list(t = unname(st$statistic), df = unname(st$parameter), p_value = st$p.value),
  mann_whitney = list(u = unname(mw$statistic), p_value = mw$p.value),
  hedges_g = hg$g, hedges_g_ci = hg$ci,
  variance = list(f = unname(vt$statistic), p_value = vt$p.value,
                  brown_forsythe = brown_forsythe(s, r),
                  cv_ratio = (sd(s) / abs(mean(s))) / (sd(r) / abs(mean(r)))),
  tost = list(margin = delta, p_value = tost_p, p_lower = p_lo, p_upper = p_up),
  p_adjusted = p_adj, verdict = verdict)

# ---- factor: Lab (all 480 results, both batches) -------------------------------------------
labs <- unique(d$Lab)                                          # order of first appearance
fl <- factor(d$Lab, levels = labs)
a <- anova(lm(d$y ~ fl))
ow <- oneway.test(d$y ~ fl, var.equal = FALSE)
kw <- kruskal.test(d$y, fl)
factor_out <- list(
  column = "Lab",
  levels = lapply(labs, function(l) list(level = l, n = sum(d$Lab == l), mean = mean(d$y[d$Lab == l]))),
  anova = list(ss_between = a$`Sum Sq`[1], ss_within = a$`Sum Sq`[2],
               df_between = a$Df[1], df_within = a$Df[2],
               ms_between = a$`Mean Sq`[1], ms_within = a$`Mean Sq`[2],
               f = a$`F value`[1], p_value = a$`Pr(>F)`[1],
               r_squared = a$`Sum Sq`[1] / sum(a$`Sum Sq`)),
  welch_anova = list(f = unname(ow$statistic), df1 = unname(ow$parameter[1]),
                     df2 = unname(ow$parameter[2]), p_value = ow$p.value),
  kruskal_wallis = list(h = unname(kw$statistic), df = unname(kw$parameter), p_value = kw$p.value))

ind <- list(indicator = "flexural_strength", unit = "MPa", direction = "higher_is_better",
            groups = list(describe(b1, "1", "subject"), describe(b2, "2", "reference")),
            factor = factor_out, comparison = comparison)
x <- list(schema = "qcompare/gap-analysis/1",
          products = list(list(
            product = "silicon-nitride-ceramic", standards = list(), indicators = list(ind),
            scorecard = list(leading = as.integer(verdict == "leading"),
                             on_par = as.integer(verdict == "on_par"),
                             lagging = as.integer(verdict == "lagging"),
                             inconclusive = as.integer(verdict == "inconclusive"),
                             quality_index = 100 * mean(s) / mean(r)),
            grades = list())))
write_json(x, "expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE)
cat(sprintf("batch 1: n %d mean %.7g sd %.7g; batch 2: n %d mean %.7g sd %.7g\n",
            length(s), mean(s), sd(s), length(r), mean(r), sd(r)))
cat(sprintf("F = %.7g (NIST 1.123037), pooled t = %.6g (NIST 13.3806), df %g\n",
            unname(vt$statistic), unname(st$statistic), unname(st$parameter)))
cat("expected.json written\n")
