// SubmissionStore: the store side of the regions' online submissions of their aggregate
// figures (issue 7, ADR 0014). One submission per (region, half-year): its current state
// (`submissions`), the append-only history of every save and transition
// (`submission_events`) and the deadline per period (`submission_deadlines`). Both
// backends implement it (sqlite/sqlite_submissions.cc, postgres/postgres_submissions.cc);
// obtain it with Store::Submissions().
//
// The rules (who may do what, the state machine, validation, the import on acceptance)
// live in src/onderdak/submission/; this layer stores what it is given, checks the
// optimistic version and writes the state, its event and its audit entry in one
// transaction: all three happen or none does.
//
// Thread safety: as Store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/store/accounts.h"

namespace onderdak::store {

// The current state of one submission.
struct SubmissionRecord {
  std::string region;                       // CBS code of the centrumgemeente
  std::string period;                       // half-year, e.g. 2024H1
  std::string status;                       // draft, submitted, accepted, returned
  std::int64_t version = 0;                 // 1 after the first save, +1 on every change
  std::string content;                      // the figures as JSON text (submission/content.h)
  std::string comment;                      // the analyst's comment of the last return; empty otherwise
  bool late = false;                        // submitted after the period's deadline
  std::string updated_at, updated_by;       // the last change
  std::string submitted_at, submitted_by;   // the last submission; empty before
  std::string decided_at, decided_by;       // the last acceptance or return; empty before
  std::optional<std::int64_t> delivery_id;  // the delivery made by the last acceptance
};

// One entry of a submission's history.
struct SubmissionEventRecord {
  std::int64_t id = 0;
  std::string region, period;
  std::int64_t version = 0;  // the submission's version after the change
  std::string action;        // save, submit, accept, return, upload_xlsx
  std::string status;        // the status after the change
  std::string actor, at;
  std::string comment;
  std::string content;  // the content after the change (a snapshot, so every version can be shown)
};

struct DeadlineRecord {
  std::string period;
  std::string deadline;  // YYYY-MM-DD, the last day on time
  std::string set_by, set_at;
};

class SubmissionStore {
 public:
  virtual ~SubmissionStore() = default;

  // The submission of (region, period); nullopt when none was saved yet.
  virtual core::Result<std::optional<SubmissionRecord>> GetSubmission(std::string_view region,
                                                                      std::string_view period) = 0;
  // Every submission of `period`, by region.
  virtual core::Result<std::vector<SubmissionRecord>> ListSubmissions(std::string_view period) = 0;
  // Writes `next` as the state of (next.region, next.period) when the stored version is
  // `expected_version` (0: nothing stored yet), with next.version = expected_version + 1
  // and next.updated_at = now (both set here), appends `event` (its region, period, version,
  // status, at and content taken from `next`) and `audit`, in one transaction.
  // FailedPrecondition "stale version" when the stored version differs (someone else
  // saved in between): nothing is written.
  virtual core::Result<SubmissionRecord> WriteSubmission(const SubmissionRecord& next, std::int64_t expected_version,
                                                         const SubmissionEventRecord& event,
                                                         const AuditEvent& audit) = 0;
  // The history of (region, period), oldest first.
  virtual core::Result<std::vector<SubmissionEventRecord>> ListSubmissionEvents(std::string_view region,
                                                                                std::string_view period) = 0;

  // The deadline set for `period`; nullopt when none was set (the default applies).
  virtual core::Result<std::optional<DeadlineRecord>> GetDeadline(std::string_view period) = 0;
  // Sets (or replaces) the deadline of `deadline.period` (set_at = now, set here) with its
  // audit entry, in one transaction.
  virtual core::Result<DeadlineRecord> SetDeadline(const DeadlineRecord& deadline, const AuditEvent& audit) = 0;

 protected:
  SubmissionStore() = default;
};

}  // namespace onderdak::store
