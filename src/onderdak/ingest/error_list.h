// The errors of an all-or-nothing file import (regions, targets, series): every error is
// counted, the first 100 are kept, and the Status says how many more there were.
// Internal to ingest.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "onderdak/core/status.h"

namespace onderdak::ingest {

class ErrorList {
 public:
  static constexpr std::size_t kMaxErrors = 100;
  void Add(std::string msg) {
    ++count_;
    if (lines_.size() < kMaxErrors) lines_.push_back(std::move(msg));
  }
  bool empty() const { return count_ == 0; }
  // InvalidInput with the kept errors, one per line, and "... and N more errors".
  core::Status ToStatus() const {
    std::string msg;
    for (const auto& l : lines_) msg += (msg.empty() ? "" : "\n") + l;
    if (count_ > lines_.size()) msg += "\n... and " + std::to_string(count_ - lines_.size()) + " more errors";
    return core::Status::InvalidInput(msg);
  }

 private:
  std::vector<std::string> lines_;
  std::size_t count_ = 0;
};

}  // namespace onderdak::ingest
