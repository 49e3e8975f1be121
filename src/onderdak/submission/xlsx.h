// The submission as an XLSX workbook, for regions that prefer spreadsheets (ADR 0014):
// the template (prefilled with the current content) and reading a filled one back.
//
// Layout: a sheet "toelichting" (region, period and the version the workbook was made
// from in B2:B4), then one sheet per table named as the table (facilities, capacity, ...),
// row 1 the exchange format's column names, from row 2 one row per record. Values are
// written as text, so nothing is ever a formula and codes keep their leading zeros.
//
// Reading is defensive: the upload at most 10 MiB, every part at most 32 MiB and all parts
// together at most 128 MiB unpacked (zip bombs), XML without a DOCTYPE (so no entities,
// internal or external), formulas and error cells refused, at most kMaxRows rows and the
// table's columns per sheet. Every refusal names the sheet, the cell and the rule:
//   sheet 'capacity', cell F3: formulas are not accepted, enter the value
// Dates typed as dates in a spreadsheet (serial numbers) become YYYY-MM-DD; whole numbers
// become their digits.
//
// Thread-safe (no shared state).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/submission/content.h"

namespace onderdak::submission {

inline constexpr std::size_t kMaxXlsxBytes = 10 * 1024 * 1024;

core::Result<std::string> TemplateXlsx(const Content& content, std::string_view region, std::string_view region_name,
                                       std::string_view period, std::int64_t version);

struct ParsedXlsx {
  Content content;
  std::optional<std::int64_t> version;  // from the sheet "toelichting", when present
  std::string region, period;           // idem (informative)
  // The sheet row (1-based) of each record: rows[table][i].
  std::vector<std::vector<std::uint32_t>> rows = std::vector<std::vector<std::uint32_t>>(Tables().size());
  std::vector<FieldError> errors;  // what the workbook breaks; content is unusable when not empty
};

// InvalidInput when `bytes` are not an XLSX workbook at all (not a zip, no workbook part,
// too large); otherwise the parsed content or its errors.
core::Result<ParsedXlsx> ReadSubmissionXlsx(std::string_view bytes);

// "capacity[1].places" -> "sheet 'capacity', cell F3" for a parsed workbook; the field
// unchanged when it is not a cell of it.
std::string CellOfField(const ParsedXlsx& parsed, std::string_view field);

}  // namespace onderdak::submission
