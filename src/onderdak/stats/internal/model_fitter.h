// FitModel's work organised for fitting many models to one capture table. Not part of
// the public API.
//
// A model search fits thousands of models to the same table. ModelFitter does the
// per-table work once (joint counts for the extended-MLE rule, the log y! terms), keeps
// the numerical buffers between fits and, when asked, fits each distinct reduced problem
// only once (see Fit).
//
// Ownership and thread safety: the table must outlive the fitter; one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/stats/capture_table.h"
#include "onderdak/stats/internal/poisson_glm.h"
#include "onderdak/stats/loglinear.h"

namespace onderdak::stats::internal {

class ModelFitter {
 public:
  explicit ModelFitter(const CaptureTable& table, bool reuse_reduced_fits = false);

  // The contract of FitModel (loglinear.h). A warm start is first matched to the
  // model's observed margins (one sweep of iterative proportional fitting), so that
  // Newton's method starts where only the interactions still have to settle.
  //
  // With reuse_reduced_fits, a model that the extended-MLE rule reduces to the same
  // problem as a model fitted before by this object (the same finite terms fitted to the
  // same cells) takes that fit's numbers: the likelihood is the same function, so a
  // refit could differ only by rounding. What is its own is what the -infinity terms
  // change: infinite_terms, num_parameters, AIC and BIC. Every call must then use the
  // same max_iterations and compute_covariance.
  core::Result<ModelFit> Fit(const HierarchicalModel& model, const FitOptions& options = {});

 private:
  // The finite terms and the fitted cells as bit sets (k <= 8: 256 bits each).
  using ReducedKey = std::array<std::uint64_t, 8>;

  void Solve(ModelFit& fit, const FitOptions& options);
  void PrepareWarmStart(const std::vector<double>& previous);

  const CaptureTable& table_;
  const bool reuse_reduced_fits_;
  const unsigned cells_;
  double n_observed_ = 0;
  std::vector<double> joint_;          // per mask t: persons on every list of t
  std::vector<double> log_factorial_;  // per cell: log y_h!
  // Per fit, reused.
  LatticeDesign design_;
  std::vector<unsigned char> positive_;
  std::vector<unsigned> kept_cells_;
  std::vector<double> start_;
  LatticeWorkspace workspace_;
  IrlsResult irls_;
  std::map<ReducedKey, ModelFit> reduced_fits_;
};

}  // namespace onderdak::stats::internal
