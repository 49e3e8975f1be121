// SHA-256 of files, for archiving what was imported (libsodium).
#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::ingest {

// Lower-case hex SHA-256 of the file's bytes. Io when it cannot be read. When `cancel` is
// given and becomes true, hashing stops within one 64 KiB block and the result is
// FailedPrecondition ("cancelled"): a delivery refused early is not read to its end.
core::Result<std::string> Sha256File(const std::filesystem::path& path, const std::atomic<bool>* cancel = nullptr);

// Lower-case hex SHA-256 of a folder's files `names` (in the order given): for each file its
// name, a NUL byte, its size in decimal, a NUL byte and its bytes. The same files give the
// same digest wherever the folder is and whatever the file times.
core::Result<std::string> Sha256Folder(const std::filesystem::path& dir, const std::vector<std::string>& names,
                                       const std::atomic<bool>* cancel = nullptr);

}  // namespace onderdak::ingest
