#include "onderdak/ingest/policy_import.h"

#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include "onderdak/ingest/csv_reader.h"
#include "onderdak/ingest/digest.h"
#include "onderdak/ingest/error_list.h"

namespace onderdak::ingest {
namespace {

constexpr std::size_t kMaxText = 500;
constexpr std::array<std::string_view, 5> kUnits = {"persons", "places", "share", "days", "regions"};

// The header against the known columns: unknown and missing required ones are errors.
template <std::size_t N>
std::array<int, N> MapHeader(const CsvReader& reader, const std::array<std::string_view, N>& names,
                             const std::array<bool, N>& required, ErrorList& errors) {
  std::array<int, N> idx{};
  std::string expected;
  for (auto n : names) expected += (expected.empty() ? "" : ", ") + std::string(n);
  for (std::size_t c = 0; c < N; ++c) idx[c] = reader.ColumnIndex(names[c]);
  for (const auto& h : reader.header()) {
    bool known = false;
    for (auto n : names) known = known || h == n;
    if (!known) errors.Add(reader.name() + ":1: column '" + h + "': unknown column (expected: " + expected + ")");
  }
  for (std::size_t c = 0; c < N; ++c) {
    if (required[c] && idx[c] < 0) {
      errors.Add(reader.name() + ":1: column '" + std::string(names[c]) + "': required column is missing");
    }
  }
  return idx;
}

// Field access and per-field rules for one row; each failed rule adds an error.
class RowCheck {
 public:
  RowCheck(std::string where, const std::vector<std::string_view>& f, ErrorList& errors)
      : where_(std::move(where)), f_(f), errors_(errors) {}
  bool ok() const { return ok_; }
  void Fail(std::string_view column, const std::string& rule) {
    errors_.Add(where_ + ": " + std::string(column) + ": " + rule);
    ok_ = false;
  }
  std::string Get(int idx) const {
    return idx >= 0 && static_cast<std::size_t>(idx) < f_.size()
               ? std::string(TrimBlanks(f_[static_cast<std::size_t>(idx)]))
               : std::string();
  }
  std::string Text(int idx, std::string_view column, bool required) {
    std::string v = Get(idx);
    if (required && v.empty()) Fail(column, "required, empty");
    if (v.size() > kMaxText) Fail(column, "longer than " + std::to_string(kMaxText) + " bytes");
    return v;
  }
  std::optional<double> Number(int idx, std::string_view column, bool required) {
    const std::string v = Get(idx);
    if (v.empty()) {
      if (required) Fail(column, "required, empty");
      return std::nullopt;
    }
    double out = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(out)) {
      Fail(column, "'" + v + "' is not a number (digits with a decimal point, e.g. 17800 or 0.25)");
      return std::nullopt;
    }
    return out;
  }
  std::optional<core::Date> DateField(int idx, std::string_view column, bool required) {
    const std::string v = Get(idx);
    if (v.empty()) {
      if (required) Fail(column, "required, empty");
      return std::nullopt;
    }
    auto d = core::Date::Parse(v);
    if (!d.ok()) {
      Fail(column, "'" + v + "' is not a date YYYY-MM-DD");
      return std::nullopt;
    }
    return *d;
  }
  void Unit(const std::string& unit) {
    for (auto u : kUnits) {
      if (unit == u) return;
    }
    if (!unit.empty()) Fail("unit", "'" + unit + "' is not a unit (persons, places, share, days or regions)");
  }
  void Region(const std::string& code, std::string_view column, const PolicyContext& ctx) {
    if (code.empty() || code == "NL") return;
    if (ctx.regions == nullptr || ctx.regions->FindRegion(code) == nullptr) {
      Fail(column, "'" + code + "' is not NL nor a region in force (see 'onderdak regions list')");
    }
  }

