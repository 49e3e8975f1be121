// The one registry of indicators: every indicator of docs/indicators.md is listed here
// once, with its Dutch and English name, unit, kind and compute function. A test checks
// that the registry and the document list the same ids.
//
// Static, immutable data; thread-safe.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "onderdak/core/status.h"
#include "onderdak/indicators/figure.h"

namespace onderdak::indicators {

class Context;

enum class Kind {
  kPointInTime,  // on a reference date (peildatum)
  kPeriod,       // over a period
  kBoth,         // both, always labelled which (P1)
};
std::string_view KindName(Kind kind);

using ComputeFn = core::Status (*)(const Context& ctx, std::vector<Figure>& out);

struct Indicator {
  std::string_view id;       // "P1"
  std::string_view name_nl;  // "Dakloze personen"
  std::string_view name_en;  // "Homeless persons"
  Unit unit;                 // main unit
  Kind kind;
  std::string_view family;  // source file of the definition, e.g. "homelessness.cc"
  ComputeFn compute;
};

std::span<const Indicator> AllIndicators();
// nullptr when no indicator has that id (case-sensitive, e.g. "P5").
const Indicator* FindIndicator(std::string_view id);

}  // namespace onderdak::indicators
