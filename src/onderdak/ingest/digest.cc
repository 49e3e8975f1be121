#include "onderdak/ingest/digest.h"

#include <sodium.h>

#include <array>
#include <fstream>

namespace onderdak::ingest {
namespace {

core::Status UpdateFile(crypto_hash_sha256_state& state, const std::filesystem::path& path,
                        const std::atomic<bool>* cancel) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::Io(path.string() + ": cannot open for reading");
  std::array<char, 1 << 16> buf{};
  while (in) {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
      return core::Status::FailedPrecondition("hashing " + path.string() + " cancelled");
    }
    in.read(buf.data(), buf.size());
    const auto n = static_cast<unsigned long long>(in.gcount());
    if (n > 0) crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buf.data()), n);
  }
  if (in.bad()) return core::Status::Io(path.string() + ": read error");
  return core::Status::Ok();
}

void UpdateText(crypto_hash_sha256_state& state, std::string_view text) {
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

std::string Hex(crypto_hash_sha256_state& state) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

}  // namespace

core::Result<std::string> Sha256File(const std::filesystem::path& path, const std::atomic<bool>* cancel) {
  if (sodium_init() < 0) return core::Status::Internal("libsodium failed to initialise");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  ONDERDAK_RETURN_IF_ERROR(UpdateFile(state, path, cancel));
  return Hex(state);
}

core::Result<std::string> Sha256Folder(const std::filesystem::path& dir, const std::vector<std::string>& names,
                                       const std::atomic<bool>* cancel) {
  if (sodium_init() < 0) return core::Status::Internal("libsodium failed to initialise");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (const auto& name : names) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(dir / name, ec);
    if (ec) return core::Status::Io((dir / name).string() + ": " + ec.message());
    UpdateText(state, name);
    UpdateText(state, std::string_view("\0", 1));
    UpdateText(state, std::to_string(size));
    UpdateText(state, std::string_view("\0", 1));
    ONDERDAK_RETURN_IF_ERROR(UpdateFile(state, dir / name, cancel));
  }
  return Hex(state);
}

}  // namespace onderdak::ingest
