# Independent R oracle for the pistonrings study: writes expected.json, the subset of the gap
# analysis (DESIGN.md §6) that the engine's output must match to rtol 1e-12.
# Run from this directory:  Rscript expected.R      (needs jsonlite and nortest)
#
# Reads pistonrings.csv itself, keeps the phase I rows (trial TRUE, the study's where) and
# computes every value with base R, nortest and the formulas below. The specification
# 74.000 ± 0.05 mm is hand-coded here, not read from rules/.

library(jsonlite)
source("../oracle.R")   # normality(), outliers(), grubbs(): shared R oracles

CONF <- 0.95
TARGET <- 74; TOL <- 0.05
LSL <- TARGET - TOL; USL <- TARGET + TOL      # the same double arithmetic as target ± tolerance
STD <- "Montgomery piston ring specification 74.000 ± 0.05 mm"

d <- read.csv("pistonrings.csv", colClasses = "character")
stopifnot(nrow(d) == 200, length(readLines("pistonrings.csv")) == nrow(d) + 1)
d$line <- seq_len(nrow(d)) + 1L
d$x <- as.numeric(d$value)
p1 <- d[d$trial == "TRUE", ]                 # where: {"trial": "TRUE"}: 25 subgroups of 5
stopifnot(nrow(p1) == 125, all(table(p1$batch) == 5))
x <- p1$x; n <- length(x); m <- mean(x); s <- sd(x)

# ---- within-subgroup sigma: R-bar / d2(5), d2 exact --------------------------------------
# d2(m) = E(range of m standard normals) = 2 ∫_0^∞ (1 − Φ(x)^m − (1 − Φ(x))^m) dx, by integrate()
# on [0, 14] in 2-wide panels; checked against the closed forms d2(2) = 2/√π, d2(3) = 3/√π.
d2 <- function(k) {
  g <- function(x) { q <- pnorm(x, lower.tail = FALSE); -expm1(k * log1p(-q)) - q^k }
  2 * sum(sapply(0:6, function(j) integrate(g, 2 * j, 2 * j + 2, rel.tol = 1e-13)$value))
}
stopifnot(abs(d2(2) - 2 / sqrt(pi)) < 1e-15, abs(d2(3) - 3 / sqrt(pi)) < 1e-14)
R <- tapply(x, p1$batch, function(v) diff(range(v)))
sigma_w <- mean(R) / d2(5)                   # qcc prints 0.009785039 with d2 = 2.326

# ---- capability (DESIGN §5): Cp/Cpk from sigma_w, Pp/Ppk from the overall sd --------------
z <- qnorm(1 - (1 - CONF) / 2)
chou <- function(idx) idx * sqrt(qchisq(c((1 - CONF) / 2, 1 - (1 - CONF) / 2), n - 1) / (n - 1))
bissell <- function(idx) idx + c(-1, 1) * z * sqrt(1 / (9 * n) + idx^2 / (2 * (n - 1)))
cp  <- (USL - LSL) / (6 * sigma_w); cpk <- min(m - LSL, USL - m) / (3 * sigma_w)
pp  <- (USL - LSL) / (6 * s);       ppk <- min(m - LSL, USL - m) / (3 * s)
capability <- list(
  cp = cp, cpk = cpk, pp = pp, ppk = ppk,
  cp_ci = chou(cp), cpk_ci = bissell(cpk), pp_ci = chou(pp), ppk_ci = bissell(ppk),
  sigma_within = sigma_w, sigma_overall = s,
  expected_ppm = 1e6 * (pnorm((LSL - m) / s) + pnorm((USL - m) / s, lower.tail = FALSE)),
  observed_ppm = 1e6 * sum(x < LSL | x > USL) / n)
# Cpm is left out on purpose: see README.md ("Cpm"). For the record:
cpm_within  <- (USL - LSL) / (6 * sqrt(sigma_w^2 + (m - TARGET)^2))   # qcc's Cpm (1.69)
cpm_overall <- (USL - LSL) / (6 * sqrt(s^2 + (m - TARGET)^2))         # the engine's cpm today

# ---- group summary, conformity ---------------------------------------------------------------
pass <- x >= LSL & x <= USL
nc <- p1[!pass, ]
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
  outliers = list(grubbs = grubbs(x, p1$sample_id, p1$line))))

# (inputs.files is not in the subset: an array must list every element, and it holds every
# rules file; the where filter shows as n = 125 here and as accepted 125 / excluded 75 there.)
res <- list(schema = "qcompare/gap-analysis/1",
            products = list(list(
              product = "piston-ring",
              standards = list(list(id = STD, grade = "",
                                    verdict = if (all(pass)) "conforms" else "does_not_conform")),
              indicators = list(list(indicator = "inside_diameter", unit = "mm",
                                     direction = "nominal_is_best", groups = list(group))))))
write_json(res, "expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE)
cat(sprintf("sigma_within %.7g (d2 = %.10g); Cp %.4f [%.4f, %.4f]; Cpk %.4f [%.4f, %.4f]\n",
            sigma_w, d2(5), cp, chou(cp)[1], chou(cp)[2], cpk, bissell(cpk)[1], bissell(cpk)[2]))
cat(sprintf("Pp %.4f, Ppk %.4f; Cpm with sigma_within %.4f (qcc 1.69), with the overall sd %.4f\n",
            pp, ppk, cpm_within, cpm_overall))
cat("expected.json written\n")
