// P10 youth programme: P1, P7, P3 and P5 for ages 18-27 ("18 tot 27 jaar"), the 2020
// baseline's four indicators. Definitions: docs/indicators.md §3.10.
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {

core::Status ComputeP10(const Context& ctx, std::vector<Figure>& out) {
  ONDERDAK_RETURN_IF_ERROR(ComputeP1(ctx, out, {"P10", "P1.", true}));
  ONDERDAK_RETURN_IF_ERROR(ComputeP7(ctx, out, {"P10", "P7.", true}));
  ONDERDAK_RETURN_IF_ERROR(ComputeWaiting(ctx, out, {"P10", "P3.", true}, true));
  ONDERDAK_RETURN_IF_ERROR(ComputeP5(ctx, out, {"P10", "P5.", true}));
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
