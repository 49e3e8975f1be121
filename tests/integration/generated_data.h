// Generated national deliveries imported into a store, for the integration tests: the
// shipped regions, then synth::Generate into `out`, then every delivery through the real
// import. Fails the calling test (gtest fatal assertion) when any step fails.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>

#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/synth/generator.h"
#include "test_support.h"

namespace onderdak::testing {

inline void ImportGenerated(store::Store& store, const ingest::Pseudonymiser& key, int persons, int from_year,
                            int to_year, const std::filesystem::path& out) {
  ASSERT_TRUE(ingest::ImportShippedRegions(store, ReferenceDir()).ok());
  auto reference = store.LoadReferenceSet(1);
  ASSERT_TRUE(reference.ok()) << reference.status().message();
  synth::GenerateOptions options;
  options.persons = persons;
  options.from_year = from_year;
  options.to_year = to_year;
  ASSERT_TRUE(synth::Generate(options, *reference, out).ok());
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    if (entry.path().filename() != "manifest.json") continue;
    auto report = ingest::ImportDelivery(store, key, entry.path().parent_path());
    ASSERT_TRUE(report.ok()) << report.status().message();
    ASSERT_TRUE(report->accepted()) << entry.path() << ": " << report->errors.front();
  }
}

}  // namespace onderdak::testing
