// SQL and row mapping of the policy tables (store/policy.h), the same on both backends:
// $n are positional parameters in PostgreSQL and bound in order in SQLite. A backend
// reads a row through an adapter with Text(col), Real(col), Int(col) and IsNull(col), and binds a
// row through a sink called once per column in order (a string, an optional date as
// text, a double or an optional double).
//
// Internal to src/onderdak/store/: used by both backends.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/domain/policy.h"

namespace onderdak::store::internal {

inline constexpr std::string_view kTargetColumns =
    "SELECT target_id, indicator, measure, breakdown, scope, comparison, value, unit, baseline_date, baseline_value, "
    "deadline,"
    " source, label_nl, label_en, note FROM policy_target ";
inline constexpr std::string_view kCurrentTargetsSql =
    "WHERE version_id = (SELECT max(id) FROM policy_target_version) ORDER BY seq";
inline constexpr std::string_view kInsertTargetSql =
    "INSERT INTO policy_target(version_id, seq, target_id, indicator, measure, breakdown, scope, comparison, value,"
    " unit, baseline_date, baseline_value, deadline, source, label_nl, label_en, note)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";

inline constexpr std::string_view kSeriesColumns =
    "SELECT p.source, p.series, p.definition, p.unit, p.region, p.period, p.ref_date, p.value, p.low, p.high, p.note"
    " FROM series_point p JOIN series_version v ON v.id = p.version_id ";
inline constexpr std::string_view kCurrentSeriesSql =
    "WHERE v.id = (SELECT max(w.id) FROM series_version w WHERE w.source = v.source)"
    " ORDER BY p.source, p.series, p.region, coalesce(p.ref_date, ''), p.period";
inline constexpr std::string_view kInsertSeriesPointSql =
    "INSERT INTO series_point(version_id, seq, source, series, definition, unit, region, period, ref_date, value,"
    " low, high, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

inline constexpr std::string_view kCurrentPopulationSql =
    "SELECT v.ref_date, c.municipality, c.inhabitants FROM population_count c JOIN population_version v ON v.id ="
    " c.version_id WHERE v.id = (SELECT max(w.id) FROM population_version w WHERE w.ref_date = v.ref_date)"
    " ORDER BY v.ref_date, c.municipality";
inline constexpr std::string_view kInsertPopulationVersionSql =
    "INSERT INTO population_version(ref_date, imported_at, file, sha256) VALUES ($1, $2, $3, $4) RETURNING id";
inline constexpr std::string_view kInsertPopulationCountSql =
    "INSERT INTO population_count(version_id, municipality, inhabitants) VALUES ($1, $2, $3)";
inline constexpr std::string_view kPopulationVersionsSql =
    "SELECT v.id, v.imported_at, v.ref_date, v.file, v.sha256, (SELECT count(*) FROM population_count c WHERE"
    " c.version_id = v.id) FROM population_version v ORDER BY v.id";

// The newest target, series and population version ids (PolicyStore::Version).
inline constexpr std::string_view kPolicyVersionSql =
    "SELECT (SELECT coalesce(max(id), 0) FROM policy_target_version), (SELECT coalesce(max(id), 0) FROM "
    "series_version), (SELECT coalesce(max(id), 0) FROM population_version)";
inline std::string PolicyVersionText(std::int64_t targets, std::int64_t series, std::int64_t population) {
  return "t" + std::to_string(targets) + ":s" + std::to_string(series) + ":p" + std::to_string(population);
}

// The dates of `counts`, earliest first, each once.
inline std::vector<core::Date> DatesOf(const std::vector<domain::PopulationCount>& counts) {
  std::vector<core::Date> out;
  for (const auto& c : counts) {
    bool seen = false;
    for (const auto& d : out) seen = seen || d == c.date;
    if (!seen) out.push_back(c.date);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The sources of `points`, in order of first appearance.
inline std::vector<std::string> SourcesOf(const std::vector<domain::SeriesPoint>& points) {
  std::vector<std::string> out;
  for (const auto& p : points) {
    bool seen = false;
    for (const auto& s : out) seen = seen || s == p.source;
    if (!seen) out.push_back(p.source);
  }
  return out;
}

inline std::optional<std::string> DateText(const std::optional<core::Date>& d) {
  if (!d) return std::nullopt;
  return d->ToString();
}

inline std::optional<core::Date> DateOf(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto d = core::Date::Parse(text);
  if (!d.ok()) return std::nullopt;
  return *d;
}

// Binds columns 3.. of kInsertTargetSql (after version_id and seq).
template <class Sink>
void BindTarget(const domain::Target& t, Sink&& add) {
  add(std::string_view(t.id));
  add(std::string_view(t.indicator));
  add(std::string_view(t.measure));
  add(std::string_view(t.breakdown));
  add(std::string_view(t.scope));
  add(domain::ComparisonName(t.comparison));
  add(t.value);
  add(std::string_view(t.unit));
  add(DateText(t.baseline_date));
  add(t.baseline_value);
  add(std::string_view(t.deadline.ToString()));
  add(std::string_view(t.source));
  add(std::string_view(t.label_nl));
  add(std::string_view(t.label_en));
  add(std::string_view(t.note));
}

template <class Row>
domain::Target ReadTarget(const Row& r) {
  domain::Target t;
  t.id = r.Text(0);
  t.indicator = r.Text(1);
  t.measure = r.Text(2);
  t.breakdown = r.Text(3);
  t.scope = r.Text(4);
  t.comparison = r.Text(5) == "at_most" ? domain::Comparison::kAtMost : domain::Comparison::kAtLeast;
  t.value = r.Real(6);
  t.unit = r.Text(7);
  if (!r.IsNull(8)) t.baseline_date = DateOf(r.Text(8));
  if (!r.IsNull(9)) t.baseline_value = r.Real(9);
  if (auto d = DateOf(r.Text(10))) t.deadline = *d;
  t.source = r.Text(11);
  t.label_nl = r.Text(12);
  t.label_en = r.Text(13);
  t.note = r.Text(14);
  return t;
}

// Binds columns 3.. of kInsertSeriesPointSql.
template <class Sink>
void BindSeriesPoint(const domain::SeriesPoint& p, Sink&& add) {
  add(std::string_view(p.source));
  add(std::string_view(p.series));
  add(std::string_view(p.definition));
  add(std::string_view(p.unit));
  add(std::string_view(p.region));
  add(std::string_view(p.period));
  add(DateText(p.date));
  add(p.value);
  add(p.low);
  add(p.high);
  add(std::string_view(p.note));
}

template <class Row>
domain::SeriesPoint ReadSeriesPoint(const Row& r) {
  domain::SeriesPoint p;
  p.source = r.Text(0);
  p.series = r.Text(1);
  p.definition = r.Text(2);
  p.unit = r.Text(3);
  p.region = r.Text(4);
  p.period = r.Text(5);
  if (!r.IsNull(6)) p.date = DateOf(r.Text(6));
  p.value = r.Real(7);
  if (!r.IsNull(8)) p.low = r.Real(8);
  if (!r.IsNull(9)) p.high = r.Real(9);
  p.note = r.Text(10);
  return p;
}

// A row of kCurrentPopulationSql (the adapter also needs Int(col)).
template <class Row>
domain::PopulationCount ReadPopulationCount(const Row& r) {
  domain::PopulationCount c;
  if (auto d = DateOf(r.Text(0))) c.date = *d;
  c.municipality = r.Text(1);
  c.inhabitants = r.Int(2);
  return c;
}

}  // namespace onderdak::store::internal
