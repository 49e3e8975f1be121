// The data-quality report of a delivery (issue 19 item 3, docs/data-quality.md): checks
// that do not refuse a delivery but say where its figures may be weak: optional fields
// left empty, stays that leave to an unknown destination, stays over five years, ages
// over 100, one person in two shelters on the same night, a delivery made late or before
// its period ended, and a sudden change in the number of persons against the
// organisation's delivery of the previous period. Each check states its count, the rows
// it looked at, its threshold, and the first lines that trip it.
//
// QualityTracker is fed by the importer while it validates (one pass, no second read);
// the change against the previous period is added by the import session, which has the
// store. Bounded memory: one 16-byte record per shelter stay for the overlap check.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/date.h"

namespace onderdak::ingest {

// The check ids; docs/data-quality.md defines each with its threshold, and the message
// catalogue has "quality.<id>" in Dutch and English.
namespace quality {
inline constexpr std::string_view kCompleteness = "completeness";  // an optional field left empty
inline constexpr std::string_view kBsnShare = "bsn_share";         // persons linked without a BSN
inline constexpr std::string_view kExitUnknown = "exit_unknown";   // ended stays to "onbekend"
inline constexpr std::string_view kLongStay = "long_stay";         // a stay over 5 years
inline constexpr std::string_view kAge = "age";                    // 100 or older at the period's end
inline constexpr std::string_view kOverlap = "overlap";            // one person, two shelters, one night
inline constexpr std::string_view kTimeliness = "timeliness";      // created late, or before the period ended
inline constexpr std::string_view kChange = "change";              // persons against the previous period
inline constexpr std::string_view kAll[] = {kCompleteness, kBsnShare, kExitUnknown, kLongStay,
                                            kAge,          kOverlap,  kTimeliness,  kChange};
// Thresholds (docs/data-quality.md says why).
inline constexpr double kMinFilledShare = 0.5;         // completeness: flagged below
inline constexpr double kMinBsnShare = 0.8;            // bsn_share: flagged below
inline constexpr double kMaxUnknownExitShare = 0.25;   // exit_unknown: flagged above
inline constexpr std::int64_t kMinRowsForShares = 10;  // shares of fewer rows are not flagged
inline constexpr int kMaxAge = 100;
inline constexpr int kDeadlineDays = 42;   // six weeks after the period (the default deadline)
inline constexpr double kMaxChange = 0.5;  // change: flagged above 50 % up or down
inline constexpr std::int64_t kMinPersonsForChange = 20;
inline constexpr std::size_t kMaxLines = 5;  // lines listed per check
}  // namespace quality

struct QualityCheck {
  std::string_view id{};             // one of quality::kAll
  std::string file{};                // "persons.csv"; empty for the delivery as a whole
  std::string column{};              // for completeness
  std::int64_t count = 0;            // rows (or persons) that trip the check
  std::int64_t total = 0;            // rows it looked at (for change: the previous period's persons)
  bool flagged = false;              // over its threshold: the provider should look
  std::string detail{};              // in English, with the numbers: "12 of 40 ended stays (30%) ..."
  std::vector<std::size_t> lines{};  // the first lines that trip it
};

class QualityTracker {
 public:
  // A row of `file` in which optional `column` is filled in or not.
  void Field(std::string_view file, std::string_view column, bool filled);
  // A person, with their age in completed years at the period's end (negative: unknown).
  void Person(bool has_bsn, int age, std::size_t line);
  // A shelter stay of the person on line `person_line` of persons.csv (0: unknown), for the
  // overlap check. `end` empty: ongoing.
  void ShelterStay(std::size_t person_line, core::Date start, std::optional<core::Date> end, std::size_t line);
  // An episode of any service type; `long_stay`: over 5 years (the import's warning).
  void Episode(bool long_stay, std::size_t line);
  // An ended episode and where it went.
  void Exit(std::string_view destination, std::size_t line);

  // The report for a delivery of `period` whose manifest says it was `created` (ISO 8601).
  std::vector<QualityCheck> Finish(core::Period period, std::string_view created);

 private:
  struct Counter {
    std::string file, column;
    std::int64_t filled = 0, total = 0;
  };
  struct Stay {               // 16 bytes: a million stays take 16 MB
    std::uint32_t person;     // the person's line in persons.csv
    std::int32_t start, end;  // days; end exclusive (the last night + 1)
    std::uint32_t line;
  };
  std::vector<Counter> fields_;
  std::int64_t persons_ = 0, with_bsn_ = 0;
  std::int64_t old_ = 0;
  std::vector<std::size_t> old_lines_;
  std::vector<Stay> stays_;
  std::int64_t ended_ = 0, unknown_exits_ = 0;
  std::vector<std::size_t> unknown_exit_lines_, long_stay_lines_;
  std::int64_t episodes_ = 0, long_stays_ = 0;
};

// The change against the previous period: `persons` now, `previous` then (nullopt: no
// delivery of that organisation, region and previous period).
QualityCheck ChangeCheck(std::int64_t persons, std::optional<std::int64_t> previous, core::Period previous_period);

// The checks as stored with a delivery (store::DeliveryWriter::AttachQuality): a JSON array
// of {id, file, column, count, total, flagged, detail, lines}; and read back. Reading
// skips an entry whose id is not a check of this build (a newer build's).
std::string QualityChecksToJson(const std::vector<QualityCheck>& checks);
std::vector<QualityCheck> QualityChecksFromJson(std::string_view json);
// How many of `checks` are flagged.
int FlaggedCount(const std::vector<QualityCheck>& checks);

}  // namespace onderdak::ingest
