// Model choice for multiple-systems estimation.
//
// Promise: ChooseModel fits every hierarchical log-linear model when that is tractable
// (k <= 5 lists: all models up to order k-1, 6,893 for k = 5) and otherwise searches
// stepwise over two-list interactions; it ranks the models whose estimate exists by
// AIC or BIC (default BIC) and never ranks a model without an estimate. The extended-MLE
// rule of FitModel applies to every candidate.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/stats/capture_table.h"
#include "onderdak/stats/loglinear.h"

namespace onderdak::stats {

enum class SearchMethod { kAllHierarchical, kStepwise };

struct ModelChoice {
  Criterion criterion = Criterion::kBic;
  SearchMethod method = SearchMethod::kAllHierarchical;
  // Models with an estimate, best (lowest criterion) first. The first is the choice.
  // Equal criteria keep the enumeration order (models that differ only in which terms
  // are at -infinity but have as many parameters tie exactly).
  // After SearchAllHierarchical only the first keeps its per-cell `fitted` means (the
  // others are dropped to keep thousands of fits small).
  std::vector<ModelFit> ranked;
  int models_fitted = 0;
  int models_without_estimate = 0;  // fitted, but verdict != kOk; not ranked

  const ModelFit& best() const { return ranked.front(); }
};

// Every hierarchical model on k lists that contains all main effects and no term above
// `max_order`, in a fixed order (independence first).
std::vector<HierarchicalModel> EnumerateHierarchicalModels(int num_lists, int max_order);

// Fits every model of EnumerateHierarchicalModels(k, max_order); max_order 0 means k-1.
core::Result<ModelChoice> SearchAllHierarchical(const CaptureTable& table, Criterion criterion, int max_order = 0);

struct StepwiseOptions {
  Criterion criterion = Criterion::kBic;
  // Stop when the Wald p-value of the best new term exceeds this (1 = no such test).
  double p_threshold = 1.0;
  // Consider only pairs of lists that share persons. By default every pair is a
  // candidate; a pair without shared persons enters at -infinity (extended MLE) and, its
  // coefficient being infinite, has p-value 1, so a p-value threshold stops there, as
  // modslavmse's glm-based search does.
  bool overlapping_pairs_only = false;
};

// Forward selection over two-list interactions from the independence model: add the
// pair that lowers the criterion most; stop when none does or its p-value is too high.
// `ranked` holds the path's models, best first.
core::Result<ModelChoice> StepwiseSearch(const CaptureTable& table, const StepwiseOptions& options = {});

// All hierarchical models for k <= 5, stepwise beyond.
core::Result<ModelChoice> ChooseModel(const CaptureTable& table, Criterion criterion = Criterion::kBic);

}  // namespace onderdak::stats
