// The values of the indicator engine: what a caller asks for (Request) and what it gets
// back (Figure), as defined in docs/indicators.md.
//
// A Figure is one cell of one measure of one indicator: for a region ("NL" for the
// national figure), a period (and a reference date for point-in-time figures), and a
// breakdown cell ("total", "age=18-27", "gender=V", ...). Shares carry their numerator and
// denominator; every figure carries the completeness of the deliveries behind it and,
// when asked for, the records behind it (drill-down, for the region's own users only).
//
// Values only; thread-safe as values.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/indicators/definition.h"

namespace onderdak::indicators {

// What Compute() computes. Only `period` is required.
struct Request {
  core::Period period = core::Period::Year(2021);
  // Reference date (peildatum) of the point-in-time figures; default: the period's first day.
  std::optional<core::Date> reference_date;
  // Only this region (CBS code of a centrumgemeente); empty: every region and "NL".
  std::string region;
  // Whether the national figure ("NL") is computed; with a region filter it is not,
  // whatever this says (a region does not see the other regions' persons).
  bool national = true;
  // Indicator ids ("P1", "A2"); empty: the whole catalogue.
  std::vector<std::string> indicators;
  // Breakdown dimensions besides the total: "age", "gender", "nationality", "household",
  // "ethos", "need", "municipality". An indicator skips the dimensions it cannot give.
  std::vector<std::string> breakdowns;
  // The definition preset (definition.h, docs/indicators.md §2.7): which ETHOS Light
  // categories count as homeless (P1, P2, P7, P10) and for which ages. Default "monitor"
  // (ETHOS 2 and 3); InvalidInput naming the presets for an unknown name.
  std::string definition = std::string(kDefaultDefinition);
  // An explicit set of ETHOS categories replacing the preset's (tests, golden cases);
  // empty: the preset's. The preset's age range and breakdown still apply.
  std::vector<int> ethos;
  // Lower bounds of the age bands, ascending; band i is [bounds[i], bounds[i+1]) in
  // completed years, the last one open. The youth band 18-27 ("18 tot 27 jaar") is always
  // added when absent (see docs/indicators.md §2.3).
  std::vector<int> age_bounds = {0, 18, 27, 40, 55, 65};
  // The regions expected to deliver (for "35 of 43"); empty: every region seen in any
  // current delivery. The CLI fills it from the reference set.
  std::vector<std::string> expected_regions;
  // Only the deliveries of these regions count, for every figure (the national one
  // included; then also its expected regions): a comparable national series over a fixed
  // set of regions (docs/indicators.md §5.4). Empty: every region.
  std::vector<std::string> only_regions;
  // National target of A2 (extra housing places): the target in force on the period's last
  // day, from the stored targets (indicators/targets.h, ADR 0024), filled by the caller.
  // Empty: no national "target" and "progress_share" figures (never a built-in number).
  std::optional<std::int64_t> national_target_extra_places;
  // Municipality -> region (CBS codes, "GM0362" -> "GM0363") of the reference set in force
  // on the period's last day, filled by the caller (indicators::MunicipalityRegions,
  // origin.h). P13 (origin of persons in shelter) needs it; empty: P13 has no figures.
  std::map<std::string, std::string, std::less<>> municipality_regions;
  // Collect the records behind each figure (Figure::records). Off for public output.
  bool drill_down = false;
};

enum class Unit {
  kPersons,
  kRecords,  // stays, requests, evictions, projects... (named in Figure::record_kind)
  kPlaces,
  kDays,
  kShare,  // numerator / denominator, 0..1
  kEuro,
  kRegions,
  kMunicipalities,  // gemeenten (A3, A8)
  kScore,           // ordinal scale or yes/no (1/0)
};
std::string_view UnitName(Unit unit);

// Which deliveries stand behind a figure (A7 and every figure's status).
struct Completeness {
  // For a region: organisations that delivered the indicator's files for the period, of
  // those that ever delivered them for that region. For "NL": regions that delivered, of
  // the expected regions.
  int delivered = 0;
  int expected = 0;
  std::string unit;                  // "organisations" or "regions"
  std::vector<std::string> missing;  // organisations or regions not delivered
  // NL figures of cumulative indicators (A2): the regions among `missing` whose value is
  // still in the national sum, carried from an earlier period, with that period
  // (docs/indicators.md §5.5).
  struct Carried {
    std::string region;
    std::string period;
    bool operator==(const Carried&) const = default;
  };
  std::vector<Carried> carried;
  // "complete", "partial" or "missing".
  std::string Status() const;
};

struct Figure {
  std::string indicator;                     // "P1"
  std::string measure;                       // e.g. "persons_on_date", "ended.median_days"
  std::string region;                        // "NL" or the CBS code of the region
  std::string period;                        // "2021H1" or "2021"
  std::optional<core::Date> reference_date;  // set for point-in-time figures only
  std::string breakdown = "total";           // "total" or "dimension=value"
  Unit unit = Unit::kPersons;
  std::string record_kind;  // for kRecords and drill-down: "persons", "service_episodes", ...
  double value = 0;
  std::optional<std::int64_t> numerator;
  std::optional<std::int64_t> denominator;
  // Counts in the figure that disclosure control guards (persons or records of persons);
  // false for the regions' own aggregate figures (capacity, money, plans).
  bool disclosive = false;
  // Whether cells of the same breakdown dimension add up to the total (each unit has one
  // value of the dimension); secondary suppression relies on it.
  bool additive = true;
  Completeness completeness;
  // A region's value carried from an earlier period (a cumulative figure of a region that
  // delivered none of its files for this one): the newest period among the deliveries it
  // is built from. Empty when the value is the period's own.
  std::string carried_from;
  std::string note;  // e.g. "national: persons de-duplicated by pseudonym"
  // The definition preset the figure was computed under (Request::definition), e.g.
  // "monitor"; with an explicit Request::ethos "monitor ethos=1,2,3". Set on every figure,
  // though only P1, P2, P7 and P10 depend on it.
  std::string definition;
  // Drill-down: indices into the Dataset vector named by record_kind (for person figures,
  // one Person record per pseudonym). Empty unless Request::drill_down.
  std::vector<std::int32_t> records;
  // Set by ApplyDisclosureControl.
  bool suppressed = false;
  bool rounded = false;
};

}  // namespace onderdak::indicators
