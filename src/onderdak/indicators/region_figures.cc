// The regions' own aggregate figures: A4 lived-experience expertise, A5 regional plan,
// A6 budget and spending. Definitions: docs/indicators.md §4.4-4.6.
#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {

std::vector<std::int32_t> LatestPlanPerRegion(const Context& ctx, bool up_to_period_end);  // housing.cc

core::Status ComputeA4(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  RegionSums sums(ctx, "A4", {"plans"}, false);
  const auto plans = LatestPlanPerRegion(ctx, false);
  for (std::size_t r = 0; r < plans.size(); ++r) {
    if (plans[r] < 0) continue;
    const auto& p = data.plans[static_cast<std::size_t>(plans[r])];
    const auto region = static_cast<std::int32_t>(r);
    sums.AddRegionOnly(region, "policy_involvement", "total", Unit::kScore, p.lived_experience_policy);
    sums.AddRegionOnly(region, "execution_involvement", "total", Unit::kScore, p.lived_experience_execution);
    // Nationally: the number of regions per level of the 0-3 scale.
    sums.Add(region, "regions_by_policy_involvement", "level=" + std::to_string(p.lived_experience_policy),
             Unit::kRegions, 1);
    sums.Add(region, "regions_by_execution_involvement", "level=" + std::to_string(p.lived_experience_execution),
             Unit::kRegions, 1);
    sums.AddShare(region, "plan_made_with_lived_experience", "total", p.made_with_lived_experience ? 1 : 0, 1);
  }
  sums.Emit(out);
  return core::Status::Ok();
}

core::Status ComputeA5(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  RegionSums sums(ctx, "A5", {"plans"}, false);
  const auto plans = LatestPlanPerRegion(ctx, false);
  for (std::size_t r = 0; r < plans.size(); ++r) {
    if (plans[r] < 0) continue;
    const auto& p = data.plans[static_cast<std::size_t>(plans[r])];
    const auto region = static_cast<std::int32_t>(r);
    const bool adopted = p.plan_status == "vastgesteld";
    for (std::string_view code : {"geen", "in_voorbereiding", "vastgesteld"}) {
      sums.Add(region, "regions_by_plan_status", "plan_status=" + std::string(code), Unit::kRegions,
               p.plan_status == code ? 1 : 0);
    }
    sums.AddShare(region, "adopted", "total", adopted ? 1 : 0, 1);
    if (adopted && p.adopted_date) {
      sums.AddRegionOnly(region, "adopted_date", "total", Unit::kScore, 1, "adopted " + p.adopted_date->ToString());
    }
    sums.AddShare(region, "aligned_with_action_plan", "total", p.aligned_with_action_plan ? 1 : 0, 1);
    sums.AddShare(region, "contains_wonen_eerst", "total", p.contains_wonen_eerst ? 1 : 0, 1);
    sums.AddShare(region, "shelter_in_municipality_of_origin", "total", p.shelter_in_municipality_of_origin ? 1 : 0, 1);
  }
  sums.Emit(out);
  return core::Status::Ok();
}

core::Status ComputeA6(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  auto budgets = ctx.Select(
      data.budgets, [](const domain::Budget& b) { return b.delivery; },
      [&](std::int32_t d) { return ctx.InPeriodScope(d); });
  RegionSums sums(ctx, "A6", {"budgets"}, false);
  for (auto i : budgets) {
    const auto& b = data.budgets[static_cast<std::size_t>(i)];
    if (b.year != ctx.period().year()) continue;  // the calendar year of the period
    const auto r = ctx.RegionOf(b.delivery);
    const std::string theme = "budget_theme=" + std::string(b.budget_theme);
    for (const std::string& cell : {std::string("total"), theme}) {
      sums.Add(r, "budget_eur", cell, Unit::kEuro, static_cast<double>(b.budget_eur));
      sums.Add(r, "spent_eur", cell, Unit::kEuro, static_cast<double>(b.spent_eur));
      sums.AddShare(r, "spent_share", cell, b.spent_eur, b.budget_eur);
    }
  }
  sums.Emit(out);
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
