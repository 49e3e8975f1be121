// Reading and importing policy targets and external reference series (ADR 0024).
//
// Targets (docs/targets-format.md): UTF-8 CSV, `,` or `;`, header row, one target a row:
//   id, indicator, measure, scope, comparison, value, unit, deadline, source, label_nl,
//   label_en required; breakdown optional (default "total"); baseline_date and baseline_value optional (both or
//   neither); note optional. Every import is the whole list and becomes the version in force.
// Series (docs/series-format.md): source, series, definition, unit, region, period, date,
//   value required columns (per row exactly one of period and date), low, high, note
//   optional. A re-import replaces, per source in the file, that source's points.
// Unknown columns are rejected. Every error is "file:line: column: rule"; the
// InvalidInput lists up to 100 of them. An import is all or nothing.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/domain/policy.h"
#include "onderdak/domain/reference.h"
#include "onderdak/store/store.h"

namespace onderdak::ingest {

// What a row is checked against.
struct PolicyContext {
  // The regions in force: a scope or region must be "NL" or one of its regions. nullptr:
  // only "NL" is accepted.
  const domain::ReferenceSet* regions = nullptr;
  // Whether an indicator id exists (the CLI passes indicators::FindIndicator).
  std::function<bool(std::string_view)> is_indicator;
};

core::Result<std::vector<domain::Target>> ReadTargetsCsv(const std::filesystem::path& path, const PolicyContext& ctx);
core::Result<std::vector<domain::SeriesPoint>> ReadSeriesCsv(const std::filesystem::path& path,
                                                             const PolicyContext& ctx);

core::Result<store::PolicyVersion> ImportTargets(store::Store& store, const std::filesystem::path& path,
                                                 const PolicyContext& ctx);
core::Result<std::vector<store::PolicyVersion>> ImportSeries(store::Store& store, const std::filesystem::path& path,
                                                             const PolicyContext& ctx);

// Shipped with onderdak in data/reference/ and imported by `init` when none is stored.
inline constexpr const char* kShippedTargetsFile = "targets.csv";
inline constexpr const char* kShippedSeriesFile = "series_cbs.csv";

}  // namespace onderdak::ingest
