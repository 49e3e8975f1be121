// libFuzzer target: a delivery as a .zip (ingest/delivery_source.h) from arbitrary bytes:
// the zip is opened with small limits, its manifest read and every file streamed through
// the CSV reader. A refusal is a Status; never a crash, a leak or a read past a limit.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <istream>
#include <string>
#include <vector>

#include "onderdak/ingest/csv_reader.h"
#include "onderdak/ingest/delivery_source.h"
#include "onderdak/ingest/manifest.h"

namespace {

const std::filesystem::path& ZipPath() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("onderdak-fuzz-" + std::to_string(::getpid()) + ".zip");
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(ZipPath(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  onderdak::ingest::SourceLimits limits;
  limits.max_file_bytes = 1 << 20;
  limits.max_total_bytes = 4 << 20;
  auto source = onderdak::ingest::DeliverySource::Open(ZipPath(), limits);
  if (source.ok()) {
    std::vector<std::string> errors;
    (void)onderdak::ingest::ReadManifest(**source, errors);
    for (const auto& name : (*source)->files()) {
      if (!name.ends_with(".csv")) continue;
      auto stream = (*source)->OpenFile(name);
      if (!stream.ok()) continue;
      auto reader = onderdak::ingest::CsvReader::FromStream(name, std::move(*stream));
      if (!reader.ok()) continue;
      std::vector<std::string_view> fields;
      while (reader->Next(fields)) {
      }
    }
  }
  std::error_code ec;
  std::filesystem::remove(ZipPath(), ec);
  return 0;
}
