// The compute functions of the indicator families, one file each (internal to the layer;
// the registry lists them).
#pragma once

#include <vector>

#include "onderdak/core/status.h"
#include "onderdak/indicators/context.h"
#include "onderdak/indicators/figure.h"

namespace onderdak::indicators {

// A variant of a person-level definition: P10 reuses P1, P3, P5 and P7 for ages 18-27,
// under its own id with the original id as prefix of the measure ("P5.ended.median_days").
struct Variant {
  std::string_view indicator;
  std::string_view measure_prefix;  // "" or "P5."
  bool youth_only = false;
};

// homelessness.cc
core::Status ComputeP1(const Context& ctx, std::vector<Figure>& out, const Variant& v);
core::Status ComputeP2(const Context& ctx, std::vector<Figure>& out);
// waiting.cc
core::Status ComputeWaiting(const Context& ctx, std::vector<Figure>& out, const Variant& v, bool shelter);
// shelter.cc
core::Status ComputeP5(const Context& ctx, std::vector<Figure>& out, const Variant& v);
core::Status ComputeP6(const Context& ctx, std::vector<Figure>& out);
core::Status ComputeP7(const Context& ctx, std::vector<Figure>& out, const Variant& v);
// intake.cc
core::Status ComputeP8(const Context& ctx, std::vector<Figure>& out);
core::Status ComputeP9(const Context& ctx, std::vector<Figure>& out);
// youth.cc
core::Status ComputeP10(const Context& ctx, std::vector<Figure>& out);
// access.cc
core::Status ComputeP11(const Context& ctx, std::vector<Figure>& out);
// origin.cc
core::Status ComputeP13(const Context& ctx, std::vector<Figure>& out);
// prevention.cc
core::Status ComputeP12(const Context& ctx, std::vector<Figure>& out);
core::Status ComputeA8(const Context& ctx, std::vector<Figure>& out);
// capacity.cc
core::Status ComputeA1(const Context& ctx, std::vector<Figure>& out);
// housing.cc
core::Status ComputeA2(const Context& ctx, std::vector<Figure>& out);
core::Status ComputeA3(const Context& ctx, std::vector<Figure>& out);
// region_figures.cc
core::Status ComputeA4(const Context& ctx, std::vector<Figure>& out);
core::Status ComputeA5(const Context& ctx, std::vector<Figure>& out);
core::Status ComputeA6(const Context& ctx, std::vector<Figure>& out);
// completeness.cc
core::Status ComputeA7(const Context& ctx, std::vector<Figure>& out);

}  // namespace onderdak::indicators
