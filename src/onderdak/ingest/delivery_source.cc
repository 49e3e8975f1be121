#include "onderdak/ingest/delivery_source.h"

#include <zip.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <optional>

#include "onderdak/domain/dataset.h"

namespace onderdak::ingest {
namespace {

std::string ZipErrorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

// A read-only stream over one zip entry that refuses to yield more than it declared.
class ZipEntryBuf final : public std::streambuf {
 public:
  ZipEntryBuf(zip_file_t* file, std::string name, std::uint64_t declared, std::shared_ptr<std::string> error)
      : file_(file), name_(std::move(name)), declared_(declared), error_(std::move(error)) {}
  ~ZipEntryBuf() override { zip_fclose(file_); }
  ZipEntryBuf(const ZipEntryBuf&) = delete;
  ZipEntryBuf& operator=(const ZipEntryBuf&) = delete;

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (failed_) return traits_type::eof();
    const zip_int64_t n = zip_fread(file_, buf_.data(), buf_.size());
    if (n < 0) {
      Fail(name_ + ": the zip entry cannot be read: " + zip_file_strerror(file_));
      return traits_type::eof();
    }
    if (n == 0) return traits_type::eof();
    read_ += static_cast<std::uint64_t>(n);
    if (read_ > declared_) {
      Fail(name_ + ": the zip entry yields more than the " + std::to_string(declared_) +
           " bytes it declares; refused (a possible zip bomb)");
      return traits_type::eof();
    }
    setg(buf_.data(), buf_.data(), buf_.data() + n);
    return traits_type::to_int_type(buf_[0]);
  }

 private:
  void Fail(std::string message) {
    failed_ = true;
    if (error_->empty()) *error_ = std::move(message);
  }
  zip_file_t* file_;
  std::string name_;
  std::uint64_t declared_;
  std::uint64_t read_ = 0;
  bool failed_ = false;
  std::shared_ptr<std::string> error_;
  std::array<char, 1 << 16> buf_{};
};

class ZipEntryStream final : public std::istream {
 public:
  explicit ZipEntryStream(std::unique_ptr<ZipEntryBuf> buf) : std::istream(nullptr), buf_(std::move(buf)) {
    rdbuf(buf_.get());
  }

 private:
  std::unique_ptr<ZipEntryBuf> buf_;
};

class FolderSource final : public DeliverySource {
 public:
  explicit FolderSource(std::filesystem::path path) : DeliverySource(std::move(path)) {}

  core::Status Scan(const SourceLimits& limits) {
    std::error_code ec;
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path_, ec)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_symlink() || !entry.is_regular_file()) {
        return core::Status::InvalidInput(path_.string() + ": '" + name +
                                          "' is not a plain file; a delivery folder holds only manifest.json and "
                                          "entity CSV files");
      }
      if (!IsDeliveryFileName(name)) {
        return core::Status::InvalidInput(path_.string() + ": unknown file '" + name +
                                          "'; a delivery holds manifest.json and the entity files of "
                                          "docs/exchange-format.md");
      }
      const auto size = entry.file_size(ec);
      if (ec) return core::Status::Io(entry.path().string() + ": cannot read: " + ec.message());
      if (size > limits.max_file_bytes) {
        return core::Status::InvalidInput(name + ": file is " + std::to_string(size) + " bytes, over the limit of " +
                                          std::to_string(limits.max_file_bytes));
      }
      sizes_[name] = size;
      names.push_back(name);
    }
    if (ec) return core::Status::Io(path_.string() + ": cannot list the folder: " + ec.message());
    std::sort(names.begin(), names.end());
    files_ = std::move(names);
    return core::Status::Ok();
  }

  std::uint64_t Size(const std::string& name) const override {
    auto it = sizes_.find(name);
    return it == sizes_.end() ? 0 : it->second;
  }

  core::Result<std::unique_ptr<std::istream>> OpenFile(const std::string& name) override {
    if (!Has(name)) return core::Status::NotFound(name + " is not in the delivery");
    auto in = std::make_unique<std::ifstream>(path_ / name, std::ios::binary);
    if (!*in) return core::Status::Io((path_ / name).string() + ": cannot open for reading");
    return std::unique_ptr<std::istream>(std::move(in));
  }

  bool is_zip() const override { return false; }

 private:
  std::map<std::string, std::uint64_t> sizes_;
};

class ZipSource final : public DeliverySource {
 public:
  explicit ZipSource(std::filesystem::path path) : DeliverySource(std::move(path)) {}
  ~ZipSource() override {
    if (zip_ != nullptr) zip_discard(zip_);
  }
  ZipSource(const ZipSource&) = delete;
  ZipSource& operator=(const ZipSource&) = delete;

