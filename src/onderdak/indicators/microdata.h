// The person-level export for statistics agencies (`onderdak export --format cbs`,
// docs/export-cbs.md): one region's homelessness episodes in a period, per person and per
// episode, in the scope of a definition preset (default: the national monitor's ETHOS 2
// and 3), so that a region can hand its registrations to a national statistician without
// retyping them.
//
// The episodes are the ones the indicators count (docs/indicators.md §2.2): living
// situations whose ETHOS category is in the definition's set, and shelter stays whose
// ETHOS category (2 for night and winter shelter, 3 for the other shelter types) is. A
// person is named by their pseudonym only: no BSN, initials or birth date exists in a
// Dataset, and the birth month is left out too (the birth year and the age suffice).
//
// Person-level data: the CLI writes it for one region at a time and audits every export;
// no route of the web server serves it.
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"
#include "onderdak/domain/dataset.h"
#include "onderdak/indicators/definition.h"

namespace onderdak::indicators {

struct MicrodataRequest {
  std::string region;  // CBS code of the centrumgemeente
  core::Period period;
  std::string definition = std::string(kDefaultDefinition);
};

// One episode of one person, with the person's attributes from the same delivery.
struct MicrodataRow {
  std::string pseudonym{};
  std::string organisation{};
  std::string delivery_period{};  // the period of the delivery the episode came in
  std::string record_id{};        // the episode's record_id in that delivery
  int birth_year = 0;             // 0 when unknown
  std::string_view gender{}, household{}, nationality_group{};
  std::string municipality_of_origin{};
  int age = -1;                     // completed years on the later of start and the period's first day; -1 unknown
  std::string_view kind{};          // "living_situation" or "shelter_stay"
  int ethos = 0;                    // 1-7
  std::string_view service_type{};  // shelter stays only
  core::Date start{};
  std::optional<core::Date> end{};      // nullopt: ongoing on the delivery's last day
  std::string_view exit_destination{};  // shelter stays with an end only
};

// The region's episodes in the period's scope, from its current deliveries whose period
// overlaps the request's. An episode delivered in several of them (a year of two
// half-year deliveries) is taken once, from the latest. Sorted by pseudonym, start, kind,
// organisation and record id. InvalidInput for an unknown definition.
core::Result<std::vector<MicrodataRow>> SelectMicrodata(const domain::Dataset& data, const MicrodataRequest& request);

// The columns of docs/export-cbs.md, in order.
std::vector<std::string> MicrodataHeader();
// Header plus one RFC 4180 line per row (`\n` line ends).
std::string RenderMicrodataCsv(const std::vector<MicrodataRow>& rows, const MicrodataRequest& request);

}  // namespace onderdak::indicators
