#include "onderdak/api/http_message.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace onderdak::api {
namespace {

std::string Text(boost::beast::string_view s) { return std::string(s.data(), s.size()); }

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of `name` in a header's "; name=value" parameters (quotes removed).
std::string HeaderParameter(std::string_view header, std::string_view name) {
  std::string_view rest = header;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    std::string_view part = TrimSpace(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    const auto eq = part.find('=');
    if (eq == std::string_view::npos || !StartsWithNoCase(part.substr(0, eq), name) || eq != name.size()) continue;
    std::string_view value = TrimSpace(part.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return {};
}

// multipart/form-data (RFC 7578): each part's headers and content into req.files.
core::Status ParseMultipart(httplib::Request& req, const std::string& boundary) {
  if (boundary.empty() || boundary.size() > 200) {
    return core::Status::InvalidInput("multipart body without a usable boundary");
  }
  const std::string& body = req.body;
  const std::string delimiter = "--" + boundary;
  const std::string next_delimiter = "\r\n" + delimiter;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string::npos) return core::Status::InvalidInput("multipart body without its boundary");
  pos += delimiter.size();
  while (true) {
    if (body.compare(pos, 2, "--") == 0) return core::Status::Ok();  // the closing delimiter
    if (body.compare(pos, 2, "\r\n") != 0) return core::Status::InvalidInput("malformed multipart body");
    pos += 2;
    const std::size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string::npos) return core::Status::InvalidInput("malformed multipart part headers");
    const std::string_view head(body.data() + pos, head_end - pos);
    const std::size_t content = head_end + 4;
    const std::size_t end = body.find(next_delimiter, content);
    if (end == std::string::npos) return core::Status::InvalidInput("multipart body without its closing boundary");
    httplib::MultipartFormData part;
    std::string_view lines = head;
    while (!lines.empty()) {
      const auto eol = lines.find("\r\n");
      const std::string_view line = lines.substr(0, eol);
      lines = eol == std::string_view::npos ? std::string_view() : lines.substr(eol + 2);
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string_view name = line.substr(0, colon);
      const std::string_view value = TrimSpace(line.substr(colon + 1));
      if (StartsWithNoCase(name, "content-disposition") && name.size() == 19) {
        part.name = HeaderParameter(value, "name");
        part.filename = HeaderParameter(value, "filename");
      } else if (StartsWithNoCase(name, "content-type") && name.size() == 12) {
        part.content_type = std::string(value);
      }
    }
    part.content = body.substr(content, end - content);
    req.files.emplace(part.name, std::move(part));
    pos = end + next_delimiter.size();
  }
}

}  // namespace

httplib::Request RequestHead(const boost::beast::http::request<boost::beast::http::empty_body>& head,
                             const std::string& remote_addr, int remote_port) {
  httplib::Request req;
  req.method = Text(head.method_string());
  req.target = Text(head.target());
  req.version = head.version() == 10 ? "HTTP/1.0" : "HTTP/1.1";
  const auto query = req.target.find('?');
  req.path = httplib::detail::decode_url(req.target.substr(0, query), false);
  if (query != std::string::npos) httplib::detail::parse_query_text(req.target.substr(query + 1), req.params);
  for (const auto& field : head) req.headers.emplace(Text(field.name_string()), Text(field.value()));
  req.remote_addr = remote_addr;
  req.remote_port = remote_port;
  return req;
}

core::Status ParseFormBody(httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (StartsWithNoCase(type, "application/x-www-form-urlencoded")) {
    httplib::detail::parse_query_text(req.body, req.params);
  } else if (StartsWithNoCase(type, "multipart/form-data")) {
    return ParseMultipart(req, HeaderParameter(type, "boundary"));
  }
  return core::Status::Ok();
}

}  // namespace onderdak::api
