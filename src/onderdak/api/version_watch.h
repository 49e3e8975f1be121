// VersionWatch: what the public pages and JSON depend on (the current deliveries, the
// reference set and boundary file in force, today's date) as one version text, asked of
// the store at most once per interval (ADR 0022). Every cached public answer is keyed on
// it, so a request pays for no query: it reads a cached text.
//
// Changes are seen: made by this process (an upload, a restore, a test's import), at the
// next request, because every store counts this process's commits
// (store::LocalCommits()); made by another process (a CLI `onderdak import` while
// `serve` runs), within `interval` plus one check. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "onderdak/core/result.h"

namespace onderdak::api {

class VersionWatch {
 public:
  using Probe = std::function<core::Result<std::string>()>;
  VersionWatch(Probe probe, std::chrono::milliseconds interval);

  // On a worker: the version, asking the probe first when the last answer is older than
  // the interval or this process committed a change since. When another thread is asking
  // already, waits for its answer.
  core::Result<std::string> Current();
  // Asks the probe now (unless another thread is asking): the warmer calls it every half
  // interval, so that the I/O threads find a fresh version while nothing else asks.
  core::Result<std::string> Refresh();
  // On any thread, never touching the store: the last answer when it is still fresh (as
  // Current() would return it without asking), else nothing.
  std::optional<std::string> Fresh() const;
  // How many times the probe was asked (tests, /healthz).
  std::uint64_t checks() const { return checks_.load(std::memory_order_relaxed); }
  std::chrono::milliseconds interval() const { return interval_; }

 private:
  static std::int64_t NowNs();
  bool FreshLocked() const;
  core::Result<std::string> Ask();  // with ask_mu_ held

  Probe probe_;
  std::chrono::milliseconds interval_;
  std::mutex ask_mu_;      // one probe at a time
  mutable std::mutex mu_;  // guards the fields below
  std::string version_;    // empty: never answered
  std::int64_t checked_ns_ = 0;
  std::uint64_t commits_seen_ = 0;
  std::atomic<std::uint64_t> checks_{0};
};

}  // namespace onderdak::api
