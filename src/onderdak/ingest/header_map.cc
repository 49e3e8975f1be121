// MapHeader (import_parts.h): a delivery file's header row against its columns.
#include <algorithm>

#include "onderdak/ingest/import_parts.h"
#include "onderdak/ingest/suggest.h"

namespace onderdak::ingest::detail {

std::vector<int> MapHeader(const std::string& file, const std::vector<std::string>& header,
                           std::span<const Column> columns, const std::function<bool(HeaderProblem)>& problem) {
  std::vector<int> map(columns.size(), -1);
  std::vector<std::string_view> names;
  for (const auto& col : columns) names.push_back(col.name);
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& h = header[i];
    // A column name is echoed like a value: never a BSN.
    const std::string shown = ContainsBsn(h) ? "(value withheld)" : Shown(h);
    auto it = std::find_if(columns.begin(), columns.end(), [&](const Column& col) { return col.name == h; });
    bool more = true;
    if (h.empty()) {
      more = problem({.column = "",
                      .rule = rule::kUnknownColumn,
                      .message = file + ":1: column " + std::to_string(i + 1) + " has no name; name it or remove it",
                      .suggestion = ""});
    } else if (it == columns.end()) {
      std::string suggestion = SuggestColumn(names, h);
      // Not a column the header already has: that one is read as it is.
      if (std::find(header.begin(), header.end(), suggestion) != header.end()) suggestion.clear();
      more = problem({.column = shown,
                      .rule = rule::kUnknownColumn,
                      .message = file + ":1: column '" + shown + "' is not a column of " + file +
                                 (suggestion.empty() ? std::string() : "; did you mean '" + suggestion + "'?") +
                                 " (a misspelt column would be ignored silently; see docs/exchange-format.md)",
                      .suggestion = suggestion});
    } else if (const auto c = static_cast<std::size_t>(it - columns.begin()); map[c] >= 0) {
      more = problem({.column = h,
                      .rule = rule::kDuplicateColumn,
                      .message = file + ":1: column '" + h + "' occurs twice (columns " + std::to_string(map[c] + 1) +
                                 " and " + std::to_string(i + 1) + ")",
                      .suggestion = ""});
    } else {
      map[c] = static_cast<int>(i);
    }
    if (!more) return map;
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].required && map[c] < 0) {
      const bool more =
          problem({.column = std::string(columns[c].name),
                   .rule = rule::kMissingColumn,
                   .message = file + ":1: required column '" + std::string(columns[c].name) + "' is missing",
                   .suggestion = ""});
      if (!more) break;
    }
  }
  return map;
}

}  // namespace onderdak::ingest::detail
