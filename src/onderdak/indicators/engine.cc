#include "onderdak/indicators/engine.h"

#include <algorithm>
#include <iterator>
#include <tuple>

#include "onderdak/indicators/context.h"
#include "onderdak/indicators/parallel.h"

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
    case Unit::kMunicipalities: return "municipalities";
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

// One indicator's figures in a stable, readable order: the nation first, then regions by
// code; per region measures by name; the total before its breakdown cells.
core::Result<std::vector<Figure>> ComputeIndicator(const Indicator& ind, const Context& ctx) {
  std::vector<Figure> figures;
  ONDERDAK_RETURN_IF_ERROR(ind.compute(ctx, figures).WithContext(ind.id));
  auto key = [](const Figure& f) {
    return std::tuple(f.region != "NL", std::string_view(f.region), std::string_view(f.measure), f.breakdown != "total",
                      std::string_view(f.breakdown));
  };
  // Sorts positions, then moves each figure once.
  std::vector<std::uint32_t> order(figures.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key(figures[a]) < key(figures[b]); });
  std::vector<Figure> sorted;
  sorted.reserve(figures.size());
  for (auto i : order) sorted.push_back(std::move(figures[i]));
  return sorted;
}

// The requested indicators in registry order; with `parallel`, the indicators on several
// threads (the figures are the same: each indicator is computed on its own and they are
// joined in registry order).
core::Result<std::vector<Figure>> ComputeOn(const PreparedData& prepared, const Request& request, bool parallel) {
  ONDERDAK_RETURN_IF_ERROR(CheckIndicators(request));
  ONDERDAK_ASSIGN_OR_RETURN(const Context ctx, Context::Build(prepared, request));
  std::vector<const Indicator*> wanted;
  for (const auto& ind : AllIndicators()) {
    if (request.indicators.empty() ||
        std::find(request.indicators.begin(), request.indicators.end(), ind.id) != request.indicators.end()) {
      wanted.push_back(&ind);
    }
  }
  std::vector<core::Result<std::vector<Figure>>> parts(wanted.size(), std::vector<Figure>());
  auto compute = [&](std::size_t i) { parts[i] = ComputeIndicator(*wanted[i], ctx); };
  if (parallel) {
    ParallelFor(wanted.size(), compute);
  } else {
    for (std::size_t i = 0; i < wanted.size(); ++i) compute(i);
  }
  std::size_t total = 0;
  for (const auto& part : parts) {
    if (!part.ok()) return part.status();  // the first error in registry order
    total += part->size();
  }
  std::vector<Figure> out;
  out.reserve(total);
  for (auto& part : parts) std::move(part->begin(), part->end(), std::back_inserter(out));
  for (auto& f : out) f.definition = ctx.definition_label();
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
  return ComputeOn(*prepared.impl_, request, true);
}

core::Result<std::vector<Figure>> Compute(const domain::Dataset& data, const Request& request) {
  // An unknown indicator is reported before the Dataset is looked at, as before.
  ONDERDAK_RETURN_IF_ERROR(CheckIndicators(request));
  // A broken Dataset is reported after the Request is validated (Context::Build).
  return ComputeOn(*PrepareData(data), request, true);
}

std::vector<core::Result<std::vector<Figure>>> ComputeMany(const Prepared& prepared,
                                                           std::span<const Request> requests) {
  // One Request per thread at a time; each result lands in its own slot, so the results
  // do not depend on the threads. A single Request uses the threads for its indicators.
  std::vector<core::Result<std::vector<Figure>>> out(requests.size(), std::vector<Figure>());
  const bool one = requests.size() == 1;
  ParallelFor(requests.size(), [&](std::size_t i) { out[i] = ComputeOn(*prepared.impl_, requests[i], one); });
  return out;
}

}  // namespace onderdak::indicators
