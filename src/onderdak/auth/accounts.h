// Accounts: adding, listing and disabling users, and their API tokens, with the rules of
// issue 7 checked before anything is stored, and every change audited in the same
// transaction (store/accounts.h). Used by the CLI now and by the HTTP login later.
//
// Thread safety: as the Store it wraps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/auth/roles.h"
#include "onderdak/core/result.h"
#include "onderdak/store/store.h"

namespace onderdak::auth {

struct User {
  std::int64_t id = 0;
  std::string username;
  Role role = Role::kNationalAnalyst;
  std::vector<std::string> regions;  // CBS codes of centrumgemeenten
  std::string organisation;          // provider uploaders only
  bool disabled = false;
  std::string created_at;
};

// Who does something, and from where (written to the audit log).
struct Actor {
  std::string who;           // "cli:root", a username
  std::string from = "cli";  // "cli" or a remote address
};

struct NewUserRequest {
  std::string username;
  std::string role;  // a name ParseRole accepts
  std::vector<std::string> regions;
  std::string organisation;
};

struct IssuedToken {
  store::ApiTokenRecord record;
  std::string secret;  // shown once
};

// InvalidInput naming the rule: 1 to 64 characters, lowercase letters, digits, '.', '_'
// and '-', starting with a letter or digit.
core::Status CheckUsername(std::string_view username);

class Accounts {
 public:
  explicit Accounts(store::Store& store) : store_(store) {}

  // Checks the request (username; role known; regions in force today and at least one
  // for roles that need them, none for others; an organisation for uploaders only) and
  // the password policy, hashes the password and stores the user. InvalidInput naming the
  // field and rule, AlreadyExists for a taken username.
  core::Result<User> AddUser(const NewUserRequest& request, std::string_view password, const Actor& actor);
  // The checks of AddUser but the password's, so a caller can fail before asking for one.
  core::Status CheckNewUser(const NewUserRequest& request);
  core::Result<std::vector<User>> ListUsers();
  // Disables the user and revokes its tokens.
  core::Status DisableUser(std::string_view username, const Actor& actor);
  // Enables a disabled user again; tokens revoked by the disabling stay revoked.
  core::Status EnableUser(std::string_view username, const Actor& actor);
  // The user's own change: PermissionDenied when `current` is not the password (nothing
  // changes), InvalidInput when `replacement` breaks the policy or equals `current`. Ends
  // the user's other sessions (all but `keep_session`).
  core::Status ChangePassword(std::string_view username, std::string_view current, std::string_view replacement,
                              std::optional<std::int64_t> keep_session, const Actor& actor);
  // An administrator's (or the CLI's) reset: the policy applies; ends all the user's
  // sessions.
  core::Status ResetPassword(std::string_view username, std::string_view replacement, const Actor& actor);
  // Whether an enabled administrator exists.
  core::Result<bool> HasAdministrator();

  // A new token for `username`, scoped to its role and regions; `label` 1 to 100
  // characters without control characters.
  core::Result<IssuedToken> CreateToken(std::string_view username, std::string_view label, const Actor& actor);
  core::Status RevokeToken(std::int64_t id, const Actor& actor);
  core::Result<std::vector<store::ApiTokenRecord>> ListTokens();

 private:
  core::Status CheckRegions(Role role, std::vector<std::string>& regions);
  // CheckNewUser; on success the role and the sorted, deduplicated regions.
  core::Result<std::pair<Role, std::vector<std::string>>> Validate(const NewUserRequest& request);
  store::Store& store_;
};

}  // namespace onderdak::auth
