// Profile-likelihood confidence interval for the population size N.
//
// Promise: ProfileLikelihoodInterval computes the interval of Cormack (1992) as Rcapture
// does: for a candidate N the all-zero cell gets the count N - n, the log-linear model is
// refitted to the complete 2^k table, and the multinomial profile log-likelihood is
// -deviance/2 + log(N! (N-n)^(N-n) / (N^N (N-n)!)) (Stirling's form when N > 100). The
// interval is every N within qchisq(level, 1)/2 of the maximum. The search runs over
// (n, max_factor * N_hat): a lower bound below which the likelihood never falls is n
// itself (the data cannot exclude "nobody missed"); an upper bound not reached by the
// end of the search is reported as open, never as a number.
//
// Thread safety: a pure function.
#pragma once

#include "onderdak/core/result.h"
#include "onderdak/stats/capture_table.h"
#include "onderdak/stats/loglinear.h"

namespace onderdak::stats {

struct ProfileInterval {
  double level = 0.95;
  double n_hat = 0;  // the maximiser of the multinomial profile likelihood
  double lower = 0;  // == n when lower_at_observed
  bool lower_at_observed = false;
  double upper = 0;  // when upper_open: the end of the search, not a bound
  bool upper_open = false;
};

struct ProfileOptions {
  double level = 0.95;
  double max_factor = 3.0;  // search up to max_factor * N_hat, as Rcapture's fmaxSupCL
  double tolerance = 1e-6;  // on N, absolute
};

// `fit` must be an OK fit of `table`; otherwise FailedPrecondition naming the verdict.
core::Result<ProfileInterval> ProfileLikelihoodInterval(const CaptureTable& table, const ModelFit& fit,
                                                        const ProfileOptions& options = {});

// Chi-square(1) quantile for a two-sided level, e.g. 3.8415 for 0.95.
double ChiSquare1Quantile(double level);

}  // namespace onderdak::stats
