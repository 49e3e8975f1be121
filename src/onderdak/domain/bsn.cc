#include "onderdak/domain/bsn.h"

namespace onderdak::domain {

bool IsValidBsn(std::string_view text) {
  if (text.size() != 9) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    const int weight = i == 8 ? -1 : static_cast<int>(9 - i);
    sum += weight * (c - '0');
  }
  return sum != 0 && sum % 11 == 0;
}

}  // namespace onderdak::domain
