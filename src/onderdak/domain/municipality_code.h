// MunicipalityCode: a municipality's CBS code ("GM0363") as a person-level record holds
// it: a view of interned text, 16 bytes and no allocation per record.
//
// Held as a std::string it cost 32 bytes in every service episode, request and person
// (four fields, ~1.6 M values at 350 k persons; issue 20, ADR 0040). Every "GM" code
// with four digits is interned without a lock or a hash, in a static table; any other
// text (an empty value stays empty) is interned once in a process-wide set that only
// grows. That is bounded: the import accepts only municipalities of the reference data
// (delivery_import.cc), so other texts come from tests and hand-built datasets.
//
// Reads as a std::string_view (implicitly) and compares with any text. Thread-safe.
#pragma once

#include <compare>
#include <ostream>
#include <string>
#include <string_view>

namespace onderdak::domain {

class MunicipalityCode {
 public:
  MunicipalityCode() = default;
  MunicipalityCode(std::string_view text) : view_(Intern(text)) {}  // NOLINT(google-explicit-constructor)
  MunicipalityCode(const char* text) : MunicipalityCode(std::string_view(text)) {}
  MunicipalityCode(const std::string& text) : MunicipalityCode(std::string_view(text)) {}

  std::string_view view() const { return view_; }
  operator std::string_view() const { return view_; }  // NOLINT(google-explicit-constructor)
  std::string str() const { return std::string(view_); }
  std::size_t size() const { return view_.size(); }
  bool empty() const { return view_.empty(); }

  friend bool operator==(const MunicipalityCode& a, std::string_view b) { return a.view_ == b; }
  friend std::strong_ordering operator<=>(const MunicipalityCode& a, std::string_view b) { return a.view_ <=> b; }
  friend std::ostream& operator<<(std::ostream& os, const MunicipalityCode& m) { return os << m.view_; }

  // The interned copy of `text`: valid for the rest of the process.
  static std::string_view Intern(std::string_view text);

 private:
  std::string_view view_;
};

}  // namespace onderdak::domain
