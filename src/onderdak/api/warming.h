// Warmer: makes the public pages before anyone asks (ADR 0022). A thread of its own asks
// `targets` which request targets to make ("/", "/kaart?period=2023H2", ...) and `fetch`es
// each of them through the server's ordinary way (which stores the public answer in
// SharedResponses), once at start and again whenever the VersionWatch's version changes
// (an import, from any process); between rounds it refreshes the version every half
// interval (VersionWatch::Refresh). /healthz reports state(): "running" until every target
// of the current version was made, then "done".
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "onderdak/api/version_watch.h"
#include "onderdak/core/result.h"

namespace onderdak::api {

class Warmer {
 public:
  using Targets = std::function<core::Result<std::vector<std::string>>()>;
  using Fetch = std::function<void(const std::string& target)>;
  Warmer(VersionWatch& watch, Targets targets, Fetch fetch);
  ~Warmer();  // Stop()
  Warmer(const Warmer&) = delete;
  Warmer& operator=(const Warmer&) = delete;

  void Start();
  // Returns after the target being made (if any) is done; the rest are left.
  void Stop();
  // "off" (not started), "running", "done".
  std::string state() const;
  // Targets made since start (tests, /healthz).
  std::uint64_t made() const { return made_.load(std::memory_order_relaxed); }

 private:
  void Run();
  VersionWatch& watch_;
  Targets targets_;
  Fetch fetch_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::atomic<int> state_{0};  // 0 off, 1 running, 2 done
  std::atomic<std::uint64_t> made_{0};
  std::thread thread_;
};

}  // namespace onderdak::api
