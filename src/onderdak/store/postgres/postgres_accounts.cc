// PostgresStore's AccountStore (store/accounts.h), behaving as SQLite's. Every change
// runs in one transaction with its audit entry; appends to the hash chain are serialised
// by a transaction-level advisory lock (kLockAudit), so concurrent processes never fork
// the chain.
#include <algorithm>

#include "onderdak/store/internal/account_queries.h"
#include "onderdak/store/postgres/pg_migrations.h"
#include "onderdak/store/postgres/postgres_store.h"

namespace onderdak::store::postgres {
namespace {

using internal::kAuditColumns;
using internal::kTokenColumns;
using internal::kUserColumns;

// The user's columns in kUserColumns' order, starting at column `at` of row `row`.
UserRecord ReadUser(const PgResult& r, int row, int at = 0) {
  UserRecord u;
  u.id = r.Int(row, at);
  u.username = r.Str(row, at + 1);
  u.role = r.Str(row, at + 2);
  u.regions = SplitRegions(r.Text(row, at + 3));
  u.organisation = r.Str(row, at + 4);
  u.password_hash = r.Str(row, at + 5);
  u.disabled = r.Bool(row, at + 6);
  u.created_at = r.Str(row, at + 7);
  return u;
}

core::Result<std::vector<UserRecord>> QueryUsers(Conn& conn, std::string_view where, const Params& params) {
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn.Query(std::string(kUserColumns) + std::string(where), params));
  std::vector<UserRecord> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(ReadUser(r, i));
  return out;
}

core::Result<std::vector<ApiTokenRecord>> QueryTokens(Conn& conn, std::string_view where, const Params& params) {
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn.Query(std::string(kTokenColumns) + std::string(where), params));
  std::vector<ApiTokenRecord> out;
  for (int i = 0; i < r.rows(); ++i) {
    ApiTokenRecord t;
    t.id = r.Int(i, 0);
    t.user_id = r.Int(i, 1);
    t.username = r.Str(i, 2);
    t.label = r.Str(i, 3);
    t.token_hash = r.Str(i, 4);
    t.role = r.Str(i, 5);
    t.regions = SplitRegions(r.Text(i, 6));
    t.created_at = r.Str(i, 7);
    if (!r.IsNull(i, 8)) t.revoked_at = r.Str(i, 8);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

// Appends `event` to the chain inside the caller's transaction.
core::Result<AuditEntry> AppendAuditInTransaction(Conn& conn, const AuditEvent& event) {
  ONDERDAK_RETURN_IF_ERROR(conn.Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kLockAudit) + ", 0)"));
  ONDERDAK_ASSIGN_OR_RETURN(auto last, conn.Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
  std::optional<std::pair<std::int64_t, std::string>> tail;
  if (last.rows() > 0) tail.emplace(last.Int(0, 0), last.Str(0, 1));
  AuditEntry e = NextAuditEntry(tail, event);
  ONDERDAK_RETURN_IF_ERROR(conn.Query("INSERT INTO audit_log(seq, at, actor, action, object, detail, from_addr,"
                                      " prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                                      Params()
                                          .Add(e.seq)
                                          .Add(e.at)
                                          .Add(e.actor)
                                          .Add(e.action)
                                          .Add(e.object)
                                          .Add(e.detail)
                                          .Add(e.from)
                                          .Add(e.prev_hash)
                                          .Add(e.hash))
                               .status()
                               .WithContext("appending to the audit log"));
  return e;
}

core::Result<UserRecord> PostgresStore::AddUser(const UserRecord& user, const AuditEvent& audit) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
  // The audit lock also serialises user changes, so the existence check below holds.
  ONDERDAK_RETURN_IF_ERROR(conn->Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kLockAudit) + ", 0)"));
  ONDERDAK_ASSIGN_OR_RETURN(auto existing, QueryUsers(*conn, "WHERE username = $1", Params().Add(user.username)));
  if (!existing.empty()) return core::Status::AlreadyExists("user '" + user.username + "' already exists");
  ONDERDAK_RETURN_IF_ERROR(conn->Query("INSERT INTO users(username, role, regions, organisation, password_hash,"
                                       " created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                                       Params()
                                           .Add(user.username)
                                           .Add(user.role)
                                           .Add(JoinRegions(user.regions))
                                           .Add(user.organisation)
                                           .Add(user.password_hash)
                                           .Add(UtcNow()))
                               .status()
                               .WithContext("storing user '" + user.username + "'"));
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, audit));
  ONDERDAK_ASSIGN_OR_RETURN(auto added, QueryUsers(*conn, "WHERE username = $1", Params().Add(user.username)));
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  if (added.empty()) return core::Status::Internal("user vanished after insert");
  return added.front();
}

core::Result<std::vector<UserRecord>> PostgresStore::ListUsers() {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  return QueryUsers(*conn, "ORDER BY username", Params());
}

core::Result<UserRecord> PostgresStore::GetUser(std::string_view username) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto users, QueryUsers(*conn, "WHERE username = $1", Params().Add(username)));
  if (users.empty()) return core::Status::NotFound("user '" + std::string(username) + "' does not exist");
  return users.front();
}

