// The `definitions` of ground_truth.json: every field in words (split from ground_truth.cc,
// which computes the fields).
#include "onderdak/synth/ground_truth_parts.h"

namespace onderdak::synth::detail {

nlohmann::ordered_json TruthDefinitions() {
  return {
      {"figures",
       "per region and half-year, and nationally, the figures of docs/indicators.md as the indicator engine names "
       "them ({indicator: {measure: {breakdown: value}}}), each defined as that document defines it and computed "
       "from the simulated world, under the definition preset ethos-1-3. A region's figures are those of its own "
       "deliveries for the half-year (compare them only where `delivered`); national figures are over the regions "
       "that delivered: persons counted once however many regions know them, records and places summed over the "
       "regions; A2 (cumulative) takes each region's latest delivered state up to the half-year's end, and "
       "nationally gives regional_targets_sum, not the stored national target. A3's "
       "municipalities_with_agreements_share counts the gemeenten of the region by the reference set the data were "
       "generated with. Person figures (P1, its cells by gender and age band, P2, P7, P8, P9 and P10's P1 and P7 "
       "cells for ages 18-26; P10's P3 and P5 cells are over the records of persons aged 18-26) "
       "count pseudonyms as the "
       "documented linkage gives them (see "
       "`linkage`)"},
      {"linkage",
       "per person figure: `true` distinct persons, `as_linked` distinct pseudonyms (one per BSN, or per linkage key "
       "initials|birth_date|gender without one; docs/indicators.md §2.4), and the planted collisions' effect: "
       "`shared_key_pairs` pairs of distinct persons without BSN sharing a linkage key that both count in the cell "
       "(counted once: one fewer), `bsn_and_key` persons delivered with a BSN by the shelter and without it by "
       "another organisation who count in the cell through both (counted twice: one more); as_linked = true - "
       "shared_key_pairs + bsn_and_key"},
      {"shelter_stay_persons",
       "distinct persons with a service episode of a shelter type (nachtopvang, 24uursopvang, crisisopvang, "
       "vrouwenopvang, jongerenopvang, winteropvang) in the region whose [start_date, end_date] overlaps the "
       "half-year; every shelter stay is delivered, so in a delivering region this equals the recount from the files"},
      {"ethos_1_3_on_first_day",
       "true distinct persons whose living situation in the region is ETHOS 1, 2 or 3 on the half-year's first day, "
       "including persons registered by no organisation (rough sleepers unknown to the outreach team)"},
      {"registered_ethos_1_3_on_first_day",
       "the same, counting only living situations written in the region's deliveries for that half-year (0 when "
       "the region did not deliver); true distinct persons. registered_ethos_1_3_on_first_day_as_linked counts "
       "them as the linkage does (P1 persons_on_date under ethos-1-3; see `linkage`)"},
      {"national", "the same counts over all regions, a person counted once however many regions know them"},
      {"comparable",
       "the regions that delivered in every half-year of the range, and per half-year the persons registered in ETHOS "
       "1-3 on its first day by those regions' deliveries, a person counted once however many of them know them "
       "(true, and _as_linked)"},
      {"national_ethos_1_3_in_year", "distinct persons with an ETHOS 1-3 living situation overlapping the year"},
      {"delivered", "whether all organisations of the region delivered for the half-year"},
      {"requests",
       "P11: requests (requests.csv of the opvang delivery) whose request_date lies in the half-year, with their "
       "decision as of its last day (one decided later is undecided): requests, decided, undecided, refused "
       "(afgewezen), refused_regiobinding (afgewezen citing regiobinding, not a valid ground), referred "
       "(doorverwezen)"},
      {"waiting_list",
       "P3/P4 per waiting_list_type: placed, the entries placed (geplaatst) with the end date in the half-year; "
       "waiting, the entries (records, not persons) on the list on its last day: registered on or before it and "
       "ended on or after it"},
      {"capacity_places_on_last_day",
       "shelter places (capacity.csv) in force on the half-year's last day, summed over the region's facilities, by "
       "room_size; capacity_rooms_on_last_day the same for rooms"},
      {"housing_places_realised",
       "distinct housing places (woonplekken) of the projects with status gerealiseerd on the half-year's last day, "
       "each project's places counted once (housing_projects.csv of the gemeente delivery); cumulative since 2019 "
       "(or the range's first year when earlier)"},
      {"housing_places_realised_gross",
       "the sum of places_counted over the funding lines of those projects; exceeds the distinct count because "
       "lines overlap (seed 000); by line in housing_places_realised_by_funding_line"},
      {"housing_places_in_progress", "distinct places of projects gepland or gestart on the half-year's last day"},
      {"housing_ambition", "the national ambition of extra housing places by the end of 2021 (seed 000)"},
      {"plan_status",
       "status of the regional plan (plans.csv) at the half-year's end; plans_adopted nationally counts the "
       "regions whose status is vastgesteld, of all regions (not only those that delivered)"},
      {"target_extra_places", "the regional plan's target of extra housing places (0 without a plan)"},
      {"evictions",
       "eviction rows (evictions.csv) in the half-year; evictions_other_housing_found those with "
       "other_housing_found = ja"},
      {"signals", "early-warning signals (signals.csv) in the half-year; signals_intake_offered those aanbod_gedaan"}};
}

}  // namespace onderdak::synth::detail
