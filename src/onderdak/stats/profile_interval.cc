#include "onderdak/stats/profile_interval.h"

#include <cmath>
#include <numbers>
#include <vector>

#include "onderdak/stats/internal/poisson_glm.h"

namespace onderdak::stats {
namespace {

// Inverse standard normal CDF by bisection on erfc: only called once per interval, and
// exactness matters more than speed here.
double NormalQuantile(double p) {
  double lo = -40;
  double hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    const double cdf = 0.5 * std::erfc(-mid / std::numbers::sqrt2);
    (cdf < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// Evaluates the multinomial profile log-likelihood at N, refitting the Poisson model on
// the complete table. Keeps the last fitted means as the next warm start: successive
// evaluations are close in N, so Newton needs only a few steps.
class ProfileFunction {
 public:
  ProfileFunction(const CaptureTable& table, const ModelFit& fit)
      : n_(fit.n_observed), y_(table.counts), start_(fit.fitted) {
    const unsigned cells = 1u << table.num_lists;
    design_.num_lists = table.num_lists;
    design_.terms = fit.coefficient_terms;
    // The complete table: every cell but those at -infinity, the all-zero cell included.
    design_.included.assign(cells, 1);
    for (unsigned h = 0; h < cells; ++h) {
      for (unsigned t : fit.infinite_terms) {
        if ((h & t) == t) design_.included[h] = 0;
      }
      start_[h] = std::max(start_[h], 1e-3);
    }
  }

  // Returns NaN if the refit fails (it should not for an OK model).
  double operator()(double big_n) {
    const double n0 = std::max(0.0, big_n - n_);
    y_[0] = n0;
    start_[0] = std::max(n0, 1e-3);
    internal::FitPoissonLattice(design_, y_, &start_, 200, false, workspace_, irls_);
    if (!irls_.converged) {
      internal::FitPoissonLattice(design_, y_, nullptr, 200, false, workspace_, irls_);
      if (!irls_.converged) return std::nan("");
    }
    for (size_t h = 0; h < start_.size(); ++h) start_[h] = std::max(irls_.mu[h], 1e-8);
    // Cormack's correction term, in Rcapture's form (Stirling's approximation above 100).
    double correction = 0;
    if (big_n > 100) {
      correction = (n0 == 0 || n0 == 1) ? -big_n + 0.5 * std::log(2 * std::numbers::pi * big_n)
                                        : n0 - big_n - 0.5 * std::log(n0 / big_n);
    } else {
      const double n0_log_n0 = n0 > 0 ? n0 * std::log(n0) : 0.0;
      correction = n0_log_n0 + std::lgamma(big_n + 1) - big_n * std::log(big_n) - std::lgamma(n0 + 1);
    }
    return -0.5 * irls_.deviance + correction;
  }

 private:
  double n_;
  internal::LatticeDesign design_;
  std::vector<double> y_;      // per cell; y_[0] is the candidate N - n
  std::vector<double> start_;  // warm start: the previous fitted means
  // Reused by the dozens of refits of one interval.
  internal::LatticeWorkspace workspace_;
  internal::IrlsResult irls_;
};

// Finds where f crosses `target` between a (f(a) < target) and b (f(b) >= target) or the
// reverse, by bisection to `tolerance`.
template <typename F>
double Bisect(F& f, double a, double b, double target, double tolerance) {
  const bool rising = f(a) < target;
  for (int i = 0; i < 200 && std::abs(b - a) > tolerance; ++i) {
    const double mid = 0.5 * (a + b);
    const double v = f(mid);
    if ((v < target) == rising) {
      a = mid;
    } else {
      b = mid;
    }
  }
  return 0.5 * (a + b);
}

}  // namespace

double ChiSquare1Quantile(double level) {
  const double z = NormalQuantile(0.5 + 0.5 * level);
  return z * z;
}

core::Result<ProfileInterval> ProfileLikelihoodInterval(const CaptureTable& table, const ModelFit& fit,
                                                        const ProfileOptions& options) {
  if (!fit.ok()) {
    return core::Status::FailedPrecondition("no interval for model " + fit.model.ToString() + ": " +
                                            std::string(VerdictName(fit.verdict)));
  }
  if (!(options.level > 0 && options.level < 1)) {
    return core::Status::InvalidInput("interval level must be between 0 and 1");
  }
  ProfileFunction f(table, fit);
  const double n = fit.n_observed;
  const double hi = options.max_factor * fit.n_hat;
  // Golden-section search for the maximum over (n, hi); the profile is unimodal.
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  double a = n;
  double b = hi;
  double c = b - ratio * (b - a);
  double d = a + ratio * (b - a);
  double fc = f(c);
  double fd = f(d);
  while (b - a > options.tolerance * std::max(1.0, 1e-3 * n)) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  ProfileInterval interval;
  interval.level = options.level;
  interval.n_hat = 0.5 * (a + b);
  const double lmax = f(interval.n_hat);
  if (std::isnan(lmax)) return core::Status::Internal("profile likelihood refit failed");
  const double target = lmax - 0.5 * ChiSquare1Quantile(options.level);
  if (f(n) >= target) {
    interval.lower = n;
    interval.lower_at_observed = true;
  } else {
    interval.lower = Bisect(f, n, interval.n_hat, target, options.tolerance);
  }
  if (f(hi) >= target) {
    interval.upper = hi;
    interval.upper_open = true;
  } else {
    interval.upper = Bisect(f, interval.n_hat, hi, target, options.tolerance);
  }
  return interval;
}

}  // namespace onderdak::stats
