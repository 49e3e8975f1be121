// One data-quality check as JSON: the entry QualityChecksToJson (quality.h) stores with a
// delivery, and that the upload's report (api/import_findings.h) shows with its title.
#pragma once

#include <nlohmann/json.hpp>

#include "onderdak/ingest/quality.h"

namespace onderdak::ingest {

// {id, file, column, count, total, flagged, detail, lines}
nlohmann::json QualityCheckJson(const QualityCheck& check);

}  // namespace onderdak::ingest
