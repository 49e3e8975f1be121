// The SELECT lists of the submission tables (store/submissions.h), the same on both
// backends, so the rows are read back column by column in one order.
//
// Internal to src/onderdak/store/: used by both backends.
#pragma once

#include <string_view>

namespace onderdak::store::internal {

inline constexpr std::string_view kSubmissionColumns =
    "SELECT region, period, status, version, content, comment, late, updated_at, updated_by, submitted_at,"
    " submitted_by, decided_at, decided_by, delivery_id FROM submissions ";
inline constexpr std::string_view kSubmissionEventColumns =
    "SELECT id, region, period, version, action, status, actor, at, comment, content FROM submission_events ";
inline constexpr std::string_view kDeadlineColumns =
    "SELECT period, deadline, set_by, set_at FROM submission_deadlines ";

inline constexpr std::string_view kInsertSubmission =
    "INSERT INTO submissions(region, period, status, version, content, comment, late, updated_at, updated_by,"
    " submitted_at, submitted_by, decided_at, decided_by, delivery_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
// Guarded by the version the caller read: no row changes when someone else wrote first.
inline constexpr std::string_view kUpdateSubmission =
    "UPDATE submissions SET status = $3, version = $4, content = $5, comment = $6, late = $7, updated_at = $8,"
    " updated_by = $9, submitted_at = $10, submitted_by = $11, decided_at = $12, decided_by = $13,"
    " delivery_id = $14 WHERE region = $1 AND period = $2 AND version = $15";
inline constexpr std::string_view kInsertSubmissionEvent =
    "INSERT INTO submission_events(region, period, version, action, status, actor, at, comment, content)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

}  // namespace onderdak::store::internal
