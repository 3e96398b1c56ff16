# Independent R oracle for the concrete study: writes expected.json, the subset of the gap
# analysis (DESIGN.md §6) that the engine's output must match to rtol 1e-12.
# Run from this directory:  Rscript expected.R      (needs jsonlite and nortest)
#
# Reads concrete.csv itself and computes every value with base R, nortest and the formulas
# below. The EN 206 class minimums are hand-coded here, not read from rules/.
#
# The study reads concrete.csv twice: first with group = the column "group"
# (superplasticizer-28d = subject, no-superplasticizer-28d = reference, other-ages), then with
# group = the column "all_ages" (every row in "all-ages"). So the engine holds four groups.

library(jsonlite)
source("../oracle.R")   # normality(), outliers(), grubbs(): shared R oracles

ALPHA <- 0.05
CONF  <- 0.95
MARGIN <- 0.05
STD <- "EN 206:2013+A2:2021"
CLASSES <- c("C20/25" = 20, "C25/30" = 25, "C30/37" = 30, "C35/45" = 35, "C40/50" = 40)   # f_ck,cyl, MPa
ORDER <- c("C40/50", "C35/45", "C30/37", "C25/30", "C20/25")                            # best first

d <- read.table("concrete.csv", sep = ";", header = TRUE, colClasses = "character",
                check.names = FALSE, quote = "", comment.char = "")
stopifnot(nrow(d) == 1030, length(readLines("concrete.csv")) == nrow(d) + 1)
d$line <- seq_len(nrow(d)) + 1L
d$y <- as.numeric(d[["compressive_strength_cylinder [MPa]"]])
d$age <- as.numeric(d$age_days)
stopifnot(!any(is.na(d$y)), !any(is.na(d$age)))

# ---- helpers (the same conventions as datasets/rebar/expected.R) ---------------------------
z <- qnorm(1 - (1 - CONF) / 2)
# EN 206 class `cls` as a minimum on each result, selected by age_days = 28 (other ages: not
# decidable). `detail` adds the nonconforming list (C20/25) and the one-sided capability (Ppk from the
# overall sd, Bissell's interval; no batch column, so no Cp/Cpk).
conformity <- function(rows, cls, detail) {
  fck <- CLASSES[[cls]]
  dec <- ifelse(rows$age != 28, "not_decidable", ifelse(rows$y >= fck, "pass", "fail"))
  np <- sum(dec == "pass"); nf <- sum(dec == "fail"); nd <- sum(dec == "not_decidable")
  e <- list(standard = STD, grade = cls, rule = "simple", pass = np, fail = nf, not_decidable = nd,
            rate = if (np + nf > 0) np / (np + nf) else NA,
            rate_ci = if (np + nf > 0) as.numeric(binom.test(np, np + nf, conf.level = CONF)$conf.int) else NA,
            flags = list("unconfirmed_limit"))
  if (np + nf == 0) e$flags <- list()    # nothing judged against the unconfirmed limit
  if (detail) {
    nc <- rows[dec != "pass", ]
    # the list itself only for the lowest class (the counts above check the others; every
    # class's list would make this file ten times larger)
    if (cls == "C20/25") e$nonconforming <- lapply(seq_len(nrow(nc)), function(k)
      list(sample_id = nc$sample_id[k], line = nc$line[k]))
    x <- rows$y; n <- length(x); m <- mean(x); s <- sd(x)
    ppk <- (m - fck) / (3 * s)
    e$capability <- list(ppk = ppk, ppk_ci = ppk + c(-1, 1) * z * sqrt(1 / (9 * n) + ppk^2 / (2 * (n - 1))),
                         sigma_overall = s, expected_ppm = 1e6 * pnorm((fck - m) / s),
                         observed_ppm = 1e6 * sum(x < fck) / n)
  }
  e
}
describe <- function(rows, group, role, detail) {
  x <- rows$y
  c(list(group = group, role = role, n = length(x), n_missing = 0L, n_censored = 0L),
    descriptives(x),
    list(conformity = unname(lapply(names(CLASSES), conformity, rows = rows, detail = detail)),
         normality = normality(x),
         outliers = list(grubbs = grubbs(x, rows$sample_id, rows$line))))
}
# Highest class in ORDER whose limit every result of the group passes (an undecidable result
# means not met); NA when none.
grade_of <- function(rows) {
  for (cls in ORDER) if (all(rows$age == 28 & rows$y >= CLASSES[[cls]])) return(cls)
  NA
}
brown_forsythe <- function(s, r) {
  zz <- c(abs(s - median(s)), abs(r - median(r))); g <- factor(rep(1:2, c(length(s), length(r))))
  a <- anova(lm(zz ~ g)); list(f = a$`F value`[1], p_value = a$`Pr(>F)`[1])
}
hedges <- function(s, r) {
  n1 <- length(s); n2 <- length(r); df <- n1 + n2 - 2
  sp <- sqrt(((n1 - 1) * var(s) + (n2 - 1) * var(r)) / df)
  J <- exp(lgamma(df / 2) - lgamma((df - 1) / 2)) / sqrt(df / 2)
  g <- J * (mean(s) - mean(r)) / sp
  se <- sqrt((n1 + n2) / (n1 * n2) + g^2 / (2 * (n1 + n2)))
  list(g = g, ci = g + c(-1, 1) * z * se)
}

