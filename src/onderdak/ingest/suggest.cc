#include "onderdak/ingest/suggest.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "onderdak/core/date.h"
#include "onderdak/ingest/text_rules.h"

namespace onderdak::ingest {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Equal ignoring ASCII case, with '_', '-' and ' ' the same.
bool Loosely(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  auto fold = [](char c) { return c == '-' || c == ' ' ? '_' : Lower(c); };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "363", "0363", "gm0363", "GM 0363" -> "GM0363"; empty when the value is not such a code.
std::string AsGmCode(std::string_view value) {
  if (value.size() >= 2 && Lower(value[0]) == 'g' && Lower(value[1]) == 'm') value.remove_prefix(2);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (!AllDigits(value) || value.size() > 4) return {};
  return "GM" + std::string(4 - value.size(), '0') + std::string(value);
}

// Levenshtein distance, stopping at `limit` + 1 (both strings are short: column names).
std::size_t Distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::array<std::size_t, 65> prev{}, cur{};
  if (b.size() + 1 > prev.size()) return limit + 1;
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t best = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      best = std::min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.size()];
}

}  // namespace

std::string SuggestMunicipality(const domain::ReferenceSet& reference, std::string_view value) {
  if (value.empty() || value.size() > kMaxCodeBytes) return {};
  if (std::string code = AsGmCode(value); !code.empty()) {
    return reference.FindMunicipality(code) != nullptr ? code : std::string();
  }
  std::string found;
  for (const auto& m : reference.municipalities()) {
    if (!Loosely(m.name, value)) continue;
    if (!found.empty()) return {};  // two municipalities of that name: no single answer
    found = m.code;
  }
  return found;
}

std::string SuggestRegion(const domain::ReferenceSet& reference, std::string_view value) {
  const std::string code = SuggestMunicipality(reference, value);
  return !code.empty() && reference.FindRegion(code) != nullptr ? code : std::string();
}

std::string SuggestCode(const domain::CodeList& list, std::string_view value) {
  if (value.empty() || value.size() > kMaxCodeBytes) return {};
  std::string found;
  auto take = [&](std::string_view code) {
    if (found.empty()) {
      found = code;
      return true;
    }
    return found == code;
  };
  for (const auto& c : list.codes) {
    if (Loosely(c.code, value) && !take(c.code)) return {};
  }
  if (!found.empty()) return found;
  for (const auto& c : list.codes) {
    if ((Loosely(c.nl, value) || Loosely(c.en, value)) && !take(c.code)) return {};
  }
  return found;
}

std::string SuggestDate(std::string_view value) {
  if (value.size() < 8 || value.size() > 10) return {};
  // Split on one kind of separator: '-', '/' or '.'.
  char sep = 0;
  for (char c : value) {
    if (c == '-' || c == '/' || c == '.') {
      if (sep != 0 && c != sep) return {};
      sep = c;
    } else if (c < '0' || c > '9') {
      return {};
    }
  }
  if (sep == 0) return {};
  std::array<std::string_view, 3> parts;
  std::size_t n = 0, start = 0;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    if (i == value.size() || value[i] == sep) {
      if (n == parts.size()) return {};
      parts[n++] = value.substr(start, i - start);
      start = i + 1;
    }
  }
  if (n != 3) return {};
  std::string_view y, m, d;
  if (parts[2].size() == 4 && parts[0].size() <= 2 && parts[1].size() <= 2) {
    d = parts[0], m = parts[1], y = parts[2];  // day-month-year, as written in Dutch
  } else if (parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2) {
    y = parts[0], m = parts[1], d = parts[2];
  } else {
    return {};
  }
  if (d.empty() || m.empty()) return {};
  auto two = [](std::string_view s) { return s.size() == 1 ? "0" + std::string(s) : std::string(s); };
  std::string iso = std::string(y) + "-" + two(m) + "-" + two(d);
  if (iso == value || !core::Date::Parse(iso).ok()) return {};
  return iso;
}

std::string SuggestYesNo(std::string_view value) {
  for (std::string_view yes : {"ja", "j", "yes", "y", "true", "waar", "1"}) {
    if (Loosely(yes, value)) return "ja";
  }
  for (std::string_view no : {"nee", "n", "no", "false", "onwaar", "0"}) {
    if (Loosely(no, value)) return "nee";
  }
  return {};
}

std::string SuggestNumber(std::string_view value) {
  if (value.empty() || value.size() > 24) return {};
  // Groups of three digits after the first, separated by one '.' or ' ' throughout.
  const std::size_t first = value.find_first_of(". ");
  if (first == std::string_view::npos || first == 0 || first > 3) return {};
  const char sep = value[first];
  std::string digits;
  std::size_t group = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == sep) {
      if (i != first && group != 3) return {};
      group = 0;
    } else if (c >= '0' && c <= '9') {
      digits += c;
      ++group;
    } else {
      return {};
    }
  }
  return group == 3 ? digits : std::string();
}

std::string SuggestColumn(std::span<const std::string_view> known, std::string_view value) {
  if (value.empty() || value.size() > kMaxCodeBytes) return {};
  std::string found;
  std::size_t best = 3;  // at most two edits
  bool tie = false;
  for (std::string_view k : known) {
    const std::size_t d = Loosely(k, value) ? 0 : Distance(k, value, 2);
    if (d < best) {
      best = d;
      found = k;
      tie = false;
    } else if (d == best && d <= 2) {
      tie = true;
    }
  }
  return tie ? std::string() : found;
}

}  // namespace onderdak::ingest
