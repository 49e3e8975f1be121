#include "onderdak/ingest/population_import.h"

#include <array>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "onderdak/ingest/csv_reader.h"
#include "onderdak/ingest/digest.h"
#include "onderdak/ingest/error_list.h"

namespace onderdak::ingest {
namespace {

// CBS's regional tables hold every municipality that ever existed, the wards and the
// neighbourhoods: a "Kerncijfers wijken en buurten" file is some 20 MB.
constexpr CsvLimits kLimits{.max_record_bytes = 64 * 1024, .max_file_bytes = 512ULL * 1024 * 1024};
// More inhabitants than any country: a typing error, not a population.
constexpr std::int64_t kMaxInhabitants = 2'000'000'000;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool StartsNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsNoCase(s.substr(0, prefix.size()), prefix);
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

struct Columns {
  int code = -1, inhabitants = -1, period = -1, date = -1;
  std::string code_name, inhabitants_name, period_name, date_name;
};

// The first header column whose name matches, by priority of `names` (exact) or of
// `prefixes`; -1 when none.
int Find(const std::vector<std::string>& header, std::initializer_list<std::string_view> names,
         std::initializer_list<std::string_view> prefixes, std::string& found) {
  auto pick = [&](std::size_t i) {
    found = header[i];
    return static_cast<int>(i);
  };
  for (auto n : names) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (EqualsNoCase(TrimBlanks(header[i]), n)) return pick(i);
    }
  }
  for (auto p : prefixes) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (StartsNoCase(TrimBlanks(header[i]), p)) return pick(i);
    }
  }
  return -1;
}

Columns MapColumns(const CsvReader& reader, const PopulationOptions& options, ErrorList& errors) {
  const auto& h = reader.header();
  Columns c;
  c.code = Find(h, {"RegioS", "WijkenEnBuurten", "Codering_3", "gemeentecode", "code"}, {}, c.code_name);
  c.inhabitants = Find(h, {"inwoners", "bevolking"}, {"TotaleBevolking", "AantalInwoners"}, c.inhabitants_name);
  c.period = Find(h, {"Perioden"}, {}, c.period_name);
  c.date = Find(h, {"peildatum"}, {}, c.date_name);
  const std::string at = reader.name() + ":1: ";
  if (c.code < 0) {
    errors.Add(at +
               "no column with the municipality's CBS code (RegioS, WijkenEnBuurten, Codering_3, gemeentecode "
               "or code)");
  }
  if (c.inhabitants < 0) {
    errors.Add(at +
               "no column with the number of inhabitants (TotaleBevolking..., AantalInwoners..., inwoners or "
               "bevolking)");
  }
  const bool dated = c.period >= 0 || c.date >= 0;
  if (c.period >= 0 && c.date >= 0) {
    errors.Add(at + "columns '" + c.period_name + "' and '" + c.date_name + "' both give the date: keep one");
  }
  if (dated && options.date) {
    errors.Add(at + "the file gives its own dates (column '" + (c.period >= 0 ? c.period_name : c.date_name) +
               "'): leave out --date");
  }
  if (!dated && !options.date) {
    errors.Add(at +
               "no column with the date (Perioden or peildatum): give the population's date with --date "
               "YYYY-MM-DD");
  }
  return c;
}

// "GM0363" from a code field; nullopt for another kind of area (counted, skipped); an
// error text for anything else.
struct CodeOf {
  std::optional<std::string> code;
  bool other_area = false;
  std::string error;
};
CodeOf ReadCode(std::string_view v, bool bare_numbers) {
  CodeOf out;
  if (bare_numbers && AllDigits(v) && v.size() <= 4) {
    out.code = "GM" + std::string(4 - v.size(), '0') + std::string(v);
    return out;
  }
  if (domain::IsMunicipalityCode(v)) {
    out.code = std::string(v);
    return out;
  }
  // CBS's other area codes: two capitals and digits (NL01, PV27, CR01, LD01, WK036300, ...).
  if (v.size() >= 4 && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z' && AllDigits(v.substr(2))) {
    out.other_area = true;
    return out;
  }
  out.error = "'" + std::string(v) + "' is not a CBS area code (a municipality is GM and four digits, e.g. GM0363)";
  return out;
}