# ---- the four groups ----------------------------------------------------------------------------
G <- list(
  list(name = "superplasticizer-28d",    role = "subject",   rows = d[d$group == "superplasticizer-28d", ], detail = TRUE),
  list(name = "no-superplasticizer-28d", role = "reference", rows = d[d$group == "no-superplasticizer-28d", ], detail = TRUE),
  list(name = "all-ages",                role = "other",     rows = d, detail = FALSE),
  list(name = "other-ages",              role = "other",     rows = d[d$group == "other-ages", ], detail = FALSE))
stopifnot(sapply(G, function(g) nrow(g$rows)) == c(317, 108, 1030, 605))
groups <- lapply(G, function(g) describe(g$rows, g$name, g$role, g$detail))

# ---- subject vs reference ------------------------------------------------------------------
s <- G[[1]]$rows$y; r <- G[[2]]$rows$y
tt <- t.test(s, r, conf.level = CONF)
st <- t.test(s, r, var.equal = TRUE, conf.level = CONF)
vt <- var.test(s, r)
mw <- wilcox.test(s, r, exact = FALSE, correct = TRUE)
delta <- MARGIN * abs(mean(r))
p_lo <- t.test(s, r, mu = -delta, alternative = "greater")$p.value
p_up <- t.test(s, r, mu =  delta, alternative = "less")$p.value
tost_p <- max(p_lo, p_up)
hg <- hedges(s, r)
p_adj <- p.adjust(tt$p.value, method = "holm")
verdict <- if (tost_p < ALPHA) "on_par" else if (p_adj < ALPHA) {
  if (mean(s) > mean(r)) "leading" else "lagging" } else "inconclusive"
comparison <- list(
  subject = G[[1]]$name, reference = G[[2]]$name,
  difference = mean(s) - mean(r), difference_ci = as.numeric(tt$conf.int),
  relative_gap = (mean(s) - mean(r)) / abs(mean(r)),
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

# ---- product ---------------------------------------------------------------------------------
# verdict per listed class: over the subject's results (a fail or an undecidable result: not
# conforming / not decidable)
std_verdict <- function(cls) {
  rows <- G[[1]]$rows
  if (any(rows$age == 28 & rows$y < CLASSES[[cls]])) "does_not_conform"
  else if (any(rows$age != 28)) "not_decidable" else "conforms"
}
product <- list(
  product = "structural-concrete",
  standards = lapply(names(CLASSES), function(cls) list(id = STD, grade = cls, verdict = std_verdict(cls))),
  indicators = list(list(indicator = "compressive_strength_cylinder", unit = "MPa",
                         direction = "higher_is_better", groups = groups, comparison = comparison)),
  scorecard = list(leading = as.integer(verdict == "leading"), on_par = as.integer(verdict == "on_par"),
                   lagging = as.integer(verdict == "lagging"),
                   inconclusive = as.integer(verdict == "inconclusive"),
                   quality_index = 100 * mean(s) / mean(r)),
  grades = lapply(G, function(g) list(group = g$name, standard = STD, grade = grade_of(g$rows))))
write_json(list(schema = "qcompare/gap-analysis/1", products = list(product)), "expected.json",
           auto_unbox = TRUE, digits = NA, pretty = TRUE)

for (g in G) cat(sprintf("%-24s n %4d mean %.5g sd %.5g min %g max %g; share >= 20/25/30/35/40 MPa at 28 d: %s\n",
                         g$name, nrow(g$rows), mean(g$rows$y), sd(g$rows$y), min(g$rows$y), max(g$rows$y),
                         paste(sprintf("%.2f", sapply(CLASSES, function(f) {
                           k <- g$rows$age == 28; if (any(k)) mean(g$rows$y[k] >= f) else NA })), collapse = " ")))
cat(sprintf("subject - reference %.4g MPa, Welch p %.3g, TOST p %.3g: %s\n", mean(s) - mean(r),
            tt$p.value, tost_p, verdict))
cat("expected.json written\n")
