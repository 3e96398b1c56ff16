# Generates tiles.csv: a synthetic reference study of dry-pressed porcelain tiles, group BIa,
# from three manufacturers (two local, one benchmark), in the long layout with CHINESE HEADERS,
# ENCODED IN GB18030 (what Excel writes on a Chinese Windows).
# Run from this directory:  Rscript generate.R
# Base R only (iconv is part of base R). The output depends only on the seed and this script.

set.seed(20261120)

n <- 15                                    # tiles per manufacturer

# Random numbers are drawn in this fixed order; do not reorder the calls.
# Per maker: water absorption E (%), modulus of rupture R (MPa), measured thickness h (mm).
draw <- function(e_mean, e_sd, e_floor, r_mean, r_sd, h_nom) {
  e <- pmax(round(rnorm(n, e_mean, e_sd), 2), e_floor)
  r <- rnorm(n, r_mean, r_sd)
  h <- round(rnorm(n, h_nom, 0.08), 1)
  list(e = e, r = r, h = h)
}
a <- draw(0.28, 0.08,  0.05, 43, 2.5,  9.5)   # local maker A: well inside BIa
b <- draw(0.52, 0.035, 0.05, 38, 2.0,  9.0)   # local maker B: borderline, thinner tiles
k <- draw(0.08, 0.025, 0.02, 48, 2.0, 10.0)   # benchmark (imported brand)

# The designed defects of the study.
a$e[5] <- 0.64     # 甲-05: one tile above the individual limit E <= 0.6 %
b$r[9] <- 31.4     # 乙-09: one tile below the individual limit R >= 32 MPa

# Breaking strength S = F·l/b and modulus of rupture R = 3·F·l/(2·b·h²) (ISO 10545-4), so
# S = 2·R·h²/3: each tile's S follows from its own R and thickness (N, integer).
for (m in c("a", "b", "k")) {
  g <- get(m)
  g$s <- round(2 * g$r * g$h^2 / 3)
  g$r <- round(g$r, 1)
  assign(m, g)
}

# Checks on what the study is meant to show (README "What the study shows").
stopifnot(sum(a$e > 0.6) == 1, mean(a$e) <= 0.5,            # A: one individual fail, mean ok
          all(b$e <= 0.6), mean(b$e) > 0.5,                 # B: every tile ok, the mean is not
          all(k$e <= 0.6), mean(k$e) <= 0.5,
          sum(a$r < 32) == 0, sum(b$r < 32) == 1, sum(k$r < 32) == 0,
          mean(a$r) >= 35, mean(b$r) >= 35, mean(k$r) >= 35,
          all(c(a$s, b$s, k$s) >= 1300), all(c(a$h, b$h, k$h) >= 7.5))

makers <- list(
  list(g = a, prefix = "甲", maker = "甲地瓷业有限公司", group = "本地甲", date = "2026-10-20"),
  list(g = b, prefix = "乙", maker = "乙地陶瓷有限公司", group = "本地乙", date = "2026-10-21"),
  list(g = k, prefix = "标", maker = "进口标杆品牌", group = "标杆", date = "2026-10-22"))

# thickness keeps its English name: the rules' `when` reads a context column named "thickness",
# and a study's "columns" renames only the roles (product, group, value, …), not context columns.
header <- "样品编号,产品,生产企业,组别,规格,thickness,指标,检测值,单位,检测日期"
lines <- header
for (m in makers) for (i in seq_len(n)) {
  id <- sprintf("%s-%02d", m$prefix, i)
  lead <- paste(id, "porcelain-tile-bia", m$maker, m$group, "600×600", sprintf("%.1f", m$g$h[i]),
                sep = ",")
  lines <- c(lines,
             paste(lead, "吸水率",   sprintf("%.2f", m$g$e[i]), "%",   m$date, sep = ","),
             paste(lead, "破坏强度", sprintf("%d", as.integer(m$g$s[i])), "N", m$date, sep = ","),
             paste(lead, "断裂模数", sprintf("%.1f", m$g$r[i]), "MPa", m$date, sep = ","))
}

# UTF-8 text -> GB18030 bytes; written in binary with CRLF line ends, as Excel writes CSV.
gb <- iconv(enc2utf8(lines), from = "UTF-8", to = "GB18030")
stopifnot(!anyNA(gb))
con <- file("tiles.csv", open = "wb")
writeLines(gb, con, sep = "\r\n", useBytes = TRUE)
close(con)
cat(sprintf("tiles.csv: %d results (GB18030)\n", length(lines) - 1))
for (m in makers) cat(sprintf("%s: E mean %.4f max %.2f | R mean %.3f min %.1f | S mean %.1f min %d\n",
                              m$group, mean(m$g$e), max(m$g$e), mean(m$g$r), min(m$g$r),
                              mean(m$g$s), as.integer(min(m$g$s))))
