# Independent R oracle for the data-centre PUE reference study: writes expected.json, the
# subset of the gap analysis (DESIGN.md §6) that the engine's output must match.
# Run from this directory:  Rscript expected.R      (needs jsonlite and nortest)
#
# The limits are hand-coded below from the standards' files
# (rules/standards/big-data-software/gb-40879-2021.json, cn-bj-dc-plan-2024-2027.json,
# de-enefg-11.json), on purpose NOT read from rules/ at run time, so that a mistake in a rules
# file or in the engine's rules loader shows up as a difference.

library(jsonlite)
source("../oracle.R")   # normality(), outliers(), grubbs(): shared R oracles

ALPHA <- 0.05
CONF  <- 0.95
EQUIV_MARGIN <- 0.05        # TOST margin: fraction of |reference mean|

# ---- results -------------------------------------------------------------------------------
d <- read.csv("datacentre.csv", colClasses = "character", na.strings = character(0),
              check.names = FALSE, encoding = "UTF-8")
raw <- readLines("datacentre.csv", encoding = "UTF-8")
stopifnot(length(raw) == nrow(d) + 1, all(nzchar(raw)))   # one physical line per record
d$line <- seq_len(nrow(d)) + 1L
d$x <- ifelse(d$value == "", NA_real_, suppressWarnings(as.numeric(d$value)))
stopifnot(!any(is.na(d$x) & d$value != ""), all(d$indicator == "PUE"), all(d$unit == ""))
# "PUE" is an alias of the indicator pue (unit 1, lower is better); an empty unit is the
# indicator's unit.

# Replicates "mean": the results of a group that share a sample_id (the two meters of one
# site-quarter) are averaged before any statistic or decision; a missing reading is ignored
# (L-DC2-2025Q2 has only its utility meter); the merged result keeps the first reading's line.
key <- paste(d$group, d$sample_id)
m <- do.call(rbind, lapply(split(seq_len(nrow(d)), factor(key, levels = unique(key))), function(i) {
  x <- d$x[i][!is.na(d$x[i])]
  data.frame(sample_id = d$sample_id[i[1]], group = d$group[i[1]], batch = d$batch[i[1]],
             line = d$line[i[1]], x = if (length(x)) mean(x) else NA_real_,
             stringsAsFactors = FALSE)
}))
stopifnot(nrow(m) == 56, !any(is.na(m$x)))

# ---- limits, hand-coded from the standards' files ------------------------------------------
# Every limit is an inclusive maximum on PUE (unit 1), on each result.
#   GB 40879-2021: Grade 1 <= 1.2, Grade 2 <= 1.3, Grade 3 <= 1.5 (grade 3 is the maximum
#     allowable value); all three unconfirmed in the library; grade_order Grade 1, 2, 3.
#   Beijing existing data centre optimisation plan (2024-2027): <= 1.35 (regulation, CN-BJ).
#   EnEfG §11, grade "existing from 2027-07-01": <= 1.5 (regulation, DE).
# No standard sets a lower limit, so there is no two-sided specification: Cp, Pp and Cpm are
# undefined (null); Cpk and Ppk are the one-sided Cpu = (USL - mean)/(3 sigma).
standards <- list(   # study order
  list(id = "GB 40879-2021", grade = "Grade 3", max = 1.5, flags = list("unconfirmed_limit")),
  list(id = "GB 40879-2021", grade = "Grade 2", max = 1.3, flags = list("unconfirmed_limit")),
  list(id = "Beijing existing data centre optimisation plan (2024-2027)", grade = "",
       max = 1.35, flags = list(), market = "CN-BJ"),
  list(id = "EnEfG §11", grade = "existing from 2027-07-01", max = 1.5, flags = list(),
       market = "DE"))
gb_grades <- c("Grade 1" = 1.2, "Grade 2" = 1.3, "Grade 3" = 1.5)   # grade_order

# Within-batch sigma, pooled: sqrt(sum (n_i - 1) s_i^2 / sum (n_i - 1)) over the batches
# (quarters) of the group.
sigma_within <- function(x, batch) {
  b <- split(x, batch)
  sqrt(sum(sapply(b, function(v) (length(v) - 1) * var(v))) / sum(sapply(b, length) - 1))
}

# One-sided capability against an upper limit: C = (USL - mean)/(3 sigma), with Bissell's
# interval C -+ z sqrt(1/(9n) + C^2/(2(n - 1))), z two-sided; expected ppm above the limit from
# the normal with the overall sd; observed ppm from the count above it.
capability <- function(x, batch, usl) {
  n <- length(x); z <- qnorm(1 - (1 - CONF) / 2)
  sw <- sigma_within(x, batch); so <- sd(x)
  cpk <- (usl - mean(x)) / (3 * sw); ppk <- (usl - mean(x)) / (3 * so)
  half <- function(C) z * sqrt(1 / (9 * n) + C^2 / (2 * (n - 1)))
  list(cp = NULL, cpk = cpk, pp = NULL, ppk = ppk, cpm = NULL,
       cp_ci = NULL, cpk_ci = cpk + c(-1, 1) * half(cpk), pp_ci = NULL,
       ppk_ci = ppk + c(-1, 1) * half(ppk),
       sigma_within = sw, sigma_overall = so,
       expected_ppm = 1e6 * pnorm((usl - mean(x)) / so, lower.tail = FALSE),
       observed_ppm = 1e6 * sum(x > usl) / n)
}

