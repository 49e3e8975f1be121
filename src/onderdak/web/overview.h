// The national overview page (/overzicht): the key figures against their targets, in
// Dutch with an English switch. A pure function of a small view model that the api layer
// fills from the public (disclosure-controlled) indicator figures; every picture on the
// page (a progress bar, a bar chart as inline SVG) is also given as a table or text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/web/i18n.h"

namespace onderdak::web {

// A count or a share as published: empty when suppressed or not available.
struct Published {
  std::optional<double> value;
  std::optional<std::int64_t> numerator, denominator;
};

struct OverviewData {
  std::string period;                // the period shown, e.g. "2021H2"
  std::vector<std::string> periods;  // every period with deliveries, for the selector
  struct HomelessPoint {
    std::string period;
    std::string reference_date;  // of the point-in-time count
    Published on_date, in_period;
  };
  std::vector<HomelessPoint> homeless;  // P1, NL, per half-year
  Published places_realised;            // A2, NL, distinct
  std::int64_t places_target = 10000;   // A2 national ambition
  struct Line {
    std::string code, label;
    Published gross;
  };
  std::vector<Line> funding_lines;  // A2 gross per funding line
  Published stays_over_90_share;    // P5 ended.over_90_days_share, NL
  Published single_room_share;      // A1 single_room_places_share, NL
  Published plans_adopted;          // A5 regions with plan_status vastgesteld
  Published regions_delivered;      // A7 regions_delivered (numerator of denominator)
  std::int64_t regions_total = 43;
  // Counted beside estimated on the period's reference date (docs/estimation.md, ADR 0011):
  // the national count, and the sum of the reliable regional estimates with what those
  // regions counted.
  struct Hidden {
    std::string reference_date;  // the period's first day
    Published counted;           // P1 persons_on_date, NL
    int regions_summed = 0;
    std::int64_t counted_in_summed = 0;
    std::optional<std::int64_t> n_hat, lower, upper;  // empty: no region with a reliable estimate
  } hidden;
};

// Formats for the language: 12.345 and 24,7 % in Dutch, 12,345 and 24.7% in English.
std::string FormatCount(Lang lang, double value);
std::string FormatPercent(Lang lang, double share);

std::string RenderOverviewPage(const OverviewData& data, Lang lang);
// How the hidden population is estimated (/methode): the method in plain words, its
// assumptions and the publication rule.
std::string RenderMethodPage(Lang lang);
// When there are no deliveries yet.
std::string RenderNoDataOverviewPage(Lang lang);

}  // namespace onderdak::web
