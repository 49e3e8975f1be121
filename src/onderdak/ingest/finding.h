// What an import error is about, beside its English message: the file, line and column,
// a stable rule id, and, where the right value is evident from the wrong one, a suggested
// value. The presentation layers use it to group errors by file and rule, to give a fix
// in Dutch or English from the message catalogue (web/i18n.cc, keys "import.rule.<id>"
// and "import.fix.<id>"), and to write the errors as CSV (ADR 0028).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace onderdak::ingest {

// The rule ids. docs/exchange-format.md §4 lists them; a test checks that every id has a
// text in both languages.
namespace rule {
inline constexpr std::string_view kDelivery = "delivery";             // the folder or zip itself
inline constexpr std::string_view kManifest = "manifest";             // a manifest.json field
inline constexpr std::string_view kCsv = "csv";                       // encoding, quoting, record length
inline constexpr std::string_view kUnknownColumn = "unknown_column";  // a column not in the format
inline constexpr std::string_view kDuplicateColumn = "duplicate_column";
inline constexpr std::string_view kMissingColumn = "missing_column";
inline constexpr std::string_view kFieldCount = "field_count";      // a row with more or fewer fields
inline constexpr std::string_view kRequired = "required";           // an empty required value
inline constexpr std::string_view kText = "text";                   // length or control characters
inline constexpr std::string_view kBsnElsewhere = "bsn_elsewhere";  // a BSN outside the bsn column
inline constexpr std::string_view kBsn = "bsn";                     // not 9 digits passing the elfproef
inline constexpr std::string_view kLinkageKey = "linkage_key";      // no BSN and no initials + birth date
inline constexpr std::string_view kDate = "date";
inline constexpr std::string_view kYearMonth = "year_month";
inline constexpr std::string_view kNumber = "number";
inline constexpr std::string_view kYesNo = "yes_no";
inline constexpr std::string_view kCode = "code";  // not a code of its list
inline constexpr std::string_view kMunicipality = "municipality";
inline constexpr std::string_view kRegion = "region";
inline constexpr std::string_view kDuplicateId = "duplicate_id";
inline constexpr std::string_view kReference = "reference";      // no such record in the other file
inline constexpr std::string_view kOrder = "order";              // an end before its start
inline constexpr std::string_view kConditional = "conditional";  // a value required or forbidden by another
inline constexpr std::string_view kConsistency = "consistency";  // values that contradict each other
// Every id above, in the order of the documentation.
inline constexpr std::string_view kAll[] = {
    kDelivery, kManifest,    kCsv,          kUnknownColumn, kDuplicateColumn, kMissingColumn, kFieldCount,
    kRequired, kText,        kBsnElsewhere, kBsn,           kLinkageKey,      kDate,          kYearMonth,
    kNumber,   kYesNo,       kCode,         kMunicipality,  kRegion,          kDuplicateId,   kReference,
    kOrder,    kConditional, kConsistency};
}  // namespace rule

// The whole numbers a column takes (rule::kNumber), for a message in other words.
struct NumberRange {
  std::int64_t min = 0;
  std::int64_t max = 0;
};

struct Finding {
  std::string file{};                  // "persons.csv", "manifest.json"; empty: the delivery as a whole
  std::size_t line = 0;                // 1-based; 0: the file as a whole
  std::string column{};                // the column or manifest field; empty when none
  std::string_view rule{};             // one of rule::kAll
  std::string suggestion{};            // a corrected value, when evident; never for a withheld column
  std::optional<NumberRange> range{};  // rule::kNumber: what the column takes
};

}  // namespace onderdak::ingest
