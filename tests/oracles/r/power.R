# power.R — oracle for engine/stats/power.c: R's non-central t (pt with ncp, AS 243) and
# power.t.test.
#
# Regenerate (from the repository root; base R only; the committed CSV came from R 4.2.2):
#   Rscript tests/oracles/r/power.R > tests/oracles/r/power_expected.csv
# Commit the script and its output together; tests/unit/test_groups.c reads the CSV and never
# runs R. Numbers are written with sprintf("%.17g") so they round-trip to the same double.
#
# Long format: case,what,value.
#   nct_<i>:  t, df, ncp, lower = pt(t, df, ncp), upper = pt(t, df, ncp, lower.tail = FALSE).
#             R's pnt is accurate to about 1e-12 absolute; its upper tail is 1 - lower, so
#             only the absolute error means anything there. df stays below 4e5 (above it R
#             switches to a normal approximation) and |ncp| below 37.62 (AS 243's range).
#             warned = 1 when R warned "full precision may not have been achieved in
#             'pnt{final}'" (deep tails, below about 1e-10): there R is good to ~1e-12 absolute.
#   central_<i>: t, df, lower = pt(t, df), upper = pt(t, df, lower.tail = FALSE) (central t,
#             no ncp argument: R computes each tail directly, accurate far into the tails).
#   mdd_<i>:  n1, n2, sd, alpha, power, delta.
#             n1 == n2: delta = power.t.test(n = n1, sd = sd, sig.level = alpha, power = power,
#             tol = 1e-13)$delta (default type two-sample, two-sided, strict = FALSE), and
#             delta_default_tol the same with R's default tol = .Machine$double.eps^0.25
#             (good to about 1e-4 only, recorded to show why the test uses the tight one).
#             n1 != n2: the same equation written out for the pooled t test, solved with
#             uniroot(tol = 1e-13): pt(qt(alpha/2, df, lower = FALSE), df,
#             ncp = delta / (sd * sqrt(1/n1 + 1/n2)), lower = FALSE) = power, df = n1 + n2 - 2.
#             For n1 == n2 this is the power.t.test equation (checked below with stopifnot).

f <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
out <- function(case, what, v) cat(case, ",", what, ",", f(v), "\n", sep = "")
cat("case,what,value\n")

i <- 0
for (df in c(1, 2.5, 7, 38, 300, 20000)) {
  for (ncp in c(0, 0.7, 2.8, -1.5, 6)) {
    for (t in c(-2, 0.5, 1.96, 3.3, 8)) {
      i <- i + 1
      case <- sprintf("nct_%03d", i)
      out(case, "t", t); out(case, "df", df); out(case, "ncp", ncp)
      warned <- 0
      keep <- function(e) { warned <<- 1; invokeRestart("muffleWarning") }
      lo <- withCallingHandlers(pt(t, df, ncp), warning = keep)
      up <- withCallingHandlers(pt(t, df, ncp, lower.tail = FALSE), warning = keep)
      out(case, "lower", lo)
      out(case, "upper", up)
      out(case, "warned", warned)
    }
  }
}

# Central t, each tail directly (pt without ncp: pbeta based), far tails included.
i <- 0
for (df in c(1, 4.5, 60, 1000)) {
  for (t in c(-30, -2.5, 1.3, 12, 40)) {
    i <- i + 1
    case <- sprintf("central_%02d", i)
    out(case, "t", t); out(case, "df", df)
    out(case, "lower", pt(t, df)); out(case, "upper", pt(t, df, lower.tail = FALSE))
  }
}

mdd_pooled <- function(n1, n2, sd, alpha, power) {
  df <- n1 + n2 - 2
  tc <- qt(alpha / 2, df, lower.tail = FALSE)
  pw <- function(delta) pt(tc, df, ncp = delta / (sd * sqrt(1 / n1 + 1 / n2)),
                           lower.tail = FALSE) - power
  uniroot(pw, sd * c(1e-7, 1e7), tol = 1e-13, extendInt = "upX")$root
}
i <- 0
row <- function(n1, n2, sd, alpha, power) {
  i <<- i + 1
  case <- sprintf("mdd_%02d", i)
  out(case, "n1", n1); out(case, "n2", n2); out(case, "sd", sd)
  out(case, "alpha", alpha); out(case, "power", power)
  if (n1 == n2) {
    d <- power.t.test(n = n1, sd = sd, sig.level = alpha, power = power, tol = 1e-13)$delta
    stopifnot(abs(d - mdd_pooled(n1, n2, sd, alpha, power)) < 1e-9 * d)
    out(case, "delta", d)
    out(case, "delta_default_tol",
        power.t.test(n = n1, sd = sd, sig.level = alpha, power = power)$delta)
  } else {
    out(case, "delta", mdd_pooled(n1, n2, sd, alpha, power))
  }
}
for (n in c(2, 3, 5, 10, 30, 100, 1000)) row(n, n, 1, 0.05, 0.8)
row(6, 6, 0.37, 0.01, 0.8)
row(12, 12, 12.5, 0.10, 0.8)
row(20, 20, 2, 0.05, 0.9)
row(4, 4, 1, 0.05, 0.5)
row(5, 12, 1, 0.05, 0.8)
row(30, 8, 3.2, 0.05, 0.8)
row(2, 200, 1, 0.01, 0.8)
row(150, 90, 0.05, 0.10, 0.9)
