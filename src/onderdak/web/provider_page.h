// A provider's own figures (/mijn-cijfers, issue 19 item 4): per location the places and
// occupancy against capacity, bed-nights, stays, lengths of stay and exits to housing,
// the waiting lists per type, and per location the drill-down to its stays (pseudonyms
// only). Shown to the provider for its own organisation and to the steward of its
// region. Data in, HTML out; api/provider_routes.cc fills the views from
// indicators/provider_figures.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/web/i18n.h"

namespace onderdak::web {

struct ProviderLocationView {
  std::string region{}, facility{}, name{}, municipality{}, service_type{};
  std::int64_t places = 0, occupied = 0, bed_nights = 0, place_nights = 0;
  std::optional<double> occupancy{}, average_occupancy{};
  std::int64_t stays = 0, persons = 0, ended = 0, ended_over_90_days = 0, exits = 0, exits_to_housing = 0;
  std::int64_t overlapping_other_provider = 0;  // stays also at another provider on a night
  std::optional<double> ended_median_days{}, to_housing_share{};
};

struct ProviderWaitingView {
  std::string region{}, waiting_list_type{};
  std::int64_t registered = 0, placed = 0, waiting = 0;
  std::optional<double> placed_median_days{}, waiting_median_days{};
};

struct ProviderPageView {
  std::string organisation{};  // empty: a steward has not chosen one yet
  std::string organisation_name{};
  std::vector<std::string> organisations{};  // a steward's choice: those delivering for its regions
  std::string period{};                      // "2021H2"
  std::vector<std::string> periods{};        // the organisation's periods, newest first
  std::vector<ProviderLocationView> locations{};
  std::vector<ProviderWaitingView> waiting{};
};

struct ProviderStayView {
  std::string record_id{}, pseudonym{}, start{}, end{}, known_end{}, exit_destination{};
  std::int64_t length_days = 0, nights_in_period = 0;
};

struct ProviderStaysView {
  std::string organisation{}, period{}, region{}, facility{}, facility_name{};
  std::vector<ProviderStayView> stays{};
  bool truncated = false;  // more stays than shown
};

std::string RenderProviderPage(const ProviderPageView& view, Lang lang);
std::string RenderProviderStaysPage(const ProviderStaysView& view, Lang lang);
// The page frame with an error (an unknown organisation, a bad period): web/error_page.h.
std::string RenderProviderErrorPage(int status, std::string_view message, Lang lang);

}  // namespace onderdak::web
