# Generates rebar.csv: a synthetic reference study of hot-rolled ribbed rebar.
# Run from this directory:  Rscript generate.R
# Base R only. The output depends only on the seed below and this script.

set.seed(20261101)

n <- 30
diam <- rep(c(16, 25), each = n / 2)        # bar diameters, mm (15 of each per group)

# Random numbers are drawn in this fixed order; do not reorder the calls.
draw <- function(rel_mean, rel_sd, rm_mean, rm_sd, a_mean, a_sd, a_step,
                 agt_mean, agt_sd) {
  rel <- round(rnorm(n, rel_mean, rel_sd))                      # MPa, integer
  rm  <- round(rnorm(n, rm_mean, rm_sd))                        # MPa, integer
  a   <- round(rnorm(n, a_mean, a_sd) / a_step) * a_step        # %
  agt <- round(rnorm(n, agt_mean, agt_sd), 1)                   # %, 0.1
  list(rel = rel, rm = rm, a = a, agt = agt)
}

# Local mill: the lab rounds A to 0.5 % (GB/T 228.1 practice); benchmark lab to 0.1 %.
loc <- draw(445, 14, 600, 16, 22, 2.2, 0.5, 11.5, 1.3)
ben <- draw(460, 10, 625, 12, 24, 1.5, 0.1, 12.5, 1.0)

# The designed defects of the study (in the local group only).
FAIL_A   <- 7    # L-07: elongation after fracture forced to 15.0 % (< 16 % of GB HRB400)
MISS_AGT <- 19   # L-19: Agt result left empty (a missing result)
stopifnot(all(loc$a[-FAIL_A] >= 16), all(ben$a >= 16))   # no other sample fails A
loc$a[FAIL_A] <- 15.0

fmt_int <- function(x) sprintf("%d", as.integer(x))
fmt_1   <- function(x) sprintf("%.1f", x)
fmt_2   <- function(x) sprintf("%.2f", x)

rows <- function(g, prefix, manufacturer, group, lab, date, mpa_unit) {
  ratio <- round(g$rm / g$rel, 2)           # Rm/ReL of the same sample, as reported
  out <- character(0)
  for (i in seq_len(n)) {
    id <- sprintf("%s-%02d", prefix, i)
    agt <- fmt_1(g$agt[i])
    if (group == "local" && i == MISS_AGT) agt <- ""
    ind  <- c("yield_strength", "tensile_strength", "elongation_after_fracture",
              "total_elongation_max_force", "tensile_yield_ratio")
    val  <- c(fmt_int(g$rel[i]), fmt_int(g$rm[i]), fmt_1(g$a[i]), agt, fmt_2(ratio[i]))
    unit <- c(mpa_unit, mpa_unit, "%", "%", "")
    out <- c(out, paste(id, "steel-rebar", manufacturer, group, sprintf("%d", diam[i]),
                        ind, val, unit, lab, date, sep = ","))
  }
  out
}

header <- "sample_id,product,manufacturer,group,nominal_diameter,indicator,value,unit,lab,date"
lines <- c(header,
           rows(loc, "L", "Local Mill Co.", "local", "City Quality Inspection Institute",
                "2026-10-12", "MPa"),
           rows(ben, "B", "Intl Steel AG", "benchmark", "Intl Materials Test House",
                "2026-10-19", "N/mm2"))

con <- file("rebar.csv", open = "wb")       # binary: LF line ends on every platform
writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
close(con)
cat(sprintf("rebar.csv: %d results\n", length(lines) - 1))
