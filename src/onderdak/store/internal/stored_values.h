// Backend-independent pieces of the store: how stored values map back to domain values
// (codes interned into the static code lists, dates), the list of entity tables, and
// the comma-joined list of entity files kept with a delivery.
//
// Internal to src/onderdak/store/: used by both backends.
//
// Stateless; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/status.h"
#include "onderdak/domain/code_lists.h"

namespace onderdak::store::internal {

// Entity tables in the order their rows are counted for `deliveries show`.
struct EntityTable {
  std::string_view file;   // exchange-format file name without .csv
  std::string_view table;  // SQL table
};
inline constexpr std::array kEntityTables{
    EntityTable{"persons", "person"},
    EntityTable{"facilities", "facility"},
    EntityTable{"capacity", "capacity"},
    EntityTable{"living_situations", "living_situation"},
    EntityTable{"service_episodes", "service_episode"},
    EntityTable{"requests", "request"},
    EntityTable{"waiting_list", "waiting_entry"},
    EntityTable{"causes", "cause"},
    EntityTable{"needs", "need"},
    EntityTable{"housing_projects", "housing_project"},
    EntityTable{"funding_lines", "funding_line"},
    EntityTable{"plans", "plan"},
    EntityTable{"agreements", "agreement"},
    EntityTable{"budgets", "budget"},
    EntityTable{"evictions", "eviction"},
    EntityTable{"signals", "signal"},
    EntityTable{"prevention_policies", "prevention_policy"},
};

// The entity files of a delivery are stored as one comma-separated text ("persons,needs").
inline std::string JoinFiles(const std::vector<std::string>& files) {
  std::string out;
  for (const auto& f : files) {
    if (!out.empty()) out += ',';
    out += f;
  }
  return out;
}

inline std::vector<std::string> SplitFiles(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    out.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// One code list, found by name once, for the many rows of a loader: Intern(text) is the
// stored code `text` as a view into the static list ("" stays ""). A code that is not in
// the list sets `error` (the database was written by something else, or a list lost a
// code) and returns "".
class CodeColumn {
 public:
  explicit CodeColumn(std::string_view list_name) : name_(list_name), list_(domain::FindCodeList(list_name)) {}
  std::string_view Intern(std::string_view text, core::Status& error) const {
    if (text.empty()) return {};
    const domain::Code* code = list_ ? domain::FindCode(*list_, text) : nullptr;
    if (code == nullptr) {
      error = core::Status::Internal("stored value '" + std::string(text) + "' is not a code of list " +
                                     std::string(name_));
      return {};
    }
    return code->code;
  }

 private:
  std::string_view name_;
  const domain::CodeList* list_;
};

// The stored code `text` of the list `list_name` (CodeColumn, for one value).
inline std::string_view Intern(std::string_view list_name, std::string_view text, core::Status& error) {
  return CodeColumn(list_name).Intern(text, error);
}

// evictions.other_housing_found: "ja", "nee", anything else "onbekend".
inline std::string_view InternYesNoUnknown(std::string_view text) {
  if (text == "ja") return "ja";
  if (text == "nee") return "nee";
  return "onbekend";
}

// A stored YYYY-MM-DD date; a corrupt one sets `error`.
inline core::Date ParseStoredDate(std::string_view text, core::Status& error) {
  auto d = core::Date::Parse(text);
  if (!d.ok()) {
    error = core::Status::Internal("stored date is corrupt: " + d.status().message());
    return {};
  }
  return *d;
}

}  // namespace onderdak::store::internal
