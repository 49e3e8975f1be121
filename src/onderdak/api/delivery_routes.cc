#include "onderdak/api/delivery_routes.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "onderdak/api/import_findings.h"
#include "onderdak/core/temp_dir.h"
#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/delivery_source.h"
#include "onderdak/ingest/manifest.h"
#include "onderdak/web/delivery_page.h"

namespace onderdak::api {
namespace {

// The upload's name as a label only (it never becomes a path): the last path component
// of ?name= or of Content-Disposition's filename, letters, digits, '.', '-' and '_' only.
std::string UploadLabel(const httplib::Request& req) {
  std::string name = req.get_param_value("name");
  if (name.empty()) {
    const std::string cd = req.get_header_value("Content-Disposition");
    if (auto at = cd.find("filename=\""); at != std::string::npos) {
      const auto start = at + 10;
      name = cd.substr(start, cd.find('"', start) - start);
    }
  }
  if (auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') out += c;
  }
  if (out.empty() || out.find_first_not_of('.') == std::string::npos) out = "upload";
  out = out.substr(0, 96);
  // DeliverySource tells a zip from a folder by its extension.
  if (!out.ends_with(".zip")) out += ".zip";
  return out;
}

// What a check and an upload answer alike: the outcome, the errors as a provider reads
// them (ADR 0028: `findings`, `error_groups`, and `errors_csv`, the CSV download with
// fixes in `lang`), the warnings, the rows and the data-quality report (ADR 0029).
nlohmann::json ReportJson(const ingest::ImportReport& report, web::Lang lang) {
  nlohmann::json findings = FindingsJson(report);
  nlohmann::json j = {{"accepted", report.accepted()},
                      {"errors", report.errors},
                      {"errors_truncated", report.errors_truncated},
                      {"findings", std::move(findings["findings"])},
                      {"error_groups", std::move(findings["groups"])},
                      {"warnings", report.warnings},
                      {"warning_count", report.warning_count},
                      {"rows", report.rows},
                      {"quality", QualityJson(report.quality)}};
  if (!report.accepted()) j["errors_csv"] = FindingsCsv(report, lang);
  return j;
}

nlohmann::json DeliveryJson(const domain::Delivery& d) {
  return {{"id", d.id},
          {"organisation", d.organisation},
          {"organisation_name", d.organisation_name},
          {"region", d.region},
          {"period", d.period},
          {"version", d.version},
          {"current", d.current},
          {"created", d.created},
          {"imported_at", d.imported_at},
          {"source", d.source},
          {"sha256", d.sha256},
          {"files", d.files},
          {"synthetic", d.synthetic},  // made by `onderdak generate` (ADR 0033)
          // Checks flagged in the quality report stored with it; null without one.
          {"quality_flagged", d.quality_flagged ? nlohmann::json(*d.quality_flagged) : nlohmann::json(nullptr)}};
}

// Whether the caller may see `d`: the rule's region scope, and for provider uploaders
// their own organisation only.
bool MaySee(const domain::Delivery& d) {
  if (!MayActOn(d.region)) return false;
  const Principal& p = Caller();
  return p.role != auth::Role::kProviderUploader || d.organisation == p.organisation;
}

}  // namespace

void RegisterDeliveryRoutes(Routes& routes, store::Store& store, const UploadOptions& options) {
  // Upload: the zip is written to a private temporary file, its manifest is read to check
  // that the caller may deliver for that region (and organisation), then it is imported
  // with the importer of `onderdak import`: all or nothing.
  routes.PostUpload("/api/v1/deliveries", [&store, &options](const httplib::Request& req, httplib::Response& res) {
    if (!options.pseudonymiser) {
      return SendError(res, core::Status::Unavailable(
                                "uploads need the pseudonymisation key; start serve with the key file configured"));
    }
    // The body was streamed to a temporary file by the transport (BodyTo::kFile), never
    // held whole in memory.
    const std::filesystem::path* body = BodyFile();
    std::string magic(4, '\0');
    if (body != nullptr) {
      std::ifstream in(*body, std::ios::binary);
      in.read(magic.data(), 4);
      if (!in) magic.clear();
    }
    if (magic != std::string_view("PK\x03\x04", 4)) {
      return SendError(res, core::Status::InvalidInput("the body must be a delivery as a .zip file"));
    }
    auto dir = core::TempDir::Create("onderdak-upload");
    if (!dir.ok()) return SendError(res, dir.status());
    // The name is a sanitised label (no separators), so the file stays inside `dir`; the
    // importer records it as the delivery's source.
    const std::filesystem::path zip = dir->path() / UploadLabel(req);
    {
      std::error_code ec;
      std::filesystem::rename(*body, zip, ec);  // the same temporary folder: no copy
      if (ec) std::filesystem::copy_file(*body, zip, ec);
      if (ec) {
        return SendError(res, core::Status::Io("cannot move the upload into a temporary folder: " + ec.message()));
      }
    }
    // Who may deliver this: read the manifest before anything is imported.
    auto source = ingest::DeliverySource::Open(zip);
    if (!source.ok()) return SendError(res, source.status());
    // Only the region and organisation are needed here; another wrong field is reported by
    // the import with every other problem of the delivery (ADR 0028).
    std::vector<std::string> manifest_errors;
    ingest::ManifestParts parts;
    const auto read = ingest::ReadManifest(**source, manifest_errors, &parts);  // never a throw
    const ingest::Manifest& manifest = read ? *read : parts.manifest;
    if (manifest.region.empty() || manifest.organisation.empty()) {
      std::string message;
      for (const auto& e : manifest_errors) message += (message.empty() ? "" : "; ") + e;
      return SendError(res, core::Status::InvalidInput(message));
    }
    const std::string region = manifest.region;
    const std::string organisation = manifest.organisation;
    if (!MayActOn(region)) {
      return SendError(res, core::Status::PermissionDenied("you may not deliver for region '" + region + "'"));
    }
    const Principal& caller = Caller();
    if (caller.role == auth::Role::kProviderUploader && organisation != caller.organisation) {
      return SendError(res, core::Status::PermissionDenied("you deliver for organisation '" + caller.organisation +
                                                           "', the manifest says '" + organisation + "'"));
    }
    source->reset();

    ingest::ImportOptions io;
    io.max_errors = options.max_errors;
    // ?check=true: validate only, store nothing (`onderdak import --check`; the upload page
    // checks before it imports).
    io.check_only = req.get_param_value("check") == "true";
    io.source_label = "upload:" + caller.username + "/" + zip.filename().string();
    const std::string what = "region:" + region + " organisation:" + organisation + " " + io.source_label;
    // A stored delivery and its audit entry are written together (one transaction).
    io.audit = store::AuditEvent{caller.AuditActor(), "delivery.upload", "", what + " accepted", caller.remote};
    auto report = ingest::ImportDelivery(store, *options.pseudonymiser, zip, io);
    if (!report.ok()) return SendError(res, report.status());
    const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
    if (io.check_only) {
      nlohmann::json j = ReportJson(*report, lang);
      j["checked"] = true;
      return SendJson(res, j, report->accepted() ? 200 : 422);
    }
    if (!report->accepted() || report->unchanged) {
      // Nothing was stored; the attempt is still on record, or the answer is an error.
      auto audited = AuditCaller(store, "delivery.upload", "delivery:none",
                                 what + (report->unchanged ? " unchanged: the version in force"
                                                           : " refused: " + std::to_string(report->errors.size()) +
                                                                 (report->errors_truncated ? "+" : "") + " errors"));
      if (!audited.ok()) return SendError(res, audited);
    }
    nlohmann::json j = ReportJson(*report, lang);
    j["unchanged"] = report->unchanged;
    j["sha256"] = report->sha256;
    if (report->delivery) j["delivery"] = DeliveryJson(*report->delivery);
    SendJson(res, j, report->accepted() ? (report->unchanged ? 200 : 201) : 422);
  });

  // The page on which a provider or a region steward delivers in the browser (upload.js
  // sends the file to the upload route above), with the deliveries they may see.
  routes.Get("/leveringen", [&store](const httplib::Request& req, httplib::Response& res) {
    const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
    auto deliveries = store.ListDeliveries({});
    if (!deliveries.ok()) return SendError(res, deliveries.status());
    auto quality = store.ListDeliveryQuality(std::nullopt);
    if (!quality.ok()) return SendError(res, quality.status());
    const Principal& caller = Caller();
    web::DeliveryPageView view;
    view.csrf = caller.csrf_token;
    if (caller.role == auth::Role::kProviderUploader) view.organisation = caller.organisation;
    view.regions = caller.regions;
    constexpr std::size_t kShown = 200;
    for (auto it = deliveries->rbegin(); it != deliveries->rend(); ++it) {  // newest first
      if (!MaySee(*it)) continue;
      if (view.rows.size() == kShown) {
        view.more = true;
        break;
      }
      web::DeliveryRowView row{.id = it->id,
                               .organisation = it->organisation,
                               .region = it->region,
                               .period = it->period,
                               .version = it->version,
                               .current = it->current,
                               .imported_at = it->imported_at,
                               .source = it->source,
                               .sha256 = it->sha256};
      if (auto q = quality->find(it->id); q != quality->end()) {
        row.has_quality = true;
        for (const auto& c : ingest::QualityChecksFromJson(q->second.checks_json)) {
          if (c.flagged) row.flags.push_back({.id = std::string(c.id), .file = c.file, .detail = c.detail});
        }
      }
      view.rows.push_back(std::move(row));
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(web::RenderDeliveryPage(view, lang), kHtmlType);
  });

  routes.Get("/api/v1/deliveries", [&store](const httplib::Request& req, httplib::Response& res) {
    store::DeliveryFilter filter;
    if (req.has_param("region")) filter.region = req.get_param_value("region");
    if (req.has_param("period")) filter.period = req.get_param_value("period");
    filter.current_only = req.get_param_value("current") == "true";
    auto deliveries = store.ListDeliveries(filter);
    if (!deliveries.ok()) return SendError(res, deliveries.status());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : *deliveries) {
      if (MaySee(d)) list.push_back(DeliveryJson(d));
    }
    SendJson(res, {{"deliveries", list}});
  });

  routes.Get(R"(/api/v1/deliveries/([0-9]+))", [&store](const httplib::Request&, httplib::Response& res) {
    std::int64_t id = 0;
    try {
      id = std::stoll(PathParam(1));
    } catch (const std::exception&) {
      return SendError(res, core::Status::InvalidInput("delivery id: not a number"));
    }
    auto d = store.GetDelivery(id);
    // Someone else's delivery is "not found" as much as a missing one: its existence is
    // not the caller's business.
    if (!d.ok() || !MaySee(*d)) {
      if (!d.ok() && d.status().code() != core::Code::kNotFound) return SendError(res, d.status());
      return SendError(res, core::Status::NotFound("delivery " + std::to_string(id) + " does not exist"));
    }
    auto counts = store.CountDeliveryRows(id);
    if (!counts.ok()) return SendError(res, counts.status());
    auto quality = store.ListDeliveryQuality(id);
    if (!quality.ok()) return SendError(res, quality.status());
    nlohmann::json j = DeliveryJson(*d);
    nlohmann::json rows = nlohmann::json::object();
    for (const auto& [file, n] : *counts) rows[file] = n;
    j["rows"] = rows;
    // The quality report stored with it (null when imported without one).
    j["quality"] = nullptr;
    if (auto q = quality->find(id); q != quality->end()) {
      j["quality"] = {{"flagged", q->second.flagged},
                      {"checks", QualityJson(ingest::QualityChecksFromJson(q->second.checks_json))}};
    }
    SendJson(res, j);
  });
}

}  // namespace onderdak::api
