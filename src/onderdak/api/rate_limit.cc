#include "onderdak/api/rate_limit.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace onderdak::api {

RateLimiter::RateLimiter(int burst, std::chrono::milliseconds interval, std::size_t max_clients)
    : burst_(std::max(1, burst)),
      interval_(std::max(interval, std::chrono::milliseconds(1))),
      max_clients_(std::max<std::size_t>(1, max_clients)),
      shared_{burst_, Clock::now()} {}

void RateLimiter::Refill(Bucket& b, Clock::time_point now) const {
  if (now <= b.at) return;
  const double earned =
      std::chrono::duration<double, std::milli>(now - b.at).count() / static_cast<double>(interval_.count());
  b.tokens = std::min(burst_, b.tokens + earned);
  b.at = now;
}

std::optional<int> RateLimiter::Take(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(client);
  if (it == buckets_.end() && buckets_.size() >= max_clients_) {
    for (auto b = buckets_.begin(); b != buckets_.end();) {
      Refill(b->second, now);
      b = b->second.tokens >= burst_ ? buckets_.erase(b) : std::next(b);
    }
    it = buckets_.end();
  }
  Bucket* b = nullptr;
  if (it != buckets_.end()) {
    b = &it->second;
  } else if (buckets_.size() < max_clients_) {
    b = &buckets_.emplace(client, Bucket{burst_, now}).first->second;
  } else {
    b = &shared_;
  }
  Refill(*b, now);
  if (b->tokens >= 1.0) {
    b->tokens -= 1.0;
    return std::nullopt;
  }
  const double wait_ms = (1.0 - b->tokens) * static_cast<double>(interval_.count());
  return std::max(1, static_cast<int>(std::ceil(wait_ms / 1000.0)));
}

}  // namespace onderdak::api
