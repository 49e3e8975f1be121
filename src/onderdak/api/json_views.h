// JSON representations of domain values served by the API. Field names are part of the
// API contract (docs/api.md): add fields, never rename or remove them within /api/v1.
#pragma once

#include <nlohmann/json.hpp>

#include "onderdak/domain/reference.h"

namespace onderdak::api {

nlohmann::json ToJson(const domain::ReferenceVersion& v);
// {"reference": {...}, "regions": [{code, name, municipality_count, centroid, municipalities: [...]}]}
nlohmann::json RegionsToJson(const domain::ReferenceSet& set, const domain::ReferenceVersion& v);

}  // namespace onderdak::api
