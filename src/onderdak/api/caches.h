// The server's caches of reference data and computed figures. Internal to the api layer:
// shared by the JSON routes (server.cc) and the pages (pages.cc).
//
// Both are thread-safe: handlers on the server's worker threads call them concurrently.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/api/version_watch.h"
#include "onderdak/core/result.h"
#include "onderdak/domain/dataset.h"
#include "onderdak/domain/reference.h"
#include "onderdak/indicators/engine.h"
#include "onderdak/indicators/targets.h"
#include "onderdak/store/store.h"

namespace onderdak::api {

struct ReferenceInForce {
  domain::ReferenceVersion version;
  std::shared_ptr<const domain::ReferenceSet> set;
};

// Reference versions are never edited once stored (ADR 0004), so a set loaded for a
// version id stays right for the server's lifetime: each request asks the store only which
// version is in force, not for its 342 municipalities again.
class ReferenceCache {
 public:
  // NotFound when no version is in force on `date`.
  core::Result<ReferenceInForce> InForce(store::Store& store, core::Date date);

 private:
  std::mutex mu_;
  std::map<std::int64_t, std::shared_ptr<const domain::ReferenceSet>> sets_;
};

// The current delivery versions and a fingerprint of that set: it changes with every
// import or restore, so it keys caches and ETags.
struct CurrentDeliveries {
  std::vector<domain::Delivery> deliveries;
  std::string fingerprint;
};
core::Result<CurrentDeliveries> ListCurrentDeliveries(store::Store& store);

// A quoted ETag for `key` (any text that identifies the response's content).
std::string ETagFor(const std::string& key);

// The current deliveries as a Dataset, and the public figures computed from them, keyed
// on the VersionWatch's version (no query per request; ADR 0022): a new import or a
// restore changes it, so cached figures are not served for data that has changed. Figures are cached per query (at
// most kMaxCachedQueries, oldest dropped first) and carry an ETag. Without a login only
// published figures: disclosure control is always applied.
class FigureCache {
 public:
  explicit FigureCache(VersionWatch& watch) : watch_(watch) {}

  struct Answer {
    std::string etag;
    std::shared_ptr<const std::vector<indicators::Figure>> figures;
  };

  // `query_key` identifies `request` (two requests with the same key must be the same).
  core::Result<Answer> Get(store::Store& store, const indicators::Request& request, const std::string& query_key);

  struct Loaded {
    domain::Dataset dataset;
    std::optional<indicators::Prepared> prepared;  // refers to `dataset`
    // The targets and reference series in force (ADR 0024), loaded with the deliveries:
    // the public version includes the policy version, so an import reloads them.
    std::vector<domain::Target> targets;
    std::vector<domain::SeriesPoint> series;
    // Some current delivery was made by `onderdak generate`: every page says so.
    bool synthetic = false;
  };
  struct Snapshot {
    std::shared_ptr<const Loaded> data;
    std::string fingerprint;  // of the current deliveries it was loaded from
  };
  // The current deliveries, loaded and prepared once per set of current deliveries and
  // shared by every query on it (figures, estimates).
  core::Result<Snapshot> Data(store::Store& store);

 private:
  static constexpr std::size_t kMaxCachedQueries = 256;
  VersionWatch& watch_;
  std::mutex mu_;
  std::shared_ptr<const Loaded> data_;
  std::string data_fingerprint_;
  std::map<std::string, Answer> figures_;
  std::vector<std::string> order_;
};

// Rendered response bodies keyed by their ETag key, so that a repeated request costs a
// lookup, not a serialisation (at most kMaxEntries, oldest dropped first). Thread-safe.
class BodyCache {
 public:
  std::shared_ptr<const std::string> Find(const std::string& key);
  std::shared_ptr<const std::string> Put(const std::string& key, std::string body);

 private:
  static constexpr std::size_t kMaxEntries = 256;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const std::string>> bodies_;
  std::vector<std::string> order_;
};

}  // namespace onderdak::api
