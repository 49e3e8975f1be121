// The bridge between Beast's parsed messages and the plain httplib::Request the handlers
// read (ADR 0016): the request head (method, target, the decoded path, the query, headers,
// the peer), and a body's form fields: application/x-www-form-urlencoded into params,
// multipart/form-data into files. All bounded and without std::regex: the input is the
// client's.
#pragma once

#include <httplib.h>

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <string>

#include "onderdak/core/status.h"

namespace onderdak::api {

httplib::Request RequestHead(const boost::beast::http::request<boost::beast::http::empty_body>& head,
                             const std::string& remote_addr, int remote_port);

// Adds the fields of a form body (urlencoded or multipart) to `req`; other bodies are left
// alone. InvalidInput for a multipart body that does not parse.
core::Status ParseFormBody(httplib::Request& req);

}  // namespace onderdak::api
