#include "onderdak/auth/roles.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace onderdak::auth {
namespace {

struct RoleNames {
  Role role;
  std::string_view id, dutch, english, dutch_id;
};

constexpr std::array kNames{
    RoleNames{Role::kAdministrator, "administrator", "beheerder", "administrator", "beheerder"},
    RoleNames{Role::kNationalAnalyst, "national_analyst", "landelijk analist", "national analyst", "landelijk_analist"},
    RoleNames{Role::kRegionSteward, "region_steward", "regiobeheerder", "region steward", "regiobeheerder"},
    RoleNames{Role::kProviderUploader, "provider_uploader", "aanleveraar", "provider uploader", "aanleveraar"},
};

const RoleNames& Names(Role role) { return kNames[static_cast<std::size_t>(role)]; }

}  // namespace

std::string_view RoleId(Role role) { return Names(role).id; }
std::string_view RoleDutch(Role role) { return Names(role).dutch; }
std::string_view RoleEnglish(Role role) { return Names(role).english; }

std::optional<Role> ParseRole(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& n : kNames) {
    if (lower == n.id || lower == n.dutch_id) return n.role;
  }
  return std::nullopt;
}

std::string_view RoleList() { return "administrator, national_analyst, region_steward, provider_uploader"; }

bool RoleNeedsRegions(Role role) { return role == Role::kRegionSteward || role == Role::kProviderUploader; }
bool RoleNeedsOrganisation(Role role) { return role == Role::kProviderUploader; }

}  // namespace onderdak::auth
