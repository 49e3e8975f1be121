#include "onderdak/ingest/delivery_import.h"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <unordered_map>

#include "onderdak/core/log.h"
#include "onderdak/core/temp_dir.h"
#include "onderdak/domain/code_lists.h"
#include "onderdak/ingest/digest.h"
#include "onderdak/ingest/finding.h"
#include "onderdak/ingest/import_parts.h"
#include "onderdak/ingest/manifest.h"
#include "onderdak/ingest/suggest.h"
#include "onderdak/ingest/text_rules.h"

namespace onderdak::ingest {
namespace {

using core::Date;
using core::Status;

// A stay longer than this is odd but possible: a warning, not an error.
constexpr std::int32_t kLongStayDays = 5 * 365 + 1;
constexpr std::int64_t kProgressEvery = 1 << 16;
// Rows read before a file's row count is estimated from the bytes they took.
constexpr std::int64_t kSampleRows = 1024;

// Columns, rows, the record-id index and the archived persons.csv: import_parts.h.
using namespace detail;  // NOLINT(google-build-using-namespace)

class Importer {
 public:
  Importer(const Pseudonymiser& pseudonymiser, const ImportOptions& options, ImportReport& report)
      : pseudonymiser_(pseudonymiser), options_(options), report_(report) {}

  bool Full() const { return report_.errors.size() >= options_.max_errors; }
  bool Failed() const { return !report_.errors.empty(); }

  void Error(std::string message, Finding finding) {
    // A refused delivery is neither hashed nor archived: stop the hashing thread now, so a
    // file refused at line 1 is not read to its end.
    if (cancel_on_error_ != nullptr) cancel_on_error_->store(true, std::memory_order_relaxed);
    if (Full()) {
      report_.errors_truncated = true;
      return;
    }
    report_.errors.push_back(std::move(message));
    report_.findings.push_back(std::move(finding));
  }
  // An error about a whole file (line 0) or its header (line 1).
  void FileError(const std::string& file, std::size_t line, std::string_view column, std::string_view rule,
                 std::string message, std::string suggestion = {}) {
    Error(
        std::move(message),
        {.file = file, .line = line, .column = std::string(column), .rule = rule, .suggestion = std::move(suggestion)});
  }
  // An error the CSV reader or the delivery source reported: "file:line: ..." or "file: ...".
  void ReaderError(const std::string& file, std::string message) {
    std::size_t line = 0;
    if (message.starts_with(file + ":")) {
      for (std::size_t i = file.size() + 1; i < message.size() && message[i] >= '0' && message[i] <= '9'; ++i) {
        line = line * 10 + static_cast<std::size_t>(message[i] - '0');
        if (line > (std::size_t{1} << 48)) break;
      }
    }
    FileError(file, line, "", rule::kCsv, std::move(message));
  }
  void Warning(std::string message) {
    ++report_.warning_count;
    if (report_.warnings.size() < options_.max_warnings) report_.warnings.push_back(std::move(message));
  }
  // An error in cell `c` of `row`, under `rule` (finding.h), explained by `text`.
  // `suggestion` is dropped for a withheld column or a value holding a BSN.
  void CellError(const Row& row, int c, std::string_view rule, std::string_view text, std::string suggestion = {},
                 std::optional<NumberRange> range = std::nullopt) {
    const std::string_view name = row.Name(c);
    // A BSN is never echoed, whatever the column it was put in.
    const bool withheld = IsWithheld(name) || ContainsBsn(row.Raw(c));
    std::string value = withheld ? "(value withheld)" : "'" + Shown(row.Raw(c)) + "'";
    // Nor is one made up of a value's digits (a number suggested for "111.222.333").
    if (withheld || ContainsBsn(suggestion)) suggestion.clear();
    Error(row.Where() + ": " + std::string(name) + ": " + value + ": " + std::string(text),
          {.file = row.file(),
           .line = row.line(),
           .column = std::string(name),
           .rule = rule,
           .suggestion = std::move(suggestion),
           .range = range});
  }
  void RowError(const Row& row, std::string_view rule, std::string_view text) {
    Error(row.Where() + ": " + std::string(text), {.file = row.file(), .line = row.line(), .rule = rule});
  }
  void RowWarning(const Row& row, std::string_view rule) { Warning(row.Where() + ": " + std::string(rule)); }

