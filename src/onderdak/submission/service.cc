#include "onderdak/submission/service.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "onderdak/core/temp_dir.h"
#include "onderdak/ingest/delivery_import.h"

namespace onderdak::submission {
namespace {

// A submission writes no persons.csv, so the importer never pseudonymises anything with
// this key; ImportDelivery only needs one to exist. (A delivery of person-level files
// goes through `onderdak import` or the upload with the deployment key.)
const ingest::Pseudonymiser& UnusedKey() {
  static const ingest::Pseudonymiser key = ingest::Pseudonymiser::FromKey({});
  return key;
}

std::string ObjectOf(std::string_view region, std::string_view period) {
  return "submission:" + std::string(region) + "/" + std::string(period);
}

// "capacity.csv:3: places: '-1': must be ..." -> {"capacity[1].places", "'-1': must be ..."}.
// The CSV files hold one row per line (ContentFromJson refuses line breaks), so line n is
// row n - 2.
FieldError MapImportError(const std::string& message) {
  const auto csv = message.find(".csv:");
  if (csv == std::string::npos) return {"content", message};
  const std::string table = message.substr(0, csv);
  const int t = FindTable(table);
  std::size_t pos = csv + 5;
  std::size_t end = pos;
  while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end])) != 0) ++end;
  if (t < 0) return {"content", message};
  if (end == pos || end + 2 > message.size() || message.compare(end, 2, ": ") != 0) {
    return {table, message.substr(std::min(message.size(), csv + 5))};
  }
  const long line = std::strtol(message.substr(pos, end - pos).c_str(), nullptr, 10);
  std::string rest = message.substr(end + 2);
  std::string field = table + "[" + std::to_string(std::max(0L, line - 2)) + "]";
  for (std::string_view column : Tables()[static_cast<std::size_t>(t)].columns) {
    if (rest.size() > column.size() + 1 && rest.compare(0, column.size(), column) == 0 &&
        rest.compare(column.size(), 2, ": ") == 0) {
      field += "." + std::string(column);
      rest = rest.substr(column.size() + 2);
      break;
    }
  }
  return {field, rest};
}

// The import's errors as the form's findings, each with its rule's fix (ingest/finding.h).
void AddImportErrors(const ingest::ImportReport& report, std::vector<FieldError>& errors) {
  for (std::size_t i = 0; i < report.errors.size(); ++i) {
    FieldError e = MapImportError(report.errors[i]);
    if (i < report.findings.size() && !report.findings[i].rule.empty()) {
      e.fix_key = "import.fix." + std::string(report.findings[i].rule);
      if (const auto& r = report.findings[i].range) e.range = std::pair{r->min, r->max};
    }
    errors.push_back(std::move(e));
  }
}

}  // namespace

core::Date DefaultDeadline(const core::Period& period) { return period.last().AddDays(42); }

core::Result<core::Period> ParseHalfYear(std::string_view text) {
  auto p = core::Period::Parse(text);
  if (!p.ok() || p->kind() != core::Period::Kind::kHalfYear) {
    return core::Status::InvalidInput("period: '" + std::string(text).substr(0, 20) +
                                      "': must be a half-year such as 2024H1");
  }
  return *p;
}

core::Result<std::string> SubmissionService::Deadline(const core::Period& period, bool* is_default) {
  ONDERDAK_ASSIGN_OR_RETURN(auto set, store_.Submissions().GetDeadline(period.ToString()));
  *is_default = !set.has_value();
  return set ? set->deadline : DefaultDeadline(period).ToString();
}

