// Suggested corrections for values a delivery gets wrong in the usual ways: a municipality
// by its name instead of its GM code, a code in other capitals or by its meaning
// ("Man" for M), a Dutch date (14-07-1992), "Ja" or "yes", a misspelt column. Each returns
// the corrected value only when exactly one is evident, else an empty string. The
// importer never calls them for a withheld column (bsn, initials, birth_date): a
// suggestion would echo the value.
//
// Bounded work on hostile input: every function looks at a value of at most kMaxCodeBytes
// (longer values get no suggestion) and at each known name once.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "onderdak/domain/code_lists.h"
#include "onderdak/domain/reference.h"

namespace onderdak::ingest {

// "Amsterdam", "amsterdam", "363", "0363", "gm0363" -> "GM0363" (when in `reference`).
std::string SuggestMunicipality(const domain::ReferenceSet& reference, std::string_view value);
// As SuggestMunicipality, for a region (its centrumgemeente's name or code).
std::string SuggestRegion(const domain::ReferenceSet& reference, std::string_view value);
// "Nachtopvang" -> "nachtopvang"; "Man" -> "M" (a code's Dutch or English meaning).
std::string SuggestCode(const domain::CodeList& list, std::string_view value);
// "14-07-1992", "14/7/1992", "14.07.1992", "1992/07/14" -> "1992-07-14" (a valid date).
std::string SuggestDate(std::string_view value);
// "Ja", "JA", "yes", "true", "1" -> "ja"; likewise "nee".
std::string SuggestYesNo(std::string_view value);
// "1.234", "1 234" -> "1234" (thousands separators dropped).
std::string SuggestNumber(std::string_view value);
// A column name differing from one of `known` in case, in spaces for underscores, or by at
// most two edits -> that name, when exactly one is that close.
std::string SuggestColumn(std::span<const std::string_view> known, std::string_view value);

}  // namespace onderdak::ingest
