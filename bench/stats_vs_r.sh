#!/usr/bin/env bash
# Times onderdak's estimation numerics against the same fits with R's glm, and checks
# that both give the same results.
#   1. all 6,893 hierarchical models for k = 5 (UKdat_5) and the choice by BIC
#   2. one profile-likelihood interval (UKdat_5, model [123,25,34]; Rcapture's method:
#      optimize + uniroot over glm refits of the completed table)
#   3. stepwise search for k = 8 (NewOrl; AIC, stop when the new term has p > 0.05)
# Installs Debian's r-base-core with apt-get when Rscript is missing.
# Usage: bench/stats_vs_r.sh [path/to/stats_bench]   (default build/release/bench/stats_bench)
set -euo pipefail
cd "$(dirname "$0")/.."

bench_bin="${1:-build/release/bench/stats_bench}"
data_dir="${ONDERDAK_SHARED_DATA_DIR:-$(cd .. && pwd)/shared/data}"
export ONDERDAK_SHARED_DATA_DIR="$data_dir"

if ! command -v Rscript >/dev/null 2>&1; then
  echo "stats_vs_r: installing r-base-core"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends r-base-core
fi
if [ ! -x "$bench_bin" ]; then
  echo "stats_vs_r: $bench_bin not found; build it with: cmake --preset release && cmake --build --preset release --target stats_bench" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# onderdak: mean wall time per iteration (ms) and the result counters.
# One run per benchmark: the CSV reporter wants the same counters in every row.
for b in AllHierarchicalModelsK5 ProfileInterval StepwiseK8; do
  "$bench_bin" --benchmark_filter="^BM_$b\$" --benchmark_format=csv 2>/dev/null >"$tmp/cpp_$b.csv"
done

cat >"$tmp/fits.R" <<'REOF'
options(warn = -1)  # glm's "fitted rates numerically 0" on diverging candidates
args <- commandArgs(trailingOnly = TRUE)
data_dir <- args[1]
read_table <- function(name) {
  d <- read.csv(file.path(data_dir, "mse", "data", paste0(name, ".csv")))
  k <- ncol(d) - 1
  h <- as.matrix(d[, 1:k])
  y <- d$count
  code <- as.vector(h %*% (2^(0:(k - 1))))
  list(k = k, h = h[order(code), , drop = FALSE], y = y[order(code)], n = sum(y))
}
term_col <- function(h, t) {
  k <- ncol(h)
  bits <- which(bitwAnd(t, 2^(0:(k - 1))) > 0)
  apply(h[, bits, drop = FALSE], 1, prod)
}
# Fit with the same rule as onderdak: terms whose lists share nobody at -Inf (cells
# dropped, still counted in the penalty); returns NULL when glm fails or is rank deficient.
fit_terms <- function(tab, terms) {
  keep <- rep(TRUE, length(tab$y))
  finite <- c()
  for (t in terms) {
    col <- term_col(tab$h, t)
    if (bitwAnd(t, t - 1) != 0 && sum(col * tab$y) == 0) keep <- keep & col == 0
    else finite <- c(finite, t)
  }
  X <- sapply(finite, function(t) term_col(tab$h, t))[keep, , drop = FALSE]
  y <- tab$y[keep]
  g <- suppressWarnings(glm(y ~ X, family = poisson))
  if (!g$converged || g$rank < ncol(X) + 1) return(NULL)
  p <- length(terms) + 1
  aic <- -2 * sum(dpois(y, g$fitted.values, log = TRUE)) + 2 * p
  list(glm = g, X = X, y = y, n_hat = tab$n + exp(coef(g)[1]), aic = aic,
       bic = aic + (log(tab$n) - 2) * p, terms = terms)
}
closure <- function(gens, k) {
  out <- 2^(0:(k - 1))
  for (g in gens) for (s in 1:g) if (bitwAnd(s, g) == s) out <- c(out, s)
  sort(unique(out))
}
enumerate <- function(k, max_order) {
  cand <- Filter(function(t) { o <- sum(bitwAnd(t, 2^(0:(k - 1))) > 0); o >= 2 && o <= max_order },
                 1:(2^k - 1))
  cand <- cand[order(sapply(cand, function(t) sum(bitwAnd(t, 2^(0:(k - 1))) > 0)))]
  models <- list()
  visit <- function(i, chosen) {
    if (i > length(cand)) { models[[length(models) + 1]] <<- chosen; return(invisible()) }
    visit(i + 1, chosen)
    t <- cand[i]
    bits <- 2^(0:(k - 1))[bitwAnd(t, 2^(0:(k - 1))) > 0]
    subs <- sapply(bits, function(b) t - b)
    subs <- subs[bitwAnd(subs, subs - 1) != 0]
    if (all(subs %in% chosen)) visit(i + 1, c(chosen, t))
  }
  visit(1, c())
  lapply(models, function(m) closure(m, k))
}
timed <- function(expr) { t0 <- proc.time()[["elapsed"]]; v <- expr; list(v = v, ms = 1000 * (proc.time()[["elapsed"]] - t0)) }

# 1. all hierarchical models, k = 5, choice by BIC
tab5 <- read_table("UKdat_5")
models <- enumerate(5, 4)
r1 <- timed({
  best <- NULL
  for (m in models) {
    f <- tryCatch(fit_terms(tab5, m), error = function(e) NULL)
    if (!is.null(f) && max(abs(coef(f$glm))) < 25 && (is.null(best) || f$bic < best$bic)) best <- f
  }
  best
})
cat(sprintf("all_hierarchical_k5 %.3f %.10g\n", r1$ms, r1$v$n_hat))

