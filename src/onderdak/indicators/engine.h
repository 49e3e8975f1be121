// The indicator engine: pure computation of the catalogue (docs/indicators.md) over a
// Dataset. The public entry points of the layer:
//
//   auto figures = indicators::Compute(dataset, request);      // every figure, unrounded
//   indicators::ApplyDisclosureControl(*figures, options);     // public output (disclosure.h)
//   std::string csv = indicators::RenderCsv(*figures);         // the documented columns (csv.h)
//
// Several periods over one Dataset: prepare once (pseudonym interning, episodes per person
// and per delivery, records per delivery),
// then compute each Request on the prepared Dataset:
//
//   auto prepared = indicators::Prepare(dataset);                // once per Dataset
//   auto figures = indicators::Compute(*prepared, request);      // per Request
//   auto many = indicators::ComputeMany(*prepared, requests);    // one result per Request
//
// Threads: Compute computes the indicators of its Request on up to
// hardware_concurrency() threads, ComputeMany its Requests; the figures are the same as
// computed one after the other (each indicator and each Request on its own, joined in
// order). Prepare runs its independent passes on up to two threads, keeping the order of
// one pass, so its ids do not depend on the threads either. Compute keeps no state;
// concurrent calls on the same Dataset or the same Prepared are safe.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/domain/dataset.h"
#include "onderdak/indicators/csv.h"
#include "onderdak/indicators/disclosure.h"
#include "onderdak/indicators/figure.h"
#include "onderdak/indicators/registry.h"

namespace onderdak::indicators {

// Computes the requested indicators (all when Request::indicators is empty), in registry
// order. InvalidInput for an unknown indicator id, breakdown dimension or ETHOS category;
// Internal when the Dataset breaks its own invariants (an index out of range).
core::Result<std::vector<Figure>> Compute(const domain::Dataset& data, const Request& request);

struct PreparedData;  // context.h

// The Request-independent preparation of a Dataset. Refers to the Dataset, which must
// outlive it and not change. Cheap to copy (shared, immutable).
class Prepared {
 public:
  const domain::Dataset& data() const;
  // The preparation itself, for computations of this layer beside the catalogue (e.g.
  // provider_figures.h); PreparedData is defined in the layer's internal context.h.
  const PreparedData& internals() const { return *impl_; }

 private:
  friend core::Result<Prepared> Prepare(const domain::Dataset& data);
  friend core::Result<std::vector<Figure>> Compute(const Prepared& prepared, const Request& request);
  friend std::vector<core::Result<std::vector<Figure>>> ComputeMany(const Prepared& prepared,
                                                                    std::span<const Request> requests);
  explicit Prepared(std::shared_ptr<const PreparedData> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const PreparedData> impl_;
};

// Internal when the Dataset breaks its own invariants (an index out of range).
core::Result<Prepared> Prepare(const domain::Dataset& data);

// As Compute(data, request), on a prepared Dataset; the same figures.
core::Result<std::vector<Figure>> Compute(const Prepared& prepared, const Request& request);

// Compute for each Request (e.g. one per period), the Requests on several threads; one
// result per Request, in the order of `requests`.
std::vector<core::Result<std::vector<Figure>>> ComputeMany(const Prepared& prepared, std::span<const Request> requests);

}  // namespace onderdak::indicators
