# Generates chargers.csv: a synthetic reference study of external power supplies (USB-C phone
# and laptop chargers): average active efficiency and no-load power by rated output power.
# Run from this directory:  Rscript generate.R
# Base R only. The output depends only on the seed below and this script.
# The file is semicolon-delimited (the manufacturer names contain commas), UTF-8, LF.

set.seed(20261120)

n <- 8                         # units per model and group
power <- c(20, 65)             # rated output power Po, W: a 20 W USB-PD and a 65 W GaN charger

# Random numbers are drawn in this fixed order; do not reorder the calls.
# eff: average active efficiency, % (mean of the 25/50/75/100 % load points), to 0.1 %;
# nl: no-load power, W.
draw <- function(eff20, eff20_sd, eff65, eff65_sd, nl20, nl20_sd, nl65, nl65_sd) {
  list(eff = c(round(rnorm(n, eff20, eff20_sd), 1), round(rnorm(n, eff65, eff65_sd), 1)),
       nl  = c(rnorm(n, nl20, nl20_sd), rnorm(n, nl65, nl65_sd)))
}
loc <- draw(87.4, 0.6, 89.2, 0.5, 0.060, 0.012, 0.120, 0.025)
ben <- draw(88.6, 0.4, 91.0, 0.4, 0.035, 0.006, 0.070, 0.012)

# The local lab reports no-load power in W to 0.001 W; the benchmark lab in mW, integer.
loc$nl <- round(loc$nl, 3)
ben$nl <- round(ben$nl * 1000)          # mW

# The designed defects of the study (local 65 W units only).
FAIL_NL  <- 13   # L-13 (65 W): no-load power 0.234 W (> 0.21 W for Po > 49 W, EU and US)
FAIL_EFF <- 15   # L-15 (65 W): average efficiency 87.6 % (< 0.880 for Po > 49 W, EU)
po <- rep(power, each = n)
# nothing else is near a limit
stopifnot(all(loc$nl[po == 20] < 0.09), all(loc$nl[po == 65][-(c(FAIL_NL, FAIL_EFF) - n)] < 0.19),
          all(loc$eff[po == 65][-(c(FAIL_NL, FAIL_EFF) - n)] > 88.3),
          all(ben$nl[po == 20] < 90), all(ben$nl[po == 65] < 190), all(ben$eff[po == 65] > 88.3),
          all(loc$nl > 0), all(ben$nl > 0))
loc$nl[FAIL_NL]   <- 0.234
loc$eff[FAIL_EFF] <- 87.6

rows <- function(g, prefix, manufacturer, group, lab, date, nl_unit, nl_fmt) {
  out <- character(0)
  for (i in seq_len(2 * n)) {
    id <- sprintf("%s-%02d", prefix, i)
    model <- sprintf("%s %dW", if (group == "local") "EB-PD" else "GX-PD", po[i])
    out <- c(out,
      paste(id, "external-power-supply", manufacturer, group, model, sprintf("%d", po[i]),
            "average_active_efficiency", sprintf("%.1f", g$eff[i]), "%", lab, date, sep = ";"),
      paste(id, "external-power-supply", manufacturer, group, model, sprintf("%d", po[i]),
            "no_load_power", sprintf(nl_fmt, g$nl[i]), nl_unit, lab, date, sep = ";"))
  }
  out
}

header <- "sample_id;product;manufacturer;group;model;rated_output_power_w;indicator;value;unit;lab;date"
lines <- c(header,
           rows(loc, "L", "Eastbay Power Co., Ltd.", "local", "City Quality Inspection Institute",
                "2026-10-14", "W", "%.3f"),
           rows(ben, "B", "Globex Mobile, Inc.", "benchmark", "Intl Energy Test Lab",
                "2026-10-21", "mW", "%.0f"))

con <- file("chargers.csv", open = "wb")    # binary: LF line ends on every platform
writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
close(con)
cat(sprintf("chargers.csv: %d results\n", length(lines) - 1))
