# padjust.R — oracle for engine/stats/padjust.c: R's own p.adjust (holm, BH).
#
# Regenerate (from the repository root; needs only base R; the committed CSV came from R 4.2.2):
#   Rscript tests/oracles/r/padjust.R > tests/oracles/r/padjust_expected.csv
# Commit the script and its output together; tests/unit/test_stats.c reads the CSV and never
# runs R. Numbers are written with sprintf("%.17g"); NA is written as NA.
#
# One row per element of each case vector: case, index (1-based), p, holm, BH.
cases <- list(
  # Ties (0.04 three times, 0.01 twice), an NA, and values whose Holm products exceed 1.
  ties_na = c(0.01, 0.04, 0.04, NA, 0.03, 0.005, 0.5, 0.04, 0.9, 0.0001, 0.01, 0.2),
  # Non-monotone raw products, so the cumulative max (Holm) and min (BH) steps both act.
  steps = c(0.021, 0.001, 0.019, 0.022, 0.6, 0.0205, 0.049, 0.0101),
  # Holm products above 1 (0.4·3 = 1.2), so the cap at 1 acts on some entries.
  over_one = c(0.01, 0.4, 0.6, 0.7, 0.02),
  # All tied.
  all_tied = c(0.03, 0.03, 0.03, 0.03),
  # Leading NAs and m = 2 after removing them.
  na_m2 = c(NA, 0.04, NA, 0.02),
  # A single p (R returns it unchanged) and a single p among NAs.
  single = c(0.037),
  single_na = c(NA, 0.2, NA),
  # All NA.
  all_na = c(NA_real_, NA_real_)
)
f <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
row <- function(...) cat(paste(..., sep = ","), "\n", sep = "")
cat("case,index,p,holm,BH\n")
for (name in names(cases)) {
  p <- cases[[name]]
  h <- p.adjust(p, "holm")
  b <- p.adjust(p, "BH")
  for (i in seq_along(p)) row(name, i, f(p[i]), f(h[i]), f(b[i]))
}
