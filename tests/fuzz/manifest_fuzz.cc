// libFuzzer target: manifest.json parsing (ingest/manifest.h) on arbitrary bytes: a
// manifest or messages, never a crash, a throw or deep recursion.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/ingest/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> errors;
  auto manifest = onderdak::ingest::ParseManifest(text, errors);
  if (manifest.has_value() != errors.empty()) __builtin_trap();  // exactly one of the two
  (void)onderdak::ingest::IsIsoTimestamp(text);
  return 0;
}