  core::Status Scan(const SourceLimits& limits) {
    int code = 0;
    zip_ = zip_open(path_.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (zip_ == nullptr) {
      return core::Status::InvalidInput(path_.string() + ": not a readable zip file: " + ZipErrorText(code));
    }
    const zip_int64_t n = zip_get_num_entries(zip_, 0);
    struct Entry {
      std::string name;
      zip_uint64_t index;
      std::uint64_t size;
    };
    std::vector<Entry> entries;
    for (zip_int64_t i = 0; i < n; ++i) {
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(zip_, static_cast<zip_uint64_t>(i), 0, &st) != 0) {
        return core::Status::InvalidInput(path_.string() + ": entry " + std::to_string(i) +
                                          " cannot be read: " + zip_strerror(zip_));
      }
      std::string name = (st.valid & ZIP_STAT_NAME) ? st.name : "";
      if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos ||
          name.find('\\') != std::string::npos) {
        return core::Status::InvalidInput(path_.string() + ": entry '" + name +
                                          "' has an unsafe name (absolute, empty or with '..')");
      }
      if (name.back() == '/') continue;  // a folder entry
      if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        return core::Status::InvalidInput(path_.string() + ": entry '" + name +
                                          "' is encrypted; deliver an unencrypted zip");
      }
      entries.push_back({name, static_cast<zip_uint64_t>(i), (st.valid & ZIP_STAT_SIZE) ? st.size : 0});
    }
    // Strip one common top folder ("delivery/manifest.json" -> "manifest.json").
    std::string prefix;
    if (!entries.empty()) {
      const auto slash = entries.front().name.find('/');
      if (slash != std::string::npos) {
        prefix = entries.front().name.substr(0, slash + 1);
        for (const auto& e : entries) {
          if (!e.name.starts_with(prefix)) {
            prefix.clear();
            break;
          }
        }
      }
    }
    std::uint64_t total = 0;
    for (auto& e : entries) {
      std::string name = e.name.substr(prefix.size());
      if (name.find('/') != std::string::npos) {
        return core::Status::InvalidInput(path_.string() + ": entry '" + e.name +
                                          "' is in a nested folder; put the delivery files at the top of the zip");
      }
      if (!IsDeliveryFileName(name)) {
        return core::Status::InvalidInput(path_.string() + ": unknown file '" + e.name +
                                          "'; a delivery holds manifest.json and the entity files of "
                                          "docs/exchange-format.md");
      }
      if (index_.contains(name)) {
        return core::Status::InvalidInput(path_.string() + ": '" + name + "' occurs twice in the zip");
      }
      if (e.size > limits.max_file_bytes) {
        return core::Status::InvalidInput(name + ": file is " + std::to_string(e.size) + " bytes, over the limit of " +
                                          std::to_string(limits.max_file_bytes));
      }
      total += e.size;
      index_[name] = {e.index, e.size};
      files_.push_back(name);
    }
    std::error_code ec;
    const auto zip_bytes = std::filesystem::file_size(path_, ec);
    if (ec) return core::Status::Io(path_.string() + ": " + ec.message());
    const double ratio = static_cast<double>(total) / static_cast<double>(std::max<std::uintmax_t>(zip_bytes, 1));
    if (ratio > limits.max_zip_ratio) {
      return core::Status::InvalidInput(
          path_.string() + ": the zip expands " + std::to_string(zip_bytes) + " bytes to " + std::to_string(total) +
          " (" + std::to_string(static_cast<long long>(ratio)) + " times); the limit is " +
          std::to_string(static_cast<long long>(limits.max_zip_ratio)) + " times (a possible zip bomb)");
    }
    if (total > limits.max_total_bytes) {
      return core::Status::InvalidInput(path_.string() + ": the zip expands to " + std::to_string(total) +
                                        " bytes, over the limit of " + std::to_string(limits.max_total_bytes));
    }
    std::sort(files_.begin(), files_.end());
    return core::Status::Ok();
  }

  std::uint64_t Size(const std::string& name) const override {
    auto it = index_.find(name);
    return it == index_.end() ? 0 : it->second.size;
  }

  core::Result<std::unique_ptr<std::istream>> OpenFile(const std::string& name) override {
    auto it = index_.find(name);
    if (it == index_.end()) return core::Status::NotFound(name + " is not in the delivery");
    zip_file_t* file = zip_fopen_index(zip_, it->second.index, 0);
    if (file == nullptr) return core::Status::InvalidInput(name + ": cannot open in the zip: " + zip_strerror(zip_));
    auto buf = std::make_unique<ZipEntryBuf>(file, name, it->second.size, stream_error_);
    return std::unique_ptr<std::istream>(std::make_unique<ZipEntryStream>(std::move(buf)));
  }

  bool is_zip() const override { return true; }
  // Index of `name` in the zip file (stable across opens of the same file).
  std::optional<zip_uint64_t> IndexOf(const std::string& name) const {
    auto it = index_.find(name);
    if (it == index_.end()) return std::nullopt;
    return it->second.index;
  }

 private:
  struct Slot {
    zip_uint64_t index;
    std::uint64_t size;
  };
  zip_t* zip_ = nullptr;
  std::map<std::string, Slot> index_;
};

}  // namespace

