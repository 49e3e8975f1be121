#include "onderdak/api/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/beast/core/string.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "onderdak/api/account_routes.h"
#include "onderdak/api/assets.h"
#include "onderdak/api/caches.h"
#include "onderdak/api/compression.h"
#include "onderdak/api/delivery_routes.h"
#include "onderdak/api/estimates.h"
#include "onderdak/api/geo_routes.h"
#include "onderdak/api/http_error.h"
#include "onderdak/api/http_message.h"
#include "onderdak/api/http_transport.h"
#include "onderdak/api/json_views.h"
#include "onderdak/api/origin.h"
#include "onderdak/api/overview_model.h"
#include "onderdak/api/pages.h"
#include "onderdak/api/projection_routes.h"
#include "onderdak/api/provider_routes.h"
#include "onderdak/api/queries.h"
#include "onderdak/api/query_params.h"
#include "onderdak/api/rate_limit.h"
#include "onderdak/api/report.h"
#include "onderdak/api/routes.h"
#include "onderdak/api/session.h"
#include "onderdak/api/shared_responses.h"
#include "onderdak/api/submission_routes.h"
#include "onderdak/api/version_watch.h"
#include "onderdak/api/warming.h"
#include "onderdak/api/xlsx.h"
#include "onderdak/core/config.h"
#include "onderdak/core/strings.h"
#include "onderdak/domain/code_lists.h"
#include "onderdak/indicators/csv.h"
#include "onderdak/indicators/disclosure.h"
#include "onderdak/indicators/engine.h"
#include "onderdak/web/error_page.h"
#include "onderdak/web/glossary_page.h"
#include "onderdak/web/html.h"
#include "onderdak/web/overview.h"

namespace onderdak::api {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kHtml = "text/html; charset=utf-8";
// Shared answers from this size on are kept compressed beside the plain body as well.
constexpr std::size_t kGzipFrom = 1024;

void SetSecurityHeaders(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                 "frame-ancestors 'none'");
}

// Sends `body` with `etag`, or 304 when the client has it already.
void SendJsonWithETag(const httplib::Request& req, httplib::Response& res, const std::string& etag,
                      const nlohmann::json& body) {
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", "no-cache");  // revalidate: the data changes on import
  if (ETagListMatches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return;
  }
  res.set_content(JsonText(body), kJson);
}

// Sends the JSON body cached under `key` (ETag from the key), or 304 when the client has
// it already; `render` makes the body on a cache miss, and its error is sent instead.
void SendCachedJson(const httplib::Request& req, httplib::Response& res, BodyCache& bodies, const std::string& key,
                    const std::function<core::Result<std::string>()>& render) {
  const std::string etag = ETagFor(key);
  res.set_header("Cache-Control", "no-cache");  // revalidate: the data changes on import
  if (ETagListMatches(req.get_header_value("If-None-Match"), etag)) {
    res.set_header("ETag", etag);
    res.status = 304;
    return;
  }
  auto body = bodies.Find(key);
  if (!body) {
    auto rendered = render();
    if (!rendered.ok()) return SendError(res, rendered.status());
    body = bodies.Put(key, std::move(*rendered));
  }
  res.set_header("ETag", etag);
  res.set_content(*body, kJson);
}

SessionOptions GateOptions(const ServerOptions& o) {
  SessionOptions s;
  s.lifetime = std::chrono::hours(o.session_hours);
  s.idle = std::chrono::minutes(o.session_idle_minutes);
  s.trusted_proxies = o.trusted_proxies;
  s.tls = !o.tls_cert.empty() || !o.tls_key.empty();
  return s;
}

void FinishResponse(const httplib::Request& req, httplib::Response& res);  // below

// The public pages and JSON whose answer without a login is the same for everyone, given
// the request target and the public data's version: SharedResponses keeps them (ADR 0022).
bool Shareable(const std::string& path) {
  static constexpr std::string_view kPaths[] = {"/",
                                                "/overzicht",
                                                "/kaart",
                                                "/vergelijk",
                                                "/methode",
                                                "/begrippen",
                                                "/rapport",
                                                "/regios",
                                                "/api/v1/overview",
                                                "/api/v1/indicators",
                                                "/api/v1/periods",
                                                "/api/v1/completeness",
                                                "/api/v1/origin",
                                                "/herkomst",
                                                "/projectie",
                                                "/api/v1/projection",
                                                "/api/v1/regions"};
  if (path.starts_with("/regio/")) return true;
  return std::find(std::begin(kPaths), std::end(kPaths), path) != std::end(kPaths);
}

// An HTML error page with the status of `s` (web/error_page.h).
void SendHtmlError(httplib::Response& res, const core::Status& s, web::Lang lang) {
  res.status = HttpStatusFor(s.code());
  res.set_content(web::RenderErrorPage(res.status, s.message(), lang), kHtml);
}

}  // namespace

