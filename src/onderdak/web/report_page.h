// The region's yearly progress report for the gemeenteraad (issue 18, ADR 0038): one
// self-contained, printable HTML document (no script, no external asset) that `onderdak
// report` prints to PDF with headless Chromium. A first page a council member reads in two
// minutes (the key figures of the year beside the year before and the nation, each
// national target with its deadline), a table of contents, a chapter per theme of the
// action plan, completeness and counted beside estimated, and appendices with every
// definition used and the data's provenance. Figures are the public region page's
// (disclosure control applied), from RegionPageData.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "onderdak/web/dashboard.h"
#include "onderdak/web/i18n.h"
#include "onderdak/web/overview.h"

namespace onderdak::web {

// Where a report's figures come from, stated in it and in its metadata: the same database
// and arguments give the same document.
struct ReportProvenance {
  std::string deliveries_version{};  // store::Store::DeliveriesVersion()
  std::string data_as_of{};          // the latest import among the current deliveries (YYYY-MM-DD)
  std::string reference{};           // the reference set in force: its source and version id
  std::string software_version{};
  bool synthetic = false;  // some delivery came from `onderdak generate`
};

struct RegionReportData {
  RegionPageData region{};  // the half-years of the year and the year before
  int year = 0;
  ReportProvenance provenance{};
  // Regions of similar size (by inhabitants, when population figures are imported: ADR
  // 0037), the region itself first, with the comparison's figures for the year's last
  // half-year; empty without population figures (the report then says what to import).
  struct Similar {
    std::string code{}, name{};
    std::int64_t inhabitants = 0;
    std::vector<Cell> cells{};  // one per `similar_measures`
  };
  std::vector<Similar> similar{};
  std::vector<std::size_t> similar_measures{};  // indices into HeadlineMeasures()
  std::string population_date{};                // the population's reference date used
};

// A rendered report: the document and its title (for the PDF's metadata).
struct ReportDocument {
  std::string title{}, html{};
};

ReportDocument RenderRegionReport(const RegionReportData& data, Lang lang);

// The national half-year report (issue 18 item 3): the overview's national picture (with
// the regions each figure covers, the targets, the homeless persons' comparable series and
// chart, others' series beside our counts, counted beside estimated), the map of P1, and a
// table of every region's key figures.
struct NationalReportData {
  OverviewData overview{};               // the half-year's national picture
  std::optional<MapData> map{};          // P1 persons on the reference date, by region
  std::optional<CompareData> regions{};  // every region's key figures
  ReportProvenance provenance{};
};
ReportDocument RenderNationalReport(const NationalReportData& data, Lang lang);

}  // namespace onderdak::web
