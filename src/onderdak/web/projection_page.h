// "Op weg naar 2030" (/projectie): the projection of a region or the nation to 2030 as a fan
// chart and a table, the placements into housing needed for zero and functional zero beside
// the current pace, and the scenario a policy officer can change (issue 17,
// docs/projection.md). The api layer fills the view from projection::ProjectionAnswer.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "onderdak/web/i18n.h"

namespace onderdak::web {

struct ProjectionView {
  std::string unit;                                        // "NL" or a region's code
  std::string unit_name;                                   // "Nederland" or the region's name
  std::vector<std::pair<std::string, std::string>> units;  // (code, name) for the choice, NL first
  std::string definition_label;
  std::string jump_off;  // ISO date: the last delivered day
  std::size_t regions = 0;
  std::vector<std::string> left_out;  // NL: regions without a delivery for the last half-year
  bool withheld = false;
  std::vector<std::pair<std::string, std::int64_t>> observed;  // (ISO date, persons)
  struct Point {
    std::string date;  // ISO
    double expected = 0, p05 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0;
  };
  std::vector<Point> path;
  double current_pace = 0, needed_zero = 0, needed_functional_zero = 0, functional_zero = 0;
  std::string zero_reached, functional_zero_reached;  // ISO, or "" when not by search_until
  int search_until = 2060;
  int to_year = 2030;
  // The scenario as given (percentages, placements per half-year).
  int prevention = 0, wonen_eerst = 0, fewer_returns = 0, extra = 0;
  bool pipeline = false;
  double pipeline_places = 0;
  int replicates = 0;
};

std::string RenderProjectionPage(const ProjectionView& view, Lang lang);

}  // namespace onderdak::web
