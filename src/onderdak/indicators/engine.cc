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

namespace {

core::Status CheckIndicators(const Request& request) {
  for (const auto& id : request.indicators) {
    if (FindIndicator(id) == nullptr) return core::Status::InvalidInput("indicator: unknown id '" + id + "'");
  }
  return core::Status::Ok();
}

core::Result<std::vector<Figure>> ComputeOn(const PreparedData& prepared, const Request& request) {
  ONDERDAK_RETURN_IF_ERROR(CheckIndicators(request));
  ONDERDAK_ASSIGN_OR_RETURN(const Context ctx, Context::Build(prepared, request));
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

}  // namespace

const domain::Dataset& Prepared::data() const { return *impl_->data; }

core::Result<Prepared> Prepare(const domain::Dataset& data) {
  auto impl = PrepareData(data);
  if (!impl->status.ok()) return impl->status;
  return Prepared(std::move(impl));
}

core::Result<std::vector<Figure>> Compute(const Prepared& prepared, const Request& request) {
  return ComputeOn(*prepared.impl_, request);
}

core::Result<std::vector<Figure>> Compute(const domain::Dataset& data, const Request& request) {
  // An unknown indicator is reported before the Dataset is looked at, as before.
  ONDERDAK_RETURN_IF_ERROR(CheckIndicators(request));
  // A broken Dataset is reported after the Request is validated (Context::Build).
  return ComputeOn(*PrepareData(data), request);
}

std::vector<core::Result<std::vector<Figure>>> ComputeMany(const Prepared& prepared,
                                                           std::span<const Request> requests) {
  std::vector<core::Result<std::vector<Figure>>> out;
  out.reserve(requests.size());
  for (const auto& r : requests) out.push_back(ComputeOn(*prepared.impl_, r));
  return out;
}

}  // namespace onderdak::indicators