// A whole number of inhabitants: digits, with Dutch thousands separators in groups of three.
std::optional<std::int64_t> ReadCount(std::string_view v) {
  std::string digits;
  std::size_t group = 0;
  bool separated = false;
  for (char c : v) {
    if (c == '.') {
      if (digits.empty() || (separated && group != 3) || (!separated && group > 3)) return std::nullopt;
      separated = true;
      group = 0;
    } else if (c >= '0' && c <= '9') {
      digits += c;
      ++group;
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty() || (separated && group != 3) || digits.size() > 10) return std::nullopt;
  const std::int64_t n = std::stoll(digits);
  if (n > kMaxInhabitants) return std::nullopt;
  return n;
}

// "2023JJ00" -> 2023-01-01.
std::optional<core::Date> YearStart(std::string_view v) {
  if (v.size() != 8 || !AllDigits(v.substr(0, 4)) || v.substr(4) != "JJ00") return std::nullopt;
  auto d = core::Date::Parse(std::string(v.substr(0, 4)) + "-01-01");
  if (!d.ok()) return std::nullopt;
  return *d;
}

// 2023-01-01 or the Dutch 1-1-2023 / 01-01-2023.
std::optional<core::Date> DayOf(std::string_view v) {
  if (auto d = core::Date::Parse(std::string(v)); d.ok()) return *d;
  const auto a = v.find('-');
  const auto b = a == std::string_view::npos ? a : v.find('-', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  const auto day = v.substr(0, a), month = v.substr(a + 1, b - a - 1), year = v.substr(b + 1);
  if (!AllDigits(day) || !AllDigits(month) || !AllDigits(year) || day.size() > 2 || month.size() > 2 ||
      year.size() != 4) {
    return std::nullopt;
  }
  auto pad = [](std::string_view s) { return s.size() == 1 ? "0" + std::string(s) : std::string(s); };
  auto d = core::Date::Parse(std::string(year) + "-" + pad(month) + "-" + pad(day));
  if (!d.ok()) return std::nullopt;
  return *d;
}

}  // namespace

core::Result<PopulationFile> ReadPopulationCsv(const std::filesystem::path& path, const PopulationOptions& options) {
  ONDERDAK_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(path, kLimits));
  ErrorList errors;
  const Columns col = MapColumns(reader, options, errors);
  if (!errors.empty()) return errors.ToStatus();
  const bool bare_numbers = EqualsNoCase(TrimBlanks(col.code_name), "gemeentecode");
  PopulationFile out;
  std::map<std::pair<std::string, core::Date>, std::size_t> seen;  // -> line
  std::vector<std::string_view> f;
  auto field = [&f](int i) {
    return static_cast<std::size_t>(i) < f.size() ? TrimBlanks(f[static_cast<std::size_t>(i)]) : std::string_view();
  };
  while (reader.Next(f)) {
    const std::string where = reader.Where() + ": ";
    if (f.size() != reader.header().size()) {
      errors.Add(where + "row has " + std::to_string(f.size()) + " fields, the header has " +
                 std::to_string(reader.header().size()));
      continue;
    }
    const CodeOf code = ReadCode(field(col.code), bare_numbers);
    if (!code.error.empty()) {
      errors.Add(where + col.code_name + ": " + code.error);
      continue;
    }
    if (code.other_area) {
      ++out.other_areas;
      continue;
    }
    std::optional<core::Date> date = options.date;
    if (col.period >= 0) {
      date = YearStart(field(col.period));
      if (!date) {
        errors.Add(where + col.period_name + ": '" + std::string(field(col.period)) +
                   "' is not a year as CBS writes it (2023JJ00: the population on 1 January)");
        continue;
      }
    } else if (col.date >= 0) {
      date = DayOf(field(col.date));
      if (!date) {
        errors.Add(where + col.date_name + ": '" + std::string(field(col.date)) +
                   "' is not a date (2023-01-01 or 1-1-2023)");
        continue;
      }
    }
    const std::string_view value = field(col.inhabitants);
    if (value.empty() || value == ".") {
      ++out.no_figure;
      continue;
    }
    const auto n = ReadCount(value);
    if (!n) {
      errors.Add(where + col.inhabitants_name + ": '" + std::string(value) +
                 "' is not a whole number of inhabitants (e.g. 931298 or 931.298)");
      continue;
    }
    auto [it, fresh] = seen.emplace(std::make_pair(*code.code, *date), reader.line());
    if (!fresh) {
      errors.Add(where + col.code_name + ": " + *code.code + " on " + date->ToString() + " is already on line " +
                 std::to_string(it->second) +
                 " (a file with a breakdown, e.g. Geslacht or Leeftijd, must be "
                 "filtered to its totals)");
      continue;
    }
    out.counts.push_back(domain::PopulationCount{.municipality = *code.code, .date = *date, .inhabitants = *n});
  }
  ONDERDAK_RETURN_IF_ERROR(reader.status());
  if (!errors.empty()) return errors.ToStatus();
  if (out.counts.empty()) {
    return core::Status::InvalidInput(reader.name() + ": no municipality with a number of inhabitants (" +
                                      std::to_string(out.other_areas) + " rows of other areas, " +
                                      std::to_string(out.no_figure) + " without a figure)");
  }
  return out;
}

core::Result<PopulationImport> ImportPopulation(store::Store& store, const std::filesystem::path& path,
                                                const PopulationOptions& options,
                                                const domain::ReferenceSet* in_force) {
  PopulationImport out;
  ONDERDAK_ASSIGN_OR_RETURN(out.file, ReadPopulationCsv(path, options));
  ONDERDAK_ASSIGN_OR_RETURN(auto sha, Sha256File(path));
  std::map<core::Date, std::set<std::string>> by_date;
  for (const auto& c : out.file.counts) by_date[c.date].insert(c.municipality);
  ONDERDAK_ASSIGN_OR_RETURN(auto stored, store.Policy().ListPopulationVersions());
  std::map<std::string, std::string> in_force_sha;  // date -> sha256 of its newest version
  for (const auto& v : stored) in_force_sha[v.source] = v.sha256;
  out.unchanged = true;
  for (const auto& entry : by_date) {
    auto it = in_force_sha.find(entry.first.ToString());
    out.unchanged = out.unchanged && it != in_force_sha.end() && it->second == sha;
  }
  if (!out.unchanged) {
    ONDERDAK_ASSIGN_OR_RETURN(
        out.versions, store.Policy().AddPopulation(
                          out.file.counts, store::PolicyVersion{.file = path.filename().string(), .sha256 = sha}));
  }
  if (in_force == nullptr) return out;
  for (const auto& [date, codes] : by_date) {
    PopulationImport::Coverage cov{.date = date};
    for (const auto& m : in_force->municipalities()) {
      if (!codes.contains(m.code)) cov.missing.push_back(m.code);
    }
    for (const auto& code : codes) {
      if (in_force->FindMunicipality(code) == nullptr) cov.unknown.push_back(code);
    }
    out.coverage.push_back(std::move(cov));
  }
  return out;
}

}  // namespace onderdak::ingest
