#include "onderdak/api/version_watch.h"

#include "onderdak/store/local_commits.h"

namespace onderdak::api {

VersionWatch::VersionWatch(Probe probe, std::chrono::milliseconds interval)
    : probe_(std::move(probe)), interval_(interval) {}

std::int64_t VersionWatch::NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool VersionWatch::FreshLocked() const {
  return !version_.empty() && commits_seen_ == store::LocalCommits() &&
         NowNs() - checked_ns_ < std::chrono::duration_cast<std::chrono::nanoseconds>(interval_).count();
}

std::optional<std::string> VersionWatch::Fresh() const {
  std::lock_guard lock(mu_);
  if (!FreshLocked()) return std::nullopt;
  return version_;
}

core::Result<std::string> VersionWatch::Current() {
  {
    std::lock_guard lock(mu_);
    if (FreshLocked()) return version_;
  }
  // One thread asks; the others wait for its answer rather than use a stale one, which
  // would break the bound (a version older than the interval).
  std::lock_guard ask(ask_mu_);
  {
    std::lock_guard lock(mu_);
    if (FreshLocked()) return version_;
  }
  return Ask();
}

core::Result<std::string> VersionWatch::Refresh() {
  std::unique_lock ask(ask_mu_, std::try_to_lock);
  if (!ask.owns_lock()) return Current();
  return Ask();
}

core::Result<std::string> VersionWatch::Ask() {
  // Read before asking: a commit during the probe makes the next request ask again.
  const std::uint64_t commits = store::LocalCommits();
  const std::int64_t started = NowNs();
  checks_.fetch_add(1, std::memory_order_relaxed);
  ONDERDAK_ASSIGN_OR_RETURN(auto version, probe_());
  std::lock_guard lock(mu_);
  version_ = version;
  checked_ns_ = started;
  commits_seen_ = commits;
  return version;
}

}  // namespace onderdak::api
