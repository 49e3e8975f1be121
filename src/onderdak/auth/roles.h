// Roles of issue 7 and what each may see (the authorization matrix itself comes with the
// HTTP login; ADR 0012). Stored by their stable English ids; shown in Dutch or English.
//   administrator      beheerder          everything, manages users and reads the audit log
//   national_analyst   landelijk analist  aggregates of all regions, never person-level data
//   region_steward     regiobeheerder     everything of its own region(s)
//   provider_uploader  aanleveraar        uploads for its organisation and region(s)
// "public" (publiek) is not an account: anyone without one sees the public figures.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace onderdak::auth {

enum class Role { kAdministrator, kNationalAnalyst, kRegionSteward, kProviderUploader };

inline constexpr std::array kAllRoles{Role::kAdministrator, Role::kNationalAnalyst, Role::kRegionSteward,
                                      Role::kProviderUploader};

// The storage id: "administrator", "national_analyst", "region_steward", "provider_uploader".
std::string_view RoleId(Role role);
// Display names: "beheerder" / "administrator", "landelijk analist" / "national analyst", ...
std::string_view RoleDutch(Role role);
std::string_view RoleEnglish(Role role);
// Accepts the storage id or the Dutch name with '_' for spaces (beheerder,
// landelijk_analist, regiobeheerder, aanleveraar); case-insensitive.
std::optional<Role> ParseRole(std::string_view text);
// "administrator, national_analyst, region_steward, provider_uploader".
std::string_view RoleList();

// Region stewards and provider uploaders work for one or more regions.
bool RoleNeedsRegions(Role role);
// Provider uploaders upload for one organisation.
bool RoleNeedsOrganisation(Role role);

}  // namespace onderdak::auth
