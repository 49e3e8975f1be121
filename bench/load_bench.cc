// The load side of bench/load_bench.sh: opens a database, loads the current deliveries
// (Store::LoadDataset, as `onderdak indicators` and the server do) once, and prints one
// line of `name=value` pairs: rows loaded, load_ms (LoadDataset alone), cpu_ms (process
// user + sys during the load, all threads) and peak_rss_mb (the whole process so far, as
// getrusage reports it). Run it in a fresh process per measurement: "after a restart".
//
// Usage: load_bench DB_URL
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>

#include "onderdak/store/store.h"

namespace {

double CpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: load_bench DB_URL\n";
    return 1;
  }
  auto store = onderdak::store::OpenStore(argv[1], onderdak::store::OpenMode::kExisting);
  if (!store.ok()) {
    std::cerr << "load_bench: " << store.status().ToString() << "\n";
    return 1;
  }
  onderdak::store::DeliveryFilter filter;
  filter.current_only = true;
  const double cpu0 = CpuMs();
  const auto t0 = std::chrono::steady_clock::now();
  auto data = (*store)->LoadDataset(filter);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = CpuMs() - cpu0;
  if (!data.ok()) {
    std::cerr << "load_bench: " << data.status().ToString() << "\n";
    return 1;
  }
  const std::size_t rows =
      data->persons.size() + data->living_situations.size() + data->service_episodes.size() + data->requests.size() +
      data->waiting_list.size() + data->causes.size() + data->needs.size() + data->facilities.size() +
      data->capacity.size() + data->housing_projects.size() + data->funding_lines.size() + data->plans.size() +
      data->agreements.size() + data->budgets.size() + data->evictions.size() + data->signals.size();
  std::printf(
      "persons=%zu service_episodes=%zu living_situations=%zu rows=%zu load_ms=%.1f cpu_ms=%.1f "
      "peak_rss_mb=%.1f\n",
      data->persons.size(), data->service_episodes.size(), data->living_situations.size(), rows, ms, cpu, PeakRssMb());
  return 0;
}
