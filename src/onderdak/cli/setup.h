// Shared steps of init, demo and serve: bring a database to a usable state.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>

#include "onderdak/core/config.h"
#include "onderdak/core/result.h"
#include "onderdak/domain/reference.h"
#include "onderdak/ingest/policy_import.h"
#include "onderdak/ingest/pseudonymiser.h"
#include "onderdak/store/store.h"

namespace onderdak::cli {

struct InitSummary {
  int schema_version = 0;
  bool loaded_reference = false;  // false when a version was already in force
  bool created_key = false;       // false when the key file already existed
  domain::ReferenceVersion version;
  std::int64_t loaded_targets = 0;  // targets loaded from the shipped list now (0: some were stored)
  std::int64_t loaded_series = 0;   // series points loaded from the shipped file now
  std::size_t loaded_boundaries = 0;  // municipalities of the shipped map loaded now (0: a file was stored)
};

// Removes the temporary folders of onderdak processes that are gone (a kill -9 leaves
// them; core::RemoveStaleTempDirs) and logs how many (debug). Run when import, serve and demo start.
void RemoveStaleTempFolders();

// Writes `text` to `path` through a temporary file beside it, renamed over `path` when
// complete: a failed write leaves no half-written file.
core::Status WriteFileWhole(const std::filesystem::path& path, std::string_view text);

// Whether a command needs the pseudonymisation key or only checks it when it is there.
enum class KeyUse { kRequired, kIfPresent };

// Loads the key file and checks that it is this database's key (ADR 0017): its
// fingerprint must be the one recorded in the database; a database without one (made
// before the binding existed) records it now, audited as key.bind. FailedPrecondition
// naming both fingerprints and what to do when the key is another; with kIfPresent a
// missing key file is nullopt, with kRequired the loader's error.
core::Result<std::optional<ingest::Pseudonymiser>> LoadBoundKey(store::Store& store, const core::Config& config,
                                                                KeyUse use);

// The reference set (regions and municipalities) in force on `on`. A non-empty `region` must
// be one of its regions (a centrumgemeente code), else InvalidInput naming the flag.
core::Result<domain::ReferenceSet> ReferenceSetWithRegion(store::Store& store, core::Date on,
                                                          const std::string& region);

// What policy targets and series are checked against: the regions in force on `on` (kept in
// `regions`, which must outlive the context) and the indicator registry.
core::Result<ingest::PolicyContext> PolicyContextFor(store::Store& store, core::Date on,
                                                     std::optional<domain::ReferenceSet>& regions);

// Creates the pseudonymisation key if it does not exist (and checks it loads if it does),
// and loads the shipped regions if nothing is in force today, and the shipped targets and
// series (data/reference/targets.csv, series_cbs.csv) when none are stored. Idempotent.
core::Result<InitSummary> EnsureInitialised(store::Store& store, const core::Config& config);

// For the demo: when the database holds no deliveries yet, generates a synthetic national
// dataset (synth/generator.h; `persons` distinct persons, 0 for the generator's default
// size) in a temporary folder and imports every delivery. Returns the number of
// deliveries imported (0 when there were deliveries already). `progress(done, total)` may
// be empty.
core::Result<int> EnsureDemoDeliveries(store::Store& store, const core::Config& config, std::int64_t persons,
                                       const std::function<void(int, int)>& progress);

}  // namespace onderdak::cli