  // --- Cells. Each returns an empty value when the cell is empty or wrong (and reports
  // the latter, or a missing required value).
  bool Present(const Row& row, int c) {
    if (!row.Raw(c).empty()) return true;
    // A required column missing from the header was reported once, at the header.
    if (row.Required(c) && row.Index(c) >= 0) CellError(row, c, rule::kRequired, "a value is required");
    return false;
  }
  // A CellError that never shows the value (it may hold a BSN).
  void WithheldError(const Row& row, int c, std::string_view rule, std::string_view text) {
    Error(row.Where() + ": " + std::string(row.Name(c)) + ": (value withheld): " + std::string(text),
          {.file = row.file(), .line = row.line(), .column = std::string(row.Name(c)), .rule = rule});
  }
  // The rules of every text value (text_rules.h): length, control characters, no BSN.
  // True when `value` keeps them; otherwise reports why.
  bool TextRules(const Row& row, int c, std::size_t max_bytes, bool allow_tab) {
    const std::string_view value = row.Raw(c);
    if (value.size() > max_bytes) {
      CellError(row, c, rule::kText,
                "is " + std::to_string(value.size()) + " bytes, at most " + std::to_string(max_bytes));
      return false;
    }
    if (auto at = FindControl(value, allow_tab); at != std::string_view::npos) {
      CellError(row, c, rule::kText,
                "holds a control character at byte " + std::to_string(at) +
                    (allow_tab ? " (only tabs are allowed)" : "") + "; remove it");
      return false;
    }
    if (ContainsBsn(value)) {
      WithheldError(row, c, rule::kBsnElsewhere,
                    "holds a number that is a valid BSN; a BSN belongs only in persons.csv's bsn column");
      return false;
    }
    return true;
  }
  std::string Text(const Row& row, int c) {
    if (!Present(row, c) || !TextRules(row, c, kMaxTextBytes, true)) return {};
    return std::string(row.Raw(c));
  }
  std::optional<Date> DateCell(const Row& row, int c) {
    if (!Present(row, c)) return std::nullopt;
    auto d = Date::Parse(row.Raw(c));
    if (!d.ok()) {
      CellError(row, c, rule::kDate, "not a date: use YYYY-MM-DD", SuggestDate(row.Raw(c)));
      return std::nullopt;
    }
    return *d;
  }
  std::string_view CodeCell(const Row& row, int c, std::string_view list_name) {
    if (!Present(row, c)) return {};
    const domain::CodeList* list = domain::FindCodeList(list_name);
    const domain::Code* code = list ? domain::FindCode(*list, row.Raw(c)) : nullptr;
    if (code == nullptr) {
      std::string allowed;
      if (list) {
        for (const auto& k : list->codes) allowed += (allowed.empty() ? "" : ", ") + std::string(k.code);
      }
      CellError(row, c, rule::kCode, "not a code of list " + std::string(list_name) + " (allowed: " + allowed + ")",
                list ? SuggestCode(*list, row.Raw(c)) : std::string());
      return {};
    }
    return code->code;
  }
  std::optional<std::int64_t> IntCell(const Row& row, int c, std::int64_t min, std::int64_t max) {
    if (!Present(row, c)) return std::nullopt;
    const std::string_view raw = row.Raw(c);
    std::int64_t value = 0;
    bool ok = raw.size() <= 18;
    for (char ch : raw) {
      if (ch < '0' || ch > '9') ok = false;
      if (ok) value = value * 10 + (ch - '0');
    }
    if (!ok || value < min || value > max) {
      CellError(row, c, rule::kNumber,
                "must be a whole number from " + std::to_string(min) +
                    (max == INT64_MAX ? std::string(" up") : " to " + std::to_string(max)),
                SuggestNumber(raw), NumberRange{.min = min, .max = max});
      return std::nullopt;
    }
    return value;
  }
  std::optional<bool> YesNoCell(const Row& row, int c) {
    if (!Present(row, c)) return std::nullopt;
    if (row.Raw(c) == "ja") return true;
    if (row.Raw(c) == "nee") return false;
    CellError(row, c, rule::kYesNo, "must be ja or nee", SuggestYesNo(row.Raw(c)));
    return std::nullopt;
  }
  // "ja", "nee" or "onbekend"; "" when empty or wrong.
  std::string_view YesNoUnknownCell(const Row& row, int c) {
    if (!Present(row, c)) return {};
    for (std::string_view v : {"ja", "nee", "onbekend"}) {
      if (row.Raw(c) == v) return v;
    }
    CellError(row, c, rule::kYesNo, "must be ja, nee or onbekend", SuggestYesNo(row.Raw(c)));
    return {};
  }
  std::string MunicipalityCell(const Row& row, int c) {
    if (!Present(row, c)) return {};
    if (reference_->FindMunicipality(row.Raw(c)) == nullptr) {
      CellError(row, c, rule::kMunicipality,
                "not a municipality (GM code) in the reference data in force on " + Reference(),
                SuggestMunicipality(*reference_, row.Raw(c)));
      return {};
    }
    return std::string(row.Raw(c));
  }
  // A gemeente of the delivering region, reported once in the file.
  void CheckOwnMunicipality(const Row& row, int c, const std::string& code,
                            std::map<std::string, std::size_t, std::less<>>& seen) {
    const domain::Municipality* m = reference_->FindMunicipality(code);
    if (m != nullptr && !region_.empty() && m->region_code != region_) {
      CellError(row, c, rule::kConsistency,
                "is a gemeente of region " + m->region_code + ", not of the delivering region " + region_);
    }
    auto [it, fresh] = seen.emplace(code, row.line());
    if (!fresh) {
      CellError(row, c, rule::kDuplicateId, "is already reported on line " + std::to_string(it->second));
    }
  }
  std::string RegionCell(const Row& row, int c) {
    if (!Present(row, c)) return {};
    if (reference_->FindRegion(row.Raw(c)) == nullptr) {
      CellError(row, c, rule::kRegion,
                "not a region (centrumgemeente code) in the reference data in force on " + Reference(),
                SuggestRegion(*reference_, row.Raw(c)));
      return {};
    }
    return std::string(row.Raw(c));
  }
  // The row's record_id: required, unique in the file. Returns "" when wrong. `entry`,
  // when given, receives the id's index entry (for the store handle), or null.
  std::string RecordId(const Row& row, IdIndex& index, IdIndex::Entry** entry = nullptr) {
    if (entry) *entry = nullptr;
    if (!Present(row, 0) || !TextRules(row, 0, kMaxRecordIdBytes, false)) return {};
    const std::string_view id = row.Raw(0);
    if (expected_rows_ > 0) index.ReserveOnce(expected_rows_);
    prefetch_[0] = &index;
    auto [e, inserted] = index.Add(id, row.line());
    if (!inserted) {
      CellError(row, 0, rule::kDuplicateId, "duplicate record_id (first on line " + std::to_string(e->line) + ")");
      return {};
    }
    if (entry) *entry = e;
    return std::string(id);
  }
  // A reference to a record of another file of this delivery; the target's store handle.
  // `found`, when given, receives the target's index entry (null when there is none).
  std::optional<std::int64_t> RefCell(const Row& row, int c, const IdIndex& target,
                                      const IdIndex::Entry** found = nullptr) {
    if (found != nullptr) *found = nullptr;
    if (!Present(row, c)) return std::nullopt;
    prefetch_[static_cast<std::size_t>(c)] = &target;
    const IdIndex::Entry* e = target.Find(row.Raw(c));
    if (found != nullptr) *found = e;
    if (e == nullptr) {
      // A file that was not read to its end (its own error says why) cannot tell which
      // ids it holds: no error that might be false.
      if (unread_.contains(target.file())) return std::nullopt;
      if (source_ != nullptr && !source_->Has(target.file())) {
        // Once per column, not once per row.
        if (absent_reported_.insert(row.file() + "\n" + std::string(row.Name(c))).second) {
          CellError(row, c, rule::kReference,
                    "refers to " + target.file() + ", which is not in the delivery; deliver it with this file");
        }
        return std::nullopt;
      }
      CellError(row, c, rule::kReference, "no row with this record_id in " + target.file());
      return std::nullopt;
    }
    return e->handle;
  }
  void CheckOrder(const Row& row, int later_col, const std::optional<Date>& earlier, const std::optional<Date>& later,
                  std::string_view earlier_name) {
    if (earlier && later && *later < *earlier) {
      CellError(row, later_col, rule::kOrder, "is before " + std::string(earlier_name) + " " + earlier->ToString());
    }
  }
  void CheckStartsInPeriod(const Row& row, const std::optional<Date>& start) {
    if (period_known_ && start && *start > period_last_) {
      RowWarning(
          row, "starts on " + start->ToString() + ", after the period " + period_.ToString() + " the delivery covers");
    }
  }

