# Generates masks.csv: a synthetic reference study of medical (surgical) face masks, a local
# maker against an international benchmark, each tested by its own laboratory (long layout,
# UTF-8). The local lab writes differential pressure in Pa/cm2, the benchmark lab in mmH2O/cm2;
# both give the expanded uncertainty U (k = 2) of each bacterial filtration result.
# Run from this directory:  Rscript generate.R
# Base R only. The output depends only on the seed below and this script.

set.seed(20261125)

n <- 20                                    # masks per group

# Random numbers are drawn in this fixed order; do not reorder the calls.
draw <- function(bfe_mean, bfe_sd, dp_mean, dp_sd, dp_digits, splash_p, cfu_median, cfu_gsd) {
  list(bfe    = pmin(round(rnorm(n, bfe_mean, bfe_sd), 1), 99.9),            # %, 0.1
       dp     = round(rnorm(n, dp_mean, dp_sd), dp_digits),                   # lab's unit
       splash = sample(c(10.7, 16.0, 21.3), n, replace = TRUE, prob = splash_p),  # kPa passed
       cfu    = round(exp(rnorm(n, log(cfu_median), cfu_gsd))))               # cfu/g
}
loc <- draw(98.5, 0.6, 44.0, 4.0, 1, c(0.10, 0.70, 0.20), 15, 0.6)   # dp in Pa/cm2
ben <- draw(99.3, 0.3,  3.9, 0.3, 1, c(0.00, 0.60, 0.40),  8, 0.5)   # dp in mmH2O/cm2

# ISO 22609 / ASTM F1862 pressures (kPa): 10.7 = 80 mmHg, 16.0 = 120 mmHg, 21.3 = 160 mmHg;
# the value is the highest pressure at which the mask passed.
# Microbial cleanliness: counts below the lab's quantification limit 10 cfu/g are written
# "<10"; the designed censored values follow.
cfu_text <- function(c) ifelse(c < 10, "<10", sprintf("%d", as.integer(c)))
loc$cfu_text <- cfu_text(loc$cfu); ben$cfu_text <- cfu_text(ben$cfu)
loc$lod <- rep("", n); ben$lod <- rep("", n)

# The designed cases of the study (local group).
loc$bfe[7]  <- 97.1    # L-07: BFE fails 98 % by more than U (fail under the ILAC rule)
loc$dp[3]   <- 49.0    # L-03: exactly YY 0469's 49 Pa/cm2 (inclusive: passes)
loc$dp[11]  <- 59.2    # L-11: fails YY (49) and ASTM Level 2 (< 6.0 mmH2O/cm2 = 58.84 Pa/cm2),
                       #       passes EN 14683 Type IIR (< 60)
loc$splash[15] <- 10.7 # L-15: passed only 80 mmHg: fails 16.0 kPa / 120 mmHg
loc$cfu_text[5]  <- "ND"; loc$lod[5] <- "10"   # L-05: not detected, lod 10 cfu/g
loc$cfu_text[14] <- "<50"                      # L-14: plated at a higher dilution: < 50 cfu/g
loc$cfu_text[17] <- "42"                       # L-17: above EN 14683's 30 cfu/g, below YY's 100

U_LOC <- 0.75; U_BEN <- 0.6                    # expanded uncertainty of BFE, % (k = 2)
# Checks on what the study is meant to show (README "What the study shows").
stopifnot(sum(loc$bfe >= 98 & loc$bfe < 98 + U_LOC) >= 2,      # conditional passes
          sum(loc$bfe < 98 & loc$bfe > 98 - U_LOC) >= 1,       # conditional fails
          all(ben$bfe >= 98), all(ben$dp * 9.80665 < 49),
          sum(loc$dp > 49) >= 2, sum(loc$dp * 1 >= 6.0 * 9.80665) == 1, all(loc$dp < 60),
          all(ben$splash >= 16), sum(loc$splash < 16) >= 1,
          all(ben$cfu <= 30), sum(suppressWarnings(as.numeric(loc$cfu_text)) > 30, na.rm = TRUE) >= 1)

rows <- function(g, prefix, manufacturer, group, lab, dp_unit, U, date) {
  out <- character(0)
  for (i in seq_len(n)) {
    id <- sprintf("%s-%02d", prefix, i)
    lead <- paste(id, "surgical-mask", manufacturer, group, lab, sep = ",")
    out <- c(out,
      paste(lead, "bacterial_filtration_efficiency", sprintf("%.1f", g$bfe[i]), "%",
            sprintf("%.2f", U), "2", "", date, sep = ","),
      paste(lead, "differential_pressure", sprintf("%.1f", g$dp[i]), dp_unit, "", "", "", date, sep = ","),
      paste(lead, "synthetic_blood_penetration_pressure", sprintf("%.1f", g$splash[i]), "kPa",
            "", "", "", date, sep = ","),
      paste(lead, "bioburden", g$cfu_text[i], "cfu/g", "", "", g$lod[i], date, sep = ","))
  }
  out
}
header <- "sample_id,product,manufacturer,group,lab,indicator,value,unit,U,k,lod,date"
lines <- c(header,
           rows(loc, "L", "Local Medical Supplies Co.", "local", "City Medical Device Test Centre",
                "Pa/cm2", U_LOC, "2026-10-08"),
           rows(ben, "B", "Intl Mask Brand", "benchmark", "Intl Barrier Test Lab",
                "mmH2O/cm2", U_BEN, "2026-10-13"))

con <- file("masks.csv", open = "wb")       # binary: LF line ends on every platform
writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
close(con)
cat(sprintf("masks.csv: %d results\n", length(lines) - 1))
cat("local BFE:", sort(loc$bfe), "\nbench BFE:", sort(ben$bfe), "\nlocal dp:", sort(loc$dp),
    "\nbench dp:", sort(ben$dp), "\nlocal splash:", table(loc$splash), " bench splash:", table(ben$splash),
    "\nlocal cfu:", loc$cfu_text, "\nbench cfu:", ben$cfu_text, "\n")
