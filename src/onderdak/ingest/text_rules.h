// Rules every text value of a delivery obeys, whatever its column (docs/exchange-format.md
// §1 "Text values"): bounded length, no control characters, no BSN. Bounded, linear code:
// each function looks at every byte at most a fixed number of times.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace onderdak::ingest {

// Length limits of CSV values, in bytes (docs/exchange-format.md §1).
inline constexpr std::size_t kMaxRecordIdBytes = 64;  // record_id and references to one
inline constexpr std::size_t kMaxTextBytes = 200;     // free text: name, owner, corporation, source
inline constexpr std::size_t kMaxCodeBytes = 64;      // any other value (codes, dates, numbers)

// A value as it may appear in a message: at most 40 bytes, control bytes replaced by '?'.
std::string ShownValue(std::string_view value);

// The offset of the first control character (U+0000-U+001F, U+007F; a tab is allowed when
// `allow_tab`), or npos.
std::size_t FindControl(std::string_view value, bool allow_tab);

// Whether `value` holds a BSN: a run of exactly 9 digits (not part of a longer run of
// digits) that passes the elfproef. Such a value is refused and never echoed.
bool ContainsBsn(std::string_view value);

}  // namespace onderdak::ingest
