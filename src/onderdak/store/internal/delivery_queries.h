// SQL about deliveries that reads the same on both backends ($1 is a positional parameter
// in PostgreSQL and the first parameter in SQLite).
//
// Internal to src/onderdak/store/: used by both backends.
#pragma once

#include <string_view>

namespace onderdak::store::internal {

// The sha256 of the current version of the (organisation, region, period) of delivery $1.
inline constexpr std::string_view kCurrentSha256Sql =
    "SELECT o.sha256 FROM delivery o JOIN delivery n ON o.organisation = n.organisation AND "
    "o.region_code = n.region_code AND o.period = n.period WHERE n.id = $1 AND o.is_current";

}  // namespace onderdak::store::internal
