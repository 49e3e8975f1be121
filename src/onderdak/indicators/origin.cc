// P13 origin of persons in shelter (woonplaatsbeginsel, landelijke toegankelijkheid): per
// shelter region, its persons in shelter by where they come from (own region, another
// region, unknown), by origin region (the origin x shelter matrix), their length of stay
// and how many were referred back. Definitions: docs/indicators.md §3 P13; ADR 0026.
#include "onderdak/indicators/origin.h"

#include <algorithm>
#include <unordered_set>

#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {

std::map<std::string, std::string, std::less<>> MunicipalityRegions(const domain::ReferenceSet& set) {
  std::map<std::string, std::string, std::less<>> m;
  for (const auto& x : set.municipalities()) m.emplace(x.code, x.region_code);
  return m;
}

namespace {

constexpr std::string_view kFiles[] = {"service_episodes"};

// A person's origin region from their canonical Person record (§2.5: the latest current
// delivery), looked up once per pid: nullptr when municipality_of_origin is empty or not
// a municipality of the reference set (both "unknown").
class Origins {
 public:
  explicit Origins(const Context& ctx)
      : ctx_(ctx), map_(ctx.request().municipality_regions), region_(ctx.pid_count()), looked_(ctx.pid_count()) {}
  const std::string* Of(std::int32_t pid) {
    const auto i = static_cast<std::size_t>(pid);
    if (!looked_[i]) {
      looked_[i] = 1;
      const auto& m = ctx_.Canonical(pid).municipality_of_origin;
      if (!m.empty()) {
        auto it = map_.find(m);
        if (it != map_.end()) region_[i] = &it->second;
      }
    }
    return region_[i];
  }
  // The origin class of a person in shelter in region index `region`.
  std::string_view Class(std::int32_t pid, std::int32_t region) {
    const std::string* from = Of(pid);
    if (from == nullptr) return kOriginUnknown;
    return *from == ctx_.regions()[static_cast<std::size_t>(region)] ? kOriginOwnRegion : kOriginOtherRegion;
  }

 private:
  const Context& ctx_;
  const std::map<std::string, std::string, std::less<>>& map_;
  std::vector<const std::string*> region_;
  std::vector<char> looked_;
};

std::uint64_t Key(std::int32_t pid, std::int32_t region) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(pid)) << 32) | static_cast<std::uint32_t>(region);
}

}  // namespace

core::Status ComputeP13(const Context& ctx, std::vector<Figure>& out) {
  // Without the reference set's municipalities nobody's origin region is known: no
  // figures rather than everybody "unknown".
  if (ctx.request().municipality_regions.empty()) return core::Status::Ok();
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  Origins origins(ctx);

  // Referred back (P11's `referrals`, as of the period's last day): a request made in the
  // period in a region other than the person's origin region and referred (doorverwezen)
  // to that origin region.
  std::unordered_set<std::uint64_t> referred_back;
  const auto requests = ctx.Select(
      data.requests, [&](const domain::Request& r) { return ctx.DeliveryOfPerson(r.person); },
      [&](std::int32_t d) { return ctx.InPeriodScope(d); });
  for (auto i : requests) {
    const auto& r = data.requests[static_cast<std::size_t>(i)];
    if (!p.Contains(r.request_date) || r.decision != "doorverwezen") continue;
    if (r.decision_date && *r.decision_date > p.last()) continue;  // undecided on the last day
    const auto pid = ctx.PidOf(r.person);
    const auto region = ctx.RegionOf(ctx.DeliveryOfPerson(r.person));
    if (origins.Class(pid, region) != kOriginOtherRegion) continue;
    if (r.referred_to_region == *origins.Of(pid)) referred_back.insert(Key(pid, region));
  }

  // Persons in shelter in the period (a shelter stay overlapping it, as P5 and P6 count
  // stays), and their stays ended in the period and ongoing on its last day (P5).
  std::vector<Item> persons, by_origin, ended, ongoing;
  for (auto i : ctx.period_shelter_stays()) {
    const auto& s = data.service_episodes[static_cast<std::size_t>(i)];
    const auto d = ctx.DeliveryOfPerson(s.person);
    const core::Date known_end = ctx.KnownEnd(s.end, d);
    if (s.start > p.last() || known_end < p.first()) continue;
    const auto pid = ctx.PidOf(s.person);
    const auto region = ctx.RegionOf(d);
    const std::string_view cls = origins.Class(pid, region);
    const std::string* from = origins.Of(pid);
    const bool back = cls == kOriginOtherRegion && referred_back.contains(Key(pid, region));
    // Age (§2.3) on the later of the stay's start and the period's first day.
    const core::Date when = std::max(s.start, p.first());
    persons.push_back({region, pid, when, 0, i, 0, back, cls, {}});
    by_origin.push_back(
        {region, pid, when, 0, i, 0, back, from == nullptr ? kOriginUnknown : std::string_view(*from), {}});
    if (s.end && p.Contains(*s.end)) {
      ended.push_back({region, pid, *s.end, 0, i, *s.end - s.start + 1, false, cls, {}});
    }
    if (known_end >= p.last()) {
      ongoing.push_back({region, pid, p.last(), 0, i, p.last() - s.start + 1, false, cls, {}});
    }
  }

  Spec spec;
  spec.indicator = "P13";
  spec.unit = Unit::kPersons;
  spec.record_kind = "persons";
  spec.files.assign(std::begin(kFiles), std::end(kFiles));
  spec.label_dim = "origin";
  spec.label_fixed = {kOriginOwnRegion, kOriginOtherRegion, kOriginUnknown};
  const auto cells = Aggregate(ctx, spec, std::move(persons));
  Emit(ctx, spec, cells, "persons", Stat::kCount, Unit::kPersons, out);
  Emit(ctx, spec, cells, "referred_back", Stat::kNumCount, Unit::kPersons, out);

  // The origin x shelter matrix: the same persons by origin region ("unknown" as a row of
  // its own). Its total is the `persons` total above, so it is not emitted twice.
  Spec matrix = spec;
  matrix.label_dim = "origin_region";
  matrix.label_fixed.clear();
  matrix.person_dims = false;
  const auto matrix_cells = Aggregate(ctx, matrix, std::move(by_origin));
  const std::size_t first = out.size();
  Emit(ctx, matrix, matrix_cells, "persons", Stat::kCount, Unit::kPersons, out);
  Emit(ctx, matrix, matrix_cells, "referred_back", Stat::kNumCount, Unit::kPersons, out);
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                           [](const Figure& f) { return f.breakdown == "total"; }),
            out.end());

  // Length of stay (P5's days, both ends counted) by origin class.
  Spec stays = spec;
  stays.unit = Unit::kRecords;
  stays.record_kind = "service_episodes";
  stays.distinct_persons = false;
  stays.keep_values = true;
  for (int k = 0; k < 2; ++k) {
    const bool is_ended = k == 0;
    const auto stay_cells = Aggregate(ctx, stays, std::move(is_ended ? ended : ongoing));
    const std::size_t from = out.size();
    Emit(ctx, stays, stay_cells, is_ended ? "ended.median_days" : "ongoing.median_days", Stat::kMedian, Unit::kDays,
         out);
    if (!is_ended) {  // ongoing on the period's last day: a point-in-time figure
      for (std::size_t f = from; f < out.size(); ++f) out[f].reference_date = p.last();
    }
  }
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
