// P13 origin of persons in shelter (woonplaatsbeginsel, landelijke toegankelijkheid):
// what the callers of the engine need besides Compute. Definition: docs/indicators.md
// §3 P13; why it is an indicator of its own: ADR 0026.
//
// Pure functions over values; thread-safe.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "onderdak/domain/reference.h"

namespace onderdak::indicators {

// P13's origin classes (breakdown "origin=..."), in the order they are emitted.
inline constexpr std::string_view kOriginOwnRegion = "own_region";
inline constexpr std::string_view kOriginOtherRegion = "other_region";
inline constexpr std::string_view kOriginUnknown = "unknown";

// Municipality -> region of every municipality of `set` (Request::municipality_regions):
// the caller passes the reference set in force on the period's last day.
std::map<std::string, std::string, std::less<>> MunicipalityRegions(const domain::ReferenceSet& set);

}  // namespace onderdak::indicators
