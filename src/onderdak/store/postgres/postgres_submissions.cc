// PostgresStore's SubmissionStore (store/submissions.h), behaving as SQLite's. Every
// change runs in one transaction with its event and its audit entry; changes to one
// (region, period) are serialised by a transaction-level advisory lock, so two processes
// saving the same submission at once cannot both pass the version check.
#include <string>

#include "onderdak/store/internal/submission_queries.h"
#include "onderdak/store/postgres/pg_migrations.h"
#include "onderdak/store/postgres/postgres_store.h"

namespace onderdak::store::postgres {
namespace {

using internal::kDeadlineColumns;
using internal::kSubmissionColumns;
using internal::kSubmissionEventColumns;

// First key of the advisory lock of one submission (second key: hashtext(region|period)).
// Beside the keys of pg_migrations.h (80001-80003).
constexpr int kLockSubmission = 80014;

std::vector<SubmissionRecord> ReadSubmissions(const PgResult& r) {
  std::vector<SubmissionRecord> out;
  for (int i = 0; i < r.rows(); ++i) {
    SubmissionRecord s;
    s.region = r.Str(i, 0);
    s.period = r.Str(i, 1);
    s.status = r.Str(i, 2);
    s.version = r.Int(i, 3);
    s.content = r.Str(i, 4);
    s.comment = r.Str(i, 5);
    s.late = r.Bool(i, 6);
    s.updated_at = r.Str(i, 7);
    s.updated_by = r.Str(i, 8);
    s.submitted_at = r.Str(i, 9);
    s.submitted_by = r.Str(i, 10);
    s.decided_at = r.Str(i, 11);
    s.decided_by = r.Str(i, 12);
    if (!r.IsNull(i, 13)) s.delivery_id = r.Int(i, 13);
    out.push_back(std::move(s));
  }
  return out;
}

core::Result<std::optional<SubmissionRecord>> Get(Conn& conn, std::string_view region, std::string_view period) {
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn.Query(std::string(kSubmissionColumns) + "WHERE region = $1 AND period = $2",
                                               Params().Add(region).Add(period)));
  auto rows = ReadSubmissions(r);
  if (rows.empty()) return std::optional<SubmissionRecord>();
  return std::optional<SubmissionRecord>(std::move(rows.front()));
}

class PostgresSubmissions final : public SubmissionStore {
 public:
  explicit PostgresSubmissions(PostgresStore& store) : store_(store) {}

  core::Result<std::optional<SubmissionRecord>> GetSubmission(std::string_view region,
                                                              std::string_view period) override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    return Get(*conn, region, period);
  }

  core::Result<std::vector<SubmissionRecord>> ListSubmissions(std::string_view period) override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query(std::string(kSubmissionColumns) + "WHERE period = $1 ORDER BY region",
                                                  Params().Add(period)));
    return ReadSubmissions(r);
  }

  core::Result<SubmissionRecord> WriteSubmission(const SubmissionRecord& next, std::int64_t expected_version,
                                                 const SubmissionEventRecord& event, const AuditEvent& audit) override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
    ONDERDAK_RETURN_IF_ERROR(conn->Query("SELECT pg_advisory_xact_lock($1, hashtext($2))",
                                         Params().Add(kLockSubmission).Add(next.region + "|" + next.period))
                                 .status());
    ONDERDAK_ASSIGN_OR_RETURN(auto current, Get(*conn, next.region, next.period));
    const std::int64_t stored = current ? current->version : 0;
    if (stored != expected_version) {
      return core::Status::FailedPrecondition("stale version: the submission of " + next.region + " " + next.period +
                                              " is at version " + std::to_string(stored) +
                                              ", this change was made to " + std::to_string(expected_version) +
                                              "; reload and try again");
    }
    SubmissionRecord r = next;
    r.version = expected_version + 1;
    r.updated_at = UtcNow();
    Params p;
    p.Add(r.region)
        .Add(r.period)
        .Add(r.status)
        .Add(r.version)
        .Add(r.content)
        .Add(r.comment)
        .Add(r.late)
        .Add(r.updated_at)
        .Add(r.updated_by)
        .Add(r.submitted_at)
        .Add(r.submitted_by)
        .Add(r.decided_at)
        .Add(r.decided_by);
    if (r.delivery_id) {
      p.Add(*r.delivery_id);
    } else {
      p.AddNull();
    }
    if (current) p.Add(expected_version);
    ONDERDAK_RETURN_IF_ERROR(conn->Query(current ? internal::kUpdateSubmission : internal::kInsertSubmission, p)
                                 .status()
                                 .WithContext("storing the submission"));
    ONDERDAK_RETURN_IF_ERROR(conn->Query(internal::kInsertSubmissionEvent, Params()
                                                                               .Add(r.region)
                                                                               .Add(r.period)
                                                                               .Add(r.version)
                                                                               .Add(event.action)
                                                                               .Add(r.status)
                                                                               .Add(event.actor)
                                                                               .Add(r.updated_at)
                                                                               .Add(event.comment)
                                                                               .Add(r.content))
                                 .status()
                                 .WithContext("storing the submission's event"));
    ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, audit));
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
    return r;
  }

  core::Result<std::vector<SubmissionEventRecord>> ListSubmissionEvents(std::string_view region,
                                                                        std::string_view period) override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(
        auto r, conn->Query(std::string(kSubmissionEventColumns) + "WHERE region = $1 AND period = $2 ORDER BY version",
                            Params().Add(region).Add(period)));
    std::vector<SubmissionEventRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      SubmissionEventRecord e;
      e.id = r.Int(i, 0);
      e.region = r.Str(i, 1);
      e.period = r.Str(i, 2);
      e.version = r.Int(i, 3);
      e.action = r.Str(i, 4);
      e.status = r.Str(i, 5);
      e.actor = r.Str(i, 6);
      e.at = r.Str(i, 7);
      e.comment = r.Str(i, 8);
      e.content = r.Str(i, 9);
      out.push_back(std::move(e));
    }
    return out;
  }

  core::Result<std::optional<DeadlineRecord>> GetDeadline(std::string_view period) override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto r,
                              conn->Query(std::string(kDeadlineColumns) + "WHERE period = $1", Params().Add(period)));
    if (r.rows() == 0) return std::optional<DeadlineRecord>();
    return std::optional<DeadlineRecord>(DeadlineRecord{r.Str(0, 0), r.Str(0, 1), r.Str(0, 2), r.Str(0, 3)});
  }

  core::Result<DeadlineRecord> SetDeadline(const DeadlineRecord& deadline, const AuditEvent& audit) override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
    DeadlineRecord d = deadline;
    d.set_at = UtcNow();
    ONDERDAK_RETURN_IF_ERROR(conn->Query("INSERT INTO submission_deadlines(period, deadline, set_by, set_at)"
                                         " VALUES ($1, $2, $3, $4) ON CONFLICT (period) DO UPDATE SET"
                                         " deadline = excluded.deadline, set_by = excluded.set_by,"
                                         " set_at = excluded.set_at",
                                         Params().Add(d.period).Add(d.deadline).Add(d.set_by).Add(d.set_at))
                                 .status());
    ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, audit));
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
    return d;
  }

 private:
  PostgresStore& store_;
};

}  // namespace

std::unique_ptr<SubmissionStore> NewPostgresSubmissions(PostgresStore& store) {
  return std::make_unique<PostgresSubmissions>(store);
}

}  // namespace onderdak::store::postgres
