// Internal to the generator: ground_truth.json computed from the simulated world (model.h),
// never from the written files or the indicator engine, and the planted linkage
// collisions that the truth accounts for. The fields and their definitions are listed in
// generator.h and, in words, in the file's own `definitions`.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "onderdak/synth/model.h"

namespace onderdak::synth::detail {

// Who delivers what: the organisations of each region and which regions delivered in
// which half-year of the range.
struct DeliveryPlan {
  const domain::ReferenceSet& ref;
  const std::vector<Period>& halves;
  const std::vector<std::vector<bool>>& delivered;     // [region][half]
  const std::vector<std::vector<Organisation>>& orgs;  // [region]
};

struct TruthInput {
  const World& world;
  const Codes& codes;
  const DeliveryPlan& plan;
  const std::vector<int>& years;
  const std::vector<RegionFigures>& figures;
  const GenerateOptions& opt;
  std::int64_t persons;
};

nlohmann::ordered_json GroundTruth(const TruthInput& in);

// Plants, deterministically from `rng`, linkage collisions into the world (issue 23):
// about one pair per 1,000 persons (at least 2) of distinct persons without BSN, of the
// same gender and birth year, who are registered in the same region and half-year, made
// to share one linkage key (the second takes the first's initials and birth date); and as
// many persons again (at least 3) with a BSN, registered by the shelter and by the
// outreach team or briefadres registration in one half-year, whom the latter two deliver
// without the BSN (with initials and birth date). Records them in World::shared_key_pairs
// and World::bsn_and_key. Changes nothing else of the world.
void PlantLinkageCollisions(World& world, const DeliveryPlan& plan, Rng& rng);

}  // namespace onderdak::synth::detail
