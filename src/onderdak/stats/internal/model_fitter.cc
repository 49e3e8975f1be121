#include "onderdak/stats/internal/model_fitter.h"

#include <bit>
#include <cmath>
#include <string>
#include <utility>

namespace onderdak::stats::internal {

namespace {

// AIC and BIC as loglinear.h defines them; num_parameters includes the terms at
// -infinity, which is all that differs between models sharing a reduced fit.
void SetCriteria(ModelFit& fit) {
  fit.aic = -2.0 * fit.log_likelihood + 2.0 * fit.num_parameters;
  fit.bic = fit.aic + (std::log(fit.n_observed) - 2.0) * fit.num_parameters;
}

}  // namespace

ModelFitter::ModelFitter(const CaptureTable& table, bool reuse_reduced_fits)
    : table_(table), reuse_reduced_fits_(reuse_reduced_fits), cells_(1u << table.num_lists) {
  n_observed_ = table.Observed();
  // Counts are whole numbers, so these sums are exact and "nobody shares these lists"
  // is an exact test on them.
  joint_ = table.counts;
  joint_[0] = 0;
  SupersetSums(joint_, table.num_lists);
  log_factorial_.resize(cells_);
  for (unsigned h = 0; h < cells_; ++h) log_factorial_[h] = std::lgamma(table.counts[h] + 1.0);
}

core::Result<ModelFit> ModelFitter::Fit(const HierarchicalModel& model, const FitOptions& options) {
  const int k = table_.num_lists;
  if (model.num_lists() != k) {
    return core::Status::InvalidInput("model " + model.ToString() + " has " + std::to_string(model.num_lists()) +
                                      " lists, the table " + std::to_string(k));
  }
  ModelFit fit;
  fit.model = model;
  fit.n_observed = n_observed_;
  fit.num_parameters = static_cast<int>(model.terms().size()) + 1;

  // Extended MLE: interaction terms whose lists nobody shares go to -infinity, and with
  // them every cell containing them (all such cells count zero).
  design_.num_lists = k;
  design_.terms.assign(1, 0u);
  design_.included.assign(cells_, 1);
  design_.included[0] = 0;
  for (unsigned t : model.terms()) {
    const bool infinite = options.extended_mle && std::popcount(t) >= 2 && joint_[t] == 0;
    if (!infinite) {
      design_.terms.push_back(t);
      continue;
    }
    fit.infinite_terms.push_back(t);
    for (unsigned h = t; h < cells_; h = (h + 1) | t) design_.included[h] = 0;  // every h ⊇ t
  }

  ReducedKey key{};
  if (reuse_reduced_fits_) {
    for (size_t a = 1; a < design_.terms.size(); ++a) {
      key[design_.terms[a] / 64] |= std::uint64_t{1} << (design_.terms[a] % 64);
    }
    for (unsigned h = 0; h < cells_; ++h) {
      if (design_.included[h]) key[4 + h / 64] |= std::uint64_t{1} << (h % 64);
    }
    auto found = reduced_fits_.find(key);
    if (found != reduced_fits_.end()) {
      ModelFit shared = found->second;  // stored without the model's own parts
      shared.model = std::move(fit.model);
      shared.infinite_terms = std::move(fit.infinite_terms);
      shared.num_parameters = fit.num_parameters;
      if (shared.ok()) SetCriteria(shared);
      return shared;
    }
  }
  Solve(fit, options);
  if (reuse_reduced_fits_) {
    ModelFit& stored = reduced_fits_.emplace(key, fit).first->second;
    stored.model = HierarchicalModel();
    stored.infinite_terms.clear();
  }
  return fit;
}

void ModelFitter::Solve(ModelFit& fit, const FitOptions& options) {
  const std::vector<double>& y = table_.counts;
  kept_cells_.clear();
  positive_.assign(cells_, 0);
  bool has_zero_cell = false;
  for (unsigned h = 1; h < cells_; ++h) {
    if (!design_.included[h]) continue;
    kept_cells_.push_back(h);
    positive_[h] = y[h] > 0 ? 1 : 0;
    has_zero_cell = has_zero_cell || y[h] == 0;
  }
  const Eigen::Index rows = static_cast<Eigen::Index>(kept_cells_.size());
  const Eigen::Index cols = static_cast<Eigen::Index>(design_.terms.size());

  // The MLE is finite unless some direction fixes every positive cell and lowers a zero
  // cell. With a full-rank design on the positive cells there is no such direction, and
  // the design on all fitted cells (a superset) has full rank too; only otherwise are
  // the second rank test and the linear program needed.
  const bool positive_full_rank = has_zero_cell && LatticeFullRank(design_, positive_, workspace_);
  const bool identifiable =
      positive_full_rank || (rows >= cols && LatticeFullRank(design_, design_.included, workspace_));
  bool exists = !has_zero_cell || positive_full_rank;
  if (!exists) {
    Eigen::MatrixXd x(rows, cols);
    Eigen::VectorXd counts(rows);
    for (Eigen::Index r = 0; r < rows; ++r) {
      const unsigned h = kept_cells_[static_cast<size_t>(r)];
      for (Eigen::Index c = 0; c < cols; ++c) {
        const unsigned t = design_.terms[static_cast<size_t>(c)];
        x(r, c) = (h & t) == t ? 1.0 : 0.0;
      }
      counts[r] = y[h];
    }
    exists = PoissonMleExists(x, counts);
  }
  if (!identifiable) {
    fit.verdict = exists ? Verdict::kNotIdentifiable : Verdict::kNoMleNotIdentifiable;
    return;
  }
  if (!exists) {
    fit.verdict = Verdict::kNoMle;
    return;
  }
  const bool warm = options.warm_start != nullptr && options.warm_start->size() == cells_;
  if (warm) PrepareWarmStart(*options.warm_start);
  FitPoissonLattice(design_, y, warm ? &start_ : nullptr, options.max_iterations, options.compute_covariance,
                    workspace_, irls_);
  if (!irls_.converged) {
    // The existence check passed, so this is a numerical failure; still no numbers.
    fit.verdict = Verdict::kNoMle;
    return;
  }
  fit.iterations = irls_.iterations;
  fit.rank = static_cast<int>(cols);
  fit.df = static_cast<int>(rows - cols);
  fit.deviance = irls_.deviance;
  fit.log_likelihood = 0;
  for (unsigned h : kept_cells_) {
    const double yh = y[h];
    fit.log_likelihood += (yh > 0 ? yh * std::log(irls_.mu[h]) : 0.0) - irls_.mu[h] - log_factorial_[h];
  }
  SetCriteria(fit);
  const double b0 = irls_.beta[0];
  const double mu0 = std::exp(b0);
  fit.n_hat = fit.n_observed + mu0;
  if (options.compute_covariance) {
    fit.stderr_n_hat = std::sqrt(mu0 + mu0 * mu0 * irls_.variance[0]);
    fit.coefficient_stderr.resize(irls_.variance.size());
    for (size_t c = 0; c < irls_.variance.size(); ++c) {
      fit.coefficient_stderr[c] = std::sqrt(irls_.variance[c]);
    }
  }
  fit.coefficient_terms = design_.terms;
  fit.coefficients = irls_.beta;
  fit.fitted = irls_.mu;
  fit.fitted[0] = mu0;
}

void ModelFitter::PrepareWarmStart(const std::vector<double>& previous) {
  start_.assign(cells_, 0.0);
  for (unsigned h : kept_cells_) start_[h] = previous[h] > 1e-8 ? previous[h] : table_.counts[h] + 0.1;
  // The MLE matches the observed margin of every fitted term; a neighbouring model's fit
  // already matches those of the terms they share. Scaling the start to the margins
  // (one sweep of iterative proportional fitting, O(2^k) per term) fixes the rest
  // approximately and saves Newton steps. Cells outside the fit stay 0, and the cells
  // dropped at -infinity count zero, so joint_ is the observed margin on the fitted cells.
  for (unsigned t : design_.terms) {
    double fitted = 0;
    for (unsigned h = t; h < cells_; h = (h + 1) | t) fitted += start_[h];
    const double observed = joint_[t];
    if (!(fitted > 0 && observed > 0)) continue;
    const double ratio = observed / fitted;
    for (unsigned h = t; h < cells_; h = (h + 1) | t) start_[h] *= ratio;
  }
}

}  // namespace onderdak::stats::internal
