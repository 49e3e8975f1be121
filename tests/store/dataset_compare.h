// Field-by-field comparison of two Datasets loaded from different backends. Store ids
// and import timestamps differ by nature and are not compared; everything else,
// including the order of the records and the indexes that link them, must be equal.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "onderdak/domain/dataset.h"

namespace onderdak::testing {

#define ONDERDAK_EXPECT_FIELD(a, b, i, field) EXPECT_EQ((a).field, (b).field) << what << "[" << (i) << "]." #field

inline void ExpectSameDataset(const domain::Dataset& x, const domain::Dataset& y) {
  std::string what;
  auto same_size = [&](std::size_t a, std::size_t b, const char* name) {
    what = name;
    EXPECT_EQ(a, b) << name << ": different number of records";
    return a == b;
  };
  if (same_size(x.deliveries.size(), y.deliveries.size(), "deliveries")) {
    for (std::size_t i = 0; i < x.deliveries.size(); ++i) {
      const auto &a = x.deliveries[i], &b = y.deliveries[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, organisation);
      ONDERDAK_EXPECT_FIELD(a, b, i, organisation_name);
      ONDERDAK_EXPECT_FIELD(a, b, i, region);
      ONDERDAK_EXPECT_FIELD(a, b, i, period);
      ONDERDAK_EXPECT_FIELD(a, b, i, period_first);
      ONDERDAK_EXPECT_FIELD(a, b, i, period_last);
      ONDERDAK_EXPECT_FIELD(a, b, i, version);
      ONDERDAK_EXPECT_FIELD(a, b, i, current);
      ONDERDAK_EXPECT_FIELD(a, b, i, created);
      ONDERDAK_EXPECT_FIELD(a, b, i, source);
      ONDERDAK_EXPECT_FIELD(a, b, i, sha256);
      ONDERDAK_EXPECT_FIELD(a, b, i, files);
      ONDERDAK_EXPECT_FIELD(a, b, i, quality_flagged);
      EXPECT_EQ(a.imported_at.size(), 20u) << "imported_at '" << a.imported_at << "' is not YYYY-MM-DDTHH:MM:SSZ";
      EXPECT_EQ(b.imported_at.size(), 20u) << "imported_at '" << b.imported_at << "' is not YYYY-MM-DDTHH:MM:SSZ";
    }
  }
  if (same_size(x.persons.size(), y.persons.size(), "persons")) {
    for (std::size_t i = 0; i < x.persons.size(); ++i) {
      const auto &a = x.persons[i], &b = y.persons[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, delivery);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, pseudonym);
      ONDERDAK_EXPECT_FIELD(a, b, i, birth_year);
      ONDERDAK_EXPECT_FIELD(a, b, i, birth_month);
      ONDERDAK_EXPECT_FIELD(a, b, i, gender);
      ONDERDAK_EXPECT_FIELD(a, b, i, nationality_group);
      ONDERDAK_EXPECT_FIELD(a, b, i, household);
      ONDERDAK_EXPECT_FIELD(a, b, i, municipality_of_origin);
    }
  }
  if (same_size(x.living_situations.size(), y.living_situations.size(), "living_situations")) {
    for (std::size_t i = 0; i < x.living_situations.size(); ++i) {
      const auto &a = x.living_situations[i], &b = y.living_situations[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, person);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, ethos);
      ONDERDAK_EXPECT_FIELD(a, b, i, start);
      ONDERDAK_EXPECT_FIELD(a, b, i, end);
      ONDERDAK_EXPECT_FIELD(a, b, i, source);
    }
  }
  if (same_size(x.service_episodes.size(), y.service_episodes.size(), "service_episodes")) {
    for (std::size_t i = 0; i < x.service_episodes.size(); ++i) {
      const auto &a = x.service_episodes[i], &b = y.service_episodes[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, person);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, service_type);
      ONDERDAK_EXPECT_FIELD(a, b, i, facility);
      ONDERDAK_EXPECT_FIELD(a, b, i, municipality);
      ONDERDAK_EXPECT_FIELD(a, b, i, start);
      ONDERDAK_EXPECT_FIELD(a, b, i, end);
      ONDERDAK_EXPECT_FIELD(a, b, i, exit_destination);
    }
  }
  if (same_size(x.requests.size(), y.requests.size(), "requests")) {
    for (std::size_t i = 0; i < x.requests.size(); ++i) {
      const auto &a = x.requests[i], &b = y.requests[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, person);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, request_date);
      ONDERDAK_EXPECT_FIELD(a, b, i, municipality_applied_to);
      ONDERDAK_EXPECT_FIELD(a, b, i, service_type);
      ONDERDAK_EXPECT_FIELD(a, b, i, decision);
      ONDERDAK_EXPECT_FIELD(a, b, i, decision_date);
      ONDERDAK_EXPECT_FIELD(a, b, i, decision_reason);
      ONDERDAK_EXPECT_FIELD(a, b, i, referred_to_region);
    }
  }
  if (same_size(x.waiting_list.size(), y.waiting_list.size(), "waiting_list")) {
    for (std::size_t i = 0; i < x.waiting_list.size(); ++i) {
      const auto &a = x.waiting_list[i], &b = y.waiting_list[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, person);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, waiting_list_type);
      ONDERDAK_EXPECT_FIELD(a, b, i, registered);
      ONDERDAK_EXPECT_FIELD(a, b, i, end);
      ONDERDAK_EXPECT_FIELD(a, b, i, outcome);
    }
  }
  if (same_size(x.causes.size(), y.causes.size(), "causes")) {
    for (std::size_t i = 0; i < x.causes.size(); ++i) {
      const auto &a = x.causes[i], &b = y.causes[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, person);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, intake_date);
      ONDERDAK_EXPECT_FIELD(a, b, i, cause);
    }
  }
  if (same_size(x.needs.size(), y.needs.size(), "needs")) {
    for (std::size_t i = 0; i < x.needs.size(); ++i) {
      const auto &a = x.needs[i], &b = y.needs[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, person);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, assessed);
      ONDERDAK_EXPECT_FIELD(a, b, i, need_category);
    }
  }
  if (same_size(x.facilities.size(), y.facilities.size(), "facilities")) {
    for (std::size_t i = 0; i < x.facilities.size(); ++i) {
      const auto &a = x.facilities[i], &b = y.facilities[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, delivery);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, name);
      ONDERDAK_EXPECT_FIELD(a, b, i, municipality);
      ONDERDAK_EXPECT_FIELD(a, b, i, service_type);
    }
  }
  if (same_size(x.capacity.size(), y.capacity.size(), "capacity")) {
    for (std::size_t i = 0; i < x.capacity.size(); ++i) {
      const auto &a = x.capacity[i], &b = y.capacity[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, facility);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, valid_from);
      ONDERDAK_EXPECT_FIELD(a, b, i, room_size);
      ONDERDAK_EXPECT_FIELD(a, b, i, rooms);
      ONDERDAK_EXPECT_FIELD(a, b, i, places);
    }
  }
  if (same_size(x.housing_projects.size(), y.housing_projects.size(), "housing_projects")) {
    for (std::size_t i = 0; i < x.housing_projects.size(); ++i) {
      const auto &a = x.housing_projects[i], &b = y.housing_projects[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, delivery);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, municipality);
      ONDERDAK_EXPECT_FIELD(a, b, i, housing_kind);
      ONDERDAK_EXPECT_FIELD(a, b, i, places);
      ONDERDAK_EXPECT_FIELD(a, b, i, status);
      ONDERDAK_EXPECT_FIELD(a, b, i, status_date);
      ONDERDAK_EXPECT_FIELD(a, b, i, owner);
    }
  }
  if (same_size(x.funding_lines.size(), y.funding_lines.size(), "funding_lines")) {
    for (std::size_t i = 0; i < x.funding_lines.size(); ++i) {
      const auto &a = x.funding_lines[i], &b = y.funding_lines[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, project);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, funding_line);
      ONDERDAK_EXPECT_FIELD(a, b, i, places_counted);
    }
  }
  if (same_size(x.plans.size(), y.plans.size(), "plans")) {
    for (std::size_t i = 0; i < x.plans.size(); ++i) {
      const auto &a = x.plans[i], &b = y.plans[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, delivery);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, plan_status);
      ONDERDAK_EXPECT_FIELD(a, b, i, adopted_date);
      ONDERDAK_EXPECT_FIELD(a, b, i, aligned_with_action_plan);
      ONDERDAK_EXPECT_FIELD(a, b, i, contains_wonen_eerst);
      ONDERDAK_EXPECT_FIELD(a, b, i, shelter_in_municipality_of_origin);
      ONDERDAK_EXPECT_FIELD(a, b, i, made_with_lived_experience);
      ONDERDAK_EXPECT_FIELD(a, b, i, lived_experience_policy);
      ONDERDAK_EXPECT_FIELD(a, b, i, lived_experience_execution);
      ONDERDAK_EXPECT_FIELD(a, b, i, target_extra_places);
    }
  }
  if (same_size(x.agreements.size(), y.agreements.size(), "agreements")) {
    for (std::size_t i = 0; i < x.agreements.size(); ++i) {
      const auto &a = x.agreements[i], &b = y.agreements[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, delivery);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, corporation);
      ONDERDAK_EXPECT_FIELD(a, b, i, municipality);
      ONDERDAK_EXPECT_FIELD(a, b, i, covers_homeless);
      ONDERDAK_EXPECT_FIELD(a, b, i, places_agreed);
      ONDERDAK_EXPECT_FIELD(a, b, i, places_realised);
    }
  }
  if (same_size(x.budgets.size(), y.budgets.size(), "budgets")) {
    for (std::size_t i = 0; i < x.budgets.size(); ++i) {
      const auto &a = x.budgets[i], &b = y.budgets[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, delivery);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, year);
      ONDERDAK_EXPECT_FIELD(a, b, i, budget_theme);
      ONDERDAK_EXPECT_FIELD(a, b, i, budget_eur);
      ONDERDAK_EXPECT_FIELD(a, b, i, spent_eur);
    }
  }
  if (same_size(x.evictions.size(), y.evictions.size(), "evictions")) {
    for (std::size_t i = 0; i < x.evictions.size(); ++i) {
      const auto &a = x.evictions[i], &b = y.evictions[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, delivery);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, municipality);
      ONDERDAK_EXPECT_FIELD(a, b, i, eviction_date);
      ONDERDAK_EXPECT_FIELD(a, b, i, household);
      ONDERDAK_EXPECT_FIELD(a, b, i, other_housing_found);
    }
  }
  if (same_size(x.signals.size(), y.signals.size(), "signals")) {
    for (std::size_t i = 0; i < x.signals.size(); ++i) {
      const auto &a = x.signals[i], &b = y.signals[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, delivery);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, municipality);
      ONDERDAK_EXPECT_FIELD(a, b, i, signal_date);
      ONDERDAK_EXPECT_FIELD(a, b, i, signal_outcome);
    }
  }
  if (same_size(x.prevention_policies.size(), y.prevention_policies.size(), "prevention_policies")) {
    for (std::size_t i = 0; i < x.prevention_policies.size(); ++i) {
      const auto &a = x.prevention_policies[i], &b = y.prevention_policies[i];
      ONDERDAK_EXPECT_FIELD(a, b, i, delivery);
      ONDERDAK_EXPECT_FIELD(a, b, i, record_id);
      ONDERDAK_EXPECT_FIELD(a, b, i, municipality);
      ONDERDAK_EXPECT_FIELD(a, b, i, policy_status);
      ONDERDAK_EXPECT_FIELD(a, b, i, prevention_scan);
      ONDERDAK_EXPECT_FIELD(a, b, i, respite_facility);
    }
  }
}

#undef ONDERDAK_EXPECT_FIELD

}  // namespace onderdak::testing
