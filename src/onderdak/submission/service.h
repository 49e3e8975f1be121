// Submissions: the regions' online submission of their aggregate figures per half-year
// (issue 7, ADR 0014). The state machine, the validation and the import on acceptance,
// over the store's SubmissionStore. Who may call what is decided by the api layer's
// access rules before these calls; this layer enforces the states:
//
//   (none) --save--> draft --submit--> submitted --accept--> accepted
//                      ^                   |                    |
//                      |                   +--return--> returned|
//                      +------save---------------------+--------+
//
// - save: from none, draft, returned or accepted (an accepted submission edited becomes a
//   draft again and, once accepted again, the next version of its delivery); refused
//   while submitted (under review). The content is validated in full; a save with
//   findings is refused and changes nothing.
// - submit: from draft; the content must also hold exactly one plans row. Marked late
//   when the day (UTC) is after the period's deadline.
// - accept: from submitted; the content is imported as a delivery (ingest::ImportDelivery)
//   of organisation = the region's CBS code. If the importer refuses, nothing changes.
// - return: from submitted, with a non-empty comment.
// Every change carries the version it was made to (optimistic concurrency): a stale one
// is FailedPrecondition ("stale version"), HTTP 409.
//
// Validation reuses the importer: the content is written as a delivery folder and checked
// with ImportDelivery(check_only), so a submission obeys exactly the rules of a file
// delivery (types, code lists, references, municipality codes in force); its messages
// (file:line: column: value: rule) are mapped back to field paths.
//
// Thread safety: calls may come from several threads; acceptances are serialised.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"
#include "onderdak/store/store.h"
#include "onderdak/submission/content.h"

namespace onderdak::submission {

// Who acts, for the history and the audit log.
struct Actor {
  std::string name;  // username (or "cli:<user>")
  std::string from;  // remote address or "cli"
};

inline constexpr std::string_view kStatusNone = "none";  // nothing saved yet (not stored)

// The default deadline of a half-year: six weeks (42 days) after its last day
// (2024H1 -> 2024-08-11, 2024H2 -> 2025-02-11).
core::Date DefaultDeadline(const core::Period& period);
// Parses a half-year ("2024H1"); InvalidInput naming the rule otherwise.
core::Result<core::Period> ParseHalfYear(std::string_view text);

struct SubmissionState {
  std::string region, region_name, period;
  std::string status = std::string(kStatusNone);
  std::int64_t version = 0;
  Content content;
  std::optional<store::SubmissionRecord> record;  // empty before the first save
  std::string deadline;                           // YYYY-MM-DD in force for the period
  bool deadline_default = true;                   // no deadline was set: the default applies
  // The region's gemeenten at the period's end (code, name), by name: the form's choices.
  std::vector<std::pair<std::string, std::string>> municipalities{};
};

// The outcome of a change: the new state, or (nothing changed) the findings.
struct ChangeResult {
  std::optional<SubmissionState> state;
  std::vector<FieldError> errors;
};

struct PeriodOverview {
  std::string period, deadline;
  bool deadline_default = true;
  std::vector<SubmissionState> regions;  // every region in force at the period's end, by name
  std::size_t regions_total = 0;         // all regions in force (not only those listed)
  std::size_t delivered = 0;             // submitted or accepted, of all regions
};

class SubmissionService {
 public:
  explicit SubmissionService(store::Store& store) : store_(store) {}

  // The state of (region, period); InvalidInput for a bad period, NotFound for a region
  // that is not a region in force at the period's end.
  core::Result<SubmissionState> Get(std::string_view region, std::string_view period);
  // The period's regions (all, or only `only` when given) with their status and the count.
  core::Result<PeriodOverview> Overview(std::string_view period, const std::optional<std::vector<std::string>>& only);
  // The findings about `content` for (region, period); `for_submit` adds the rules that
  // only a submission needs (exactly one plans row).
  core::Result<std::vector<FieldError>> Validate(std::string_view region, std::string_view period,
                                                 const Content& content, bool for_submit);

  // `action` is "save" or "upload_xlsx" (what the history and the audit log show).
  core::Result<ChangeResult> Save(std::string_view region, std::string_view period, std::int64_t version,
                                  const Content& content, const Actor& actor, std::string_view action = "save");
  // `version`: the version the caller saw, or nullopt to act on the current one.
  core::Result<ChangeResult> Submit(std::string_view region, std::string_view period,
                                    std::optional<std::int64_t> version, const Actor& actor);
  core::Result<ChangeResult> Accept(std::string_view region, std::string_view period,
                                    std::optional<std::int64_t> version, const Actor& actor);
  core::Result<ChangeResult> Return(std::string_view region, std::string_view period,
                                    std::optional<std::int64_t> version, std::string_view comment, const Actor& actor);
  // Sets the period's deadline (YYYY-MM-DD).
  core::Result<store::DeadlineRecord> SetDeadline(std::string_view period, std::string_view deadline,
                                                  const Actor& actor);

 private:
  core::Result<SubmissionState> Load(std::string_view region, std::string_view period);
  core::Result<ChangeResult> Write(SubmissionState& state, store::SubmissionRecord next,
                                   std::optional<std::int64_t> version, std::string_view action,
                                   std::string_view comment, const Actor& actor, std::string_view detail);
  core::Result<std::string> Deadline(const core::Period& period, bool* is_default);
  store::Store& store_;
  std::mutex accept_mu_;
};

}  // namespace onderdak::submission
