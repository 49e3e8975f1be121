// Benchmarks of the estimation numerics (issue 5 goals on the reference machine):
//   all hierarchical models for k = 5 and the choice   <= 50 ms
//   one profile-likelihood interval                     <= 20 ms
//   stepwise model search for k = 8                     <= 200 ms
// Data: the reference tables in $ONDERDAK_SHARED_DATA_DIR/mse/data (default: the
// compile-time ONDERDAK_SHARED_DATA_DIR, else ../shared/data relative to the working
// directory). bench/stats_vs_r.sh times the same fits with R's glm.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "onderdak/stats/capture_table.h"
#include "onderdak/stats/model_search.h"
#include "onderdak/stats/profile_interval.h"

namespace {

using onderdak::stats::CaptureTable;

std::string SharedDataDir() {
  if (const char* env = std::getenv("ONDERDAK_SHARED_DATA_DIR")) return env;
#ifdef ONDERDAK_SHARED_DATA_DIR
  return ONDERDAK_SHARED_DATA_DIR;
#else
  return "../shared/data";
#endif
}

CaptureTable Load(const std::string& name) {
  auto table = onderdak::stats::ReadCaptureTableCsv(SharedDataDir() + "/mse/data/" + name + ".csv");
  if (!table.ok()) throw std::runtime_error(table.status().ToString());
  return *std::move(table);
}

void BM_AllHierarchicalModelsK5(benchmark::State& state) {
  const CaptureTable table = Load("UKdat_5");
  for (auto _ : state) {
    auto choice = onderdak::stats::SearchAllHierarchical(table, onderdak::stats::Criterion::kBic);
    if (!choice.ok()) {
      state.SkipWithError(choice.status().ToString().c_str());
      break;
    }
    state.counters["n_hat"] = choice->best().n_hat;  // compared with R by stats_vs_r.sh
    benchmark::DoNotOptimize(choice);
  }
}
BENCHMARK(BM_AllHierarchicalModelsK5)->Unit(benchmark::kMillisecond);

void BM_ProfileInterval(benchmark::State& state) {
  const CaptureTable table = Load("UKdat_5");
  auto model = onderdak::stats::HierarchicalModel::Parse("[123,25,34]", 5);
  auto fit = onderdak::stats::FitModel(table, *model);
  for (auto _ : state) {
    auto ci = onderdak::stats::ProfileLikelihoodInterval(table, *fit);
    if (!ci.ok()) {
      state.SkipWithError(ci.status().ToString().c_str());
      break;
    }
    state.counters["lower"] = ci->lower;
    state.counters["upper"] = ci->upper;
    benchmark::DoNotOptimize(ci);
  }
}
BENCHMARK(BM_ProfileInterval)->Unit(benchmark::kMillisecond);

void BM_StepwiseK8(benchmark::State& state) {
  const CaptureTable table = Load("NewOrl");
  onderdak::stats::StepwiseOptions options;
  options.criterion = onderdak::stats::Criterion::kAic;
  options.p_threshold = 0.05;
  for (auto _ : state) {
    auto choice = onderdak::stats::StepwiseSearch(table, options);
    if (!choice.ok()) {
      state.SkipWithError(choice.status().ToString().c_str());
      break;
    }
    state.counters["n_hat"] = choice->best().n_hat;
    benchmark::DoNotOptimize(choice);
  }
}
BENCHMARK(BM_StepwiseK8)->Unit(benchmark::kMillisecond);

void BM_FitOneModelK5(benchmark::State& state) {
  const CaptureTable table = Load("UKdat_5");
  auto model = onderdak::stats::HierarchicalModel::Parse("[123,25,34]", 5);
  for (auto _ : state) {
    auto fit = onderdak::stats::FitModel(table, *model);
    benchmark::DoNotOptimize(fit);
  }
}
BENCHMARK(BM_FitOneModelK5)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
