# Makes concrete.csv (wide layout, ";"-delimited, DESIGN.md §4.1) from the UCI copy in source/.
# Run from this directory:  Rscript prepare.R          (base R only)
#
# source/Concrete_Data.csv is the UCI "Concrete Compressive Strength" data (Yeh 1998) as
# converted to CSV by Daniel-RPS/Concrete-Repository-UCI (";"-delimited, CRLF): 1030 mixes,
# 8 mix/age columns and the compressive strength (MPa). Changes, nothing else:
#   - columns added in front: sample_id (Y0001…Y1030, the row order of the source), product,
#     group (the study's comparison group, below) and all_ages ("all-ages" on every row: the
#     group column of the study's second reading of this file, see README.md);
#   - headers renamed to snake case: cement, blast_furnace_slag, fly_ash, water,
#     superplasticizer, coarse_aggregate, fine_aggregate (kg per m³ of mixture), age_days, and
#     "compressive_strength_cylinder [MPa]" (the indicator id and unit);
#   - LF line ends instead of CRLF. Every value is copied as written.
# group: 28-day results with superplasticizer > 0 "superplasticizer-28d" (the study's subject),
# 28-day results without "no-superplasticizer-28d" (its reference), every other age "other-ages".
src <- read.table("source/Concrete_Data.csv", sep = ";", header = TRUE, colClasses = "character",
                  check.names = FALSE, quote = "", comment.char = "")
stopifnot(nrow(src) == 1030, ncol(src) == 9,
          identical(names(src)[c(5, 8, 9)], c("Superplasticizer", "Age (day)",
                                               "Concrete compressive strength")),
          !any(grepl("\r", as.matrix(src))))
age28 <- as.numeric(src[["Age (day)"]]) == 28
sp <- as.numeric(src$Superplasticizer) > 0
out <- data.frame(
  sample_id = sprintf("Y%04d", seq_len(nrow(src))), product = "structural-concrete",
  group = ifelse(age28, ifelse(sp, "superplasticizer-28d", "no-superplasticizer-28d"), "other-ages"),
  all_ages = "all-ages",
  cement = src[[1]], blast_furnace_slag = src[[2]], fly_ash = src[[3]], water = src[[4]],
  superplasticizer = src[[5]], coarse_aggregate = src[[6]], fine_aggregate = src[[7]],
  age_days = src[[8]], `compressive_strength_cylinder [MPa]` = src[[9]], check.names = FALSE)
write.table(out, "concrete.csv", sep = ";", row.names = FALSE, quote = FALSE, eol = "\n")
cat("concrete.csv written:", nrow(out), "results;", table(out$group), "\n")
