// The origin page (/herkomst): P13, where the persons in shelter come from
// (woonplaatsbeginsel, landelijke toegankelijkheid; docs/indicators.md §3 P13). Per
// shelter region a summary row, a flow chart of the largest flows between regions as
// inline SVG (no script), and the origin x shelter region matrix as an accessible table.
// A pure function of a view model the api layer fills from the public
// (disclosure-controlled) figures.
#pragma once

#include <string>
#include <vector>

#include "onderdak/web/dashboard.h"

namespace onderdak::web {

struct OriginPageData {
  std::vector<std::string> periods;  // selectable half-years
  std::string period;
  DefinitionView definition;  // stated, though P13 does not depend on it
  std::string mapping_date;   // the reference set's date: the period's last day
  bool approximate = false;   // the reference set is the shipped approximation
  struct Region {
    std::string code, name;  // code "unknown" (name empty) for the unknown origin row
  };
  std::vector<Region> shelters;           // columns: shelter regions with figures, sorted by name
  std::vector<Region> origins;            // rows: origin regions with a cell, by name, "unknown" last
  std::vector<std::vector<Cell>> matrix;  // [origin][shelter] persons
  std::vector<Cell> origin_totals;        // per origin: NL (persons counted once)
  struct Summary {
    std::string code, name;
    Cell persons, own, other, unknown, referred_back, other_median_days;
  };
  std::vector<Summary> summary;  // per shelter region, as `shelters`
  Summary national;
};
std::string RenderOriginPage(const OriginPageData& d, Lang lang);

}  // namespace onderdak::web
