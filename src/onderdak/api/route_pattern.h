// RoutePattern: a route's path pattern, matched segment by segment in time linear in the
// path and without recursion: what the router uses instead of std::regex on the path a
// client sent (issue 16).
//
// A pattern is the text registered with Routes (and listed in access.cc): literal
// segments and whole-segment captures, written as the regular expressions they were:
//   ([^/]+)   one non-empty segment
//   ([0-9]+)  one segment of digits
//   (.+)      the rest of the path, slashes included (last segment only)
// e.g. "/api/v1/users/([^/]+)/password". Anything else in parentheses is refused when the
// pattern is parsed (std::logic_error at start-up, as for a route without an access rule).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onderdak::api {

class RoutePattern {
 public:
  // Throws std::logic_error for a pattern outside the grammar above.
  explicit RoutePattern(std::string_view pattern);

  // The captures (in order) when `path` matches the whole pattern; nullopt otherwise.
  std::optional<std::vector<std::string>> Match(std::string_view path) const;

  const std::string& text() const { return text_; }

 private:
  enum class Kind { kLiteral, kSegment, kDigits, kRest };
  struct Part {
    Kind kind;
    std::string literal;
  };
  std::string text_;
  std::vector<Part> parts_;  // one per segment after the leading '/'
};

}  // namespace onderdak::api
