// SqliteStore's AccountStore (store/accounts.h): users, API tokens and the audit log.
// Every change runs in one IMMEDIATE transaction together with its audit entry, which
// also serialises appends to the hash chain.
#include "onderdak/store/sqlite/sqlite_store.h"

#include <algorithm>

#include "onderdak/store/internal/account_queries.h"

namespace onderdak::store::sqlite {
namespace {

using internal::kAuditColumns;
using internal::kTokenColumns;
using internal::kUserColumns;

// The user's columns in kUserColumns' order, starting at column `at`.
UserRecord ReadUser(const Stmt& st, int at = 0) {
  UserRecord u;
  u.id = st.Int(at);
  u.username = st.Text(at + 1);
  u.role = st.Text(at + 2);
  u.regions = SplitRegions(st.Text(at + 3));
  u.organisation = st.Text(at + 4);
  u.password_hash = st.Text(at + 5);
  u.disabled = st.Int(at + 6) != 0;
  u.created_at = st.Text(at + 7);
  return u;
}

ApiTokenRecord ReadToken(const Stmt& st) {
  ApiTokenRecord t;
  t.id = st.Int(0);
  t.user_id = st.Int(1);
  t.username = st.Text(2);
  t.label = st.Text(3);
  t.token_hash = st.Text(4);
  t.role = st.Text(5);
  t.regions = SplitRegions(st.Text(6));
  t.created_at = st.Text(7);
  if (!st.IsNull(8)) t.revoked_at = st.Text(8);
  return t;
}

AuditEntry ReadAudit(const Stmt& st) {
  AuditEntry e;
  e.seq = st.Int(0);
  e.at = st.Text(1);
  e.actor = st.Text(2);
  e.action = st.Text(3);
  e.object = st.Text(4);
  e.detail = st.Text(5);
  e.from = st.Text(6);
  e.prev_hash = st.Text(7);
  e.hash = st.Text(8);
  return e;
}

core::Result<std::vector<UserRecord>> QueryUsers(Db& db, std::string_view where, std::string_view arg) {
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db.Prepare(std::string(kUserColumns) + std::string(where)));
  if (!arg.empty()) st.Bind(1, arg);
  std::vector<UserRecord> out;
  while (st.Step()) out.push_back(ReadUser(st));
  ONDERDAK_RETURN_IF_ERROR(st.status());
  return out;
}

core::Result<std::vector<ApiTokenRecord>> QueryTokens(Db& db, std::string_view where, std::string_view arg) {
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db.Prepare(std::string(kTokenColumns) + std::string(where)));
  if (!arg.empty()) st.Bind(1, arg);
  std::vector<ApiTokenRecord> out;
  while (st.Step()) out.push_back(ReadToken(st));
  ONDERDAK_RETURN_IF_ERROR(st.status());
  return out;
}

}  // namespace

// Appends `event` to the chain; the caller holds the store's mutex and a transaction.
core::Result<AuditEntry> AppendAuditInTransaction(Db& db, const AuditEvent& event) {
  // Cached statements (Db::Cached): an import appends one entry per delivery.
  std::optional<std::pair<std::int64_t, std::string>> tail;
  {
    ONDERDAK_ASSIGN_OR_RETURN(auto last, db.Cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    if (last->Step()) tail.emplace(last->Int(0), last->Text(1));
    ONDERDAK_RETURN_IF_ERROR(last->status());
  }
  AuditEntry e = NextAuditEntry(tail, event);
  ONDERDAK_ASSIGN_OR_RETURN(auto ins, db.Cached("INSERT INTO audit_log(seq, at, actor, action, object, detail,"
                                                " from_addr, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  ONDERDAK_RETURN_IF_ERROR(ins->Bind(1, e.seq)
                               .Bind(2, e.at)
                               .Bind(3, e.actor)
                               .Bind(4, e.action)
                               .Bind(5, e.object)
                               .Bind(6, e.detail)
                               .Bind(7, e.from)
                               .Bind(8, e.prev_hash)
                               .Bind(9, e.hash)
                               .Run()
                               .WithContext("appending to the audit log"));
  return e;
}

core::Result<UserRecord> SqliteStore::AddUser(const UserRecord& user, const AuditEvent& audit) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
  ONDERDAK_ASSIGN_OR_RETURN(auto existing, QueryUsers(db_, "WHERE username = ?", user.username));
  if (!existing.empty()) return core::Status::AlreadyExists("user '" + user.username + "' already exists");
  ONDERDAK_ASSIGN_OR_RETURN(auto ins,
                            db_.Prepare("INSERT INTO users(username, role, regions, organisation,"
                                        " password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)"));
  ONDERDAK_RETURN_IF_ERROR(ins.Bind(1, user.username)
                               .Bind(2, user.role)
                               .Bind(3, JoinRegions(user.regions))
                               .Bind(4, user.organisation)
                               .Bind(5, user.password_hash)
                               .Bind(6, UtcNow())
                               .Run()
                               .WithContext("storing user '" + user.username + "'"));
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, audit));
  ONDERDAK_ASSIGN_OR_RETURN(auto added, QueryUsers(db_, "WHERE username = ?", user.username));
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  if (added.empty()) return core::Status::Internal("user vanished after insert");
  return added.front();
}

