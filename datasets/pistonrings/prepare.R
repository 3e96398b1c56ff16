# Makes pistonrings.csv (long layout, DESIGN.md §4.1) from the qcc copy in source/.
# Run from this directory:  Rscript prepare.R          (base R only)
#
# source/pistonrings.txt is qcc's data/pistonrings.txt as distributed: 200 inside diameters
# (mm) of forged piston rings, 40 subgroups (`sample`) of 5, `trial` TRUE for the 25 phase I
# subgroups. Changes, nothing else: one row per ring in the long layout; `sample` becomes the
# context column `batch` (the subgroups of the within-subgroup sigma, DESIGN §4.1); a
# sample_id "S<subgroup>-<k>" (k = position within the subgroup) and product, indicator and unit
# columns are added; diameter and trial are copied as written ("74.030", "TRUE"/"FALSE").
src <- read.table("source/pistonrings.txt", header = TRUE, colClasses = "character")
stopifnot(identical(names(src), c("diameter", "sample", "trial")), nrow(src) == 200,
          all(src$trial %in% c("TRUE", "FALSE")))
k <- ave(seq_len(nrow(src)), src$sample, FUN = seq_along)
out <- data.frame(sample_id = sprintf("S%02d-%d", as.integer(src$sample), k),
                  product = "piston-ring", batch = src$sample, trial = src$trial,
                  indicator = "inside_diameter", value = src$diameter, unit = "mm")
write.csv(out, "pistonrings.csv", row.names = FALSE, quote = FALSE, eol = "\n")
cat("pistonrings.csv written:", nrow(out), "rings,", sum(out$trial == "TRUE"), "in phase I\n")
