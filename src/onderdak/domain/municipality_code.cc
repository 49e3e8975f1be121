#include "onderdak/domain/municipality_code.h"

#include <array>
#include <mutex>
#include <string>
#include <unordered_set>

namespace onderdak::domain {
namespace {

constexpr std::size_t kCodes = 10000, kWidth = 6;  // "GM0000" ... "GM9999"

// Every "GM" code with four digits, side by side: 60 KB of read-only data.
constexpr std::array<char, kCodes* kWidth> kTable = [] {
  std::array<char, kCodes * kWidth> t{};
  for (std::size_t i = 0; i < kCodes; ++i) {
    char* c = t.data() + i * kWidth;
    c[0] = 'G';
    c[1] = 'M';
    c[2] = static_cast<char>('0' + i / 1000);
    c[3] = static_cast<char>('0' + i / 100 % 10);
    c[4] = static_cast<char>('0' + i / 10 % 10);
    c[5] = static_cast<char>('0' + i % 10);
  }
  return t;
}();

bool Digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string_view MunicipalityCode::Intern(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() == kWidth && text[0] == 'G' && text[1] == 'M' && Digit(text[2]) && Digit(text[3]) && Digit(text[4]) &&
      Digit(text[5])) {
    const auto n = static_cast<std::size_t>((text[2] - '0') * 1000 + (text[3] - '0') * 100 + (text[4] - '0') * 10 +
                                            (text[5] - '0'));
    return {kTable.data() + n * kWidth, kWidth};
  }
  // Anything else: once per distinct text, for the rest of the process (the nodes of an
  // unordered_set never move). Leaked on purpose so views stay valid during static
  // destruction.
  static std::mutex mu;
  static auto* others = new std::unordered_set<std::string>();
  std::lock_guard lock(mu);
  return *others->emplace(text).first;
}

}  // namespace onderdak::domain
