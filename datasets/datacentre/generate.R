# Generates datacentre.csv: a synthetic reference study of data-centre energy efficiency:
# quarterly PUE of a local operator's sites and of two benchmark operators' sites, 2024-2025,
# each site-quarter read from two meters (the replicates share a sample_id).
# Run from this directory:  Rscript generate.R
# Base R only. The output depends only on the seed below and this script.

set.seed(20261201)

sites <- data.frame(
  site  = c("L-DC1", "L-DC2", "L-DC3", "A-DC1", "A-DC2", "B-DC1", "B-DC2"),
  group = c("local", "local", "local", "bench-a", "bench-a", "bench-b", "bench-b"),
  operator = c(rep("Capital Cloud Data Centres Co.", 3), rep("Northstar Cloud Ltd.", 2),
               rep("Polar Compute AB", 2)),
  base  = c(1.36, 1.39, 1.42, 1.17, 1.20, 1.24, 1.27),     # site's annual PUE level, 2024
  amp   = c(1, 1, 1, 0.5, 0.5, 0.6, 0.6),                  # how strongly the season shows
  gain  = c(0.02, 0.02, 0.02, 0.01, 0.01, 0.01, 0.01),     # improvement from 2024 to 2025
  stringsAsFactors = FALSE)
years <- c(2024, 2025)
season <- c(Q1 = -0.05, Q2 = 0.01, Q3 = 0.07, Q4 = -0.03)  # cooling load through the year

# Random numbers are drawn in this fixed order; do not reorder the calls.
q <- expand.grid(quarter = names(season), year = years, site = sites$site,
                 stringsAsFactors = FALSE)[, c("site", "year", "quarter")]
s <- sites[match(q$site, sites$site), ]
q$true <- s$base + s$amp * season[q$quarter] - s$gain * (q$year - 2024) +
          rnorm(nrow(q), 0, 0.015)
q$meter_a <- round(q$true + rnorm(nrow(q), 0, 0.008), 3)   # utility revenue meters
q$meter_b <- round(q$true + rnorm(nrow(q), 0, 0.008), 3)   # BMS sub-metering

# The designed features of the study.
MISS <- which(q$site == "L-DC2" & q$year == 2025 & q$quarter == "Q2")  # BMS reading lost
q$meter_b_txt <- sprintf("%.3f", q$meter_b)
q$meter_b_txt[MISS] <- ""
merged <- ifelse(q$meter_b_txt == "", q$meter_a, (q$meter_a + q$meter_b) / 2)
# No merged value lies on a limit (1.2, 1.3, 1.35, 1.5): a decision must not hinge on the last
# bit of a mean of two readings.
stopifnot(all(abs(outer(merged, c(1.2, 1.3, 1.35, 1.5), "-")) > 1e-6))

q$batch <- sprintf("%dQ%s", q$year, substr(q$quarter, 2, 2))
q$sample_id <- sprintf("%s-%s", q$site, q$batch)
q$group <- s$group
q$operator <- s$operator

header <- "sample_id,product,operator,group,site,year,batch,meter,indicator,value,unit"
lines <- header
for (i in seq_len(nrow(q))) {
  for (m in c("utility", "BMS")) {
    v <- if (m == "utility") sprintf("%.3f", q$meter_a[i]) else q$meter_b_txt[i]
    lines <- c(lines, paste(q$sample_id[i], "data-centre-energy-efficiency", q$operator[i],
                            q$group[i], q$site[i], q$year[i], q$batch[i], m, "PUE", v, "",
                            sep = ","))
  }
}

con <- file("datacentre.csv", open = "wb")  # binary: LF line ends on every platform
writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
close(con)
cat(sprintf("datacentre.csv: %d results, %d site-quarters\n", length(lines) - 1, nrow(q)))
print(aggregate(merged, list(site = q$site), function(v) round(c(mean = mean(v), max = max(v)), 3)))
