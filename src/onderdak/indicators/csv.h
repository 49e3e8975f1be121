// CSV rendering of figures with the columns documented in docs/indicators.md §5.2:
//   indicator,region,period,reference_date,breakdown,value,numerator,denominator,status,
//   measure,unit,delivered,expected,disclosure,note,coverage_unit,missing,carried_from,
//   carried,definition
// One row per figure, RFC 4180, `\n` line ends. A suppressed figure has empty value,
// numerator and denominator and disclosure "suppressed".
//
// Two dialects (issue 21, docs/api.md): for programs, `,` between fields and a decimal
// point; for Dutch spreadsheets, `;` between fields, a decimal comma and a UTF-8 byte
// order mark (so that Excel in Dutch opens it in columns, with ë and é intact).
//
// Pure functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "onderdak/indicators/figure.h"

namespace onderdak::indicators {

struct CsvDialect {
  char separator = ',';
  char decimal = '.';
  bool byte_order_mark = false;
};
inline constexpr CsvDialect kCsvForPrograms{};
inline constexpr CsvDialect kCsvForDutchSpreadsheets{.separator = ';', .decimal = ',', .byte_order_mark = true};

std::vector<std::string> CsvHeader();
// The fields of one row, in header order (for table or XLSX writers).
std::vector<std::string> CsvFields(const Figure& figure);
// Header plus one line per figure.
std::string RenderCsv(std::span<const Figure> figures, const CsvDialect& dialect = kCsvForPrograms);
// Appends one RFC 4180 field: quoted when it holds the separator, a quote or a line end,
// and a leading = + - @ (not a negative number) neutralised with a quote, as spreadsheets
// would read it as a formula (exchange format §1).
void AppendCsvField(std::string& out, const std::string& v, char separator = ',');
// A value as written: integers without decimals, other values with up to 10 significant digits.
std::string FormatValue(double value);

}  // namespace onderdak::indicators
