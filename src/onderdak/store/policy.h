// PolicyStore: policy targets and external reference series (ADR 0024), imported with
// `onderdak targets import` and `onderdak series import` (ingest/policy_import.*), and
// population figures (ADR 0037, `onderdak population import`, ingest/population_import.*);
// the importers validate the files; this layer stores what it is given. Both backends implement it
// (sqlite/sqlite_policy.cc, postgres/postgres_policy.cc) over the same SQL and the same
// row mapping (internal/policy_queries.h); obtain it with Store::Policy().
//
// Targets: every import is the whole list, stored as a new version; the newest version is
// in force. Series: versioned per source; importing a file replaces, for each source in
// it, that source's points with a new version (other sources stay). Each call is one
// transaction: all or nothing. Nothing is ever deleted.
//
// Thread safety: as Store.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/domain/policy.h"

namespace onderdak::store {

// One stored version of the target list, or of one source's series.
struct PolicyVersion {
  std::int64_t id = 0;
  std::string imported_at{};  // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::string source{};       // series: the source replaced; population: the date (YYYY-MM-DD); targets: ""
  std::string file{};         // the file name as imported, for display
  std::string sha256{};       // of the file's bytes
  std::int64_t rows = 0;
};

class PolicyStore {
 public:
  virtual ~PolicyStore() = default;

  // Stores `targets` as the newest version (the one in force). `version`: file and sha256.
  virtual core::Result<PolicyVersion> AddTargets(const std::vector<domain::Target>& targets,
                                                 const PolicyVersion& version) = 0;
  // The targets of the newest version, in file order; empty when none was imported.
  virtual core::Result<std::vector<domain::Target>> CurrentTargets() = 0;
  // Every target version, oldest first.
  virtual core::Result<std::vector<PolicyVersion>> ListTargetVersions() = 0;

  // For each distinct source among `points`, stores its points as that source's newest
  // version. Returns the new versions, one per source, in order of first appearance.
  virtual core::Result<std::vector<PolicyVersion>> ReplaceSeries(const std::vector<domain::SeriesPoint>& points,
                                                                 const PolicyVersion& file) = 0;
  // The points of every source's newest version, by source, series, region, date/period.
  virtual core::Result<std::vector<domain::SeriesPoint>> CurrentSeries() = 0;
  // Every series version, oldest first.
  virtual core::Result<std::vector<PolicyVersion>> ListSeriesVersions() = 0;
  // For each distinct date among `counts`, stores its counts as that date's newest version.
  // Returns the new versions, one per date (`source` holds the date), oldest date first.
  virtual core::Result<std::vector<PolicyVersion>> AddPopulation(const std::vector<domain::PopulationCount>& counts,
                                                                 const PolicyVersion& file) = 0;
  // The counts of every date's newest version, by date and municipality.
  virtual core::Result<std::vector<domain::PopulationCount>> CurrentPopulation() = 0;
  // Every population version, oldest first.
  virtual core::Result<std::vector<PolicyVersion>> ListPopulationVersions() = 0;

  // A text that changes with every import of targets, series or population, e.g. "t2:s3:p1": one cheap
  // query, for the server's public version (caches and ETags).
  virtual core::Result<std::string> Version() = 0;

 protected:
  PolicyStore() = default;
};

}  // namespace onderdak::store
