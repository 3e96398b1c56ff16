# datatable.R — the comparator an R analyst would write for bench/run.sh: the same work as
# `qcompare analyze` on a bench/gen_results study, in R data.table.
#   fread the long-layout results; per product × indicator × group: n, n_missing, mean, sd,
#   min, max, median, q1, q3 (type 7, R's default); per product × indicator: Welch t of the
#   subject against the reference from those summaries (t, df, two-sided p) and Holm across the
#   product's indicators; conformity against each limit (limits.csv, the same numbers as the
#   generated rules): pass and fail counts per group and every failing result; JSON via jsonlite.
# usage: Rscript bench/datatable.R DIR OUT.json   (DIR holds results.csv, limits.csv, study.json)
suppressPackageStartupMessages({library(data.table); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript bench/datatable.R DIR OUT.json")
dir <- args[1]
study <- fromJSON(file.path(dir, "study.json"))
subject <- study$groups$subject
reference <- study$groups$reference

res <- fread(file.path(dir, "results.csv"))
lim <- fread(file.path(dir, "limits.csv"), colClasses = c("character", "character", "numeric", "numeric"))

groups <- res[, .(n = sum(!is.na(value)), n_missing = sum(is.na(value)),
                  mean = mean(value, na.rm = TRUE), sd = sd(value, na.rm = TRUE),
                  min = min(value, na.rm = TRUE), max = max(value, na.rm = TRUE),
                  median = median(value, na.rm = TRUE),
                  q1 = quantile(value, 0.25, na.rm = TRUE, names = FALSE),
                  q3 = quantile(value, 0.75, na.rm = TRUE, names = FALSE)),
              keyby = .(product, indicator, group)]

# Welch t on the summaries: subject − reference
s <- groups[group == subject, .(product, indicator, n1 = n, m1 = mean, v1 = sd^2)]
r <- groups[group == reference, .(product, indicator, n2 = n, m2 = mean, v2 = sd^2)]
cmp <- s[r, on = .(product, indicator), nomatch = NULL]
cmp[, `:=`(se2 = v1 / n1 + v2 / n2)]
cmp[, `:=`(difference = m1 - m2, t = (m1 - m2) / sqrt(se2),
           df = se2^2 / ((v1 / n1)^2 / (n1 - 1) + (v2 / n2)^2 / (n2 - 1)))]
cmp[, p_value := 2 * pt(-abs(t), df)]
cmp[, p_adjusted := p.adjust(p_value, "holm"), by = product]
cmp <- cmp[, .(product, indicator, difference, t, df, p_value, p_adjusted)]

# conformity against each limit (simple rule: a result on the limit passes)
j <- lim[res, on = .(product, indicator), nomatch = NULL][!is.na(value)]
j[, fail := (!is.na(min) & value < min) | (!is.na(max) & value > max)]
conformity <- j[, .(pass = sum(!fail), fail = sum(fail)), keyby = .(product, indicator, group)]
nonconforming <- j[fail == TRUE, .(product, indicator, group, sample_id, value)]

write_json(list(groups = groups, comparisons = cmp, conformity = conformity,
                nonconforming = nonconforming),
           args[2], dataframe = "rows", digits = NA, na = "null", auto_unbox = TRUE)
