# oracle.R — R helpers shared by the datasets' expected.R scripts (sourced as "../oracle.R"
# from a dataset's directory). They compute, independently of qcompare, the statistics every
# reference study checks the same way.

# Normality: R shapiro.test (Royston) and nortest::ad.test (Stephens' adjustment and its p).
normality <- function(x) {
  sw <- shapiro.test(x); ad <- nortest::ad.test(x)
  list(anderson_darling = list(statistic = unname(ad$statistic), p_value = ad$p.value),
       shapiro_wilk = list(statistic = unname(sw$statistic), p_value = sw$p.value))
}

# Grubbs two-sided, the formula of outliers::grubbs.test type 10: G = max|x - mean|/sd,
# t = sqrt(n(n-2)G^2/((n-1)^2 - nG^2)), p = min(1, 2n P(T_{n-2} > t)). With G at its bound
# (n - 1)/sqrt(n) (one value apart, all others equal) t is infinite and p = 0; rounding can put
# the denominator a hair below 0.
grubbs_p <- function(n, G) {
  den <- (n - 1)^2 - n * G^2
  if (den <= 1e-9 * (n - 1)^2) return(0)
  min(1, 2 * n * pt(sqrt(n * (n - 2) * G^2 / den), n - 2, lower.tail = FALSE))
}

# outliers{grubbs{statistic, p_value}} of a group.
outliers <- function(x) {
  G <- max(abs(x - mean(x))) / sd(x)
  list(grubbs = list(statistic = G, p_value = grubbs_p(length(x), G)))
}

# The same with the suspect value, its sample id and line (ids, lines parallel to x); the
# suspect must be unique for the check to mean anything.
grubbs <- function(x, ids, lines) {
  dev <- abs(x - mean(x)); G <- max(dev) / sd(x); i <- which.max(dev)
  stopifnot(sum(dev == max(dev)) == 1)
  list(statistic = G, p_value = grubbs_p(length(x), G), value = x[i], sample_id = ids[i],
       line = lines[i])
}

# The location, spread and interval fields of a group summary: mean, sd, cv, quartiles (R type
# 7, the engine's and Hyndman-Fan's definition 7), min, max, the t interval of the mean at the
# confidence CONF that the sourcing script sets, and the robust IQR and MAD (scaled 1.4826).
descriptives <- function(x) {
  q <- quantile(x, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  list(mean = mean(x), sd = sd(x), cv = sd(x) / abs(mean(x)),
       median = q[2], q1 = q[1], q3 = q[3], min = min(x), max = max(x),
       mean_ci = as.numeric(t.test(x, conf.level = CONF)$conf.int),
       robust = list(iqr = IQR(x, type = 7), mad = mad(x)))
}
