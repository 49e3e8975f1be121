#include "onderdak/projection/projection.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <thread>

namespace onderdak::projection {
namespace {

// xoshiro256** (Blackman and Vigna), seeded by splitmix64: small, fast and the same on
// every platform (std::poisson_distribution is not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& s : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }
  std::uint64_t Next() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  // Poisson(mu): inversion below 40, the normal approximation above.
  double Poisson(double mu) {
    if (mu <= 0) return 0;
    if (mu >= 40) {
      const double u1 = std::max(Uniform(), 1e-300), u2 = Uniform();
      const double z = std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
      return std::max(0.0, std::round(mu + std::sqrt(mu) * z));
    }
    double p = std::exp(-mu), cdf = p;
    const double u = Uniform();
    int k = 0;
    while (u > cdf && k < 1000) {
      ++k;
      p *= mu / k;
      cdf += p;
    }
    return k;
  }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

// Poisson(1) by a table of its distribution function in 32-bit fixed point: each 64-bit
// draw of the generator gives two weights (the bootstrap draws one per person and replicate,
// a quarter of its time when drawn from doubles).
class PoissonOne {
 public:
  PoissonOne() {
    double p = std::exp(-1.0), c = p;
    for (std::size_t k = 0; k < cdf_.size(); ++k) {
      cdf_[k] = c >= 1.0 ? UINT32_MAX : static_cast<std::uint32_t>(c * 4294967296.0);
      p /= static_cast<double>(k + 1);
      c += p;
    }
    cdf_.back() = UINT32_MAX;
  }
  void Fill(Rng& rng, std::vector<double>& weights) const {
    std::size_t i = 0;
    for (; i + 1 < weights.size(); i += 2) {
      const std::uint64_t u = rng.Next();
      weights[i] = Of(static_cast<std::uint32_t>(u));
      weights[i + 1] = Of(static_cast<std::uint32_t>(u >> 32));
    }
    if (i < weights.size()) weights[i] = Of(static_cast<std::uint32_t>(rng.Next() >> 32));
  }

 private:
  double Of(std::uint32_t u) const {
    std::size_t k = 0;
    while (u > cdf_[k]) ++k;
    return static_cast<double>(k);
  }
  std::array<std::uint32_t, 16> cdf_{};
};

std::uint64_t SeedFor(std::uint64_t seed, const std::string& code, int replicate) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (char c : code) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return seed * 0x2545F4914F6CDD1DULL ^ h ^ (static_cast<std::uint64_t>(replicate) << 32);
}

double Quantile(std::vector<double>& v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

// Reference dates: the last day of every sixth month after the jump-off up to `last`.
std::vector<int> ReportMonths(int jump_off, int last) {
  std::vector<int> m;
  for (int k = jump_off + 6; k <= last; k += 6) m.push_back(k);
  return m;
}

std::vector<Fit> ReplicateFits(const PreparedUnit& prepared, const Fit* prior, int replicates, std::uint64_t seed) {
  const indicators::SpellUnit& unit = *prepared.unit;
  static const PoissonOne kPoissonOne;
  std::vector<Fit> fits;
  fits.reserve(static_cast<std::size_t>(std::max(0, replicates)));
  if (replicates <= 0) return fits;
  std::vector<double> weights(static_cast<std::size_t>(unit.persons));
  for (int r = 0; r < replicates; ++r) {
    Rng rng(SeedFor(seed, unit.code, r));
    kPoissonOne.Fill(rng, weights);
    fits.push_back(Estimate(prepared, weights, prior));
  }
  return fits;
}

// Bands at the report months from the point fit and the replicates' fits; the count's
// Poisson variation is drawn from a second stream per replicate.
std::vector<Band> Bands(const Fit& point, const std::vector<Fit>& replicates, const std::string& code,
                        const Scenario& sc, const std::vector<int>& months, std::uint64_t seed) {
  const int last = months.empty() ? point.jump_off : months.back();
  const auto expected = Project(point, sc, last);
  std::vector<Band> out(months.size());
  for (std::size_t i = 0; i < months.size(); ++i) {
    const double e = expected[static_cast<std::size_t>(months[i] - point.jump_off - 1)];
    out[i] = Band{.date = MonthEnd(months[i]), .expected = e, .p05 = e, .p25 = e, .p50 = e, .p75 = e, .p95 = e};
  }
  if (replicates.empty() || months.empty()) return out;
  std::vector<std::vector<double>> draws(months.size(), std::vector<double>(replicates.size()));
  for (std::size_t r = 0; r < replicates.size(); ++r) {
    Rng rng(SeedFor(seed ^ 0x5bd1e995ULL, code, static_cast<int>(r)));
    const auto path = Project(replicates[r], sc, last);
    for (std::size_t i = 0; i < months.size(); ++i) {
      draws[i][r] = rng.Poisson(path[static_cast<std::size_t>(months[i] - point.jump_off - 1)]);
    }
  }
  for (std::size_t i = 0; i < months.size(); ++i) {
    out[i].p05 = Quantile(draws[i], 0.05);
    out[i].p25 = Quantile(draws[i], 0.25);
    out[i].p50 = Quantile(draws[i], 0.50);
    out[i].p75 = Quantile(draws[i], 0.75);
    out[i].p95 = Quantile(draws[i], 0.95);
  }
  return out;
}

// The extra placements per half-year for an expected stock at `last` at or below `target`.
double ExtraNeeded(const Fit& fit, Scenario sc, int last, double target) {
  auto stock_at_end = [&](double extra) {
    sc.extra_per_half_year = extra;
    const auto p = Project(fit, sc, last);
    return p.empty() ? fit.Stock0() : p.back();
  };
  if (stock_at_end(0) <= target) return 0;
  double hi = 1;
  while (stock_at_end(hi) > target && hi < 1e9) hi *= 2;
  double lo = hi / 2 < 1 ? 0 : hi / 2;
  for (int i = 0; i < 60 && hi - lo > 1e-3; ++i) {
    const double mid = (lo + hi) / 2;
    (stock_at_end(mid) > target ? lo : hi) = mid;
  }
  return hi;
}

Pace PaceOf(const Fit& fit, const Scenario& sc, int last) {
  Pace p;
  p.current_per_half_year = fit.placements_per_month * 6;
  p.functional_zero_threshold = fit.placements_per_month;
  const double zero = 0.5;
  const double fz = std::max(zero, p.functional_zero_threshold);
  p.needed_zero = p.current_per_half_year + ExtraNeeded(fit, sc, last, zero);
  p.needed_functional_zero = p.current_per_half_year + ExtraNeeded(fit, sc, last, fz);
  const int search_last = kSearchUntilYear * 12 + 11;
  const auto path = Project(fit, sc, search_last);
  for (int m : ReportMonths(fit.jump_off, search_last)) {
    const double v = path[static_cast<std::size_t>(m - fit.jump_off - 1)];
    if (!p.functional_zero_reached && v <= fz) p.functional_zero_reached = MonthEnd(m);
    if (!p.zero_reached && v < zero) p.zero_reached = MonthEnd(m);
  }
  return p;
}

// f(i) for i in 0 .. n - 1 on up to `threads` threads (0: hardware_concurrency()), taking the
// next index as each finishes; `cost(i)` orders the work largest first, so that the nation
// (about half the work) does not end up queued behind the regions on one thread.
template <typename Cost, typename F>
void ParallelFor(std::size_t n, int threads, Cost cost, F f) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return cost(a) > cost(b); });
  const auto t = static_cast<std::size_t>(
      std::max(1, std::min<int>(threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency()),
                                static_cast<int>(n))));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k = next++; k < n; k = next++) f(order[k]);
  };
  if (t <= 1) return work();
  std::vector<std::thread> pool;
  for (std::size_t k = 0; k < t; ++k) pool.emplace_back(work);
  for (auto& th : pool) th.join();
}

