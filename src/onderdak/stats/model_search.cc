#include "onderdak/stats/model_search.h"

#include <algorithm>
#include <bit>
#include <functional>

#include "onderdak/stats/internal/model_fitter.h"

namespace onderdak::stats {
namespace {

void SortByCriterion(std::vector<ModelFit>& fits, Criterion criterion) {
  std::stable_sort(fits.begin(), fits.end(), [criterion](const ModelFit& a, const ModelFit& b) {
    return Score(a, criterion) < Score(b, criterion);
  });
}

}  // namespace

std::vector<HierarchicalModel> EnumerateHierarchicalModels(int num_lists, int max_order) {
  std::vector<unsigned> candidates;
  const unsigned all = (1u << num_lists) - 1;
  for (unsigned t = 1; t <= all; ++t) {
    const int order = std::popcount(t);
    if (order >= 2 && order <= max_order) candidates.push_back(t);
  }
  // By order, so that every subset of a candidate is decided before the candidate.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](unsigned a, unsigned b) { return std::popcount(a) < std::popcount(b); });
  std::vector<bool> chosen(all + 1, false);
  for (int j = 0; j < num_lists; ++j) chosen[1u << j] = true;
  std::vector<HierarchicalModel> models;
  std::vector<unsigned> current;
  std::function<void(size_t)> visit = [&](size_t i) {
    if (i == candidates.size()) {
      models.push_back(HierarchicalModel::FromGenerators(num_lists, current));
      return;
    }
    visit(i + 1);  // without candidates[i]
    const unsigned t = candidates[i];
    bool allowed = true;  // hierarchy: all subsets one smaller must be in
    for (unsigned bits = t; bits != 0 && allowed; bits &= bits - 1) {
      allowed = chosen[t & ~(bits & -bits)];
    }
    if (!allowed) return;
    chosen[t] = true;
    current.push_back(t);
    visit(i + 1);
    current.pop_back();
    chosen[t] = false;
  };
  visit(0);
  return models;
}

core::Result<ModelChoice> SearchAllHierarchical(const CaptureTable& table, Criterion criterion, int max_order) {
  const int k = table.num_lists;
  if (max_order <= 0) max_order = k - 1;
  if (k > 6 || (k == 6 && max_order > 2)) {
    return core::Status::InvalidInput("all hierarchical models of " + std::to_string(k) + " lists up to order " +
                                      std::to_string(max_order) + " are too many to fit; use the stepwise search");
  }
  ModelChoice choice;
  choice.criterion = criterion;
  choice.method = SearchMethod::kAllHierarchical;
  // Many models differ from another one only in terms that the extended-MLE rule sends
  // to -infinity and so pose the same likelihood problem (on UKdat_5, 13 empty cells,
  // the 6,893 models pose 3,074 distinct ones): the fitter solves each problem once.
  internal::ModelFitter fitter(table, /*reuse_reduced_fits=*/true);
  // Each fit starts from its parent's, the model without its last-added term. The
  // enumeration (depth first, "without" before "with") visits the parent before the
  // model and no other model of the parent's size in between, so the latest fit with one
  // interaction term fewer is the parent's. Per size: the latest fitted means, empty
  // when that model had no estimate (the nearest ancestor with one is used instead).
  std::vector<std::vector<double>> latest_by_size;
  FitOptions options;
  for (const HierarchicalModel& model : EnumerateHierarchicalModels(k, max_order)) {
    const size_t size = model.terms().size() - static_cast<size_t>(k);
    if (latest_by_size.size() <= size) latest_by_size.resize(size + 1);
    options.warm_start = nullptr;
    for (size_t s = size; s-- > 0;) {
      if (!latest_by_size[s].empty()) {
        options.warm_start = &latest_by_size[s];
        break;
      }
    }
    ONDERDAK_ASSIGN_OR_RETURN(ModelFit fit, fitter.Fit(model, options));
    ++choice.models_fitted;
    if (!fit.ok()) {
      latest_by_size[size].clear();
      ++choice.models_without_estimate;
      continue;
    }
    latest_by_size[size] = std::move(fit.fitted);  // keep the ranking small; the best is refitted
    choice.ranked.push_back(std::move(fit));
  }
  if (choice.ranked.empty()) {
    return core::Status::FailedPrecondition("no hierarchical model has an estimate");
  }
  SortByCriterion(choice.ranked, criterion);
  ONDERDAK_ASSIGN_OR_RETURN(choice.ranked.front(), FitModel(table, choice.ranked.front().model));
  return choice;
}

core::Result<ModelChoice> StepwiseSearch(const CaptureTable& table, const StepwiseOptions& options) {
  const int k = table.num_lists;
  ModelChoice choice;
  choice.criterion = options.criterion;
  choice.method = SearchMethod::kStepwise;
  internal::ModelFitter fitter(table);
  HierarchicalModel current = HierarchicalModel::Independence(k);
  ONDERDAK_ASSIGN_OR_RETURN(ModelFit current_fit, fitter.Fit(current));
  ++choice.models_fitted;
  if (!current_fit.ok()) {
    return core::Status::FailedPrecondition("the independence model has no estimate: " +
                                            std::string(VerdictName(current_fit.verdict)));
  }
  choice.ranked.push_back(current_fit);
  while (true) {
    bool found = false;
    ModelFit best_fit;
    unsigned best_term = 0;
    for (int a = 0; a < k; ++a) {
      for (int b = a + 1; b < k; ++b) {
        const unsigned pair = (1u << a) | (1u << b);
        if (current.Contains(pair)) continue;
        if (options.overlapping_pairs_only && table.Overlap(a, b) == 0) continue;
        // Every candidate is the current model plus one term: start from its fit.
        FitOptions fit_options;
        fit_options.warm_start = &current_fit.fitted;
        ONDERDAK_ASSIGN_OR_RETURN(ModelFit fit, fitter.Fit(current.WithTerm(pair), fit_options));
        ++choice.models_fitted;
        if (!fit.ok()) {
          ++choice.models_without_estimate;
          continue;
        }
        if (!found || Score(fit, options.criterion) < Score(best_fit, options.criterion)) {
          best_fit = std::move(fit);
          best_term = pair;
          found = true;
        }
      }
    }
    if (!found || Score(best_fit, options.criterion) >= Score(current_fit, options.criterion)) {
      break;
    }
    if (best_fit.TermPValue(best_term) > options.p_threshold) break;
    current = best_fit.model;
    current_fit = best_fit;
    choice.ranked.push_back(std::move(best_fit));
  }
  SortByCriterion(choice.ranked, options.criterion);
  return choice;
}

core::Result<ModelChoice> ChooseModel(const CaptureTable& table, Criterion criterion) {
  if (table.num_lists <= 5) return SearchAllHierarchical(table, criterion);
  StepwiseOptions options;
  options.criterion = criterion;
  return StepwiseSearch(table, options);
}

}  // namespace onderdak::stats
