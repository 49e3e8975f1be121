#include "onderdak/indicators/targets.h"

namespace onderdak::indicators {

std::string_view TargetStatusCode(TargetStatus status) {
  switch (status) {
    case TargetStatus::kReached: return "bereikt";
    case TargetStatus::kOnCourse: return "op_koers";
    case TargetStatus::kBehind: return "achter";
    case TargetStatus::kExpired: return "verlopen";
    case TargetStatus::kBeforeStart: return "voor_start";
  }
  return "achter";
}

std::optional<double> PathValue(const domain::Target& t, core::Date on) {
  if (!t.baseline_date || !t.baseline_value) return std::nullopt;
  const core::Date b = *t.baseline_date;
  if (on <= b) return *t.baseline_value;
  if (on >= t.deadline || t.deadline <= b) return t.value;
  const double f = static_cast<double>(on - b) / static_cast<double>(t.deadline - b);
  return *t.baseline_value + (t.value - *t.baseline_value) * f;
}

TargetStatus EvaluateTarget(const domain::Target& t, double value, core::Date on) {
  const bool at_least = t.comparison == domain::Comparison::kAtLeast;
  auto meets = [at_least](double v, double goal) { return at_least ? v >= goal : v <= goal; };
  if (t.baseline_date && on < *t.baseline_date) return TargetStatus::kBeforeStart;
  if (meets(value, t.value)) return TargetStatus::kReached;
  if (on > t.deadline) return TargetStatus::kExpired;
  const auto line = PathValue(t, on);
  if (line && meets(value, *line)) return TargetStatus::kOnCourse;
  return TargetStatus::kBehind;
}

const domain::Target* TargetInForce(std::span<const domain::Target> targets, std::string_view indicator,
                                    std::string_view measure, std::string_view breakdown, std::string_view scope,
                                    core::Date on) {
  const domain::Target* open = nullptr;     // earliest deadline >= on
  const domain::Target* expired = nullptr;  // latest deadline < on
  for (const auto& t : targets) {
    if (t.indicator != indicator || t.measure != measure || t.breakdown != breakdown || t.scope != scope) continue;
    if (t.baseline_date && *t.baseline_date > on) continue;
    if (t.deadline >= on) {
      if (open == nullptr || t.deadline < open->deadline) open = &t;
    } else if (expired == nullptr || t.deadline > expired->deadline) {
      expired = &t;
    }
  }
  return open != nullptr ? open : expired;
}

std::optional<std::int64_t> NationalPlacesTarget(std::span<const domain::Target> targets, const core::Period& period) {
  const auto* t = TargetInForce(targets, "A2", "places_realised", "total", "NL", period.last());
  if (t == nullptr) return std::nullopt;
  return std::llround(t->value);
}

}  // namespace onderdak::indicators