struct Server::Impl {
  store::Store& store;
  ServerOptions options;
  VersionWatch watch{[this] { return PublicVersion(); }, options.version_check_interval};
  SharedResponses shared;
  ReferenceCache reference;
  FigureCache figures{watch};
  EstimateCache estimates;
  ProjectionCache projections;
  BodyCache bodies;
  // New estimate windows for the public: 8 at once, then one per 10 s per client address.
  RateLimiter estimate_budget{8, std::chrono::seconds(10)};
  PageSources pages{store, reference, figures};
  std::filesystem::path web_dir;
  Gatekeeper gate;
  Routes routes{gate};
  UploadOptions uploads;
  core::Status key_status = core::Status::Ok();

  Warmer warmer{watch, [this] { return WarmTargets(); }, [this](const std::string& target) { Warm(target); }};

  Impl(store::Store& s, ServerOptions o)
      : store(s), options(std::move(o)), web_dir(ResolveWebDir(options.web_dir)), gate(s, GateOptions(options)) {
    if (!options.key_file.empty()) {
      auto p = ingest::Pseudonymiser::FromKeyFile(options.key_file);
      if (p.ok()) {
        uploads.pseudonymiser.emplace(std::move(*p));
      } else {
        key_status = p.status().WithContext("the pseudonymisation key for uploads");
      }
    }
  }

  // What the public pages and JSON depend on, as one text (version_watch.h): the current
  // deliveries, the reference set and the boundary file in force, the targets and reference
  // series (ADR 0024), and today's date.
  core::Result<std::string> PublicVersion() {
    const core::Date today = core::Date::TodayUtc();
    ONDERDAK_ASSIGN_OR_RETURN(auto deliveries, store.DeliveriesVersion());
    std::string version = deliveries + "|" + today.ToString();
    if (auto ref = store.ReferenceVersionOn(today); ref.ok()) {
      version += "|r" + std::to_string(ref->id);
    } else if (ref.status().code() != core::Code::kNotFound) {
      return ref.status();
    }
    ONDERDAK_ASSIGN_OR_RETURN(auto boundaries, store.Geo().ListBoundaries());
    if (!boundaries.empty()) version += "|b" + std::to_string(boundaries.back().id);
    ONDERDAK_ASSIGN_OR_RETURN(auto policy, store.Policy().Version());
    version += "|" + policy;
    return version;
  }

  // What is warmed (warming.h): the home page first, then what the pages and the API
  // compute per published half-year, then every region's page.
  core::Result<std::vector<std::string>> WarmTargets() {
    std::vector<std::string> targets = {"/",      "/?lang=en", "/api/v1/overview", "/api/v1/periods",
                                        "/kaart", "/vergelijk"};
    ONDERDAK_ASSIGN_OR_RETURN(auto current, ListCurrentDeliveries(store));
    const auto periods = HalfYears(SummarisePeriods(current.deliveries));
    for (auto it = periods.rbegin(); it != periods.rend(); ++it) {
      targets.push_back("/kaart?period=" + *it);
      targets.push_back("/api/v1/indicators?period=" + *it);
    }
    auto ref = reference.InForce(store, core::Date::TodayUtc());
    if (ref.ok() && !periods.empty()) {
      for (const auto& r : ref->set->regions()) targets.push_back("/regio/" + r.code);
    }
    // Last: the projection page fits every unit once (seconds on the national dataset), after
    // which a scenario change only projects the kept fits (projection_routes.h).
    if (!periods.empty()) targets.push_back("/projectie");
    return targets;
  }

  // Makes `target` as a request without a login would, so that its answer is shared.
  void Warm(const std::string& target) {
    boost::beast::http::request<boost::beast::http::empty_body> head{boost::beast::http::verb::get, target, 11};
    const httplib::Request req = RequestHead(head, "127.0.0.1", 0);
    httplib::Response res;
    Serve(req, res, nullptr);
  }

  // The transport's handler: Handle, and a public answer of a Shareable route kept for
  // everyone (under the version it was made for).
  void Serve(const httplib::Request& req, httplib::Response& res, const std::filesystem::path* body_file) {
    const bool may_share =
        req.method == "GET" && Shareable(req.path) && !req.has_header("Cookie") && !req.has_header("Authorization");
    std::optional<std::string> version;
    if (may_share) {
      if (auto v = watch.Current(); v.ok()) version = std::move(*v);
    }
    Handle(req, res, body_file);
    if (!version || res.status != 200 || res.has_header("Set-Cookie")) return;
    httplib::Response copy = res;
    FinishResponse(req, copy);
    auto answer = std::make_shared<SharedResponse>();
    answer->status = copy.status;
    for (auto& [name, value] : copy.headers) {
      if (boost::beast::iequals(name, "Content-Length") || boost::beast::iequals(name, "Connection")) continue;
      answer->headers.emplace_back(name, value);
    }
    // Compressed once here for every client that takes gzip (compression.h); such an answer
    // says it varies by Accept-Encoding in both forms.
    const std::size_t kept = copy.body.size() + req.target.size();
    if (copy.body.size() >= kGzipFrom && SharedResponses::Keeps(kept) &&
        Compressible(copy.get_header_value("Content-Type"))) {
      answer->gzip_body = std::make_shared<const std::string>(Gzip(copy.body));
      answer->headers.emplace_back("Vary", "Accept-Encoding");
    }
    answer->body = std::make_shared<const std::string>(std::move(copy.body));
    shared.Put(req.target, std::move(*version), std::move(answer));
  }

