// The engine side of bench/indicators_vs_sql.sh: loads the current deliveries of a
// database (as `onderdak indicators` does), prepares them, and computes the requested
// indicators for every half-year of a range with ComputeMany, best of N runs. Writes the
// total figures as CSV (indicator,measure,region,period,value,numerator,denominator) to
// stdout and the times as `name_ms=value` lines to stderr: load (LoadDataset), prepare
// (Prepare) and compute (ComputeMany, best of N; each indicator alone, then all together
// with the process CPU time), each on its own.
//
// Usage: indicators_sql_engine DB_URL [INDICATORS=P1,P5,P7] [FROM=2019H1] [TO=2023H2] [RUNS=5]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "onderdak/core/strings.h"
#include "onderdak/indicators/engine.h"
#include "onderdak/store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// CPU time of the process (all threads), in ms.
double CpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

int Fail(const onderdak::core::Status& s) {
  std::cerr << "indicators_sql_engine: " << s.ToString() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  namespace ind = onderdak::indicators;
  using onderdak::core::Period;
  if (argc < 2) {
    std::cerr << "usage: indicators_sql_engine DB_URL [INDICATORS] [FROM] [TO] [RUNS]\n";
    return 1;
  }
  const std::string url = argv[1];
  const std::vector<std::string> ids = onderdak::core::SplitComma(argc > 2 ? argv[2] : "P1,P5,P7");
  auto from = Period::Parse(argc > 3 ? argv[3] : "2019H1");
  auto to = Period::Parse(argc > 4 ? argv[4] : "2023H2");
  if (!from.ok()) return Fail(from.status());
  if (!to.ok()) return Fail(to.status());
  const int runs = argc > 5 ? std::max(1, std::stoi(argv[5])) : 5;

  auto store = onderdak::store::OpenStore(url);
  if (!store.ok()) return Fail(store.status());
  onderdak::store::DeliveryFilter filter;
  filter.current_only = true;
  auto t0 = Clock::now();
  auto data = (*store)->LoadDataset(filter);
  if (!data.ok()) return Fail(data.status());
  const double load_ms = MsSince(t0);

  t0 = Clock::now();
  auto prepared = ind::Prepare(*data);
  if (!prepared.ok()) return Fail(prepared.status());
  const double prepare_ms = MsSince(t0);

  auto requests_for = [&](const std::vector<std::string>& wanted) {
    std::vector<ind::Request> requests;
    for (const auto& h : onderdak::core::HalfYearsBetween(*from, *to)) {
      ind::Request r;
      r.period = h;
      r.indicators = wanted;
      r.definition = "ethos-1-3";  // the definitions of bench/sql/ count ETHOS 1-3
      requests.push_back(std::move(r));
    }
    return requests;
  };
  // Best of `runs` of ComputeMany over the half-years, wall and process CPU time.
  std::vector<onderdak::core::Result<std::vector<ind::Figure>>> results;
  auto best_of = [&](const std::vector<ind::Request>& requests, double& best_cpu_ms) {
    double best_ms = 0;
    for (int run = 0; run < runs; ++run) {
      const double cpu0 = CpuMs();
      const auto t = Clock::now();
      results = ind::ComputeMany(*prepared, requests);
      const double ms = MsSince(t), cpu = CpuMs() - cpu0;
      if (run == 0 || ms < best_ms) best_ms = ms;
      if (run == 0 || cpu < best_cpu_ms) best_cpu_ms = cpu;
    }
    return best_ms;
  };
  std::vector<std::pair<std::string, double>> times;
  for (const auto& id : ids) {
    double cpu_ms = 0;
    times.emplace_back("compute_ms_" + id, best_of(requests_for({id}), cpu_ms));
  }
  double cpu_ms = 0;
  times.emplace_back("compute_ms", best_of(requests_for(ids), cpu_ms));
  times.emplace_back("compute_cpu_ms", cpu_ms);

  std::cout << "indicator,measure,region,period,value,numerator,denominator\n";
  for (const auto& r : results) {
    if (!r.ok()) return Fail(r.status());
    for (const auto& f : *r) {
      if (f.breakdown != "total") continue;
      std::cout << f.indicator << ',' << f.measure << ',' << f.region << ',' << f.period << ','
                << ind::FormatValue(f.value) << ',' << (f.numerator ? std::to_string(*f.numerator) : "") << ','
                << (f.denominator ? std::to_string(*f.denominator) : "") << '\n';
    }
  }
  std::fprintf(stderr, "persons=%zu service_episodes=%zu living_situations=%zu\n", data->persons.size(),
               data->service_episodes.size(), data->living_situations.size());
  std::fprintf(stderr, "load_ms=%.1f\nprepare_ms=%.1f\n", load_ms, prepare_ms);
  for (const auto& [name, ms] : times) std::fprintf(stderr, "%s=%.1f\n", name.c_str(), ms);
  return 0;
}
