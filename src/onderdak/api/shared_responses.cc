#include "onderdak/api/shared_responses.h"

#include <algorithm>

namespace onderdak::api {

std::shared_ptr<const SharedResponse> SharedResponses::Find(std::string_view target, const std::string& version) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(std::string(target));
  if (it == entries_.end() || it->second.version != version) return nullptr;
  hits_.fetch_add(1, std::memory_order_relaxed);
  return it->second.response;
}

void SharedResponses::Put(std::string target, std::string version, std::shared_ptr<const SharedResponse> response) {
  std::lock_guard lock(mu_);
  stores_.fetch_add(1, std::memory_order_relaxed);
  if (auto it = entries_.find(target); it != entries_.end()) {
    it->second = {std::move(version), std::move(response)};
    return;
  }
  if (order_.size() >= kMaxEntries) {
    entries_.erase(order_.front());
    order_.erase(order_.begin());
  }
  order_.push_back(target);
  entries_.emplace(std::move(target), Entry{std::move(version), std::move(response)});
}

}  // namespace onderdak::api
