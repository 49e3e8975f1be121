// A provider's own figures (issue 19 item 4, docs/indicators.md §7): per location
// (facility) and period, what the provider's deliveries say about occupancy against
// capacity, bed-nights, lengths of stay and exits to housing, and its waiting lists per
// type, with the drill-down to its own stays (pseudonyms only).
//
// These are operational figures for one organisation, shown to that organisation and to
// the steward of its region; they are never published, so no disclosure control applies.
// Every rule is the catalogue's (§2.1 "which records count", "on a date", open records;
// P5 lengths of stay; P6 exits; P3/P4 waiting; A1 capacity in force), restricted to one
// organisation's current deliveries, so that the places and occupied places of a region's
// providers add up to A1's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"
#include "onderdak/indicators/engine.h"

namespace onderdak::indicators {

struct ProviderRequest {
  std::string organisation;  // the manifest's `organisation`
  core::Period period = core::Period::Year(2021);
  // Only the deliveries for these regions (CBS codes); empty: every region.
  std::vector<std::string> regions{};
};

// One location of the provider, or (facility empty) its shelter stays without one.
struct FacilityFigures {
  std::string region{};
  std::string facility{};  // record_id in facilities.csv; "" for stays without a location
  std::string name{};
  std::string municipality{};
  std::string service_type{};
  // A1: places in force on the period's last day (the latest capacity row per room size
  // with valid_from on or before it), and those in single rooms.
  std::int64_t places = 0;
  std::int64_t single_room_places = 0;
  // Shelter stays there on the last day (§2.1 "on a date"); occupancy = occupied / places.
  std::int64_t occupied = 0;
  // Nights spent there in the period, and the place-nights the capacity in force offered
  // (per day, the places in force that day): average occupancy = bed_nights / place_nights.
  std::int64_t bed_nights = 0;
  std::int64_t place_nights = 0;
  // Shelter stays overlapping the period, and the distinct persons among them.
  std::int64_t stays = 0;
  std::int64_t persons = 0;
  // P5 ended.*: stays ending in the period, their median length in days (both days
  // count) and how many lasted more than 90 days.
  std::int64_t ended = 0;
  std::optional<double> ended_median_days{};
  std::int64_t ended_over_90_days = 0;
  // P6: exits (ended stays except to andere_opvang or overleden), those to housing.
  std::int64_t exits = 0;
  std::int64_t exits_to_housing = 0;
  // Stays sharing a night of the period with a stay of the same person at another
  // organisation (A7's quality.stays_overlapping_other_provider): which one is not said.
  std::int64_t overlapping_other_provider = 0;

  std::optional<double> occupancy() const;
  std::optional<double> average_occupancy() const;
  std::optional<double> to_housing_share() const;
};

// One waiting list of the provider (P3/P4 rules): entries registered in the period,
// placed in the period with their median waiting time, and on the list on the last day.
struct WaitingListFigures {
  std::string region{};
  std::string waiting_list_type{};
  std::int64_t registered = 0;
  std::int64_t placed = 0;
  std::optional<double> placed_median_days{};
  std::int64_t waiting = 0;
  std::optional<double> waiting_median_days{};
};

struct ProviderFigures {
  std::string organisation{};
  std::string organisation_name{};  // from its latest delivery
  std::string period{};
  // The provider's current deliveries that count for the period (§2.1), by region.
  std::vector<std::string> regions{};
  std::vector<FacilityFigures> facilities{};  // by region, then facility record_id; stays without a location last
  std::vector<WaitingListFigures> waiting{};  // by region, then type
};

// One shelter stay of the drill-down.
struct ProviderStay {
  std::string record_id{};
  std::string pseudonym{};
  core::Date start{};
  std::optional<core::Date> end{};
  core::Date known_end{};        // the end, or for an open stay its delivery's last day
  std::int64_t length_days = 0;  // known_end - start + 1
  std::int64_t nights_in_period = 0;
  std::string exit_destination{};  // "" while open
};

// InvalidInput when `organisation` is empty; the figures are empty (no facilities, no
// regions) when it delivered nothing for the period.
core::Result<ProviderFigures> ComputeProviderFigures(const Prepared& prepared, const ProviderRequest& request);

// The shelter stays of the period at one location (`facility` record_id, "" for the
// stays without one) in `region`, by start date then record id.
core::Result<std::vector<ProviderStay>> ProviderStays(const Prepared& prepared, const ProviderRequest& request,
                                                      std::string_view region, std::string_view facility);

}  // namespace onderdak::indicators
