#include "onderdak/projection/model.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace onderdak::projection {
namespace {

double ShareOf(double num, double den, const Fit* prior, double Fit::*field, double fallback) {
  if (prior != nullptr) return (num + kSharePriorWeight * (prior->*field)) / (den + kSharePriorWeight);
  return den > 0 ? num / den : fallback;
}

int HalfYearIndex(int month) { return (month / 12) * 2 + (month % 12 >= 6 ? 1 : 0); }

// Poisson log-linear fit of y on x (Newton-Raphson); false when it has no finite slope.
struct TrendFit {
  double alpha = 0, beta = 0, beta_var = 0;
  bool ok = false;
};
TrendFit FitTrend(std::span<const double> x, std::span<const double> y) {
  TrendFit t;
  const double total = std::accumulate(y.begin(), y.end(), 0.0);
  if (x.size() < 2 || total <= 0) return t;
  t.alpha = std::log(total / static_cast<double>(y.size()));
  double i00 = 0, i01 = 0, i11 = 0;
  for (int iter = 0; iter < 50; ++iter) {
    double g0 = 0, g1 = 0;
    i00 = i01 = i11 = 0;
    for (std::size_t k = 0; k < x.size(); ++k) {
      const double mu = std::exp(t.alpha + t.beta * x[k]);
      g0 += y[k] - mu;
      g1 += (y[k] - mu) * x[k];
      i00 += mu;
      i01 += mu * x[k];
      i11 += mu * x[k] * x[k];
    }
    const double det = i00 * i11 - i01 * i01;
    if (!(det > 0)) return t;
    const double d0 = (i11 * g0 - i01 * g1) / det;
    const double d1 = (i00 * g1 - i01 * g0) / det;
    t.alpha += d0;
    t.beta += std::clamp(d1, -1.0, 1.0);
    if (std::abs(d0) < 1e-10 && std::abs(d1) < 1e-10) break;
  }
  const double det = i00 * i11 - i01 * i01;
  if (!(det > 0) || !std::isfinite(t.beta)) return t;
  t.beta_var = i00 / det;
  t.ok = true;
  return t;
}

}  // namespace

int MonthOf(core::Date d) { return d.year() * 12 + d.month() - 1; }

core::Date MonthEnd(int month) {
  const auto first = core::Date::FromYmd(month / 12, month % 12 + 1, 1);
  return first->AddMonths(1).AddDays(-1);
}

double Fit::Stock0() const { return std::accumulate(stock0.begin(), stock0.end(), 0.0); }

PreparedUnit PrepareUnit(const indicators::SpellUnit& unit) {
  PreparedUnit pu;
  pu.unit = &unit;
  pu.last = MonthOf(unit.last);
  pu.first = MonthOf(unit.first);
  pu.months = std::max(0, pu.last - pu.first + 1);
  std::vector<char> delivered(static_cast<std::size_t>(pu.months), 0);
  for (const auto& h : unit.delivered) {
    for (int m = MonthOf(h.first()); m <= MonthOf(h.last()); ++m) {
      if (m >= pu.first && m <= pu.last) delivered[static_cast<std::size_t>(m - pu.first)] = 1;
    }
  }
  const core::Date ft_from = unit.first.AddMonths(24);
  const core::Date ret_until = unit.last.AddMonths(-24);
  const auto& spells = unit.spells;
  pu.rows.reserve(spells.size());
  for (std::size_t i = 0; i < spells.size(); ++i) {
    const auto& s = spells[i];
    PreparedUnit::Row r;
    r.person = s.person;
    const int sm = MonthOf(s.start);
    const int em = MonthOf(s.end);
    // The last month's end in stock; an ongoing spell is observed up to the jump-off only (a
    // record may carry an end after its delivery's period).
    int in_stock_last = s.end == MonthEnd(em) ? em : em - 1;
    if (s.ongoing) in_stock_last = std::min(in_stock_last, pu.last);
    const int n = in_stock_last - sm + 1;  // month ends in stock
    if (!s.ongoing) {
      r.flags |= PreparedUnit::kExit;
      if (s.housed) {
        r.flags |= PreparedUnit::kHoused;
        if (em > pu.last - 12) r.flags |= PreparedUnit::kPlacement;
        if (s.end <= ret_until) {
          r.flags |= PreparedUnit::kReturnDen;
          if (i + 1 < spells.size() && spells[i + 1].person == s.person && spells[i + 1].start <= s.end.AddMonths(24)) {
            r.flags |= PreparedUnit::kReturnNum;
          }
        }
      }
    }
    if (n >= 1) {  // else never homeless on a month's end: not part of the stock
      const int a_lo = std::max(0, pu.first - sm);
      const int a_hi = s.ongoing ? n - 2 : n - 1;  // the last age whose next month end is observed
      if (a_hi >= a_lo) {
        const int hi = std::min(a_hi, kMaxAge - 1);
        if (a_lo <= hi) {
          r.risk_from = a_lo;
          r.risk_to = hi + 1;
        }
        const int pooled_from = std::max(a_lo, kMaxAge);
        if (a_hi >= pooled_from) r.pooled = a_hi - pooled_from + 1;
        if (!s.ongoing) r.event_age = std::min(n - 1, kMaxAge);
      }
      if (sm >= pu.first && delivered[static_cast<std::size_t>(sm - pu.first)]) {
        r.inflow_month = sm - pu.first;
        if (s.first_time) r.flags |= PreparedUnit::kFirstTime;
        if (s.start >= ft_from) r.flags |= PreparedUnit::kLookBack;
      }
      if (s.ongoing) r.stock_age = std::min(pu.last - sm, kMaxAge);
    }
    pu.rows.push_back(r);
  }
  return pu;
}

