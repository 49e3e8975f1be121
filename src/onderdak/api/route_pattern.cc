#include "onderdak/api/route_pattern.h"

#include <algorithm>
#include <stdexcept>

namespace onderdak::api {
RoutePattern::RoutePattern(std::string_view pattern) : text_(pattern) {
  const auto refuse = [this](std::string_view why) {
    throw std::logic_error("route pattern '" + text_ + "': " + std::string(why) +
                           " (segments are literal, ([^/]+), ([0-9]+) or a final (.+))");
  };
  if (pattern.empty() || pattern.front() != '/') refuse("must start with '/'");
  std::string_view rest = pattern.substr(1);
  while (true) {
    // One segment: a capture written as its regular expression, or literal text.
    if (rest.starts_with("([^/]+)")) {
      parts_.push_back({Kind::kSegment, {}});
      rest.remove_prefix(7);
    } else if (rest.starts_with("([0-9]+)")) {
      parts_.push_back({Kind::kDigits, {}});
      rest.remove_prefix(8);
    } else if (rest == "(.+)") {
      parts_.push_back({Kind::kRest, {}});
      rest = {};
    } else {
      const std::string_view literal = rest.substr(0, rest.find('/'));
      if (literal.find_first_of("()[]*+?|\\^$") != std::string_view::npos) refuse("unknown segment");
      parts_.push_back({Kind::kLiteral, std::string(literal)});
      rest.remove_prefix(literal.size());
    }
    if (rest.empty()) break;
    if (rest.front() != '/') refuse("a capture must be a whole segment");
    rest.remove_prefix(1);
  }
}

std::optional<std::vector<std::string>> RoutePattern::Match(std::string_view path) const {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<std::string> captures;
  std::string_view rest = path.substr(1);
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    const Part& part = parts_[i];
    if (part.kind == Kind::kRest) {
      if (rest.empty()) return std::nullopt;
      captures.emplace_back(rest);
      return captures;
    }
    const auto slash = rest.find('/');
    const bool last = i + 1 == parts_.size();
    if (last != (slash == std::string_view::npos)) return std::nullopt;  // too few or too many segments
    const std::string_view segment = rest.substr(0, slash);
    switch (part.kind) {
      case Kind::kLiteral:
        if (segment != part.literal) return std::nullopt;
        break;
      case Kind::kSegment:
        if (segment.empty()) return std::nullopt;
        captures.emplace_back(segment);
        break;
      case Kind::kDigits:
        if (segment.empty() ||
            !std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          return std::nullopt;
        }
        captures.emplace_back(segment);
        break;
      case Kind::kRest: break;  // handled above
    }
    if (!last) rest.remove_prefix(slash + 1);
  }
  return captures;
}

}  // namespace onderdak::api
