#include "onderdak/cli/setup.h"

#include <algorithm>

#include "onderdak/core/temp_dir.h"
#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/pseudonymiser.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/synth/generator.h"

namespace onderdak::cli {

core::Result<InitSummary> EnsureInitialised(store::Store& store, const core::Config& config) {
  InitSummary s;
  ONDERDAK_ASSIGN_OR_RETURN(s.schema_version, store.SchemaVersion());
  if (std::filesystem::exists(config.key_file)) {
    ONDERDAK_RETURN_IF_ERROR(ingest::Pseudonymiser::FromKeyFile(config.key_file));
  } else {
    ONDERDAK_RETURN_IF_ERROR(ingest::Pseudonymiser::CreateKeyFile(config.key_file));
    s.created_key = true;
  }
  auto in_force = store.ReferenceVersionOn(core::Date::TodayUtc());
  if (in_force.ok()) {
    s.version = *in_force;
    return s;
  }
  if (in_force.status().code() != core::Code::kNotFound) return in_force.status();
  auto imported = ingest::ImportShippedRegions(store, config.ReferenceDir());
  if (!imported.ok()) {
    return imported.status().WithContext("loading the shipped reference data from " + config.ReferenceDir().string() +
                                         " (set ONDERDAK_DATA_DIR?)");
  }
  s.loaded_reference = true;
  s.version = *imported;
  return s;
}

core::Result<int> EnsureDemoDeliveries(store::Store& store, const core::Config& config, std::int64_t persons,
                                       const std::function<void(int, int)>& progress) {
  store::DeliveryFilter any;
  ONDERDAK_ASSIGN_OR_RETURN(auto existing, store.ListDeliveries(any));
  if (!existing.empty()) return 0;
  ONDERDAK_ASSIGN_OR_RETURN(auto key, ingest::Pseudonymiser::FromKeyFile(config.key_file));
  ONDERDAK_ASSIGN_OR_RETURN(auto version, store.ReferenceVersionOn(core::Date::TodayUtc()));
  ONDERDAK_ASSIGN_OR_RETURN(auto reference, store.LoadReferenceSet(version.id));

  ONDERDAK_ASSIGN_OR_RETURN(auto temp, core::TempDir::Create("onderdak-demo"));
  const std::filesystem::path& dir = temp.path();

  synth::GenerateOptions options;
  options.persons = persons;
  ONDERDAK_RETURN_IF_ERROR(synth::Generate(options, reference, dir / "gen").status());
  std::vector<std::filesystem::path> deliveries;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "gen")) {
    if (entry.path().filename() == "manifest.json") deliveries.push_back(entry.path().parent_path());
  }
  std::sort(deliveries.begin(), deliveries.end());
  int done = 0;
  for (const auto& d : deliveries) {
    ONDERDAK_ASSIGN_OR_RETURN(auto report, ingest::ImportDelivery(store, key, d));
    if (!report.accepted()) {
      return core::Status::Internal("generated delivery " + d.string() + " was refused: " + report.errors.front());
    }
    if (progress) progress(++done, static_cast<int>(deliveries.size()));
  }
  return done;
}

}  // namespace onderdak::cli
