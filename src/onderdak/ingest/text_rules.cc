#include "onderdak/ingest/text_rules.h"

#include "onderdak/domain/bsn.h"

namespace onderdak::ingest {

std::string ShownValue(std::string_view value) {
  std::string out;
  for (char c : value.substr(0, 40)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  if (value.size() > 40) out += "...";
  return out;
}

std::size_t FindControl(std::string_view value, bool allow_tab) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if ((c < 0x20 && !(allow_tab && c == '\t')) || c == 0x7f) return i;
  }
  return std::string_view::npos;
}

bool ContainsBsn(std::string_view value) {
  std::size_t i = 0;
  while (i < value.size()) {
    if (value[i] < '0' || value[i] > '9') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < value.size() && value[end] >= '0' && value[end] <= '9') ++end;
    if (end - i == 9 && domain::IsValidBsn(value.substr(i, 9))) return true;
    i = end;
  }
  return false;
}

}  // namespace onderdak::ingest
