#include "onderdak/stats/loglinear.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <sstream>

#include "onderdak/stats/internal/poisson_glm.h"

namespace onderdak::stats {
namespace {

bool TermLess(unsigned a, unsigned b) {
  const int pa = std::popcount(a);
  const int pb = std::popcount(b);
  return pa != pb ? pa < pb : a < b;
}

// The maximal terms: those not contained in another term of the model.
std::vector<unsigned> Generators(const std::vector<unsigned>& terms) {
  std::vector<unsigned> generators;
  for (unsigned t : terms) {
    bool maximal = true;
    for (unsigned u : terms) {
      if (u != t && (u & t) == t) {
        maximal = false;
        break;
      }
    }
    if (maximal) generators.push_back(t);
  }
  // Higher orders first, then by the lists in order: "[135,12,24,34]".
  std::sort(generators.begin(), generators.end(), [](unsigned a, unsigned b) {
    const int pa = std::popcount(a);
    const int pb = std::popcount(b);
    if (pa != pb) return pa > pb;
    // Compare as sorted digit strings: reverse bit order so list 1 weighs most.
    for (unsigned bit = 1; bit != 0 && bit <= (a | b); bit <<= 1) {
      if ((a & bit) != (b & bit)) return (a & bit) != 0;
    }
    return false;
  });
  return generators;
}

}  // namespace

HierarchicalModel HierarchicalModel::Independence(int num_lists) { return FromGenerators(num_lists, {}); }

HierarchicalModel HierarchicalModel::FromGenerators(int num_lists, const std::vector<unsigned>& generators) {
  HierarchicalModel model;
  model.num_lists_ = num_lists;
  const unsigned all = (1u << num_lists) - 1;
  std::vector<bool> present(size_t{1} << num_lists, false);
  for (int j = 0; j < num_lists; ++j) present[1u << j] = true;
  for (unsigned g : generators) {
    g &= all;
    // Every non-empty subset of g.
    for (unsigned s = g; s != 0; s = (s - 1) & g) present[s] = true;
  }
  for (unsigned s = 1; s <= all; ++s) {
    if (present[s]) model.terms_.push_back(s);
  }
  std::sort(model.terms_.begin(), model.terms_.end(), TermLess);
  return model;
}

core::Result<HierarchicalModel> HierarchicalModel::Parse(std::string_view text, int num_lists) {
  auto fail = [&](std::string_view why) {
    return core::Status::InvalidInput("model '" + std::string(text) + "': " + std::string(why));
  };
  if (num_lists < 2 || num_lists > kMaxLists) return fail("number of lists out of range");
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.size() < 2 || s.front() != '[' || s.back() != ']') {
    return fail("expected generator notation such as [12,3]");
  }
  s = s.substr(1, s.size() - 2);
  std::vector<unsigned> generators;
  unsigned current = 0;
  bool empty_part = true;
  for (char c : s) {
    if (c == ',') {
      if (empty_part) return fail("empty generator");
      generators.push_back(current);
      current = 0;
      empty_part = true;
    } else if (c >= '1' && c <= '9') {
      const int list = c - '1';
      if (list >= num_lists) return fail("list number " + std::string(1, c) + " > " + std::to_string(num_lists));
      if ((current & (1u << list)) != 0) return fail("a list repeats within a generator");
      current |= 1u << list;
      empty_part = false;
    } else if (c != ' ') {
      return fail(std::string("unexpected character '") + c + "'");
    }
  }
  if (empty_part) return fail("empty generator");
  generators.push_back(current);
  return FromGenerators(num_lists, generators);
}

bool HierarchicalModel::Contains(unsigned term) const {
  return std::binary_search(terms_.begin(), terms_.end(), term, TermLess);
}

int HierarchicalModel::MaxOrder() const {
  int order = 0;
  for (unsigned t : terms_) order = std::max(order, std::popcount(t));
  return order;
}

HierarchicalModel HierarchicalModel::WithTerm(unsigned term) const {
  std::vector<unsigned> generators = terms_;
  generators.push_back(term);
  return FromGenerators(num_lists_, generators);
}

std::string HierarchicalModel::ToString() const {
  std::string out = "[";
  bool first = true;
  for (unsigned g : Generators(terms_)) {
    if (!first) out += ',';
    first = false;
    for (int j = 0; j < num_lists_; ++j) {
      if ((g & (1u << j)) != 0) out += static_cast<char>('1' + j);
    }
  }
  return out + "]";
}

std::string HierarchicalModel::Describe(const std::vector<std::string>& list_names) const {
  std::string out = "[";
  bool first = true;
  for (unsigned g : Generators(terms_)) {
    if (!first) out += ", ";
    first = false;
    bool first_list = true;
    for (int j = 0; j < num_lists_; ++j) {
      if ((g & (1u << j)) == 0) continue;
      if (!first_list) out += '*';
      first_list = false;
      out += j < static_cast<int>(list_names.size()) ? list_names[j] : std::to_string(j + 1);
    }
  }
  return out + "]";
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOk: return "ok";
    case Verdict::kNoMle: return "no finite maximum-likelihood estimate";
    case Verdict::kNotIdentifiable: return "not identifiable";
    case Verdict::kNoMleNotIdentifiable: return "no finite maximum-likelihood estimate and not identifiable";
  }
  return "unknown";
}

std::string_view CriterionName(Criterion criterion) { return criterion == Criterion::kAic ? "AIC" : "BIC"; }

