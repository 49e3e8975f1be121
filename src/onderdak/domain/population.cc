#include "onderdak/domain/population.h"

#include <unordered_map>

namespace onderdak::domain {

std::optional<RegionPopulation> PopulationForPeriod(const std::vector<PopulationCount>& counts, const ReferenceSet& set,
                                                    const core::Period& period) {
  if (counts.empty()) return std::nullopt;
  const core::Date last = period.last();
  std::optional<core::Date> on_or_before, earliest;
  for (const auto& c : counts) {
    if (!earliest || c.date < *earliest) earliest = c.date;
    if (c.date <= last && (!on_or_before || c.date > *on_or_before)) on_or_before = c.date;
  }
  RegionPopulation out;
  out.date = on_or_before ? *on_or_before : *earliest;
  std::unordered_map<std::string_view, std::int64_t> by_code;
  for (const auto& c : counts) {
    if (c.date == out.date) by_code.emplace(c.municipality, c.inhabitants);
  }
  for (const auto& r : set.regions()) {
    std::int64_t sum = 0;
    const Municipality* lacking = nullptr;
    for (const auto* m : r.members) {
      auto it = by_code.find(m->code);
      if (it == by_code.end()) {
        lacking = m;
        break;
      }
      sum += it->second;
    }
    if (lacking != nullptr) {
      out.incomplete.emplace(r.code, lacking->code);
    } else if (!r.members.empty()) {
      out.regions.emplace(r.code, sum);
    }
  }
  return out;
}

}  // namespace onderdak::domain
