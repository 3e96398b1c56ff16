# Generates rohs.csv: a synthetic reference study of restricted substances (RoHS) in
# homogeneous materials of electrical and electronic products.
# Run from this directory:  Rscript generate.R
# Base R only. The output depends only on the seed below and this script.

set.seed(20261115)

# ---- samples -------------------------------------------------------------------------------
# One sample = one homogeneous material taken from one product. 12 local, 12 benchmark.
materials <- c("PVC power cord sheath", "ABS housing", "PCB solder joint", "PC/ABS bezel",
               "PVC internal wire insulation", "zinc-plated steel screw")
samples <- data.frame(
  sample_id = c(sprintf("L-%02d", 1:12), sprintf("B-%02d", 1:12)),
  group = rep(c("local", "benchmark"), each = 12),
  manufacturer = c(rep(c("Lakeside Electronics Co.", "Riverbend Appliance Co.",
                         "Northgate Power Tools Co."), each = 4),
                   rep(c("Intl Consumer Electronics AG", "Global Home Appliances Inc."),
                       each = 6)),
  material = c(rep(materials[c(1, 2, 3, 5)], 3), rep(materials, 2)),
  stringsAsFactors = FALSE)

# ---- indicators ----------------------------------------------------------------------------
# For each indicator and group: the probability that the substance is detected, the lognormal
# median and log-sd of a detected value (mg/kg), and the reporting bound of a non-detect.
# The local lab (ICP-OES / GC-MS / UV-Vis) writes "ND" with the lod in a lod column, in mg/kg;
# the benchmark lab writes "<bound" in ppm (= mg/kg).
ind <- data.frame(
  indicator = c("lead_content", "mercury_content", "cadmium_content",
                "hexavalent_chromium_content", "pbb_content", "pbde_content",
                "dehp_content", "bbp_content", "dbp_content", "dibp_content"),
  technique = c("ICP-OES", "ICP-OES", "ICP-OES", "UV-Vis (diphenylcarbazide)", "GC-MS",
                "GC-MS", "GC-MS", "GC-MS", "GC-MS", "GC-MS"),
  p_loc = c(0.90, 0, 0.35, 0.25, 0, 0.10, 0.60, 0, 0.25, 0.10),
  med_loc = c(90, 1, 6, 15, 1, 30, 180, 1, 80, 70),
  p_ben = c(0.60, 0, 0.20, 0, 0, 0, 0.50, 0, 0.15, 0),
  med_ben = c(20, 1, 4, 1, 1, 1, 90, 1, 60, 1),
  lsd = c(0.6, 0, 0.5, 0.3, 0, 0.3, 0.6, 0, 0.3, 0.3),
  lod_loc = c(2, 2, 2, 8, 5, 5, 50, 50, 50, 50),
  bound_ben = c(5, 2, 2, 10, 5, 5, 50, 50, 50, 50),
  stringsAsFactors = FALSE)

# Random numbers are drawn in this fixed order; do not reorder the calls.
values <- list()
for (k in seq_len(nrow(ind))) {
  r <- ind[k, ]
  det_loc <- runif(12) < r$p_loc
  det_ben <- runif(12) < r$p_ben
  x_loc <- round(r$med_loc * exp(rnorm(12, 0, r$lsd)))
  x_ben <- round(r$med_ben * exp(rnorm(12, 0, r$lsd)))
  # a detected value is reported only above the reporting bound
  det_loc <- det_loc & x_loc >= r$lod_loc
  det_ben <- det_ben & x_ben >= r$bound_ben
  v_loc <- ifelse(det_loc, sprintf("%d", x_loc), "ND")
  v_ben <- ifelse(det_ben, sprintf("%d", x_ben), sprintf("<%d", r$bound_ben))
  values[[r$indicator]] <- c(v_loc, v_ben)
}

# The designed features of the study.
FAIL_CD  <- "L-05"   # local PVC power cord sheath: cadmium 186 mg/kg (> 0.01 % = 100 mg/kg)
MISS_DBP <- "L-10"   # local DBP result not reported (a missing result)
stopifnot(samples$material[samples$sample_id == FAIL_CD] == "PVC power cord sheath")
det <- function(v) !grepl("^(ND|<)", v)
num <- function(v) suppressWarnings(as.numeric(v))
# nothing else comes near a limit: every detected value is below half its limit
lim_mgkg <- c(lead_content = 1000, mercury_content = 1000, cadmium_content = 100,
              hexavalent_chromium_content = 1000, pbb_content = 1000, pbde_content = 1000,
              dehp_content = 1000, bbp_content = 1000, dbp_content = 1000, dibp_content = 1000)
for (i in names(values)) stopifnot(all(num(values[[i]][det(values[[i]])]) < lim_mgkg[[i]] / 2))
values$cadmium_content[samples$sample_id == FAIL_CD] <- "186"
values$dbp_content[samples$sample_id == MISS_DBP] <- ""

# ---- rows ----------------------------------------------------------------------------------
header <- "sample_id,product,manufacturer,group,material,indicator,value,unit,lod,technique,lab,date"
lines <- header
for (s in seq_len(nrow(samples))) {
  loc <- samples$group[s] == "local"
  for (k in seq_len(nrow(ind))) {
    v <- values[[ind$indicator[k]]][s]
    lod <- if (loc && v == "ND") sprintf("%d", ind$lod_loc[k]) else ""
    lines <- c(lines, paste(
      samples$sample_id[s], "electrical-electronic-product",
      samples$manufacturer[s], samples$group[s], samples$material[s], ind$indicator[k], v,
      if (loc) "mg/kg" else "ppm", lod, ind$technique[k],
      if (loc) "City Quality Inspection Institute" else "Intl EEE Test House",
      if (loc) "2026-10-20" else "2026-10-27", sep = ","))
  }
}

con <- file("rohs.csv", open = "wb")        # binary: LF line ends on every platform
writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
close(con)
cat(sprintf("rohs.csv: %d results\n", length(lines) - 1))
for (i in names(values)) {
  v <- values[[i]]
  cat(sprintf("%-28s local %2d detected, benchmark %2d detected\n", i,
              sum(det(v[1:12]) & v[1:12] != ""), sum(det(v[13:24]) & v[13:24] != "")))
}
