#include "onderdak/cli/setup.h"

#include "onderdak/ingest/pseudonymiser.h"
#include "onderdak/ingest/regions_import.h"

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

}  // namespace onderdak::cli
