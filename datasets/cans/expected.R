# Independent R oracle for the cans study: writes expected.json, the subset of the gap analysis
# (DESIGN.md §6) that the engine's output must match to rtol 1e-12.
# Run from this directory:  Rscript expected.R      (needs jsonlite and nortest)
#
# Reads cans.csv itself and computes every value with base R, nortest and the formulas below.
# The specification 12 ± 0.05 oz is hand-coded here, not read from rules/. The indicator
# fill_weight is analysed in g: 1 oz av = 28.349523125 g (0.45359237 kg / 16, exact).

library(jsonlite)
source("../oracle.R")   # normality(), outliers(), grubbs(): shared R oracles

CONF <- 0.95
OZ <- 28.349523125
TARGET <- 12 * OZ
LSL <- (12 - 0.05) * OZ; USL <- (12 + 0.05) * OZ
STD <- "SAS/QC cans fill specification 12 ± 0.05 oz"

d <- read.csv("cans.csv", colClasses = "character")
stopifnot(nrow(d) == 100, length(readLines("cans.csv")) == nrow(d) + 1, all(d$unit == "oz av"))
d$line <- seq_len(nrow(d)) + 1L
x <- as.numeric(d$value) * OZ
n <- length(x); m <- mean(x); s <- sd(x)

# ---- capability on the overall sd (no batch column: Pp/Ppk, as SAS/QC's Cp/Cpk) -------------
z <- qnorm(1 - (1 - CONF) / 2)
chou <- function(idx) idx * sqrt(qchisq(c((1 - CONF) / 2, 1 - (1 - CONF) / 2), n - 1) / (n - 1))
bissell <- function(idx) idx + c(-1, 1) * z * sqrt(1 / (9 * n) + idx^2 / (2 * (n - 1)))
pp <- (USL - LSL) / (6 * s); ppk <- min(m - LSL, USL - m) / (3 * s)
# Cpm = (USL − LSL)/(6 √(s² + (m − T)²)); Boyles' interval on Ĉ = (USL − LSL)/(6 τ),
# τ² = Σ(x − T)²/n, with ν = n (1 + a²)² / (1 + 2a²), a = (m − T)/s (as SAS/QC).
cpm <- (USL - LSL) / (6 * sqrt(s^2 + (m - TARGET)^2))
a2 <- ((m - TARGET) / s)^2
nu <- n * (1 + a2)^2 / (1 + 2 * a2)
chat <- (USL - LSL) / (6 * sqrt(sum((x - TARGET)^2) / n))
cpm_ci <- chat * sqrt(qchisq(c((1 - CONF) / 2, 1 - (1 - CONF) / 2), nu) / nu)
capability <- list(
  pp = pp, ppk = ppk, cpm = cpm, pp_ci = chou(pp), ppk_ci = bissell(ppk), cpm_ci = cpm_ci,
  sigma_overall = s,
  expected_ppm = 1e6 * (pnorm((LSL - m) / s) + pnorm((USL - m) / s, lower.tail = FALSE)),
  observed_ppm = 1e6 * sum(x < LSL | x > USL) / n)

# ---- group summary, conformity ---------------------------------------------------------------
pass <- x >= LSL & x <= USL
nc <- d[!pass, ]
group <- c(list(
  group = "local", role = "subject",           # no group column: every result is the subject's
  n = n, n_missing = 0L, n_censored = 0L),
  descriptives(x),
  list(
  conformity = list(list(
    standard = STD, grade = "", rule = "simple",
    pass = sum(pass), fail = sum(!pass), not_decidable = 0L,
    rate = mean(pass),
    rate_ci = as.numeric(binom.test(sum(pass), n, conf.level = CONF)$conf.int),
    nonconforming = lapply(seq_len(nrow(nc)), function(k)
      list(sample_id = nc$sample_id[k], line = nc$line[k])),
    capability = capability)),
  normality = normality(x),
  outliers = list(grubbs = grubbs(x, d$sample_id, d$line))))

res <- list(schema = "qcompare/gap-analysis/1",
            products = list(list(
              product = "canned-beverage",
              standards = list(list(id = STD, grade = "",
                                    verdict = if (all(pass)) "conforms" else "does_not_conform")),
              indicators = list(list(indicator = "fill_weight", unit = "g",
                                     direction = "nominal_is_best", groups = list(group))))))
write_json(res, "expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE)
cat(sprintf("Pp %.6f [%.6f, %.6f]  Ppk %.6f [%.6f, %.6f]  Cpm %.6f [%.6f, %.6f]\n",
            pp, chou(pp)[1], chou(pp)[2], ppk, bissell(ppk)[1], bissell(ppk)[2],
            cpm, cpm_ci[1], cpm_ci[2]))
cat(sprintf("below LSL %d, above USL %d of %d (SAS: 7 %%, 16 %%)\n", sum(x < LSL), sum(x > USL), n))
cat("expected.json written\n")