  // --- Files.
  template <typename Fn>
  Status ReadFile(DeliverySource& source, std::string_view entity, std::span<const Column> columns, Fn&& on_row) {
    const std::string file = std::string(entity) + ".csv";
    if (!source.Has(file) || Full()) return Status::Ok();
    ONDERDAK_ASSIGN_OR_RETURN(auto stream, source.OpenFile(file));
    CsvLimits limits = options_.csv;
    limits.check_header_names = false;  // checked below, with the other header rules
    auto reader_or = CsvReader::FromStream(file, std::move(stream), limits);
    if (!reader_or.ok()) {
      unread_.insert(file);
      if (!source.StreamError().empty()) return ReaderError(file, source.StreamError()), Status::Ok();
      if (reader_or.status().code() == core::Code::kInvalidInput) {
        return ReaderError(file, reader_or.status().message()), Status::Ok();
      }
      return reader_or.status();
    }
    CsvReader& reader = *reader_or;
    // Header: each wrong column is an error, and the rows are still checked (MapHeader).
    const std::size_t errors_before = report_.errors.size();
    const std::vector<int> map = MapHeader(file, reader.header(), columns, [&](HeaderProblem p) {
      FileError(file, 1, p.column, p.rule, std::move(p.message), std::move(p.suggestion));
      return !Full();
    });
    const bool persons_file = entity == "persons";
    // The archive's copy of persons.csv withholds the identifying columns by position: not
    // written when the header is wrong (the delivery is refused anyway).
    if (persons_file && persons_archive_ != nullptr && report_.errors.size() == errors_before && !Full()) {
      archive_persons_ = true;
      std::vector<int> withheld;
      for (int c : {1, 2, 3}) withheld.push_back(map[static_cast<std::size_t>(c)]);  // bsn, initials, birth_date
      persons_archive_->Header(reader.header(), std::move(withheld));
    }

    const std::uint64_t size = source.Size(file);
    std::vector<std::string_view> fields;
    std::int64_t rows = 0;
    std::vector<std::string_view> peek;
    expected_rows_ = 0;
    prefetch_.fill(nullptr);
    while (!Full() && reader.Next(fields)) {
      ++rows;
      if (rows == kSampleRows && reader.offset() > 0) {
        // The file's row count, extrapolated from its first rows, with 1/16 to spare.
        const double estimate =
            static_cast<double>(size) * static_cast<double>(rows) / static_cast<double>(reader.offset());
        expected_rows_ = static_cast<std::size_t>(estimate + estimate / 16);
      }
      if (fields.size() != reader.header().size()) {
        FileError(file, reader.line(), "", rule::kFieldCount,
                  reader.Where() + ": has " + std::to_string(fields.size()) + " fields, the header has " +
                      std::to_string(reader.header().size()));
        // The row's record_id is not known for sure, so references to this file are not
        // checked (they might be false errors).
        unread_.insert(file);
        continue;
      }
      Row row(file, columns, map, fields, reader.line());
      ONDERDAK_RETURN_IF_ERROR(on_row(row));
      Prefetch(reader, map, peek);
      if (options_.progress && rows % kProgressEvery == 0) {
        options_.progress({file, reader.offset(), size, rows, false});
      }
    }
    if (Full()) {
      report_.errors_truncated = true;  // stopped reading: there may be more
      unread_.insert(file);
    } else if (!source.StreamError().empty()) {
      ReaderError(file, source.StreamError());
      unread_.insert(file);
    } else if (!reader.status().ok()) {
      ReaderError(file, reader.status().message());
      unread_.insert(file);
    }
    report_.rows[std::string(entity)] = rows;
    if (options_.progress) options_.progress({file, size, size, rows, true});
    if (persons_file && after_persons_) after_persons_();
    return Status::Ok();
  }

