// The national overview page (/overzicht): the key figures against their targets, in
// Dutch with an English switch. A pure function of a small view model that the api layer
// fills from the public (disclosure-controlled) indicator figures; every picture on the
// page (a progress bar, a bar chart as inline SVG) is also given as a table or text.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/web/definition_view.h"
#include "onderdak/web/i18n.h"
#include "onderdak/web/marks.h"

namespace onderdak::web {

// A count or a share as published: empty when there is no number, `mark` says why.
struct Published {
  std::optional<double> value;
  std::optional<std::int64_t> numerator, denominator;
  Mark mark = Mark::kNone;  // why there is no value (kSuppressed unless said otherwise)
};

// Which regions stand behind a national figure (docs/indicators.md §5.4).
struct Coverage {
  int delivered = 0, expected = 0;
  std::vector<std::string> missing;  // region codes, sorted
  bool sufficient = false;           // at least indicators::MinCoveredRegions(expected)
  // Of `missing`, the regions whose value a cumulative figure (A2) still counts, carried
  // from an earlier period: region code and that period, sorted by region.
  struct Carried {
    std::string region, period;
  };
  std::vector<Carried> carried;
};

// One stored target (ADR 0024) beside the figure it applies to, judged on the figure's
// date (indicators/targets.h).
struct TargetView {
  std::string id{}, indicator{}, measure{}, breakdown{}, scope{}, label{}, unit{}, comparison{}, source{}, note{};
  double value = 0;
  std::string deadline{};       // YYYY-MM-DD
  std::string baseline_date{};  // "" without a baseline
  std::optional<double> baseline_value{};
  Published current{};        // the figure's published value (mark when none)
  std::string figure_date{};  // the date the figure is judged on; "" without a figure
  std::string status{};       // bereikt, op_koers, achter, verlopen, voor_start; "" without a figure
};

// One point of an external reference series (ADR 0024) shown beside onderdak's figures,
// labelled with its source and definition.
struct ReferencePoint {
  std::string source{}, series{}, definition{}, unit{}, region{}, period{}, date{}, note{};
  double value = 0;
  std::optional<double> low{}, high{};
};

struct OverviewData {
  std::string period;                               // the period shown, e.g. "2021H2"
  DefinitionView definition;                        // who counts as homeless (P1)
  std::vector<std::string> periods;                 // every period with deliveries, for the selector
  std::map<std::string, std::string> region_names;  // code -> name, for the lists of regions
  int min_regions = 30;                             // coverage threshold (indicators::MinCoveredRegions)
  // Coverage of the selected period: the regions that delivered person-level data for its
  // reference date (P1). The default period is the latest with sufficient coverage.
  Coverage coverage;
  struct HomelessPoint {
    std::string period;
    std::string reference_date;  // of the point-in-time count
    Coverage coverage;           // of P1 on the reference date
    // Every region that delivered (a changing set: not comparable between periods).
    Published on_date, in_period;
    // Over `comparable_regions` only; set for the periods of the comparable series (those
    // with sufficient coverage).
    bool in_series = false;
    Published comparable_on_date, comparable_in_period;
  };
  std::vector<HomelessPoint> homeless;  // P1, NL, per half-year
  // The regions that delivered in every period of the comparable series, and those left out.
  std::vector<std::string> comparable_regions, comparable_left_out;
  Published places_realised;  // A2, NL, distinct
  Coverage places_coverage;   // regions that delivered housing projects for the period
  // A2: the national target in force on the period's last day (stored data, ADR 0024):
  // its value, deadline and status; empty when no target is stored.
  std::optional<std::int64_t> places_target;
  std::string places_target_id, places_target_deadline, places_target_status;
  struct Line {
    std::string code, label;
    Published gross;
  };
  std::vector<Line> funding_lines;  // A2 gross per funding line
  Published stays_over_90_share;    // P5 ended.over_90_days_share, NL
  Published single_room_share;      // A1 single_room_places_share, NL
  // A5: regions with an adopted plan, regions that reported their plan (the others are
  // "unknown", never "no plan").
  Published plans_adopted;
  int plans_reported = 0;
  // A8: gemeenten with an adopted prevention policy, of those reported on; the gemeenten of
  // the delivering regions that were not reported on ("niet gemeld", never "no policy");
  // and the regions that delivered a prevention_policies file.
  Published prevention_adopted_share;
  Published prevention_not_reported;
  int prevention_regions = 0;
  Published regions_delivered;  // A7 regions_delivered (numerator of denominator)
  std::int64_t regions_total = 43;
  // Counted beside estimated on the period's reference date (docs/estimation.md, ADR 0011):
  // the national count with its coverage, and the sum of the reliable regional estimates
  // with what those regions counted. Both are about ETHOS 1-3 whatever `definition` is:
  // the estimation links the lists on that set (ADR 0023).
  struct Hidden {
    std::string reference_date;  // the period's first day
    Published counted;           // P1 persons_on_date, NL
    int regions_summed = 0;
    std::int64_t counted_in_summed = 0;
    std::optional<std::int64_t> n_hat, lower, upper;  // empty: no region with a reliable estimate
    // The national estimate (ADR 0018): reliable regions with their own estimate, the
    // other counted regions times the pooled ratio, the rest named as not estimated.
    int regions_direct = 0, regions_via_ratio = 0;
    std::vector<std::string> not_estimated;  // region codes
    std::int64_t national_counted = 0;       // persons counted in the direct and via-ratio regions
    std::optional<std::int64_t> national_n_hat, national_lower, national_upper;
  } hidden;
  // Every stored national target with its deadline and status (ADR 0024).
  std::vector<TargetView> targets;
  // External estimates beside our own figures: the CBS national estimate (18-65, ETHOS
  // 1/2/6-like, on 1 January), every year of it, newest last.
  std::vector<ReferencePoint> reference_series;
  // Hook for the lead (definitions branch): onderdak's own count under the `cbs`
  // definition preset (18-65, the CBS categories, on 1 January of the selected period's
  // year), to show beside the CBS estimate. Left empty (Mark::kNone, no value) until the
  // indicator Request supports that preset; the page then says it is not available yet.
  Published own_count_cbs_definition;
  std::string own_count_cbs_definition_date;  // its reference date, YYYY-MM-DD
};

// The targets section and the reference series section of the overview
// (overview_targets.cc); also used by the region page.
std::string TargetsSection(const std::vector<TargetView>& targets, Lang lang);
std::string ReferenceSeriesSection(const OverviewData& data, Lang lang);

// Formats for the language: 12.345 and 24,7 % in Dutch, 12,345 and 24.7% in English.
std::string FormatCount(Lang lang, double value);
std::string FormatPercent(Lang lang, double share);
// `v` with exactly `decimals` decimals and the language's separators ("1.234,5" / "1,234.5").
std::string FormatFixed(Lang lang, double v, int decimals);
// A date (ISO 8601 YYYY-MM-DD) as people write it: "31 december 2021" in Dutch,
// "31 December 2021" in English; anything that is not such a date is returned as given.
std::string FormatDate(Lang lang, std::string_view iso);
// A period ("2021H2", "2021") as people write it: "2e halfjaar 2021" and "2021" in Dutch,
// "2nd half of 2021" in English; anything else is returned as given.
std::string FormatPeriod(Lang lang, std::string_view period);
// The source line under a page's figures (issue 21 item 6): where they come from, the
// period and the reference date of counts on one day (its first day), with id "source".
std::string SourceLine(Lang lang, std::string_view period);
// A reference series value with its interval when published: "32.000 (29.000-35.000)".
std::string FormatSeriesValue(Lang lang, const ReferencePoint& p);

std::string RenderOverviewPage(const OverviewData& data, Lang lang);
// The page's body without its forms and downloads (the national report uses it too).
std::string OverviewBody(const OverviewData& d, Lang lang);
// How the hidden population is estimated (/methode): the method in plain words, its
// assumptions and the publication rule.
std::string RenderMethodPage(Lang lang);
// When there are no deliveries yet.
std::string RenderNoDataOverviewPage(Lang lang);

}  // namespace onderdak::web
