// The projection to 2030 as JSON (docs/api.md, /api/v1/projection) and the scenario read from
// a small JSON document (the CLI's --scenario FILE; docs/projection.md §5): shared by the
// API and the CLI so both say the same.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "onderdak/core/result.h"
#include "onderdak/projection/from_data.h"

namespace onderdak::api {

// The answer as JSON; `withheld` replaces the figures by the reason (public output).
nlohmann::json ProjectionJson(const projection::ProjectionAnswer& answer, bool withheld);

// The back-test rows and their summary (coverage, mean absolute percentage error) as JSON.
nlohmann::json BacktestJson(const std::vector<projection::BacktestRow>& rows);

// A scenario document: {"prevention_percent": 10, "extra_per_half_year": 50, "pipeline":
// true, "wonen_eerst_percent": 20, "fewer_returns_percent": 25, "name": "..."}, every field
// optional. InvalidInput naming `source`, the field and the rule for anything else.
core::Status ParseScenario(std::string_view text, std::string_view source, projection::ProjectionOptions& out);

}  // namespace onderdak::api
