// A7 completeness and quality: per region and period, which entity files each
// organisation delivered; nationally, how many regions delivered (e.g. 35 of 43); and the
// data-quality findings the engine meets. Definitions: docs/indicators.md §4.7.
#include <algorithm>

#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {

core::Status ComputeA7(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  const auto nregions = static_cast<std::int32_t>(ctx.regions().size());
  auto add = [&](std::int32_t region, std::string breakdown, const Completeness& c) {
    if (region >= 0 ? !ctx.RegionWanted(region) : !ctx.NationalWanted()) return;
    if (c.expected == 0) return;
    Figure f = BaseFigure(ctx, "A7", region >= 0 ? "organisations_delivered" : "regions_delivered", region,
                          region >= 0 ? Unit::kRecords : Unit::kRegions);
    f.breakdown = std::move(breakdown);
    f.value = c.delivered;
    f.numerator = c.delivered;
    f.denominator = c.expected;
    f.completeness = c;
    for (const auto& m : c.missing) f.note += (f.note.empty() ? "missing: " : ", ") + m;
    out.push_back(std::move(f));
  };
  for (std::int32_t r = -1; r < nregions; ++r) {
    add(r, "total", ctx.CompletenessOf(r, {}, false));
    for (auto file : domain::kEntityFiles) {
      const std::string_view files[] = {file};
      add(r, "file=" + std::string(file), ctx.CompletenessOf(r, files, false));
    }
  }
  // Quality: shelter stays open for more than 5 years at the period's end (a warning in the
  // exchange format), and homeless-relevant stays without any living situation of the person.
  RegionSums q(ctx, "A7", {"service_episodes"}, false);
  std::vector<char> with_situation(ctx.pid_count(), 0);
  for (std::int32_t d = 0; static_cast<std::size_t>(d) < data.deliveries.size(); ++d) {
    if (!ctx.InPeriodScope(d)) continue;
    for (auto l : ctx.LivingSituationsOf(d)) {
      with_situation[static_cast<std::size_t>(ctx.PidOf(data.living_situations[static_cast<std::size_t>(l)].person))] =
          1;
    }
  }
  std::vector<std::int64_t> long_stays(ctx.regions().size(), 0), without(ctx.regions().size(), 0),
      other_provider(ctx.regions().size(), 0);
  std::vector<char> has_stays(ctx.regions().size(), 0);
  const auto overlapping = OverlapsOtherOrganisation(ctx);
  const auto& stays = ctx.period_shelter_stays();
  for (std::size_t k = 0; k < stays.size(); ++k) {
    const auto& s = data.service_episodes[static_cast<std::size_t>(stays[k])];
    const auto d = ctx.DeliveryOfPerson(s.person);
    const auto r = static_cast<std::size_t>(ctx.RegionOf(d));
    const core::Date until = std::min(ctx.KnownEnd(s.end, d), ctx.period().last());
    has_stays[r] = 1;
    if (until - s.start + 1 > 5 * 365 + 1) ++long_stays[r];
    if (!with_situation[static_cast<std::size_t>(ctx.PidOf(s.person))]) ++without[r];
    if (overlapping[k]) ++other_provider[r];
  }
  for (std::size_t r = 0; r < has_stays.size(); ++r) {
    if (!has_stays[r]) continue;
    const auto region = static_cast<std::int32_t>(r);
    q.Add(region, "quality.stays_over_5_years", "total", Unit::kRecords, static_cast<double>(long_stays[r]));
    q.Add(region, "quality.stays_without_living_situation", "total", Unit::kRecords, static_cast<double>(without[r]));
    q.Add(region, "quality.stays_overlapping_other_provider", "total", Unit::kRecords,
          static_cast<double>(other_provider[r]));
  }
  q.Emit(out);

  // The quality score (issue 19 item 3): of the region's deliveries for the period that
  // have a stored data-quality report, those without a flagged check ("in orde").
  // Deliveries imported without a report are not counted either way.
  RegionSums scores(ctx, "A7", {}, false);
  std::vector<std::int64_t> with_report(ctx.regions().size(), 0), flagged(ctx.regions().size(), 0);
  for (std::int32_t d = 0; static_cast<std::size_t>(d) < data.deliveries.size(); ++d) {
    const auto& delivery = data.deliveries[static_cast<std::size_t>(d)];
    if (!ctx.InPeriodScope(d) || !delivery.quality_flagged) continue;
    const auto r = static_cast<std::size_t>(ctx.RegionOf(d));
    ++with_report[r];
    if (*delivery.quality_flagged > 0) ++flagged[r];
  }
  for (std::size_t r = 0; r < with_report.size(); ++r) {
    if (with_report[r] == 0) continue;
    const auto region = static_cast<std::int32_t>(r);
    scores.Add(region, "quality.deliveries_with_report", "total", Unit::kRecords, static_cast<double>(with_report[r]));
    scores.Add(region, "quality.deliveries_flagged", "total", Unit::kRecords, static_cast<double>(flagged[r]));
    scores.AddShare(region, "quality.deliveries_in_order_share", "total", with_report[r] - flagged[r], with_report[r]);
  }
  scores.Emit(out);
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
