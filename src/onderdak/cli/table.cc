#include "onderdak/cli/table.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

namespace onderdak::cli {
namespace {

// Display width in code points, so "Súdwest-Fryslân" aligns.
std::size_t Width(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

core::Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  return core::Status::InvalidInput("--format '" + std::string(name) + "': use table, csv or json");
}

std::string CsvField(std::string_view value) {
  std::string v(value);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) {
    // Negative numbers stay numbers; anything else that a spreadsheet would evaluate is text.
    bool number = v.size() > 1 && v[0] == '-' &&
                  std::all_of(v.begin() + 1, v.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    if (!number) v.insert(0, "'");
  }
  if (v.find_first_of(",;\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) {
    if (c == '"') q += '"';
    q += c;
  }
  q += '"';
  return q;
}

void PrintTable(std::ostream& out, const Table& t, OutputFormat format) {
  switch (format) {
    case OutputFormat::kCsv: {
      for (std::size_t c = 0; c < t.columns.size(); ++c) out << (c ? "," : "") << CsvField(t.columns[c]);
      out << "\r\n";
      for (const auto& row : t.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << CsvField(row[c]);
        out << "\r\n";
      }
      return;
    }
    case OutputFormat::kJson: {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& row : t.rows) {
        nlohmann::json o = nlohmann::json::object();
        for (std::size_t c = 0; c < row.size() && c < t.columns.size(); ++c) o[t.columns[c]] = row[c];
        arr.push_back(std::move(o));
      }
      out << arr.dump(2) << "\n";
      return;
    }
    case OutputFormat::kTable: {
      std::vector<std::size_t> w(t.columns.size());
      for (std::size_t c = 0; c < t.columns.size(); ++c) w[c] = Width(t.columns[c]);
      for (const auto& row : t.rows) {
        for (std::size_t c = 0; c < row.size() && c < w.size(); ++c) w[c] = std::max(w[c], Width(row[c]));
      }
      auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size() && c < w.size(); ++c) {
          const bool right = c < t.numeric.size() && t.numeric[c];
          const std::string pad(w[c] - Width(cells[c]), ' ');
          if (c) out << "  ";
          if (right)
            out << pad << cells[c];
          else if (c + 1 < cells.size())
            out << cells[c] << pad;
          else
            out << cells[c];
        }
        out << "\n";
      };
      line(t.columns);
      std::vector<std::string> rule;
      for (std::size_t c = 0; c < w.size(); ++c) rule.emplace_back(w[c], '-');
      line(rule);
      for (const auto& row : t.rows) line(row);
      return;
    }
  }
}

std::string CountAndFirst(const std::vector<std::string>& codes) {
  constexpr std::size_t kShown = 5;
  std::string out = std::to_string(codes.size());
  if (codes.empty()) return out;
  out += " (";
  for (std::size_t i = 0; i < codes.size() && i < kShown; ++i) out += (i == 0 ? "" : ", ") + codes[i];
  return out + (codes.size() > kShown ? ", ...)" : ")");
}

}  // namespace onderdak::cli