  // On an I/O thread (TransportHandlers::shared): the kept answer, when the version it was
  // made for is still the fresh one.
  std::shared_ptr<const SharedResponse> SharedAnswer(const SharedRequest& r) {
    if (r.method != "GET" || r.credentials || r.conditional) return nullptr;
    auto version = watch.Fresh();
    if (!version) return nullptr;
    return shared.Find(r.target, *version);
  }

  // A page's HTML, made once per version of the public data and request target (the
  // account bar is added per caller afterwards, routes.cc); `fail` answers an error.
  void SendPage(const httplib::Request& req, httplib::Response& res,
                const std::function<core::Result<std::string>()>& render,
                const std::function<void(const core::Status&)>& fail) {
    auto version = watch.Current();
    if (!version.ok()) return fail(version.status());
    const std::string key = "page|" + *version + "|" + req.target;
    auto body = bodies.Find(key);
    if (!body) {
      auto html = render();
      if (!html.ok()) return fail(html.status());
      body = bodies.Put(key, std::move(*html));
    }
    res.set_content(*body, kHtml);
  }

  // The national overview's figures for one half-year (?period=, default the latest with
  // sufficient coverage); empty when nothing is imported yet.
  core::Result<std::optional<web::OverviewData>> OverviewModel(const httplib::Request& req, web::Lang lang) {
    ONDERDAK_ASSIGN_OR_RETURN(auto definition, DefinitionParam(req));
    return BuildOverview({.store = store, .reference = reference, .figures = figures, .estimates = estimates},
                         req.get_param_value("period"), lang, definition);
  }

  core::Result<std::string> Overview(const httplib::Request& req, web::Lang lang) {
    ONDERDAK_ASSIGN_OR_RETURN(auto data, OverviewModel(req, lang));
    if (!data) return web::RenderNoDataOverviewPage(lang);
    return web::RenderOverviewPage(*data, lang);
  }

  // The first day of the latest half-year with current deliveries: the default reference
  // date of estimates.
  core::Date LatestReferenceDate(const domain::Dataset& data) {
    std::string latest;
    for (const auto& d : data.deliveries) {
      if (d.current && d.period.size() == 6 && d.period > latest) latest = d.period;
    }
    auto p = core::Period::Parse(latest);
    return p.ok() ? p->first() : core::Period::HalfYearOf(core::Date::TodayUtc()).first();
  }

  struct RegionAnswer {
    indicators::Request request;
    FigureCache::Snapshot snapshot;
    std::vector<indicators::Figure> figures;
  };
  // The figures of the region in the path for ?period= (&date, &indicator, &breakdown),
  // unrounded, computed on the shared snapshot.
  core::Result<RegionAnswer> RegionFigures(const httplib::Request& req, bool drill_down) {
    ONDERDAK_RETURN_IF_ERROR(
        OnlyParameters(req, {"period", "date", "indicator", "breakdown", "format", "measure", "definition"}));
    ONDERDAK_ASSIGN_OR_RETURN(auto ref, reference.InForce(store, core::Date::TodayUtc()));
    RegionAnswer a;
    std::string format;
    httplib::Request query = req;
    query.params.erase("measure");
    if (!drill_down) query.params.erase("format");
    query.params.emplace("region", PathParam(1));
    if (drill_down) query.params.erase("breakdown");
    ONDERDAK_ASSIGN_OR_RETURN(a.request, IndicatorRequest(query, *ref.set, &format));
    ONDERDAK_RETURN_IF_ERROR(AddOriginMapping(reference, store, a.request));  // P13
    if (drill_down && req.has_param("breakdown") && req.get_param_value("breakdown") != "total") {
      const std::string b = req.get_param_value("breakdown");
      a.request.breakdowns = {b.substr(0, b.find('='))};
    }
    a.request.drill_down = drill_down;
    ONDERDAK_ASSIGN_OR_RETURN(a.snapshot, figures.Data(store));
    if (!a.snapshot.data->prepared) return core::Status::NotFound("no deliveries imported yet");
    ONDERDAK_ASSIGN_OR_RETURN(a.figures, indicators::Compute(*a.snapshot.data->prepared, a.request));
    return a;
  }

