#include "onderdak/core/temp_dir.h"

#include <signal.h>  // kill
#include <stdlib.h>  // mkdtemp, getenv
#include <unistd.h>  // getpid

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace onderdak::core {
namespace {

// The pid in "onderdak-<word>-<pid>-XXXXXX", or 0 when `name` is not of that form.
pid_t OwnerPid(std::string_view name) {
  if (!name.starts_with(kTempDirPrefix)) return 0;
  // The last two dash-separated parts: <pid> and the 6 characters of mkdtemp.
  const std::size_t last = name.rfind('-');
  if (last == std::string_view::npos || name.size() - last - 1 != 6) return 0;
  const std::size_t before = name.rfind('-', last - 1);
  if (before == std::string_view::npos || before < kTempDirPrefix.size()) return 0;
  const std::string_view digits = name.substr(before + 1, last - before - 1);
  if (digits.empty() || digits.size() > 9) return 0;
  pid_t pid = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    pid = pid * 10 + (c - '0');
  }
  return pid;
}

}  // namespace

Result<std::filesystem::path> TempBase() {
  const char* env = std::getenv("TMPDIR");
  const std::filesystem::path base = env != nullptr && *env != '\0' ? std::filesystem::path(env) : "/tmp";
  std::error_code ec;
  if (!std::filesystem::is_directory(base, ec)) {
    return Status::Io("cannot find the temporary folder " + base.string() +
                      (env != nullptr && *env != '\0' ? " (from TMPDIR)" : "") +
                      ": it is not a folder; create it or set TMPDIR to a writable folder");
  }
  return base;
}

Result<TempDir> TempDir::Create(std::string_view prefix) {
  ONDERDAK_ASSIGN_OR_RETURN(const std::filesystem::path base, TempBase());
  std::string pattern = (base / (std::string(prefix) + "-" + std::to_string(::getpid()) + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Status::Io("cannot create a temporary folder in " + base.string() + ": " + std::strerror(errno) +
                      "; free space there or set TMPDIR to a writable folder");
  }
  return TempDir(std::filesystem::path(pattern));
}

TempDir::TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

int RemoveStaleTempDirs() {
  auto base = TempBase();
  if (!base.ok()) return 0;
  int removed = 0;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(*base, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const pid_t pid = OwnerPid(name);
    if (pid <= 0 || pid == ::getpid()) continue;
    std::error_code type_ec;
    // Folders of TempDir, and the upload bodies the HTTP server streams to a file.
    if (it->is_symlink(type_ec) || !(it->is_directory(type_ec) || it->is_regular_file(type_ec))) continue;
    // kill(pid, 0): ESRCH means no such process; EPERM means it exists (another user's).
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code rm_ec;
    if (std::filesystem::remove_all(it->path(), rm_ec) > 0 && !rm_ec) ++removed;
  }
  return removed;
}

}  // namespace onderdak::core
