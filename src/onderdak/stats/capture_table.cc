#include "onderdak/stats/capture_table.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace onderdak::stats {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits one CSV line on commas and removes surrounding double quotes. The format has
// no embedded commas (names are list labels), so quoting is only decoration here.
std::vector<std::string> SplitFields(std::string_view line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    std::string_view field = Trim(line.substr(start, comma - start));
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
      field = field.substr(1, field.size() - 2);
    }
    fields.emplace_back(field);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

core::Status CellError(std::string_view source, int line, int column, std::string_view column_name,
                       std::string_view rule) {
  std::ostringstream out;
  out << source << ":" << line << ": column " << column << " '" << column_name << "': " << rule;
  return core::Status::InvalidInput(out.str());
}

core::Status LineError(std::string_view source, int line, std::string_view rule) {
  std::ostringstream out;
  out << source << ":" << line << ": " << rule;
  return core::Status::InvalidInput(out.str());
}

}  // namespace

double CaptureTable::Observed() const {
  double total = 0;
  for (size_t h = 1; h < counts.size(); ++h) total += counts[h];
  return total;
}

double CaptureTable::Overlap(int a, int b) const {
  const unsigned both = (1u << a) | (1u << b);
  double total = 0;
  for (size_t h = 1; h < counts.size(); ++h) {
    if ((h & both) == both) total += counts[h];
  }
  return total;
}

core::Result<CaptureTable> MakeCaptureTable(int num_lists, std::vector<double> counts,
                                            std::vector<std::string> list_names) {
  if (num_lists < 2 || num_lists > kMaxLists) {
    return core::Status::InvalidInput("a capture table needs 2 to " + std::to_string(kMaxLists) + " lists, got " +
                                      std::to_string(num_lists));
  }
  const size_t cells = size_t{1} << num_lists;
  if (counts.size() != cells) {
    return core::Status::InvalidInput("a table of " + std::to_string(num_lists) + " lists needs " +
                                      std::to_string(cells) + " counts, got " + std::to_string(counts.size()));
  }
  if (counts[0] != 0) {
    return core::Status::InvalidInput("the all-zero history is unobserved and must be 0");
  }
  for (size_t h = 1; h < cells; ++h) {
    if (!(counts[h] >= 0) || !std::isfinite(counts[h]) || counts[h] != std::floor(counts[h])) {
      return core::Status::InvalidInput("count of history " + std::to_string(h) + " must be a non-negative integer");
    }
  }
  if (list_names.empty()) {
    for (int j = 0; j < num_lists; ++j) list_names.push_back(std::to_string(j + 1));
  }
  if (static_cast<int>(list_names.size()) != num_lists) {
    return core::Status::InvalidInput("need one name per list");
  }
  CaptureTable table;
  table.num_lists = num_lists;
  table.list_names = std::move(list_names);
  table.counts = std::move(counts);
  return table;
}

core::Result<CaptureTable> ParseCaptureTableCsv(std::string_view text, std::string_view source_name) {
  int line_number = 0;
  size_t pos = 0;
  std::vector<std::string> header;
  std::vector<double> counts;
  std::vector<bool> seen;
  int k = 0;
  while (pos <= text.size()) {
    const size_t eol = text.find('\n', pos);
    const std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? text.size() + 1 : eol + 1;
    ++line_number;
    if (Trim(line).empty()) continue;
    std::vector<std::string> fields = SplitFields(line);
    if (header.empty()) {
      header = std::move(fields);
      if (header.back() != "count") {
        return CellError(source_name, line_number, static_cast<int>(header.size()), header.back(),
                         "the last column must be 'count' (one 0/1 column per list, then count)");
      }
      k = static_cast<int>(header.size()) - 1;
      if (k < 2 || k > kMaxLists) {
        return LineError(source_name, line_number,
                         "header has " + std::to_string(k) + " list columns; need 2 to " + std::to_string(kMaxLists));
      }
      for (int j = 0; j < k; ++j) {
        if (header[j].empty()) {
          return CellError(source_name, line_number, j + 1, "", "list name must not be empty");
        }
      }
      counts.assign(size_t{1} << k, 0.0);
      seen.assign(size_t{1} << k, false);
      continue;
    }
    if (static_cast<int>(fields.size()) != k + 1) {
      return LineError(source_name, line_number,
                       "expected " + std::to_string(k + 1) + " fields, found " + std::to_string(fields.size()));
    }
    unsigned history = 0;
    for (int j = 0; j < k; ++j) {
      if (fields[j] == "1") {
        history |= 1u << j;
      } else if (fields[j] != "0") {
        return CellError(source_name, line_number, j + 1, header[j], "'" + fields[j] + "' must be 0 or 1");
      }
    }
    const std::string& count_text = fields[k];
    bool digits = !count_text.empty() && count_text.size() <= 12;
    for (char c : count_text) digits = digits && c >= '0' && c <= '9';
    if (!digits) {
      return CellError(source_name, line_number, k + 1, "count", "'" + count_text + "' must be a non-negative integer");
    }
    if (history == 0) {
      return LineError(source_name, line_number, "the all-zero history is the unobserved cell and cannot be given");
    }
    if (seen[history]) {
      return LineError(source_name, line_number, "capture history appears twice");
    }
    seen[history] = true;
    counts[history] = std::stod(count_text);
  }
  if (header.empty()) return LineError(source_name, line_number, "empty file: no header");
  header.pop_back();
  auto table = MakeCaptureTable(k, std::move(counts), std::move(header));
  if (!table.ok()) return table.status().WithContext(source_name);
  if (table->Observed() <= 0) {
    return LineError(source_name, line_number, "no persons observed: all counts are zero");
  }
  return table;
}

core::Result<CaptureTable> ReadCaptureTableCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::InvalidInput(path + ": cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return core::Status::InvalidInput(path + ": read error");
  return ParseCaptureTableCsv(buffer.str(), path);
}

}  // namespace onderdak::stats
