// An import's errors as a provider reads them (ADR 0028): each with its rule in words, a
// fix in Dutch or English from the message catalogue (web/i18n.cc) and the suggested value
// where one is evident; grouped by file and rule; as JSON for the upload API and as CSV
// for a download. Used by the upload route and by `onderdak import|check`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "onderdak/ingest/delivery_import.h"
#include "onderdak/web/i18n.h"

namespace onderdak::api {

// The fix for `finding`'s rule, followed by "Voorstel: X." when there is a suggestion.
std::string FixText(web::Lang lang, const ingest::Finding& finding);

struct FindingGroup {
  std::string file;  // "" for the delivery as a whole
  std::string_view rule;
  std::size_t count = 0;
};
// The errors counted per file and rule, in the order each pair first occurs.
std::vector<FindingGroup> GroupFindings(const std::vector<ingest::Finding>& findings);

// {"findings": [{file, line, column, rule, message, suggestion, rule_title: {nl, en},
//   fix: {nl, en}}], "groups": [{file, rule, rule_title: {nl, en}, fix: {nl, en}, count}]}
nlohmann::json FindingsJson(const ingest::ImportReport& report);

// The data-quality report (ingest/quality.h): [{id, title: {nl, en}, file, column, count,
// total, flagged, detail, lines}], the flagged checks first.
nlohmann::json QualityJson(const std::vector<ingest::QualityCheck>& checks);

// One row per error: file,line,column,rule,rule_title,message,suggestion,fix (titles and
// fixes in `lang`). RFC 4180; a value a spreadsheet would read as a formula is neutralised.
std::string FindingsCsv(const ingest::ImportReport& report, web::Lang lang);

}  // namespace onderdak::api
