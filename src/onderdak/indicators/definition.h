// Definition presets: which living situations count as homeless, for whom. One place for
// every preset (docs/indicators.md §2.7, ADR 0023): a Request names one
// (Request::definition), and every figure says which one it was computed under
// (Figure::definition).
//
// Static, immutable data; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::indicators {

struct Definition {
  std::string_view name;      // "monitor": the value of --definition and ?definition=
  std::string_view label_nl;  // shown on the pages
  std::string_view label_en;
  // ETHOS Light categories that count as homeless (P1, P2, P7, P10).
  std::vector<int> ethos;
  // Ages counted, [min_age, max_age) in completed years on the date the age rules of
  // docs/indicators.md §2.3 name; max_age -1: no upper bound. A person of unknown age is
  // counted only when there is no age limit (min_age 0 and max_age -1).
  int min_age = 0;
  int max_age = -1;
  // Whether the `ethos` breakdown is always added to P1 and P2.
  bool ethos_breakdown = false;
  std::string_view source;  // where the scope comes from
  bool HasAgeLimit() const { return min_age > 0 || max_age >= 0; }
  bool AgeCounts(int age) const {
    if (!HasAgeLimit()) return true;
    return age >= min_age && (max_age < 0 || age < max_age);
  }
};

// The default: the national monitor's scope from 2024 (ETHOS 2 and 3, seed 002).
inline constexpr std::string_view kDefaultDefinition = "monitor";

// Every preset, the default first.
std::span<const Definition> AllDefinitions();
// InvalidInput naming the known presets when there is no preset `name`.
core::Result<const Definition*> FindDefinition(std::string_view name);
// "monitor, ethos-1-3, cbs, ethos-light".
std::string DefinitionNames();

}  // namespace onderdak::indicators
