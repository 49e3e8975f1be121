#include "onderdak/api/submission_routes.h"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "onderdak/api/http_error.h"
#include "onderdak/submission/service.h"
#include "onderdak/submission/xlsx.h"
#include "onderdak/web/submission_page.h"

namespace onderdak::api {
namespace {

using submission::ChangeResult;
using submission::FieldError;
using submission::SubmissionService;
using submission::SubmissionState;

submission::Actor Me() {
  const Principal& p = Caller();
  return {p.AuditActor(), p.remote};
}

nlohmann::json ErrorsJson(const std::vector<FieldError>& errors) {
  auto out = nlohmann::json::array();
  for (const auto& e : errors) {
    nlohmann::json j{{"field", e.field}, {"message", e.message}};
    if (!e.fix_key.empty())
      j["fix"] = {{"nl", web::T(web::Lang::kNl, e.fix_key)}, {"en", web::T(web::Lang::kEn, e.fix_key)}};
    out.push_back(std::move(j));
  }
  return out;
}

void SendFindings(httplib::Response& res, const std::vector<FieldError>& errors) {
  nlohmann::json body{{"error",
                       {{"code", "invalid_input"},
                        {"message", "the submission has " + std::to_string(errors.size()) + " finding" +
                                        (errors.size() == 1 ? "" : "s") + "; nothing was changed"}}},
                      {"errors", ErrorsJson(errors)}};
  SendJson(res, body, 400);
}

nlohmann::json StateJson(const SubmissionState& s, store::Store* store_for_history) {
  nlohmann::json j{{"region", s.region},
                   {"region_name", s.region_name},
                   {"period", s.period},
                   {"status", s.status},
                   {"version", s.version},
                   {"deadline", s.deadline},
                   {"deadline_default", s.deadline_default}};
  if (s.record) {
    const auto& r = *s.record;
    j["late"] = r.late;
    j["comment"] = r.comment;
    j["updated_at"] = r.updated_at;
    j["updated_by"] = r.updated_by;
    j["submitted_at"] = r.submitted_at;
    j["submitted_by"] = r.submitted_by;
    j["decided_at"] = r.decided_at;
    j["decided_by"] = r.decided_by;
    j["delivery_id"] = r.delivery_id ? nlohmann::json(*r.delivery_id) : nlohmann::json(nullptr);
  } else {
    j["late"] = false;
    j["comment"] = "";
  }
  if (store_for_history != nullptr) {
    j["content"] = submission::ContentToJson(s.content);
    auto history = nlohmann::json::array();
    if (auto events = store_for_history->Submissions().ListSubmissionEvents(s.region, s.period); events.ok()) {
      for (const auto& e : *events) {
        history.push_back({{"version", e.version},
                           {"action", e.action},
                           {"status", e.status},
                           {"actor", e.actor},
                           {"at", e.at},
                           {"comment", e.comment}});
      }
    }
    j["history"] = std::move(history);
  }
  return j;
}

// Sends a change's outcome: the new state (200) or its findings (400).
void SendChange(httplib::Response& res, const core::Result<ChangeResult>& r, store::Store& store) {
  if (!r.ok()) return SendError(res, r.status());
  if (!r->state) return SendFindings(res, r->errors);
  SendJson(res, StateJson(*r->state, &store));
}

// The optional "version" of a transition's body (empty body: none).
core::Result<std::optional<std::int64_t>> OptionalVersion(const nlohmann::json& body) {
  if (!body.contains("version")) return std::optional<std::int64_t>();
  if (!body["version"].is_number_integer()) return core::Status::InvalidInput("version: must be a whole number");
  return std::optional<std::int64_t>(body["version"].get<std::int64_t>());
}

core::Result<nlohmann::json> OptionalJsonBody(const httplib::Request& req) {
  if (req.body.empty()) return nlohmann::json::object();
  return JsonBody(req);
}

web::Lang LangOf(const httplib::Request& req) { return web::ParseLang(req.get_param_value("lang")); }

// --- Pages ---------------------------------------------------------------------------

web::SubmissionFormView FormView(const SubmissionState& s, const submission::Content& content,
                                 const std::vector<FieldError>& errors, std::string message) {
  web::SubmissionFormView v;
  v.region = s.region;
  v.region_name = s.region_name;
  v.municipalities = s.municipalities;
  v.period = s.period;
  v.status = s.status;
  v.version = s.version;
  v.deadline = s.deadline;
  if (s.record) {
    v.late = s.record->late;
    v.comment = s.record->comment;
    v.updated_at = s.record->updated_at;
    v.updated_by = s.record->updated_by;
  }
  const Principal& p = Caller();
  const bool steward = p.role == auth::Role::kRegionSteward && p.HasRegion(s.region);
  v.can_edit = steward && s.status != "submitted";
  v.can_submit = steward && s.status == "draft";
  v.can_review = p.role == auth::Role::kNationalAnalyst && s.status == "submitted";
  v.csrf = p.csrf_token;
  v.message = std::move(message);
  for (std::size_t t = 0; t < submission::Tables().size(); ++t) {
    const auto& spec = submission::Tables()[t];
    web::SubmissionTableView table;
    table.name = std::string(spec.name);
    table.title_key = std::string(spec.title_key);
    table.indicator = std::string(spec.indicator);
    for (auto c : spec.columns) {
      table.columns.emplace_back(c);
      table.kinds.emplace_back(submission::IsDateColumn(c) ? "date" : submission::IsNumberColumn(c) ? "number" : "");
    }
    table.rows = content.tables[t];
    table.blank_rows = spec.name == "plans" ? (table.rows.empty() ? 1 : 0) : 2;
    v.tables.push_back(std::move(table));
  }
  for (const auto& e : errors) {
    v.errors.push_back({.field = e.field, .message = e.message, .fix_key = e.fix_key, .range = e.range});
  }
  return v;
}

// A form field's name "capacity[2].places" as table, row and column; nullopt for any
// other name. Read by hand, not with std::regex: the names are the client's.
struct FieldName {
  std::string_view table;
  std::size_t row;
  std::string_view column;
};
std::optional<FieldName> ParseFieldName(std::string_view name) {
  const auto lower = [](std::string_view s) {
    return !s.empty() && s.size() <= 64 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
  };
  const auto open = name.find('[');
  const auto close = name.find("].");
  if (open == std::string_view::npos || close == std::string_view::npos || close <= open + 1 || close - open - 1 > 5) {
    return std::nullopt;
  }
  const std::string_view digits = name.substr(open + 1, close - open - 1);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  FieldName f{name.substr(0, open), 0, name.substr(close + 2)};
  if (!lower(f.table) || !lower(f.column)) return std::nullopt;
  for (char c : digits) f.row = f.row * 10 + static_cast<std::size_t>(c - '0');
  return f;
}

// The form's fields ("capacity[2].places" = value) as content, in the exchange format's
// notation (a Dutch date or number as typed becomes YYYY-MM-DD or plain digits); blank
// rows are dropped.
submission::Content ContentFromForm(const httplib::Request& req, std::vector<FieldError>& errors) {
  const auto& specs = submission::Tables();
  std::vector<std::map<std::size_t, submission::Row>> rows(specs.size());
  for (const auto& [name, value] : req.params) {
    const auto field = ParseFieldName(name);
    if (!field) continue;
    const int t = submission::FindTable(field->table);
    if (t < 0) continue;
    const auto& cols = specs[static_cast<std::size_t>(t)].columns;
    const std::size_t index = field->row;
    auto c = std::find(cols.begin(), cols.end(), field->column);
    if (c == cols.end() || index >= submission::kMaxRows) continue;
    auto& row = rows[static_cast<std::size_t>(t)][index];
    row.resize(cols.size());
    row[static_cast<std::size_t>(c - cols.begin())] = submission::FromDutchNotation(field->column, value);
  }
  // Through the JSON reader, so the form obeys the same shape rules as the API.
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t t = 0; t < specs.size(); ++t) {
    auto list = nlohmann::json::array();
    for (const auto& [index, row] : rows[t]) {
      if (std::all_of(row.begin(), row.end(),
                      [](const std::string& v) { return v.find_first_not_of(" \t") == std::string::npos; })) {
        continue;
      }
      nlohmann::json r = nlohmann::json::object();
      for (std::size_t c = 0; c < row.size(); ++c) r[std::string(specs[t].columns[c])] = row[c];
      list.push_back(std::move(r));
    }
    j[std::string(specs[t].name)] = std::move(list);
  }
  submission::Content content;
  submission::ContentFromJson(j, content, errors);
  return content;
}

void SendPage(httplib::Response& res, const std::string& html, int status = 200) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(html, kHtmlType);
}

