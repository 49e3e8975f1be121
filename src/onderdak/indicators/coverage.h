// Coverage of national figures (docs/indicators.md §5.4): a national figure is a number
// only when enough of the expected regions delivered for it, and a national trend compares
// like with like: the same regions in every period it shows.
//
// Values and pure functions; thread-safe.
#pragma once

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "onderdak/indicators/figure.h"

namespace onderdak::indicators {

// Share of the expected regions that must have delivered for a national figure to be
// shown as a number: 70 %, rounded down to whole regions (30 of 43). Below it the figure
// is "onvoldoende gegevens" (insufficient data), never a number and never 0. Why 70 %:
// seed 004 reports 35 of 43 regions delivering as a usable national picture; with 30 of
// 43 the largest regions can still be absent only a few at a time, and a single early
// upload (1 of 43) can never pass for the nation.
inline constexpr double kMinCoverageShare = 0.7;

// The least number of delivering regions for `expected` expected regions (30 for 43).
inline int MinCoveredRegions(int expected) {
  return std::max(1, static_cast<int>(std::floor(kMinCoverageShare * expected + 1e-9)));
}

// Whether a national figure with this completeness may be shown as a number.
inline bool SufficientCoverage(const Completeness& c) {
  return c.unit == "regions" && c.expected > 0 && c.delivered >= MinCoveredRegions(c.expected);
}

// The regions that delivered in every one of `periods` (each given by the completeness of
// the same national figure): the set a comparable national series is computed over. The
// expected regions of the first completeness minus every period's missing ones, sorted.
inline std::vector<std::string> CommonRegions(const std::vector<std::string>& expected,
                                              const std::vector<Completeness>& periods) {
  std::set<std::string> common(expected.begin(), expected.end());
  for (const auto& c : periods) {
    for (const auto& m : c.missing) common.erase(m);
  }
  return {common.begin(), common.end()};
}

}  // namespace onderdak::indicators
