#include "onderdak/cli/setup.h"

#include <algorithm>
#include <fstream>

#include "onderdak/cli/commands.h"
#include "onderdak/core/log.h"
#include "onderdak/core/temp_dir.h"
#include "onderdak/indicators/registry.h"
#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/geo_import.h"
#include "onderdak/ingest/pseudonymiser.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/synth/generator.h"

namespace onderdak::cli {

core::Status WriteFileWhole(const std::filesystem::path& path, std::string_view text) {
  const std::filesystem::path partial = path.string() + ".partial";
  std::error_code ec;
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) return core::Status::Io("cannot create " + partial.string());
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      std::filesystem::remove(partial, ec);
      return core::Status::Io("cannot write " + partial.string());
    }
  }
  std::filesystem::rename(partial, path, ec);
  if (ec) {
    std::filesystem::remove(partial, ec);
    return core::Status::Io("cannot write " + path.string() + ": " + ec.message());
  }
  return core::Status::Ok();
}

void RemoveStaleTempFolders() {
  if (const int stale = core::RemoveStaleTempDirs(); stale > 0) {
    // Debug, not info: a command's stderr carries only its own warnings and errors.
    spdlog::debug("removed {} temporary folders left by stopped onderdak processes", stale);
  }
}

core::Result<std::optional<ingest::Pseudonymiser>> LoadBoundKey(store::Store& store, const core::Config& config,
                                                                KeyUse use) {
  if (std::error_code ec; use == KeyUse::kIfPresent && !std::filesystem::exists(config.key_file, ec)) {
    return std::optional<ingest::Pseudonymiser>();
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto key, ingest::Pseudonymiser::FromKeyFile(config.key_file));
  const std::string fingerprint = key.Fingerprint();
  const store::AuditEvent audit{.actor = CliActor(),
                                .action = "key.bind",
                                .object = "key:" + fingerprint,
                                .detail = "the database records its pseudonymisation key's fingerprint",
                                .from = "cli"};
  ONDERDAK_ASSIGN_OR_RETURN(const std::string recorded, store.BindKeyFingerprint(fingerprint, audit));
  if (recorded != fingerprint) {
    return core::Status::FailedPrecondition(
        "the key file " + config.key_file.string() + " is not this database's pseudonymisation key (its fingerprint " +
        fingerprint + ", the database's " + recorded +
        "): pseudonyms made with it would not link to the people already registered. Use the key file this "
        "database was initialised with (--key-file or ONDERDAK_KEY_FILE; restore it from its backup), or --db "
        "for the database this key belongs to");
  }
  return std::optional<ingest::Pseudonymiser>(std::move(key));
}

core::Result<domain::ReferenceSet> ReferenceSetWithRegion(store::Store& store, core::Date on,
                                                          const std::string& region) {
  ONDERDAK_ASSIGN_OR_RETURN(auto version, store.ReferenceVersionOn(on));
  ONDERDAK_ASSIGN_OR_RETURN(auto reference, store.LoadReferenceSet(version.id));
  if (!region.empty() && reference.FindRegion(region) == nullptr) {
    return core::Status::InvalidInput("--region " + region + " is not a region (centrumgemeente code) on " +
                                      on.ToString());
  }
  return reference;
}

core::Result<ingest::PolicyContext> PolicyContextFor(store::Store& store, core::Date on,
                                                     std::optional<domain::ReferenceSet>& regions) {
  auto in_force = store.ReferenceVersionOn(on);
  if (in_force.ok()) {
    ONDERDAK_ASSIGN_OR_RETURN(auto set, store.LoadReferenceSet(in_force->id));
    regions = std::move(set);
  } else if (in_force.status().code() != core::Code::kNotFound) {
    return in_force.status();
  }
  return ingest::PolicyContext{.regions = regions ? &*regions : nullptr, .is_indicator = [](std::string_view id) {
                                 return indicators::FindIndicator(id) != nullptr;
                               }};
}

