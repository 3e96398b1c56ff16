# Makes cans.csv (long layout, DESIGN.md §4.1) from the SAS/QC example copy in source/.
# Run from this directory:  Rscript prepare.R          (base R only)
#
# source/sas_capability_cans_fluid_weight.csv holds the 100 fluid weights (ounces) of the SAS/QC
# PROC CAPABILITY cans example, one column weight_oz. Changes, nothing else: one row per can in
# the long layout with a sample_id (C001…C100, the order of the source) and product, indicator
# and unit columns; the weights are copied as written. The unit is written "oz av" (avoirdupois
# ounce, a mass): UDUNITS-2 reads a bare "oz" as the US fluid ounce, a volume.
src <- read.csv("source/sas_capability_cans_fluid_weight.csv", colClasses = "character")
stopifnot(identical(names(src), "weight_oz"), nrow(src) == 100)
out <- data.frame(sample_id = sprintf("C%03d", seq_len(nrow(src))), product = "canned-beverage",
                  indicator = "fill_weight", value = src$weight_oz, unit = "oz av")
write.csv(out, "cans.csv", row.names = FALSE, quote = FALSE, eol = "\n")
cat("cans.csv written:", nrow(out), "cans\n")
