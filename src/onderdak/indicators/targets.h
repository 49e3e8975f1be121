// Policy targets against figures (docs/indicators.md §6, ADR 0024): which target applies
// to a figure and how far the figure is along the way. Pure functions, no I/O.
//
// Status of a figure with value v on date d against target t (deadline T, target value G,
// optional baseline (B, b)); "meets" is v >= G for at_least, v <= G for at_most:
//   bereikt   v meets G (on any date, also after T: the deadline is shown beside it)
//   verlopen  d > T and v does not meet G
//   op_koers  d <= T, v does not meet G, a baseline is given, d >= B, and v is at or
//             beyond the straight line from (B, b) to (T, G) on d (>= for at_least,
//             <= for at_most): line(d) = b + (G - b) * (d - B) / (T - B) in days
//   achter    d <= T, v does not meet G, and v is short of the line, or there is no
//             baseline (no line to be on)
//   voor_start d < B: the figure predates the target (no judgement)
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "onderdak/core/date.h"
#include "onderdak/domain/policy.h"

namespace onderdak::indicators {

enum class TargetStatus { kReached, kOnCourse, kBehind, kExpired, kBeforeStart };

// "bereikt", "op_koers", "achter", "verlopen", "voor_start" (JSON and i18n keys).
std::string_view TargetStatusCode(TargetStatus status);

// The straight line from the baseline to the target on `on`; empty without a baseline.
// Clamped to the baseline before it starts and to the target after the deadline.
std::optional<double> PathValue(const domain::Target& target, core::Date on);

TargetStatus EvaluateTarget(const domain::Target& target, double value, core::Date on);

// The target in force for (indicator, measure, breakdown, scope) on `on`: among the matching targets
// whose baseline (if any) is not after `on`, the one with the earliest deadline not
// before `on`; when all deadlines have passed, the one with the latest deadline. nullptr
// when none matches.
const domain::Target* TargetInForce(std::span<const domain::Target> targets, std::string_view indicator,
                                    std::string_view measure, std::string_view breakdown, std::string_view scope,
                                    core::Date on);

// The value of the national A2 target (places_realised, NL) in force on the period's last
// day, for Request::national_target_extra_places; empty when there is none.
std::optional<std::int64_t> NationalPlacesTarget(std::span<const domain::Target> targets, const core::Period& period);

}  // namespace onderdak::indicators
