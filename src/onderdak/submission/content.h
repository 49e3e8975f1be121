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
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// The columns that hold a date (YYYY-MM-DD), a whole number, or a CBS municipality code.
bool IsDateColumn(std::string_view column);
bool IsNumberColumn(std::string_view column);
bool IsMunicipalityColumn(std::string_view column);

// What a person types in the form or a workbook, in the exchange format's own notation
// (issue 21 item 7): a Dutch date "1-1-2024" or "01/01/2024" (day, month, year; "-", "/"
// or ".") as 2024-01-01 in a date column; a whole number with Dutch thousands separators
// "1.000" or "12.500.000" as 1000 or 12500000 in a number column. Blanks around a value
// are dropped. Anything else comes back as typed, for the importer to judge and name as
// typed: a date that does not exist (31-2-2024) is neither converted nor moved.
std::string FromDutchNotation(std::string_view column, std::string_view value);

// Limits of one submission (the form, the JSON body and the workbook alike).
inline constexpr std::size_t kMaxRows = 2000;        // per table
inline constexpr std::size_t kMaxValueBytes = 1000;  // per value

using Row = std::vector<std::string>;  // one value per column of its table

struct Content {
  std::vector<std::vector<Row>> tables = std::vector<std::vector<Row>>(Tables().size());
  bool operator==(const Content&) const = default;
};

// A finding about one field: `field` is a stable path the page shows the message beside
// ("capacity[2].places", "plans[0]", "plans"); `message` names the value and the rule, in
// English, the language of the API and the logs; `fix_key` is the message catalogue's key
// (web/i18n) of what to do, in plain words, which a page shows in its own language
// (ADR 0034): "import.fix.<rule>" for the importer's rules (ingest/finding.h), one of
// kFixKeys below for the form's own; empty for none.
struct FieldError {
  std::string field;
  std::string message;
  std::string fix_key{};
  // The whole numbers the field takes, for a fix that names them (the importer's number rule).
  std::optional<std::pair<std::int64_t, std::int64_t>> range{};
};

// The catalogue keys of the form's own rules (a test checks each has both languages).
namespace fix {
inline constexpr std::string_view kShape = "sub.fix.shape";   // the content's JSON shape (API clients)
inline constexpr std::string_view kText = "import.fix.text";  // too long, a line break
inline constexpr std::string_view kPlanRows = "sub.fix.plan_rows";
inline constexpr std::string_view kPlanRequired = "sub.fix.plan_required";
inline constexpr std::string_view kComment = "sub.fix.comment";
inline constexpr std::string_view kFormula = "sub.fix.formula";
inline constexpr std::string_view kCellError = "sub.fix.cell_error";
inline constexpr std::string_view kLayout = "sub.fix.layout";  // a workbook that is not the template
inline constexpr std::string_view kAll[] = {kShape,   kText,    kPlanRows,  kPlanRequired,
                                            kComment, kFormula, kCellError, kLayout};
}  // namespace fix

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
