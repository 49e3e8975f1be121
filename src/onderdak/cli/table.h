// Output of tabular results on the terminal (aligned columns), as CSV (RFC 4180, with
// spreadsheet-formula neutralisation) or as JSON (an array of objects).
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::cli {

enum class OutputFormat { kTable, kCsv, kJson };
core::Result<OutputFormat> ParseOutputFormat(std::string_view name);

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // right-align in table format; optional, per column
};

void PrintTable(std::ostream& out, const Table& t, OutputFormat format);

// A CSV field: quoted when needed; a leading =, +, -, @ (a spreadsheet formula) is
// prefixed with a single quote so spreadsheets show it as text.
std::string CsvField(std::string_view value);

// A count of codes and the first five: "12 (GM0001, GM0002, GM0003, GM0004, GM0005, ...)".
std::string CountAndFirst(const std::vector<std::string>& codes);

}  // namespace onderdak::cli