# 2. profile interval (Rcapture's closedpCI.t procedure with glm refits)
f <- fit_terms(tab5, closure(c(7, 18, 12), 5))  # [123,25,34]
r2 <- timed({
  n <- tab5$n
  Xa <- rbind(f$X, rep(0, ncol(f$X)))
  loglik <- function(N, lobj = 0) {
    n0 <- N - n
    g <- glm(c(f$y, n0) ~ Xa, family = poisson)
    Nn0 <- N
    ct <- if (Nn0 > 100) { if (n0 == 0 || n0 == 1) -Nn0 + 0.5 * log(2 * pi * Nn0) else n0 - Nn0 - 0.5 * log(n0 / Nn0) } else
      log((n0^n0) * factorial(Nn0) / ((Nn0^Nn0) * factorial(n0)))
    (g$deviance - 2 * ct) / (-2) - lobj
  }
  op <- optimize(loglik, c(n, 3 * f$n_hat), tol = 1e-4, maximum = TRUE)
  lmin <- op$objective - qchisq(0.95, 1) / 2
  lo <- tryCatch(uniroot(loglik, c(n, op$maximum), lobj = lmin, tol = 1e-4)$root, error = function(e) n)
  hi <- tryCatch(uniroot(loglik, c(op$maximum, 3 * f$n_hat), lobj = lmin, tol = 1e-4)$root, error = function(e) NA)
  c(lo, hi)
})
cat(sprintf("profile_interval %.3f %.10g %.10g\n", r2$ms, r2$v[1], r2$v[2]))

# 3. stepwise, k = 8: AIC, all pairs, stop when no gain or the new term's p > 0.05
tab8 <- read_table("NewOrl")
r3 <- timed({
  k <- tab8$k
  current <- closure(c(), k)
  cur <- fit_terms(tab8, current)
  repeat {
    best <- NULL; best_t <- NA
    for (a in 0:(k - 2)) for (b in (a + 1):(k - 1)) {
      t <- 2^a + 2^b
      if (t %in% current) next
      f8 <- tryCatch(fit_terms(tab8, sort(c(current, t))), error = function(e) NULL)
      if (!is.null(f8) && (is.null(best) || f8$aic < best$aic)) { best <- f8; best_t <- t }
    }
    if (is.null(best) || best$aic >= cur$aic) break
    pos <- match(best_t, Filter(function(t) !(bitwAnd(t, t - 1) != 0 && sum(term_col(tab8$h, t) * tab8$y) == 0), best$terms))
    pval <- if (is.na(pos)) 1 else summary(best$glm)$coefficients[pos + 1, 4]
    if (pval > 0.05) break
    current <- sort(c(current, best_t)); cur <- best
  }
  cur
})
cat(sprintf("stepwise_k8 %.3f %.10g\n", r3$ms, r3$v$n_hat))
REOF

Rscript "$tmp/fits.R" "$data_dir" >"$tmp/r.txt"

awk -F, -v rfile="$tmp/r.txt" '
  BEGIN {
    while ((getline line < rfile) > 0) { split(line, f, " "); rms[f[1]] = f[2]; rv1[f[1]] = f[3]; rv2[f[1]] = f[4] }
  }
  FNR == 1 { delete col; for (i = 1; i <= NF; i++) { gsub(/"/, "", $i); col[$i] = i }; next }
  {
    name = $1; gsub(/"/, "", name)
    ms = $col["real_time"]; unit = $col["time_unit"]; gsub(/"/, "", unit)
    if (unit == "us") ms /= 1000; else if (unit == "ns") ms /= 1e6; else if (unit == "s") ms *= 1000
    if (name ~ /AllHierarchical/) { key = "all_hierarchical_k5"; mine = $col["n_hat"]; r = rv1[key] }
    else if (name ~ /Profile/) { key = "profile_interval"; mine = $col["lower"] " " $col["upper"]; r = rv1[key] " " rv2[key] }
    else { key = "stepwise_k8"; mine = $col["n_hat"]; r = rv1[key] }
    # Every number (both bounds of an interval), relative difference below 1e-4; a
    # missing number on either side is a difference too.
    nm = split(mine, m1, " "); nr = split(r, r1, " ")
    same = (nm == nr && nm > 0) ? "same" : "DIFFERENT"
    for (i = 1; i <= nm && i <= nr; i++) {
      d = m1[i] - r1[i]; if (d < 0) d = -d
      t = r1[i]; if (t < 0) t = -t
      if (m1[i] == "" || r1[i] == "" || d > 1e-4 * t) same = "DIFFERENT"
    }
    if (same == "DIFFERENT") differ++
    printf "%-20s onderdak %8.2f ms  R glm %9.1f ms  ratio %6.1fx  %s (onderdak %s | R %s)\n", key, ms, rms[key], rms[key] / ms, same, mine, r
  }
  END { if (differ > 0) { print "stats_vs_r: " differ " result(s) differ from R" > "/dev/stderr"; exit 1 } }
  ' "$tmp"/cpp_AllHierarchicalModelsK5.csv "$tmp"/cpp_ProfileInterval.csv "$tmp"/cpp_StepwiseK8.csv