core::Result<std::vector<UserRecord>> SqliteStore::ListUsers() {
  std::lock_guard lock(mu_);
  return QueryUsers(db_, "ORDER BY username", "");
}

core::Result<UserRecord> SqliteStore::GetUser(std::string_view username) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto users, QueryUsers(db_, "WHERE username = ?", username));
  if (users.empty()) return core::Status::NotFound("user '" + std::string(username) + "' does not exist");
  return users.front();
}

core::Result<std::int64_t> SqliteStore::CountUsersWithRole(std::string_view role) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare("SELECT count(*) FROM users WHERE role = ? AND disabled = 0"));
  st.Bind(1, role);
  if (!st.Step()) return st.status();
  return st.Int(0);
}

core::Status SqliteStore::DisableUser(std::string_view username, const AuditEvent& audit) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
  ONDERDAK_ASSIGN_OR_RETURN(auto users, QueryUsers(db_, "WHERE username = ?", username));
  if (users.empty()) return core::Status::NotFound("user '" + std::string(username) + "' does not exist");
  if (users.front().disabled) {
    return core::Status::FailedPrecondition("user '" + std::string(username) + "' is already disabled");
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto upd, db_.Prepare("UPDATE users SET disabled = 1 WHERE id = ?"));
  ONDERDAK_RETURN_IF_ERROR(upd.Bind(1, users.front().id).Run());
  ONDERDAK_ASSIGN_OR_RETURN(
      auto revoke, db_.Prepare("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"));
  ONDERDAK_RETURN_IF_ERROR(revoke.Bind(1, UtcNow()).Bind(2, users.front().id).Run());
  ONDERDAK_ASSIGN_OR_RETURN(auto end,
                            db_.Prepare("UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL"));
  ONDERDAK_RETURN_IF_ERROR(end.Bind(1, UtcNow()).Bind(2, users.front().id).Run());
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, audit));
  return tx.Commit();
}

core::Status SqliteStore::EnableUser(std::string_view username, const AuditEvent& audit) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
  ONDERDAK_ASSIGN_OR_RETURN(auto users, QueryUsers(db_, "WHERE username = ?", username));
  if (users.empty()) return core::Status::NotFound("user '" + std::string(username) + "' does not exist");
  if (!users.front().disabled) {
    return core::Status::FailedPrecondition("user '" + std::string(username) + "' is not disabled");
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto upd, db_.Prepare("UPDATE users SET disabled = 0 WHERE id = ?"));
  ONDERDAK_RETURN_IF_ERROR(upd.Bind(1, users.front().id).Run());
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, audit));
  return tx.Commit();
}