core::Result<std::int64_t> PostgresStore::CountUsersWithRole(std::string_view role) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(
      auto r, conn->Query("SELECT count(*) FROM users WHERE role = $1 AND NOT disabled", Params().Add(role)));
  return r.Int(0, 0);
}

core::Status PostgresStore::DisableUser(std::string_view username, const AuditEvent& audit) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
  ONDERDAK_ASSIGN_OR_RETURN(auto users, QueryUsers(*conn, "WHERE username = $1 FOR UPDATE", Params().Add(username)));
  if (users.empty()) return core::Status::NotFound("user '" + std::string(username) + "' does not exist");
  if (users.front().disabled) {
    return core::Status::FailedPrecondition("user '" + std::string(username) + "' is already disabled");
  }
  ONDERDAK_RETURN_IF_ERROR(
      conn->Query("UPDATE users SET disabled = true WHERE id = $1", Params().Add(users.front().id)).status());
  ONDERDAK_RETURN_IF_ERROR(
      conn->Query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
                  Params().Add(UtcNow()).Add(users.front().id))
          .status());
  ONDERDAK_RETURN_IF_ERROR(conn->Query("UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL",
                                       Params().Add(UtcNow()).Add(users.front().id))
                               .status());
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, audit));
  return tx.Commit();
}

core::Status PostgresStore::EnableUser(std::string_view username, const AuditEvent& audit) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
  ONDERDAK_ASSIGN_OR_RETURN(auto users, QueryUsers(*conn, "WHERE username = $1 FOR UPDATE", Params().Add(username)));
  if (users.empty()) return core::Status::NotFound("user '" + std::string(username) + "' does not exist");
  if (!users.front().disabled) {
    return core::Status::FailedPrecondition("user '" + std::string(username) + "' is not disabled");
  }
  ONDERDAK_RETURN_IF_ERROR(
      conn->Query("UPDATE users SET disabled = false WHERE id = $1", Params().Add(users.front().id)).status());
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, audit));
  return tx.Commit();
}

core::Status PostgresStore::SetPasswordHash(std::string_view username, std::string_view hash,
                                            std::optional<std::int64_t> keep_session,
                                            const std::optional<AuditEvent>& audit) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
  ONDERDAK_ASSIGN_OR_RETURN(auto users, QueryUsers(*conn, "WHERE username = $1 FOR UPDATE", Params().Add(username)));
  if (users.empty()) return core::Status::NotFound("user '" + std::string(username) + "' does not exist");
  ONDERDAK_RETURN_IF_ERROR(
      conn->Query("UPDATE users SET password_hash = $1 WHERE id = $2", Params().Add(hash).Add(users.front().id))
          .status());
  if (audit) {
    ONDERDAK_RETURN_IF_ERROR(conn->Query("UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL "
                                         "AND id <> $3",
                                         Params().Add(UtcNow()).Add(users.front().id).Add(keep_session.value_or(0)))
                                 .status());
    ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, *audit));
  }
  return tx.Commit();
}

core::Result<ApiTokenRecord> PostgresStore::AddToken(std::string_view username, std::string_view label,
                                                     std::string_view token_hash, const AuditEvent& audit) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
  ONDERDAK_ASSIGN_OR_RETURN(auto users, QueryUsers(*conn, "WHERE username = $1 FOR SHARE", Params().Add(username)));
  if (users.empty()) return core::Status::NotFound("user '" + std::string(username) + "' does not exist");
  const UserRecord& u = users.front();
  if (u.disabled) return core::Status::FailedPrecondition("user '" + u.username + "' is disabled");
  ONDERDAK_ASSIGN_OR_RETURN(
      auto ins,
      conn->Query("INSERT INTO api_tokens(user_id, label, token_hash, role, regions,"
                  " created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                  Params().Add(u.id).Add(label).Add(token_hash).Add(u.role).Add(JoinRegions(u.regions)).Add(UtcNow())));
  const std::int64_t id = ins.Int(0, 0);
  AuditEvent event = audit;
  event.object = "token:" + std::to_string(id);
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, event));
  ONDERDAK_ASSIGN_OR_RETURN(auto added, QueryTokens(*conn, "WHERE t.id = $1", Params().Add(id)));
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  if (added.empty()) return core::Status::Internal("token vanished after insert");
  return added.front();
}

core::Result<std::vector<ApiTokenRecord>> PostgresStore::ListTokens() {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  return QueryTokens(*conn, "ORDER BY t.id", Params());
}

core::Result<ApiTokenRecord> PostgresStore::FindTokenByHash(std::string_view token_hash) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tokens, QueryTokens(*conn, "WHERE t.token_hash = $1", Params().Add(token_hash)));
  if (tokens.empty()) return core::Status::NotFound("no such token");
  return tokens.front();
}

