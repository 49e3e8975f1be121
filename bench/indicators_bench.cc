// The indicator engine on a national-scale dataset built in memory: 43 regions, two
// organisations each, ten half-years (2019H1-2023H2), about 200,000 distinct persons,
// 1,000,000 shelter stays mirrored as ETHOS 2/3 living situations, plus waiting-list
// entries, needs, causes and requests. Measures the full catalogue for one half-year,
// for one year, and for all ten half-years. The goal (<= 1 s after load on 2 cores)
// is BM_LoadedToTenHalfYears: Prepare and ComputeMany of the ten half-years together, from
// the Dataset in memory to every figure; BM_Prepare and BM_TenHalfYearsPrepared time the two
// parts. Every row reports peak_rss_mb (getrusage, the process so far) and cpu_s (user + sys
// of the process, per iteration, all threads) besides wall and thread CPU time.
//
//   build/release/bench/indicators_bench --benchmark_filter='Prepare|Loaded'
//
// Wall-clock on a shared 2-core machine is noisy: compare cpu_s (and cpu_s / 2 as the
// best wall time 2 cores allow) or instruction counts under callgrind (docs/indicators.md §6).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>

#include "onderdak/domain/code_lists.h"
#include "onderdak/indicators/engine.h"

namespace onderdak::indicators {
namespace {

std::string_view Code(std::string_view list, std::size_t i) {
  const auto* l = domain::FindCodeList(list);
  return l->codes[i % l->codes.size()].code;
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
  return sec(u.ru_utime) + sec(u.ru_stime);
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Process CPU (user + sys) per iteration and peak RSS as counters.
struct Usage {
  double cpu0 = CpuSeconds();
  void Report(benchmark::State& state) const {
    state.counters["cpu_s"] =
        (CpuSeconds() - cpu0) / static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
    state.counters["peak_rss_mb"] = PeakRssMb();
  }
};

const domain::Dataset& BigDataset() {
  static const domain::Dataset data = [] {
    domain::Dataset d;
    constexpr int kRegions = 43, kPersons = 200000, kStaysPerPerson = 5;
    const auto halves = core::HalfYearsBetween(core::Period::HalfYear(2019, 1), core::Period::HalfYear(2023, 2));
    std::map<std::tuple<int, int, int>, std::int32_t> delivery_of;  // region, org, half
    for (int r = 0; r < kRegions; ++r) {
      for (int o = 0; o < 2; ++o) {
        for (std::size_t h = 0; h < halves.size(); ++h) {
          domain::Delivery del;
          del.id = static_cast<std::int64_t>(d.deliveries.size()) + 1;
          del.region = "GM" + std::to_string(1000 + r);
          del.organisation = "ORG-" + std::to_string(r) + "-" + std::to_string(o);
          del.period = halves[h].ToString();
          del.period_first = halves[h].first();
          del.period_last = halves[h].last();
          del.files = {"persons", "living_situations", "service_episodes", "waiting_list", "needs",
                       "causes",  "requests"};
          delivery_of[{r, o, static_cast<int>(h)}] = static_cast<std::int32_t>(d.deliveries.size());
          d.deliveries.push_back(std::move(del));
        }
      }
    }
    std::mt19937_64 rng(42);
    const core::Date first = halves.front().first(), last = halves.back().last();
    const int span = last - first + 1;
    for (int p = 0; p < kPersons; ++p) {
      const int region = p % kRegions, org = (p / kRegions) % 2;
      std::map<int, std::int32_t> person_in;  // half -> person index
      const int birth_year = 1950 + static_cast<int>(rng() % 55);
      for (int s = 0; s < kStaysPerPerson; ++s) {
        const core::Date start = first.AddDays(static_cast<std::int32_t>(rng() % static_cast<std::uint64_t>(span)));
        const core::Date end = start.AddDays(static_cast<std::int32_t>(rng() % 400));
        const auto h = static_cast<int>((start.year() - 2019) * 2 + (start.month() > 6 ? 1 : 0));
        auto [it, inserted] = person_in.try_emplace(h, static_cast<std::int32_t>(d.persons.size()));
        if (inserted) {
          domain::Person per;
          per.delivery = delivery_of[{region, org, h}];
          per.record_id = "P-" + std::to_string(p);
          per.pseudonym = "b:" + std::to_string(p * 7919 + 13);
          per.birth_year = birth_year;
          per.birth_month = 1 + static_cast<int>(rng() % 12);
          per.gender = Code("gender", rng());
          per.nationality_group = Code("nationality_group", rng());
          per.household = Code("household", rng());
          d.persons.push_back(std::move(per));
        }
        const std::int32_t person = it->second;
        const auto& del = d.deliveries[static_cast<std::size_t>(d.persons[static_cast<std::size_t>(person)].delivery)];
        domain::ServiceEpisode e;
        e.person = person;
        e.record_id = "S-" + std::to_string(p) + "-" + std::to_string(s);
        e.service_type = Code("service_type", rng() % 6);
        e.municipality = del.region;
        e.start = start;
        if (end <= del.period_last) {
          e.end = end;
          e.exit_destination = Code("exit_destination", rng());
        }
        domain::LivingSituation l;
        l.person = person;
        l.record_id = "L-" + std::to_string(p) + "-" + std::to_string(s);
        l.ethos = e.service_type == "nachtopvang" || e.service_type == "winteropvang" ? 2 : 3;
        l.start = e.start;
        l.end = e.end;
        d.service_episodes.push_back(std::move(e));
        d.living_situations.push_back(std::move(l));
      }
      const std::int32_t person = person_in.begin()->second;
      const core::Date intake = d.service_episodes.back().start;
      d.needs.push_back({.person = person,
                         .assessed = intake,
                         .record_id = "N-" + std::to_string(p),
                         .need_category = Code("need_category", rng())});
      d.causes.push_back({.person = person,
                          .intake_date = intake,
                          .record_id = "C-" + std::to_string(p),
                          .cause = Code("cause", rng())});
      const std::string_view list_type = Code("waiting_list_type", rng());
      d.waiting_list.push_back({.person = person,
                                .registered = intake,
                                .end = intake.AddDays(static_cast<std::int32_t>(rng() % 90)),
                                .record_id = "W-" + std::to_string(p),
                                .waiting_list_type = list_type,
                                .outcome = "geplaatst"});
      domain::Request req;
      req.person = person;
      req.record_id = "R-" + std::to_string(p);
      req.request_date = intake;
      req.municipality_applied_to = "GM0363";
      req.service_type = Code("service_type", 0);
      req.decision = Code("decision", rng());
      req.decision_date = intake;
      req.decision_reason = Code("decision_reason", rng());
      d.requests.push_back(std::move(req));
    }
    return d;
  }();
  return data;
}

void BM_FullCatalogueHalfYear(benchmark::State& state) {
  const auto& data = BigDataset();
  Request r;
  r.period = core::Period::HalfYear(2021, 1);
  r.breakdowns = {"age", "gender"};
  std::size_t n = 0;
  const Usage usage;
  for (auto _ : state) {
    auto f = Compute(data, r);
    if (!f.ok()) state.SkipWithError(f.status().ToString().c_str());
    n = f.ok() ? f->size() : 0;
    benchmark::DoNotOptimize(n);
  }
  state.counters["figures"] = static_cast<double>(n);
  state.counters["service_episodes"] = static_cast<double>(data.service_episodes.size());
  state.counters["persons"] = static_cast<double>(data.persons.size());
  usage.Report(state);
}
BENCHMARK(BM_FullCatalogueHalfYear)->Unit(benchmark::kMillisecond);

// One indicator at a time (the Context is built each time: its cost is in every row).
void BM_OneIndicatorHalfYear(benchmark::State& state) {
  const auto& data = BigDataset();
  Request r;
  r.period = core::Period::HalfYear(2021, 1);
  r.indicators = {std::string(AllIndicators()[static_cast<std::size_t>(state.range(0))].id)};
  state.SetLabel(r.indicators[0]);
  for (auto _ : state) {
    auto f = Compute(data, r);
    benchmark::DoNotOptimize(f.ok());
  }
}
BENCHMARK(BM_OneIndicatorHalfYear)->DenseRange(0, 18)->Unit(benchmark::kMillisecond);

void BM_FullCatalogueYear(benchmark::State& state) {
  const auto& data = BigDataset();
  Request r;
  r.period = core::Period::Year(2021);
  for (auto _ : state) {
    auto f = Compute(data, r);
    benchmark::DoNotOptimize(f.ok());
  }
}
BENCHMARK(BM_FullCatalogueYear)->Unit(benchmark::kMillisecond);

void BM_FullCatalogueTenHalfYears(benchmark::State& state) {
  const auto& data = BigDataset();
  const auto halves = core::HalfYearsBetween(core::Period::HalfYear(2019, 1), core::Period::HalfYear(2023, 2));
  const Usage usage;
  for (auto _ : state) {
    for (const auto& h : halves) {
      Request r;
      r.period = h;
      auto f = Compute(data, r);
      benchmark::DoNotOptimize(f.ok());
    }
  }
  usage.Report(state);
}
BENCHMARK(BM_FullCatalogueTenHalfYears)->Unit(benchmark::kMillisecond)->Iterations(1);

// The Request-independent preparation, once per Dataset.
void BM_Prepare(benchmark::State& state) {
  const auto& data = BigDataset();
  const Usage usage;
  for (auto _ : state) {
    auto p = Prepare(data);
    if (!p.ok()) state.SkipWithError(p.status().ToString().c_str());
    benchmark::DoNotOptimize(p.ok());
  }
  usage.Report(state);
}
BENCHMARK(BM_Prepare)->Unit(benchmark::kMillisecond);

// One half-year on a prepared Dataset.
void BM_HalfYearPrepared(benchmark::State& state) {
  const auto& data = BigDataset();
  auto prepared = Prepare(data);
  if (!prepared.ok()) return state.SkipWithError(prepared.status().ToString().c_str());
  Request r;
  r.period = core::Period::HalfYear(2021, 1);
  r.breakdowns = {"age", "gender"};
  const Usage usage;
  for (auto _ : state) {
    auto f = Compute(*prepared, r);
    if (!f.ok()) state.SkipWithError(f.status().ToString().c_str());
    benchmark::DoNotOptimize(f.ok());
  }
  usage.Report(state);
}
BENCHMARK(BM_HalfYearPrepared)->Unit(benchmark::kMillisecond);

// The goal: the full catalogue for all ten half-years after Prepare (not timed here).
void BM_TenHalfYearsPrepared(benchmark::State& state) {
  const auto& data = BigDataset();
  auto prepared = Prepare(data);
  if (!prepared.ok()) return state.SkipWithError(prepared.status().ToString().c_str());
  std::vector<Request> requests;
  for (const auto& h : core::HalfYearsBetween(core::Period::HalfYear(2019, 1), core::Period::HalfYear(2023, 2))) {
    Request r;
    r.period = h;
    requests.push_back(std::move(r));
  }
  std::size_t figures = 0;
  const Usage usage;
  for (auto _ : state) {
    auto all = ComputeMany(*prepared, requests);
    figures = 0;
    for (const auto& f : all) {
      if (!f.ok()) state.SkipWithError(f.status().ToString().c_str());
      figures += f.ok() ? f->size() : 0;
    }
  }
  usage.Report(state);
  state.counters["figures"] = static_cast<double>(figures);
  state.counters["goal_ms"] = 1000;
}
BENCHMARK(BM_TenHalfYearsPrepared)->Unit(benchmark::kMillisecond)->Iterations(3);

// The goal as "after load" honestly means it: from a loaded Dataset in memory to
// every figure of the ten half-years, Prepare and ComputeMany together in each iteration.
void BM_LoadedToTenHalfYears(benchmark::State& state) {
  const auto& data = BigDataset();
  std::vector<Request> requests;
  for (const auto& h : core::HalfYearsBetween(core::Period::HalfYear(2019, 1), core::Period::HalfYear(2023, 2))) {
    Request r;
    r.period = h;
    requests.push_back(std::move(r));
  }
  std::size_t figures = 0;
  const Usage usage;
  for (auto _ : state) {
    auto prepared = Prepare(data);
    if (!prepared.ok()) return state.SkipWithError(prepared.status().ToString().c_str());
    auto all = ComputeMany(*prepared, requests);
    figures = 0;
    for (const auto& f : all) {
      if (!f.ok()) state.SkipWithError(f.status().ToString().c_str());
      figures += f.ok() ? f->size() : 0;
    }
  }
  usage.Report(state);
  state.counters["figures"] = static_cast<double>(figures);
  state.counters["goal_ms"] = 1000;
}
BENCHMARK(BM_LoadedToTenHalfYears)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace onderdak::indicators

BENCHMARK_MAIN();