conformity <- function(rows) {
  lapply(standards, function(s) {
    pass <- rows$x <= s$max
    np <- sum(pass); nf <- sum(!pass)
    nc <- rows[!pass, ]
    list(standard = s$id, grade = s$grade, rule = "simple",
         pass = np, fail = nf, not_decidable = 0L,
         rate = np / (np + nf),
         rate_ci = as.numeric(binom.test(np, np + nf, conf.level = CONF)$conf.int),
         flags = s$flags,
         nonconforming = lapply(seq_len(nrow(nc)), function(k)
           list(sample_id = nc$sample_id[k], line = nc$line[k], value = nc$x[k], unit = "1",
                decision = "fail")),
         capability = capability(rows$x, rows$batch, s$max))
  })
}



describe <- function(rows, group, role) {
  x <- rows$x
  c(list(group = group, role = role,
       n = length(x), n_missing = 0L, n_censored = 0L),
    descriptives(x),
    list(normality = normality(x), outliers = list(grubbs = grubbs(x, rows$sample_id, rows$line)),
         conformity = conformity(rows)))
}

# ---- the indicator --------------------------------------------------------------------------
# Groups: local (subject), then the reference groups bench-a and bench-b; the comparison pools
# the reference groups ("bench-a+bench-b"). One indicator, so Holm leaves p unchanged.
grp <- list(local = "subject", `bench-a` = "reference", `bench-b` = "reference")
s <- m$x[m$group == "local"]; r <- m$x[m$group %in% c("bench-a", "bench-b")]
tt <- t.test(s, r, conf.level = CONF)                            # Welch
delta <- EQUIV_MARGIN * abs(mean(r))
tost_p <- max(t.test(s, r, mu = -delta, alternative = "greater")$p.value,
              t.test(s, r, mu =  delta, alternative = "less")$p.value)
p_adj <- p.adjust(tt$p.value, method = "holm")
verdict <- if (tost_p < ALPHA) {
  "on_par"
} else if (p_adj < ALPHA) {
  if (mean(s) < mean(r)) "leading" else "lagging"
} else "inconclusive"
cat(sprintf("pue: difference %.6g, Welch p %.4g, p_adjusted %.4g, TOST p %.4g -> %s\n",
            mean(s) - mean(r), tt$p.value, p_adj, tost_p, verdict))
pue <- list(
  indicator = "pue", unit = "1", direction = "lower_is_better",
  groups = unname(lapply(names(grp), function(g) describe(m[m$group == g, ], g, grp[[g]]))),
  comparison = list(
    subject = "local", reference = "bench-a+bench-b",
    difference = mean(s) - mean(r),
    difference_ci = as.numeric(tt$conf.int),
    relative_gap = (mean(r) - mean(s)) / abs(mean(r)),
    welch = list(t = unname(tt$statistic), df = unname(tt$parameter), p_value = tt$p.value,
                 p_subject_better = t.test(s, r, alternative = "less")$p.value),
    student = with(t.test(s, r, var.equal = TRUE),
                   list(t = unname(statistic), df = unname(parameter), p_value = p.value)),
    mann_whitney = with(suppressWarnings(wilcox.test(s, r)),
                        list(u = unname(statistic), p_value = p.value)),
    variance = with(var.test(s, r), list(f = unname(statistic), p_value = p.value)),
    tost = list(margin = delta, p_value = tost_p),
    p_adjusted = p_adj, verdict = verdict))

# ---- verdicts, grades, market access ---------------------------------------------------------
local <- m[m$group == "local", ]
std_verdicts <- lapply(standards, function(st)
  list(id = st$id, grade = st$grade,
       verdict = if (all(local$x <= st$max)) "conforms" else "does_not_conform"))
# GB 40879-2021 grading: the highest grade in grade_order whose limit every result meets.
grades <- lapply(names(grp), function(g) {
  x <- m$x[m$group == g]
  met <- names(gb_grades)[sapply(gb_grades, function(lim) all(x <= lim))]
  list(group = g, standard = "GB 40879-2021", grade = if (length(met)) met[1] else NULL)
})
# Markets CN-BJ and DE: the regulations of the library of these markets that list
# data-centre-energy-efficiency are the Beijing plan (CN-BJ) and EnEfG §11 (DE), which applies
# through the grade the study lists. Status: the outcome of the decisions (oracle.R: fail when
# a result fails, else pass); failing[] the limit when it is not a pass, with its counts.
market_access <- list()
for (g in names(grp)) for (st in Filter(function(s) !is.null(s$market), standards)) {
  x <- m$x[m$group == g]
  dec <- ifelse(x <= st$max, "pass", "fail")
  market_access[[length(market_access) + 1]] <- market_entry(
    st$market, g, 1L, list(list(regulation = st$id, grade = st$grade, indicator = "pue", dec = dec)))
}

x <- list(schema = "qcompare/gap-analysis/1",
          study = list(replicates = "mean", capability = list(sigma_within = "pooled")),
          products = list(list(product = "data-centre-energy-efficiency",
                               standards = std_verdicts,
                               indicators = list(pue),
                               grades = grades,
                               market_access = market_access)))
write_json(x, "expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null")
cat("expected.json written\n")