 private:
  std::string where_;
  const std::vector<std::string_view>& f_;
  ErrorList& errors_;
  bool ok_ = true;
};

bool FieldCountOk(const CsvReader& reader, const std::vector<std::string_view>& f, ErrorList& errors) {
  if (f.size() == reader.header().size()) return true;
  errors.Add(reader.Where() + ": row has " + std::to_string(f.size()) + " fields, the header has " +
             std::to_string(reader.header().size()));
  return false;
}

bool IdOk(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

enum TCol {
  kId,
  kIndicator,
  kMeasure,
  kBreakdown,
  kScope,
  kComparison,
  kValue,
  kUnit,
  kBaseDate,
  kBaseValue,
  kDeadline,
  kSource,
  kLabelNl,
  kLabelEn,
  kNote,
  kTColCount
};
constexpr std::array<std::string_view, kTColCount> kTargetColumns = {
    "id",         "indicator", "measure",  "breakdown",     "scope",
    "comparison", "value",     "unit",     "baseline_date", "baseline_value",
    "deadline",   "source",    "label_nl", "label_en",      "note"};
constexpr std::array<bool, kTColCount> kTargetRequired = {true,  true,  true, false, true, true, true, true,
                                                          false, false, true, true,  true, true, false};

enum SCol { kSSource, kSeries, kDefinition, kSUnit, kRegion, kPeriod, kDate, kSValue, kLow, kHigh, kSNote, kSColCount };
constexpr std::array<std::string_view, kSColCount> kSeriesColumns = {
    "source", "series", "definition", "unit", "region", "period", "date", "value", "low", "high", "note"};
constexpr std::array<bool, kSColCount> kSeriesRequired = {true, true, true,  true,  true, true,
                                                          true, true, false, false, false};

}  // namespace

core::Result<std::vector<domain::Target>> ReadTargetsCsv(const std::filesystem::path& path, const PolicyContext& ctx) {
  ONDERDAK_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(path, CsvLimits{.max_record_bytes = 16 * 1024,
                                                                              .max_file_bytes = 4 * 1024 * 1024}));
  ErrorList errors;
  const auto idx = MapHeader(reader, kTargetColumns, kTargetRequired, errors);
  if (!errors.empty()) return errors.ToStatus();
  std::vector<domain::Target> out;
  std::map<std::string, std::size_t> line_of;
  std::vector<std::string_view> f;
  while (reader.Next(f)) {
    if (!FieldCountOk(reader, f, errors)) continue;
    RowCheck row(reader.Where(), f, errors);
    domain::Target t;
    t.id = row.Text(idx[kId], "id", true);
    if (!t.id.empty() && !IdOk(t.id)) {
      row.Fail("id", "'" + t.id + "' must be 1-64 of a-z, 0-9, '-', '_' and '.'");
    } else if (!t.id.empty()) {
      if (auto [it, inserted] = line_of.emplace(t.id, reader.line()); !inserted) {
        row.Fail("id", t.id + " is already listed on line " + std::to_string(it->second));
      }
    }
    t.indicator = row.Text(idx[kIndicator], "indicator", true);
    if (!t.indicator.empty() && !(ctx.is_indicator && ctx.is_indicator(t.indicator))) {
      row.Fail("indicator", "'" + t.indicator + "' is not an indicator (see docs/indicators.md)");
    }
    t.measure = row.Text(idx[kMeasure], "measure", true);
    t.breakdown = row.Text(idx[kBreakdown], "breakdown", false);
    if (t.breakdown.empty()) t.breakdown = "total";
    t.scope = row.Text(idx[kScope], "scope", true);
    row.Region(t.scope, "scope", ctx);
    const std::string cmp = row.Text(idx[kComparison], "comparison", true);
    if (cmp == "at_most") {
      t.comparison = domain::Comparison::kAtMost;
    } else if (cmp != "at_least" && !cmp.empty()) {
      row.Fail("comparison", "'" + cmp + "' must be at_least or at_most");
    }
    t.unit = row.Text(idx[kUnit], "unit", true);
    row.Unit(t.unit);
    if (auto v = row.Number(idx[kValue], "value", true)) t.value = *v;
    t.baseline_date = row.DateField(idx[kBaseDate], "baseline_date", false);
    t.baseline_value = row.Number(idx[kBaseValue], "baseline_value", false);
    if (t.baseline_date.has_value() != t.baseline_value.has_value() && row.ok()) {
      row.Fail("baseline_date/baseline_value", "give both or neither");
    }
    if (auto d = row.DateField(idx[kDeadline], "deadline", true)) {
      t.deadline = *d;
      if (t.baseline_date && *t.baseline_date >= *d) row.Fail("baseline_date", "must be before the deadline");
    }
    if (t.unit == "share" && (t.value < 0 || t.value > 1)) row.Fail("value", "a share is between 0 and 1");
    t.source = row.Text(idx[kSource], "source", true);
    t.label_nl = row.Text(idx[kLabelNl], "label_nl", true);
    t.label_en = row.Text(idx[kLabelEn], "label_en", true);
    t.note = row.Text(idx[kNote], "note", false);
    if (row.ok()) out.push_back(std::move(t));
  }
  if (!reader.status().ok()) errors.Add(reader.status().message());
  if (out.empty() && errors.empty()) errors.Add(reader.name() + ": the file has a header but no rows");
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

core::Result<std::vector<domain::SeriesPoint>> ReadSeriesCsv(const std::filesystem::path& path,
                                                             const PolicyContext& ctx) {
  ONDERDAK_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(path, CsvLimits{.max_record_bytes = 16 * 1024,
                                                                              .max_file_bytes = 64 * 1024 * 1024}));
  ErrorList errors;
  const auto idx = MapHeader(reader, kSeriesColumns, kSeriesRequired, errors);
  if (!errors.empty()) return errors.ToStatus();
  std::vector<domain::SeriesPoint> out;
  std::map<std::string, std::size_t> line_of;  // source|series|region|period|date -> line
  std::vector<std::string_view> f;
  while (reader.Next(f)) {
    if (!FieldCountOk(reader, f, errors)) continue;
    RowCheck row(reader.Where(), f, errors);
    domain::SeriesPoint p;
    p.source = row.Text(idx[kSSource], "source", true);
    p.series = row.Text(idx[kSeries], "series", true);
    if (!p.series.empty() && !IdOk(p.series))
      row.Fail("series", "'" + p.series + "' must be 1-64 of a-z, 0-9, '-', '_' and '.'");
    p.definition = row.Text(idx[kDefinition], "definition", true);
    p.unit = row.Text(idx[kSUnit], "unit", true);
    row.Unit(p.unit);
    p.region = row.Text(idx[kRegion], "region", true);
    row.Region(p.region, "region", ctx);
    p.period = row.Text(idx[kPeriod], "period", false);
    if (!p.period.empty()) {
      auto period = core::Period::Parse(p.period);
      if (!period.ok()) {
        row.Fail("period", "'" + p.period + "' is not a year (2023) or half-year (2023H1)");
      } else {
        p.period = period->ToString();
      }
    }
    p.date = row.DateField(idx[kDate], "date", false);
    if (p.period.empty() == !p.date.has_value() && row.ok()) {
      row.Fail("period/date", "give exactly one: a period for a count over a period, a date for a count on a date");
    }
    if (auto v = row.Number(idx[kSValue], "value", true)) p.value = *v;
    p.low = row.Number(idx[kLow], "low", false);
    p.high = row.Number(idx[kHigh], "high", false);
    if (p.low.has_value() != p.high.has_value() && row.ok()) row.Fail("low/high", "give both or neither");
    if (p.low && p.high && row.ok() && !(*p.low <= p.value && p.value <= *p.high)) {
      row.Fail("low/high", "the interval must hold the value (low <= value <= high)");
    }
    p.note = row.Text(idx[kSNote], "note", false);
    if (row.ok()) {
      const std::string key =
          p.source + "|" + p.series + "|" + p.region + "|" + p.period + "|" + (p.date ? p.date->ToString() : "");
      if (auto [it, inserted] = line_of.emplace(key, reader.line()); !inserted) {
        row.Fail("series",
                 "the same source, series, region and period/date is already on line " + std::to_string(it->second));
      }
    }
    if (row.ok()) out.push_back(std::move(p));
  }
  if (!reader.status().ok()) errors.Add(reader.status().message());
  if (out.empty() && errors.empty()) errors.Add(reader.name() + ": the file has a header but no rows");
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

core::Result<store::PolicyVersion> ImportTargets(store::Store& store, const std::filesystem::path& path,
                                                 const PolicyContext& ctx) {
  ONDERDAK_ASSIGN_OR_RETURN(auto targets, ReadTargetsCsv(path, ctx));
  ONDERDAK_ASSIGN_OR_RETURN(auto sha, Sha256File(path));
  return store.Policy().AddTargets(targets, store::PolicyVersion{.file = path.filename().string(), .sha256 = sha});
}

core::Result<std::vector<store::PolicyVersion>> ImportSeries(store::Store& store, const std::filesystem::path& path,
                                                             const PolicyContext& ctx) {
  ONDERDAK_ASSIGN_OR_RETURN(auto points, ReadSeriesCsv(path, ctx));
  ONDERDAK_ASSIGN_OR_RETURN(auto sha, Sha256File(path));
  return store.Policy().ReplaceSeries(points, store::PolicyVersion{.file = path.filename().string(), .sha256 = sha});
}

}  // namespace onderdak::ingest
