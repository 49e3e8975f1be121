// Summing estimates over strata (age band, gender, nationality group, region).
//
// Promise: SumStrata adds the N-hats of independently estimated strata and their
// variances (strata are disjoint groups of persons, so their estimates are independent),
// and gives a normal 95 % interval for the total that is never below the total observed.
// A stratum without an estimate makes the total unavailable: the caller must say so
// rather than sum what is left.
//
// Promise: SumWithPooledRatio adds directly estimated strata and, for strata that have a
// counted figure but no usable estimate, their counted figure times the pooled ratio
// (estimated / counted over the direct strata), with a variance that holds both the
// direct strata's estimation error and the model error of the ratio (docs/estimation.md,
// "The national estimate"). Deterministic: a closed formula, no resampling.
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

// A stratum with a counted figure but no usable estimate of its own.
struct CountedStratum {
  std::string name;
  double n_observed = 0;
};

struct RatioCombinedEstimate {
  CombinedEstimate total;  // n_observed over both kinds; lower at least that
  // Pooled ratio R = sum of N-hat / sum of observed over the direct strata.
  double ratio = 0;
  double direct_n_hat = 0, direct_observed = 0;
  double ratio_observed = 0;  // observed in the strata estimated via the ratio
  double ratio_n_hat = 0;     // R * ratio_observed
  // Between-strata variance per counted person of the ratio model
  // N_s = R n_s + e_s, Var(e_s) = sigma2 n_s, from the direct strata's residuals.
  double sigma2 = 0;
  // The two parts of the variance of the total (they add up to stderr^2):
  double variance_estimation = 0;  // c^2 * sum of the direct variances, c = (m_D + m_U) / m_D
  double variance_ratio = 0;       // sigma2 * m_U * (m_D + m_U) / m_D
};

// Direct strata `direct` (each with an estimate) and strata `via_ratio` (counted only).
// With no `via_ratio` strata this is SumStrata (sigma2 and variance_ratio 0). Otherwise
// needs at least kMinDirectStrataForRatio direct strata with observed > 0 (InvalidInput),
// as the ratio's model error is estimated from their spread.
inline constexpr int kMinDirectStrataForRatio = 2;
core::Result<RatioCombinedEstimate> SumWithPooledRatio(const std::vector<StratumEstimate>& direct,
                                                       const std::vector<CountedStratum>& via_ratio);

}  // namespace onderdak::stats
