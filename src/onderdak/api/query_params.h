// What the server reads from a request's query (?period=, ?date=, ?definition=, the
// indicator query) and the records behind a figure for the drill-down, apart from the
// routes that use them (server.cc). Every error is InvalidInput naming the parameter.
#pragma once

#include <httplib.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "onderdak/core/result.h"
#include "onderdak/domain/dataset.h"
#include "onderdak/domain/reference.h"
#include "onderdak/indicators/figure.h"

namespace onderdak::api {

// ?date=YYYY-MM-DD (default: today, UTC).
core::Result<core::Date> DateParam(const httplib::Request& req);
// ?definition= (default: the monitor's, indicators::kDefaultDefinition); InvalidInput
// naming the presets for an unknown one.
core::Result<std::string> DefinitionParam(const httplib::Request& req);
// The query of /api/v1/indicators as a Request; `format` gets json, csv or xlsx.
core::Result<indicators::Request> IndicatorRequest(const httplib::Request& req, const domain::ReferenceSet& reference,
                                                   std::string* format);
// InvalidInput naming the first parameter not in `known`.
core::Status OnlyParameters(const httplib::Request& req, std::initializer_list<std::string_view> known);
core::Status OnlyParameters(const httplib::Params& params, std::initializer_list<std::string_view> known);
// The records behind `f` (Figure::records, indices into the vector its record_kind
// names): pseudonym, record id and organisation. Never a BSN: the store has none.
core::Result<nlohmann::json> DrillDownRows(const domain::Dataset& data, const indicators::Figure& f);

}  // namespace onderdak::api