Fit Estimate(const indicators::SpellUnit& unit, std::span<const double> weights, const Fit* prior) {
  return Estimate(PrepareUnit(unit), weights, prior);
}

Fit Estimate(const PreparedUnit& pu, std::span<const double> weights, const Fit* prior) {
  const indicators::SpellUnit& unit = *pu.unit;
  Fit f;
  const int last = pu.last;
  const int first = pu.first;
  f.jump_off = last;
  const auto months = static_cast<std::size_t>(pu.months);
  std::vector<double> inflow(months, 0.0);
  std::array<double, kMaxAge + 2> diff{};
  std::array<double, kMaxAge + 1> events{};
  double pooled_risk = 0;
  double ft_num = 0, ft_den = 0, ft_all_num = 0, ft_all_den = 0;
  double exits = 0, housed = 0, ret_num = 0, ret_den = 0, placements = 0;
  for (const auto& r : pu.rows) {
    const double wt = weights.empty() ? 1.0 : weights[static_cast<std::size_t>(r.person)];
    if (wt == 0) continue;
    const auto has = [&](std::uint32_t flag) { return (r.flags & flag) != 0; };
    if (has(PreparedUnit::kExit)) exits += wt;
    if (has(PreparedUnit::kHoused)) housed += wt;
    if (has(PreparedUnit::kPlacement)) placements += wt;
    if (has(PreparedUnit::kReturnDen)) ret_den += wt;
    if (has(PreparedUnit::kReturnNum)) ret_num += wt;
    if (r.risk_to > r.risk_from) {
      diff[static_cast<std::size_t>(r.risk_from)] += wt;
      diff[static_cast<std::size_t>(r.risk_to)] -= wt;
    }
    pooled_risk += wt * r.pooled;
    if (r.event_age >= 0) events[static_cast<std::size_t>(r.event_age)] += wt;
    if (r.inflow_month >= 0) {
      inflow[static_cast<std::size_t>(r.inflow_month)] += wt;
      ft_all_den += wt;
      if (has(PreparedUnit::kFirstTime)) ft_all_num += wt;
      if (has(PreparedUnit::kLookBack)) {
        ft_den += wt;
        if (has(PreparedUnit::kFirstTime)) ft_num += wt;
      }
    }
    if (r.stock_age >= 0) f.stock0[static_cast<std::size_t>(r.stock_age)] += wt;
  }

  // Hazards: the life table, shrunk toward the prior; without one, ages without persons at
  // risk take the nearest hazard below (or above) them.
  std::array<double, kMaxAge + 1> risk{};
  double run = 0;
  for (int a = 0; a < kMaxAge; ++a) {
    run += diff[static_cast<std::size_t>(a)];
    risk[static_cast<std::size_t>(a)] = run;
  }
  risk[kMaxAge] = pooled_risk;
  std::array<bool, kMaxAge + 1> known{};
  for (std::size_t a = 0; a <= kMaxAge; ++a) {
    if (prior != nullptr) {
      f.hazard[a] = (events[a] + kHazardPriorWeight * prior->hazard[a]) / (risk[a] + kHazardPriorWeight);
      known[a] = true;
    } else if (risk[a] > 1e-12) {
      f.hazard[a] = std::min(1.0, events[a] / risk[a]);
      known[a] = true;
    }
  }
  if (prior == nullptr) {
    int first_known = -1;
    for (int a = 0; a <= kMaxAge; ++a) {
      const auto ua = static_cast<std::size_t>(a);
      if (known[ua]) {
        if (first_known < 0) first_known = a;
      } else if (a > 0 && first_known >= 0) {
        f.hazard[ua] = f.hazard[ua - 1];  // forward: the hazard of the duration below
      }
    }
    for (int a = 0; a < first_known; ++a)
      f.hazard[static_cast<std::size_t>(a)] = f.hazard[static_cast<std::size_t>(first_known)];
  }

  // Inflow per delivered half-year, the last kTrendHalfYears of them; x in half-years from
  // the jump-off's.
  std::vector<double> xs, ys;
  const int h_last = HalfYearIndex(last);
  for (auto it = unit.delivered.rbegin(); it != unit.delivered.rend() && xs.size() < kTrendHalfYears; ++it) {
    const int m0 = MonthOf(it->first());
    if (m0 < first || MonthOf(it->last()) > last) continue;  // not wholly inside the window
    double y = 0;
    for (int m = m0; m <= MonthOf(it->last()); ++m) y += inflow[static_cast<std::size_t>(m - first)];
    xs.push_back(static_cast<double>(HalfYearIndex(m0) - h_last));
    ys.push_back(y);
  }
  const TrendFit t = FitTrend(xs, ys);
  f.inflow_trend_raw = t.ok ? t.beta : 0.0;
  if (prior != nullptr) {
    const double tau2 = kTrendPriorSd * kTrendPriorSd;
    const double w = t.ok ? tau2 / (tau2 + t.beta_var) : 0.0;
    f.inflow_trend = w * f.inflow_trend_raw + (1 - w) * prior->inflow_trend;
  } else {
    f.inflow_trend = f.inflow_trend_raw;
  }
  double total = 0, expected = 0;
  for (std::size_t k = 0; k < xs.size(); ++k) {
    total += ys[k];
    expected += std::exp(f.inflow_trend * xs[k]);
  }
  f.inflow_level = expected > 0 ? total / expected : 0.0;

  const double ft_fallback = ft_all_den > 0 ? ft_all_num / ft_all_den : 1.0;
  if (ft_den > 0 || prior != nullptr) {
    f.first_time_share = ShareOf(ft_num, ft_den, prior, &Fit::first_time_share, ft_fallback);
  } else {
    f.first_time_share = ft_fallback;
  }
  f.housed_share = ShareOf(housed, exits, prior, &Fit::housed_share, 0.0);
  f.return_share = ShareOf(ret_num, ret_den, prior, &Fit::return_share, 0.0);
  f.placements_per_month = placements / static_cast<double>(std::clamp<int>(static_cast<int>(months), 1, 12));
  return f;
}

