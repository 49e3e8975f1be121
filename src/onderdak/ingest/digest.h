// SHA-256 of files, for archiving what was imported (libsodium).
#pragma once

#include <filesystem>
#include <string>

#include "onderdak/core/result.h"

namespace onderdak::ingest {

// Lower-case hex SHA-256 of the file's bytes. Io when it cannot be read.
core::Result<std::string> Sha256File(const std::filesystem::path& path);

}  // namespace onderdak::ingest
