#include "onderdak/indicators/linkage.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "onderdak/indicators/context.h"

namespace onderdak::indicators {

std::map<std::string, std::vector<std::int32_t>> ListDeliveries(const domain::Dataset& data,
                                                                const std::string& region, core::Date from,
                                                                core::Date to) {
  std::map<std::string, std::vector<std::int32_t>> deliveries_of;
  for (std::size_t i = 0; i < data.deliveries.size(); ++i) {
    const auto& del = data.deliveries[i];
    if (!del.current || del.region != region || to < del.period_first || from > del.period_last) continue;
    const bool has_episodes = std::any_of(del.files.begin(), del.files.end(), [](const std::string& f) {
      return f == "living_situations" || f == "service_episodes";
    });
    if (has_episodes) deliveries_of[del.organisation].push_back(static_cast<std::int32_t>(i));
  }
  return deliveries_of;
}

core::Result<LinkedLists> LinkRegistrations(const domain::Dataset& data, const LinkRequest& request) {
  const core::Date from = request.from, to = request.to;
  const std::string window = from == to ? from.ToString() : from.ToString() + " to " + to.ToString();
  auto deliveries_of = ListDeliveries(data, request.region, from, to);
  LinkedLists out;
  if (request.lists.empty()) {
    for (const auto& [org, ds] : deliveries_of) out.lists.push_back(org);
  } else {
    for (const auto& org : request.lists) {
      if (!deliveries_of.contains(org)) {
        std::string found;
        for (const auto& [o, ds] : deliveries_of) found += (found.empty() ? "" : ", ") + o;
        return core::Status::InvalidInput("list '" + org + "' delivered no episodes for " + request.region + " in " +
                                          window + " (found: " + (found.empty() ? "none" : found) + ")");
      }
      out.lists.push_back(org);
    }
  }
  if (out.lists.size() < 2) {
    return core::Status::InvalidInput("estimation needs at least two linked lists; " + request.region + " has " +
                                      std::to_string(out.lists.size()) + " organisation(s) with episodes in " + window);
  }
  if (out.lists.size() > 8) {
    return core::Status::InvalidInput("at most 8 lists can be linked; choose them with --lists");
  }
  std::vector<int> list_of_delivery(data.deliveries.size(), -1);
  for (std::size_t j = 0; j < out.lists.size(); ++j) {
    for (auto i : deliveries_of[out.lists[j]]) list_of_delivery[static_cast<std::size_t>(i)] = static_cast<int>(j);
  }
  auto covers = [from, to](core::Date start, const std::optional<core::Date>& end) {
    return start <= to && (!end || *end >= from);
  };
  std::unordered_map<std::string_view, unsigned> history;  // pseudonym -> lists
  auto mark = [&](std::int32_t person) {
    const auto& p = data.persons[static_cast<std::size_t>(person)];
    const int list = list_of_delivery[static_cast<std::size_t>(p.delivery)];
    if (list >= 0) history[p.pseudonym] |= 1U << list;
  };
  for (const auto& l : data.living_situations) {
    if (std::find(request.ethos.begin(), request.ethos.end(), l.ethos) == request.ethos.end()) continue;
    if (covers(l.start, l.end)) mark(l.person);
  }
  for (const auto& s : data.service_episodes) {
    if (!IsShelterStay(s.service_type)) continue;
    if (std::find(request.ethos.begin(), request.ethos.end(), ShelterEthos(s.service_type)) == request.ethos.end()) {
      continue;
    }
    if (covers(s.start, s.end)) mark(s.person);
  }
  out.counts.assign(std::size_t{1} << out.lists.size(), 0.0);
  for (const auto& [pseudonym, h] : history) out.counts[h] += 1;
  out.persons = static_cast<std::int64_t>(history.size());
  return out;
}

}  // namespace onderdak::indicators
