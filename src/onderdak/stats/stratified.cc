#include "onderdak/stats/stratified.h"

#include <algorithm>
#include <cmath>

namespace onderdak::stats {

namespace {

constexpr double kZ95 = 1.959963984540054;

core::Status CheckStratum(const StratumEstimate& s) {
  if (!std::isfinite(s.n_hat) || !std::isfinite(s.stderr_n_hat) || s.stderr_n_hat < 0 || s.n_hat < s.n_observed) {
    return core::Status::InvalidInput("stratum '" + s.name +
                                      "' has no valid estimate (N-hat below observed, "
                                      "or a missing standard error)");
  }
  return core::Status::Ok();
}

// The normal 95 % interval of a total, never below what was observed.
void SetInterval(CombinedEstimate& total, double variance) {
  total.stderr_n_hat = std::sqrt(variance);
  total.lower = std::max(total.n_observed, total.n_hat - kZ95 * total.stderr_n_hat);
  total.upper = total.n_hat + kZ95 * total.stderr_n_hat;
}

}  // namespace

core::Result<CombinedEstimate> SumStrata(const std::vector<StratumEstimate>& strata) {
  if (strata.empty()) return core::Status::InvalidInput("no strata to sum");
  CombinedEstimate total;
  double variance = 0;
  for (const StratumEstimate& s : strata) {
    ONDERDAK_RETURN_IF_ERROR(CheckStratum(s));
    total.n_observed += s.n_observed;
    total.n_hat += s.n_hat;
    variance += s.stderr_n_hat * s.stderr_n_hat;
  }
  SetInterval(total, variance);
  return total;
}

core::Result<RatioCombinedEstimate> SumWithPooledRatio(const std::vector<StratumEstimate>& direct,
                                                       const std::vector<CountedStratum>& via_ratio) {
  ONDERDAK_ASSIGN_OR_RETURN(auto sum, SumStrata(direct));
  RatioCombinedEstimate out;
  out.total = sum;
  out.direct_n_hat = sum.n_hat;
  out.direct_observed = sum.n_observed;
  out.variance_estimation = sum.stderr_n_hat * sum.stderr_n_hat;
  if (sum.n_observed > 0) out.ratio = sum.n_hat / sum.n_observed;
  if (via_ratio.empty()) return out;

  const double m_d = sum.n_observed;
  int usable = 0;
  for (const StratumEstimate& s : direct) usable += s.n_observed > 0 ? 1 : 0;
  if (usable < kMinDirectStrataForRatio) {
    return core::Status::InvalidInput("a pooled ratio needs at least " + std::to_string(kMinDirectStrataForRatio) +
                                      " directly estimated strata with persons observed; " + std::to_string(usable) +
                                      " given");
  }
  double m_u = 0;
  for (const CountedStratum& c : via_ratio) {
    if (!std::isfinite(c.n_observed) || c.n_observed < 0) {
      return core::Status::InvalidInput("stratum '" + c.name + "' has no valid counted figure");
    }
    m_u += c.n_observed;
  }
  const double r = out.ratio;
  // Model N_s = R n_s + e_s with Var(e_s) = sigma2 n_s (the ratio estimator is the best
  // linear unbiased predictor under it); sigma2 from the weighted residuals of the direct
  // strata. Their residuals also hold each estimate's own error, so sigma2 errs high.
  double weighted = 0;
  for (const StratumEstimate& s : direct) {
    if (s.n_observed <= 0) continue;
    const double e = s.n_hat - r * s.n_observed;
    weighted += e * e / s.n_observed;
  }
  out.sigma2 = weighted / static_cast<double>(usable - 1);
  const double c = (m_d + m_u) / m_d;
  out.ratio_observed = m_u;
  out.ratio_n_hat = r * m_u;
  // N-hat = S + R m_U = c S, so the direct estimates' error enters c^2 times; the ratio's
  // model error is the prediction error of sum over U of e_s minus m_U/m_D times the sum
  // over D of e_s: sigma2 (m_U + m_U^2 / m_D).
  out.variance_estimation = c * c * out.variance_estimation;
  out.variance_ratio = out.sigma2 * m_u * (m_d + m_u) / m_d;
  out.total.n_observed = m_d + m_u;
  out.total.n_hat = sum.n_hat + out.ratio_n_hat;
  SetInterval(out.total, out.variance_estimation + out.variance_ratio);
  return out;
}

}  // namespace onderdak::stats
