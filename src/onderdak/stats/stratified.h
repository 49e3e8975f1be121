// Summing estimates over strata (age band, gender, nationality group, region).
//
// Promise: SumStrata adds the N-hats of independently estimated strata and their
// variances (strata are disjoint groups of persons, so their estimates are independent),
// and gives a normal 95 % interval for the total that is never below the total observed.
// A stratum without an estimate makes the total unavailable: the caller must say so
// rather than sum what is left.
//
// Thread safety: a pure function.
#pragma once

#include <string>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::stats {

struct StratumEstimate {
  std::string name;
  double n_observed = 0;
  double n_hat = 0;
  double stderr_n_hat = 0;
};

struct CombinedEstimate {
  double n_observed = 0;
  double n_hat = 0;
  double stderr_n_hat = 0;
  double lower = 0;  // n_hat - 1.96 se, at least n_observed
  double upper = 0;  // n_hat + 1.96 se
};

core::Result<CombinedEstimate> SumStrata(const std::vector<StratumEstimate>& strata);

}  // namespace onderdak::stats
