// Helpers for the stats tests: locate the peers' reference files and read them.
//
// The reference results live outside the repository (../shared/data/mse/, third-party
// data); tests read them at run time from ONDERDAK_SHARED_DATA_DIR.
#pragma once

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "onderdak/stats/capture_table.h"

namespace onderdak::stats::testing {

inline std::string MseDir() { return std::string(ONDERDAK_SHARED_DATA_DIR) + "/mse"; }

inline CaptureTable LoadTable(const std::string& name) {
  auto table = ReadCaptureTableCsv(MseDir() + "/data/" + name + ".csv");
  if (!table.ok()) throw std::runtime_error(table.status().ToString());
  return *std::move(table);
}

// One CSV row as column name -> text. Handles double-quoted fields with commas.
using Row = std::map<std::string, std::string>;

inline std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.push_back(field);
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  fields.push_back(field);
  return fields;
}

inline std::vector<Row> ParseCsv(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> header;
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto fields = SplitCsvLine(line);
    if (header.empty()) {
      header = fields;
      continue;
    }
    Row row;
    for (size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

inline std::vector<Row> ReadCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseCsv(buffer.str());
}

// Decompresses with the system's gzip rather than linking zlib into the tests.
inline std::vector<Row> ReadGzCsv(const std::string& path) {
  const std::string command = "gzip -dc '" + path + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
  std::string text;
  char buffer[1 << 16];
  size_t got = 0;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, got);
  if (pclose(pipe) != 0) throw std::runtime_error("failed: " + command);
  return ParseCsv(text);
}

inline double RelativeError(double actual, double expected) {
  return std::abs(actual - expected) / std::max(1.0, std::abs(expected));
}

}  // namespace onderdak::stats::testing