core::Status PostgresStore::RevokeToken(std::int64_t id, const AuditEvent& audit) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
  ONDERDAK_ASSIGN_OR_RETURN(auto tokens, QueryTokens(*conn, "WHERE t.id = $1 FOR UPDATE OF t", Params().Add(id)));
  if (tokens.empty()) return core::Status::NotFound("token " + std::to_string(id) + " does not exist");
  if (tokens.front().revoked_at) {
    return core::Status::FailedPrecondition("token " + std::to_string(id) + " is already revoked");
  }
  ONDERDAK_RETURN_IF_ERROR(
      conn->Query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2", Params().Add(UtcNow()).Add(id)).status());
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, audit));
  return tx.Commit();
}

core::Result<AuditEntry> PostgresStore::AppendAudit(const AuditEvent& event) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
  ONDERDAK_ASSIGN_OR_RETURN(auto e, AppendAuditInTransaction(*conn, event));
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  return e;
}

core::Result<std::vector<AuditEntry>> PostgresStore::ListAudit(std::optional<std::int64_t> limit) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  Params params;
  std::string sql(kAuditColumns);
  if (limit) {
    sql += "ORDER BY seq DESC LIMIT $1";
    params.Add(*limit);
  } else {
    sql += "ORDER BY seq";
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query(sql, params));
  std::vector<AuditEntry> out;
  for (int i = 0; i < r.rows(); ++i) {
    AuditEntry e;
    e.seq = r.Int(i, 0);
    e.at = r.Str(i, 1);
    e.actor = r.Str(i, 2);
    e.action = r.Str(i, 3);
    e.object = r.Str(i, 4);
    e.detail = r.Str(i, 5);
    e.from = r.Str(i, 6);
    e.prev_hash = r.Str(i, 7);
    e.hash = r.Str(i, 8);
    out.push_back(std::move(e));
  }
  if (limit) std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace onderdak::store::postgres

namespace onderdak::store::postgres {

// Sessions and login attempts (api/session.h, ADR 0013), as SQLite's.

core::Result<SessionRecord> PostgresStore::AddSession(const SessionRecord& session, const AuditEvent& audit) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
  ONDERDAK_ASSIGN_OR_RETURN(auto r,
                            conn->Query("INSERT INTO sessions(token_hash, user_id, csrf, created_at, expires_at,"
                                        " last_seen_at, from_addr) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                                        " RETURNING id",
                                        Params()
                                            .Add(session.token_hash)
                                            .Add(session.user_id)
                                            .Add(session.csrf)
                                            .Add(session.created_at)
                                            .Add(session.expires_at)
                                            .Add(session.last_seen_at)
                                            .Add(session.from)));
  SessionRecord out = session;
  out.id = r.Int(0, 0);
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, audit).status());
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  return out;
}

core::Result<std::pair<SessionRecord, UserRecord>> PostgresStore::FindSession(std::string_view token_hash) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query(std::string(internal::kSessionColumns) + "WHERE s.token_hash = $1",
                                                Params().Add(token_hash)));
  if (r.rows() == 0) return core::Status::NotFound("no such session");
  SessionRecord s;
  s.id = r.Int(0, 0);
  s.token_hash = r.Str(0, 1);
  s.user_id = r.Int(0, 2);
  s.csrf = r.Str(0, 3);
  s.created_at = r.Str(0, 4);
  s.expires_at = r.Str(0, 5);
  s.last_seen_at = r.Str(0, 6);
  s.from = r.Str(0, 7);
  if (!r.IsNull(0, 8)) s.ended_at = r.Str(0, 8);
  UserRecord u = ReadUser(r, 0, 9);
  return std::pair{std::move(s), std::move(u)};
}

core::Status PostgresStore::TouchSession(std::int64_t id, std::string_view at) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  return conn->Query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2", Params().Add(at).Add(id)).status();
}

core::Status PostgresStore::EndSession(std::int64_t id, const AuditEvent& audit) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query("UPDATE sessions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL"
                                                " RETURNING id",
                                                Params().Add(UtcNow()).Add(id)));
  if (r.rows() == 0) return core::Status::Ok();
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, audit).status());
  return tx.Commit();
}

core::Status PostgresStore::RecordLoginAttempt(const LoginAttempt& attempt) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  return conn
      ->Query("INSERT INTO login_attempts(username, from_addr, at, ok) VALUES ($1, $2, $3, $4)",
              Params().Add(attempt.username).Add(attempt.from).Add(attempt.at).Add(attempt.ok))
      .status();
}

core::Result<std::int64_t> PostgresStore::CountFailedLogins(std::string_view username, std::string_view from,
                                                            std::string_view since) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  if (!username.empty()) {
    ONDERDAK_ASSIGN_OR_RETURN(
        auto r, conn->Query("SELECT count(*) FROM login_attempts WHERE username = $1 AND NOT ok AND at >= $2 AND id >"
                            " coalesce((SELECT max(id) FROM login_attempts WHERE username = $1 AND ok), 0)",
                            Params().Add(username).Add(since)));
    return r.Int(0, 0);
  }
  ONDERDAK_ASSIGN_OR_RETURN(
      auto r, conn->Query("SELECT count(*) FROM login_attempts WHERE from_addr = $1 AND NOT ok AND at >= $2",
                          Params().Add(from).Add(since)));
  return r.Int(0, 0);
}

}  // namespace onderdak::store::postgres