std::vector<double> Project(const Fit& fit, const Scenario& sc, int last_month, std::vector<double>* placements) {
  std::vector<double> out;
  if (last_month <= fit.jump_off) return out;
  const auto steps = static_cast<std::size_t>(last_month - fit.jump_off);
  out.reserve(steps);
  if (placements != nullptr) placements->assign(steps, 0.0);
  std::array<double, kMaxAge + 1> n = fit.stock0;
  std::vector<double> returns_due(steps + 25, 0.0);
  const double inflow_factor =
      (1 - sc.prevention) * (fit.first_time_share + (1 - fit.first_time_share) * (1 - sc.fewer_returns));
  double trend_sum = 0;
  int half = 0;
  for (std::size_t k = 0; k < steps; ++k) {
    if (k % 6 == 0) {
      ++half;
      trend_sum += std::pow(kTrendDamping, half);
    }
    const double monthly = fit.inflow_level * std::exp(fit.inflow_trend * trend_sum) / 6.0 * inflow_factor;
    const double direct = monthly * sc.wonen_eerst;
    // A month: the stock ages, exits leave, the new inflow and the returns come in.
    const double pooled = n[kMaxAge] * (1 - fit.hazard[kMaxAge]);
    for (int a = kMaxAge; a >= 1; --a) {
      const auto ua = static_cast<std::size_t>(a);
      n[ua] = n[ua - 1] * (1 - fit.hazard[ua - 1]);
    }
    n[kMaxAge] += pooled;
    n[0] = monthly - direct + returns_due[k];
    double total = std::accumulate(n.begin(), n.end(), 0.0);
    double extra = sc.extra_per_half_year / 6.0;
    if (half <= kPipelineHalfYears) extra += sc.pipeline / (6.0 * kPipelineHalfYears);
    const double placed = std::min(extra, total);
    if (total > 0 && placed > 0) {
      const double keep = 1 - placed / total;
      for (auto& v : n) v *= keep;
      total -= placed;
    }
    const double housed_now = placed + direct;
    for (std::size_t r = 1; r <= 24; ++r) returns_due[k + r] += housed_now * fit.return_share / 24.0;
    if (placements != nullptr) (*placements)[k] = housed_now;
    out.push_back(std::max(0.0, total));
  }
  return out;
}

std::int64_t StockOn(const indicators::SpellUnit& unit, core::Date date) {
  std::int64_t n = 0;
  for (const auto& s : unit.spells) n += s.start <= date && date <= s.end ? 1 : 0;
  return n;
}

indicators::SpellUnit CutAt(const indicators::SpellUnit& unit, core::Date cut) {
  indicators::SpellUnit u;
  u.code = unit.code;
  u.regions = unit.regions;
  u.left_out = unit.left_out;
  u.first = unit.first;
  u.last = cut;
  u.persons = unit.persons;
  for (const auto& h : unit.delivered) {
    if (h.last() <= cut) u.delivered.push_back(h);
  }
  for (const auto& s : unit.spells) {
    if (s.start > cut) continue;
    indicators::Spell c = s;
    if (c.end >= cut) {
      c.end = cut;
      c.ongoing = true;
      c.housed = false;
    }
    u.spells.push_back(c);
  }
  return u;
}

}  // namespace onderdak::projection
