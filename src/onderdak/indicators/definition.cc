#include "onderdak/indicators/definition.h"

namespace onderdak::indicators {

std::span<const Definition> AllDefinitions() {
  static const std::vector<Definition> kAll = {
      {.name = "monitor",
       .label_nl = "Landelijke monitor (ETHOS 2 en 3: nachtopvang en tijdelijke opvang)",
       .label_en = "National monitor (ETHOS 2 and 3: night shelter and temporary accommodation)",
       .ethos = {2, 3},
       .source = "seed 002: from 2024 the national monitor (CBS with VNG) asks for ETHOS 2 and 3 on BSN level"},
      {.name = "ethos-1-3",
       .label_nl = "ETHOS 1 tot en met 3 (met straatslapers)",
       .label_en = "ETHOS 1 to 3 (with rough sleepers)",
       .ethos = {1, 2, 3},
       .source = "DOMAIN.md §4 P1: ETHOS 1-3, the monitor's first scope and onderdak's default until issue 15"},
      {.name = "cbs",
       .label_nl = "Zoals CBS (18 tot 65 jaar; straat, nachtopvang, bankslapers)",
       .label_en = "As CBS (aged 18 to 65; street, night shelter, sofa-surfers)",
       .ethos = {1, 2, 6},
       .min_age = 18,
       .max_age = 65,
       .source = "DOMAIN.md §1: CBS counts homeless people aged 18-65 sleeping rough, in night shelters or "
                 "with family or friends (seeds 003, 004)"},
      {.name = "ethos-light",
       .label_nl = "ETHOS Light 1 tot en met 7, per categorie",
       .label_en = "ETHOS Light 1 to 7, per category",
       .ethos = {1, 2, 3, 4, 5, 6, 7},
       .ethos_breakdown = true,
       .source = "DOMAIN.md §3 and §4 P1 (configurable up to 1-7); seed 002's wider ETHOS count"},
  };
  return kAll;
}

std::string DefinitionNames() {
  std::string out;
  for (const auto& d : AllDefinitions()) out += (out.empty() ? "" : ", ") + std::string(d.name);
  return out;
}

core::Result<const Definition*> FindDefinition(std::string_view name) {
  for (const auto& d : AllDefinitions()) {
    if (d.name == name) return &d;
  }
  return core::Status::InvalidInput("unknown definition '" + std::string(name) + "'; use one of " + DefinitionNames());
}

}  // namespace onderdak::indicators
