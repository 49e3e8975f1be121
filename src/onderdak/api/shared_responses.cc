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
  std::size_t size = target.size();
  if (response && response->body) size += response->body->size();
  if (response && response->gzip_body) size += response->gzip_body->size();
  // Too large to keep beside the others: such an answer takes the ordinary way each time.
  if (!Keeps(size)) return;
  std::lock_guard lock(mu_);
  stores_.fetch_add(1, std::memory_order_relaxed);
  if (auto it = entries_.find(target); it != entries_.end()) {
    bytes_ = bytes_ - it->second.size + size;
    it->second = {std::move(version), std::move(response), size};
  } else {
    order_.push_back(target);
    entries_.emplace(std::move(target), Entry{std::move(version), std::move(response), size});
    bytes_ += size;
  }
  // Bounded in entries and in bytes: the oldest go first (never the one just stored, the
  // newest, since it alone fits within the budget).
  while (order_.size() > kMaxEntries || bytes_ > kMaxBytes) {
    auto it = entries_.find(order_.front());
    bytes_ -= it->second.size;
    entries_.erase(it);
    order_.erase(order_.begin());
  }
}

}  // namespace onderdak::api