  void RegisterRoutes() {
    routes.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
      auto version = store.SchemaVersion();
      if (!version.ok()) {
        SendError(res, core::Status::Unavailable("database: " + version.status().message()));
        return;
      }
      // warming: "running" until the public pages of the current data are made, then "done"
      // ("off" when disabled); cache: answers sent from SharedResponses, answers kept
      // there, and how often the public data's version was asked of the store (ADR 0022).
      nlohmann::json j = {
          {"status", "ok"},
          {"version", core::Version()},
          {"backend", store.Backend()},
          {"schema_version", *version},
          {"warming", warmer.state()},
          {"cache", {{"hits", shared.hits()}, {"stored", shared.stores()}, {"checks", watch.checks()}}}};
      res.set_content(JsonText(j), kJson);
    });

    routes.Get("/api/v1/regions", [this](const httplib::Request& req, httplib::Response& res) {
      auto date = DateParam(req);
      if (!date.ok()) return SendError(res, date.status());
      auto ref = reference.InForce(store, *date);
      if (!ref.ok()) return SendError(res, ref.status());
      nlohmann::json j = RegionsToJson(*ref->set, ref->version);
      j["date"] = date->ToString();
      res.set_content(JsonText(j), kJson);
    });

    // Public, disclosure-controlled figures (docs/api.md).
    routes.Get("/api/v1/indicators", [this](const httplib::Request& req, httplib::Response& res) {
      auto ref = reference.InForce(store, core::Date::TodayUtc());
      if (!ref.ok()) return SendError(res, ref.status());
      std::string format;
      auto request = IndicatorRequest(req, *ref->set, &format);
      if (!request.ok()) return SendError(res, request.status());
      // P13: the municipality -> region mapping in force on the period's last day.
      if (auto s = AddOriginMapping(reference, store, *request); !s.ok()) return SendError(res, s);
      auto answer = figures.Get(store, *request, req.target.substr(req.target.find('?') + 1));
      if (!answer.ok()) return SendError(res, answer.status());
      res.set_header("ETag", answer->etag);
      res.set_header("Cache-Control", "no-cache");  // revalidate: the data changes on import
      if (ETagListMatches(req.get_header_value("If-None-Match"), answer->etag)) {
        res.status = 304;
        return;
      }
      const std::string name =
          "indicatoren-" + request->period.ToString() + (request->region.empty() ? "" : "-" + request->region);
      if (format == "csv" || format == "csv-nl") {
        // csv-nl: for a Dutch spreadsheet (";" and a decimal comma); csv: for programs.
        const bool nl = format == "csv-nl";
        res.set_header("Content-Disposition", "attachment; filename=\"" + name + (nl ? "-nl" : "") + ".csv\"");
        res.set_content(indicators::RenderCsv(*answer->figures,
                                              nl ? indicators::kCsvForDutchSpreadsheets : indicators::kCsvForPrograms),
                        "text/csv; charset=utf-8");
        return;
      }
      if (format == "xlsx") {
        // The workbook of `onderdak indicators --public --format xlsx` for the same query.
        auto bytes = FiguresXlsxBytes(*answer->figures, "onderdak indicatoren " + request->period.ToString() +
                                                            (request->region.empty() ? "" : " " + request->region) +
                                                            " (openbaar, met statistische geheimhouding)");
        if (!bytes.ok()) return SendError(res, bytes.status());
        res.set_header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
        res.set_content(*bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return;
      }
      // Serialised once per answer: a repeated request is a lookup (bench/web_bench.sh).
      auto body = bodies.Find("indicators|" + answer->etag);
      if (!body) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& f : *answer->figures) list.push_back(FigureToJson(f));
        nlohmann::json j = {{"period", request->period.ToString()},
                            {"disclosure", "suppressed below 5, with secondary suppression"},
                            {"figures", std::move(list)}};
        body = bodies.Put("indicators|" + answer->etag, JsonText(j));
      }
      res.set_content(*body, kJson);
    });

    // The national overview's figures as data (the page / as JSON).
    routes.Get("/api/v1/overview", [this](const httplib::Request& req, httplib::Response& res) {
      if (auto s = OnlyParameters(req, {"period", "lang", "definition"}); !s.ok()) return SendError(res, s);
      auto definition = DefinitionParam(req);
      if (!definition.ok()) return SendError(res, definition.status());
      auto version = watch.Current();
      if (!version.ok()) return SendError(res, version.status());
      const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
      const std::string key = "overview|" + *version + "|" + req.get_param_value("period") + "|" +
                              std::string(web::LangCode(lang)) + "|" + *definition;
      SendCachedJson(req, res, bodies, key, [&]() -> core::Result<std::string> {
        ONDERDAK_ASSIGN_OR_RETURN(auto data, OverviewModel(req, lang));
        if (!data) return core::Status::NotFound("no deliveries imported yet");
        return JsonText(OverviewToJson(*data));
      });
    });

    // Counted beside estimated, per region and nationally (docs/estimation.md, ADR 0011).
    routes.Get("/api/v1/estimates", [this](const httplib::Request& req, httplib::Response& res) {
      if (auto s = OnlyParameters(req, {"period", "date", "region", "criterion"}); !s.ok()) return SendError(res, s);
      auto snapshot = figures.Data(store);
      if (!snapshot.ok()) return SendError(res, snapshot.status());
      auto param = [&](const char* name) {
        return req.has_param(name) ? std::optional<std::string>(req.get_param_value(name)) : std::nullopt;
      };
      auto window = ParseEstimateWindow(param("period"), param("date"), LatestReferenceDate(snapshot->data->dataset));
      if (!window.ok()) return SendError(res, window.status());
      stats::Criterion criterion = stats::Criterion::kBic;
      if (auto c = param("criterion")) {
        if (*c == "aic") {
          criterion = stats::Criterion::kAic;
        } else if (*c != "bic") {
          return SendError(res, core::Status::InvalidInput("parameter 'criterion': '" + *c + "' must be bic or aic"));
        }
      }
      auto ref = reference.InForce(store, window->to);
      if (!ref.ok()) return SendError(res, ref.status());
      std::vector<std::string> regions;
      if (auto r = param("region")) {
        if (ref->set->FindRegion(*r) == nullptr) {
          return SendError(res, core::Status::InvalidInput("parameter 'region': '" + *r +
                                                           "' is not a region (centrumgemeente code)"));
        }
        regions.push_back(*r);
      } else {
        for (const auto& region : ref->set->regions()) regions.push_back(region.code);
      }
      std::string key = "estimates|" + snapshot->fingerprint + "|" + window->from.ToString() + "|" +
                        window->to.ToString() + "|" + std::string(stats::CriterionName(criterion)) + "|" +
                        param("region").value_or("") + "|" + std::to_string(ref->version.id);
      SendCachedJson(req, res, bodies, key, [&]() -> core::Result<std::string> {
        // Not computed before for this window: the public pays from its budget (docs/api.md).
        if (const Principal& caller = Caller(); caller.is_public()) {
          if (auto wait = estimate_budget.Take(caller.remote)) {
            res.set_header("Retry-After", std::to_string(*wait));
            return core::Status::RateLimited("too many new estimate windows from this address; try again in " +
                                             std::to_string(*wait) + " s, or ask for a published reference date");
          }
        }
        ONDERDAK_ASSIGN_OR_RETURN(auto national, estimates.Get(*snapshot, regions, *window, criterion));
        const int threshold = static_cast<int>(indicators::DisclosureOptions{}.threshold);
        return JsonText(EstimatesToJson(*national, *ref->set, *window, threshold));
      });
    });

    // The periods that current deliveries are for.
    routes.Get("/api/v1/periods", [this](const httplib::Request& req, httplib::Response& res) {
      if (auto s = OnlyParameters(req, {}); !s.ok()) return SendError(res, s);
      auto current = ListCurrentDeliveries(store);
      if (!current.ok()) return SendError(res, current.status());
      SendJsonWithETag(req, res, ETagFor("periods|" + current->fingerprint),
                       PeriodsToJson(SummarisePeriods(current->deliveries)));
    });

    // The member municipalities of one region (?date=, default today).
    routes.Get(
        R"(/api/v1/regions/([^/]+)/municipalities)", [this](const httplib::Request& req, httplib::Response& res) {
          if (auto s = OnlyParameters(req, {"date"}); !s.ok()) return SendError(res, s);
          const std::string code = PathParam(1);
          if (!domain::IsMunicipalityCode(code)) {
            return SendError(res, core::Status::InvalidInput("region '" + code + "' must be GM followed by 4 digits"));
          }
          auto date = DateParam(req);
          if (!date.ok()) return SendError(res, date.status());
          auto ref = reference.InForce(store, *date);
          if (!ref.ok()) return SendError(res, ref.status());
          const auto* region = ref->set->FindRegion(code);
          if (region == nullptr) {
            return SendError(
                res, core::Status::NotFound("'" + code + "' is not a region (centrumgemeente) on " + date->ToString()));
          }
          nlohmann::json j = MunicipalitiesToJson(*region, ref->version);
          j["date"] = date->ToString();
          SendJsonWithETag(req, res, ETagFor("municipalities|" + std::to_string(ref->version.id) + "|" + code), j);
        });

    // Per region: did it deliver for the period, and which organisations (A7).
    routes.Get("/api/v1/completeness", [this](const httplib::Request& req, httplib::Response& res) {
      if (auto s = OnlyParameters(req, {"period"}); !s.ok()) return SendError(res, s);
      if (!req.has_param("period")) {
        return SendError(res, core::Status::InvalidInput("parameter 'period' is required (2021H1 or 2021)"));
      }
      auto period = core::Period::Parse(req.get_param_value("period"));
      if (!period.ok()) return SendError(res, period.status().WithContext("parameter 'period'"));
      auto ref = reference.InForce(store, core::Date::TodayUtc());
      if (!ref.ok()) return SendError(res, ref.status());
      indicators::Request r;
      r.period = *period;
      r.indicators = {"A7"};
      for (const auto& region : ref->set->regions()) r.expected_regions.push_back(region.code);
      auto a7 = figures.Get(store, r, "completeness|" + period->ToString());
      if (!a7.ok()) return SendError(res, a7.status());
      auto current = ListCurrentDeliveries(store);
      if (!current.ok()) return SendError(res, current.status());
      SendJsonWithETag(req, res, a7->etag,
                       CompletenessToJson(BuildCompleteness(*period, *ref->set, current->deliveries, *a7->figures)));
    });

    // The origin x shelter region matrix (P13, origin.h): public figures, disclosure applied.
    routes.Get("/api/v1/origin", [this](const httplib::Request& req, httplib::Response& res) {
      if (auto s = OnlyParameters(req, {"period", "definition"}); !s.ok()) return SendError(res, s);
      if (!req.has_param("period")) {
        return SendError(res, core::Status::InvalidInput("parameter 'period' is required (2021H1 or 2021)"));
      }
      auto period = core::Period::Parse(req.get_param_value("period"));
      if (!period.ok()) return SendError(res, period.status().WithContext("parameter 'period'"));
      auto definition = DefinitionParam(req);
      if (!definition.ok()) return SendError(res, definition.status());
      auto answer = OriginFigures(pages, *period, *definition);
      if (!answer.ok()) return SendError(res, answer.status());
      SendCachedJson(req, res, bodies, "origin|" + answer->etag,
                     [&]() -> core::Result<std::string> { return JsonText(OriginToJson(*answer)); });
    });

    // The projection to 2030 (projection_routes.h): public, withheld below the threshold.
    routes.Get("/api/v1/projection", [this](const httplib::Request& req, httplib::Response& res) {
      auto doc = ProjectionApi(pages, projections, req.params);
      if (!doc.ok()) return SendError(res, doc.status());
      SendJson(res, *doc);
    });

    RegisterGeoRoutes(routes, store);  // the map's municipality boundaries (geo_routes.h)

    // The dashboard pages (pages.cc assembles them).
    auto page = [this](auto make) {
      return [this, make](const httplib::Request& req, httplib::Response& res) {
        const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
        SendPage(
            req, res, [&] { return make(req, lang); },
            [&res, lang](const core::Status& s) { SendHtmlError(res, s, lang); });
      };
    };
    routes.Get("/kaart",
               page([this](const httplib::Request& req, web::Lang lang) { return MapPage(pages, req.params, lang); }));
    routes.Get(R"(/regio/([^/]+))",
               page([this](const httplib::Request& req, web::Lang lang) -> core::Result<std::string> {
                 ONDERDAK_ASSIGN_OR_RETURN(auto definition, DefinitionParam(req));
                 return RegionPage(pages, PathParam(1), lang, definition);
               }));
    // The national half-year report (ADR 0038) as printable HTML: the same public figures.
    routes.Get("/rapport", page([this](const httplib::Request& req, web::Lang lang) -> core::Result<std::string> {
                 ONDERDAK_RETURN_IF_ERROR(OnlyParameters(req, {"periode", "definition", "lang"}));
                 ONDERDAK_ASSIGN_OR_RETURN(auto definition, DefinitionParam(req));
                 ONDERDAK_ASSIGN_OR_RETURN(
                     auto report,
                     NationalReportHtml(
                         pages, {.period = req.get_param_value("periode"), .lang = lang, .definition = definition}));
                 return std::move(report.html);
               }));
    // The region's yearly report (ADR 0038) as printable HTML: the same public figures.
    routes.Get(
        R"(/regio/([^/]+)/rapport)",
        page([this](const httplib::Request& req, web::Lang lang) -> core::Result<std::string> {
          ONDERDAK_RETURN_IF_ERROR(OnlyParameters(req, {"jaar", "definition", "lang"}));
          ONDERDAK_ASSIGN_OR_RETURN(auto definition, DefinitionParam(req));
          const std::string year = req.get_param_value("jaar");
          if (year.size() != 4 || !std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return core::Status::InvalidInput("parameter 'jaar': '" + year + "' is not a year (e.g. 2023)");
          }
          ONDERDAK_ASSIGN_OR_RETURN(
              auto report,
              RegionReportHtml(
                  pages, {.region = PathParam(1), .year = std::stoi(year), .lang = lang, .definition = definition}));
          return std::move(report.html);
        }));
    routes.Get("/vergelijk", page([this](const httplib::Request& req, web::Lang lang) {
                 return ComparePage(pages, req.params, lang);
               }));
    routes.Get("/projectie", page([this](const httplib::Request& req, web::Lang lang) {
                 return ProjectionPage(pages, projections, req.params, lang);
               }));
    routes.Get("/herkomst", page([this](const httplib::Request& req, web::Lang lang) -> core::Result<std::string> {
                 ONDERDAK_RETURN_IF_ERROR(OnlyParameters(req, {"period", "definition", "lang"}));
                 return OriginPage(pages, req.params, lang);
               }));

    // Local front-end files (page scripts, npm packages): assets.h.
    routes.Get(R"(/assets/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      auto asset = LoadAsset(web_dir, req.path);
      if (!asset.ok()) {
        res.status = HttpStatusFor(asset.status().code());
        res.set_content(asset.status().message(), "text/plain; charset=utf-8");
        return;
      }
      // Revalidated on each use (a redeploy may change a file), but answered with 304 and no
      // body when the browser has the same bytes: the 77 KB stylesheet is not sent per page.
      const std::string etag = ETagFor(asset->body);
      res.set_header("Cache-Control", "no-cache");
      res.set_header("ETag", etag);
      if (ETagListMatches(req.get_header_value("If-None-Match"), etag)) {
        res.status = 304;
        return;
      }
      res.set_content(std::move(asset->body), asset->content_type);
    });

    // The national overview is the home page; /overzicht is its Dutch name.
    auto overview = [this](const httplib::Request& req, httplib::Response& res) {
      const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
      SendPage(
          req, res, [&] { return Overview(req, lang); },
          [&res, lang](const core::Status& s) { SendHtmlError(res, s, lang); });
    };
    routes.Get("/", overview);
    routes.Get("/overzicht", overview);
    routes.Get("/methode", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(web::RenderMethodPage(web::ParseLang(req.get_param_value("lang"))), kHtml);
    });

    routes.Get("/begrippen", [](const httplib::Request& req, httplib::Response& res) {
      const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
      auto definitions = DefinitionChoices(std::string(indicators::kDefaultDefinition));
      if (!definitions.ok()) return SendHtmlError(res, definitions.status(), lang);
      res.set_content(web::RenderGlossaryPage(lang, *definitions), kHtml);
    });

    routes.Get("/regios", [this](const httplib::Request& req, httplib::Response& res) {
      const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
      auto ref = reference.InForce(store, core::Date::TodayUtc());
      if (!ref.ok()) {
        if (ref.status().code() != core::Code::kNotFound) return SendHtmlError(res, ref.status(), lang);
        res.set_content(web::RenderNoRegionsPage(lang), kHtml);
        return;
      }
      res.set_content(web::RenderRegionsPage(*ref->set, ref->version, lang), kHtml);
    });

    RegisterAccountRoutes(routes, store, gate);
    // Generated demonstration data is said to be so on every page.
    routes.SetSyntheticData([this] {
      auto snapshot = figures.Data(store);
      return snapshot.ok() && snapshot->data && snapshot->data->synthetic;
    });
    RegisterDeliveryRoutes(routes, store, uploads);
    RegisterProviderRoutes(routes, store, figures);  // a provider's own figures per location
    RegisterSubmissionRoutes(routes, store);         // the regions' A1-A6 figures (ADR 0014)

    // Unrounded figures of one region, for its stewards and the national roles.
    routes.Get(R"(/api/v1/regions/([^/]+)/figures)", [this](const httplib::Request& req, httplib::Response& res) {
      auto figs = RegionFigures(req, false);
      if (!figs.ok()) return SendError(res, figs.status());
      res.set_header("Cache-Control", "private, no-store");
      if (const std::string format = req.get_param_value("format"); format == "csv" || format == "csv-nl") {
        res.set_content(indicators::RenderCsv(figs->figures, format == "csv-nl" ? indicators::kCsvForDutchSpreadsheets
                                                                                : indicators::kCsvForPrograms),
                        "text/csv; charset=utf-8");
        return;
      }
      nlohmann::json list = nlohmann::json::array();
      for (const auto& f : figs->figures) list.push_back(FigureToJson(f));
      SendJson(res, {{"region", PathParam(1)},
                     {"period", figs->request.period.ToString()},
                     {"disclosure", "none: the region's own figures, not for publication"},
                     {"figures", std::move(list)}});
    });
    // The pseudonymised records behind one figure of a region (drill-down), audited as an
    // export of person-level data.
    routes.Get(R"(/api/v1/regions/([^/]+)/records)", [this](const httplib::Request& req, httplib::Response& res) {
      auto figs = RegionFigures(req, true);
      if (!figs.ok()) return SendError(res, figs.status());
      const std::string measure = req.get_param_value("measure");
      const std::string breakdown = req.has_param("breakdown") ? req.get_param_value("breakdown") : "total";
      if (measure.empty()) return SendError(res, core::Status::InvalidInput("parameter 'measure' is required"));
      const indicators::Figure* figure = nullptr;
      for (const auto& f : figs->figures) {
        if (f.measure == measure && f.breakdown == breakdown) figure = &f;
      }
      if (figure == nullptr) {
        return SendError(res, core::Status::NotFound("no figure '" + measure + "' with breakdown '" + breakdown +
                                                     "' for this region and period"));
      }
      auto rows = DrillDownRows(figs->snapshot.data->dataset, *figure);
      if (!rows.ok()) return SendError(res, rows.status());
      if (auto s = AuditCaller(store, "export.records", "region:" + PathParam(1),
                               figure->indicator + " " + measure + " " + breakdown + " " +
                                   figs->request.period.ToString() + ": " + std::to_string(rows->size()) + " records");
          !s.ok()) {
        return SendError(res, s);  // no audit entry, no export
      }
      res.set_header("Cache-Control", "private, no-store");
      SendJson(res, {{"region", PathParam(1)},
                     {"period", figs->request.period.ToString()},
                     {"indicator", figure->indicator},
                     {"measure", measure},
                     {"breakdown", breakdown},
                     {"record_kind", figure->record_kind},
                     {"records", *rows}});
    });
  }

  // On a worker, before a request's body is read: Routes::Admit; 500 (logged) when it
  // throws, which is a bug.
  Routes::Admission Admit(const httplib::Request& head) {
    try {
      return routes.Admit(head);
    } catch (const std::exception& e) {
      spdlog::error("unhandled exception admitting {} {}: {}", head.method, head.path, e.what());
    } catch (...) {
      spdlog::error("unhandled exception admitting {} {}", head.method, head.path);
    }
    Routes::Admission refused;
    refused.refusal.emplace();
    SendError(*refused.refusal, core::Status::Internal("the server failed to answer this request; see its log"));
    return refused;
  }

  // On a worker: the route's answer; 404 without a route, 500 (logged) for a handler's
  // exception, which is a bug.
  void Handle(const httplib::Request& req, httplib::Response& res, const std::filesystem::path* body_file) {
    try {
      if (!routes.Dispatch(req, res, body_file)) {
        res.status = 404;
      } else if (res.status == -1) {
        res.status = 200;  // httplib::Response's "not set": a handler that only set content
      }
    } catch (const std::exception& e) {
      spdlog::error("unhandled exception on {} {}: {}", req.method, req.path, e.what());
      res = {};
      SendError(res, core::Status::Internal("the server failed to answer this request; see its log"));
    } catch (...) {
      spdlog::error("unhandled exception on {} {}", req.method, req.path);
      res = {};
      SendError(res, core::Status::Internal("the server failed to answer this request; see its log"));
    }
  }
};

