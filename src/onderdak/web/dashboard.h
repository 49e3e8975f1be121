// The dashboard's indicator pages: the map (/kaart), a region's page (/regio/{code}) and
// the comparison table (/vergelijk). Pure functions of small view models that the api
// layer fills from the public (disclosure-controlled) figures; every chart and map is
// also given as a table. Scripts are separate files (web/static/*.js, served locally):
// the pages work without them, the scripts add recolouring, charts and sorting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/web/definition_view.h"
#include "onderdak/web/i18n.h"
#include "onderdak/web/marks.h"
#include "onderdak/web/overview.h"

namespace onderdak::web {

// The measure of an indicator that the pages show for it: one per indicator of the
// catalogue (docs/indicators.md), except P13, which has a page of its own (/herkomst). `national_measure` differs where
// the national figure is a different measure (A7: organisations per region, regions nationally).
struct HeadlineMeasure {
  std::string_view indicator;         // "P1"
  std::string_view measure;           // "persons_on_date"
  std::string_view national_measure;  // usually == measure
  std::string_view unit;              // indicators::UnitName: persons, share, days, ...
  std::string_view label_key;         // i18n key
};
// In catalogue order (P1..P12, A1..A7).
std::span<const HeadlineMeasure> HeadlineMeasures();
// "P1.persons_on_date": the measure's key in URLs and forms.
std::string MeasureKey(const HeadlineMeasure& m);

// A figure as a page shows it: published, suppressed by disclosure control, or absent
// (no figure: the region did not deliver, or the measure has no value there).
struct Cell {
  // kMissing: not delivered for the period; kInsufficient: a national value below the
  // coverage threshold (marks.h); kNotApplicable: no value to take (a median without records).
  enum class State { kMissing, kSuppressed, kValue, kInsufficient, kNotApplicable };
  State state = State::kMissing;
  double value = 0;
};

// A value in the language's notation for its unit: "1.234", "24,7 %", "12 dagen"; the
// mark's sign otherwise ("x" suppressed, "n.g." not delivered, "o.g." insufficient
// coverage: marks.h).
std::string FormatCell(Lang lang, std::string_view unit, const Cell& cell);
// The sign of a cell without a number (kNotDelivered for kMissing; not for a value).
Mark CellMark(const Cell& cell);

struct MapData {
  std::vector<std::string> periods;  // selectable
  std::string period;
  DefinitionView definition;  // who counts as homeless (P1, P2, P7, P10)
  std::size_t measure = 0;    // index into HeadlineMeasures()
  struct Region {
    std::string code, name;
    int col = 0, row = 0;  // tile (LayoutTileGrid)
    Cell cell;
  };
  std::vector<Region> regions;  // sorted by name
  Cell national;
  // Set when municipality boundaries are imported (store/geo.h): map.js then draws each
  // region as the union of its municipalities' shapes in place of its tile (same colours,
  // links and titles), from /api/v1/geo/municipalities and /api/v1/regions?date=`date`.
  struct Boundaries {
    std::string sha256, format, crs, object_name, code_property;
    std::string date;  // membership date: the period's first day
  };
  std::optional<Boundaries> boundaries;
  // Set when population figures are imported (ADR 0037): the map can then show a count of
  // persons or places per 10,000 inhabitants, coloured, in place of circles.
  struct Population {
    std::string date;  // the reference date used for the period (YYYY-MM-DD)
    std::string file;  // the imported file's name, for the source line
    // Per region code: inhabitants, only for regions whose every member has a figure.
    std::map<std::string, std::int64_t> regions;
  };
  std::optional<Population> population;
  bool counts_chosen = false;  // "scale=count": circles even where a rate per 10,000 inhabitants can be shown
};
// Whether the measure's unit can be shown per 10,000 inhabitants (persons, places).
bool PerInhabitantsApplies(std::string_view unit);
std::string RenderMapPage(const MapData& data, Lang lang);
// The tile-grid map and its legend alone, without links (the national report's).
std::string RenderMapFigure(const MapData& data, Lang lang);

struct RegionPageData {
  std::string code, name;
  std::vector<std::string> members;  // municipality names
  bool approximate = false;          // the reference set is the shipped approximation
  DefinitionView definition;         // who counts as homeless (P1, P2, P7, P10)
  std::vector<std::string> periods;  // the trend's periods, in time order
  struct Row {
    std::size_t measure = 0;             // index into HeadlineMeasures()
    std::vector<Cell> region, national;  // one per period
  };
  std::vector<Row> rows;  // every headline measure
  struct Completeness {
    std::string period, status;
    int delivered = 0, expected = 0;
    std::vector<std::string> missing;  // organisations that did not deliver
  };
  std::vector<Completeness> completeness;  // one per period
  // Counted beside estimated (ADR 0011) on each period's reference date (its first day),
  // as /api/v1/estimates publishes it for the region.
  struct Hidden {
    std::string period, reference_date;
    std::string status;                        // reliable, too_uncertain, unavailable or suppressed
    std::optional<std::int64_t> counted;       // null when suppressed or not linked
    std::optional<std::int64_t> n_hat;         // reliable only
    std::optional<std::int64_t> lower, upper;  // upper null when the interval is open
    // Why there is no number (too_uncertain, unavailable): estimation::NoEstimateCode,
    // shown as the text "estimate.reason.<code>"; empty otherwise.
    std::string reason{};
  };
  std::vector<Hidden> hidden;  // one per period
  // Imported reference series of this region (ADR 0024; e.g. CBS's registered homeless in
  // maatschappelijke opvang per centrumregio), each beside our own count for its period.
  struct SeriesRow {
    ReferencePoint point;
    // P1 persons_in_period of the point's period under the page's definition; kNotApplicable
    // for a dated point or a period with no deliveries at all.
    Cell own{.state = Cell::State::kNotApplicable};
  };
  std::vector<SeriesRow> series;
  // The national targets in force for the summary's figures (ADR 0024; regions have no
  // targets of their own): what each is measured against, with its deadline.
  std::vector<TargetView> targets{};
  // A2's realised places per funding line in the last half-year (gross: a place counted by
  // several lines is in each); filled for the yearly report only.
  struct FundingLine {
    std::string code{}, label{};
    Cell gross{};
  };
  std::vector<FundingLine> funding_lines{};
};
std::string RenderRegionPage(const RegionPageData& data, Lang lang);

struct CompareData {
  std::vector<std::string> periods;
  std::string period;
  DefinitionView definition;          // who counts as homeless (P1, P2, P7, P10)
  std::vector<std::size_t> measures;  // chosen, indices into HeadlineMeasures()
  struct Region {
    std::string code, name;
    std::vector<Cell> cells;  // one per chosen measure
  };
  std::vector<Region> regions;  // sorted by name
  std::vector<Cell> national;   // one per chosen measure
};
std::string RenderComparePage(const CompareData& data, Lang lang);

// When there are no deliveries yet (any of the pages above).
std::string RenderNoDataPage(Lang lang, std::string_view title_key);

}  // namespace onderdak::web
