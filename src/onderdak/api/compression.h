// gzip for the public answers kept in SharedResponses (ADR 0040): each is compressed once
// per version of the data when it is kept, and sent compressed to every client whose
// Accept-Encoding takes gzip. /api/v1/indicators for a half-year is 5.9 MB of JSON on the
// national dataset and 122 KB compressed (bench/RESULTS.md).
//
// Only the public answers, made for a caller without a login, are compressed: an answer
// for a logged-in caller may hold a secret (a CSRF token) beside text the caller chose,
// which compression would let an attacker guess byte by byte (BREACH).
//
// Parsing is bounded and without std::regex: the header is the client's.
#pragma once

#include <string>
#include <string_view>

namespace onderdak::api {

// Whether an Accept-Encoding value takes gzip: "gzip" or "x-gzip" (or "*" when gzip is
// not named) with a q-value above 0. Case-insensitive; malformed parts are skipped.
bool AcceptsGzip(std::string_view accept_encoding);

// Whether a body of this Content-Type is worth compressing: text, JSON, SVG, JavaScript.
bool Compressible(std::string_view content_type);

// The body compressed as gzip (RFC 1952) at zlib's default level; std::length_error over
// 4 GiB.
std::string Gzip(std::string_view body);

// An ETag as the compressed answer sends it: weak (W/"..."), since the bytes differ from
// the uncompressed answer's (nginx does the same). Unchanged when already weak or empty.
std::string WeakETag(std::string_view etag);

// Whether If-None-Match `header` names `etag` by weak comparison (RFC 9110 §13.1.2): "*",
// or a member of the list equal to `etag` once "W/" is ignored on both.
bool ETagListMatches(std::string_view header, std::string_view etag);

}  // namespace onderdak::api