core::Status SqliteStore::SetPasswordHash(std::string_view username, std::string_view hash,
                                          std::optional<std::int64_t> keep_session,
                                          const std::optional<AuditEvent>& audit) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
  ONDERDAK_ASSIGN_OR_RETURN(auto users, QueryUsers(db_, "WHERE username = ?", username));
  if (users.empty()) return core::Status::NotFound("user '" + std::string(username) + "' does not exist");
  ONDERDAK_ASSIGN_OR_RETURN(auto upd, db_.Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
  ONDERDAK_RETURN_IF_ERROR(upd.Bind(1, hash).Bind(2, users.front().id).Run());
  if (audit) {
    ONDERDAK_ASSIGN_OR_RETURN(auto end, db_.Prepare("UPDATE sessions SET ended_at = ? WHERE user_id = ? AND "
                                                    "ended_at IS NULL AND id <> ?"));
    ONDERDAK_RETURN_IF_ERROR(end.Bind(1, UtcNow()).Bind(2, users.front().id).Bind(3, keep_session.value_or(0)).Run());
    ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, *audit));
  }
  return tx.Commit();
}

core::Result<ApiTokenRecord> SqliteStore::AddToken(std::string_view username, std::string_view label,
                                                   std::string_view token_hash, const AuditEvent& audit) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
  ONDERDAK_ASSIGN_OR_RETURN(auto users, QueryUsers(db_, "WHERE username = ?", username));
  if (users.empty()) return core::Status::NotFound("user '" + std::string(username) + "' does not exist");
  const UserRecord& u = users.front();
  if (u.disabled) return core::Status::FailedPrecondition("user '" + u.username + "' is disabled");
  ONDERDAK_ASSIGN_OR_RETURN(auto ins, db_.Prepare("INSERT INTO api_tokens(user_id, label, token_hash, role, regions,"
                                                  " created_at) VALUES (?, ?, ?, ?, ?, ?)"));
  ONDERDAK_RETURN_IF_ERROR(ins.Bind(1, u.id)
                               .Bind(2, label)
                               .Bind(3, token_hash)
                               .Bind(4, u.role)
                               .Bind(5, JoinRegions(u.regions))
                               .Bind(6, UtcNow())
                               .Run()
                               .WithContext("storing the token"));
  const std::int64_t id = sqlite3_last_insert_rowid(db_.raw());
  AuditEvent event = audit;
  event.object = "token:" + std::to_string(id);
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, event));
  ONDERDAK_ASSIGN_OR_RETURN(auto added, QueryTokens(db_, "WHERE t.id = ?", std::to_string(id)));
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  if (added.empty()) return core::Status::Internal("token vanished after insert");
  return added.front();
}

core::Result<std::vector<ApiTokenRecord>> SqliteStore::ListTokens() {
  std::lock_guard lock(mu_);
  return QueryTokens(db_, "ORDER BY t.id", "");
}

core::Result<ApiTokenRecord> SqliteStore::FindTokenByHash(std::string_view token_hash) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tokens, QueryTokens(db_, "WHERE t.token_hash = ?", token_hash));
  if (tokens.empty()) return core::Status::NotFound("no such token");
  return tokens.front();
}

core::Status SqliteStore::RevokeToken(std::int64_t id, const AuditEvent& audit) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
  ONDERDAK_ASSIGN_OR_RETURN(auto tokens, QueryTokens(db_, "WHERE t.id = ?", std::to_string(id)));
  if (tokens.empty()) return core::Status::NotFound("token " + std::to_string(id) + " does not exist");
  if (tokens.front().revoked_at) {
    return core::Status::FailedPrecondition("token " + std::to_string(id) + " is already revoked");
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto upd, db_.Prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ?"));
  ONDERDAK_RETURN_IF_ERROR(upd.Bind(1, UtcNow()).Bind(2, id).Run());
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, audit));
  return tx.Commit();
}

core::Result<AuditEntry> SqliteStore::AppendAudit(const AuditEvent& event) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
  ONDERDAK_ASSIGN_OR_RETURN(auto e, AppendAuditInTransaction(db_, event));
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  return e;
}

core::Result<std::vector<AuditEntry>> SqliteStore::ListAudit(std::optional<std::int64_t> limit) {
  std::lock_guard lock(mu_);
  std::string sql(kAuditColumns);
  sql += limit ? "ORDER BY seq DESC LIMIT ?" : "ORDER BY seq";
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(sql));
  if (limit) st.Bind(1, *limit);
  std::vector<AuditEntry> out;
  while (st.Step()) out.push_back(ReadAudit(st));
  ONDERDAK_RETURN_IF_ERROR(st.status());
  if (limit) std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace onderdak::store::sqlite

