#include "onderdak/store/accounts.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <ctime>

#include "onderdak/core/strings.h"

namespace onderdak::store {
namespace {

void Field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

}  // namespace

std::string AuditCanonical(const AuditEntry& e) {
  std::string out = "onderdak-audit-v1\n";
  Field(out, std::to_string(e.seq));
  Field(out, e.at);
  Field(out, e.actor);
  Field(out, e.action);
  Field(out, e.object);
  Field(out, e.detail);
  Field(out, e.from);
  Field(out, e.prev_hash);
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

std::string AuditHash(const AuditEntry& e) { return Sha256Hex(AuditCanonical(e)); }

std::string UtcNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string JoinRegions(const std::vector<std::string>& regions) {
  std::string out;
  for (const auto& r : regions) {
    if (!out.empty()) out += ',';
    out += r;
  }
  return out;
}

std::vector<std::string> SplitRegions(std::string_view text) { return core::SplitComma(text); }

AuditEntry NextAuditEntry(const std::optional<std::pair<std::int64_t, std::string>>& last, const AuditEvent& event) {
  AuditEntry e;
  e.seq = last ? last->first + 1 : 1;
  e.at = UtcNow();
  e.actor = event.actor;
  e.action = event.action;
  e.object = event.object;
  e.detail = event.detail;
  e.from = event.from;
  e.prev_hash = last ? last->second : std::string(kAuditGenesisHash);
  e.hash = AuditHash(e);
  return e;
}

}  // namespace onderdak::store
