#include "onderdak/stats/stratified.h"

#include <algorithm>
#include <cmath>

namespace onderdak::stats {

core::Result<CombinedEstimate> SumStrata(const std::vector<StratumEstimate>& strata) {
  if (strata.empty()) return core::Status::InvalidInput("no strata to sum");
  CombinedEstimate total;
  double variance = 0;
  for (const StratumEstimate& s : strata) {
    if (!std::isfinite(s.n_hat) || !std::isfinite(s.stderr_n_hat) || s.stderr_n_hat < 0 || s.n_hat < s.n_observed) {
      return core::Status::InvalidInput("stratum '" + s.name +
                                        "' has no valid estimate (N-hat below observed, "
                                        "or a missing standard error)");
    }
    total.n_observed += s.n_observed;
    total.n_hat += s.n_hat;
    variance += s.stderr_n_hat * s.stderr_n_hat;
  }
  constexpr double kZ95 = 1.959963984540054;
  total.stderr_n_hat = std::sqrt(variance);
  total.lower = std::max(total.n_observed, total.n_hat - kZ95 * total.stderr_n_hat);
  total.upper = total.n_hat + kZ95 * total.stderr_n_hat;
  return total;
}

}  // namespace onderdak::stats
