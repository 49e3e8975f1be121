// Policy targets, external reference series (issue 15, ADR 0024) and population figures
// (ADR 0037): dated, versioned
// data imported with `onderdak targets import` and `onderdak series import`
// (docs/targets-format.md, docs/series-format.md), never constants in the code.
//
// Values only; thread-safe as values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "onderdak/core/date.h"

namespace onderdak::domain {

// Which side of the target value counts as reached.
enum class Comparison {
  kAtLeast,  // reached when value >= target (e.g. 10,000 extra places)
  kAtMost,   // reached when value <= target (e.g. 0 % of stays over 3 months)
};
inline std::string_view ComparisonName(Comparison c) { return c == Comparison::kAtLeast ? "at_least" : "at_most"; }

// One policy target: a value that one measure of one indicator should reach by a date.
struct Target {
  std::string id{};                 // stable identifier, e.g. "a2-extra-woonplekken-2021"
  std::string indicator{};          // "A2", "P5", ... (indicators/registry.h)
  std::string measure{};            // the indicator's measure, e.g. "places_realised"
  std::string breakdown = "total";  // the figure's cell, e.g. "funding_line=bzk_regeling"
  std::string scope{};              // "NL" or the CBS code of a region (GM####)
  Comparison comparison = Comparison::kAtLeast;
  double value = 0;
  std::string unit{};  // "persons", "places", "share", "days" or "regions"
  // Where the straight path to the target starts; both or neither.
  std::optional<core::Date> baseline_date{};
  std::optional<double> baseline_value{};
  core::Date deadline{};  // last day on which the target can be met in time
  std::string source{};   // the document that sets it, with the seed it was checked against
  std::string label_nl{}, label_en{};
  std::string note{};  // e.g. overlaps with other targets
};

// One value of an external series (CBS estimates beside onderdak's own counts).
struct SeriesPoint {
  std::string source{};              // e.g. "CBS StatLine 80799ned"; a re-import replaces a source
  std::string series{};              // identifier within the source, e.g. "dakloos_18_65"
  std::string definition{};          // what is counted, in words
  std::string unit{};                // "persons"
  std::string region{};              // "NL" or the CBS code of a region
  std::string period{};              // "2023" or "2023H1" for a period figure; "" for a dated one
  std::optional<core::Date> date{};  // reference date (peildatum) for a point-in-time figure
  double value = 0;
  std::optional<double> low{}, high{};  // interval, when published
  std::string note{};                   // e.g. "rounded to hundreds as reported"
};

// A municipality's number of inhabitants on a date, e.g. CBS's population on 1 January
// (`onderdak population import`, docs/population-format.md): the denominator of a rate
// per 10,000 inhabitants (ADR 0037).
struct PopulationCount {
  std::string municipality{};  // CBS code, GM####
  core::Date date{};           // reference date (peildatum)
  std::int64_t inhabitants = 0;
};

}  // namespace onderdak::domain
