// IdIndex: store ids (person, facility, housing project) to their position in a
// domain::Dataset vector, for the loader that links records by index (dataset.h).
//
// Ids of one store are nearly dense (SQLite numbers persons max + 1; PostgreSQL in blocks
// of 8,192 per import), so when they span at most a few times as many values as there are
// ids the index is a flat array (one load per lookup, 4 bytes a slot); otherwise a hash
// map. Replaces a std::unordered_map of every person, which cost ~40 bytes and a cache
// miss or two per lookup on millions of lookups (ADR 0021).
//
// Internal to src/onderdak/store/: used by both backends. Immutable once built;
// thread-safe to read.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "onderdak/core/status.h"

namespace onderdak::store::internal {

class IdIndex {
 public:
  IdIndex() = default;
  // `ids[i]` is the store id of the record at position i; ids are distinct.
  explicit IdIndex(const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return;
    const auto [lo, hi] = std::minmax_element(ids.begin(), ids.end());
    const auto span = static_cast<std::uint64_t>(*hi) - static_cast<std::uint64_t>(*lo) + 1;
    if (span <= 4 * static_cast<std::uint64_t>(ids.size()) + 65536) {
      min_ = *lo;
      dense_.assign(span, -1);
      for (std::size_t i = 0; i < ids.size(); ++i) {
        dense_[static_cast<std::size_t>(ids[i] - min_)] = static_cast<std::int32_t>(i);
      }
    } else {
      sparse_.reserve(ids.size());
      for (std::size_t i = 0; i < ids.size(); ++i) sparse_.emplace(ids[i], static_cast<std::int32_t>(i));
    }
  }

  // The position of `id`, -1 when it is not loaded.
  std::int32_t Find(std::int64_t id) const {
    if (!dense_.empty()) {
      if (id < min_) return -1;
      const auto slot = static_cast<std::uint64_t>(id) - static_cast<std::uint64_t>(min_);
      return slot < dense_.size() ? dense_[static_cast<std::size_t>(slot)] : -1;
    }
    auto it = sparse_.find(id);
    return it == sparse_.end() ? -1 : it->second;
  }

  // The position of `id`; sets `error` (naming `what`) and returns 0 when it is not loaded:
  // a row points at a record outside the loaded deliveries, which the store never writes.
  std::int32_t Resolve(std::int64_t id, std::string_view what, core::Status& error) const {
    const std::int32_t pos = Find(id);
    if (pos >= 0) return pos;
    error = core::Status::Internal(std::string(what) + " " + std::to_string(id) + " is not loaded");
    return 0;
  }

 private:
  std::int64_t min_ = 0;
  std::vector<std::int32_t> dense_;
  std::unordered_map<std::int64_t, std::int32_t> sparse_;
};

}  // namespace onderdak::store::internal
