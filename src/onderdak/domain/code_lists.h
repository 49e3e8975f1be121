// The code lists of the exchange format (docs/exchange-format.md): every categorical
// column of a delivery takes one of these Dutch codes. Defined once here; the import
// validates against them, the indicators group by them, and a test checks that the
// format document lists every code.
//
// Static, immutable data; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace onderdak::domain {

struct Code {
  std::string_view code;  // as written in a delivery, e.g. "nachtopvang"
  std::string_view nl;    // meaning in Dutch (shown in the Dutch interface)
  std::string_view en;    // meaning in English
  // List-specific flag: for exit destinations "counts as housing" (P6/P7); for shelter
  // service types "is a shelter stay" (P5); for decision reasons "not a valid ground"
  // (regiobinding, P11); for ETHOS "homeless in the default P1 definition (1-3)".
  bool flag = false;
};

struct CodeList {
  std::string_view name;  // e.g. "service_type"
  std::string_view description;
  std::span<const Code> codes;
};

std::span<const CodeList> AllCodeLists();
// nullptr when no list has that name.
const CodeList* FindCodeList(std::string_view name);
// nullptr when `code` is not in `list` (codes are case-sensitive, lower-case).
const Code* FindCode(const CodeList& list, std::string_view code);

}  // namespace onderdak::domain
