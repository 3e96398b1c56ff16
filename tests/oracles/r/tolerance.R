# tolerance.R — oracle for engine/stats/tolerance.c: the non-central t distribution (R's pt and
# qt with ncp, algorithm AS 243 and its inversion) and the normal tolerance factors.
#
# Regenerate (from the repository root; needs only base R; the committed CSV came from R 4.2.2):
#   Rscript tests/oracles/r/tolerance.R > tests/oracles/r/tolerance_expected.csv
# Commit the script and its output together; tests/unit/test_shape.c reads the CSV and never
# runs R. Numbers are written with sprintf("%.17g").
#
# Rows: kind, a, b, c, value where kind is
#   pt       a = df, b = ncp, c = t:  pt(t, df, ncp)            (lower tail)
#   qt       a = df, b = ncp, c = p:  qt(p, df, ncp)
#   k2_howe  a = n, b = coverage P, c = confidence g: Howe's two-sided factor
#            sqrt((n - 1) (1 + 1/n) qnorm((1 + P)/2)^2 / qchisq(1 - g, n - 1))
#   k1_exact a = n, b = coverage P, c = confidence g: one-sided factor
#            qt(g, n - 1, ncp = qnorm(P) sqrt(n)) / sqrt(n)
# R's pnt switches to a normal approximation when ncp > 37.62 (or df > 4e5), so every case here
# keeps ncp below that; R documents about 12 correct digits for pnt otherwise.
f <- function(v) sprintf("%.17g", v)
row <- function(...) cat(paste(..., sep = ","), "\n", sep = "")
cat("kind,a,b,c,value\n")
pt_cases <- list(c(42, 8.403634, 10), c(42, 8.403634, 11.9), c(42, 8.403634, 13.5),
                 c(1, 0.5, 2), c(1, 0, 1), c(2, 1.5, -0.5), c(5, -2, -1), c(10, 3, 3),
                 c(30, 20, 25), c(250, 30, 31), c(3.5, 2.2, 4.7), c(100, 0, 1.5))
for (k in pt_cases) row("pt", f(k[1]), f(k[2]), f(k[3]), f(pt(k[3], k[1], ncp = k[2])))
qt_cases <- list(c(42, 8.403634, 0.99), c(42, 8.403634, 0.5), c(9, 3.2, 0.95), c(1, 0.5, 0.9),
                 c(2, 1, 0.05), c(20, -1.5, 0.3), c(60, 12, 0.999), c(4, 0, 0.975))
for (k in qt_cases) row("qt", f(k[1]), f(k[2]), f(k[3]), f(qt(k[3], k[1], ncp = k[2])))
kcases <- list(c(43, 0.90, 0.99), c(10, 0.95, 0.95), c(2, 0.90, 0.90), c(25, 0.99, 0.95),
               c(100, 0.90, 0.95), c(5, 0.75, 0.90), c(30, 0.95, 0.99))
for (k in kcases) {
  n <- k[1]; P <- k[2]; g <- k[3]
  k2 <- sqrt((n - 1) * (1 + 1 / n) * qnorm((1 + P) / 2)^2 / qchisq(1 - g, n - 1))
  k1 <- qt(g, n - 1, ncp = qnorm(P) * sqrt(n)) / sqrt(n)
  row("k2_howe", f(n), f(P), f(g), f(k2))
  row("k1_exact", f(n), f(P), f(g), f(k1))
}