void SendPageError(httplib::Response& res, const core::Status& s, web::Lang lang) {
  SendPage(res, web::RenderSubmissionErrorPage(HttpStatusFor(s.code()), s.message(), lang), HttpStatusFor(s.code()));
}

std::string FormUrl(const SubmissionState& s, web::Lang lang, std::string_view message) {
  std::string url = "/aanlevering/" + s.region + "/" + s.period + "?msg=" + std::string(message);
  if (lang == web::Lang::kEn) url += "&lang=en";
  return url;
}

}  // namespace

void RegisterSubmissionRoutes(Routes& routes, store::Store& store) {
  auto svc = std::make_shared<SubmissionService>(store);
  const std::string one = R"(/api/v1/submissions/([^/]+)/([^/]+))";

  routes.Get("/api/v1/submissions", [svc](const httplib::Request& req, httplib::Response& res) {
    const std::string period = req.get_param_value("period");
    if (period.empty()) return SendError(res, core::Status::InvalidInput("period: required, e.g. ?period=2024H1"));
    auto overview = svc->Overview(period, VisibleRegions());
    if (!overview.ok()) return SendError(res, overview.status());
    auto regions = nlohmann::json::array();
    for (const auto& s : overview->regions) regions.push_back(StateJson(s, nullptr));
    SendJson(res, {{"period", overview->period},
                   {"deadline", overview->deadline},
                   {"deadline_default", overview->deadline_default},
                   {"delivered", overview->delivered},
                   {"regions_total", overview->regions_total},
                   {"summary", std::to_string(overview->delivered) + " of " + std::to_string(overview->regions_total) +
                                   " regions delivered"},
                   {"regions", regions}});
  });

  routes.Get(one, [svc, &store](const httplib::Request&, httplib::Response& res) {
    auto s = svc->Get(PathParam(1), PathParam(2));
    if (!s.ok()) return SendError(res, s.status());
    SendJson(res, StateJson(*s, &store));
  });

  routes.Put(one, [svc, &store](const httplib::Request& req, httplib::Response& res) {
    auto body = JsonBody(req);
    if (!body.ok()) return SendError(res, body.status());
    if (!body->contains("version") || !(*body)["version"].is_number_integer()) {
      return SendError(res, core::Status::InvalidInput(
                                "version: required, the version the content was edited from (0 for a new one)"));
    }
    std::vector<FieldError> errors;
    submission::Content content;
    submission::ContentFromJson(body->value("content", nlohmann::json::object()), content, errors);
    for (const auto& [key, value] : body->items()) {
      if (key != "version" && key != "content") {
        errors.push_back({key, "unknown field (known: version, content)", std::string(submission::fix::kShape)});
      }
    }
    if (!errors.empty()) return SendFindings(res, errors);
    SendChange(res, svc->Save(PathParam(1), PathParam(2), (*body)["version"].get<std::int64_t>(), content, Me()),
               store);
  });

  auto transition = [svc, &store](std::string_view what) {
    return [svc, &store, what = std::string(what)](const httplib::Request& req, httplib::Response& res) {
      auto body = OptionalJsonBody(req);
      if (!body.ok()) return SendError(res, body.status());
      auto version = OptionalVersion(*body);
      if (!version.ok()) return SendError(res, version.status());
      const std::string region = PathParam(1), period = PathParam(2);
      if (what == "submit") return SendChange(res, svc->Submit(region, period, *version, Me()), store);
      if (what == "accept") return SendChange(res, svc->Accept(region, period, *version, Me()), store);
      const auto comment = body->value("comment", nlohmann::json(""));
      if (!comment.is_string()) return SendError(res, core::Status::InvalidInput("comment: must be text"));
      SendChange(res, svc->Return(region, period, *version, comment.get<std::string>(), Me()), store);
    };
  };
  routes.Post(one + "/submit", transition("submit"));
  routes.Post(one + "/accept", transition("accept"));
  routes.Post(one + "/return", transition("return"));

  routes.Get(one + "/template.xlsx", [svc](const httplib::Request&, httplib::Response& res) {
    auto s = svc->Get(PathParam(1), PathParam(2));
    if (!s.ok()) return SendError(res, s.status());
    auto bytes = submission::TemplateXlsx(s->content, s->region, s->region_name, s->period, s->version);
    if (!bytes.ok()) return SendError(res, bytes.status());
    res.set_header("Content-Disposition",
                   "attachment; filename=\"aanlevering-" + s->region + "-" + s->period + ".xlsx\"");
    res.set_header("Cache-Control", "no-store");
    res.set_content(*bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  routes.Post(one + "/upload.xlsx", [svc, &store](const httplib::Request& req, httplib::Response& res) {
    auto s = svc->Get(PathParam(1), PathParam(2));
    if (!s.ok()) return SendError(res, s.status());
    std::string_view bytes = req.body;
    std::string part;  // get_file_value returns a copy: keep it alive while `bytes` points into it
    if (req.is_multipart_form_data()) {
      if (!req.has_file("file")) return SendError(res, core::Status::InvalidInput("file: the workbook is missing"));
      part = req.get_file_value("file").content;
      bytes = part;
    }
    auto parsed = submission::ReadSubmissionXlsx(bytes);
    if (!parsed.ok()) return SendError(res, parsed.status());
    if (!parsed->errors.empty()) return SendFindings(res, parsed->errors);
    // The workbook says which version it was filled from; ?version= overrides (the form).
    std::int64_t version = parsed->version.value_or(s->version);
    if (const std::string v = req.get_param_value("version"); !v.empty()) {
      try {
        version = std::stoll(v);
      } catch (const std::exception&) {
        return SendError(res, core::Status::InvalidInput("version: must be a whole number"));
      }
    }
    auto r = svc->Save(s->region, s->period, version, parsed->content, Me(), "upload_xlsx");
    if (r.ok() && !r->state) {
      // The findings name the workbook's cells, so they can be found in the spreadsheet.
      for (auto& e : r->errors) {
        if (const std::string cell = submission::CellOfField(*parsed, e.field); cell != e.field) {
          e.message = cell + ": " + e.message;
        }
      }
    }
    SendChange(res, r, store);
  });

  routes.Put(R"(/api/v1/submission-deadlines/([^/]+))", [svc](const httplib::Request& req, httplib::Response& res) {
    auto body = JsonBody(req);
    if (!body.ok()) return SendError(res, body.status());
    const auto deadline = body->value("deadline", nlohmann::json(nullptr));
    if (!deadline.is_string()) return SendError(res, core::Status::InvalidInput("deadline: required, YYYY-MM-DD"));
    auto d = svc->SetDeadline(PathParam(1), deadline.get<std::string>(), Me());
    if (!d.ok()) return SendError(res, d.status());
    SendJson(res, {{"period", d->period}, {"deadline", d->deadline}, {"set_by", d->set_by}, {"set_at", d->set_at}});
  });

  // --- Pages ---------------------------------------------------------------------------

  routes.Get("/aanlevering", [svc](const httplib::Request& req, httplib::Response& res) {
    const web::Lang lang = LangOf(req);
    std::string period = req.get_param_value("period");
    if (period.empty()) period = core::Period::HalfYearOf(core::Date::TodayUtc()).Previous().ToString();
    auto overview = svc->Overview(period, VisibleRegions());
    if (!overview.ok()) return SendPageError(res, overview.status(), lang);
    web::SubmissionListView v;
    v.period = overview->period;
    v.deadline = overview->deadline;
    v.deadline_default = overview->deadline_default;
    v.delivered = overview->delivered;
    v.regions_total = overview->regions_total;
    v.show_completeness = Caller().role != auth::Role::kRegionSteward;
    for (const auto& s : overview->regions) {
      web::SubmissionListRow row;
      row.region = s.region;
      row.region_name = s.region_name;
      row.status = s.status;
      row.version = s.version;
      if (s.record) {
        row.late = s.record->late;
        row.updated_at = s.record->updated_at;
      }
      v.rows.push_back(std::move(row));
    }
    SendPage(res, web::RenderSubmissionListPage(v, lang));
  });

  const std::string page = R"(/aanlevering/([^/]+)/([^/]+))";
  routes.Get(page, [svc](const httplib::Request& req, httplib::Response& res) {
    const web::Lang lang = LangOf(req);
    auto s = svc->Get(PathParam(1), PathParam(2));
    if (!s.ok()) return SendPageError(res, s.status(), lang);
    SendPage(res, web::RenderSubmissionFormPage(FormView(*s, s->content, {}, req.get_param_value("msg")), lang));
  });

  // The steward's form: action=save (the default) or submit; version is the hidden field.
  routes.Post(page, [svc](const httplib::Request& req, httplib::Response& res) {
    const web::Lang lang = LangOf(req);
    auto s = svc->Get(PathParam(1), PathParam(2));
    if (!s.ok()) return SendPageError(res, s.status(), lang);
    std::int64_t version = -1;
    try {
      version = std::stoll(req.get_param_value("version"));
    } catch (const std::exception&) {
      return SendPageError(res, core::Status::InvalidInput("version: must be a whole number"), lang);
    }
    const std::string action = req.get_param_value("action");
    if (action == "submit") {
      auto r = svc->Submit(s->region, s->period, version, Me());
      if (!r.ok()) return SendPageError(res, r.status(), lang);
      if (!r->state) {
        return SendPage(res, web::RenderSubmissionFormPage(FormView(*s, s->content, r->errors, ""), lang), 400);
      }
      return res.set_redirect(FormUrl(*r->state, lang, "submitted"), 303);
    }
    std::vector<FieldError> errors;
    submission::Content content = ContentFromForm(req, errors);
    if (errors.empty()) {
      auto r = svc->Save(s->region, s->period, version, content, Me());
      if (!r.ok()) return SendPageError(res, r.status(), lang);
      if (r->state) return res.set_redirect(FormUrl(*r->state, lang, "saved"), 303);
      errors = r->errors;
    }
    // Shown again with what was typed and the findings beside the fields; nothing saved.
    SendPage(res, web::RenderSubmissionFormPage(FormView(*s, content, errors, ""), lang), 400);
  });

  // The analyst's review: action=accept or return (with comment).
  routes.Post(page + "/beoordeling", [svc](const httplib::Request& req, httplib::Response& res) {
    const web::Lang lang = LangOf(req);
    const std::string region = PathParam(1), period = PathParam(2);
    std::optional<std::int64_t> version;
    try {
      version = std::stoll(req.get_param_value("version"));
    } catch (const std::exception&) {
      return SendPageError(res, core::Status::InvalidInput("version: must be a whole number"), lang);
    }
    const std::string action = req.get_param_value("action");
    core::Result<ChangeResult> r = action == "accept"
                                       ? svc->Accept(region, period, version, Me())
                                       : svc->Return(region, period, version, req.get_param_value("comment"), Me());
    if (!r.ok()) return SendPageError(res, r.status(), lang);
    auto s = svc->Get(region, period);
    if (!s.ok()) return SendPageError(res, s.status(), lang);
    if (!r->state)
      return SendPage(res, web::RenderSubmissionFormPage(FormView(*s, s->content, r->errors, ""), lang), 400);
    res.set_redirect(FormUrl(*s, lang, action == "accept" ? "accepted" : "returned"), 303);
  });
}

}  // namespace onderdak::api
