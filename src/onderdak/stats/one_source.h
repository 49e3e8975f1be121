// One-source estimators: the population size from how often each person was seen in a
// single registration (f_j = persons contacted exactly j times).
//
// Promise: each estimator returns N_hat with its standard error under its own model,
// matching singleRcapture/Rcapture conventions:
//  - zero-truncated Poisson: the contact rate lambda by maximum likelihood on the
//    truncated counts, N = n / (1 - exp(-lambda));
//  - Zelterman: lambda = 2 f2 / f1 (robust to heterogeneity beyond 2 contacts), same N;
//  - Chao's lower bound: N = n + f1^2 / (2 f2).
// Standard errors: Var = sum over observed of (1 - p)/p^2 plus the delta-method term of
// the estimated rate (Chao: the classic f2 (r^4/4 + r^3 + r^2/2), r = f1/f2).
// A zero-truncated model assumes a closed population and homogeneous contact rates
// (Chao and Zelterman relax the latter); see docs/estimation.md.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::stats {

struct OneSourceEstimate {
  std::string method;
  double n_observed = 0;
  double n_hat = 0;
  double stderr_n_hat = 0;
  double rate = 0;  // lambda where the method has one (Chao: the Zelterman rate)
};

// `frequencies[j - 1]` = number of persons seen exactly j times (j >= 1).
core::Result<OneSourceEstimate> ZeroTruncatedPoisson(const std::vector<double>& frequencies);
core::Result<OneSourceEstimate> Zelterman(const std::vector<double>& frequencies);
core::Result<OneSourceEstimate> ChaoLowerBound(const std::vector<double>& frequencies);

}  // namespace onderdak::stats
