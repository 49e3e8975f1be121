// Homelessness spells per person, the input of the projection to 2030 (docs/projection.md
// §2): each person's homelessness episodes under a definition, merged into spells where
// they overlap or touch (as P2 merges them), per region and nationally, with what the
// projection needs to know of each: whether it is still going on the last delivered day
// (censored), whether it ended with an exit from shelter to housing (P6's destinations),
// and whether it was a first-time spell (P2's rule: no episode anywhere in the 24 months
// before).
//
// National: the persons of the regions that delivered the latest half-year any region
// delivered, linked by pseudonym across those regions (a person who moved counts once);
// the regions that did not deliver it are named (`left_out`), never read as a fall.
//
// Pure function over a prepared Dataset; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"
#include "onderdak/indicators/definition.h"
#include "onderdak/indicators/engine.h"

namespace onderdak::indicators {

struct Spell {
  std::int32_t person = 0;  // dense person id within its unit, 0 .. SpellUnit::persons - 1
  core::Date start;
  core::Date end;           // the last day known homeless (an open record: its delivery's last day)
  bool ongoing = false;     // homeless on the unit's last delivered day: the end is not observed
  bool housed = false;      // ended with a shelter exit to a home or a housing place with support
  bool first_time = false;  // no homelessness episode anywhere in the 24 months before `start`
};

struct SpellUnit {
  std::string code;                     // the region's CBS code, or "NL"
  std::vector<std::string> regions;     // the regions whose deliveries it holds
  std::vector<std::string> left_out;    // NL: regions with deliveries, but none for the last half-year
  core::Date first;                     // the first day delivered
  core::Date last;                      // the last day delivered: the jump-off of a projection
  std::vector<core::Period> delivered;  // half-years delivered (person-level), ascending
  std::int32_t persons = 0;
  std::vector<Spell> spells;  // by person, then start
};

struct SpellRequest {
  std::string definition = std::string(kDefaultDefinition);
  std::string region;    // only this region (CBS code); empty: every region
  bool national = true;  // add the national unit "NL" (only without a region)
};

// One unit per region with person-level deliveries (sorted by code), then "NL". The
// definition's age limits apply to the age at the start of a spell. InvalidInput for an
// unknown definition; NotFound when the region delivered no person-level records.
core::Result<std::vector<SpellUnit>> HomelessSpells(const Prepared& prepared, const SpellRequest& request);

}  // namespace onderdak::indicators
