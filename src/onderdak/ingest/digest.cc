#include "onderdak/ingest/digest.h"

#include <sodium.h>

#include <array>
#include <fstream>

namespace onderdak::ingest {

core::Result<std::string> Sha256File(const std::filesystem::path& path) {
  if (sodium_init() < 0) return core::Status::Internal("libsodium failed to initialise");
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::Io(path.string() + ": cannot open for reading");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::array<char, 1 << 16> buf{};
  while (in) {
    in.read(buf.data(), buf.size());
    const auto n = static_cast<unsigned long long>(in.gcount());
    if (n > 0) crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buf.data()), n);
  }
  if (in.bad()) return core::Status::Io(path.string() + ": read error");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

}  // namespace onderdak::ingest
