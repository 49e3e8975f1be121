// The Dutch citizen service number (BSN) check. A BSN is only ever validated and then
// pseudonymised at intake (ingest/pseudonymiser.h); it is never stored, logged or shown.
#pragma once

#include <string_view>

namespace onderdak::domain {

// True when `text` is 9 digits passing the elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a
// multiple of 11 and not 0. (8-digit numbers must be given with a leading zero.)
bool IsValidBsn(std::string_view text);

}  // namespace onderdak::domain