const indicators::SpellUnit* National(const std::vector<indicators::SpellUnit>& units) {
  for (const auto& u : units) {
    if (u.code == "NL") return &u;
  }
  return nullptr;
}

bool Wanted(const ProjectionOptions& o, const std::string& code) {
  return o.only.empty() || std::find(o.only.begin(), o.only.end(), code) != o.only.end();
}

}  // namespace

core::Status Validate(const ProjectionOptions& o) {
  auto share = [](double v, const char* name) {
    return v >= 0 && v <= 1 ? core::Status::Ok()
                            : core::Status::InvalidInput(std::string(name) + ": must be a share from 0 to 1");
  };
  if (o.to_year < 2000 || o.to_year > kSearchUntilYear) {
    return core::Status::InvalidInput("to: a year from 2000 to " + std::to_string(kSearchUntilYear));
  }
  if (o.replicates < 0 || o.replicates > kMaxReplicates) {
    return core::Status::InvalidInput("replicates: from 0 to " + std::to_string(kMaxReplicates));
  }
  ONDERDAK_RETURN_IF_ERROR(share(o.scenario.prevention, "prevention"));
  ONDERDAK_RETURN_IF_ERROR(share(o.scenario.wonen_eerst, "wonen_eerst"));
  ONDERDAK_RETURN_IF_ERROR(share(o.scenario.fewer_returns, "fewer_returns"));
  if (!(o.scenario.extra_per_half_year >= 0 && o.scenario.extra_per_half_year <= 1e6)) {
    return core::Status::InvalidInput("extra_per_half_year: must be from 0 to 1000000 placements");
  }
  return core::Status::Ok();
}

