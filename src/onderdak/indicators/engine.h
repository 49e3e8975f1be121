// The indicator engine: pure computation of the catalogue (docs/indicators.md) over a
// Dataset. The public entry points of the layer:
//
//   auto figures = indicators::Compute(dataset, request);      // every figure, unrounded
//   indicators::ApplyDisclosureControl(*figures, options);     // public output (disclosure.h)
//   std::string csv = indicators::RenderCsv(*figures);         // the documented columns (csv.h)
//
// Thread safety: Compute keeps no state; concurrent calls on the same Dataset are safe.
#pragma once

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

}  // namespace onderdak::indicators
