// Pseudonym: a person's keyed pseudonym as a Dataset holds it, inline.
//
// A pseudonym is "b:" (from a BSN) or "l:" (from a linkage key) and 64 hex digits
// (ingest::Pseudonymiser; both databases CHECK its length). Held as a std::string it cost
// a heap block per person on top of the string itself: at 350 k persons (762 k person
// rows) about 37 MB and as many allocations while loading, a measured share of the load's
// time and memory (issue 20, bench/RESULTS.md). This keeps the characters in the record.
//
// It reads as a std::string_view (implicitly) and compares with any text. Shorter values
// are allowed (tests use them); a longer one is a programming error and throws
// std::length_error, since every pseudonym the system makes has exactly 66 characters.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace onderdak::domain {

class Pseudonym {
 public:
  static constexpr std::size_t kCapacity = 66;  // "b:" + 64 hex digits

  Pseudonym() = default;
  Pseudonym(std::string_view text) { Assign(text); }  // NOLINT(google-explicit-constructor): a value type
  Pseudonym(const char* text) : Pseudonym(std::string_view(text)) {}
  Pseudonym(const std::string& text) : Pseudonym(std::string_view(text)) {}

  std::string_view view() const { return {chars_.data(), size_}; }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  std::string str() const { return std::string(view()); }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  friend bool operator==(const Pseudonym& a, std::string_view b) { return a.view() == b; }
  friend std::strong_ordering operator<=>(const Pseudonym& a, std::string_view b) { return a.view() <=> b; }
  friend std::ostream& operator<<(std::ostream& os, const Pseudonym& p) { return os << p.view(); }

 private:
  void Assign(std::string_view text) {
    if (text.size() > kCapacity) throw std::length_error("pseudonym longer than 66 characters");
    text.copy(chars_.data(), text.size());
    size_ = static_cast<std::uint8_t>(text.size());
  }

  std::array<char, kCapacity> chars_{};
  std::uint8_t size_ = 0;
};

}  // namespace onderdak::domain