core::Result<SubmissionState> SubmissionService::Load(std::string_view region, std::string_view period_text) {
  ONDERDAK_ASSIGN_OR_RETURN(auto period, ParseHalfYear(period_text));
  auto version = store_.ReferenceVersionOn(period.last());
  if (!version.ok()) return core::Status::NotFound("no regions are known for " + period.ToString());
  ONDERDAK_ASSIGN_OR_RETURN(auto set, store_.LoadReferenceSet(version->id));
  const domain::Region* r = set.FindRegion(region);
  if (r == nullptr) {
    return core::Status::NotFound("region: '" + std::string(region).substr(0, 20) + "': is not a region in force on " +
                                  period.last().ToString());
  }
  SubmissionState s;
  s.region = r->code;
  s.region_name = r->name;
  s.period = period.ToString();
  for (const domain::Municipality* m : r->members) s.municipalities.emplace_back(m->code, m->name);
  std::sort(s.municipalities.begin(), s.municipalities.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  ONDERDAK_ASSIGN_OR_RETURN(s.deadline, Deadline(period, &s.deadline_default));
  ONDERDAK_ASSIGN_OR_RETURN(auto record, store_.Submissions().GetSubmission(s.region, s.period));
  if (record) {
    s.status = record->status;
    s.version = record->version;
    std::vector<FieldError> errors;
    ContentFromJson(nlohmann::json::parse(record->content, nullptr, false), s.content, errors);
    if (!errors.empty()) return core::Status::Internal("stored submission content is unreadable: " + errors[0].field);
    s.record = std::move(record);
  }
  return s;
}

core::Result<SubmissionState> SubmissionService::Get(std::string_view region, std::string_view period) {
  return Load(region, period);
}

core::Result<PeriodOverview> SubmissionService::Overview(std::string_view period_text,
                                                         const std::optional<std::vector<std::string>>& only) {
  ONDERDAK_ASSIGN_OR_RETURN(auto period, ParseHalfYear(period_text));
  PeriodOverview o;
  o.period = period.ToString();
  ONDERDAK_ASSIGN_OR_RETURN(o.deadline, Deadline(period, &o.deadline_default));
  auto version = store_.ReferenceVersionOn(period.last());
  if (!version.ok()) return o;  // no regions known yet: an empty list
  ONDERDAK_ASSIGN_OR_RETURN(auto set, store_.LoadReferenceSet(version->id));
  ONDERDAK_ASSIGN_OR_RETURN(auto records, store_.Submissions().ListSubmissions(o.period));
  o.regions_total = set.regions().size();
  for (const domain::Region& r : set.regions()) {
    auto it = std::find_if(records.begin(), records.end(), [&](const auto& x) { return x.region == r.code; });
    const bool delivered = it != records.end() && (it->status == "submitted" || it->status == "accepted");
    if (delivered) ++o.delivered;
    if (only && std::find(only->begin(), only->end(), r.code) == only->end()) continue;
    SubmissionState s;
    s.region = r.code;
    s.region_name = r.name;
    s.period = o.period;
    s.deadline = o.deadline;
    s.deadline_default = o.deadline_default;
    if (it != records.end()) {
      s.status = it->status;
      s.version = it->version;
      s.record = *it;
      s.record->content.clear();  // the list does not need the figures
    }
    o.regions.push_back(std::move(s));
  }
  return o;
}

core::Result<std::vector<FieldError>> SubmissionService::Validate(std::string_view region, std::string_view period,
                                                                  const Content& content, bool for_submit) {
  std::vector<FieldError> errors;
  const auto& plans = content.tables[static_cast<std::size_t>(FindTable("plans"))];
  if (plans.size() > 1) {
    errors.push_back(
        {"plans", "has " + std::to_string(plans.size()) + " rows, at most one", std::string(fix::kPlanRows)});
  }
  if (for_submit && plans.empty()) {
    errors.push_back({"plans", "the regional plan (one row) is required to submit", std::string(fix::kPlanRequired)});
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto dir, core::TempDir::Create("onderdak-submission"));
  ONDERDAK_RETURN_IF_ERROR(WriteDeliveryFolder(content, region, region, "", period, dir.path()));
  ingest::ImportOptions options;
  options.check_only = true;
  ONDERDAK_ASSIGN_OR_RETURN(auto report, ingest::ImportDelivery(store_, UnusedKey(), dir.path(), options));
  AddImportErrors(report, errors);
  return errors;
}

core::Result<ChangeResult> SubmissionService::Write(SubmissionState& state, store::SubmissionRecord next,
                                                    std::optional<std::int64_t> version, std::string_view action,
                                                    std::string_view comment, const Actor& actor,
                                                    std::string_view detail) {
  next.region = state.region;
  next.period = state.period;
  next.updated_by = actor.name;
  store::SubmissionEventRecord event;
  event.action = std::string(action);
  event.actor = actor.name;
  event.comment = std::string(comment);
  store::AuditEvent audit{actor.name, "submission." + std::string(action), ObjectOf(state.region, state.period),
                          std::string(detail), actor.from};
  ONDERDAK_ASSIGN_OR_RETURN(auto written,
                            store_.Submissions().WriteSubmission(next, version.value_or(state.version), event, audit));
  state.status = written.status;
  state.version = written.version;
  state.record = std::move(written);
  ChangeResult out;
  out.state = std::move(state);
  return out;
}

namespace {

core::Status Stale(const SubmissionState& s, std::int64_t version) {
  return core::Status::FailedPrecondition("stale version: the submission of " + s.region + " " + s.period +
                                          " is at version " + std::to_string(s.version) + ", this change was made to " +
                                          std::to_string(version) + "; reload and try again");
}

core::Status WrongState(const SubmissionState& s, std::string_view what, std::string_view allowed) {
  return core::Status::FailedPrecondition("cannot " + std::string(what) + " the submission of " + s.region + " " +
                                          s.period + ": its status is " + s.status +
                                          " (allowed: " + std::string(allowed) + ")");
}

}  // namespace

core::Result<ChangeResult> SubmissionService::Save(std::string_view region, std::string_view period,
                                                   std::int64_t version, const Content& content, const Actor& actor,
                                                   std::string_view action) {
  ONDERDAK_ASSIGN_OR_RETURN(auto state, Load(region, period));
  if (version != state.version) return Stale(state, version);
  if (state.status == "submitted") return WrongState(state, "change", "none, draft, returned, accepted");
  ONDERDAK_ASSIGN_OR_RETURN(auto errors, Validate(state.region, state.period, content, false));
  if (!errors.empty()) return ChangeResult{std::nullopt, std::move(errors)};
  store::SubmissionRecord next = state.record.value_or(store::SubmissionRecord{});
  next.status = "draft";
  next.content = ContentToJson(content).dump();
  state.content = content;
  return Write(state, std::move(next), version, action, "", actor, "version " + std::to_string(version + 1));
}

core::Result<ChangeResult> SubmissionService::Submit(std::string_view region, std::string_view period,
                                                     std::optional<std::int64_t> version, const Actor& actor) {
  ONDERDAK_ASSIGN_OR_RETURN(auto state, Load(region, period));
  if (version && *version != state.version) return Stale(state, *version);
  if (state.status != "draft") return WrongState(state, "submit", "draft");
  ONDERDAK_ASSIGN_OR_RETURN(auto errors, Validate(state.region, state.period, state.content, true));
  if (!errors.empty()) return ChangeResult{std::nullopt, std::move(errors)};
  store::SubmissionRecord next = *state.record;
  next.status = "submitted";
  next.comment.clear();
  next.submitted_at = store::UtcNow();
  next.submitted_by = actor.name;
  next.late = core::Date::TodayUtc().ToString() > state.deadline;
  const std::string detail = std::string(next.late ? "late, " : "") + "deadline " + state.deadline;
  return Write(state, std::move(next), version, "submit", "", actor, detail);
}

core::Result<ChangeResult> SubmissionService::Accept(std::string_view region, std::string_view period,
                                                     std::optional<std::int64_t> version, const Actor& actor) {
  // One acceptance at a time in this process: the import and the state change belong
  // together, and a second analyst accepting at once would import the same figures twice.
  std::lock_guard lock(accept_mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto state, Load(region, period));
  if (version && *version != state.version) return Stale(state, *version);
  if (state.status != "submitted") return WrongState(state, "accept", "submitted");
  ONDERDAK_ASSIGN_OR_RETURN(auto dir, core::TempDir::Create("onderdak-submission"));
  ONDERDAK_RETURN_IF_ERROR(WriteDeliveryFolder(state.content, state.region, state.region,
                                               "Regio " + state.region_name + " (aanlevering)", state.period,
                                               dir.path()));
  ONDERDAK_ASSIGN_OR_RETURN(auto report, ingest::ImportDelivery(store_, UnusedKey(), dir.path()));
  if (!report.accepted() || !report.delivery) {
    ChangeResult refused;
    AddImportErrors(report, refused.errors);
    if (refused.errors.empty()) refused.errors.push_back({"content", "the importer did not make a delivery"});
    return refused;
  }
  store::SubmissionRecord next = *state.record;
  next.status = "accepted";
  next.comment.clear();
  next.decided_at = store::UtcNow();
  next.decided_by = actor.name;
  next.delivery_id = report.delivery->id;
  return Write(
      state, std::move(next), version, "accept", "", actor,
      "delivery " + std::to_string(report.delivery->id) + " version " + std::to_string(report.delivery->version));
}

core::Result<ChangeResult> SubmissionService::Return(std::string_view region, std::string_view period,
                                                     std::optional<std::int64_t> version, std::string_view comment,
                                                     const Actor& actor) {
  const auto first = comment.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return ChangeResult{std::nullopt,
                        {{"comment", "a comment is required when returning a submission", std::string(fix::kComment)}}};
  }
  if (comment.size() > 4000) {
    return ChangeResult{std::nullopt, {{"comment", "is longer than 4000 bytes", std::string(fix::kText)}}};
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto state, Load(region, period));
  if (version && *version != state.version) return Stale(state, *version);
  if (state.status != "submitted") return WrongState(state, "return", "submitted");
  store::SubmissionRecord next = *state.record;
  next.status = "returned";
  next.comment = std::string(comment);
  next.decided_at = store::UtcNow();
  next.decided_by = actor.name;
  return Write(state, std::move(next), version, "return", comment, actor, "returned with a comment");
}

core::Result<store::DeadlineRecord> SubmissionService::SetDeadline(std::string_view period_text,
                                                                   std::string_view deadline, const Actor& actor) {
  ONDERDAK_ASSIGN_OR_RETURN(auto period, ParseHalfYear(period_text));
  auto date = core::Date::Parse(deadline);
  if (!date.ok() || date->ToString() != deadline) {
    return core::Status::InvalidInput("deadline: '" + std::string(deadline).substr(0, 20) +
                                      "': must be a date YYYY-MM-DD");
  }
  if (*date <= period.first()) {
    return core::Status::InvalidInput("deadline: '" + std::string(deadline) + "': must be after the period starts (" +
                                      period.first().ToString() + ")");
  }
  store::DeadlineRecord d{period.ToString(), std::string(deadline), actor.name, ""};
  store::AuditEvent audit{actor.name, "submission.deadline", "submission-deadline:" + period.ToString(),
                          "deadline " + std::string(deadline), actor.from};
  return store_.Submissions().SetDeadline(d, audit);
}

}  // namespace onderdak::submission
