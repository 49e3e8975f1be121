// Inhabitants per region for a period (ADR 0037): the denominator of a rate per 10,000
// inhabitants on the map. From the imported municipality counts (domain::PopulationCount),
// summed over each region's members in a reference set.
//
// Which date: the latest reference date on or before the period's last day (CBS counts
// the population on 1 January, so 2023H1 and 2023H2 both use 1 January 2023); when every
// date is later, the earliest. The date chosen is always shown beside the rates.
//
// A region gets a total only when every member municipality has a count on that date: a
// sum over some members would understate the population and overstate the rate.
//
// Values only; no I/O. Thread-safe as values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/domain/policy.h"
#include "onderdak/domain/reference.h"

namespace onderdak::domain {

struct RegionPopulation {
  core::Date date{};  // the reference date used
  // Region code -> inhabitants; only regions whose every member has a count.
  std::map<std::string, std::int64_t> regions{};
  // Regions in the set without a total, with the first member lacking a count.
  std::map<std::string, std::string> incomplete{};
};

// nullopt when no counts were imported. `counts` in any order.
std::optional<RegionPopulation> PopulationForPeriod(const std::vector<PopulationCount>& counts, const ReferenceSet& set,
                                                    const core::Period& period);

// The number per 10,000 inhabitants.
inline double Per10k(double count, std::int64_t inhabitants) {
  return inhabitants > 0 ? count * 10000.0 / static_cast<double>(inhabitants) : 0;
}

}  // namespace onderdak::domain
