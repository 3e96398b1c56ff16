# groups.R — oracle for engine/stats/anova.c (one-way ANOVA, Welch ANOVA), ranks.c
# (Kruskal–Wallis) and dispersion.c (Brown–Forsythe of k groups): R's own anova(lm()),
# oneway.test and kruskal.test; Brown–Forsythe (car::leveneTest(center = median), car not
# installed) as the one-way ANOVA of |value - median of its group|.
#
# Regenerate (from the repository root; base R only; the committed CSV came from R 4.2.2):
#   Rscript tests/oracles/r/groups.R > tests/oracles/r/groups_expected.csv
# Commit the script and its output together; tests/unit/test_groups.c reads the CSV and never
# runs R. Numbers are written with sprintf("%.17g") so they round-trip to the same double.
#
# Long format, one value per row: case,what,value. Rows with what = "g1", "g2", … are the data
# of group 1, 2, … in order (groups in factor-level order). Result rows:
#   ssb, ssw, dfb, dfw, msb, msw, F, p, r2    anova(lm(y ~ g))
#   welch_F, welch_df1, welch_df2, welch_p    oneway.test(y ~ g, var.equal = FALSE)
#   kw_H, kw_df, kw_p                         kruskal.test(y ~ g)
#   bf_F, bf_df1, bf_df2, bf_p                anova(lm(|y - median_g(y)| ~ g))

f <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
out <- function(case, what, v) for (e in v) cat(case, ",", what, ",", f(e), "\n", sep = "")
cat("case,what,value\n")

nag <- read.csv("tests/oracles/published/nag_g08afc_kruskal_wallis.csv")
aq <- datasets::airquality
aq <- aq[!is.na(aq$Ozone), ]
set.seed(19730116)
cases <- list(
  # NAG g08afc example (ties): NAG prints H = 10.537, df 4, p 0.032.
  nag_g08afc = list(y = nag$value, g = nag$group),
  # Hollander & Wolfe (1973) p. 116, R's kruskal.test example: chi-squared 0.77143, p 0.68.
  hw_p116 = list(y = c(2.9, 3.0, 2.5, 2.6, 3.2, 3.8, 2.7, 4.0, 2.4, 2.8, 3.4, 3.7, 2.2, 2.0),
                 g = rep(1:3, c(5, 4, 5))),
  # R's kruskal.test example: Ozone by Month (NA dropped): chi-squared 29.267, p 6.901e-06.
  ozone_month = list(y = aq$Ozone, g = aq$Month),
  # R's oneway.test example: sleep extra by group (k = 2): F 3.4626, df 17.776, p 0.07939.
  sleep = list(y = datasets::sleep$extra, g = datasets::sleep$group),
  PlantGrowth = list(y = datasets::PlantGrowth$weight, g = datasets::PlantGrowth$group),
  InsectSprays = list(y = datasets::InsectSprays$count, g = datasets::InsectSprays$spray),
  warpbreaks = list(y = datasets::warpbreaks$breaks, g = datasets::warpbreaks$tension),
  # Unequal sizes and spreads, k = 5, one group of 2.
  unequal = list(y = round(c(rnorm(7, 10, 1), rnorm(2, 11, 0.3), rnorm(15, 10.5, 3),
                             rnorm(4, 9, 0.5), rnorm(30, 10.2, 1.5)), 4),
                 g = rep(1:5, c(7, 2, 15, 4, 30)))
)
for (name in names(cases)) {
  y <- cases[[name]]$y
  g <- factor(cases[[name]]$g)
  for (i in seq_along(levels(g))) out(name, paste0("g", i), y[g == levels(g)[i]])
  a <- anova(lm(y ~ g))
  out(name, "ssb", a[["Sum Sq"]][1]); out(name, "ssw", a[["Sum Sq"]][2])
  out(name, "dfb", a$Df[1]); out(name, "dfw", a$Df[2])
  out(name, "msb", a[["Mean Sq"]][1]); out(name, "msw", a[["Mean Sq"]][2])
  out(name, "F", a[["F value"]][1]); out(name, "p", a[["Pr(>F)"]][1])
  out(name, "r2", summary(lm(y ~ g))$r.squared)
  w <- oneway.test(y ~ g, var.equal = FALSE)
  out(name, "welch_F", unname(w$statistic))
  out(name, "welch_df1", unname(w$parameter[1])); out(name, "welch_df2", unname(w$parameter[2]))
  out(name, "welch_p", w$p.value)
  k <- kruskal.test(y ~ g)
  out(name, "kw_H", unname(k$statistic)); out(name, "kw_df", unname(k$parameter))
  out(name, "kw_p", k$p.value)
  z <- abs(y - ave(y, g, FUN = median))
  b <- anova(lm(z ~ g))
  out(name, "bf_F", b[["F value"]][1]); out(name, "bf_df1", b$Df[1]); out(name, "bf_df2", b$Df[2])
  out(name, "bf_p", b[["Pr(>F)"]][1])
}
