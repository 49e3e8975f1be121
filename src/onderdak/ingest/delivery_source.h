// DeliverySource: the files of one delivery, from a folder or a .zip (exchange format v1,
// docs/exchange-format.md §1), read as bounded streams.
//
// A delivery holds manifest.json and entity CSV files at its top level; in a zip they may
// also sit in one common top folder (what "compress this folder" produces). Anything
// else (an unknown file, a nested folder, a path that climbs out with "..", an encrypted
// entry) is refused with a message naming it.
//
// Zip guards: the declared uncompressed total may be at most `max_zip_ratio` times the
// zip's size and at most `max_total_bytes`; while reading, an entry that yields more
// bytes than it declared is cut off with an error (a lying header cannot expand past
// the limits).
//
// Not thread-safe; the streams it opens must not outlive it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::ingest {

struct SourceLimits {
  double max_zip_ratio = 100.0;
  std::uint64_t max_file_bytes = 4ULL * 1024 * 1024 * 1024;
  std::uint64_t max_total_bytes = 16ULL * 1024 * 1024 * 1024;
};

class DeliverySource {
 public:
  // Opens a folder or a .zip file. InvalidInput naming the rule for a malformed or
  // hostile delivery, Io when it cannot be read.
  static core::Result<std::unique_ptr<DeliverySource>> Open(const std::filesystem::path& path,
                                                            const SourceLimits& limits = {});
  virtual ~DeliverySource() = default;

  // File names present at the delivery's top level ("manifest.json", "persons.csv", ...).
  const std::vector<std::string>& files() const { return files_; }
  bool Has(const std::string& name) const;
  // Uncompressed size of `name`.
  virtual std::uint64_t Size(const std::string& name) const = 0;
  // A stream over `name`'s bytes. The stream sets badbit when the underlying data is
  // corrupt or longer than declared; check `StreamError()` after reading.
  virtual core::Result<std::unique_ptr<std::istream>> OpenFile(const std::string& name) = 0;
  // Empty while no stream has failed; otherwise what went wrong ("persons.csv: ...").
  const std::string& StreamError() const { return *stream_error_; }
  // Whether the delivery came as a zip (archived as is) or as a folder (zipped to archive).
  virtual bool is_zip() const = 0;
  const std::filesystem::path& path() const { return path_; }

 protected:
  explicit DeliverySource(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
  std::vector<std::string> files_;
  std::shared_ptr<std::string> stream_error_ = std::make_shared<std::string>();
};

// Writes the folder `dir`'s files `names` (in that order) into a new zip at `out` with
// deterministic content (fixed timestamps, deflate level 1, or stored uncompressed when
// `compress` is false). Makes zip deliveries from folders (tests, tools). Io on failure.
core::Status ZipFolder(const std::filesystem::path& dir, const std::vector<std::string>& names,
                       const std::filesystem::path& out, bool compress = true);

// The archive kept of a delivery: its files in name order as a new deterministic zip at
// `out`, each taken from the delivery (folder or zip) unless `replace` names another file
// for it (the importer replaces persons.csv by its pseudonymised form). Io on failure.
core::Status WriteArchive(const DeliverySource& source, const std::map<std::string, std::filesystem::path>& replace,
                          const std::filesystem::path& out);

// Is `name` a file a v1 delivery may hold (manifest.json or <entity>.csv)?
bool IsDeliveryFileName(std::string_view name);

}  // namespace onderdak::ingest
