// Disclosure control for published figures (docs/indicators.md §5): small cells are
// suppressed, with secondary suppression so that no suppressed cell can be recovered from
// its table (the total and the other cells of its breakdown, or "NL" and the other
// regions), or rounded to a base. The regions' own aggregate figures (capacity, money,
// plans: Figure::disclosive == false) are published as they are.
//
// Pure function over values; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "onderdak/indicators/figure.h"

namespace onderdak::indicators {

struct DisclosureOptions {
  enum class Method {
    kNone,      // internal use: nothing changes (drill-down kept)
    kSuppress,  // suppress cells below the threshold, plus secondary suppression
    kRound,     // round counts to multiples of rounding_base; medians of small groups suppressed
  };
  Method method = Method::kSuppress;
  std::int64_t threshold = 5;      // a count 1..threshold-1 is a small cell
  std::int64_t rounding_base = 5;  // kRound
  // Figures of this region (CBS code) are left unrounded and unsuppressed, with their
  // drill-down: a region's users see their own figures. Empty: none.
  std::string own_region;
  // Keep Figure::records of the figures that are controlled (default: cleared).
  bool keep_records = false;
};

// Applies the options in place. Suppressed figures keep their identity (indicator,
// region, breakdown...) with suppressed = true and value, numerator, denominator and
// records cleared.
void ApplyDisclosureControl(std::vector<Figure>& figures, const DisclosureOptions& options);

}  // namespace onderdak::indicators
