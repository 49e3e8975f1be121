#include "onderdak/api/warming.h"

#include <spdlog/spdlog.h>

namespace onderdak::api {

Warmer::Warmer(VersionWatch& watch, Targets targets, Fetch fetch)
    : watch_(watch), targets_(std::move(targets)), fetch_(std::move(fetch)) {}

Warmer::~Warmer() { Stop(); }

void Warmer::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || stopping_) return;
  state_ = 1;
  thread_ = std::thread([this] { Run(); });
}

void Warmer::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string Warmer::state() const {
  switch (state_.load()) {
    case 1: return "running";
    case 2: return "done";
    default: return "off";
  }
}

void Warmer::Run() {
  std::string warmed;  // the version whose targets were all made
  auto stopping = [this] {
    std::lock_guard lock(mu_);
    return stopping_;
  };
  while (!stopping()) {
    auto version = watch_.Refresh();
    if (version.ok() && *version != warmed) {
      state_ = 1;
      auto targets = targets_();
      if (!targets.ok()) {
        spdlog::warn("warming the public pages: {}", targets.status().message());
      } else {
        for (const auto& target : *targets) {
          if (stopping()) return;
          fetch_(target);
          made_.fetch_add(1, std::memory_order_relaxed);
        }
        // Made under `version`; a change meanwhile is warmed on the next round.
        warmed = *version;
        state_ = 2;
        continue;  // at once: the version may have changed while warming
      }
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, watch_.interval() / 2, [this] { return stopping_; });
  }
}

}  // namespace onderdak::api