namespace onderdak::store::sqlite {

// Sessions and login attempts (api/session.h, ADR 0013).

core::Result<SessionRecord> SqliteStore::AddSession(const SessionRecord& session, const AuditEvent& audit) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
  ONDERDAK_ASSIGN_OR_RETURN(auto ins,
                            db_.Prepare("INSERT INTO sessions(token_hash, user_id, csrf, created_at,"
                                        " expires_at, last_seen_at, from_addr) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  ONDERDAK_RETURN_IF_ERROR(ins.Bind(1, session.token_hash)
                               .Bind(2, session.user_id)
                               .Bind(3, session.csrf)
                               .Bind(4, session.created_at)
                               .Bind(5, session.expires_at)
                               .Bind(6, session.last_seen_at)
                               .Bind(7, session.from)
                               .Run()
                               .WithContext("storing the session"));
  SessionRecord out = session;
  out.id = sqlite3_last_insert_rowid(db_.raw());
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, audit).status());
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  return out;
}

core::Result<std::pair<SessionRecord, UserRecord>> SqliteStore::FindSession(std::string_view token_hash) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(std::string(internal::kSessionColumns) + "WHERE s.token_hash = ?"));
  st.Bind(1, token_hash);
  if (!st.Step()) {
    ONDERDAK_RETURN_IF_ERROR(st.status());
    return core::Status::NotFound("no such session");
  }
  SessionRecord s;
  s.id = st.Int(0);
  s.token_hash = st.Text(1);
  s.user_id = st.Int(2);
  s.csrf = st.Text(3);
  s.created_at = st.Text(4);
  s.expires_at = st.Text(5);
  s.last_seen_at = st.Text(6);
  s.from = st.Text(7);
  if (!st.IsNull(8)) s.ended_at = st.Text(8);
  UserRecord u = ReadUser(st, 9);
  return std::pair{std::move(s), std::move(u)};
}

core::Status SqliteStore::TouchSession(std::int64_t id, std::string_view at) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?"));
  return st.Bind(1, at).Bind(2, id).Run();
}

core::Status SqliteStore::EndSession(std::int64_t id, const AuditEvent& audit) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare("UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL"));
  ONDERDAK_RETURN_IF_ERROR(st.Bind(1, UtcNow()).Bind(2, id).Run());
  if (sqlite3_changes(db_.raw()) == 0) return core::Status::Ok();
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, audit).status());
  return tx.Commit();
}

core::Status SqliteStore::RecordLoginAttempt(const LoginAttempt& attempt) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto st,
                            db_.Prepare("INSERT INTO login_attempts(username, from_addr, at, ok) VALUES (?, ?, ?, ?)"));
  return st.Bind(1, attempt.username).Bind(2, attempt.from).Bind(3, attempt.at).Bind(4, attempt.ok ? 1 : 0).Run();
}

core::Result<std::int64_t> SqliteStore::CountFailedLogins(std::string_view username, std::string_view from,
                                                          std::string_view since) {
  std::lock_guard lock(mu_);
  if (!username.empty()) {
    ONDERDAK_ASSIGN_OR_RETURN(
        auto st, db_.Prepare("SELECT count(*) FROM login_attempts WHERE username = ? AND ok = 0 AND at >= ? AND id >"
                             " coalesce((SELECT max(id) FROM login_attempts WHERE username = ? AND ok = 1), 0)"));
    st.Bind(1, username).Bind(2, since).Bind(3, username);
    if (!st.Step()) return st.status();
    return st.Int(0);
  }
  ONDERDAK_ASSIGN_OR_RETURN(
      auto st, db_.Prepare("SELECT count(*) FROM login_attempts WHERE from_addr = ? AND ok = 0 AND at >= ?"));
  st.Bind(1, from).Bind(2, since);
  if (!st.Step()) return st.status();
  return st.Int(0);
}

}  // namespace onderdak::store::sqlite
