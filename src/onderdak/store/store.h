// Store: the one interface through which onderdak reads and writes its database.
//
// Backends live beside this file (sqlite/ now, postgres/ with its own issue) and are
// chosen by URL in OpenStore(). Every mutating call is one transaction: it either
// completes or leaves the database exactly as it was. Reads see only committed data.
//
// Ownership: the caller owns the Store. Thread safety: a Store may be shared by threads;
// implementations serialise access internally (the HTTP server shares one).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"
#include "onderdak/domain/reference.h"

namespace onderdak::store {

struct ReferenceVersionMeta {
  core::Date valid_from;
  std::string source;
  std::string source_sha256;
  bool approximate = false;
  std::string note;
};

class Store {
 public:
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;
  // Highest migration applied.
  virtual core::Result<int> SchemaVersion() = 0;

  // Stores `set` as a new reference version. InvalidInput when the set breaks its
  // invariants (nothing is written).
  virtual core::Result<domain::ReferenceVersion> AddReferenceVersion(const domain::ReferenceSet& set,
                                                                     const ReferenceVersionMeta& meta) = 0;
  // All versions, oldest first.
  virtual core::Result<std::vector<domain::ReferenceVersion>> ListReferenceVersions() = 0;
  // The version in force on `date`: the greatest valid_from <= date, the latest import
  // among equals. NotFound when none applies (e.g. an empty database).
  virtual core::Result<domain::ReferenceVersion> ReferenceVersionOn(core::Date date) = 0;
  // NotFound for an unknown id.
  virtual core::Result<domain::ReferenceSet> LoadReferenceSet(std::int64_t version_id) = 0;

 protected:
  Store() = default;
};

// Opens (creating if needed) the database at `url` and applies pending migrations.
//   sqlite:PATH        a file (its folder is created)
//   sqlite::memory:    a private in-memory database (tests)
//   postgresql://...   not yet available: FailedPrecondition naming the issue
// InvalidInput for an unknown scheme; Unavailable when the database cannot be opened.
core::Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

}  // namespace onderdak::store
