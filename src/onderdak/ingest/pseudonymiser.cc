#include "onderdak/ingest/pseudonymiser.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "onderdak/domain/bsn.h"

namespace onderdak::ingest {
namespace {

core::Status InitSodium() {
  if (sodium_init() < 0) return core::Status::Internal("libsodium failed to initialise");
  return core::Status::Ok();
}

}  // namespace

core::Status Pseudonymiser::CreateKeyFile(const std::filesystem::path& path) {
  ONDERDAK_RETURN_IF_ERROR(InitSodium());
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return core::Status::Io("cannot create folder for key file " + path.string() + ": " + ec.message());
  // O_EXCL: never replace an existing key, even in a race with another init.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return core::Status::AlreadyExists("key file " + path.string() + " already exists");
    return core::Status::Io("cannot create key file " + path.string() + ": " + std::strerror(errno));
  }
  std::array<unsigned char, kPseudonymKeyBytes> key{};
  randombytes_buf(key.data(), key.size());
  const auto written = ::write(fd, key.data(), key.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(key.data(), key.size());
  if (written != static_cast<ssize_t>(key.size()) || !synced) {
    std::filesystem::remove(path, ec);
    return core::Status::Io("cannot write key file " + path.string());
  }
  return core::Status::Ok();
}

core::Result<Pseudonymiser> Pseudonymiser::FromKeyFile(const std::filesystem::path& path) {
  ONDERDAK_RETURN_IF_ERROR(InitSodium());
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return core::Status::FailedPrecondition("the pseudonymisation key " + path.string() +
                                            " does not exist; run 'onderdak init' to create it, or point "
                                            "--key-file / ONDERDAK_KEY_FILE at the deployment's key");
  }
  if ((st.st_mode & 0077) != 0) {
    return core::Status::InvalidInput("the pseudonymisation key " + path.string() +
                                      " is readable by other users; run: chmod 600 " + path.string());
  }
  if (st.st_size != static_cast<off_t>(kPseudonymKeyBytes)) {
    return core::Status::InvalidInput("the pseudonymisation key " + path.string() + " must be exactly " +
                                      std::to_string(kPseudonymKeyBytes) + " bytes");
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return core::Status::Io("cannot read key file " + path.string() + ": " + std::strerror(errno));
  std::array<unsigned char, kPseudonymKeyBytes> key{};
  const auto got = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (got != static_cast<ssize_t>(key.size())) return core::Status::Io("cannot read key file " + path.string());
  Pseudonymiser p(key);
  sodium_memzero(key.data(), key.size());
  return p;
}

Pseudonymiser::Pseudonymiser(const std::array<unsigned char, kPseudonymKeyBytes>& key) {
  crypto_auth_hmacsha256_init(&keyed_, key.data(), key.size());
}

std::string Pseudonymiser::Mac(char kind, std::string_view message) const {
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state state = keyed_;
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  return std::string{kind, ':'} + hex.data();
}

core::Result<std::string> Pseudonymiser::FromBsn(std::string_view bsn) const {
  if (!domain::IsValidBsn(bsn)) {
    return core::Status::InvalidInput("the BSN is not 9 digits passing the elfproef (value not shown)");
  }
  return Mac('b', bsn);
}

core::Result<std::string> Pseudonymiser::FromLinkageKey(std::string_view initials, core::Date birth_date,
                                                        std::string_view gender) const {
  std::string norm;
  for (char c : initials) {
    if (c == '.' || c == ' ') continue;
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      return core::Status::InvalidInput("initials may hold only letters, dots and spaces");
    }
    norm += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (norm.empty() || norm.size() > 10) return core::Status::InvalidInput("initials must be 1 to 10 letters");
  if (gender != "M" && gender != "V" && gender != "X") {
    return core::Status::InvalidInput("gender must be M, V or X");
  }
  return Mac('l', norm + "|" + birth_date.ToString() + "|" + std::string(gender));
}

std::string Pseudonymiser::Fingerprint() const {
  // The label is neither 9 digits (a BSN) nor "INITIALS|date|G" (a linkage key), so the
  // fingerprint is never a person's pseudonym.
  return Mac('k', "onderdak key fingerprint v1").substr(0, 2 + 32);
}

}  // namespace onderdak::ingest
