// The content of a region's submission (issue 7, ADR 0014): the region's aggregate figures
// for one half-year in exactly the records of the exchange format's region files
// (docs/exchange-format.md §2): facilities and capacity (A1), housing projects and funding
// lines (A2), the plan (A4, A5), performance agreements (A3) and budgets (A6). Every value
// is kept as the text a CSV cell would hold, so a draft, the form, the XLSX workbook and
// the delivery written on acceptance all carry the same values, and the importer's
// validators judge them (validate.h).
//
// Pure values; thread-safe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/status.h"

namespace onderdak::submission {

// One entity file of the exchange format that a submission fills.
struct TableSpec {
  std::string_view name;                  // "capacity" (the file is name + ".csv")
  std::vector<std::string_view> columns;  // in the exchange format's order
  std::string_view indicator;             // "A1"
  std::string_view title_key;             // i18n key of the section title
};

// The eight tables, in the order the form and the workbook show them.
const std::vector<TableSpec>& Tables();
// The tables' names, comma-separated, for messages.
std::string TableNames();
// Index into Tables(), or -1.
int FindTable(std::string_view name);

// Limits of one submission (the form, the JSON body and the workbook alike).
inline constexpr std::size_t kMaxRows = 2000;        // per table
inline constexpr std::size_t kMaxValueBytes = 1000;  // per value

using Row = std::vector<std::string>;  // one value per column of its table

struct Content {
  std::vector<std::vector<Row>> tables = std::vector<std::vector<Row>>(Tables().size());
  bool operator==(const Content&) const = default;
};

// A finding about one field: `field` is a stable path the page shows the message beside
// ("capacity[2].places", "plans[0]", "plans"); `message` names the value and the rule.
struct FieldError {
  std::string field;
  std::string message;
};

// The content as JSON: {"facilities": [{"record_id": "F-1", ...}], ...}, every table
// present, every value a string.
nlohmann::json ContentToJson(const Content& content);
// Reads `j` (as ContentToJson writes it; absent tables are empty; numbers are taken as
// their decimal text, true/false as ja/nee, null as empty). Shape errors (an unknown table
// or column, a value of another type, a line break in a value, too many rows, a value too
// long) are added to `errors`, each with its field path; `out` holds what could be read.
void ContentFromJson(const nlohmann::json& j, Content& out, std::vector<FieldError>& errors);

// One table as CSV (header and rows, RFC 4180, LF line ends).
std::string TableCsv(const Content& content, std::size_t table);
// Writes the content as a delivery folder (manifest.json and the eight CSV files, header
// only for an empty table: "delivered, none") into `dir`, which must exist.
core::Status WriteDeliveryFolder(const Content& content, std::string_view region, std::string_view organisation,
                                 std::string_view organisation_name, std::string_view period,
                                 const std::filesystem::path& dir);

}  // namespace onderdak::submission
