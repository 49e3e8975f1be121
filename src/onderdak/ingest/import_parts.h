// The parts of the delivery import that are not the validation itself: the column tables
// of docs/exchange-format.md §2, a row mapped to its header, the record-id index, the
// pseudonymised copy of persons.csv for the archive, and ReadDelivery(), the validation
// (delivery_import.cc) as the session (import_session.cc) calls it.
//
// Internal to src/onderdak/ingest/: included by delivery_import.cc and import_session.cc.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "onderdak/ingest/csv_reader.h"
#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/finding.h"
#include "onderdak/ingest/quality.h"
#include "onderdak/ingest/text_rules.h"

namespace onderdak::ingest::detail {

struct Column {
  std::string_view name;
  bool required;  // the column must be in the header and every row must fill it
};

// The columns of each entity file, as in docs/exchange-format.md §2. A test checks that
// the document's tables name exactly these columns.
constexpr Column kPersons[] = {{"record_id", true},
                               {"bsn", false},
                               {"initials", false},
                               {"birth_date", false},
                               {"birth_year_month", true},
                               {"gender", true},
                               {"nationality_group", true},
                               {"household", true},
                               {"municipality_of_origin", false}};
constexpr Column kLiving[] = {{"record_id", true},  {"person_id", true}, {"ethos", true},
                              {"start_date", true}, {"end_date", false}, {"source", false}};
constexpr Column kEpisodes[] = {{"record_id", true},    {"person_id", true},        {"service_type", true},
                                {"facility_id", false}, {"municipality", true},     {"start_date", true},
                                {"end_date", false},    {"exit_destination", false}};
constexpr Column kRequests[] = {
    {"record_id", true},          {"person_id", true}, {"request_date", true},   {"municipality_applied_to", true},
    {"service_type", true},       {"decision", false}, {"decision_date", false}, {"decision_reason", false},
    {"referred_to_region", false}};
constexpr Column kWaiting[] = {{"record_id", true},       {"person_id", true}, {"waiting_list_type", true},
                               {"registered_date", true}, {"end_date", false}, {"outcome", false}};
constexpr Column kCauses[] = {{"record_id", true}, {"person_id", true}, {"intake_date", true}, {"cause", true}};
constexpr Column kNeeds[] = {
    {"record_id", true}, {"person_id", true}, {"assessed_date", true}, {"need_category", true}};
constexpr Column kFacilities[] = {{"record_id", true}, {"name", true}, {"municipality", true}, {"service_type", true}};
constexpr Column kCapacity[] = {{"record_id", true}, {"facility_id", true}, {"valid_from", true},
                                {"room_size", true}, {"rooms", true},       {"places", true}};
constexpr Column kProjects[] = {{"record_id", true}, {"municipality", true}, {"housing_kind", true}, {"places", true},
                                {"status", true},    {"status_date", true},  {"owner", false}};
constexpr Column kFunding[] = {
    {"record_id", true}, {"project_id", true}, {"funding_line", true}, {"places_counted", true}};
constexpr Column kPlans[] = {{"record_id", true},
                             {"plan_status", true},
                             {"adopted_date", false},
                             {"aligned_with_action_plan", true},
                             {"contains_wonen_eerst", true},
                             {"shelter_in_municipality_of_origin", true},
                             {"made_with_lived_experience", true},
                             {"lived_experience_policy", true},
                             {"lived_experience_execution", true},
                             {"target_extra_places", true}};
constexpr Column kAgreements[] = {{"record_id", true},       {"corporation", true},   {"municipality", true},
                                  {"covers_homeless", true}, {"places_agreed", true}, {"places_realised", true}};
constexpr Column kBudgets[] = {
    {"record_id", true}, {"year", true}, {"budget_theme", true}, {"budget_eur", true}, {"spent_eur", true}};
constexpr Column kEvictions[] = {{"record_id", true},
                                 {"municipality", true},
                                 {"eviction_date", true},
                                 {"household", true},
                                 {"other_housing_found", true}};
constexpr Column kSignals[] = {
    {"record_id", true}, {"municipality", true}, {"signal_date", true}, {"signal_outcome", true}};
constexpr Column kPreventionPolicies[] = {{"record_id", true},
                                          {"municipality", true},
                                          {"policy_status", true},
                                          {"prevention_scan", true},
                                          {"respite_facility", true}};

// A wrong column of a header row, as MapHeader finds it.
struct HeaderProblem {
  std::string column{};     // as shown in messages ("" for a nameless one)
  std::string_view rule{};  // rule::kUnknownColumn, kDuplicateColumn or kMissingColumn
  std::string message{};
  std::string suggestion{};  // the column meant, for a misspelt one
};

// Maps `header` to `columns`: the result's [c] is the header's index of column c, or -1.
// Every column must be known and named, each once, and the required ones present; each
// problem goes to `problem`, which returns false to stop looking. So that one attempt
// shows every problem, the rows are still read with this map: an unknown or nameless
// column is ignored, a repeated one is read from its first occurrence, and a missing
// required column is reported once here, not on every row (ADR 0028).
std::vector<int> MapHeader(const std::string& file, const std::vector<std::string>& header,
                           std::span<const Column> columns, const std::function<bool(HeaderProblem)>& problem);

// Columns whose values identify a person and are never echoed in a message.
inline bool IsWithheld(std::string_view column) {
  return column == "bsn" || column == "initials" || column == "birth_date";
}

inline std::string Shown(std::string_view value) { return ShownValue(value); }

// One data row of an entity file, with its columns mapped to the header.
class Row {
 public:
  Row(const std::string& file, std::span<const Column> columns, const std::vector<int>& map,
      const std::vector<std::string_view>& fields, std::size_t line)
      : file_(file), columns_(columns), map_(map), fields_(fields), line_(line) {}
  std::string_view Raw(int c) const {
    const int i = map_[static_cast<std::size_t>(c)];
    return i < 0 ? std::string_view() : TrimBlanks(fields_[static_cast<std::size_t>(i)]);
  }
  std::string_view Name(int c) const { return columns_[static_cast<std::size_t>(c)].name; }
  bool Required(int c) const { return columns_[static_cast<std::size_t>(c)].required; }
  std::string Where() const { return file_ + ":" + std::to_string(line_); }
  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }
  const std::vector<std::string_view>& fields() const { return fields_; }
  // The file's column index of spec column `c`, or -1.
  int Index(int c) const { return map_[static_cast<std::size_t>(c)]; }

