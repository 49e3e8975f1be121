#include "onderdak/api/projection_json.h"

#include <cmath>
#include <set>

namespace onderdak::api {
namespace {

nlohmann::json DateOrNull(const std::optional<core::Date>& d) {
  return d ? nlohmann::json(d->ToString()) : nlohmann::json(nullptr);
}

double Round1(double v) { return std::round(v * 10) / 10; }

}  // namespace

nlohmann::json ProjectionJson(const projection::ProjectionAnswer& a, bool withheld) {
  const auto& u = a.unit;
  const auto& sc = u.scenario;
  nlohmann::json doc = {
      {"unit", u.code},
      {"definition", a.definition},
      {"jump_off", u.jump_off.ToString()},
      {"regions", u.regions},
      {"regions_left_out", u.left_out},
      {"scenario",
       {{"prevention_share", sc.prevention},
        {"extra_per_half_year", sc.extra_per_half_year},
        {"pipeline_places", sc.pipeline},
        {"wonen_eerst_share", sc.wonen_eerst},
        {"fewer_returns_share", sc.fewer_returns}}},
      {"pipeline_places_available", a.pipeline},
      {"method",
       "stock-flow model per unit; band: Poisson bootstrap over persons plus Poisson variation of the "
       "count (docs/projection.md)"},
  };
  if (withheld) {
    doc["withheld"] = true;
    doc["reason"] = "fewer than the disclosure threshold of persons homeless on the jump-off";
    return doc;
  }
  doc["withheld"] = false;
  nlohmann::json observed = nlohmann::json::array();
  for (const auto& o : u.observed) observed.push_back({{"date", o.date.ToString()}, {"persons", o.persons}});
  nlohmann::json path = nlohmann::json::array();
  for (const auto& b : u.path) {
    path.push_back({{"date", b.date.ToString()},
                    {"expected", Round1(b.expected)},
                    {"p05", b.p05},
                    {"p25", b.p25},
                    {"median", b.p50},
                    {"p75", b.p75},
                    {"p95", b.p95}});
  }
  const auto& f = u.fit;
  doc["observed"] = observed;
  doc["projection"] = path;
  doc["parameters"] = {{"inflow_per_half_year", Round1(f.inflow_level)},
                       {"inflow_trend_per_half_year", f.inflow_trend},
                       {"inflow_trend_unshrunk", f.inflow_trend_raw},
                       {"first_time_share", f.first_time_share},
                       {"housed_share_of_exits", f.housed_share},
                       {"return_share_24m", f.return_share},
                       {"exit_hazard_first_month", f.hazard[0]},
                       {"exit_hazard_after_5_years", f.hazard[projection::kMaxAge]},
                       {"persons", u.persons}};
  const auto& p = u.pace;
  doc["pace"] = {{"current_per_half_year", Round1(p.current_per_half_year)},
                 {"functional_zero_threshold", Round1(p.functional_zero_threshold)},
                 {"needed_for_zero_per_half_year", Round1(p.needed_zero)},
                 {"needed_for_functional_zero_per_half_year", Round1(p.needed_functional_zero)},
                 {"zero_reached", DateOrNull(p.zero_reached)},
                 {"functional_zero_reached", DateOrNull(p.functional_zero_reached)},
                 {"search_until", std::to_string(projection::kSearchUntilYear) + "-12-31"}};
  return doc;
}

nlohmann::json BacktestJson(const std::vector<projection::BacktestRow>& rows) {
  nlohmann::json list = nlohmann::json::array();
  double ape = 0;
  int ape_n = 0, covered = 0;
  for (const auto& r : rows) {
    list.push_back({{"unit", r.code},
                    {"cut", r.cut.ToString()},
                    {"date", r.date.ToString()},
                    {"observed", r.observed},
                    {"expected", Round1(r.expected)},
                    {"p05", r.p05},
                    {"median", r.p50},
                    {"p95", r.p95},
                    {"covered", r.covered}});
    covered += r.covered ? 1 : 0;
    if (r.observed > 0) {
      ape += std::abs(r.expected - static_cast<double>(r.observed)) / static_cast<double>(r.observed);
      ++ape_n;
    }
  }
  return {{"rows", list},
          {"coverage_90", rows.empty() ? 0.0 : static_cast<double>(covered) / static_cast<double>(rows.size())},
          {"mean_absolute_percentage_error", ape_n == 0 ? 0.0 : ape / ape_n}};
}

core::Status ParseScenario(std::string_view text, std::string_view source, projection::ProjectionOptions& out) {
  const std::string where(source);
  projection::ProjectionOptions options = out;  // `out` changes only when all of it is right
  const auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return core::Status::InvalidInput(where + ": not a JSON object (docs/projection.md §5)");
  }
  static const std::set<std::string, std::less<>> kKnown{"name",     "prevention_percent",  "extra_per_half_year",
                                                         "pipeline", "wonen_eerst_percent", "fewer_returns_percent"};
  for (const auto& [key, value] : doc.items()) {
    if (!kKnown.contains(key)) {
      return core::Status::InvalidInput(where + ": field '" + key +
                                        "': unknown; known are name, prevention_percent, extra_per_half_year, "
                                        "pipeline, wonen_eerst_percent, fewer_returns_percent");
    }
    if (key == "name") {
      if (!value.is_string()) return core::Status::InvalidInput(where + ": field 'name': must be text");
      continue;
    }
    if (key == "pipeline") {
      if (!value.is_boolean()) return core::Status::InvalidInput(where + ": field 'pipeline': must be true or false");
      options.use_pipeline = value.get<bool>();
      continue;
    }
    if (!value.is_number()) return core::Status::InvalidInput(where + ": field '" + key + "': must be a number");
    const double v = value.get<double>();
    const bool percent = key.ends_with("_percent");
    const double max = percent ? 100.0 : 1e6;
    if (!(v >= 0 && v <= max)) {
      return core::Status::InvalidInput(where + ": field '" + key + "': must be from 0 to " +
                                        (percent ? std::string("100") : std::string("1000000")));
    }
    if (key == "prevention_percent") options.scenario.prevention = v / 100;
    if (key == "wonen_eerst_percent") options.scenario.wonen_eerst = v / 100;
    if (key == "fewer_returns_percent") options.scenario.fewer_returns = v / 100;
    if (key == "extra_per_half_year") options.scenario.extra_per_half_year = v;
  }
  out = std::move(options);
  return core::Status::Ok();
}

}  // namespace onderdak::api
