# Makes ceramic.csv (wide layout, DESIGN.md §4.1) from the NIST JAHANMI2 copy in source/.
# Run from this directory:  Rscript prepare.R          (base R only)
#
# Changes to the source file, nothing else: a sample_id (J001…J480, the row order of the
# source) and a product column are added in front; the response column Y is renamed
# "flexural_strength [MPa]" (its indicator id and unit); Lab, Batch, X1, X2, X3 and every value
# are copied as written.
src <- read.csv("source/ceramic-strength.csv", colClasses = "character", check.names = FALSE)
stopifnot(identical(names(src), c("Lab", "Batch", "Y", "X1", "X2", "X3")), nrow(src) == 480)
out <- data.frame(sample_id = sprintf("J%03d", seq_len(nrow(src))),
                  product = "silicon-nitride-ceramic",
                  Lab = src$Lab, Batch = src$Batch, X1 = src$X1, X2 = src$X2, X3 = src$X3,
                  `flexural_strength [MPa]` = src$Y, check.names = FALSE)
write.csv(out, "ceramic.csv", row.names = FALSE, quote = FALSE, eol = "\n")
cat("ceramic.csv written:", nrow(out), "specimens\n")
