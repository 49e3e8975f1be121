#include "onderdak/api/query_params.h"

#include <algorithm>
#include <iterator>

#include "onderdak/core/strings.h"
#include "onderdak/indicators/definition.h"

namespace onderdak::api {

// Reads ?date=YYYY-MM-DD (default: today, UTC).
core::Result<core::Date> DateParam(const httplib::Request& req) {
  if (!req.has_param("date")) return core::Date::TodayUtc();
  auto d = core::Date::Parse(req.get_param_value("date"));
  if (!d.ok()) return d.status().WithContext("parameter 'date'");
  return d;
}

// Reads ?definition= (default: the monitor's, indicators::kDefaultDefinition);
// InvalidInput naming the presets for an unknown one.
core::Result<std::string> DefinitionParam(const httplib::Request& req) {
  if (!req.has_param("definition")) return std::string(indicators::kDefaultDefinition);
  const std::string name = req.get_param_value("definition");
  if (auto d = indicators::FindDefinition(name); !d.ok()) return d.status().WithContext("parameter 'definition'");
  return name;
}

// Reads the query of /api/v1/indicators into a Request. InvalidInput naming the parameter
// for anything unknown or malformed.
core::Result<indicators::Request> IndicatorRequest(const httplib::Request& req, const domain::ReferenceSet& reference,
                                                   std::string* format) {
  static constexpr std::string_view kKnown[] = {"period",    "date",   "region",    "indicator",
                                                "breakdown", "format", "definition"};
  for (const auto& [name, value] : req.params) {
    if (std::find(std::begin(kKnown), std::end(kKnown), name) == std::end(kKnown)) {
      return core::Status::InvalidInput("unknown parameter '" + name +
                                        "'; use period, date, region, indicator, breakdown, format, definition");
    }
  }
  indicators::Request r;
  ONDERDAK_ASSIGN_OR_RETURN(r.definition, DefinitionParam(req));
  if (!req.has_param("period")) return core::Status::InvalidInput("parameter 'period' is required (2021H1 or 2021)");
  auto period = core::Period::Parse(req.get_param_value("period"));
  if (!period.ok()) return period.status().WithContext("parameter 'period'");
  r.period = *period;
  if (req.has_param("date")) {
    auto d = core::Date::Parse(req.get_param_value("date"));
    if (!d.ok()) return d.status().WithContext("parameter 'date'");
    r.reference_date = *d;
  }
  if (req.has_param("region")) {
    r.region = req.get_param_value("region");
    if (reference.FindRegion(r.region) == nullptr) {
      return core::Status::InvalidInput("parameter 'region': '" + r.region +
                                        "' is not a region (centrumgemeente code)");
    }
  }
  r.indicators = core::SplitComma(req.get_param_value("indicator"));
  r.breakdowns = core::SplitComma(req.get_param_value("breakdown"));
  for (const auto& r2 : reference.regions()) r.expected_regions.push_back(r2.code);
  *format = req.has_param("format") ? req.get_param_value("format") : "json";
  if (*format != "json" && *format != "csv" && *format != "csv-nl" && *format != "xlsx") {
    return core::Status::InvalidInput("parameter 'format': '" + *format + "' must be json, csv, csv-nl or xlsx");
  }
  return r;
}

// InvalidInput naming the first parameter not in `known`.
core::Status OnlyParameters(const httplib::Request& req, std::initializer_list<std::string_view> known) {
  return OnlyParameters(req.params, known);
}

core::Status OnlyParameters(const httplib::Params& params, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : params) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      return core::Status::InvalidInput("unknown parameter '" + name + "'; use " + (list.empty() ? "none" : list));
    }
  }
  return core::Status::Ok();
}

// The records behind `f` (Figure::records, indices into the vector its record_kind
// names): pseudonym, record id and organisation. Never a BSN: the store has none.
core::Result<nlohmann::json> DrillDownRows(const domain::Dataset& data, const indicators::Figure& f) {
  nlohmann::json rows = nlohmann::json::array();
  auto organisation = [&](std::int32_t delivery) {
    return delivery >= 0 && static_cast<std::size_t>(delivery) < data.deliveries.size()
               ? data.deliveries[static_cast<std::size_t>(delivery)].organisation
               : std::string();
  };
  auto of_person = [&](const auto& records) {
    for (std::int32_t i : f.records) {
      const auto& r = records.at(static_cast<std::size_t>(i));
      const auto& p = data.persons.at(static_cast<std::size_t>(r.person));
      rows.push_back(
          {{"pseudonym", p.pseudonym}, {"record_id", r.record_id}, {"organisation", organisation(p.delivery)}});
    }
  };
  auto plain = [&](const auto& records) {
    for (std::int32_t i : f.records) {
      const auto& r = records.at(static_cast<std::size_t>(i));
      rows.push_back({{"record_id", r.record_id}, {"organisation", organisation(r.delivery)}});
    }
  };
  const std::string& kind = f.record_kind.empty() ? std::string("persons") : f.record_kind;
  if (kind == "persons") {
    for (std::int32_t i : f.records) {
      const auto& p = data.persons.at(static_cast<std::size_t>(i));
      rows.push_back(
          {{"pseudonym", p.pseudonym}, {"record_id", p.record_id}, {"organisation", organisation(p.delivery)}});
    }
  } else if (kind == "service_episodes") {
    of_person(data.service_episodes);
  } else if (kind == "requests") {
    of_person(data.requests);
  } else if (kind == "waiting_list") {
    of_person(data.waiting_list);
  } else if (kind == "evictions") {
    plain(data.evictions);
  } else if (kind == "signals") {
    plain(data.signals);
  } else {
    return core::Status::InvalidInput("figures of " + kind + " have no records to list");
  }
  return rows;
}

}  // namespace onderdak::api