namespace {

// Loads the shipped targets and series when the store holds none of them.
core::Status EnsurePolicy(store::Store& store, const core::Config& config, InitSummary& s) {
  std::optional<domain::ReferenceSet> regions;
  ONDERDAK_ASSIGN_OR_RETURN(auto ctx, PolicyContextFor(store, core::Date::TodayUtc(), regions));
  ONDERDAK_ASSIGN_OR_RETURN(auto targets, store.Policy().ListTargetVersions());
  if (targets.empty()) {
    auto v = ingest::ImportTargets(store, config.ReferenceDir() / ingest::kShippedTargetsFile, ctx);
    if (!v.ok()) return v.status().WithContext("loading the shipped targets from " + config.ReferenceDir().string());
    s.loaded_targets = v->rows;
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto series, store.Policy().ListSeriesVersions());
  if (series.empty()) {
    auto vs = ingest::ImportSeries(store, config.ReferenceDir() / ingest::kShippedSeriesFile, ctx);
    if (!vs.ok()) return vs.status().WithContext("loading the shipped series from " + config.ReferenceDir().string());
    for (const auto& v : *vs) s.loaded_series += v.rows;
  }
  return core::Status::Ok();
}

}  // namespace

core::Result<InitSummary> EnsureInitialised(store::Store& store, const core::Config& config) {
  InitSummary s;
  ONDERDAK_ASSIGN_OR_RETURN(s.schema_version, store.SchemaVersion());
  if (!std::filesystem::exists(config.key_file)) {
    ONDERDAK_RETURN_IF_ERROR(ingest::Pseudonymiser::CreateKeyFile(config.key_file));
    s.created_key = true;
  }
  ONDERDAK_RETURN_IF_ERROR(LoadBoundKey(store, config, KeyUse::kRequired).status());
  auto in_force = store.ReferenceVersionOn(core::Date::TodayUtc());
  if (in_force.ok()) {
    s.version = *in_force;
  } else if (in_force.status().code() != core::Code::kNotFound) {
    return in_force.status();
  } else {
    auto imported = ingest::ImportShippedRegions(store, config.ReferenceDir());
    if (!imported.ok()) {
      return imported.status().WithContext("loading the shipped reference data from " + config.ReferenceDir().string() +
                                           " (set ONDERDAK_DATA_DIR?)");
    }
    s.loaded_reference = true;
    s.version = *imported;
  }
  ONDERDAK_RETURN_IF_ERROR(EnsurePolicy(store, config, s));
  // A real map out of the box (issue 21 item 5): the shipped boundaries, unless a file of
  // the user's own (or an earlier load) is stored; `onderdak geo import` replaces them.
  // The stored versions' descriptions only: `serve` runs this at every start, and the
  // newest file's text (up to 256 MiB) is not needed to see that there is one.
  ONDERDAK_ASSIGN_OR_RETURN(auto boundaries, store.Geo().ListBoundaries());
  if (boundaries.empty()) {
    auto imported = ingest::ImportBoundaries(store, config.ReferenceDir() / ingest::kShippedBoundariesFile,
                                             ingest::GeoImportOptions{});
    if (!imported.ok()) {
      return imported.status().WithContext("loading the shipped map from " + config.ReferenceDir().string());
    }
    s.loaded_boundaries = imported->parsed.codes.size();
  }
  return s;
}

core::Result<int> EnsureDemoDeliveries(store::Store& store, const core::Config& config, std::int64_t persons,
                                       const std::function<void(int, int)>& progress) {
  store::DeliveryFilter any;
  ONDERDAK_ASSIGN_OR_RETURN(auto existing, store.ListDeliveries(any));
  if (!existing.empty()) return 0;
  ONDERDAK_ASSIGN_OR_RETURN(auto key, LoadBoundKey(store, config, KeyUse::kRequired));
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
  ingest::ImportSession session(store, *key);
  for (const auto& d : deliveries) {
    ingest::ImportOptions opts;
    opts.quality_report = false;  // nobody reads it here
    ONDERDAK_ASSIGN_OR_RETURN(auto report, session.Import(d, opts));
    if (!report.accepted()) {
      return core::Status::Internal("generated delivery " + d.string() + " was refused: " + report.errors.front());
    }
    if (progress) progress(++done, static_cast<int>(deliveries.size()));
  }
  return done;
}

}  // namespace onderdak::cli
