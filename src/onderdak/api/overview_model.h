// The national overview's view model (/, /overzicht, /api/v1/overview): the public figures
// of one half-year with the coverage of each national figure, the comparable national
// trend and counted beside estimated (docs/indicators.md §5.4, docs/api.md).
//
// Thread-safe as the caches are; the store must allow concurrent reads.
#pragma once

#include <optional>
#include <string>

#include "onderdak/api/caches.h"
#include "onderdak/api/estimates.h"
#include "onderdak/core/result.h"
#include "onderdak/store/store.h"
#include "onderdak/web/overview.h"

namespace onderdak::api {

struct OverviewSources {
  store::Store& store;
  ReferenceCache& reference;
  FigureCache& figures;
  EstimateCache& estimates;
};

// The overview of `period` ("2021H2"; empty: the latest half-year whose coverage is
// sufficient, or the latest half-year when none is); empty when nothing is imported yet.
// P1 follows the definition preset `definition` (indicators/definition.h; default the
// monitor's); counted beside estimated is always ETHOS 1-3, the estimation's lists.
// InvalidInput for a malformed period or an unknown definition.
core::Result<std::optional<web::OverviewData>> BuildOverview(
    OverviewSources src, const std::string& period, web::Lang lang,
    const std::string& definition = std::string(indicators::kDefaultDefinition));

// The presets as the pages offer them, `active` chosen (InvalidInput when unknown).
core::Result<web::DefinitionView> DefinitionChoices(const std::string& active);

// A stored reference series point (ADR 0024) as the pages show it.
web::ReferencePoint ReferencePointOf(const domain::SeriesPoint& p);
// A stored target as the pages show it (its label in `lang`; no figure or status yet).
web::TargetView TargetViewOf(const domain::Target& t, web::Lang lang);

}  // namespace onderdak::api
