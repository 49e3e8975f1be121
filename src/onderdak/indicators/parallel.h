// ParallelFor: the one way the indicators layer uses threads (internal to the layer).
// Used by Compute/ComputeMany (engine.cc) and by the preparation of a Dataset
// (context.cc). Work items must write only their own results, so that what they compute
// does not depend on the threads or the order in which they run.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace onderdak::indicators {

// Runs fn(i) once for each i in [0, n), on up to hardware_concurrency() threads (the
// calling one included), taking the next i as each finishes. An exception thrown by fn
// (bad_alloc) is rethrown here, after every thread has stopped.
template <typename Fn>
void ParallelFor(std::size_t n, Fn fn) {
  constexpr std::size_t kMaxThreads = 8;
  const std::size_t workers =
      std::min({n, std::size_t{std::max(1u, std::thread::hardware_concurrency())}, kMaxThreads});
  std::atomic<std::size_t> next{0};
  std::mutex mu;
  std::exception_ptr error;
  auto work = [&] {
    for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) {
      try {
        fn(i);
      } catch (...) {
        const std::scoped_lock lock(mu);
        if (!error) error = std::current_exception();
        next = n;  // stop taking work
      }
    }
  };
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(work);
    work();
  }  // joined
  if (error) std::rethrow_exception(error);
}

}  // namespace onderdak::indicators