namespace {

// Completes every answer, the transport's own refusals included: security headers, and a
// body for an error without one (JSON under /api/, a short HTML page elsewhere), saying
// res.reason when the transport gave one. Cheap: runs on the I/O threads.
void FinishResponse(const httplib::Request& req, httplib::Response& res) {
  SetSecurityHeaders(res);
  if (!res.body.empty() || res.status < 400) return;
  const core::Code code = res.status == 404   ? core::Code::kNotFound
                          : res.status == 503 ? core::Code::kUnavailable
                          : res.status >= 500 ? core::Code::kInternal
                                              : core::Code::kInvalidInput;
  std::string message = res.reason;
  if (message.empty()) message = res.status == 404 ? "no such resource: " + req.path : "request refused";
  res.reason.clear();
  if (req.path.starts_with("/api/")) {
    const std::string_view name = res.status == 413   ? "too_large"
                                  : res.status == 431 ? "headers_too_large"
                                                      : ErrorCodeName(code);
    res.set_content(ErrorBody(name, message), kJson);
  } else if (res.status == 503) {
    // Under overload the I/O threads answer many of these: rendered once per language.
    static const std::string nl = web::RenderErrorPage(503, "", web::Lang::kNl);
    static const std::string en = web::RenderErrorPage(503, "", web::Lang::kEn);
    res.set_content(web::ParseLang(req.get_param_value("lang")) == web::Lang::kEn ? en : nl, kHtml);
  } else {
    res.set_content(web::RenderErrorPage(res.status, message, web::ParseLang(req.get_param_value("lang"))), kHtml);
  }
}

TransportOptions TransportOptionsOf(const ServerOptions& o) {
  int workers = o.threads;
  if (workers <= 0) workers = std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
  return {.bind = o.bind,
          .port = o.port,
          .io_threads = std::max(1, o.io_threads),
          .workers = workers,
          .queue_limit = o.queue_limit,
          .header_limit = o.max_header_bytes,
          .memory_body_limit = std::min(o.max_body_bytes, o.max_form_bytes),
          .file_body_limit = o.max_body_bytes,
          .keep_alive_max_requests = o.keep_alive_max_requests,
          .idle_timeout = o.idle_timeout,
          .header_timeout = o.header_timeout,
          .body_timeout = o.body_timeout,
          .tls_cert = o.tls_cert,
          .tls_key = o.tls_key};
}

}  // namespace

