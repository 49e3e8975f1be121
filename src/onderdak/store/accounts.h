// AccountStore: the store side of accounts, API tokens and the audit log (issue 7, ADR
// 0012). Both backends implement it (sqlite/sqlite_accounts.cc,
// postgres/postgres_accounts.cc) with the same behaviour; obtain it with
// Store::Accounts(). The rules (roles, password policy, hashing, token format) live in
// auth/; this layer stores what it is given and keeps the audit log's hash chain.
//
// Secrets: the store only ever sees password hashes (Argon2id strings) and token hashes
// (hex SHA-256), never a password or a token.
//
// The audit log is append-only: there is no update or delete call, and the database
// refuses UPDATE and DELETE on it (triggers). Every user change is written in the same
// transaction as its audit entry: both happen or neither does.
//
// Thread safety: as Store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::store {

struct UserRecord {
  std::int64_t id = 0;
  std::string username;
  std::string role;                  // storage id: administrator, national_analyst, ...
  std::vector<std::string> regions;  // CBS codes of centrumgemeenten, sorted
  std::string organisation;          // provider uploaders: the organisation's code
  std::string password_hash;         // Argon2id string (crypto_pwhash_str)
  bool disabled = false;
  std::string created_at;  // UTC, YYYY-MM-DDTHH:MM:SSZ
};

struct ApiTokenRecord {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string username;
  std::string label;
  std::string token_hash;  // hex SHA-256 of the whole token
  // The scope, fixed when the token is created: the user's role and regions then.
  std::string role;
  std::vector<std::string> regions;
  std::string created_at;
  std::optional<std::string> revoked_at;
};

// A login session (api/session.h): the browser holds a random secret in a cookie; the
// store keeps only its hex SHA-256, like API tokens.
struct SessionRecord {
  std::int64_t id = 0;
  std::string token_hash;  // hex SHA-256 of the cookie's secret
  std::int64_t user_id = 0;
  std::string csrf;  // the token state-changing requests must carry (not a credential on its own)
  std::string created_at;
  std::string expires_at;               // absolute end, UTC
  std::string last_seen_at;             // for the idle timeout, updated at most once a minute
  std::string from;                     // address the login came from
  std::optional<std::string> ended_at;  // logout, disabling the user, or a new login's fixation guard
};

// One login attempt, kept for the lock-out (api/session.h). `username` is what was typed
// when it names a user, else "?" (a mistyped password in the username field must not be
// stored).
struct LoginAttempt {
  std::string username;
  std::string from;
  std::string at;
  bool ok = false;
};

// What the caller says about an audited action; the store adds seq, time and hashes.
// `detail` must never hold a secret (a password, a token, a BSN).
struct AuditEvent {
  std::string actor;   // who: "cli:root", a username
  std::string action;  // what: user.add, user.disable, token.create, token.revoke, login, ...
  std::string object;  // on what: "user:alice", "token:3"
  std::string detail;
  std::string from;  // where from: "cli" or a remote address
};

struct AuditEntry {
  std::int64_t seq = 0;  // 1, 2, 3, ... without gaps
  std::string at;        // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::string actor, action, object, detail, from;
  std::string prev_hash;  // the previous entry's hash; kAuditGenesisHash for seq 1
  std::string hash;       // hex SHA-256 of AuditCanonical(entry)
};

inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The canonical serialisation the audit hash covers: a version tag, then every field
// except `hash` (seq, at, actor, action, object, detail, from, prev_hash), each as its
// byte length, ':', the bytes and '\n', so no two different entries serialise alike.
std::string AuditCanonical(const AuditEntry& e);
// Lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);
// Hex SHA-256 of AuditCanonical(e).
std::string AuditHash(const AuditEntry& e);
// The current UTC time as YYYY-MM-DDTHH:MM:SSZ.
std::string UtcNow();
// "GM0363,GM0599" <-> {"GM0363", "GM0599"} (how regions are stored).
std::string JoinRegions(const std::vector<std::string>& regions);
std::vector<std::string> SplitRegions(std::string_view text);
// Builds the next entry of the chain after `last` (nullopt: the chain is empty).
AuditEntry NextAuditEntry(const std::optional<std::pair<std::int64_t, std::string>>& last, const AuditEvent& event);

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Adds a user and its audit entry. AlreadyExists when the username is taken.
  virtual core::Result<UserRecord> AddUser(const UserRecord& user, const AuditEvent& audit) = 0;
  // All users, by username.
  virtual core::Result<std::vector<UserRecord>> ListUsers() = 0;
  // NotFound for an unknown username.
  virtual core::Result<UserRecord> GetUser(std::string_view username) = 0;
  virtual core::Result<std::int64_t> CountUsersWithRole(std::string_view role) = 0;
  // Disables the user, revokes its tokens and ends its sessions. NotFound for an unknown username,
  // FailedPrecondition when already disabled.
  virtual core::Status DisableUser(std::string_view username, const AuditEvent& audit) = 0;
  // Enables a disabled user again (its revoked tokens stay revoked). NotFound for an
  // unknown username, FailedPrecondition when not disabled.
  virtual core::Status EnableUser(std::string_view username, const AuditEvent& audit) = 0;
  // Replaces the user's password hash. With `audit` (a change or a reset): also ends the
  // user's sessions except `keep_session`, and appends `audit`, in one transaction.
  // Without (a rehash at login): the hash only. NotFound for an unknown username.
  virtual core::Status SetPasswordHash(std::string_view username, std::string_view hash,
                                       std::optional<std::int64_t> keep_session,
                                       const std::optional<AuditEvent>& audit) = 0;

  // Stores a token for `username` (NotFound when unknown, FailedPrecondition when
  // disabled) with the user's role and regions as its scope.
  virtual core::Result<ApiTokenRecord> AddToken(std::string_view username, std::string_view label,
                                                std::string_view token_hash, const AuditEvent& audit) = 0;
  // All tokens, oldest first.
  virtual core::Result<std::vector<ApiTokenRecord>> ListTokens() = 0;
  // The token with this hash, revoked or not. NotFound when there is none.
  virtual core::Result<ApiTokenRecord> FindTokenByHash(std::string_view token_hash) = 0;
  // NotFound for an unknown id, FailedPrecondition when already revoked.
  virtual core::Status RevokeToken(std::int64_t id, const AuditEvent& audit) = 0;

  // Stores a session and its audit entry (the login). The record's id is filled in.
  virtual core::Result<SessionRecord> AddSession(const SessionRecord& session, const AuditEvent& audit) = 0;
  // The session with this token hash and its user, ended or not. NotFound when none.
  virtual core::Result<std::pair<SessionRecord, UserRecord>> FindSession(std::string_view token_hash) = 0;
  virtual core::Status TouchSession(std::int64_t id, std::string_view at) = 0;
  // Ends the session (no-op when already ended), with `audit` in the same transaction.
  virtual core::Status EndSession(std::int64_t id, const AuditEvent& audit) = 0;
  virtual core::Status RecordLoginAttempt(const LoginAttempt& attempt) = 0;
  // Failed attempts at or after `since`: for `username`, those after its latest
  // successful one; for an address (`username` empty), all of them.
  virtual core::Result<std::int64_t> CountFailedLogins(std::string_view username, std::string_view from,
                                                       std::string_view since) = 0;

  // Appends one entry (for actions that change nothing else here: logins, exports...).
  virtual core::Result<AuditEntry> AppendAudit(const AuditEvent& event) = 0;
  // The whole log in seq order, or (limit) its last `limit` entries.
  virtual core::Result<std::vector<AuditEntry>> ListAudit(std::optional<std::int64_t> limit = std::nullopt) = 0;

 protected:
  AccountStore() = default;
};

}  // namespace onderdak::store
