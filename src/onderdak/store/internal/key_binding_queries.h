// SQL of the key binding (ADR 0017), the same on both backends ($n are positional
// parameters in PostgreSQL and numbered parameters in SQLite). $2 of the insert is the
// time, store::UtcNow().
//
// Internal to src/onderdak/store/: used by both backends.
#pragma once

#include <string_view>

namespace onderdak::store::internal {

inline constexpr std::string_view kSelectKeyFingerprint = "SELECT fingerprint FROM key_binding WHERE id = 1";
inline constexpr std::string_view kInsertKeyFingerprint =
    "INSERT INTO key_binding(id, fingerprint, bound_at) VALUES (1, $1, $2)";

}  // namespace onderdak::store::internal
