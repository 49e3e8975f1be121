#include "onderdak/api/provider_routes.h"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "onderdak/api/access.h"
#include "onderdak/api/http_error.h"
#include "onderdak/api/query_params.h"
#include "onderdak/indicators/csv.h"
#include "onderdak/indicators/provider_figures.h"
#include "onderdak/web/provider_page.h"

namespace onderdak::api {
namespace {

// Stays listed at most in one answer (a location's half-year; the rest is "truncated").
constexpr std::size_t kMaxStays = 2000;

// Whose figures, for which regions and period, as the caller may see them.
struct Scope {
  std::string organisation;                // empty: a steward has not chosen yet
  std::vector<std::string> organisations;  // a steward's choice; empty for a provider
  std::vector<std::string> regions;        // the caller's regions
  std::vector<std::string> periods;        // the organisation's, newest first
  std::optional<core::Period> period;      // nullopt: nothing delivered
  // The shared snapshot the figures are computed on (its Prepared refers to its Dataset).
  std::shared_ptr<const FigureCache::Loaded> data;
  const indicators::Prepared* prepared() const { return data && data->prepared ? &*data->prepared : nullptr; }
};

// Periods newest first: by last day, then a half-year before the year ending with it.
bool NewerPeriod(const core::Period& a, const core::Period& b) {
  if (a.last() != b.last()) return a.last() > b.last();
  return a.first() > b.first();
}

core::Result<Scope> ResolveScope(const httplib::Request& req, store::Store& store, FigureCache& cache) {
  const Principal& caller = Caller();
  Scope s;
  s.regions = caller.regions;
  ONDERDAK_ASSIGN_OR_RETURN(auto snapshot, cache.Data(store));
  const auto& deliveries = snapshot.data->dataset.deliveries;
  const std::string asked = req.get_param_value("organisation");
  if (caller.role == auth::Role::kProviderUploader) {
    // A provider's own organisation only; another one is "not found", as a delivery is.
    if (!asked.empty() && asked != caller.organisation) {
      return core::Status::NotFound("no figures of organisation '" + asked + "' for you");
    }
    s.organisation = caller.organisation;
  } else {
    std::set<std::string> orgs;
    for (const auto& d : deliveries) {
      if (d.current && MayActOn(d.region)) orgs.insert(d.organisation);
    }
    s.organisations.assign(orgs.begin(), orgs.end());
    if (!asked.empty() && !orgs.contains(asked)) {
      return core::Status::NotFound("no deliveries of organisation '" + asked + "' for your regions");
    }
    s.organisation = asked;
  }
  std::vector<core::Period> periods;
  for (const auto& d : deliveries) {
    if (!d.current || d.organisation != s.organisation || !MayActOn(d.region)) continue;
    auto p = core::Period::Parse(d.period);
    if (p.ok() && std::find(periods.begin(), periods.end(), *p) == periods.end()) periods.push_back(*p);
  }
  std::sort(periods.begin(), periods.end(), NewerPeriod);
  for (const auto& p : periods) s.periods.push_back(p.ToString());
  if (req.has_param("period")) {
    auto p = core::Period::Parse(req.get_param_value("period"));
    if (!p.ok()) return p.status().WithContext("parameter 'period'");
    s.period = *p;
  } else if (!periods.empty()) {
    s.period = periods.front();
  }
  s.data = snapshot.data;
  return s;
}

core::Result<indicators::ProviderFigures> FiguresOf(const Scope& s) {
  if (s.organisation.empty() || !s.period || s.prepared() == nullptr) {
    return indicators::ProviderFigures{.organisation = s.organisation};
  }
  return indicators::ComputeProviderFigures(
      *s.prepared(), {.organisation = s.organisation, .period = *s.period, .regions = s.regions});
}

nlohmann::json Optional(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

nlohmann::json FiguresJson(const indicators::ProviderFigures& f, const Scope& s) {
  nlohmann::json locations = nlohmann::json::array();
  for (const auto& l : f.facilities) {
    locations.push_back({{"region", l.region},
                         {"facility", l.facility.empty() ? nlohmann::json(nullptr) : nlohmann::json(l.facility)},
                         {"name", l.name},
                         {"municipality", l.municipality},
                         {"service_type", l.service_type},
                         {"places", l.places},
                         {"single_room_places", l.single_room_places},
                         {"occupied", l.occupied},
                         {"occupancy", Optional(l.occupancy())},
                         {"bed_nights", l.bed_nights},
                         {"place_nights", l.place_nights},
                         {"average_occupancy", Optional(l.average_occupancy())},
                         {"stays", l.stays},
                         {"persons", l.persons},
                         {"ended", l.ended},
                         {"ended_median_days", Optional(l.ended_median_days)},
                         {"ended_over_90_days", l.ended_over_90_days},
                         {"exits", l.exits},
                         {"exits_to_housing", l.exits_to_housing},
                         {"to_housing_share", Optional(l.to_housing_share())},
                         {"stays_overlapping_other_provider", l.overlapping_other_provider}});
  }
  nlohmann::json waiting = nlohmann::json::array();
  for (const auto& w : f.waiting) {
    waiting.push_back({{"region", w.region},
                       {"waiting_list_type", w.waiting_list_type},
                       {"registered", w.registered},
                       {"placed", w.placed},
                       {"placed_median_days", Optional(w.placed_median_days)},
                       {"waiting", w.waiting},
                       {"waiting_median_days", Optional(w.waiting_median_days)}});
  }
  return {{"organisation", f.organisation},
          {"organisation_name", f.organisation_name},
          {"period", s.period ? nlohmann::json(s.period->ToString()) : nlohmann::json(nullptr)},
          {"periods", s.periods},
          {"regions", f.regions},
          {"locations", std::move(locations)},
          {"waiting", std::move(waiting)}};
}

// The locations as CSV for programs (comma, decimal point), one row per location.
std::string FiguresCsv(const indicators::ProviderFigures& f) {
  std::string out =
      "organisation,period,region,facility,name,municipality,service_type,places,single_room_places,occupied,"
      "occupancy,bed_nights,place_nights,average_occupancy,stays,persons,ended,ended_median_days,ended_over_90_days,"
      "exits,exits_to_housing,to_housing_share,stays_overlapping_other_provider\r\n";
  const auto num = [](std::int64_t v) { return indicators::FormatValue(static_cast<double>(v)); };
  const auto opt = [](const std::optional<double>& v) { return v ? indicators::FormatValue(*v) : std::string(); };
  for (const auto& l : f.facilities) {
    std::string row;
    for (const std::string& v : {f.organisation,
                                 f.period,
                                 l.region,
                                 l.facility,
                                 l.name,
                                 l.municipality,
                                 l.service_type,
                                 num(l.places),
                                 num(l.single_room_places),
                                 num(l.occupied),
                                 opt(l.occupancy()),
                                 num(l.bed_nights),
                                 num(l.place_nights),
                                 opt(l.average_occupancy()),
                                 num(l.stays),
                                 num(l.persons),
                                 num(l.ended),
                                 opt(l.ended_median_days),
                                 num(l.ended_over_90_days),
                                 num(l.exits),
                                 num(l.exits_to_housing),
                                 opt(l.to_housing_share()),
                                 num(l.overlapping_other_provider)}) {
      if (!row.empty()) row += ',';
      indicators::AppendCsvField(row, v);
    }
    out += row + "\r\n";
  }
  return out;
}

struct StaysAnswer {
  std::vector<indicators::ProviderStay> stays;
  bool truncated = false;
  std::string region, facility, facility_name;
};

core::Result<StaysAnswer> StaysOf(const httplib::Request& req, const Scope& s) {
  StaysAnswer a;
  a.region = req.get_param_value("region");
  a.facility = req.get_param_value("facility");
  if (a.region.empty()) return core::Status::InvalidInput("parameter 'region' is required (a CBS code, GM####)");
  // Another region's stays are not the caller's business: "not found" as for a delivery.
  if (!MayActOn(a.region)) return core::Status::NotFound("no stays of region '" + a.region + "' for you");
  if (s.organisation.empty()) return core::Status::InvalidInput("parameter 'organisation' is required");
  if (!s.period || s.prepared() == nullptr) return a;
  ONDERDAK_ASSIGN_OR_RETURN(
      a.stays, indicators::ProviderStays(*s.prepared(), {.organisation = s.organisation, .period = *s.period}, a.region,
                                         a.facility));
  if (a.stays.size() > kMaxStays) {
    a.stays.resize(kMaxStays);
    a.truncated = true;
  }
  if (!a.facility.empty()) {  // the location's name as the organisation delivered it
    const auto& data = s.prepared()->data();
    for (const auto& f : data.facilities) {
      const auto& d = data.deliveries[static_cast<std::size_t>(f.delivery)];
      if (f.record_id == a.facility && d.organisation == s.organisation && d.region == a.region)
        a.facility_name = f.name;
    }
  }
  return a;
}

void SendHtmlStatus(httplib::Response& res, const core::Status& s, web::Lang lang) {
  res.status = HttpStatusFor(s.code());
  res.set_content(web::RenderProviderErrorPage(res.status, s.message(), lang), kHtmlType);
}

web::ProviderPageView PageView(const indicators::ProviderFigures& f, const Scope& s) {
  web::ProviderPageView v;
  v.organisation = s.organisation;
  v.organisation_name = f.organisation_name;
  v.organisations = s.organisations;
  v.period = s.period ? s.period->ToString() : "";
  v.periods = s.periods;
  for (const auto& l : f.facilities) {
    v.locations.push_back({.region = l.region,
                           .facility = l.facility,
                           .name = l.name,
                           .municipality = l.municipality,
                           .service_type = l.service_type,
                           .places = l.places,
                           .occupied = l.occupied,
                           .bed_nights = l.bed_nights,
                           .place_nights = l.place_nights,
                           .occupancy = l.occupancy(),
                           .average_occupancy = l.average_occupancy(),
                           .stays = l.stays,
                           .persons = l.persons,
                           .ended = l.ended,
                           .ended_over_90_days = l.ended_over_90_days,
                           .exits = l.exits,
                           .exits_to_housing = l.exits_to_housing,
                           .overlapping_other_provider = l.overlapping_other_provider,
                           .ended_median_days = l.ended_median_days,
                           .to_housing_share = l.to_housing_share()});
  }
  for (const auto& w : f.waiting) {
    v.waiting.push_back({.region = w.region,
                         .waiting_list_type = w.waiting_list_type,
                         .registered = w.registered,
                         .placed = w.placed,
                         .waiting = w.waiting,
                         .placed_median_days = w.placed_median_days,
                         .waiting_median_days = w.waiting_median_days});
  }
  return v;
}

}  // namespace

void RegisterProviderRoutes(Routes& routes, store::Store& store, FigureCache& figures) {
  routes.Get("/api/v1/provider-figures", [&store, &figures](const httplib::Request& req, httplib::Response& res) {
    if (auto st = OnlyParameters(req, {"period", "organisation", "format"}); !st.ok()) return SendError(res, st);
    const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
    if (format != "json" && format != "csv") {
      return SendError(res, core::Status::InvalidInput("parameter 'format' must be json or csv"));
    }
    auto scope = ResolveScope(req, store, figures);
    if (!scope.ok()) return SendError(res, scope.status());
    if (scope->organisation.empty()) {
      return SendError(res, core::Status::InvalidInput("parameter 'organisation' is required"));
    }
    auto f = FiguresOf(*scope);
    if (!f.ok()) return SendError(res, f.status());
    if (format == "csv") {
      res.set_header("Content-Disposition", "attachment; filename=\"onderdak-locaties.csv\"");
      return res.set_content(FiguresCsv(*f), "text/csv; charset=utf-8");
    }
    SendJson(res, FiguresJson(*f, *scope));
  });

  routes.Get("/api/v1/provider-figures/stays", [&store, &figures](const httplib::Request& req, httplib::Response& res) {
    if (auto st = OnlyParameters(req, {"period", "organisation", "region", "facility"}); !st.ok()) {
      return SendError(res, st);
    }
    auto scope = ResolveScope(req, store, figures);
    if (!scope.ok()) return SendError(res, scope.status());
    auto a = StaysOf(req, *scope);
    if (!a.ok()) return SendError(res, a.status());
    nlohmann::json stays = nlohmann::json::array();
    for (const auto& s : a->stays) {
      stays.push_back({{"record_id", s.record_id},
                       {"pseudonym", s.pseudonym},
                       {"start", s.start.ToString()},
                       {"end", s.end ? nlohmann::json(s.end->ToString()) : nlohmann::json(nullptr)},
                       {"known_end", s.known_end.ToString()},
                       {"length_days", s.length_days},
                       {"nights_in_period", s.nights_in_period},
                       {"exit_destination", s.exit_destination}});
    }
    SendJson(res, {{"organisation", scope->organisation},
                   {"period", scope->period ? nlohmann::json(scope->period->ToString()) : nlohmann::json(nullptr)},
                   {"region", a->region},
                   {"facility", a->facility.empty() ? nlohmann::json(nullptr) : nlohmann::json(a->facility)},
                   {"stays", std::move(stays)},
                   {"truncated", a->truncated}});
  });

  routes.Get("/mijn-cijfers", [&store, &figures](const httplib::Request& req, httplib::Response& res) {
    const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
    if (auto st = OnlyParameters(req, {"period", "organisation", "lang"}); !st.ok()) {
      return SendHtmlStatus(res, st, lang);
    }
    auto scope = ResolveScope(req, store, figures);
    if (!scope.ok()) return SendHtmlStatus(res, scope.status(), lang);
    auto f = FiguresOf(*scope);
    if (!f.ok()) return SendHtmlStatus(res, f.status(), lang);
    res.set_content(web::RenderProviderPage(PageView(*f, *scope), lang), kHtmlType);
  });

  routes.Get("/mijn-cijfers/verblijven", [&store, &figures](const httplib::Request& req, httplib::Response& res) {
    const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
    if (auto st = OnlyParameters(req, {"period", "organisation", "region", "facility", "lang"}); !st.ok()) {
      return SendHtmlStatus(res, st, lang);
    }
    auto scope = ResolveScope(req, store, figures);
    if (!scope.ok()) return SendHtmlStatus(res, scope.status(), lang);
    auto a = StaysOf(req, *scope);
    if (!a.ok()) return SendHtmlStatus(res, a.status(), lang);
    web::ProviderStaysView v{.organisation = scope->organisation,
                             .period = scope->period ? scope->period->ToString() : "",
                             .region = a->region,
                             .facility = a->facility,
                             .facility_name = a->facility_name};
    for (const auto& s : a->stays) {
      v.stays.push_back({.record_id = s.record_id,
                         .pseudonym = s.pseudonym,
                         .start = s.start.ToString(),
                         .end = s.end ? s.end->ToString() : "",
                         .known_end = s.known_end.ToString(),
                         .exit_destination = s.exit_destination,
                         .length_days = s.length_days,
                         .nights_in_period = s.nights_in_period});
    }
    v.truncated = a->truncated;
    res.set_content(web::RenderProviderStaysPage(v, lang), kHtmlType);
  });
}

}  // namespace onderdak::api
