#include "onderdak/api/import_findings.h"

#include <algorithm>

#include "onderdak/indicators/csv.h"
#include "onderdak/ingest/quality_json.h"

namespace onderdak::api {
namespace {

std::string Key(std::string_view kind, std::string_view rule) {
  return "import." + std::string(kind) + "." + std::string(rule);
}

nlohmann::json BothLanguages(std::string_view key) {
  return {{"nl", web::T(web::Lang::kNl, key)}, {"en", web::T(web::Lang::kEn, key)}};
}

}  // namespace

std::string FixText(web::Lang lang, const ingest::Finding& finding) {
  std::string text(web::T(lang, Key("fix", finding.rule)));
  if (!finding.suggestion.empty()) {
    text += " " + std::string(web::T(lang, "import.suggestion")) + ": " + finding.suggestion + ".";
  }
  return text;
}

std::vector<FindingGroup> GroupFindings(const std::vector<ingest::Finding>& findings) {
  std::vector<FindingGroup> groups;
  for (const auto& f : findings) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const FindingGroup& g) { return g.file == f.file && g.rule == f.rule; });
    if (it == groups.end()) {
      groups.push_back({.file = f.file, .rule = f.rule, .count = 1});
    } else {
      ++it->count;
    }
  }
  return groups;
}

nlohmann::json FindingsJson(const ingest::ImportReport& report) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < report.findings.size() && i < report.errors.size(); ++i) {
    const auto& f = report.findings[i];
    list.push_back({{"file", f.file},
                    {"line", f.line},
                    {"column", f.column},
                    {"rule", f.rule},
                    {"message", report.errors[i]},
                    {"suggestion", f.suggestion},
                    {"rule_title", BothLanguages(Key("rule", f.rule))},
                    {"fix", {{"nl", FixText(web::Lang::kNl, f)}, {"en", FixText(web::Lang::kEn, f)}}}});
  }
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : GroupFindings(report.findings)) {
    groups.push_back({{"file", g.file},
                      {"rule", g.rule},
                      {"rule_title", BothLanguages(Key("rule", g.rule))},
                      {"fix", BothLanguages(Key("fix", g.rule))},
                      {"count", g.count}});
  }
  return {{"findings", list}, {"groups", groups}};
}

nlohmann::json QualityJson(const std::vector<ingest::QualityCheck>& checks) {
  nlohmann::json list = nlohmann::json::array();
  for (const bool flagged : {true, false}) {
    for (const auto& c : checks) {
      if (c.flagged != flagged) continue;
      nlohmann::json j = ingest::QualityCheckJson(c);
      j["title"] = BothLanguages("quality." + std::string(c.id));
      list.push_back(std::move(j));
    }
  }
  return list;
}

std::string FindingsCsv(const ingest::ImportReport& report, web::Lang lang) {
  std::string out = "file,line,column,rule,rule_title,message,suggestion,fix\n";
  for (std::size_t i = 0; i < report.findings.size() && i < report.errors.size(); ++i) {
    const auto& f = report.findings[i];
    const std::string fields[] = {f.file,
                                  f.line == 0 ? std::string() : std::to_string(f.line),
                                  f.column,
                                  std::string(f.rule),
                                  std::string(web::T(lang, Key("rule", f.rule))),
                                  report.errors[i],
                                  f.suggestion,
                                  FixText(lang, f)};
    bool first = true;
    for (const auto& v : fields) {
      if (!first) out += ',';
      first = false;
      indicators::AppendCsvField(out, v);
    }
    out += '\n';
  }
  return out;
}

}  // namespace onderdak::api
