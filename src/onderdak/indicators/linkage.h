// Linked registrations for multiple-systems estimation (docs/estimation.md): which of a
// region's organisations registered each homeless person, as counts per capture history.
//
// Each organisation that delivered person-level records for the region is a list. A
// person (pseudonym) is on a list when one of that organisation's current deliveries whose
// period overlaps the window [from, to] holds a homelessness episode of the person
// overlapping the window: a living situation in the ETHOS set (default 1-3), or a shelter
// stay (ETHOS 2 or 3, as in docs/indicators.md §2.2). The pseudonym links the lists (ADR
// 0006). The window is one reference date (from = to) or a period.
//
// Pure function over a Dataset; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/domain/dataset.h"

namespace onderdak::indicators {

struct LinkRequest {
  std::string region;              // CBS code of the centrumgemeente
  core::Date from, to;             // the window, inclusive: a reference date (from = to) or a period
  std::vector<std::string> lists;  // organisation ids to link; empty: every organisation with persons
  std::vector<int> ethos = {1, 2, 3};
};

struct LinkedLists {
  std::vector<std::string> lists;  // organisation ids, list 1 first
  // counts[h]: persons whose history is the bit mask h (bit j = on list j + 1); counts[0] = 0.
  std::vector<double> counts;
  std::int64_t persons = 0;  // distinct persons on at least one list
};

// The organisations whose current delivery for `region` overlaps [from, to] and holds
// person-level episodes (living situations or service episodes), each with the indices of
// those deliveries in data.deliveries: the lists LinkRegistrations links by default.
std::map<std::string, std::vector<std::int32_t>> ListDeliveries(const domain::Dataset& data,
                                                                const std::string& region, core::Date from,
                                                                core::Date to);

// InvalidInput when fewer than two lists qualify (naming what was found), or when a
// requested organisation did not deliver persons for the region on the date; at most 8
// lists.
core::Result<LinkedLists> LinkRegistrations(const domain::Dataset& data, const LinkRequest& request);

}  // namespace onderdak::indicators
