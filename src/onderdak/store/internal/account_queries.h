// The SELECT lists of the account tables (store/accounts.h), the same on both backends,
// so the rows are read back column by column in one order.
//
// Internal to src/onderdak/store/: used by both backends.
#pragma once

#include <string_view>

namespace onderdak::store::internal {

inline constexpr std::string_view kUserColumns =
    "SELECT id, username, role, regions, organisation, password_hash, disabled, created_at FROM users ";
inline constexpr std::string_view kTokenColumns =
    "SELECT t.id, t.user_id, u.username, t.label, t.token_hash, t.role, t.regions, t.created_at, t.revoked_at"
    " FROM api_tokens t JOIN users u ON u.id = t.user_id ";
inline constexpr std::string_view kAuditColumns =
    "SELECT seq, at, actor, action, object, detail, from_addr, prev_hash, hash FROM audit_log ";

// A session joined with its user: the session's columns, then kUserColumns' order.
inline constexpr std::string_view kSessionColumns =
    "SELECT s.id, s.token_hash, s.user_id, s.csrf, s.created_at, s.expires_at, s.last_seen_at, s.from_addr,"
    " s.ended_at, u.id, u.username, u.role, u.regions, u.organisation, u.password_hash, u.disabled, u.created_at"
    " FROM sessions s JOIN users u ON u.id = s.user_id ";

}  // namespace onderdak::store::internal