 private:
  const std::string& file_;
  std::span<const Column> columns_;
  const std::vector<int>& map_;
  const std::vector<std::string_view>& fields_;
  std::size_t line_;
};

// Allocates blocks of 2 MiB and more as transparent huge pages (where the kernel allows
// them on request). The record-id maps of million-row files are tens of MB probed at
// random; with 4 KiB pages each probe also missed the TLB and first touches faulted page
// by page. Measured on bench/import_bench.sh's delivery: `import --check` best of 4
// 1.04 s with huge pages, 1.23 s without.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kHuge = 2 * 1024 * 1024;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT(google-explicit-constructor)
  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return std::allocator<T>().allocate(n);
    void* p = std::aligned_alloc(kHuge, (bytes + kHuge - 1) / kHuge * kHuge);
    if (p == nullptr) throw std::bad_alloc();
    (void)::madvise(p, bytes, MADV_HUGEPAGE);  // advice only: fine if it is not taken
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) {
    if (n * sizeof(T) < kHuge) {
      std::allocator<T>().deallocate(p, n);
    } else {
      std::free(p);
    }
  }
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};

// record_id -> (line first seen, store handle) for one file. An open-addressing map
// (Abseil): with std::unordered_map its node allocations were a fifth of the import time
// of a 1,000,000-row file (bench/import_bench.sh). The keys are views into an arena of
// large blocks, not std::strings: a slot is 32 bytes instead of 48, and no id is copied
// twice. The map is sized once from the file's estimated row count (ReserveOnce) instead
// of doubling. Measured on the 1,000,000-row benchmark: with std::string keys and no
// reserve, growing (rehash and page faults) and probing these maps were ~20% of all
// samples of the import; `import --check` went from ~2.1 s to ~1.7 s and its peak
// memory from 188 to 108 MB with this change.
class IdIndex {
 public:
  struct Entry {
    std::size_t line;     // line on which the id was first seen
    std::int64_t handle;  // the store's handle, once written
  };
  explicit IdIndex(std::string file) : file_(std::move(file)) {}
  IdIndex(const IdIndex&) = delete;
  IdIndex& operator=(const IdIndex&) = delete;

