// ImportDelivery: `onderdak import PATH`. Reads one delivery (a folder or a .zip in
// exchange format v1, docs/exchange-format.md), validates every row, pseudonymises
// persons, and writes it as a new version in one transaction.
//
// All or nothing: the rows are validated and written in one streaming pass inside the
// store's transaction; on the first error writing stops, validation goes on (up to
// `max_errors` messages), and the transaction is rolled back, so a refused delivery leaves
// the database exactly as it was. Validation goes on past a wrong manifest field, an
// unknown, repeated or missing column and a wrong row where it safely can, so that one
// attempt shows every problem; each error comes with a Finding (file, line, column, rule,
// a suggested value) for grouping, fixes and CSV (ADR 0028). Messages name file, line, column, value and rule:
//   service_episodes.csv:12: end_date: '2021-01-01': is before start_date 2021-02-01
// Identifying values (bsn, initials, birth_date) are never echoed: "(value withheld)".
//
// Privacy: a BSN, or without one the linkage key initials|birth_date|gender, becomes a
// keyed pseudonym (Pseudonymiser); neither the BSN, the initials nor the birth date is
// stored or logged.
//
// The delivery is archived in the database with the SHA-256 of what was received; the
// archive is the delivery with persons.csv pseudonymised (bsn, initials and birth_date
// emptied, a pseudonym column added), built on other threads while the rows are read. A
// delivery identical to the version in force adds no version (`unchanged`).
//
// Many deliveries (`onderdak import DIR`): one ImportSession imports them one after
// another, each still in its own transaction, and keeps what does not change between
// them (the reference data in force per date) instead of loading it per delivery.
//
// Thread safety: one import per Store writer at a time (the store serialises writers);
// an ImportSession is used by one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/domain/dataset.h"
#include "onderdak/ingest/csv_reader.h"
#include "onderdak/ingest/delivery_source.h"
#include "onderdak/ingest/finding.h"
#include "onderdak/ingest/pseudonymiser.h"
#include "onderdak/ingest/quality.h"
#include "onderdak/store/store.h"

namespace onderdak::ingest {

struct Manifest;  // manifest.h

struct ImportProgress {
  std::string_view file;         // "service_episodes.csv"
  std::uint64_t file_bytes = 0;  // read so far in this file
  std::uint64_t file_size = 0;   // its (uncompressed) size
  std::int64_t rows = 0;         // rows read so far in this file
  bool file_done = false;
};

struct ImportOptions {
  CsvLimits csv;        // row length and file size limits
  SourceLimits source;  // zip expansion and size limits
  std::size_t max_errors = 100;
  std::size_t max_warnings = 100;
  // Validate only: read and check everything, write nothing (`import --check`).
  bool check_only = false;
  // Recorded as the delivery's source instead of the path (uploads: "upload:alice/x.zip").
  std::string source_label;
  // Written to the audit log in the same transaction as the delivery, when one is stored
  // (store::NewDelivery::audit); nothing is written for a refused or unchanged delivery.
  std::optional<store::AuditEvent> audit;
  // Build the data-quality report (ImportReport::quality). Off where nobody reads it (a
  // bulk import of many deliveries): it costs a few queries per delivery.
  bool quality_report = true;
  // Called every 65,536 rows and at the end of each file; may be empty.
  std::function<void(const ImportProgress&)> progress;
};

struct ImportReport {
  std::string source;                 // the path as given
  std::vector<std::string> errors;    // at most max_errors messages
  std::vector<Finding> findings;      // findings[i]: file, line, column and rule of errors[i]
  bool errors_truncated = false;      // more errors were found than listed
  std::vector<std::string> warnings;  // at most max_warnings messages
  std::size_t warning_count = 0;      // all warnings found
  // The data-quality report of an accepted delivery (docs/data-quality.md): warnings for
  // the provider, never a refusal. Empty for a refused one.
  std::vector<QualityCheck> quality;
  std::map<std::string, std::int64_t> rows;  // data rows per entity file read
  std::string sha256;  // of the delivery as received (zip bytes; a folder: docs/exchange-format.md §4)
  // The delivery is byte for byte the version in force: nothing was written and `delivery`
  // is that version.
  bool unchanged = false;
  std::optional<domain::Delivery> delivery;  // the new version; empty when refused or check_only

  bool accepted() const { return errors.empty(); }
};

// Imports deliveries into one store, one after another, each all or nothing as
// ImportDelivery. The reference data in force is read once per period end date and
// version for the session's life: a reference version added while a session runs applies
// from the next session on.
class ImportSession {
 public:
  ImportSession(store::Store& store, const Pseudonymiser& pseudonymiser);
  ~ImportSession();
  ImportSession(const ImportSession&) = delete;
  ImportSession& operator=(const ImportSession&) = delete;

  // As ImportDelivery.
  core::Result<ImportReport> Import(const std::filesystem::path& path, const ImportOptions& options = {});

 private:
  core::Result<const domain::ReferenceSet*> ReferenceOn(core::Date date);
  core::Result<std::optional<std::int64_t>> PreviousPersons(const Manifest& manifest);

  store::Store& store_;
  const Pseudonymiser& pseudonymiser_;
  std::map<std::string, std::int64_t> versions_;                        // date -> version in force
  std::map<std::int64_t, std::unique_ptr<domain::ReferenceSet>> sets_;  // version -> its set
};

// Imports the delivery at `path` into `store` (a session of one delivery). The report says whether it was accepted
// (then `delivery` is the new current version) or refused (then nothing was written and
// `errors` says why). A non-OK status means the import could not be attempted or the
// database failed (Io, Unavailable, Internal); the database is unchanged then too.
core::Result<ImportReport> ImportDelivery(store::Store& store, const Pseudonymiser& pseudonymiser,
                                          const std::filesystem::path& path, const ImportOptions& options = {});

}  // namespace onderdak::ingest
