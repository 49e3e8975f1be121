// A private temporary folder (mode 0700, made by mkdtemp under $TMPDIR), removed with
// everything in it when the object goes.
//
// Its name carries the creating process's id: "<prefix>-<pid>-XXXXXX". A process killed
// with SIGKILL cannot remove its folders; RemoveStaleTempDirs(), run at the start of
// `import` and `serve`, removes the onderdak folders (and the HTTP server's upload body
// files, named the same way) whose process is gone.
#pragma once

#include <filesystem>
#include <string_view>

#include "onderdak/core/result.h"

namespace onderdak::core {

// Every onderdak temporary folder's name starts with this.
inline constexpr std::string_view kTempDirPrefix = "onderdak-";

class TempDir {
 public:
  // `prefix` names the folder and must start with kTempDirPrefix ("onderdak-upload" ->
  // /tmp/onderdak-upload-4242-Ab12Cd). Io naming the folder when $TMPDIR does not exist
  // or cannot be written.
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

// The temporary folder ($TMPDIR, else /tmp), or Io saying that $TMPDIR names no usable
// folder and what to do.
Result<std::filesystem::path> TempBase();

// Removes the folders (and plain files) "onderdak-<word>-<pid>-XXXXXX" in the temporary folder whose process
// <pid> no longer exists (left behind by a kill -9). Folders of running processes, and
// names of any other form, are left alone. Returns how many were removed; never fails
// (a folder that cannot be removed is skipped).
int RemoveStaleTempDirs();

}  // namespace onderdak::core