core::Result<std::vector<FittedUnit>> FitUnits(const std::vector<indicators::SpellUnit>& units,
                                               const ProjectionOptions& options) {
  ONDERDAK_RETURN_IF_ERROR(Validate(options));
  const indicators::SpellUnit* nl = National(units);
  std::optional<Fit> prior;
  if (nl != nullptr) prior = Estimate(*nl, {}, nullptr);
  std::vector<const indicators::SpellUnit*> todo;
  for (const auto& u : units) {
    if (Wanted(options, u.code)) todo.push_back(&u);
  }
  std::vector<FittedUnit> out(todo.size());
  const auto size = [&](std::size_t i) { return todo[i]->spells.size(); };
  ParallelFor(todo.size(), options.threads, size, [&](std::size_t i) {
    const indicators::SpellUnit& u = *todo[i];
    const Fit* p = u.code == "NL" || !prior ? nullptr : &*prior;
    FittedUnit& f = out[i];
    f.code = u.code;
    f.regions = u.regions;
    f.left_out = u.left_out;
    f.jump_off = u.last;
    f.persons = u.persons;
    f.seed = options.seed;
    for (const auto& h : u.delivered) {
      if (h.last() <= u.last && h.last() >= u.first) {
        f.observed.push_back({.date = h.last(), .persons = StockOn(u, h.last())});
      }
    }
    const PreparedUnit prepared = PrepareUnit(u);
    f.point = &u == nl ? *prior : Estimate(prepared, {}, p);  // the nation was fitted above, as the prior
    f.replicates = ReplicateFits(prepared, p, options.replicates, options.seed);
  });
  return out;
}

UnitProjection ProjectFitted(const FittedUnit& f, const ProjectionOptions& options) {
  UnitProjection up;
  up.code = f.code;
  up.regions = f.regions;
  up.left_out = f.left_out;
  up.jump_off = f.jump_off;
  up.persons = f.persons;
  up.fit = f.point;
  up.observed = f.observed;
  up.scenario = options.scenario;
  up.scenario.pipeline = 0;
  if (options.use_pipeline) {
    const auto it = options.pipelines.find(f.code);
    if (it != options.pipelines.end()) up.scenario.pipeline = it->second;
  }
  const int last = options.to_year * 12 + 11;
  up.path = Bands(f.point, f.replicates, f.code, up.scenario, ReportMonths(f.point.jump_off, last), f.seed);
  up.pace = PaceOf(f.point, up.scenario, std::max(last, f.point.jump_off + 1));
  return up;
}

core::Result<std::vector<UnitProjection>> ProjectUnits(const std::vector<indicators::SpellUnit>& units,
                                                       const ProjectionOptions& options) {
  ONDERDAK_ASSIGN_OR_RETURN(auto fitted, FitUnits(units, options));
  std::vector<UnitProjection> out(fitted.size());
  ParallelFor(
      fitted.size(), options.threads, [](std::size_t) { return 0; },
      [&](std::size_t i) { out[i] = ProjectFitted(fitted[i], options); });
  return out;
}

core::Result<std::vector<BacktestRow>> Backtest(const std::vector<indicators::SpellUnit>& units, int holdout,
                                                const ProjectionOptions& options) {
  if (holdout < 1 || holdout > 6) return core::Status::InvalidInput("holdout: from 1 to 6 half-years");
  ONDERDAK_RETURN_IF_ERROR(Validate(options));
  const indicators::SpellUnit* nl = National(units);
  std::optional<Fit> prior;
  std::optional<indicators::SpellUnit> nl_cut;
  if (nl != nullptr) {
    nl_cut = CutAt(*nl, MonthEnd(MonthOf(nl->last) - 6 * holdout));
    prior = Estimate(*nl_cut, {}, nullptr);
  }
  std::vector<const indicators::SpellUnit*> todo;
  for (const auto& u : units) {
    if (Wanted(options, u.code)) todo.push_back(&u);
  }
  std::vector<std::vector<BacktestRow>> per(todo.size());
  const auto size = [&](std::size_t i) { return todo[i]->spells.size(); };
  ParallelFor(todo.size(), options.threads, size, [&](std::size_t i) {
    const indicators::SpellUnit& u = *todo[i];
    const int full_last = MonthOf(u.last);
    const core::Date cut = MonthEnd(full_last - 6 * holdout);
    if (cut <= u.first) return;
    const indicators::SpellUnit c = CutAt(u, cut);
    const Fit* p = u.code == "NL" || !prior ? nullptr : &*prior;
    const PreparedUnit prepared = PrepareUnit(c);
    const Fit f = Estimate(prepared, {}, p);
    std::vector<int> months;
    for (const auto& h : u.delivered) {
      if (h.last() > cut && h.last() <= u.last && MonthOf(h.last()) > f.jump_off) months.push_back(MonthOf(h.last()));
    }
    const auto bands = Bands(f, ReplicateFits(prepared, p, options.replicates, options.seed), u.code, Scenario{},
                             months, options.seed);
    for (std::size_t k = 0; k < months.size(); ++k) {
      const auto& b = bands[k];
      const std::int64_t obs = StockOn(u, b.date);
      per[i].push_back({.code = u.code,
                        .cut = cut,
                        .date = b.date,
                        .observed = obs,
                        .expected = b.expected,
                        .p05 = b.p05,
                        .p50 = b.p50,
                        .p95 = b.p95,
                        .covered = b.p05 <= static_cast<double>(obs) && static_cast<double>(obs) <= b.p95});
    }
  });
  std::vector<BacktestRow> rows;
  for (auto& v : per) rows.insert(rows.end(), v.begin(), v.end());
  return rows;
}

}  // namespace onderdak::projection