  // Prefetches the hash-map slots the next row's record_id and references will probe
  // (RecordId and RefCell note which IdIndex each column goes to), so that they load
  // while the next row is parsed. Measured on bench/import_bench.sh's delivery: the probes,
  // each a cache miss, were ~37% of `import --check`'s samples; with the prefetch its
  // time went from ~1.75 s to ~1.45 s.
  void Prefetch(const CsvReader& reader, const std::vector<int>& map, std::vector<std::string_view>& peek) const {
    std::size_t n = 0;
    for (std::size_t c = 0; c < map.size(); ++c) {
      if (prefetch_[c] != nullptr && map[c] >= 0) n = std::max(n, static_cast<std::size_t>(map[c]) + 1);
    }
    if (n == 0) return;
    reader.PeekFields(n, peek);
    for (std::size_t c = 0; c < map.size(); ++c) {
      if (prefetch_[c] == nullptr || map[c] < 0 || static_cast<std::size_t>(map[c]) >= peek.size()) continue;
      prefetch_[c]->Prefetch(TrimBlanks(peek[static_cast<std::size_t>(map[c])]));
    }
  }

  // Writes only while the delivery is still clean: once an error is found the rows would
  // be rolled back anyway.
  bool Writing() const { return writer_ != nullptr && !Failed(); }

