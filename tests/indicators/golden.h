// Loader of the golden cases in tests/indicators/golden/*.txt (format: golden/README.md):
// a small input delivery as text, the request, and the expected figures.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/domain/dataset.h"
#include "onderdak/indicators/figure.h"

namespace onderdak::indicators::golden {

struct Expectation {
  int line = 0;
  std::string indicator, measure, region, breakdown;
  bool absent = false;      // "absent": no such figure
  bool suppressed = false;  // "x": the figure exists and is suppressed (disclosure=suppress)
  double value = 0;
  std::optional<std::int64_t> numerator, denominator;
  // When given: Figure::carried_from, and Completeness::carried as "REGION:PERIOD,...".
  std::optional<std::string> carried_from, carried;
};

struct Case {
  std::string name;
  std::string description;  // the first comment lines
  domain::Dataset data;
  Request request;
  // disclosure=suppress: the figures are compared after ApplyDisclosureControl with the
  // default options (docs/indicators.md §5.1).
  bool disclosure = false;
  std::vector<Expectation> expect;
};

core::Result<Case> LoadCase(const std::filesystem::path& file);
std::vector<std::filesystem::path> CaseFiles();

}  // namespace onderdak::indicators::golden
