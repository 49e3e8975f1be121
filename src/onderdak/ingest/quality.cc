#include "onderdak/ingest/quality.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "onderdak/ingest/quality_json.h"

namespace onderdak::ingest {
namespace {

std::string Percent(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? "-" : fmt::format("{:.0f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

void Keep(std::vector<std::size_t>& lines, std::size_t line) {
  if (lines.size() < quality::kMaxLines) lines.push_back(line);
}

}  // namespace

void QualityTracker::Field(std::string_view file, std::string_view column, bool filled) {
  auto it = std::find_if(fields_.begin(), fields_.end(),
                         [&](const Counter& c) { return c.file == file && c.column == column; });
  if (it == fields_.end()) it = fields_.insert(fields_.end(), Counter{std::string(file), std::string(column), 0, 0});
  ++it->total;
  if (filled) ++it->filled;
}

void QualityTracker::Person(bool has_bsn, int age, std::size_t line) {
  ++persons_;
  if (has_bsn) ++with_bsn_;
  if (age >= quality::kMaxAge) {
    ++old_;
    Keep(old_lines_, line);
  }
}

void QualityTracker::ShelterStay(std::size_t person_line, core::Date start, std::optional<core::Date> end,
                                 std::size_t line) {
  // Lines past 2^32 (a file of over 40 GB) are beyond the 4 GiB file limit.
  if (person_line == 0 || person_line > UINT32_MAX || line > UINT32_MAX) return;
  // Nights from start up to (not including) the end date; an ongoing stay runs on.
  const std::int32_t last = end ? end->days() : INT32_MAX;
  stays_.push_back({static_cast<std::uint32_t>(person_line), start.days(), std::max(last, start.days() + 1),
                    static_cast<std::uint32_t>(line)});
}

void QualityTracker::Exit(std::string_view destination, std::size_t line) {
  ++ended_;
  if (destination == "onbekend") {
    ++unknown_exits_;
    Keep(unknown_exit_lines_, line);
  }
}

void QualityTracker::Episode(bool long_stay, std::size_t line) {
  ++episodes_;
  if (long_stay) {
    ++long_stays_;
    Keep(long_stay_lines_, line);
  }
}

std::vector<QualityCheck> QualityTracker::Finish(core::Period period, std::string_view created) {
  using namespace quality;  // NOLINT(google-build-using-namespace)
  std::vector<QualityCheck> out;
  for (const auto& c : fields_) {
    const bool flagged =
        c.total >= kMinRowsForShares && static_cast<double>(c.filled) < kMinFilledShare * static_cast<double>(c.total);
    out.push_back({.id = kCompleteness,
                   .file = c.file,
                   .column = c.column,
                   .count = c.total - c.filled,
                   .total = c.total,
                   .flagged = flagged,
                   .detail = fmt::format("{} filled in {} of {} rows ({}); flagged below {:.0f}%", c.column, c.filled,
                                         c.total, Percent(c.filled, c.total), 100 * kMinFilledShare),
                   .lines = {}});
  }
  if (persons_ > 0) {
    out.push_back({.id = kBsnShare,
                   .file = "persons.csv",
                   .column = "bsn",
                   .count = persons_ - with_bsn_,
                   .total = persons_,
                   .flagged = persons_ >= kMinRowsForShares &&
                              static_cast<double>(with_bsn_) < kMinBsnShare * static_cast<double>(persons_),
                   .detail = fmt::format("{} of {} persons ({}) are linked by initials and birth date instead of a "
                                         "BSN; flagged when fewer than {:.0f}% have a BSN",
                                         persons_ - with_bsn_, persons_, Percent(persons_ - with_bsn_, persons_),
                                         100 * kMinBsnShare),
                   .lines = {}});
    out.push_back({.id = kAge,
                   .file = "persons.csv",
                   .column = "birth_year_month",
                   .count = old_,
                   .total = persons_,
                   .flagged = old_ > 0,
                   .detail = fmt::format("{} of {} persons are {} or older at the end of {}", old_, persons_, kMaxAge,
                                         period.ToString()),
                   .lines = old_lines_});
  }
  if (ended_ > 0) {
    out.push_back(
        {.id = kExitUnknown,
         .file = "service_episodes.csv",
         .column = "exit_destination",
         .count = unknown_exits_,
         .total = ended_,
         .flagged = ended_ >= kMinRowsForShares &&
                    static_cast<double>(unknown_exits_) > kMaxUnknownExitShare * static_cast<double>(ended_),
         .detail = fmt::format("{} of {} ended episodes ({}) leave to an unknown destination; flagged "
                               "above {:.0f}%",
                               unknown_exits_, ended_, Percent(unknown_exits_, ended_), 100 * kMaxUnknownExitShare),
         .lines = unknown_exit_lines_});
  }
  if (episodes_ > 0) {
    out.push_back({.id = kLongStay,
                   .file = "service_episodes.csv",
                   .column = "",
                   .count = long_stays_,
                   .total = episodes_,
                   .flagged = long_stays_ > 0,
                   .detail = fmt::format("{} of {} episodes last over 5 years", long_stays_, episodes_),
                   .lines = long_stay_lines_});
  }
  if (!stays_.empty()) {
    // One person in two shelter stays on the same night: sorted by person and start, a stay
    // that starts before the latest end so far of that person's earlier stays overlaps.
    std::sort(stays_.begin(), stays_.end(), [](const Stay& a, const Stay& b) {
      return a.person != b.person ? a.person < b.person : a.start < b.start;
    });
    std::int64_t overlaps = 0;
    std::vector<std::size_t> lines;
    std::int32_t reach = 0;
    for (std::size_t i = 0; i < stays_.size(); ++i) {
      if (i > 0 && stays_[i].person == stays_[i - 1].person && stays_[i].start < reach) {
        ++overlaps;
        Keep(lines, stays_[i].line);
      }
      reach = i > 0 && stays_[i].person == stays_[i - 1].person ? std::max(reach, stays_[i].end) : stays_[i].end;
    }
    std::sort(lines.begin(), lines.end());
    out.push_back({.id = kOverlap,
                   .file = "service_episodes.csv",
                   .column = "",
                   .count = overlaps,
                   .total = static_cast<std::int64_t>(stays_.size()),
                   .flagged = overlaps > 0,
                   .detail = fmt::format("{} shelter stays overlap another stay of the same person by at least one "
                                         "night",
                                         overlaps),
                   .lines = std::move(lines)});
  }
  // Timeliness: the manifest's creation date against the period's end and the default
  // deadline six weeks later.
  if (auto day = core::Date::Parse(std::string(created.substr(0, std::min<std::size_t>(created.size(), 10))));
      day.ok()) {
    const core::Date deadline = period.last().AddDays(kDeadlineDays);
    const std::int32_t late = *day - deadline;
    const bool early = *day <= period.last();
    out.push_back({.id = kTimeliness,
                   .file = "manifest.json",
                   .column = "created",
                   .count = late > 0 ? late : 0,
                   .total = 0,
                   .flagged = late > 0 || early,
                   .detail = early ? fmt::format("created on {}, before the period {} ended: its last days may "
                                                 "be missing",
                                                 day->ToString(), period.ToString())
                             : late > 0
                                 ? fmt::format("created on {}, {} days after the deadline {} (six weeks after "
                                               "the period)",
                                               day->ToString(), late, deadline.ToString())
                                 : fmt::format("created on {}, within six weeks after the period", day->ToString()),
                   .lines = {}});
  }
  return out;
}

QualityCheck ChangeCheck(std::int64_t persons, std::optional<std::int64_t> previous, core::Period previous_period) {
  using namespace quality;  // NOLINT(google-build-using-namespace)
  QualityCheck c{.id = kChange, .file = "persons.csv", .column = "", .count = persons, .total = previous.value_or(0)};
  if (!previous) {
    c.detail = fmt::format("no delivery of this organisation for {} to compare with", previous_period.ToString());
    return c;
  }
  const double change = *previous == 0 ? (persons > 0 ? 1.0 : 0.0)
                                       : static_cast<double>(persons - *previous) / static_cast<double>(*previous);
  c.flagged = std::max(persons, *previous) >= kMinPersonsForChange && std::abs(change) > kMaxChange;
  c.detail = fmt::format("{} persons against {} in {} ({:+.0f}%); flagged beyond {:.0f}% up or down", persons,
                         *previous, previous_period.ToString(), 100 * change, 100 * kMaxChange);
  return c;
}

nlohmann::json QualityCheckJson(const QualityCheck& c) {
  return {{"id", c.id},       {"file", c.file},       {"column", c.column}, {"count", c.count},
          {"total", c.total}, {"flagged", c.flagged}, {"detail", c.detail}, {"lines", c.lines}};
}

std::string QualityChecksToJson(const std::vector<QualityCheck>& checks) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : checks) list.push_back(QualityCheckJson(c));
  return list.dump();
}

std::vector<QualityCheck> QualityChecksFromJson(std::string_view json) {
  std::vector<QualityCheck> out;
  const auto list = nlohmann::json::parse(json, nullptr, false);
  if (!list.is_array()) return out;
  for (const auto& j : list) {
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) continue;
    const auto id = j["id"].get<std::string>();
    const auto* known = std::find(std::begin(quality::kAll), std::end(quality::kAll), id);
    if (known == std::end(quality::kAll)) continue;
    QualityCheck c;
    c.id = *known;
    c.file = j.value("file", "");
    c.column = j.value("column", "");
    c.count = j.value("count", std::int64_t{0});
    c.total = j.value("total", std::int64_t{0});
    c.flagged = j.value("flagged", false);
    c.detail = j.value("detail", "");
    if (j.contains("lines") && j["lines"].is_array()) {
      for (const auto& l : j["lines"]) {
        if (l.is_number_unsigned()) c.lines.push_back(l.get<std::size_t>());
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

int FlaggedCount(const std::vector<QualityCheck>& checks) {
  return static_cast<int>(std::count_if(checks.begin(), checks.end(), [](const QualityCheck& c) { return c.flagged; }));
}

}  // namespace onderdak::ingest
