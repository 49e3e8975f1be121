#include "onderdak/submission/content.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>

#include "onderdak/core/date.h"
#include "onderdak/store/accounts.h"

namespace onderdak::submission {

const std::vector<TableSpec>& Tables() {
  // The columns of docs/exchange-format.md §2, in its order (the importer's column specs
  // accept them in any order; this order is what the template and the CSV files use).
  static const std::vector<TableSpec> tables{
      {"facilities", {"record_id", "name", "municipality", "service_type"}, "A1", "sub.table.facilities"},
      {"capacity",
       {"record_id", "facility_id", "valid_from", "room_size", "rooms", "places"},
       "A1",
       "sub.table.capacity"},
      {"housing_projects",
       {"record_id", "municipality", "housing_kind", "places", "status", "status_date", "owner"},
       "A2",
       "sub.table.housing_projects"},
      {"funding_lines", {"record_id", "project_id", "funding_line", "places_counted"}, "A2", "sub.table.funding_lines"},
      {"agreements",
       {"record_id", "corporation", "municipality", "covers_homeless", "places_agreed", "places_realised"},
       "A3",
       "sub.table.agreements"},
      {"plans",
       {"record_id", "plan_status", "adopted_date", "aligned_with_action_plan", "contains_wonen_eerst",
        "shelter_in_municipality_of_origin", "made_with_lived_experience", "lived_experience_policy",
        "lived_experience_execution", "target_extra_places"},
       "A4, A5",
       "sub.table.plans"},
      {"budgets", {"record_id", "year", "budget_theme", "budget_eur", "spent_eur"}, "A6", "sub.table.budgets"},
      {"prevention_policies",
       {"record_id", "municipality", "policy_status", "prevention_scan", "respite_facility"},
       "A8",
       "sub.table.prevention_policies"},
  };
  return tables;
}

std::string TableNames() {
  std::string names;
  for (const auto& t : Tables()) names += (names.empty() ? "" : ", ") + std::string(t.name);
  return names;
}

bool IsDateColumn(std::string_view column) {
  return column == "valid_from" || column == "status_date" || column == "adopted_date";
}

bool IsNumberColumn(std::string_view column) {
  for (std::string_view c :
       {"rooms", "places", "places_counted", "places_agreed", "places_realised", "lived_experience_policy",
        "lived_experience_execution", "target_extra_places", "year", "budget_eur", "spent_eur"}) {
    if (c == column) return true;
  }
  return false;
}

bool IsMunicipalityColumn(std::string_view column) { return column == "municipality"; }

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1-1-2024" -> "2024-01-01"; nullopt when `v` is not day, month, year with one separator.
std::optional<std::string> DutchDate(std::string_view v) {
  const auto first = v.find_first_of("-/.");
  if (first == std::string_view::npos || first == 0 || first > 2) return std::nullopt;
  const char sep = v[first];
  const auto second = v.find(sep, first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const std::string_view day = v.substr(0, first), month = v.substr(first + 1, second - first - 1),
                         year = v.substr(second + 1);
  if (!AllDigits(day) || !AllDigits(month) || month.size() > 2 || !AllDigits(year) || year.size() != 4) {
    return std::nullopt;
  }
  std::string iso = fmt::format("{}-{:0>2}-{:0>2}", year, month, day);
  if (!core::Date::Parse(iso).ok()) return std::nullopt;  // 31-2-2024: named as typed
  return iso;
}

// "12.500" -> "12500": groups of three after a first group of one to three digits.
std::optional<std::string> DutchWholeNumber(std::string_view v) {
  const auto dot = v.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 3 || v.size() > 30) return std::nullopt;
  std::string out(v.substr(0, dot));
  if (!AllDigits(out)) return std::nullopt;
  for (std::size_t i = dot; i < v.size(); i += 4) {
    if (v[i] != '.' || i + 4 > v.size() || !AllDigits(v.substr(i + 1, 3))) return std::nullopt;
    out += v.substr(i + 1, 3);
  }
  return out;
}

}  // namespace

std::string FromDutchNotation(std::string_view column, std::string_view value) {
  const auto first = value.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const std::string_view v = value.substr(first, value.find_last_not_of(" \t") - first + 1);
  std::optional<std::string> canonical;
  if (IsDateColumn(column)) canonical = DutchDate(v);
  if (IsNumberColumn(column)) canonical = DutchWholeNumber(v);
  return canonical.value_or(std::string(v));
}

int FindTable(std::string_view name) {
  const auto& t = Tables();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

nlohmann::json ContentToJson(const Content& content) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  const auto& specs = Tables();
  for (std::size_t t = 0; t < specs.size(); ++t) {
    auto rows = nlohmann::ordered_json::array();
    for (const Row& row : content.tables[t]) {
      nlohmann::ordered_json r = nlohmann::ordered_json::object();
      for (std::size_t c = 0; c < specs[t].columns.size(); ++c) r[std::string(specs[t].columns[c])] = row[c];
      rows.push_back(std::move(r));
    }
    out[std::string(specs[t].name)] = std::move(rows);
  }
  return nlohmann::json::parse(out.dump());
}

