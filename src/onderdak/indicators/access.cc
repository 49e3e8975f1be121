// P11 access (landelijke toegankelijkheid, Wmo 2015 art. 1.2.1): requests and decisions
// by reason; a refusal citing regiobinding is flagged. Definitions: docs/indicators.md §3.11.
#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {

core::Status ComputeP11(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  auto requests = ctx.Select(
      data.requests, [&](const domain::Request& r) { return ctx.DeliveryOfPerson(r.person); },
      [&](std::int32_t d) { return ctx.InPeriodScope(d); });
  std::vector<Item> all, refusals, referrals;
  for (auto i : requests) {
    const auto& r = data.requests[static_cast<std::size_t>(i)];
    if (!p.Contains(r.request_date)) continue;
    const auto region = ctx.RegionOf(ctx.DeliveryOfPerson(r.person));
    const auto pid = ctx.PidOf(r.person);
    // Decisions count as of the period's last day (§3 P11): one dated after it is still
    // undecided for this period, whether the delivery is for the half-year or the year.
    const bool decided = !r.decision.empty() && (!r.decision_date || *r.decision_date <= p.last());
    if (!decided) {
      all.push_back({region, pid, r.request_date, 0, i, 0, false, "undecided", r.municipality_applied_to});
      continue;
    }
    const bool invalid = IsInvalidGround(r.decision_reason);
    all.push_back({region, pid, r.request_date, 0, i, 0, invalid, r.decision, r.municipality_applied_to});
    if (r.decision == "afgewezen") {
      refusals.push_back({region, pid, r.request_date, 0, i, 0, invalid, r.decision_reason, r.municipality_applied_to});
    }
    if (r.decision == "doorverwezen") {
      referrals.push_back(
          {region, pid, r.request_date, 0, i, 0, invalid, r.decision_reason, r.municipality_applied_to});
    }
  }
  Spec s;
  s.indicator = "P11";
  s.unit = Unit::kRecords;
  s.record_kind = "requests";
  s.distinct_persons = false;
  s.municipality_dim = true;
  s.files = {"requests"};
  Spec by_decision = s;
  by_decision.label_dim = "decision";
  by_decision.label_list = "decision";
  const auto all_cells = Aggregate(ctx, by_decision, std::move(all));
  Emit(ctx, by_decision, all_cells, "requests", Stat::kCount, Unit::kRecords, out);
  Spec by_reason = s;
  by_reason.label_dim = "decision_reason";
  by_reason.label_list = "decision_reason";
  const auto refusal_cells = Aggregate(ctx, by_reason, std::move(refusals));
  Emit(ctx, by_reason, refusal_cells, "refusals", Stat::kCount, Unit::kRecords, out);
  Emit(ctx, by_reason, refusal_cells, "invalid_refusals", Stat::kNumCount, Unit::kRecords, out);
  Emit(ctx, by_reason, refusal_cells, "invalid_refusal_share", Stat::kShare, Unit::kShare, out);
  const auto referral_cells = Aggregate(ctx, s, std::move(referrals));
  Emit(ctx, s, referral_cells, "referrals", Stat::kCount, Unit::kRecords, out);
  Emit(ctx, s, referral_cells, "referrals_citing_regiobinding", Stat::kNumCount, Unit::kRecords, out);
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
