// What a person sees when a page request fails: a title and an explanation chosen by the
// HTTP status, in the page's language from the message catalogue (err.*), and the
// server's own message beneath as a technical detail. Server messages are English, the
// language of the API and the logs (ADR 0034); on a Dutch page the detail is marked
// lang="en" and folded away, so the page reads as Dutch and a screen reader pronounces
// the detail right.
#pragma once

#include <string>
#include <string_view>

#include "onderdak/web/i18n.h"

namespace onderdak::web {

// <h2 id="error-title">, <p id="error">, and the detail (when not empty) in
// <details id="error-detail">. For pages that show an error within their own frame.
std::string ErrorBlock(int status, std::string_view detail, Lang lang);

// A whole page (the common frame, with the account bar's marker) around ErrorBlock and a
// link to the overview; a 401 or 403 also links the login page.
std::string RenderErrorPage(int status, std::string_view detail, Lang lang);

}  // namespace onderdak::web
