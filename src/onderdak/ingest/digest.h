// SHA-256 of files, for archiving what was imported (libsodium).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::ingest {

// Lower-case hex SHA-256 of the file's bytes. Io when it cannot be read.
core::Result<std::string> Sha256File(const std::filesystem::path& path);

// Lower-case hex SHA-256 of a folder's files `names` (in the order given): for each file its
// name, a NUL byte, its size in decimal, a NUL byte and its bytes. The same files give the
// same digest wherever the folder is and whatever the file times.
core::Result<std::string> Sha256Folder(const std::filesystem::path& dir, const std::vector<std::string>& names);

}  // namespace onderdak::ingest