  Status ReadAll(DeliverySource& source) {
    source_ = &source;
    IdIndex persons{"persons.csv"}, facilities{"facilities.csv"}, projects{"housing_projects.csv"};
    ONDERDAK_RETURN_IF_ERROR(
        ReadFile(source, "persons", kPersons, [&](const Row& row) { return Person(row, persons); }));
    ONDERDAK_RETURN_IF_ERROR(
        ReadFile(source, "facilities", kFacilities, [&](const Row& row) { return Facility(row, facilities); }));
    {
      IdIndex ids{"capacity.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "capacity", kCapacity, [&](const Row& row) -> Status {
        domain::Capacity r;
        r.record_id = RecordId(row, ids);
        auto facility = RefCell(row, 1, facilities);
        auto from = DateCell(row, 2);
        r.room_size = CodeCell(row, 3, "room_size");
        auto rooms = IntCell(row, 4, 0, INT32_MAX);
        auto places = IntCell(row, 5, 0, INT32_MAX);
        if (rooms && places && *places < *rooms)
          CellError(row, 5, rule::kConsistency, "must be at least rooms (" + std::to_string(*rooms) + ")");
        CheckStartsInPeriod(row, from);
        if (!Writing()) return Status::Ok();
        r.valid_from = *from;
        r.rooms = *rooms;
        r.places = *places;
        return writer_->AddCapacity(r, *facility);
      }));
    }
    {
      IdIndex ids{"living_situations.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "living_situations", kLiving, [&](const Row& row) -> Status {
        domain::LivingSituation r;
        r.record_id = RecordId(row, ids);
        auto person = RefCell(row, 1, persons);
        auto ethos = IntCell(row, 2, 1, 7);
        auto start = DateCell(row, 3);
        r.end = DateCell(row, 4);
        r.source = Text(row, 5);
        if (quality_ != nullptr) quality_->Field(row.file(), "source", !row.Raw(5).empty());
        CheckOrder(row, 4, start, r.end, "start_date");
        CheckStartsInPeriod(row, start);
        if (!Writing()) return Status::Ok();
        r.ethos = static_cast<int>(*ethos);
        r.start = *start;
        return writer_->AddLivingSituation(r, *person);
      }));
    }
    {
      IdIndex ids{"service_episodes.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "service_episodes", kEpisodes, [&](const Row& row) -> Status {
        domain::ServiceEpisode r;
        r.record_id = RecordId(row, ids);
        const IdIndex::Entry* person_entry = nullptr;
        auto person = RefCell(row, 1, persons, &person_entry);
        r.service_type = CodeCell(row, 2, "service_type");
        std::optional<std::int64_t> facility;
        if (!row.Raw(3).empty()) facility = RefCell(row, 3, facilities);
        r.municipality = MunicipalityCell(row, 4);
        auto start = DateCell(row, 5);
        r.end = DateCell(row, 6);
        r.exit_destination = CodeCell(row, 7, "exit_destination");
        CheckOrder(row, 6, start, r.end, "start_date");
        if (r.end && row.Raw(7).empty()) CellError(row, 7, rule::kConditional, "is required when end_date is given");
        if (!r.end && !row.Raw(7).empty())
          CellError(row, 7, rule::kConditional, "must be empty while the episode has no end_date");
        CheckStartsInPeriod(row, start);
        bool long_stay = false;
        if (start && (r.end || period_known_)) {
          const Date until = r.end ? *r.end : period_last_;
          long_stay = until - *start > kLongStayDays;
          if (long_stay) RowWarning(row, "a stay of " + std::to_string(until - *start) + " days (over 5 years)");
        }
        if (quality_ != nullptr) {
          quality_->Field(row.file(), "facility_id", !row.Raw(3).empty());
          quality_->Episode(long_stay, row.line());
          if (r.end && !r.exit_destination.empty()) quality_->Exit(r.exit_destination, row.line());
          static const domain::CodeList* const kTypes = domain::FindCodeList("service_type");
          const domain::Code* type = r.service_type.empty() ? nullptr : domain::FindCode(*kTypes, r.service_type);
          if (start && type != nullptr && type->flag && person_entry != nullptr) {
            quality_->ShelterStay(person_entry->line, *start, r.end, row.line());
          }
        }
        if (!Writing()) return Status::Ok();
        r.start = *start;
        return writer_->AddServiceEpisode(r, *person, facility);
      }));
    }
    {
      IdIndex ids{"requests.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "requests", kRequests, [&](const Row& row) -> Status {
        domain::Request r;
        r.record_id = RecordId(row, ids);
        auto person = RefCell(row, 1, persons);
        auto date = DateCell(row, 2);
        r.municipality_applied_to = MunicipalityCell(row, 3);
        r.service_type = CodeCell(row, 4, "service_type");
        r.decision = CodeCell(row, 5, "decision");
        r.decision_date = DateCell(row, 6);
        r.decision_reason = CodeCell(row, 7, "decision_reason");
        r.referred_to_region = RegionCell(row, 8);
        const bool decided = !row.Raw(5).empty();
        if (decided && row.Raw(6).empty()) CellError(row, 6, rule::kConditional, "is required when decision is given");
        if (decided && row.Raw(7).empty()) CellError(row, 7, rule::kConditional, "is required when decision is given");
        if (!decided && (!row.Raw(6).empty() || !row.Raw(7).empty())) {
          RowError(row, rule::kConditional, "decision_date and decision_reason must be empty while decision is empty");
        }
        CheckOrder(row, 6, date, r.decision_date, "request_date");
        CheckStartsInPeriod(row, date);
        if (!Writing()) return Status::Ok();
        r.request_date = *date;
        return writer_->AddRequest(r, *person);
      }));
    }
    {
      IdIndex ids{"waiting_list.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "waiting_list", kWaiting, [&](const Row& row) -> Status {
        domain::WaitingEntry r;
        r.record_id = RecordId(row, ids);
        auto person = RefCell(row, 1, persons);
        r.waiting_list_type = CodeCell(row, 2, "waiting_list_type");
        auto registered = DateCell(row, 3);
        r.end = DateCell(row, 4);
        r.outcome = CodeCell(row, 5, "waiting_outcome");
        CheckOrder(row, 4, registered, r.end, "registered_date");
        if (r.end && row.Raw(5).empty()) CellError(row, 5, rule::kConditional, "is required when end_date is given");
        if (!r.end && !row.Raw(5).empty())
          CellError(row, 5, rule::kConditional, "must be empty while the entry has no end_date");
        CheckStartsInPeriod(row, registered);
        if (!Writing()) return Status::Ok();
        r.registered = *registered;
        return writer_->AddWaitingEntry(r, *person);
      }));
    }
    {
      IdIndex ids{"causes.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "causes", kCauses, [&](const Row& row) -> Status {
        domain::Cause r;
        r.record_id = RecordId(row, ids);
        auto person = RefCell(row, 1, persons);
        auto date = DateCell(row, 2);
        r.cause = CodeCell(row, 3, "cause");
        CheckStartsInPeriod(row, date);
        if (!Writing()) return Status::Ok();
        r.intake_date = *date;
        return writer_->AddCause(r, *person);
      }));
    }
    {
      IdIndex ids{"needs.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "needs", kNeeds, [&](const Row& row) -> Status {
        domain::Need r;
        r.record_id = RecordId(row, ids);
        auto person = RefCell(row, 1, persons);
        auto date = DateCell(row, 2);
        r.need_category = CodeCell(row, 3, "need_category");
        CheckStartsInPeriod(row, date);
        if (!Writing()) return Status::Ok();
        r.assessed = *date;
        return writer_->AddNeed(r, *person);
      }));
    }
    // Projects keep their places for the funding-line check: record_id -> places.
    std::unordered_map<std::string, std::int64_t> project_places;
    ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "housing_projects", kProjects, [&](const Row& row) -> Status {
      domain::HousingProject r;
      IdIndex::Entry* entry = nullptr;
      r.record_id = RecordId(row, projects, &entry);
      r.municipality = MunicipalityCell(row, 1);
      r.housing_kind = CodeCell(row, 2, "housing_kind");
      auto places = IntCell(row, 3, 1, INT32_MAX);
      r.status = CodeCell(row, 4, "housing_status");
      auto date = DateCell(row, 5);
      r.owner = Text(row, 6);
      if (quality_ != nullptr) quality_->Field(row.file(), "owner", !row.Raw(6).empty());
      if (!r.record_id.empty() && places) project_places[r.record_id] = *places;
      if (!Writing()) return Status::Ok();
      r.places = *places;
      r.status_date = *date;
      ONDERDAK_ASSIGN_OR_RETURN(entry->handle, writer_->AddHousingProject(r));
      return Status::Ok();
    }));
    {
      IdIndex ids{"funding_lines.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "funding_lines", kFunding, [&](const Row& row) -> Status {
        domain::FundingLine r;
        r.record_id = RecordId(row, ids);
        auto project = RefCell(row, 1, projects);
        r.funding_line = CodeCell(row, 2, "funding_line");
        auto counted = IntCell(row, 3, 1, INT32_MAX);
        if (project && counted) {
          auto it = project_places.find(std::string(row.Raw(1)));
          if (it != project_places.end() && *counted > it->second) {
            CellError(row, 3, rule::kConsistency, "exceeds the project's places (" + std::to_string(it->second) + ")");
          }
        }
        if (!Writing()) return Status::Ok();
        r.places_counted = *counted;
        return writer_->AddFundingLine(r, *project);
      }));
    }
    {
      IdIndex ids{"plans.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "plans", kPlans, [&](const Row& row) -> Status {
        domain::Plan r;
        r.record_id = RecordId(row, ids);
        r.plan_status = CodeCell(row, 1, "plan_status");
        r.adopted_date = DateCell(row, 2);
        auto aligned = YesNoCell(row, 3);
        auto wonen_eerst = YesNoCell(row, 4);
        auto origin = YesNoCell(row, 5);
        auto lived = YesNoCell(row, 6);
        auto policy = IntCell(row, 7, 0, 3);
        auto execution = IntCell(row, 8, 0, 3);
        auto target = IntCell(row, 9, 0, INT32_MAX);
        const bool adopted = r.plan_status == "vastgesteld";
        if (adopted && row.Raw(2).empty())
          CellError(row, 2, rule::kConditional, "is required when plan_status is vastgesteld");
        if (!adopted && !row.Raw(2).empty() && !r.plan_status.empty()) {
          CellError(row, 2, rule::kConditional, "must be empty unless plan_status is vastgesteld");
        }
        if (!Writing()) return Status::Ok();
        r.aligned_with_action_plan = *aligned;
        r.contains_wonen_eerst = *wonen_eerst;
        r.shelter_in_municipality_of_origin = *origin;
        r.made_with_lived_experience = *lived;
        r.lived_experience_policy = static_cast<int>(*policy);
        r.lived_experience_execution = static_cast<int>(*execution);
        r.target_extra_places = *target;
        return writer_->AddPlan(r);
      }));
    }
    {
      IdIndex ids{"agreements.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "agreements", kAgreements, [&](const Row& row) -> Status {
        domain::Agreement r;
        r.record_id = RecordId(row, ids);
        r.corporation = Text(row, 1);
        r.municipality = MunicipalityCell(row, 2);
        auto covers = YesNoCell(row, 3);
        auto agreed = IntCell(row, 4, 0, INT32_MAX);
        auto realised = IntCell(row, 5, 0, INT32_MAX);
        if (!Writing()) return Status::Ok();
        r.covers_homeless = *covers;
        r.places_agreed = *agreed;
        r.places_realised = *realised;
        return writer_->AddAgreement(r);
      }));
    }
    {
      IdIndex ids{"budgets.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "budgets", kBudgets, [&](const Row& row) -> Status {
        domain::Budget r;
        r.record_id = RecordId(row, ids);
        auto year = IntCell(row, 1, 2000, 2100);
        r.budget_theme = CodeCell(row, 2, "budget_theme");
        auto budget = IntCell(row, 3, 0, INT64_MAX / 10);
        auto spent = IntCell(row, 4, 0, INT64_MAX / 10);
        if (!Writing()) return Status::Ok();
        r.year = static_cast<int>(*year);
        r.budget_eur = *budget;
        r.spent_eur = *spent;
        return writer_->AddBudget(r);
      }));
    }
    {
      IdIndex ids{"evictions.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "evictions", kEvictions, [&](const Row& row) -> Status {
        domain::Eviction r;
        r.record_id = RecordId(row, ids);
        r.municipality = MunicipalityCell(row, 1);
        auto date = DateCell(row, 2);
        r.household = CodeCell(row, 3, "household");
        r.other_housing_found = YesNoUnknownCell(row, 4);
        CheckStartsInPeriod(row, date);
        if (!Writing()) return Status::Ok();
        r.eviction_date = *date;
        return writer_->AddEviction(r);
      }));
    }
    {
      IdIndex ids{"signals.csv"};
      ONDERDAK_RETURN_IF_ERROR(ReadFile(source, "signals", kSignals, [&](const Row& row) -> Status {
        domain::Signal r;
        r.record_id = RecordId(row, ids);
        r.municipality = MunicipalityCell(row, 1);
        auto date = DateCell(row, 2);
        r.signal_outcome = CodeCell(row, 3, "signal_outcome");
        CheckStartsInPeriod(row, date);
        if (!Writing()) return Status::Ok();
        r.signal_date = *date;
        return writer_->AddSignal(r);
      }));
    }
    {
      // One row per gemeente of the delivering region (docs/exchange-format.md §2).
      IdIndex ids{"prevention_policies.csv"};
      std::map<std::string, std::size_t, std::less<>> seen;  // municipality -> line
      ONDERDAK_RETURN_IF_ERROR(
          ReadFile(source, "prevention_policies", kPreventionPolicies, [&](const Row& row) -> Status {
            domain::PreventionPolicy r;
            r.record_id = RecordId(row, ids);
            r.municipality = MunicipalityCell(row, 1);
            r.policy_status = CodeCell(row, 2, "plan_status");
            auto scan = YesNoCell(row, 3);
            r.respite_facility = YesNoUnknownCell(row, 4);
            if (!r.municipality.empty()) CheckOwnMunicipality(row, 1, r.municipality, seen);
            if (!Writing()) return Status::Ok();
            r.prevention_scan = *scan;
            return writer_->AddPreventionPolicy(r);
          }));
    }
    return Status::Ok();
  }

  Status Person(const Row& row, IdIndex& persons) {
    domain::Person p;
    IdIndex::Entry* entry = nullptr;
    p.record_id = RecordId(row, persons, &entry);
    const std::string_view bsn = row.Raw(1);
    std::string pseudonym;
    std::optional<Date> birth_date = DateCell(row, 3);
    p.gender = CodeCell(row, 5, "gender");
    if (!bsn.empty()) {
      auto ps = pseudonymiser_.FromBsn(bsn);
      if (ps.ok()) {
        pseudonym = std::move(*ps);
      } else {
        CellError(row, 1, rule::kBsn, "must be 9 digits passing the elfproef (11-test)");
      }
    } else if (row.Raw(2).empty() || row.Raw(3).empty()) {
      RowError(row, rule::kLinkageKey,
               "without a bsn, initials and birth_date are required (they form the linkage key)");
    } else if (birth_date && !p.gender.empty()) {
      auto ps = pseudonymiser_.FromLinkageKey(row.Raw(2), *birth_date, p.gender);
      if (ps.ok()) {
        pseudonym = std::move(*ps);
      } else {
        CellError(row, 2, rule::kLinkageKey, "must be letters (dots and spaces are ignored)");
      }
    }
    // birth_year_month: YYYY-MM.
    const std::string_view ym = row.Raw(4);
    if (Present(row, 4)) {
      auto d = Date::Parse(std::string(ym) + "-01");
      if (ym.size() != 7 || !d.ok() || d->year() < 1900) {
        CellError(row, 4, rule::kYearMonth, "must be a year and month YYYY-MM from 1900 on");
      } else {
        p.birth_year = d->year();
        p.birth_month = d->month();
        if (birth_date && (birth_date->year() != p.birth_year || birth_date->month() != p.birth_month)) {
          CellError(row, 3, rule::kConsistency, "does not fall in birth_year_month " + std::string(ym));
        }
        if (period_known_ && *d > period_last_) {
          CellError(row, 4, rule::kConsistency, "is after the period the delivery covers");
        }
      }
    }
    p.nationality_group = CodeCell(row, 6, "nationality_group");
    p.household = CodeCell(row, 7, "household");
    p.municipality_of_origin = MunicipalityCell(row, 8);
    if (quality_ != nullptr) {
      quality_->Field(row.file(), "municipality_of_origin", !row.Raw(8).empty());
      const int age = p.birth_year > 0 && period_known_
                          ? domain::CompletedYears(p.birth_year * 12 + p.birth_month - 1,
                                                   period_last_.year() * 12 + period_last_.month() - 1)
                          : domain::kUnknownAge;
      quality_->Person(!bsn.empty(), age, row.line());
    }
    if (archive_persons_) persons_archive_->Row(row.fields(), pseudonym);
    if (!Writing()) return Status::Ok();
    p.pseudonym = std::move(pseudonym);
    ONDERDAK_ASSIGN_OR_RETURN(entry->handle, writer_->AddPerson(p));
    return Status::Ok();
  }

  Status Facility(const Row& row, IdIndex& facilities) {
    domain::Facility f;
    IdIndex::Entry* entry = nullptr;
    f.record_id = RecordId(row, facilities, &entry);
    f.name = Text(row, 1);
    f.municipality = MunicipalityCell(row, 2);
    f.service_type = CodeCell(row, 3, "service_type");
    if (!Writing()) return Status::Ok();
    ONDERDAK_ASSIGN_OR_RETURN(entry->handle, writer_->AddFacility(f));
    return Status::Ok();
  }

  // The reference data in force on the period's last day (checked by the session); with
  // no period (the manifest's could not be read), the reference data in force on
  // `reference_date`, and the rules that compare with the period are not checked.
  void SetReference(const domain::ReferenceSet& reference, std::optional<core::Period> period, Date reference_date,
                    std::string region) {
    reference_ = &reference;
    region_ = std::move(region);
    period_known_ = period.has_value();
    if (period) {
      period_ = *period;
      period_last_ = period->last();
    }
    reference_date_ = reference_date;
  }
  // The date whose reference data the codes are checked against, for messages.
  std::string Reference() const {
    return period_known_ ? period_last_.ToString()
                         : reference_date_.ToString() + " (the manifest's period could not be read)";
  }

  void set_writer(store::DeliveryWriter* writer) { writer_ = writer; }
  void set_quality(QualityTracker* quality) { quality_ = quality; }
  // Set to true at the first error (the delivery's hashing stops).
  void set_cancel_on_error(std::atomic<bool>* cancel) { cancel_on_error_ = cancel; }
  // The pseudonymised copy of persons.csv for the archive, and what to do once persons.csv
  // has been read (start building the archive on another thread).
  void set_persons_archive(PersonsArchive* archive, std::function<void()> after_persons) {
    persons_archive_ = archive;
    after_persons_ = std::move(after_persons);
  }

 private:
  const Pseudonymiser& pseudonymiser_;
  const ImportOptions& options_;
  ImportReport& report_;
  store::DeliveryWriter* writer_ = nullptr;
  PersonsArchive* persons_archive_ = nullptr;
  std::atomic<bool>* cancel_on_error_ = nullptr;
  std::function<void()> after_persons_;
  // Rows expected in the file being read (0 while unknown); sizes its IdIndex.
  std::size_t expected_rows_ = 0;
  // Per column of the file being read: the IdIndex its values are looked up in, if any.
  std::array<const IdIndex*, 16> prefetch_{};
  const domain::ReferenceSet* reference_ = nullptr;
  std::string region_;  // the delivering region, "" when unknown
  core::Period period_ = core::Period::Year(1970);
  Date period_last_;
  bool period_known_ = false;
  Date reference_date_;
  const DeliverySource* source_ = nullptr;  // while ReadAll runs
  std::set<std::string> unread_;            // entity files not read to their end
  bool archive_persons_ = false;            // persons.csv's rows go to persons_archive_
  QualityTracker* quality_ = nullptr;       // fed for the quality report, when given
  std::set<std::string> absent_reported_;   // "file\ncolumn" whose reference to an absent file was reported
};

}  // namespace

namespace detail {

core::Status ReadDelivery(DeliverySource& source, const ReadContext& context) {
  Importer importer(context.pseudonymiser, context.options, context.report);
  importer.SetReference(context.reference, context.period, context.reference_date, context.region);
  importer.set_writer(context.writer);
  importer.set_quality(context.quality);
  importer.set_cancel_on_error(context.cancel_on_error);
  if (context.persons_archive != nullptr) importer.set_persons_archive(context.persons_archive, context.after_persons);
  return importer.ReadAll(source);
}

}  // namespace detail
}  // namespace onderdak::ingest
