#include "onderdak/auth/accounts.h"

#include <algorithm>

#include "onderdak/auth/password.h"
#include "onderdak/auth/token.h"
#include "onderdak/core/date.h"

namespace onderdak::auth {
namespace {

bool UsernameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

bool HasControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

core::Result<User> ToUser(const store::UserRecord& r) {
  auto role = ParseRole(r.role);
  if (!role) return core::Status::Internal("user '" + r.username + "' has an unknown role '" + r.role + "'");
  return User{r.id, r.username, *role, r.regions, r.organisation, r.disabled, r.created_at};
}

store::AuditEvent Event(const Actor& actor, std::string action, std::string object, std::string detail) {
  return store::AuditEvent{actor.who, std::move(action), std::move(object), std::move(detail), actor.from};
}

}  // namespace

core::Status CheckUsername(std::string_view username) {
  if (username.empty() || username.size() > 64) {
    return core::Status::InvalidInput("username: must be 1 to 64 characters long");
  }
  if (!std::all_of(username.begin(), username.end(), UsernameChar) || username.front() == '.' ||
      username.front() == '_' || username.front() == '-') {
    return core::Status::InvalidInput("username: '" + std::string(username) +
                                      "' may hold only lowercase letters, digits, '.', '_' and '-', and must start "
                                      "with a letter or digit");
  }
  return core::Status::Ok();
}

core::Status Accounts::CheckRegions(Role role, std::vector<std::string>& regions) {
  std::sort(regions.begin(), regions.end());
  regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
  if (!RoleNeedsRegions(role)) {
    if (!regions.empty()) {
      return core::Status::InvalidInput("region: role " + std::string(RoleId(role)) +
                                        " sees all regions; give no --region");
    }
    return core::Status::Ok();
  }
  if (regions.empty()) {
    return core::Status::InvalidInput("region: role " + std::string(RoleId(role)) +
                                      " needs at least one region (--region GM0363)");
  }
  const core::Date today = core::Date::TodayUtc();
  auto version = store_.ReferenceVersionOn(today);
  if (!version.ok()) return version.status().WithContext("region");
  ONDERDAK_ASSIGN_OR_RETURN(auto set, store_.LoadReferenceSet(version->id));
  for (const auto& code : regions) {
    if (set.FindRegion(code) == nullptr) {
      return core::Status::InvalidInput("region: '" + code + "' is not a region in force on " + today.ToString() +
                                        " (see 'onderdak regions list')");
    }
  }
  return core::Status::Ok();
}

core::Result<std::pair<Role, std::vector<std::string>>> Accounts::Validate(const NewUserRequest& request) {
  ONDERDAK_RETURN_IF_ERROR(CheckUsername(request.username));
  auto role = ParseRole(request.role);
  if (!role) {
    return core::Status::InvalidInput("role: '" + request.role + "' is not one of " + std::string(RoleList()));
  }
  std::vector<std::string> regions = request.regions;
  ONDERDAK_RETURN_IF_ERROR(CheckRegions(*role, regions));
  if (RoleNeedsOrganisation(*role)) {
    if (request.organisation.empty()) {
      return core::Status::InvalidInput(
          "organisation: role provider_uploader needs the organisation it uploads for "
          "(--organisation KVK-12345678)");
    }
    if (request.organisation.size() > 64 || HasControl(request.organisation)) {
      return core::Status::InvalidInput("organisation: must be 1 to 64 characters without control characters");
    }
  } else if (!request.organisation.empty()) {
    return core::Status::InvalidInput("organisation: only provider_uploader users belong to an organisation");
  }
  return std::pair{*role, std::move(regions)};
}

core::Status Accounts::CheckNewUser(const NewUserRequest& request) { return Validate(request).status(); }

core::Result<User> Accounts::AddUser(const NewUserRequest& request, std::string_view password, const Actor& actor) {
  ONDERDAK_ASSIGN_OR_RETURN(auto checked, Validate(request));
  auto& [role, regions] = checked;
  ONDERDAK_RETURN_IF_ERROR(CheckPasswordPolicy(request.username, password));
  ONDERDAK_ASSIGN_OR_RETURN(auto hash, HashPassword(password));
  store::UserRecord record;
  record.username = request.username;
  record.role = std::string(RoleId(role));
  record.regions = regions;
  record.organisation = request.organisation;
  record.password_hash = std::move(hash);
  ONDERDAK_ASSIGN_OR_RETURN(
      auto added,
      store_.Accounts().AddUser(record, Event(actor, "user.add", "user:" + request.username,
                                              "role=" + record.role + " regions=" + store::JoinRegions(regions) +
                                                  " organisation=" + record.organisation)));
  return ToUser(added);
}

core::Result<std::vector<User>> Accounts::ListUsers() {
  ONDERDAK_ASSIGN_OR_RETURN(auto records, store_.Accounts().ListUsers());
  std::vector<User> out;
  for (const auto& r : records) {
    ONDERDAK_ASSIGN_OR_RETURN(auto u, ToUser(r));
    out.push_back(std::move(u));
  }
  return out;
}

core::Status Accounts::DisableUser(std::string_view username, const Actor& actor) {
  return store_.Accounts().DisableUser(username,
                                       Event(actor, "user.disable", "user:" + std::string(username), "tokens revoked"));
}

core::Status Accounts::EnableUser(std::string_view username, const Actor& actor) {
  return store_.Accounts().EnableUser(username, Event(actor, "user.enable", "user:" + std::string(username), ""));
}

core::Status Accounts::ChangePassword(std::string_view username, std::string_view current, std::string_view replacement,
                                      std::optional<std::int64_t> keep_session, const Actor& actor) {
  ONDERDAK_ASSIGN_OR_RETURN(auto user, store_.Accounts().GetUser(username));
  if (!VerifyPassword(user.password_hash, current)) {
    return core::Status::PermissionDenied("current password: wrong; nothing changed");
  }
  if (replacement == current) return core::Status::InvalidInput("new password: must differ from the current one");
  ONDERDAK_RETURN_IF_ERROR(CheckPasswordPolicy(username, replacement));
  ONDERDAK_ASSIGN_OR_RETURN(auto hash, HashPassword(replacement));
  return store_.Accounts().SetPasswordHash(
      username, hash, keep_session,
      Event(actor, "user.password", "user:" + std::string(username), "changed by the user; other sessions ended"));
}

core::Status Accounts::ResetPassword(std::string_view username, std::string_view replacement, const Actor& actor) {
  ONDERDAK_RETURN_IF_ERROR(store_.Accounts().GetUser(username).status());
  ONDERDAK_RETURN_IF_ERROR(CheckPasswordPolicy(username, replacement));
  ONDERDAK_ASSIGN_OR_RETURN(auto hash, HashPassword(replacement));
  return store_.Accounts().SetPasswordHash(
      username, hash, std::nullopt,
      Event(actor, "user.password", "user:" + std::string(username), "reset; all sessions ended"));
}

core::Result<bool> Accounts::HasAdministrator() {
  ONDERDAK_ASSIGN_OR_RETURN(auto n, store_.Accounts().CountUsersWithRole(RoleId(Role::kAdministrator)));
  return n > 0;
}

core::Result<IssuedToken> Accounts::CreateToken(std::string_view username, std::string_view label, const Actor& actor) {
  if (label.empty() || label.size() > 100 || HasControl(label)) {
    return core::Status::InvalidInput("label: must be 1 to 100 characters without control characters");
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto token, GenerateToken());
  ONDERDAK_ASSIGN_OR_RETURN(
      auto record, store_.Accounts().AddToken(username, label, token.hash,
                                              Event(actor, "token.create", "",
                                                    "user=" + std::string(username) + " label=" + std::string(label))));
  return IssuedToken{std::move(record), std::move(token.secret)};
}

core::Status Accounts::RevokeToken(std::int64_t id, const Actor& actor) {
  return store_.Accounts().RevokeToken(id, Event(actor, "token.revoke", "token:" + std::to_string(id), ""));
}

core::Result<std::vector<store::ApiTokenRecord>> Accounts::ListTokens() { return store_.Accounts().ListTokens(); }

}  // namespace onderdak::auth
