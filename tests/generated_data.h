// Generated national deliveries imported into a store, for the tests that need realistic
// data (api, integration): synth::Generate into `out` against the store's reference
// version 1 (the caller imports the regions first), then every delivery through the real
// import. Each failing step is a (non-fatal) gtest failure; returns the number of
// deliveries imported.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>

#include "onderdak/ingest/delivery_import.h"
#include "onderdak/synth/generator.h"

namespace onderdak::testing {

inline synth::GenerateOptions GeneratedYears(int persons, int from_year, int to_year, std::uint64_t seed = 1) {
  synth::GenerateOptions options;
  options.persons = persons;
  options.from_year = from_year;
  options.to_year = to_year;
  options.seed = seed;
  return options;
}

inline int ImportGenerated(store::Store& store, const ingest::Pseudonymiser& key, const synth::GenerateOptions& options,
                           const std::filesystem::path& out) {
  auto reference = store.LoadReferenceSet(1);
  EXPECT_TRUE(reference.ok()) << reference.status().message();
  if (!reference.ok()) return 0;
  EXPECT_TRUE(synth::Generate(options, *reference, out).ok());
  int n = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    if (entry.path().filename() != "manifest.json") continue;
    auto report = ingest::ImportDelivery(store, key, entry.path().parent_path());
    EXPECT_TRUE(report.ok()) << report.status().message();
    if (report.ok()) {
      EXPECT_TRUE(report->accepted()) << entry.path() << ": " << report->errors.front();
    }
    ++n;
  }
  return n;
}

}  // namespace onderdak::testing
