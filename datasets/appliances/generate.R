# Generates appliances.csv: a synthetic reference study of restricted substances in small
# household appliances (kettles, hair dryers, toasters, fans: light-industry products under the
# RoHS rules), with heavy censoring at several detection limits (issue 12).
# Run from this directory:  Rscript generate.R
# Base R only. The output depends only on the seed below and this script.

set.seed(20261201)

# ---- samples -------------------------------------------------------------------------------
# One sample = one homogeneous material of one appliance. 20 local (two makers), 16 benchmark
# (two importers). The detection limit of a result depends on the material (how much of it
# could be digested) and on the lab: the local lab writes "<LOD", the benchmark lab "ND" with the
# lod in its own column.
materials <- c("PVC mains cable sheath", "PP housing", "silicone seal", "brass terminal",
               "PCB solder joint")
samples <- data.frame(
  sample_id = c(sprintf("L-%02d", 1:20), sprintf("B-%02d", 1:16)),
  group = rep(c("local", "benchmark"), c(20, 16)),
  maker = c(rep(c("Harbour Home Appliances Co.", "Greenfield Electric Co."), each = 10),
            rep(c("Nordic Kitchen AB", "Pacific Living Ltd."), each = 8)),
  material = c(rep(materials, 4), rep(materials, 4)[1:16]),
  stringsAsFactors = FALSE)
mat <- match(samples$material, materials)

# ---- substances ------------------------------------------------------------------------------
# P(detected) local / benchmark, lognormal median (mg/kg) and log-sd of a detected value, and
# the detection limits by material (materials 1..5) of each lab.
sub <- list(
  lead_content = list(p = c(0.80, 0.70), med = c(40, 15), lsd = 0.8,
                      lod_loc = c(5, 2, 2, 10, 10), lod_ben = c(3, 1, 1, 8, 8)),
  mercury_content = list(p = c(0, 0), med = c(1, 1), lsd = 0,
                         lod_loc = c(2, 0.5, 0.5, 2, 2), lod_ben = c(1, 1, 1, 1, 1)),
  cadmium_content = list(p = c(0.15, 0.08), med = c(8, 5), lsd = 0.5,
                         lod_loc = c(2, 1, 1, 5, 5), lod_ben = c(2, 0.5, 0.5, 2, 2)),
  hexavalent_chromium_content = list(p = c(0.12, 0.05), med = c(20, 15), lsd = 0.4,
                                     lod_loc = c(10, 5, 5, 10, 10), lod_ben = c(8, 8, 8, 8, 8)),
  pbb_content = list(p = c(0, 0), med = c(1, 1), lsd = 0,
                     lod_loc = c(5, 5, 25, 5, 5), lod_ben = c(10, 10, 10, 10, 10)),
  pbde_content = list(p = c(0.06, 0), med = c(40, 1), lsd = 0.4,
                      lod_loc = c(5, 5, 25, 5, 5), lod_ben = c(10, 10, 10, 10, 10)),
  dehp_content = list(p = c(0.65, 0.45), med = c(100, 70), lsd = 0.5,
                      lod_loc = c(50, 100, 100, 50, 50), lod_ben = c(30, 50, 50, 30, 30)))

# Random numbers are drawn in this fixed order; do not reorder the calls.
fmt <- function(v) sub("\\.?0+$", "", sprintf("%.1f", v))
values <- list(); lods <- list()
loc <- samples$group == "local"
for (s in names(sub)) {
  r <- sub[[s]]
  p <- ifelse(loc, r$p[1], r$p[2]); med <- ifelse(loc, r$med[1], r$med[2])
  lod <- ifelse(loc, r$lod_loc[mat], r$lod_ben[mat])
  detected <- runif(length(p)) < p
  x <- round(med * exp(rnorm(length(p), 0, r$lsd)), 1)
  detected <- detected & x >= lod        # a value below its detection limit is not reported
  values[[s]] <- ifelse(detected, fmt(x), ifelse(loc, paste0("<", fmt(lod)), "ND"))
  lods[[s]] <- ifelse(!detected & !loc, fmt(lod), "")
}

# The designed feature: one local PVC cable sheath with cadmium 152 mg/kg, above the 0.01 %
# (100 mg/kg) limit of both standards; every other detected value stays below half its limit.
FAIL_CD <- "L-06"
stopifnot(samples$material[samples$sample_id == FAIL_CD] == "PVC mains cable sheath")
lim <- c(lead_content = 1000, mercury_content = 1000, cadmium_content = 100,
         hexavalent_chromium_content = 1000, pbb_content = 1000, pbde_content = 1000,
         dehp_content = 1000)
for (s in names(values)) {
  v <- suppressWarnings(as.numeric(values[[s]]))
  stopifnot(all(is.na(v) | v < lim[[s]] / 2))
}
values$cadmium_content[samples$sample_id == FAIL_CD] <- "152"

# ---- rows ------------------------------------------------------------------------------------
header <- "sample_id,product,maker,group,material,indicator,value,unit,lod,lab"
lines <- header
for (i in seq_len(nrow(samples))) for (s in names(sub))
  lines <- c(lines, paste(samples$sample_id[i], "electrical-electronic-product", samples$maker[i],
                          samples$group[i], samples$material[i], s, values[[s]][i], "mg/kg",
                          lods[[s]][i],
                          if (loc[i]) "Provincial Appliance Test Centre" else "Euro Materials Lab",
                          sep = ","))
con <- file("appliances.csv", open = "wb")
writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
close(con)
cat(sprintf("appliances.csv: %d results\n", length(lines) - 1))
for (s in names(values)) {
  v <- values[[s]]; cen <- grepl("^(<|ND)", v)
  cat(sprintf("%-28s local %2d of 20 censored, benchmark %2d of 16 censored\n", s,
              sum(cen[loc]), sum(cen[!loc])))
}
