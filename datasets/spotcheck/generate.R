# Generates spotcheck.csv: a synthetic supervision spot check (监督抽查) of medical (surgical) face
# masks — one lot from each of three local manufacturers and one lot of an imported benchmark,
# 20 masks drawn from each lot and tested by one laboratory (long layout, UTF-8, LF).
# Run from this directory:  Rscript generate.R
# Base R only. The output depends only on the seed below and this script.

set.seed(20261201)

n <- 20                                    # masks drawn from each lot (the plan's n, see README)

# Random numbers are drawn in this fixed order; do not reorder the calls.
draw <- function(bfe_mean, bfe_sd, dp_mean, dp_sd, splash_p21) {
  list(bfe    = pmin(round(rnorm(n, bfe_mean, bfe_sd), 1), 99.9),         # %, to 0.1
       dp     = round(rnorm(n, dp_mean, dp_sd), 1),                        # Pa/cm², to 0.1
       splash = sample(c(16.0, 21.3), n, replace = TRUE,                   # kPa passed
                       prob = c(1 - splash_p21, splash_p21)))
}
a   <- draw(99.0, 0.30, 40.0, 2.0, 0.5)
b   <- draw(98.8, 0.35, 42.0, 2.5, 0.3)
c   <- draw(98.7, 0.40, 44.0, 2.5, 0.2)
imp <- draw(99.4, 0.20, 33.0, 1.5, 0.7)

# Every local BFE at least 98.1 % and every ΔP at most 48.5 Pa/cm², but for the designed cases:
for (g in c("a", "b", "c")) {
  x <- get(g)
  x$bfe <- pmax(x$bfe, 98.1)
  x$dp  <- pmin(x$dp, 48.5)
  assign(g, x)
}
b$bfe[9]  <- 97.7   # B-09: 0.3 below EN 14683's 98 %, within U = 0.6: accepted in the guard band
c$dp[4]   <- 51.3   # C-04: above YY 0469's 49 Pa/cm² (no uncertainty: w = 0) → fails YY
c$dp[17]  <- 52.6   # C-17: likewise; two nonconforming masks reject C's lot (Ac 1, Re 2)

U_BFE <- 0.6                               # expanded uncertainty of BFE, % (k = 2)
stopifnot(all(imp$bfe >= 98), all(imp$dp <= 49), all(c(a$dp, b$dp) <= 49),
          sum(c$dp > 49) == 2, all(c(a$dp, b$dp, c$dp, imp$dp) < 60),
          sum(c(a$bfe, b$bfe, c$bfe) < 98) == 1)

rows <- function(g, prefix, maker, manufacturer) {
  out <- character(0)
  for (i in seq_len(n)) {
    id <- sprintf("%s-%02d", prefix, i)
    lead <- paste(id, "surgical-mask", maker, manufacturer, "City Medical Device Test Centre",
                  sep = ",")
    out <- c(out,
      paste(lead, "bacterial_filtration_efficiency", sprintf("%.1f", g$bfe[i]), "%",
            sprintf("%.1f", U_BFE), "2", "2026-11-20", sep = ","),
      paste(lead, "differential_pressure", sprintf("%.1f", g$dp[i]), "Pa/cm2", "", "",
            "2026-11-20", sep = ","),
      paste(lead, "synthetic_blood_penetration_pressure", sprintf("%.1f", g$splash[i]), "kPa",
            "", "", "2026-11-20", sep = ","))
  }
  out
}
lines <- c("sample_id,product,maker,manufacturer,lab,indicator,value,unit,U,k,date",
           rows(a, "A", "maker-a", "Local Mask Maker A Co."),
           rows(b, "B", "maker-b", "Local Mask Maker B Co."),
           rows(c, "C", "maker-c", "Local Mask Maker C Co."),
           rows(imp, "I", "import", "Imported Mask Brand"))
con <- file("spotcheck.csv", "wb")
writeLines(lines, con, sep = "\n")
close(con)