double ModelFit::TermPValue(unsigned term) const {
  for (size_t i = 1; i < coefficient_terms.size(); ++i) {
    if (coefficient_terms[i] == term && coefficient_stderr[i] > 0) {
      const double z = std::abs(coefficients[i] / coefficient_stderr[i]);
      return std::erfc(z / std::sqrt(2.0));
    }
  }
  return 1.0;
}

core::Result<ModelFit> FitModel(const CaptureTable& table, const HierarchicalModel& model, const FitOptions& options) {
  const int k = table.num_lists;
  if (model.num_lists() != k) {
    return core::Status::InvalidInput("model " + model.ToString() + " has " + std::to_string(model.num_lists()) +
                                      " lists, the table " + std::to_string(k));
  }
  ModelFit fit;
  fit.model = model;
  fit.n_observed = table.Observed();
  const unsigned cells = 1u << k;

  // Extended MLE: interaction terms whose lists nobody shares go to -infinity.
  std::vector<unsigned> finite_terms;
  for (unsigned t : model.terms()) {
    bool infinite = false;
    if (options.extended_mle && std::popcount(t) >= 2) {
      double joint = 0;
      for (unsigned h = 1; h < cells; ++h) {
        if ((h & t) == t) joint += table.counts[h];
      }
      infinite = joint == 0;
    }
    (infinite ? fit.infinite_terms : finite_terms).push_back(t);
  }
  std::vector<unsigned> kept_cells;
  for (unsigned h = 1; h < cells; ++h) {
    bool dropped = false;
    for (unsigned t : fit.infinite_terms) dropped = dropped || (h & t) == t;
    if (!dropped) kept_cells.push_back(h);
  }
  const Eigen::Index rows = static_cast<Eigen::Index>(kept_cells.size());
  const Eigen::Index cols = static_cast<Eigen::Index>(finite_terms.size()) + 1;
  fit.num_parameters = static_cast<int>(model.terms().size()) + 1;
  internal::LatticeDesign design;
  design.num_lists = k;
  design.terms.push_back(0);
  design.terms.insert(design.terms.end(), finite_terms.begin(), finite_terms.end());
  design.included.assign(cells, 0);
  std::vector<unsigned char> positive(cells, 0);
  bool has_zero_cell = false;
  for (unsigned h : kept_cells) {
    design.included[h] = 1;
    positive[h] = table.counts[h] > 0 ? 1 : 0;
    has_zero_cell = has_zero_cell || table.counts[h] == 0;
  }

  const bool identifiable = rows >= cols && internal::LatticeFullRank(design, design.included);
  // The MLE is finite unless some direction fixes every positive cell and lowers a zero
  // cell. With a full-rank design on the positive cells there is no such direction;
  // only otherwise is the linear program needed.
  bool exists = !has_zero_cell || internal::LatticeFullRank(design, positive);
  if (!exists) {
    Eigen::MatrixXd x(rows, cols);
    Eigen::VectorXd y(rows);
    for (Eigen::Index r = 0; r < rows; ++r) {
      const unsigned h = kept_cells[static_cast<size_t>(r)];
      for (Eigen::Index c = 0; c < cols; ++c) {
        const unsigned t = design.terms[static_cast<size_t>(c)];
        x(r, c) = (h & t) == t ? 1.0 : 0.0;
      }
      y[r] = table.counts[h];
    }
    exists = internal::PoissonMleExists(x, y);
  }
  if (!identifiable) {
    fit.verdict = exists ? Verdict::kNotIdentifiable : Verdict::kNoMleNotIdentifiable;
    return fit;
  }
  if (!exists) {
    fit.verdict = Verdict::kNoMle;
    return fit;
  }
  std::vector<double> start;
  if (options.warm_start != nullptr && options.warm_start->size() == cells) {
    start.assign(cells, 0.0);
    for (unsigned h : kept_cells) {
      const double previous = (*options.warm_start)[h];
      start[h] = previous > 1e-8 ? previous : table.counts[h] + 0.1;
    }
  }
  internal::IrlsResult irls = internal::FitPoissonLattice(design, table.counts, start.empty() ? nullptr : &start,
                                                          options.max_iterations, options.compute_covariance);
  if (!irls.converged) {
    // The existence check passed, so this is a numerical failure; still no numbers.
    fit.verdict = Verdict::kNoMle;
    return fit;
  }
  fit.iterations = irls.iterations;
  fit.rank = static_cast<int>(cols);
  fit.df = static_cast<int>(rows - cols);
  fit.deviance = irls.deviance;
  fit.log_likelihood = 0;
  for (unsigned h : kept_cells) {
    const double yh = table.counts[h];
    fit.log_likelihood += (yh > 0 ? yh * std::log(irls.mu[h]) : 0.0) - irls.mu[h] - std::lgamma(yh + 1.0);
  }
  fit.aic = -2.0 * fit.log_likelihood + 2.0 * fit.num_parameters;
  fit.bic = fit.aic + (std::log(fit.n_observed) - 2.0) * fit.num_parameters;
  const double b0 = irls.beta[0];
  const double mu0 = std::exp(b0);
  fit.n_hat = fit.n_observed + mu0;
  if (options.compute_covariance) {
    fit.stderr_n_hat = std::sqrt(mu0 + mu0 * mu0 * irls.variance[0]);
    fit.coefficient_stderr.resize(irls.variance.size());
    for (size_t c = 0; c < irls.variance.size(); ++c) {
      fit.coefficient_stderr[c] = std::sqrt(irls.variance[c]);
    }
  }
  fit.coefficient_terms = design.terms;
  fit.coefficients = std::move(irls.beta);
  fit.fitted = std::move(irls.mu);
  fit.fitted[0] = mu0;
  return fit;
}

}  // namespace onderdak::stats
