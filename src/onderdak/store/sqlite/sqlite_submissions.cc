// SqliteStore's SubmissionStore (store/submissions.h). Every change runs in one IMMEDIATE
// transaction under the store's mutex, together with its event and its audit entry.
#include <string>

#include "onderdak/store/internal/submission_queries.h"
#include "onderdak/store/sqlite/sqlite_store.h"

namespace onderdak::store::sqlite {
namespace {

using internal::kDeadlineColumns;
using internal::kSubmissionColumns;
using internal::kSubmissionEventColumns;

// The shared statements number their parameters PostgreSQL's way ($1); SQLite reads
// "$1" as a named parameter numbered by first appearance, so they become "?1" here.
std::string Numbered(std::string_view sql) {
  std::string out(sql);
  for (char& c : out) {
    if (c == '$') c = '?';
  }
  return out;
}

SubmissionRecord ReadSubmission(const Stmt& st) {
  SubmissionRecord r;
  r.region = st.Text(0);
  r.period = st.Text(1);
  r.status = st.Text(2);
  r.version = st.Int(3);
  r.content = st.Text(4);
  r.comment = st.Text(5);
  r.late = st.Int(6) != 0;
  r.updated_at = st.Text(7);
  r.updated_by = st.Text(8);
  r.submitted_at = st.Text(9);
  r.submitted_by = st.Text(10);
  r.decided_at = st.Text(11);
  r.decided_by = st.Text(12);
  if (!st.IsNull(13)) r.delivery_id = st.Int(13);
  return r;
}

SubmissionEventRecord ReadEvent(const Stmt& st) {
  SubmissionEventRecord e;
  e.id = st.Int(0);
  e.region = st.Text(1);
  e.period = st.Text(2);
  e.version = st.Int(3);
  e.action = st.Text(4);
  e.status = st.Text(5);
  e.actor = st.Text(6);
  e.at = st.Text(7);
  e.comment = st.Text(8);
  e.content = st.Text(9);
  return e;
}

class SqliteSubmissions final : public SubmissionStore {
 public:
  SqliteSubmissions(Db& db, std::mutex& mu) : db_(db), mu_(mu) {}

  core::Result<std::optional<SubmissionRecord>> GetSubmission(std::string_view region,
                                                              std::string_view period) override {
    std::lock_guard lock(mu_);
    return Get(region, period);
  }

  core::Result<std::vector<SubmissionRecord>> ListSubmissions(std::string_view period) override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto st,
                              db_.Prepare(std::string(kSubmissionColumns) + "WHERE period = ? ORDER BY region"));
    st.Bind(1, period);
    std::vector<SubmissionRecord> out;
    while (st.Step()) out.push_back(ReadSubmission(st));
    ONDERDAK_RETURN_IF_ERROR(st.status());
    return out;
  }

  core::Result<SubmissionRecord> WriteSubmission(const SubmissionRecord& next, std::int64_t expected_version,
                                                 const SubmissionEventRecord& event, const AuditEvent& audit) override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
    ONDERDAK_ASSIGN_OR_RETURN(auto current, Get(next.region, next.period));
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
    ONDERDAK_ASSIGN_OR_RETURN(
        auto st, db_.Prepare(Numbered(current ? internal::kUpdateSubmission : internal::kInsertSubmission)));
    st.Bind(1, r.region)
        .Bind(2, r.period)
        .Bind(3, r.status)
        .Bind(4, r.version)
        .Bind(5, r.content)
        .Bind(6, r.comment)
        .Bind(7, r.late ? 1 : 0)
        .Bind(8, r.updated_at)
        .Bind(9, r.updated_by)
        .Bind(10, r.submitted_at)
        .Bind(11, r.submitted_by)
        .Bind(12, r.decided_at)
        .Bind(13, r.decided_by);
    if (r.delivery_id) {
      st.Bind(14, *r.delivery_id);
    } else {
      st.BindNull(14);
    }
    if (current) st.Bind(15, expected_version);
    ONDERDAK_RETURN_IF_ERROR(st.Run().WithContext("storing the submission"));
    ONDERDAK_ASSIGN_OR_RETURN(auto ev, db_.Prepare(Numbered(internal::kInsertSubmissionEvent)));
    ONDERDAK_RETURN_IF_ERROR(ev.Bind(1, r.region)
                                 .Bind(2, r.period)
                                 .Bind(3, r.version)
                                 .Bind(4, event.action)
                                 .Bind(5, r.status)
                                 .Bind(6, event.actor)
                                 .Bind(7, r.updated_at)
                                 .Bind(8, event.comment)
                                 .Bind(9, r.content)
                                 .Run()
                                 .WithContext("storing the submission's event"));
    ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, audit));
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
    return r;
  }

  core::Result<std::vector<SubmissionEventRecord>> ListSubmissionEvents(std::string_view region,
                                                                        std::string_view period) override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(std::string(kSubmissionEventColumns) +
                                                   "WHERE region = ? AND period = ? ORDER BY version"));
    st.Bind(1, region).Bind(2, period);
    std::vector<SubmissionEventRecord> out;
    while (st.Step()) out.push_back(ReadEvent(st));
    ONDERDAK_RETURN_IF_ERROR(st.status());
    return out;
  }

  core::Result<std::optional<DeadlineRecord>> GetDeadline(std::string_view period) override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(std::string(kDeadlineColumns) + "WHERE period = ?"));
    st.Bind(1, period);
    std::optional<DeadlineRecord> out;
    if (st.Step()) out = DeadlineRecord{st.Text(0), st.Text(1), st.Text(2), st.Text(3)};
    ONDERDAK_RETURN_IF_ERROR(st.status());
    return out;
  }

  core::Result<DeadlineRecord> SetDeadline(const DeadlineRecord& deadline, const AuditEvent& audit) override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
    DeadlineRecord d = deadline;
    d.set_at = UtcNow();
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare("INSERT INTO submission_deadlines(period, deadline, set_by, set_at)"
                                                   " VALUES (?, ?, ?, ?) ON CONFLICT (period) DO UPDATE SET"
                                                   " deadline = excluded.deadline, set_by = excluded.set_by,"
                                                   " set_at = excluded.set_at"));
    ONDERDAK_RETURN_IF_ERROR(st.Bind(1, d.period).Bind(2, d.deadline).Bind(3, d.set_by).Bind(4, d.set_at).Run());
    ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, audit));
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
    return d;
  }

 private:
  // Caller holds mu_.
  core::Result<std::optional<SubmissionRecord>> Get(std::string_view region, std::string_view period) {
    ONDERDAK_ASSIGN_OR_RETURN(auto st,
                              db_.Prepare(std::string(kSubmissionColumns) + "WHERE region = ? AND period = ?"));
    st.Bind(1, region).Bind(2, period);
    std::optional<SubmissionRecord> out;
    if (st.Step()) out = ReadSubmission(st);
    ONDERDAK_RETURN_IF_ERROR(st.status());
    return out;
  }

  Db& db_;
  std::mutex& mu_;
};

}  // namespace

std::unique_ptr<SubmissionStore> NewSqliteSubmissions(Db& db, std::mutex& mu) {
  return std::make_unique<SqliteSubmissions>(db, mu);
}

}  // namespace onderdak::store::sqlite