bool IsDeliveryFileName(std::string_view name) {
  if (name == "manifest.json") return true;
  if (!name.ends_with(".csv")) return false;
  name.remove_suffix(4);
  return std::find(std::begin(domain::kEntityFiles), std::end(domain::kEntityFiles), name) !=
         std::end(domain::kEntityFiles);
}

bool DeliverySource::Has(const std::string& name) const {
  return std::find(files_.begin(), files_.end(), name) != files_.end();
}

core::Result<std::unique_ptr<DeliverySource>> DeliverySource::Open(const std::filesystem::path& path,
                                                                   const SourceLimits& limits) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    auto source = std::make_unique<FolderSource>(path);
    ONDERDAK_RETURN_IF_ERROR(source->Scan(limits));
    return std::unique_ptr<DeliverySource>(std::move(source));
  }
  if (!std::filesystem::exists(path, ec)) {
    return core::Status::InvalidInput(path.string() + ": no such file or folder");
  }
  if (path.extension() != ".zip") {
    return core::Status::InvalidInput(path.string() + ": a delivery is a folder or a .zip file");
  }
  auto source = std::make_unique<ZipSource>(path);
  ONDERDAK_RETURN_IF_ERROR(source->Scan(limits));
  return std::unique_ptr<DeliverySource>(std::move(source));
}

namespace {

// One file of an archive being written: from a file on disk, or from an entry of another zip.
struct ArchiveEntry {
  std::string name;
  std::filesystem::path file;             // when set
  std::optional<zip_uint64_t> zip_index;  // else: this entry of `from_zip`
};

// Writes `entries` into a new zip at `out`, deterministically: the given order, fixed
// timestamps, deflate level 1.
core::Status WriteZip(const std::vector<ArchiveEntry>& entries, zip_t* from_zip, bool compress,
                      const std::filesystem::path& out) {
  int code = 0;
  zip_t* zip = zip_open(out.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (zip == nullptr) return core::Status::Io(out.string() + ": cannot create the archive: " + ZipErrorText(code));
  // 1980-01-01T00:00:00Z, the earliest time a zip can hold: the same input, the same bytes.
  constexpr time_t kFixedTime = 315532800;
  for (const auto& e : entries) {
    zip_source_t* src = e.zip_index ? zip_source_zip(zip, from_zip, *e.zip_index, 0, 0, -1)
                                    : zip_source_file(zip, e.file.c_str(), 0, -1);
    zip_int64_t index = src == nullptr ? -1 : zip_file_add(zip, e.name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (src != nullptr) zip_source_free(src);
      std::string msg = zip_strerror(zip);
      zip_discard(zip);
      return core::Status::Io(out.string() + ": cannot add " + e.name + ": " + msg);
    }
    const auto idx = static_cast<zip_uint64_t>(index);
    // Deflate level 1. Store-only (ZIP_CM_STORE) saves the archive thread's deflate CPU
    // but was measured no faster on bench/import_bench.sh: the database grew from 151 to
    // 226 MB, and the extra bytes are written to the WAL and checkpointed on the commit.
    if (zip_set_file_compression(zip, idx, compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, compress ? 1 : 0) != 0 ||
        zip_file_set_mtime(zip, idx, kFixedTime, 0) != 0) {
      std::string msg = zip_strerror(zip);
      zip_discard(zip);
      return core::Status::Io(out.string() + ": cannot set up " + e.name + ": " + msg);
    }
  }
  if (zip_close(zip) != 0) {
    std::string msg = zip_strerror(zip);
    zip_discard(zip);
    return core::Status::Io(out.string() + ": cannot write the archive: " + msg);
  }
  return core::Status::Ok();
}

}  // namespace

core::Status ZipFolder(const std::filesystem::path& dir, const std::vector<std::string>& names,
                       const std::filesystem::path& out, bool compress) {
  std::vector<ArchiveEntry> entries;
  for (const auto& name : names) entries.push_back({name, dir / name, std::nullopt});
  return WriteZip(entries, nullptr, compress, out);
}

core::Status WriteArchive(const DeliverySource& source, const std::map<std::string, std::filesystem::path>& replace,
                          const std::filesystem::path& out) {
  std::vector<ArchiveEntry> entries;
  zip_t* from = nullptr;
  const auto* zip_source = dynamic_cast<const ZipSource*>(&source);
  if (zip_source != nullptr) {
    // A handle of our own: the source's handle is being read by the importer's thread.
    int code = 0;
    from = zip_open(source.path().c_str(), ZIP_RDONLY, &code);
    if (from == nullptr) return core::Status::Io(source.path().string() + ": cannot reopen: " + ZipErrorText(code));
  }
  for (const auto& name : source.files()) {
    if (auto it = replace.find(name); it != replace.end()) {
      entries.push_back({name, it->second, std::nullopt});
    } else if (zip_source != nullptr) {
      entries.push_back({name, {}, zip_source->IndexOf(name)});
    } else {
      entries.push_back({name, source.path() / name, std::nullopt});
    }
  }
  core::Status s = WriteZip(entries, from, true, out);
  if (from != nullptr) zip_discard(from);
  return s;
}

}  // namespace onderdak::ingest
