// Small string helpers shared by the command line and the HTTP API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace onderdak::core {

// "P1,P5" -> {"P1", "P5"}; empty items are dropped ("P1,,P5" -> {"P1", "P5"}).
inline std::vector<std::string> SplitComma(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    if (comma > start) out.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace onderdak::core