  // Adds `id` first seen on `line`; returns its entry and whether it is new.
  std::pair<Entry*, bool> Add(std::string_view id, std::size_t line) {
    // Copied first, so that a new id takes one probe; a duplicate (an error, rare) gives
    // the copy back.
    const std::size_t used = used_, blocks = blocks_.size();
    auto [it, inserted] = ids_.try_emplace(Keep(id), Entry{line, 0});
    if (!inserted && blocks_.size() == blocks) used_ = used;
    return {&it->second, inserted};
  }
  const Entry* Find(std::string_view id) const {
    auto it = ids_.find(id);
    return it == ids_.end() ? nullptr : &it->second;
  }
  // Sizes the map for `rows` ids once, so it does not rehash while it grows.
  void ReserveOnce(std::size_t rows) {
    if (reserved_) return;
    reserved_ = true;
    ids_.reserve(rows);
  }
  // Starts loading the memory a later Add or Find of `id` will touch.
  void Prefetch(std::string_view id) const { ids_.prefetch(id); }
  const std::string& file() const { return file_; }

 private:
  // Blocks grow from 4 KiB to 1 MiB, and are not zero-filled: a file of tens of rows
  // (most files of a national import's ~1,250 deliveries) took a zero-filled 1 MiB block
  // per file before (ADR 0020).
  static constexpr std::size_t kFirstBlockBytes = 4 * 1024;
  static constexpr std::size_t kMaxBlockBytes = 1 << 20;
  // A stable copy of `id` in the arena.
  std::string_view Keep(std::string_view id) {
    if (blocks_.empty() || id.size() > block_bytes_ - used_) {
      if (!blocks_.empty()) block_bytes_ = std::min(block_bytes_ * 2, kMaxBlockBytes);
      block_bytes_ = std::max(block_bytes_, id.size());
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_bytes_));
      used_ = 0;
    }
    char* at = blocks_.back().get() + used_;
    std::memcpy(at, id.data(), id.size());
    used_ += id.size();
    return {at, id.size()};
  }

  using Map = absl::flat_hash_map<std::string_view, Entry, absl::Hash<std::string_view>, std::equal_to<>,
                                  HugePageAllocator<std::pair<const std::string_view, Entry>>>;
  Map ids_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_bytes_ = kFirstBlockBytes;  // size of blocks_.back()
  std::size_t used_ = 0;                        // bytes used in blocks_.back()
  bool reserved_ = false;
  std::string file_;
};

// persons.csv as archived: every column as delivered, except that bsn, initials and
// birth_date are emptied, and a last column `pseudonym` is added. The archive thus keeps
// what was delivered without the identifying values (ADR 0006, ADR 0008).
class PersonsArchive {
 public:
  explicit PersonsArchive(const std::filesystem::path& path) : out_(path, std::ios::binary) {}
  bool ok() const { return static_cast<bool>(out_); }
  void Header(const std::vector<std::string>& header, std::vector<int> withheld) {
    withheld_ = std::move(withheld);
    for (const auto& h : header) Field(h, false);
    Field("pseudonym", true);
  }
  void Row(const std::vector<std::string_view>& fields, std::string_view pseudonym) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const bool hide = std::find(withheld_.begin(), withheld_.end(), static_cast<int>(i)) != withheld_.end();
      Field(hide ? std::string_view() : fields[i], false);
    }
    Field(pseudonym, true);
  }
  void Close() { out_.close(); }

 private:
  void Field(std::string_view v, bool last) {
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
      out_ << v;
    } else {
      out_ << '"';
      for (char c : v) out_ << (c == '"' ? "\"\"" : std::string_view(&c, 1));
      out_ << '"';
    }
    out_ << (last ? '\n' : ',');
  }
  std::ofstream out_;
  std::vector<int> withheld_;
};

// What ReadDelivery needs besides the delivery's files.
struct ReadContext {
  const Pseudonymiser& pseudonymiser;
  const ImportOptions& options;
  ImportReport& report;  // receives errors, warnings and row counts
  // The reference data in force on the last day of `period` (municipality and region codes),
  // or, when the manifest's period could not be read (nullopt), on `reference_date`.
  const domain::ReferenceSet& reference;
  std::optional<core::Period> period;
  core::Date reference_date;
  // The delivering region (the manifest's), or "" when it could not be read.
  std::string region{};
  store::DeliveryWriter* writer = nullptr;       // null: validate only
  std::atomic<bool>* cancel_on_error = nullptr;  // set at the first error, when given
  PersonsArchive* persons_archive = nullptr;     // receives persons.csv pseudonymised, when given
  std::function<void()> after_persons;           // called once persons.csv has been read
  QualityTracker* quality = nullptr;             // fed the rows for the quality report, when given
};

// Reads every entity file of `source`, validating each row and writing it to
// `context.writer` while the delivery is clean. Errors in the data go to the report; a
// non-OK status is a failure of the store or the machine.
core::Status ReadDelivery(DeliverySource& source, const ReadContext& context);

}  // namespace onderdak::ingest::detail
