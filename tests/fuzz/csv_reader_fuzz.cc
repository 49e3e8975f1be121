// libFuzzer target: the CSV reader (ingest/csv_reader.h) on arbitrary bytes. Every input
// must end in rows or a Status, never in a crash, a sanitizer report or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "onderdak/ingest/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  onderdak::ingest::CsvLimits limits;
  limits.max_record_bytes = 4096;  // small, so the limit paths are reached too
  auto reader = onderdak::ingest::CsvReader::FromString("fuzz.csv",
                                                        std::string(reinterpret_cast<const char*>(data), size), limits);
  if (!reader.ok()) return 0;
  std::vector<std::string_view> fields, peek;
  std::size_t bytes = 0;
  while (reader->Next(fields)) {
    reader->PeekFields(2, peek);
    for (auto f : fields) bytes += onderdak::ingest::TrimBlanks(f).size();
  }
  (void)reader->status();
  if (bytes > size) __builtin_trap();  // fields never hold more than the input
  return 0;
}
