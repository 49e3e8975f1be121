// A private temporary folder (mode 0700, made by mkdtemp under $TMPDIR), removed with
// everything in it when the object goes.
#pragma once

#include <filesystem>
#include <string_view>

#include "onderdak/core/result.h"

namespace onderdak::core {

class TempDir {
 public:
  // `prefix` names the folder ("onderdak-upload" -> /tmp/onderdak-upload-Ab12Cd).
  static Result<TempDir> Create(std::string_view prefix);
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&&) = delete;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit TempDir(std::filesystem::path p) : path_(std::move(p)) {}
  std::filesystem::path path_;
};

}  // namespace onderdak::core