namespace {

std::string Path(std::string_view table, std::size_t row, std::string_view column = {}) {
  std::string p = std::string(table) + "[" + std::to_string(row) + "]";
  if (!column.empty()) p += "." + std::string(column);
  return p;
}

}  // namespace

void ContentFromJson(const nlohmann::json& j, Content& out, std::vector<FieldError>& errors) {
  out = Content{};
  if (!j.is_object()) {
    errors.push_back({"content", "must be an object with one array of rows per table", std::string(fix::kShape)});
    return;
  }
  const auto& specs = Tables();
  for (const auto& [name, rows] : j.items()) {
    const int t = FindTable(name);
    if (t < 0) {
      errors.push_back({name, "unknown table (known: " + TableNames() + ")", std::string(fix::kShape)});
      continue;
    }
    const TableSpec& spec = specs[static_cast<std::size_t>(t)];
    if (!rows.is_array()) {
      errors.push_back({name, "must be an array of rows", std::string(fix::kShape)});
      continue;
    }
    if (rows.size() > kMaxRows) {
      errors.push_back(
          {name, "has " + std::to_string(rows.size()) + " rows, at most " + std::to_string(kMaxRows) + " are allowed",
           std::string(fix::kShape)});
      continue;
    }
    auto& table = out.tables[static_cast<std::size_t>(t)];
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      if (!r.is_object()) {
        errors.push_back({Path(name, i), "must be an object of column: value", std::string(fix::kShape)});
        continue;
      }
      Row row(spec.columns.size());
      for (const auto& [column, value] : r.items()) {
        std::size_t c = 0;
        while (c < spec.columns.size() && spec.columns[c] != column) ++c;
        if (c == spec.columns.size()) {
          errors.push_back(
              {Path(name, i, column), "unknown column of " + std::string(name) + ".csv", std::string(fix::kShape)});
          continue;
        }
        std::string text;
        if (value.is_string()) {
          text = value.get<std::string>();
        } else if (value.is_number_integer()) {
          text = std::to_string(value.get<std::int64_t>());
        } else if (value.is_boolean()) {
          text = value.get<bool>() ? "ja" : "nee";
        } else if (!value.is_null()) {
          errors.push_back(
              {Path(name, i, column), "must be text, a whole number, true/false or null", std::string(fix::kShape)});
          continue;
        }
        if (text.size() > kMaxValueBytes) {
          errors.push_back({Path(name, i, column), "is longer than " + std::to_string(kMaxValueBytes) + " bytes",
                            std::string(fix::kText)});
          continue;
        }
        if (text.find_first_of("\r\n") != std::string::npos) {
          errors.push_back({Path(name, i, column), "must be one line (no line breaks)", std::string(fix::kText)});
          continue;
        }
        // Blanks around a value are never meant; the importer trims them too.
        const auto first = text.find_first_not_of(" \t");
        const auto last = text.find_last_not_of(" \t");
        row[c] = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
      }
      table.push_back(std::move(row));
    }
  }
}

namespace {

void AppendField(std::string& out, std::string_view v) {
  if (v.find_first_of(",;\"\r\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string TableCsv(const Content& content, std::size_t table) {
  const TableSpec& spec = Tables()[table];
  std::string out;
  for (std::size_t c = 0; c < spec.columns.size(); ++c) {
    if (c > 0) out += ',';
    out += spec.columns[c];
  }
  out += '\n';
  for (const Row& row : content.tables[table]) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      AppendField(out, row[c]);
    }
    out += '\n';
  }
  return out;
}

core::Status WriteDeliveryFolder(const Content& content, std::string_view region, std::string_view organisation,
                                 std::string_view organisation_name, std::string_view period,
                                 const std::filesystem::path& dir) {
  auto write = [&](const std::string& name, const std::string& text) -> core::Status {
    std::ofstream f(dir / name, std::ios::binary);
    f << text;
    f.close();
    if (!f) return core::Status::Io("cannot write " + (dir / name).string());
    return core::Status::Ok();
  };
  nlohmann::ordered_json manifest{{"format_version", 1},
                                  {"region", region},
                                  {"organisation", organisation},
                                  {"organisation_name", organisation_name},
                                  {"period", period},
                                  {"created", store::UtcNow()}};
  ONDERDAK_RETURN_IF_ERROR(write("manifest.json", manifest.dump(2) + "\n"));
  for (std::size_t t = 0; t < Tables().size(); ++t) {
    ONDERDAK_RETURN_IF_ERROR(write(std::string(Tables()[t].name) + ".csv", TableCsv(content, t)));
  }
  return core::Status::Ok();
}

}  // namespace onderdak::submission
