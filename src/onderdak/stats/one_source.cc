#include "onderdak/stats/one_source.h"

#include <cmath>

namespace onderdak::stats {
namespace {

core::Status Validate(const std::vector<double>& f, bool needs_f1_f2) {
  double n = 0;
  for (size_t j = 0; j < f.size(); ++j) {
    if (!(f[j] >= 0) || !std::isfinite(f[j])) {
      return core::Status::InvalidInput("frequency of " + std::to_string(j + 1) +
                                        " contacts must be a non-negative number");
    }
    n += f[j];
  }
  if (n <= 0) return core::Status::InvalidInput("no persons observed");
  if (needs_f1_f2 && (f.size() < 2 || f[0] <= 0 || f[1] <= 0)) {
    return core::Status::FailedPrecondition("the estimator needs persons seen once (f1) and twice (f2)");
  }
  return core::Status::Ok();
}

double Total(const std::vector<double>& f) {
  double n = 0;
  for (double v : f) n += v;
  return n;
}

// Zelterman's rate and the variance of its logarithm: among persons seen once or twice,
// the share seen twice is lambda / (2 + lambda), a binomial proportion, so log lambda is
// its logit plus log 2.
struct ZeltermanRate {
  double lambda;
  double var_log_lambda;
};
ZeltermanRate ZeltermanRateOf(const std::vector<double>& f) {
  const double f1 = f[0];
  const double f2 = f[1];
  const double share = f2 / (f1 + f2);
  return {2 * f2 / f1, 1.0 / ((f1 + f2) * share * (1 - share))};
}

}  // namespace

core::Result<OneSourceEstimate> ZeroTruncatedPoisson(const std::vector<double>& f) {
  ONDERDAK_RETURN_IF_ERROR(Validate(f, false));
  const double n = Total(f);
  double contacts = 0;
  for (size_t j = 0; j < f.size(); ++j) contacts += static_cast<double>(j + 1) * f[j];
  const double mean = contacts / n;
  if (mean <= 1.0) {
    return core::Status::FailedPrecondition("everyone was seen once: the zero-truncated Poisson rate is not estimable");
  }
  // Solve lambda / (1 - exp(-lambda)) = mean by Newton; the left side is increasing and
  // convex, so starting at the mean converges from above.
  double lambda = mean;
  for (int i = 0; i < 200; ++i) {
    const double q = std::exp(-lambda);
    const double g = lambda / (1 - q) - mean;
    const double dg = (1 - q - lambda * q) / ((1 - q) * (1 - q));
    const double step = g / dg;
    lambda -= step;
    if (std::abs(step) < 1e-14 * lambda) break;
  }
  const double q = std::exp(-lambda);
  const double p = 1 - q;
  const double var_y = (lambda + lambda * lambda) / p - lambda * lambda / (p * p);
  const double var_lambda = lambda * lambda / (n * var_y);
  const double dn_dlambda = -n * q / (p * p);
  OneSourceEstimate out;
  out.method = "zero-truncated Poisson";
  out.n_observed = n;
  out.rate = lambda;
  out.n_hat = n / p;
  out.stderr_n_hat = std::sqrt(n * q / (p * p) + dn_dlambda * dn_dlambda * var_lambda);
  return out;
}

core::Result<OneSourceEstimate> Zelterman(const std::vector<double>& f) {
  ONDERDAK_RETURN_IF_ERROR(Validate(f, true));
  const double n = Total(f);
  const ZeltermanRate rate = ZeltermanRateOf(f);
  const double q = std::exp(-rate.lambda);
  const double p = 1 - q;
  const double dn_dlog_lambda = -n * q / (p * p) * rate.lambda;
  OneSourceEstimate out;
  out.method = "Zelterman";
  out.n_observed = n;
  out.rate = rate.lambda;
  out.n_hat = n / p;
  out.stderr_n_hat = std::sqrt(n * q / (p * p) + dn_dlog_lambda * dn_dlog_lambda * rate.var_log_lambda);
  return out;
}

core::Result<OneSourceEstimate> ChaoLowerBound(const std::vector<double>& f) {
  ONDERDAK_RETURN_IF_ERROR(Validate(f, true));
  const double n = Total(f);
  const double f1 = f[0];
  const double f2 = f[1];
  const double r = f1 / f2;
  OneSourceEstimate out;
  out.method = "Chao lower bound";
  out.n_observed = n;
  out.rate = 2 * f2 / f1;
  out.n_hat = n + f1 * f1 / (2 * f2);
  out.stderr_n_hat = std::sqrt(f2 * (0.25 * r * r * r * r + r * r * r + 0.5 * r * r));
  return out;
}

}  // namespace onderdak::stats