Server::Server(store::Store& store, ServerOptions options) : impl_(std::make_unique<Impl>(store, std::move(options))) {
  impl_->RegisterRoutes();
  Impl* impl = impl_.get();
  transport_ = std::make_unique<HttpTransport>(
      TransportOptionsOf(impl_->options),
      TransportHandlers{.admit = [impl](const httplib::Request& head) { return impl->Admit(head); },
                        .handle = [impl](const httplib::Request& req, httplib::Response& res,
                                         const std::filesystem::path* body_file) { impl->Serve(req, res, body_file); },
                        .finish = FinishResponse,
                        .shared = [impl](const SharedRequest& r) { return impl->SharedAnswer(r); }});
}

Server::~Server() { Stop(); }

core::Status Server::Bind() {
  const auto& o = impl_->options;
  ONDERDAK_RETURN_IF_ERROR(impl_->key_status);
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    return core::Status::InvalidInput("TLS needs both a certificate (--tls-cert) and its key (--tls-key)");
  }
  if (o.port < 0 || o.port > 65535) {
    return core::Status::InvalidInput("port " + std::to_string(o.port) + " is not between 0 and 65535");
  }
  return transport_->Bind();
}

int Server::port() const { return transport_->port(); }

core::Status Server::Run() {
  if (impl_->options.warm) impl_->warmer.Start();
  return transport_->Run();
}

void Server::Stop() {
  impl_->warmer.Stop();
  if (transport_) transport_->Stop();
}

}  // namespace onderdak::api
