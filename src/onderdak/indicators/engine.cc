#include "onderdak/indicators/engine.h"

#include <algorithm>
#include <tuple>

#include "onderdak/indicators/context.h"

namespace onderdak::indicators {

std::string_view UnitName(Unit unit) {
  switch (unit) {
    case Unit::kPersons: return "persons";
    case Unit::kRecords: return "records";
    case Unit::kPlaces: return "places";
    case Unit::kDays: return "days";
    case Unit::kShare: return "share";
    case Unit::kEuro: return "euro";
    case Unit::kRegions: return "regions";
    case Unit::kScore: return "score";
  }
  return "";
}

std::string Completeness::Status() const {
  if (expected > 0 && delivered >= expected) return "complete";
  if (delivered > 0) return "partial";
  return expected == 0 ? "complete" : "missing";
}

core::Result<std::vector<Figure>> Compute(const domain::Dataset& data, const Request& request) {
  for (const auto& id : request.indicators) {
    if (FindIndicator(id) == nullptr) return core::Status::InvalidInput("indicator: unknown id '" + id + "'");
  }
  ONDERDAK_ASSIGN_OR_RETURN(const Context ctx, Context::Build(data, request));
  std::vector<Figure> out;
  for (const auto& ind : AllIndicators()) {
    if (!request.indicators.empty()) {
      bool wanted = false;
      for (const auto& id : request.indicators) wanted = wanted || id == ind.id;
      if (!wanted) continue;
    }
    const std::size_t first = out.size();
    ONDERDAK_RETURN_IF_ERROR(ind.compute(ctx, out).WithContext(ind.id));
    // A stable, readable order within the indicator: the nation first, then regions by
    // code; per region measures by name; the total before its breakdown cells.
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [](const Figure& a, const Figure& b) {
      auto key = [](const Figure& f) {
        return std::tuple(f.region != "NL", std::string_view(f.region), std::string_view(f.measure),
                          f.breakdown != "total", std::string_view(f.breakdown));
      };
      return key(a) < key(b);
    });
  }
  return out;
}

}  // namespace onderdak::indicators
